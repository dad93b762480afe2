"""permbot tag / receive / untag / sweep against the real sandbox MediaWiki, through pywikibot.

Each test starts from the sandbox's initial content (the `wiki` fixture restores it). Commands run as the
CLI runs them (argument parsing, config, connection, report); the edit-conflict, maxlag and mid-batch
read-only cases drive `bot.wiki.operations` directly, to act between the bot's read and its save.
"""

from __future__ import annotations

import argparse
import datetime
import json
import time
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from bot.config.wiki import EditSummaries, WikiSettings
from bot.sandbox import SandboxWiki
from bot.wiki import commands, operations
from bot.wiki.connection import WikiSession, connect, environment
from bot.wiki.outcomes import FileOutcome, OutcomeKind
from bot.wiki.saver import Saver

CONFIG = Path(__file__).resolve().parents[2] / "config" / "wiki.toml"
TICKET = "2024051410012355"  # the sample ferry's ticket
OTHER_TICKET = "2024060110004321"
NEW_TICKET = "2024061210007777"

HARBOUR = "File:Harbour at dusk.jpg"  # {{Information}} with a pending tag in its permission field
KINGFISHER = "File:Kingfisher on reed.jpg"  # pending at the top, no {{Information}}
FERRY = "File:Stockholm archipelago ferry.jpg"  # already {{PermissionTicket|id=TICKET}}
LIGHTHOUSE = "File:Lighthouse in fog.jpg"  # {{nobots}}
OLD_TOWN = "File:Old town square.jpg"  # {{OTRS pending}}
CATHEDRAL = "File:Cathedral facade.jpg"  # protected (sysop)
HARBOR_REDIRECT = "File:Harbor at dusk.jpg"  # redirect to HARBOUR


def wiki_settings(**profile_changes: Any) -> WikiSettings:
    data = tomllib.loads(CONFIG.read_text(encoding="utf-8"))
    data["profiles"]["sandbox"].update(profile_changes)
    return WikiSettings.from_mapping(data)


ENVELOPE = frozenset({"schema", "type", "command"})


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str = ""

    def lines(self) -> list[dict[str, Any]]:
        """The --json output: one object per line, every one of the schema."""
        parsed = [json.loads(line) for line in self.out.splitlines()]
        assert all(entry["schema"] == "permbot.wiki/1" for entry in parsed)
        return parsed

    def json(self) -> dict[str, Any]:
        """The summary line, with the file lines (without their envelope) under "files"."""
        lines = self.lines()
        assert [entry["type"] for entry in lines[:1] + lines[-1:]] == ["start", "summary"]
        files = [
            {key: value for key, value in entry.items() if key not in ENVELOPE}
            for entry in lines
            if entry["type"] == "file"
        ]
        return {**lines[-1], "files": files}

    def outcomes(self) -> dict[str, str]:
        return {entry["title"]: entry["outcome"] for entry in self.json()["files"]}


Permbot = Callable[..., Result]


def command_runner(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Permbot:
    """Run a wiki command as the CLI does; keyword arguments change the sandbox profile for that run."""

    def run(*argv: str, **profile_changes: Any) -> Result:
        monkeypatch.setattr(commands, "load_settings", lambda: wiki_settings(**profile_changes))
        parser = argparse.ArgumentParser(prog="permbot")
        commands.register(parser.add_subparsers(dest="command", required=True))
        args = parser.parse_args(list(argv))
        capsys.readouterr()
        code = args.run(args)
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


@pytest.fixture
def permbot(
    wiki: SandboxWiki, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Permbot:
    return command_runner(monkeypatch, capsys)


def open_session(**profile_changes: Any) -> tuple[WikiSession, EditSummaries]:
    settings = wiki_settings(**profile_changes)
    env = environment()
    return connect(env, settings.profile(env.profile), settings.names, need_login=True), settings.summaries


def edits_logged(wiki: SandboxWiki) -> list[dict[str, Any]]:
    return [call for call in wiki.api_calls() if call.get("action") == "edit"]


def text_of(wiki: SandboxWiki, title: str) -> str:
    text = wiki.page_text(title)
    assert text is not None, f"{title} should exist"
    return text


# ---------------------------------------------------------------------------------------------------------
# tag


def test_tag_confirms_pending_files_and_reports_each(wiki: SandboxWiki, permbot: Permbot) -> None:
    result = permbot(
        "tag", "--ticket", NEW_TICKET, "--user", "Agent Smith", HARBOUR, "Kingfisher on reed.jpg", "--json"
    )
    assert result.code == 0
    assert result.outcomes() == {HARBOUR: "edited", KINGFISHER: "edited"}
    harbour = text_of(wiki, HARBOUR)
    assert f"|permission={{{{PermissionTicket|id={NEW_TICKET}|user=Agent Smith}}}}\n" in harbour
    assert "Permission pending" not in harbour
    assert f"\n{{{{PermissionTicket|id={NEW_TICKET}|user=Agent Smith}}}}\nA common kingfisher" in text_of(
        wiki, KINGFISHER
    )
    summaries = wiki.request(
        None, "GET", action="query", prop="revisions", rvprop="comment|flags", titles=HARBOUR
    )
    revision = summaries["query"]["pages"][0]["revisions"][0]
    assert f"[[ticket:{NEW_TICKET}]]" in revision["comment"]
    assert revision["minor"] is True


def test_tag_again_is_a_no_op(wiki: SandboxWiki, permbot: Permbot) -> None:
    result = permbot("tag", "--ticket", TICKET, FERRY, "--json")
    assert result.code == 0
    assert result.json()["files"][0] == {
        "title": FERRY,
        "outcome": "unchanged",
        "ticket": TICKET,
        "detail": "already_confirmed",
    }
    assert edits_logged(wiki) == []


def test_simulate_shows_the_diff_and_writes_nothing(wiki: SandboxWiki, permbot: Permbot) -> None:
    before = text_of(wiki, HARBOUR)
    result = permbot("tag", "--ticket", NEW_TICKET, HARBOUR, "--simulate")
    assert result.code == 0
    assert "would edit  File:Harbour at dusk.jpg" in result.out
    assert "-|permission={{Permission pending|year=2024|month=5|day=1}}" in result.out
    assert f"+|permission={{{{PermissionTicket|id={NEW_TICKET}}}}}" in result.out
    assert text_of(wiki, HARBOUR) == before
    assert edits_logged(wiki) == []


def test_json_lines_shape(wiki: SandboxWiki, permbot: Permbot) -> None:
    result = permbot("tag", "--ticket", NEW_TICKET, HARBOUR, "Missing file.png", "--json", "--simulate")
    start, *files, _summary = result.lines()
    assert start["type"] == "start"
    assert (start["wiki"], start["wiki_reason"]) == (
        wiki.api,
        f"PERMBOT_WIKI_API set: the sandbox wiki in {wiki.dir}",
    )
    assert [entry["type"] for entry in files] == ["file", "file"]
    data = result.json()
    assert (data["command"], data["ticket"], data["simulate"], data["ok"]) == ("tag", NEW_TICKET, True, False)
    assert (data["status"], data["exit_status"], data["saved"], data["not_done"]) == ("done", 1, [], [])
    assert data["wiki"] == wiki.api
    assert data["counts"] == {"edited": 1, "missing": 1}
    assert data["files"][0]["actions"] == ["added_ticket", "removed_pending"]
    assert data["files"][0]["diff"].startswith("--- File:Harbour at dusk.jpg")
    assert data["files"][1] == {"title": "File:Missing file.png", "outcome": "missing", "ticket": NEW_TICKET}
    assert result.code == 1


def test_missing_and_redirected_files(wiki: SandboxWiki, permbot: Permbot) -> None:
    result = permbot("tag", "--ticket", NEW_TICKET, HARBOR_REDIRECT, "No such file.jpg", "--json")
    files = result.json()["files"]
    assert {"title": HARBOR_REDIRECT, "outcome": "redirect", "ticket": NEW_TICKET, "target": HARBOUR} in files
    assert {"title": "File:No such file.jpg", "outcome": "missing", "ticket": NEW_TICKET} in files
    assert result.outcomes()[HARBOUR] == "edited"
    assert f"{{{{PermissionTicket|id={NEW_TICKET}}}}}" in text_of(wiki, HARBOUR)
    assert text_of(wiki, HARBOR_REDIRECT).startswith("#REDIRECT")
    assert result.code == 1  # the missing file


def test_a_file_named_twice_or_through_its_redirect_is_edited_once(
    wiki: SandboxWiki, permbot: Permbot
) -> None:
    result = permbot("tag", "--ticket", NEW_TICKET, HARBOUR, HARBOR_REDIRECT, "harbour_at_dusk.jpg", "--json")
    assert [f["title"] for f in result.json()["files"]] == [HARBOUR, HARBOR_REDIRECT]
    assert len(edits_logged(wiki)) == 1


@pytest.mark.parametrize(
    "bots_text",
    [
        pytest.param("{{nobots}}", id="nobots"),
        pytest.param("{{bots|deny=PermBot}}", id="bots-deny-this-bot"),
        pytest.param("{{bots|allow=OtherBot}}", id="bots-allow-only-another"),
        pytest.param("{{No bots}}", id="wiki-redirect-to-nobots"),
    ],
)
def test_bots_exclusion_is_honoured(wiki: SandboxWiki, permbot: Permbot, bots_text: str) -> None:
    title = "File:Excluded sample.jpg"
    wiki.import_pages(
        [
            ("Template:No bots", "#REDIRECT [[Template:Nobots]]"),
            (title, f"{bots_text}\n{{{{Permission pending|year=2024|month=5|day=1}}}}\n"),
        ]
    )
    before = text_of(wiki, title)
    result = permbot("tag", "--ticket", NEW_TICKET, title, LIGHTHOUSE, "--json")
    assert result.outcomes() == {title: "excluded", LIGHTHOUSE: "excluded"}
    assert result.code == 0  # honoured on purpose, not a failure
    assert text_of(wiki, title) == before
    assert edits_logged(wiki) == []


def test_protected_file(wiki: SandboxWiki, permbot: Permbot) -> None:
    result = permbot("tag", "--ticket", NEW_TICKET, CATHEDRAL, HARBOUR, "--json")
    assert result.outcomes() == {CATHEDRAL: "protected", HARBOUR: "edited"}
    assert result.code == 1


def test_blocked_bot(wiki: SandboxWiki, permbot: Permbot) -> None:
    wiki.block("PermBot")
    result = permbot("tag", "--ticket", NEW_TICKET, HARBOUR, KINGFISHER, "--json")
    assert result.outcomes() == {HARBOUR: "blocked", KINGFISHER: "blocked"}
    assert edits_logged(wiki) == []
    assert result.code == 1


# ---------------------------------------------------------------------------------------------------------
# Template aliases (config and the wiki's own redirects)

TICKET_ALIASES = [
    "PermissionTicket",
    "PermissionOTRS",
    "Permission OTRS",
    "OTRS",
    "OTRS permission",
    "PermissionVRTS",
]


def test_untag_removes_the_ticket_under_every_alias_and_spelling(wiki: SandboxWiki, permbot: Permbot) -> None:
    spellings = [
        *TICKET_ALIASES,
        "permission_OTRS",
        " Template:OTRS_permission ",
        "PermissionOTRS <!-- x -->",
    ]
    pages = {
        f"File:Alias {index}.jpg": "{{Information|permission={{" + name + f"|id={TICKET}}}}}}}}}\n"
        for index, name in enumerate(spellings)
    }
    pages["File:Positional id.jpg"] = f"{{{{OTRS|{TICKET}}}}}\n"
    wiki.import_pages(pages.items())
    result = permbot("untag", "--ticket", TICKET, "--json", *pages)
    assert result.outcomes() == dict.fromkeys(pages, "edited")
    for title in pages:
        assert TICKET not in text_of(wiki, title), title


def test_aliases_the_wiki_knows_but_config_does_not(wiki: SandboxWiki, permbot: Permbot) -> None:
    wiki.import_pages(
        [
            ("Template:Ticket de permiso", "#REDIRECT [[Template:PermissionTicket]]"),
            ("Template:Permiso pendiente", "#REDIRECT [[Template:Permission pending]]"),
            ("File:Wiki alias.jpg", f"{{{{Ticket de permiso|id={TICKET}}}}}\n"),
            ("File:Wiki pending alias.jpg", "{{Permiso pendiente|year=2024|month=5|day=1}}\n"),
        ]
    )
    untag = permbot("untag", "--ticket", TICKET, "File:Wiki alias.jpg", "--json")
    assert untag.outcomes() == {"File:Wiki alias.jpg": "edited"}
    assert TICKET not in text_of(wiki, "File:Wiki alias.jpg")
    tag = permbot("tag", "--ticket", NEW_TICKET, "File:Wiki pending alias.jpg", "--json")
    assert tag.json()["files"][0]["actions"] == ["added_ticket", "removed_pending"]
    assert "Permiso pendiente" not in text_of(wiki, "File:Wiki pending alias.jpg")


def test_received_replaces_pending_under_its_alias(wiki: SandboxWiki, permbot: Permbot) -> None:
    result = permbot("receive", "--ticket", NEW_TICKET, "--reason", "license", OLD_TOWN, FERRY, "--json")
    assert result.outcomes() == {OLD_TOWN: "edited", FERRY: "unchanged"}
    text = text_of(wiki, OLD_TOWN)
    assert f"|permission={{{{Permission received|id={NEW_TICKET}|reason=license|" in text
    assert "OTRS pending" not in text


# ---------------------------------------------------------------------------------------------------------
# Several tickets on a page; untag without files


def test_several_tickets_on_one_page(wiki: SandboxWiki, permbot: Permbot) -> None:
    title = "File:Three tickets.jpg"
    text = (
        f"{{{{PermissionTicket|id={TICKET}}}}}\n"
        f"{{{{PermissionOTRS|id={OTHER_TICKET}|user=Someone}}}}\n"
        f"{{{{Permission received|id={NEW_TICKET}|reason=email}}}}\n"
        "== {{int:license-header}} ==\n{{Cc-by-4.0}}\n"
    )
    wiki.import_pages([(title, text)])
    assert permbot("tag", "--ticket", OTHER_TICKET, title, "--json").outcomes() == {title: "unchanged"}
    assert permbot("untag", "--ticket", TICKET, title, "--json").outcomes() == {title: "edited"}
    after = text_of(wiki, title)
    assert after == text.replace(f"{{{{PermissionTicket|id={TICKET}}}}}\n", "").rstrip(
        "\n"
    )  # MediaWiki rstrips


def test_untag_without_files_finds_every_file_carrying_the_ticket(
    wiki: SandboxWiki, permbot: Permbot
) -> None:
    wiki.import_pages(
        [
            ("File:Also this ticket.jpg", f"{{{{OTRS permission|id={TICKET}}}}}\n"),
            ("File:Received this ticket.jpg", f"{{{{Permission received|id={TICKET}|reason=processing}}}}\n"),
            ("File:Another ticket.jpg", f"{{{{PermissionTicket|id={OTHER_TICKET}}}}}\n"),
            ("User:Someone/Notes", f"{{{{PermissionTicket|id={TICKET}}}}}\n"),  # not a file: left alone
        ]
    )
    result = permbot("untag", "--ticket", TICKET, "--json")
    assert result.outcomes() == {
        FERRY: "edited",
        "File:Also this ticket.jpg": "edited",
        "File:Received this ticket.jpg": "edited",
    }
    assert OTHER_TICKET in text_of(wiki, "File:Another ticket.jpg")
    assert TICKET in text_of(wiki, "User:Someone/Notes")


# ---------------------------------------------------------------------------------------------------------
# The run page, read-only, maxlag, edit conflicts


def test_run_page_false_stops_the_batch(wiki: SandboxWiki, permbot: Permbot) -> None:
    wiki.edit_as("other", "User:PermBot/Run", "false", "stop the bot")
    wiki.clear_api_log()
    result = permbot("tag", "--ticket", NEW_TICKET, HARBOUR, KINGFISHER)
    assert result.code == 1
    assert "STOPPED by the run page User:PermBot/Run (run_page_says_stop)" in result.out
    assert "stopped     File:Harbour at dusk.jpg" in result.out
    assert edits_logged(wiki) == []
    assert "Permission pending" in text_of(wiki, HARBOUR)


def test_run_page_is_read_again_during_a_long_batch(wiki: SandboxWiki) -> None:
    stopped: list[bool] = []

    def stop_after_first(_page: Any) -> None:
        if not stopped:
            wiki.edit_as("other", "User:PermBot/Run", "false", "stop the bot")
            stopped.append(True)

    outcomes = _tag_with_hook(stop_after_first, HARBOUR, KINGFISHER, run_page_seconds=0)
    assert [(o.title, o.kind) for o in outcomes] == [
        (HARBOUR, OutcomeKind.EDITED),
        (KINGFISHER, OutcomeKind.STOPPED),
    ]
    assert "Permission pending" in text_of(wiki, KINGFISHER)


def test_read_only_wiki(wiki: SandboxWiki, permbot: Permbot) -> None:
    wiki.set_read_only("Database maintenance")
    result = permbot("tag", "--ticket", NEW_TICKET, HARBOUR, KINGFISHER, "--json")
    assert result.outcomes() == {HARBOUR: "read_only", KINGFISHER: "read_only"}
    assert result.code == 1
    assert edits_logged(wiki) == []


def _tag_with_hook(hook: Callable[[Any], None], *titles: str, **profile_changes: Any) -> list[FileOutcome]:
    session, summaries = open_session(**profile_changes)
    saver = Saver(session, simulate=False, before_save=hook)
    return operations.tag(session, saver, summaries, titles, NEW_TICKET)


def test_wiki_turning_read_only_between_read_and_save(wiki: SandboxWiki) -> None:
    outcomes = _tag_with_hook(lambda _page: wiki.set_read_only("Switching data centres"), HARBOUR, KINGFISHER)
    assert [(o.title, o.kind) for o in outcomes] == [
        (HARBOUR, OutcomeKind.READ_ONLY),
        (KINGFISHER, OutcomeKind.READ_ONLY),
    ]


def test_maxlag_makes_the_save_wait_and_succeed(wiki: SandboxWiki) -> None:
    def lagging(_page: Any) -> None:
        wiki.inject_maxlag(seconds=30, count=1)  # the next request carrying maxlag=5 fails

    started = time.monotonic()
    outcomes = _tag_with_hook(lagging, HARBOUR)
    elapsed = time.monotonic() - started
    assert [(o.title, o.kind) for o in outcomes] == [(HARBOUR, OutcomeKind.EDITED)]
    assert wiki.maxlag_remaining() == 0
    assert len(edits_logged(wiki)) == 2  # one refused with maxlag, one saved
    assert elapsed >= 4.5  # MediaWiki's Retry-After (5 s) was honoured before trying again
    assert f"id={NEW_TICKET}" in text_of(wiki, HARBOUR)


def test_maxlag_that_does_not_end_fails_the_file(wiki: SandboxWiki) -> None:
    outcomes = _tag_with_hook(lambda _page: wiki.inject_maxlag(seconds=30, count=50), HARBOUR, max_retries=1)
    assert [(o.kind, o.detail) for o in outcomes] == [(OutcomeKind.FAILED, "maxlag")]
    assert "Permission pending" in text_of(wiki, HARBOUR)


@pytest.fixture
def conflicting(wiki: SandboxWiki) -> Callable[[int], Callable[[Any], None]]:
    """A before_save hook: the second account edits the same line, `times` times, before the bot saves."""

    def make(times: int) -> Callable[[Any], None]:
        done: list[int] = []

        def edit(page: Any) -> None:
            if len(done) >= times:
                return
            time.sleep(1.1)  # MediaWiki compares timestamps to the second
            current = text_of(wiki, page.title())
            marked = current.replace("day=1}}", f"day=1}}}}<!-- checked {len(done)} -->", 1)
            wiki.edit_as("other", page.title(), marked, "checking the permission line")
            done.append(1)

        return edit

    return make


def test_edit_conflict_rereads_and_retries_once(wiki: SandboxWiki, conflicting: Any) -> None:
    outcomes = _tag_with_hook(conflicting(1), HARBOUR)
    assert [(o.kind, o.detail) for o in outcomes] == [(OutcomeKind.EDITED, "retried_after_conflict")]
    text = text_of(wiki, HARBOUR)
    assert "<!-- checked 0 -->" in text  # the other account's edit survives
    assert f"{{{{PermissionTicket|id={NEW_TICKET}}}}}" in text
    assert "Permission pending" not in text


def test_second_edit_conflict_is_reported(wiki: SandboxWiki, conflicting: Any) -> None:
    outcomes = _tag_with_hook(conflicting(2), HARBOUR)
    assert [(o.kind, o.detail) for o in outcomes] == [(OutcomeKind.CONFLICT, "editconflict")]
    assert "<!-- checked 1 -->" in text_of(wiki, HARBOUR)
    assert NEW_TICKET not in text_of(wiki, HARBOUR)


# ---------------------------------------------------------------------------------------------------------
# sweep


def _days_ago(days: int) -> datetime.date:
    return commands.today_utc() - datetime.timedelta(days=days)


def _pending(day: datetime.date, name: str = "Permission pending") -> str:
    return f"{{{{{name}|year={day.year}|month={day.month}|day={day.day}}}}}\n"


def test_sweep_dates_from_parameters_and_from_history(wiki: SandboxWiki, permbot: Permbot) -> None:
    now = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    wiki.import_pages(
        [
            ("File:Old by params.jpg", _pending(_days_ago(40))),
            ("File:Old by alias params.jpg", _pending(_days_ago(45), "OTRS pending")),
            ("File:Young by params.jpg", _pending(_days_ago(10))),
            (
                "File:Old but received.jpg",
                _pending(_days_ago(50)) + "{{Permission received|id=2024051410012355}}\n",
            ),
        ]
    )
    # No date parameters: the history decides. Added 60 days ago, after a version without the tag.
    wiki.import_pages(
        [("File:Old by history.jpg", "no tag yet\n")], timestamp=now - datetime.timedelta(days=70)
    )
    wiki.import_pages(
        [("File:Old by history.jpg", "{{Permission pending}}\n")], timestamp=now - datetime.timedelta(days=60)
    )
    wiki.import_pages(
        [("File:Old by history.jpg", "{{OTRS pending}} edited\n")], timestamp=now - datetime.timedelta(days=2)
    )
    wiki.import_pages(
        [("File:Young by history.jpg", "{{Permission pending}}\n")],
        timestamp=now - datetime.timedelta(days=3),
    )
    wiki.clear_api_log()

    result = permbot("sweep", "--days", "30", "--json")
    history_reads = [
        call
        for call in wiki.api_calls()
        if call.get("prop") == "revisions"
        and "siteinfo" not in call.get("meta", "")
        and call.get("titles") == 1
    ]
    assert len(history_reads) == 2  # only the two pages without date parameters
    files = {entry["title"]: entry for entry in result.json()["files"]}
    assert {
        title: (e["outcome"], e.get("detail", ""))
        for title, e in files.items()
        if "by" in title or "but" in title
    } == {
        "File:Old by params.jpg": ("edited", ""),
        "File:Old by alias params.jpg": ("edited", ""),
        "File:Young by params.jpg": ("unchanged", "not_overdue"),
        "File:Old but received.jpg": ("unchanged", "has_permission_tag"),
        "File:Old by history.jpg": ("edited", ""),
        "File:Young by history.jpg": ("unchanged", "not_overdue"),
    }
    assert files[LIGHTHOUSE]["outcome"] == "excluded"
    assert files[HARBOUR]["outcome"] == "edited"  # the samples are pending since 2024
    today = commands.today_utc()
    assert text_of(wiki, "File:Old by history.jpg") == (
        f"{{{{No VRTS permission since|day={today.day}|month={today:%B}|year={today.year}}}}} edited"
    )


def test_sweep_simulate_writes_nothing(wiki: SandboxWiki, permbot: Permbot) -> None:
    result = permbot("sweep", "--simulate", "--json")
    assert result.outcomes()[HARBOUR] == "edited"
    assert edits_logged(wiki) == []
    assert "Permission pending" in text_of(wiki, HARBOUR)
