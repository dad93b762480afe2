"""Pure parts of the wiki operations: arguments, error mapping, wiki state, aliases, dates, reports."""

from __future__ import annotations

import argparse
import datetime
import json
import tomllib
from pathlib import Path
from typing import Any

import pytest
from pywikibot import exceptions as pwb_errors

from bot.config.wiki import EditSummaries, WikiProfile, WikiSettings
from bot.wiki import commands
from bot.wiki.connection import (
    WikiEnvironment,
    _AliasQuery,
    credential_problems,
    group_size,
    merge_aliases,
    templates_from_query,
)
from bot.wiki.edits import EditAction, TemplateNames, TemplateRole
from bot.wiki.operations import added_on, batched, is_due, redirect_targets
from bot.wiki.outcomes import FileOutcome, OutcomeKind, any_failure, classify_save_error
from bot.wiki.saver import RunState, parse_wiki_state, unified_diff
from verification.errors import ConfigError
from verification.files import FileVocabulary

CONFIG = Path(__file__).resolve().parents[2] / "config" / "wiki.toml"


def wiki_config() -> dict[str, Any]:
    return tomllib.loads(CONFIG.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def names() -> TemplateNames:
    return TemplateNames.from_mapping(wiki_config()["templates"])


# ---------------------------------------------------------------------------------------------------------
# File arguments


def file_vocabulary() -> FileVocabulary:
    return FileVocabulary.from_mapping(
        tomllib.loads((CONFIG.parent / "files.toml").read_text(encoding="utf-8"))
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("File:Harbour at dusk.jpg", "File:Harbour at dusk.jpg", id="file-prefix"),
        pytest.param("Harbour at dusk.jpg", "File:Harbour at dusk.jpg", id="bare-name"),
        pytest.param(
            "  file:harbour_at__dusk.JPG ", "File:Harbour at dusk.JPG", id="lower-prefix-underscores"
        ),
        pytest.param("Image:Old name.png", "File:Old name.png", id="image-alias"),
        pytest.param(":File:Leading colon.svg", "File:Leading colon.svg", id="leading-colon"),
        pytest.param("Datei:Brücke_im_Nebel.jpg", "File:Brücke im Nebel.jpg", id="localised-namespace"),
        pytest.param("fichier:pont.jpg", "File:Pont.jpg", id="localised-namespace-lower-case"),
        pytest.param(
            "https://commons.wikimedia.org/wiki/File:Ka%C3%B1a_sunset.jpg",
            "File:Kaña sunset.jpg",
            id="page-url",
        ),
        pytest.param(
            "https://commons.wikimedia.org/w/index.php?title=File:Some_file.tif&action=edit",
            "File:Some file.tif",
            id="url-query-title",
        ),
        pytest.param(
            "https://upload.wikimedia.org/wikipedia/commons/thumb/a/ab/Foo.jpg/800px-Foo.jpg",
            "File:Foo.jpg",
            id="thumbnail-url",
        ),
        pytest.param("ähnlich.webm", "File:Ähnlich.webm", id="non-ascii-first-letter"),
    ],
)
def test_file_arguments_become_titles(value: str, expected: str) -> None:
    assert commands.file_title(value, file_vocabulary) == expected


@pytest.mark.parametrize(
    "value",
    [
        pytest.param("", id="empty"),
        pytest.param("File:", id="prefix-only"),
        pytest.param("File:Name without extension", id="no-extension"),
        pytest.param("Name.", id="empty-extension"),
        pytest.param(".jpg", id="no-stem"),
        pytest.param("File:A[1].jpg", id="brackets"),
        pytest.param("File:A|B.jpg", id="pipe"),
        pytest.param("File:A{{x}}.jpg", id="template-braces"),
        pytest.param("File:A#section.jpg", id="hash"),
        pytest.param("File:Map: the old town.pdf", id="colon-in-name-is-not-read-as-another-file"),
        pytest.param("File:A.jpg File:B.jpg", id="two-files-in-one-argument"),
        pytest.param("User:Someone.jpg", id="other-namespace"),
        pytest.param("https://example.org/images/a.jpg", id="url-off-wikimedia"),
        pytest.param("https://commons.wikimedia.org/wiki/Main_Page", id="url-not-a-file"),
        pytest.param("File:" + "x" * 240 + ".jpg", id="too-long"),
    ],
)
def test_bad_file_arguments_are_refused(value: str) -> None:
    with pytest.raises(ValueError, match="is not a file"):
        commands.file_title(value, file_vocabulary)


def test_file_titles_dedupe_and_load_the_vocabulary_at_most_once() -> None:
    loads: list[int] = []

    def counting() -> FileVocabulary:
        loads.append(1)
        return file_vocabulary()

    titles = commands.file_titles(["A.jpg", "File:A.jpg", "Datei:B.jpg", "Bild:C.jpg"], counting)
    assert titles == ["File:A.jpg", "File:B.jpg", "File:C.jpg"]
    assert len(loads) == 1
    assert commands.file_titles(["A.jpg"], counting) == ["File:A.jpg"]
    assert len(loads) == 1  # plain names need no vocabulary


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="permbot")
    commands.register(parser.add_subparsers(dest="command", required=True))
    return parser


@pytest.mark.parametrize(
    "argv",
    [
        pytest.param(["tag", "--ticket", "123", "A.jpg"], id="short-ticket"),
        pytest.param(["tag", "--ticket", "2024133110012355", "A.jpg"], id="ticket-bad-month"),
        pytest.param(["tag", "--ticket", "1899051410012355", "A.jpg"], id="ticket-year-too-early"),
        pytest.param(["tag", "--ticket", "2024051410012355"], id="tag-without-files"),
        pytest.param(
            ["receive", "--ticket", "2024051410012355", "--reason", "other", "A.jpg"], id="bad-reason"
        ),
        pytest.param(["sweep", "--days", "0"], id="days-zero"),
        pytest.param(["sweep", "--days", "ten"], id="days-not-number"),
        pytest.param(["untag", "A.jpg"], id="untag-without-ticket"),
        pytest.param(["tag", "--ticket", "2024051410012355", "--user", "A|B", "A.jpg"], id="user-with-pipe"),
        pytest.param(
            ["tag", "--ticket", "2024051410012355", "--user", "}}", "A.jpg"], id="user-closing-template"
        ),
        pytest.param(["receive", "--ticket", "2024051410012355", "--user", "  ", "A.jpg"], id="user-blank"),
        pytest.param(["tag", "--ticket", "2024051410012355", "--user", "A\nB", "A.jpg"], id="user-newline"),
    ],
)
def test_bad_command_lines_stop_before_any_work(argv: list[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        _parser().parse_args(argv)
    assert stop.value.code == 2


def test_command_line_normalises_the_ticket() -> None:
    args = _parser().parse_args(["untag", "--ticket", " 2024051410012355 ", "a_b.jpg", "--json"])
    assert (args.ticket, args.files, args.json, args.simulate) == (
        "2024051410012355",
        ["a_b.jpg"],
        True,
        False,
    )
    assert _parser().parse_args(["untag", "--ticket", "2024051410012355"]).files == []
    user = _parser().parse_args(["tag", "--ticket", "2024051410012355", "--user", " Jane_Roe ", "A.jpg"]).user
    assert user == "Jane Roe"
    assert _parser().parse_args(["receive", "--ticket", "2024051410012355", "x.jpg"]).reason == "processing"


def test_a_bad_file_stops_the_command_before_the_wiki_is_opened(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import bot.wiki.connection

    def no_wiki(*_args: Any, **_kwargs: Any) -> None:
        raise AssertionError("the wiki must not be opened")

    monkeypatch.setattr(bot.wiki.connection, "connect", no_wiki)
    monkeypatch.setattr(commands, "load_file_vocabulary", file_vocabulary)
    args = _parser().parse_args(["tag", "--ticket", "2024051410012355", "Good.jpg", "No extension"])
    assert args.run(args) == commands.EXIT_UNUSABLE
    assert "'No extension' is not a file" in capsys.readouterr().err


# ---------------------------------------------------------------------------------------------------------
# Errors to outcomes


class _FakePage:
    def title(self, **_kwargs: Any) -> str:
        return "File:X.jpg"


def _api(code: str) -> pwb_errors.APIError:
    return pwb_errors.APIError(code, "info")


@pytest.mark.parametrize(
    ("error", "kind", "detail"),
    [
        pytest.param(
            pwb_errors.EditConflictError(_FakePage()), OutcomeKind.CONFLICT, "editconflict", id="conflict"
        ),
        pytest.param(
            pwb_errors.PageDeletedConflictError(_FakePage()), OutcomeKind.MISSING, "deleted", id="deleted"
        ),
        pytest.param(pwb_errors.NoCreateError(_FakePage()), OutcomeKind.MISSING, "deleted", id="nocreate"),
        pytest.param(
            pwb_errors.LockedPageError(_FakePage()), OutcomeKind.PROTECTED, "protectedpage", id="protected"
        ),
        pytest.param(
            pwb_errors.CascadeLockedPageError(_FakePage()),
            OutcomeKind.PROTECTED,
            "cascadeprotected",
            id="cascade",
        ),
        pytest.param(
            pwb_errors.OtherPageSaveError(_FakePage(), _api("blocked")),
            OutcomeKind.BLOCKED,
            "blocked",
            id="blocked",
        ),
        pytest.param(
            pwb_errors.OtherPageSaveError(_FakePage(), _api("autoblocked")),
            OutcomeKind.BLOCKED,
            "autoblocked",
            id="autoblocked",
        ),
        pytest.param(
            pwb_errors.OtherPageSaveError(_FakePage(), pwb_errors.APIMWError("readonly", "maintenance")),
            OutcomeKind.READ_ONLY,
            "readonly",
            id="readonly-mw-error",
        ),
        pytest.param(_api("readonly"), OutcomeKind.READ_ONLY, "readonly", id="readonly-code"),
        pytest.param(
            pwb_errors.OtherPageSaveError(_FakePage(), pwb_errors.MaxlagTimeoutError("lag")),
            OutcomeKind.FAILED,
            "maxlag",
            id="maxlag-gave-up",
        ),
        pytest.param(pwb_errors.ApiTimeoutError("retries"), OutcomeKind.FAILED, "timeout", id="timeout"),
        pytest.param(
            pwb_errors.AbuseFilterDisallowedError(_FakePage(), "filter 69"),
            OutcomeKind.FAILED,
            "abusefilter-disallowed",
            id="abuse-filter",
        ),
        pytest.param(
            _api("protectednamespace"), OutcomeKind.PROTECTED, "protectednamespace", id="ns-protected"
        ),
        pytest.param(_api("spamblacklist"), OutcomeKind.FAILED, "spamblacklist", id="other-api-code"),
        pytest.param(
            pwb_errors.OtherPageSaveError(_FakePage(), "text"),
            OutcomeKind.FAILED,
            "OtherPageSaveError",
            id="text-reason",
        ),
        pytest.param(pwb_errors.Server504Error("gateway"), OutcomeKind.FAILED, "server_error", id="server"),
    ],
)
def test_save_errors_become_typed_outcomes(error: BaseException, kind: OutcomeKind, detail: str) -> None:
    mapped = classify_save_error(error)
    assert (mapped.kind, mapped.detail) == (kind, detail)


@pytest.mark.parametrize(
    ("kinds", "failed"),
    [
        pytest.param([OutcomeKind.EDITED, OutcomeKind.UNCHANGED, OutcomeKind.REDIRECT], False, id="all-fine"),
        pytest.param([OutcomeKind.EXCLUDED], False, id="nobots-honoured-is-fine"),
        pytest.param([OutcomeKind.EDITED, OutcomeKind.MISSING], True, id="missing-file"),
        pytest.param([OutcomeKind.STOPPED], True, id="stopped"),
        pytest.param([OutcomeKind.READ_ONLY], True, id="read-only"),
        pytest.param([], False, id="nothing"),
    ],
)
def test_exit_status_follows_outcome_kinds(kinds: list[OutcomeKind], failed: bool) -> None:
    assert any_failure(FileOutcome(f"File:{i}.jpg", kind) for i, kind in enumerate(kinds)) is failed


# ---------------------------------------------------------------------------------------------------------
# The wiki's state before a batch


def _state_answer(
    content: str | None = "true", *, readonly: bool = False, blocked: bool = False, missing: bool = False
) -> dict[str, Any]:
    general: dict[str, Any] = {"sitename": "Wiki"}
    if readonly:
        general.update(readonly=True, readonlyreason="database maintenance")
    userinfo: dict[str, Any] = {"id": 2, "name": "PermBot"}
    if blocked:
        userinfo.update(blockid=7, blockedby="Admin")
    page: dict[str, Any] = {"title": "User:PermBot/Run", "ns": 2}
    if missing:
        page["missing"] = True
    elif content is not None:
        page["revisions"] = [{"slots": {"main": {"contentmodel": "wikitext", "content": content}}}]
    return {"query": {"general": general, "userinfo": userinfo, "pages": [page]}}


@pytest.mark.parametrize(
    ("answer", "state", "detail"),
    [
        pytest.param(_state_answer("true"), RunState.RUN, "", id="true"),
        pytest.param(_state_answer("  True\n"), RunState.RUN, "", id="true-spaced-capital"),
        pytest.param(_state_answer("false"), RunState.STOPPED, "run_page_says_stop", id="false"),
        pytest.param(_state_answer(""), RunState.STOPPED, "run_page_says_stop", id="empty"),
        pytest.param(
            _state_answer("true, but stop please"), RunState.STOPPED, "run_page_says_stop", id="prose"
        ),
        pytest.param(_state_answer(missing=True), RunState.STOPPED, "run_page_missing", id="missing"),
        pytest.param(_state_answer(None), RunState.STOPPED, "run_page_missing", id="no-revision"),
        pytest.param(_state_answer(readonly=True), RunState.READ_ONLY, "readonly", id="read-only-wins"),
        pytest.param(_state_answer(blocked=True), RunState.BLOCKED, "blocked", id="blocked"),
        pytest.param({}, RunState.STOPPED, "run_page_missing", id="empty-answer-fails-safe"),
    ],
)
def test_wiki_state(answer: dict[str, Any], state: RunState, detail: str) -> None:
    found = parse_wiki_state(answer, "User:PermBot/Run", "true")
    assert (found.state, found.detail) == (state, detail)


def test_read_only_reason_is_kept_for_the_message() -> None:
    found = parse_wiki_state(_state_answer(readonly=True), "User:PermBot/Run", "true")
    assert "database maintenance" in found.message


# ---------------------------------------------------------------------------------------------------------
# Template aliases from the wiki's redirects


def _alias_answer() -> dict[str, Any]:
    return {
        "normalized": [{"from": "Template:OTRS-pending", "to": "Template:OTRS-pending"}],
        "redirects": [
            {"from": "Template:PermissionOTRS", "to": "Template:PermissionTicket"},
            {"from": "Template:OTRS pending", "to": "Template:Permission pending"},
        ],
        "pages": [
            {
                "title": "Template:PermissionTicket",
                "redirects": [
                    {"title": "Template:PermissionOTRS"},
                    {"title": "Template:Ticket de permiso"},  # known only to the wiki
                ],
            },
            {"title": "Template:Permission pending", "redirects": [{"title": "Template:OTRS pending"}]},
            {"title": "Template:OTRS-pending"},  # a standalone copy, not a redirect
            {"title": "Template:Permission received", "missing": True},
            {"title": "Template:Information"},
            {"title": "Template:Nobots", "redirects": [{"title": "Template:No bots"}]},
            {"title": "Template:Bots", "missing": True},
        ],
    }


def test_template_pages_and_aliases_come_from_the_wiki(names: TemplateNames) -> None:
    query = _AliasQuery()
    query.add(_alias_answer())
    found = templates_from_query(query, names)
    assert found.pages[TemplateRole.TICKET] == ("Template:PermissionTicket",)
    assert found.pages[TemplateRole.PENDING] == ("Template:Permission pending", "Template:OTRS-pending")
    assert found.pages[TemplateRole.RECEIVED] == ()
    assert "Template:Ticket de permiso" in found.aliases[TemplateRole.TICKET]
    merged = merge_aliases(names, found.aliases)
    assert merged.role_of("ticket de permiso") is TemplateRole.TICKET
    assert merged.role_of("OTRS pending") is TemplateRole.PENDING
    assert merged.canonical(TemplateRole.TICKET) == names.canonical(TemplateRole.TICKET)
    assert found.nobots == ("Template:Nobots", "Template:No bots")
    assert found.bots == ()


def test_continued_alias_answers_accumulate(names: TemplateNames) -> None:
    query = _AliasQuery()
    query.add({"pages": [{"title": "Template:PermissionTicket", "redirects": [{"title": "Template:A"}]}]})
    query.add({"pages": [{"title": "Template:PermissionTicket", "redirects": [{"title": "Template:B"}]}]})
    aliases = templates_from_query(query, names).aliases[TemplateRole.TICKET]
    assert {"Template:A", "Template:B"} <= set(aliases)


def test_a_redirect_that_crosses_roles_is_a_setup_error(names: TemplateNames) -> None:
    from bot.wiki.connection import WikiSetupError

    with pytest.raises(WikiSetupError, match="pending"):
        merge_aliases(names, {TemplateRole.PENDING: ["Template:PermissionOTRS"]})


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        pytest.param({}, {}, id="none"),
        pytest.param(
            {"redirects": [{"from": "File:A.jpg", "to": "File:B.jpg"}]},
            {"File:A.jpg": "File:B.jpg"},
            id="one-hop",
        ),
        pytest.param(
            {
                "redirects": [
                    {"from": "File:A.jpg", "to": "File:B.jpg"},
                    {"from": "File:B.jpg", "to": "File:C.jpg"},
                ]
            },
            {"File:A.jpg": "File:C.jpg", "File:B.jpg": "File:C.jpg"},
            id="chain",
        ),
        pytest.param(
            {
                "redirects": [
                    {"from": "File:A.jpg", "to": "File:B.jpg"},
                    {"from": "File:B.jpg", "to": "File:A.jpg"},
                ]
            },
            {"File:A.jpg": "File:B.jpg", "File:B.jpg": "File:A.jpg"},
            id="loop-stops",
        ),
    ],
)
def test_redirect_targets(answer: dict[str, Any], expected: dict[str, str]) -> None:
    assert redirect_targets(answer) == expected


@pytest.mark.parametrize(
    ("has_high_limits", "size"), [pytest.param(True, 500, id="bot"), pytest.param(False, 50, id="user")]
)
def test_group_size(has_high_limits: bool, size: int) -> None:
    assert group_size(has_high_limits) == size


def test_batched() -> None:
    assert list(batched(range(5), 2)) == [[0, 1], [2, 3], [4]]
    assert list(batched([], 3)) == []


# ---------------------------------------------------------------------------------------------------------
# Sweep dates

D = datetime.date
PENDING = "{{Permission pending}}\n== Licensing ==\n"
NOT_PENDING = "== Licensing ==\n{{cc-by-4.0}}\n"


@pytest.mark.parametrize(
    ("revisions", "expected"),
    [
        pytest.param([(D(2024, 5, 9), PENDING), (D(2024, 5, 1), PENDING)], D(2024, 5, 1), id="since-upload"),
        pytest.param(
            [
                (D(2024, 5, 9), PENDING),
                (D(2024, 5, 3), PENDING),
                (D(2024, 5, 2), NOT_PENDING),
                (D(2024, 4, 1), PENDING),
            ],
            D(2024, 5, 3),
            id="re-added-counts-from-last-addition",
        ),
        pytest.param([(D(2024, 5, 9), NOT_PENDING)], None, id="newest-not-pending"),
        pytest.param(
            [(D(2024, 5, 9), PENDING), (D(2024, 5, 5), None)], D(2024, 5, 9), id="hidden-text-stops"
        ),
        pytest.param(
            [(D(2024, 5, 9), "{{OTRS pending|year=x}}"), (D(2024, 5, 2), "{{otrs_pending}}")],
            D(2024, 5, 2),
            id="alias",
        ),
        pytest.param(
            [(D(2024, 5, 9), "<nowiki>{{Permission pending}}</nowiki>")], None, id="nowiki-is-not-a-tag"
        ),
        pytest.param([], None, id="no-history"),
    ],
)
def test_pending_tag_added_on(
    revisions: list[tuple[datetime.date, str | None]], expected: datetime.date | None, names: TemplateNames
) -> None:
    assert added_on(iter(revisions), names) == expected


def test_added_on_reads_no_further_than_needed(names: TemplateNames) -> None:
    read: list[datetime.date] = []

    def revisions() -> Any:
        for day, text in [(D(2024, 5, 9), PENDING), (D(2024, 5, 2), NOT_PENDING), (D(2024, 1, 1), PENDING)]:
            read.append(day)
            yield day, text

    assert added_on(revisions(), names) == D(2024, 5, 9)
    assert read == [D(2024, 5, 9), D(2024, 5, 2)]


@pytest.mark.parametrize(
    ("since", "today", "days", "due"),
    [
        pytest.param(D(2024, 5, 1), D(2024, 5, 31), 30, False, id="exactly-30-days"),
        pytest.param(D(2024, 5, 1), D(2024, 6, 1), 30, True, id="31-days"),
        pytest.param(D(2024, 5, 1), D(2024, 5, 1), 30, False, id="today"),
        pytest.param(D(2024, 6, 1), D(2024, 5, 1), 30, False, id="future-date"),
        pytest.param(D(2023, 12, 31), D(2024, 1, 8), 7, True, id="across-new-year"),
    ],
)
def test_is_due(since: datetime.date, today: datetime.date, days: int, due: bool) -> None:
    assert is_due(since, today, days) is due


# ---------------------------------------------------------------------------------------------------------
# Settings


def test_real_config_loads_both_profiles() -> None:
    settings = WikiSettings.from_mapping(wiki_config())
    commons, sandbox = settings.profile("commons"), settings.profile("sandbox")
    assert commons.maxlag > 0
    assert commons.put_throttle > 0
    assert sandbox.put_throttle == 0
    assert commons.run_page
    assert commons.run_value == commons.run_value.strip().casefold()
    summary = settings.summaries.tag.format(ticket="2024051410012355", days=None)
    assert "[[ticket:2024051410012355]]" in summary


def test_unknown_profile_names_the_variable() -> None:
    with pytest.raises(ConfigError, match="PERMBOT_PROFILE"):
        WikiSettings.from_mapping(wiki_config()).profile("staging")


@pytest.mark.parametrize(
    ("key", "value"),
    [
        pytest.param("put_throttle", -1, id="negative-throttle"),
        pytest.param("maxlag", "five", id="maxlag-text"),
        pytest.param("maxlag", 2.5, id="maxlag-fraction"),
        pytest.param("max_retries", 1.5, id="retries-fraction"),
        pytest.param("sweep_days", 0, id="zero-days"),
        pytest.param("run_page", "", id="empty-run-page"),
        pytest.param("run_value", None, id="no-run-value"),
        pytest.param("retry_wait", True, id="bool-is-not-a-number"),
    ],
)
def test_bad_profile_values_name_the_key(key: str, value: Any) -> None:
    table = dict(wiki_config()["profiles"]["commons"])
    if value is None:
        del table[key]
    else:
        table[key] = value
    with pytest.raises(ConfigError, match=key):
        WikiProfile.from_mapping(table, "[profiles.commons]")


@pytest.mark.parametrize(
    ("summary", "ok"),
    [
        pytest.param("Confirmed in [[ticket:{ticket}]]", True, id="ticket"),
        pytest.param("Pending more than {days} days", True, id="days"),
        pytest.param("Confirmed by {sender} in [[ticket:{ticket}]]", False, id="sender-would-leak"),
        pytest.param("{subject}", False, id="subject-would-leak"),
    ],
)
def test_summaries_allow_only_ticket_and_days(summary: str, ok: bool) -> None:
    data = dict(wiki_config()["summaries"], tag=summary)
    if ok:
        assert EditSummaries.from_mapping(data).tag == summary
    else:
        with pytest.raises(ConfigError, match=r"\[summaries\] tag"):
            EditSummaries.from_mapping(data)


# ---------------------------------------------------------------------------------------------------------
# Credentials


def _env(tmp_path: Path, **changes: str) -> WikiEnvironment:
    (tmp_path / "user-config.py").write_text("# test\n")
    password = tmp_path / "password"
    password.write_text("('PermBot', BotPassword('permbot', 'x' * 32))\n")
    environ = {
        "PERMBOT_WIKI_USER": "PermBot",
        "PERMBOT_PASSWORD_FILE": str(password),
        "PYWIKIBOT_DIR": str(tmp_path),
        **changes,
    }
    return WikiEnvironment.from_environ({k: v for k, v in environ.items() if v})


@pytest.mark.parametrize(
    ("changes", "names_in_message"),
    [
        pytest.param({}, [], id="complete"),
        pytest.param({"PERMBOT_WIKI_USER": ""}, ["PERMBOT_WIKI_USER"], id="no-user"),
        pytest.param(
            {"PERMBOT_PASSWORD_FILE": ""}, ["PERMBOT_PASSWORD_FILE", "BotPassword"], id="no-password-file"
        ),
        pytest.param(
            {"PERMBOT_PASSWORD_FILE": "/nonexistent/pw"}, ["/nonexistent/pw"], id="password-file-missing"
        ),
        pytest.param({"PERMBOT_WIKI_USER": "OtherBot"}, ["OtherBot"], id="no-line-for-user"),
        pytest.param({"PYWIKIBOT_DIR": "/tmp"}, ["PYWIKIBOT_DIR", "user-config.py"], id="dir-without-config"),
    ],
)
def test_credential_problems_name_what_to_fill_in(
    tmp_path: Path, changes: dict[str, str], names_in_message: list[str]
) -> None:
    problems = credential_problems(_env(tmp_path, **changes))
    assert bool(problems) is bool(names_in_message)
    for name in names_in_message:
        assert any(name in problem for problem in problems)


def test_environment_defaults_to_commons_profile(tmp_path: Path) -> None:
    env = _env(tmp_path)
    assert (env.api, env.profile, env.wiki_label) == (None, "commons", "Wikimedia Commons")
    env = WikiEnvironment.from_environ(
        {"PERMBOT_WIKI_API": "http://127.0.0.1:1/api.php", "PERMBOT_PROFILE": "sandbox"}
    )
    assert (env.api, env.profile) == ("http://127.0.0.1:1/api.php", "sandbox")


# ---------------------------------------------------------------------------------------------------------
# Reports


def _report(simulate: bool = False) -> commands.RunReport:
    outcomes = (
        FileOutcome(
            "File:A.jpg",
            OutcomeKind.EDITED,
            "2024051410012355",
            actions=(EditAction.ADDED_TICKET, EditAction.REMOVED_PENDING),
            diff=unified_diff(
                "File:A.jpg", "{{Permission pending}}\n", "{{PermissionTicket|id=2024051410012355}}\n"
            )
            if simulate
            else "",
        ),
        FileOutcome("File:B.jpg", OutcomeKind.REDIRECT, "2024051410012355", target="File:A.jpg"),
        FileOutcome("File:C.jpg", OutcomeKind.STOPPED, "2024051410012355", "run_page_says_stop"),
    )
    return commands.RunReport(
        "tag", "2024051410012355", simulate, "http://wiki/api.php", outcomes, "User:PermBot/Run"
    )


def test_json_report_shape() -> None:
    data = json.loads(json.dumps(_report().to_json()))
    assert (data["command"], data["ticket"], data["ok"]) == ("tag", "2024051410012355", False)
    assert data["counts"] == {"edited": 1, "redirect": 1, "stopped": 1}
    assert data["files"][0] == {
        "title": "File:A.jpg",
        "outcome": "edited",
        "ticket": "2024051410012355",
        "actions": ["added_ticket", "removed_pending"],
    }
    assert data["files"][1]["target"] == "File:A.jpg"
    assert data["files"][2]["detail"] == "run_page_says_stop"


def test_text_report_shows_diff_redirect_and_stop() -> None:
    text = commands.render_text(_report(simulate=True))
    assert "simulate" in text.splitlines()[0]
    assert "would edit" in text
    assert "+{{PermissionTicket|id=2024051410012355}}" in text
    assert "-> File:A.jpg" in text
    assert "STOPPED by the run page User:PermBot/Run" in text
    assert text.splitlines()[-1].startswith("3 file(s)")


def test_unified_diff_marks_only_changed_lines() -> None:
    diff = unified_diff("File:A.jpg", "a\nb\nc\nd\n", "a\nb\nC\nd\n")
    assert "-c\n+C\n" in diff
    assert [line for line in diff.splitlines() if line[1:] == "a"] == []  # only one line of context
    assert unified_diff("File:A.jpg", "same", "same") == ""
