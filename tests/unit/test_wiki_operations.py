"""Pure parts of the wiki operations: arguments, error mapping, wiki state, aliases, dates, reports."""

from __future__ import annotations

import argparse
import dataclasses
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
from bot.wiki.operations import RedirectTarget, added_on, batched, is_due, redirect_targets
from bot.wiki.outcomes import FileOutcome, OutcomeKind, any_failure, classify_save_error
from bot.wiki.report import (
    EXIT_USAGE,
    SCHEMA,
    RunHeader,
    RunStatus,
    RunSummary,
    file_json,
    file_lines,
    header_line,
    start_json,
    summary_json,
    summary_lines,
)
from bot.wiki.saver import RunState, parse_wiki_state, unified_diff
from bot.wiki.terminal import inert
from bot.wiki.usernames import normalise_user_name, user_name_problem
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
        pytest.param(["tag", "--ticket", "2099010110000000", "A.jpg"], id="ticket-2099"),
        pytest.param(["tag", "--ticket", "2024051410012355", "--user", "~~~~", "A.jpg"], id="user-signature"),
        pytest.param(
            ["tag", "--ticket", "2024051410012355", "--user", "https://evil.example", "A.jpg"], id="user-url"
        ),
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
    assert args.run(args) == EXIT_USAGE
    assert "'No extension' is not a file" in capsys.readouterr().err


def test_a_ticket_dated_tomorrow_in_utc_is_allowed_the_day_after_is_not(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(commands, "today_utc", lambda: datetime.date(2025, 3, 18))
    assert _parser().parse_args(["untag", "--ticket", "2025031910000001"]).ticket == "2025031910000001"
    with pytest.raises(SystemExit):
        _parser().parse_args(["untag", "--ticket", "2025032010000001"])
    assert "after today (20250318)" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        pytest.param("Jane Roe", None, id="plain"),
        pytest.param(" jane_roe ", None, id="underscores-lower-first"),
        pytest.param("O'Brien", None, id="apostrophe"),
        pytest.param("Müller-Lüdenscheidt", None, id="non-ascii"),
        pytest.param("José María", None, id="accented"),
        pytest.param("李小龍", None, id="han"),
        pytest.param("A" * 85, None, id="85-chars"),
        pytest.param("A" * 86, "at most 85", id="86-chars"),
        pytest.param("", "empty", id="empty"),
        pytest.param(" _ ", "empty", id="only-spaces"),
        pytest.param("~~~~", "~~~", id="signature"),
        pytest.param("Jane ~~~ Roe", "~~~", id="tildes-inside"),
        pytest.param("Jane~Roe", None, id="one-tilde"),
        pytest.param("[[User:X]]", "cannot contain", id="wikilink"),
        pytest.param("{{X}}", "cannot contain", id="template"),
        pytest.param("A|B", "cannot contain", id="pipe"),
        pytest.param("A#B", "cannot contain", id="hash"),
        pytest.param("<b>x</b>", "cannot contain", id="html"),
        pytest.param("A/B", "cannot contain", id="slash"),
        pytest.param("a@b.org", "cannot contain", id="at-sign"),
        pytest.param("User:Jane", "cannot contain", id="namespace-colon"),
        pytest.param("a=b", "cannot contain", id="equals"),
        pytest.param("https://evil.example/x", "cannot contain", id="url"),
        pytest.param("www.evil.example", "web address", id="www"),
        pytest.param("''Jane''", "markup", id="italics"),
        pytest.param("Jane&amp;Roe", "markup", id="entity"),
        pytest.param("Jane%7CRoe", "markup", id="percent-escape"),
        pytest.param("Jane\u202eRoe", "invisible", id="rlo"),
        pytest.param("Jane\u200bRoe", "invisible", id="zero-width-space"),
        pytest.param("Jane\u2066Roe", "invisible", id="lri"),
        pytest.param("Jane\x1b[31mRoe", "invisible", id="escape-sequence"),
        pytest.param("Jane\u00adRoe", "invisible", id="soft-hyphen"),
        pytest.param("192.0.2.1", "IP address", id="ipv4"),
        pytest.param("2001:db8::1", "cannot contain", id="ipv6-has-colons"),
    ],
)
def test_user_names(value: str, problem: str | None) -> None:
    found = user_name_problem(value)
    if problem is None:
        assert found is None
    else:
        assert found is not None
        assert problem in found


def test_user_name_is_normalised_as_mediawiki_does() -> None:
    assert normalise_user_name("  jane__roe ") == "Jane roe"


def test_bad_user_name_error_is_clear_and_inert(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        _parser().parse_args(["tag", "--ticket", "2024051410012355", "--user", "~~~~\x1b[2J", "A.jpg"])
    err = capsys.readouterr().err
    assert "argument --user: a user name cannot contain control or invisible characters" in err
    assert "\x1b" not in err


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


F = FILE = 6


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        pytest.param({}, {}, id="none"),
        pytest.param(
            {
                "redirects": [{"from": "File:A.jpg", "to": "File:B.jpg"}],
                "pages": [{"title": "File:B.jpg", "ns": F}],
            },
            {"File:A.jpg": RedirectTarget("File:B.jpg", F)},
            id="one-hop",
        ),
        pytest.param(
            {
                "redirects": [
                    {"from": "File:A.jpg", "to": "File:B.jpg"},
                    {"from": "File:B.jpg", "to": "File:C.jpg"},
                ],
                "pages": [{"title": "File:C.jpg", "ns": F}],
            },
            {"File:A.jpg": RedirectTarget("File:C.jpg", F), "File:B.jpg": RedirectTarget("File:C.jpg", F)},
            id="chain",
        ),
        pytest.param(
            {
                "redirects": [
                    {"from": "File:A.jpg", "to": "File:B.jpg"},
                    {"from": "File:B.jpg", "to": "File:A.jpg"},
                ]
            },
            {"File:A.jpg": RedirectTarget("File:B.jpg"), "File:B.jpg": RedirectTarget("File:A.jpg")},
            id="loop-stops",
        ),
        pytest.param(
            {
                "redirects": [{"from": "File:A.jpg", "to": "User:Mallory"}],
                "pages": [{"title": "User:Mallory", "ns": 2}],
            },
            {"File:A.jpg": RedirectTarget("User:Mallory", 2)},
            id="to-user-page",
        ),
        pytest.param(
            {
                "redirects": [{"from": "File:A.jpg", "to": "wikipedia:Foo", "tointerwiki": "wikipedia"}],
                "pages": [{"title": "wikipedia:Foo", "ns": 0}],
            },
            {"File:A.jpg": RedirectTarget("wikipedia:Foo", None, "wikipedia")},
            id="interwiki-not-a-local-page",
        ),
        pytest.param(
            {
                "redirects": [
                    {"from": "File:A.jpg", "to": "File:B.jpg"},
                    {"from": "File:B.jpg", "to": "File:C.jpg", "tointerwiki": "commons"},
                ],
                "pages": [{"title": "File:C.jpg", "ns": F}],
            },
            {
                "File:A.jpg": RedirectTarget("File:C.jpg", None, "commons"),
                "File:B.jpg": RedirectTarget("File:C.jpg", None, "commons"),
            },
            id="interwiki-at-the-end-of-a-chain",
        ),
    ],
)
def test_redirect_targets(answer: dict[str, Any], expected: dict[str, RedirectTarget]) -> None:
    assert redirect_targets(answer) == expected


@pytest.mark.parametrize(
    ("target", "is_file", "why"),
    [
        pytest.param(RedirectTarget("File:B.jpg", F), True, "not_a_file", id="file"),
        pytest.param(RedirectTarget("User:X", 2), False, "not_a_file", id="user"),
        pytest.param(RedirectTarget("Template:X", 10), False, "not_a_file", id="template"),
        pytest.param(RedirectTarget("Article", 0), False, "not_a_file", id="article"),
        pytest.param(RedirectTarget("File:B.jpg", None), False, "not_a_file", id="namespace-unknown"),
        pytest.param(RedirectTarget("File:B.jpg", None, "commons"), False, "interwiki", id="interwiki"),
    ],
)
def test_only_file_pages_of_this_wiki_are_followed(target: RedirectTarget, is_file: bool, why: str) -> None:
    assert (target.is_file, target.why_outside) == (is_file, why)


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


HEADER = RunHeader("tag", "2024051410012355", False, "http://wiki/api.php", "PERMBOT_WIKI_API set")


def _summary(simulate: bool = False, **changes: Any) -> RunSummary:
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
            revision=None if simulate else 42,
        ),
        FileOutcome("File:B.jpg", OutcomeKind.REDIRECT, "2024051410012355", target="File:A.jpg"),
        FileOutcome("File:C.jpg", OutcomeKind.STOPPED, "2024051410012355", "run_page_says_stop"),
    )
    header = dataclasses.replace(HEADER, simulate=simulate)
    return RunSummary(header, outcomes, run_page="User:PermBot/Run", **changes)


def test_json_lines_shape() -> None:
    summary = _summary()
    start = json.loads(json.dumps(start_json(summary.header)))
    assert start == {
        "schema": SCHEMA,
        "type": "start",
        "command": "tag",
        "ticket": "2024051410012355",
        "simulate": False,
        "wiki": "http://wiki/api.php",
        "wiki_reason": "PERMBOT_WIKI_API set",
    }
    first = file_json(summary.outcomes[0], "tag")
    assert first == {
        "schema": SCHEMA,
        "type": "file",
        "command": "tag",
        "title": "File:A.jpg",
        "outcome": "edited",
        "ticket": "2024051410012355",
        "actions": ["added_ticket", "removed_pending"],
        "revision": 42,
    }
    assert file_json(summary.outcomes[1], "tag")["target"] == "File:A.jpg"
    data = summary_json(summary)
    assert (data["schema"], data["type"], data["status"], data["ok"], data["exit_status"]) == (
        SCHEMA,
        "summary",
        "done",
        False,
        1,
    )
    assert data["counts"] == {"edited": 1, "redirect": 1, "stopped": 1}
    assert data["saved"] == [{"title": "File:A.jpg", "revision": 42}]


@pytest.mark.parametrize(
    ("changes", "status"),
    [
        pytest.param({}, 1, id="a-file-failed"),
        pytest.param({"status": RunStatus.INTERRUPTED}, 130, id="interrupted"),
        pytest.param({"status": RunStatus.WIKI_UNREACHABLE}, 3, id="unreachable"),
        pytest.param({"status": RunStatus.SETUP_ERROR}, 2, id="setup"),
    ],
)
def test_exit_status_follows_the_end(changes: dict[str, Any], status: int) -> None:
    assert _summary(**changes).exit_status == status


def test_all_fine_exits_0() -> None:
    fine = (FileOutcome("File:A.jpg", OutcomeKind.EDITED), FileOutcome("File:B.jpg", OutcomeKind.UNCHANGED))
    assert RunSummary(HEADER, fine).exit_status == 0


def test_text_shows_diff_redirect_and_stop() -> None:
    summary = _summary(simulate=True)
    lines = [header_line(summary.header)]
    for outcome in summary.outcomes:
        lines.extend(file_lines(outcome, simulate=True))
    lines.extend(summary_lines(summary))
    text = "\n".join(lines)
    assert "simulate" in lines[0]
    assert "(PERMBOT_WIKI_API set)" in lines[0]
    assert "would edit" in text
    assert "+{{PermissionTicket|id=2024051410012355}}" in text
    assert "-> File:A.jpg" in text
    assert "STOPPED by the run page User:PermBot/Run" in text
    assert text.splitlines()[-1].startswith("3 file(s)")


def test_interrupted_summary_lists_saved_edits_and_what_was_not_done() -> None:
    summary = _summary(
        status=RunStatus.INTERRUPTED, not_done=("File:D.jpg", "File:E.jpg"), in_progress="File:F.jpg"
    )
    text = "\n".join(summary_lines(summary))
    assert "INTERRUPTED: 1 edit(s) saved before Ctrl-C:" in text
    assert "  File:A.jpg  (revision 42)" in text
    assert "File:F.jpg was being saved" in text
    assert "not done (2): File:D.jpg, File:E.jpg" in text


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        pytest.param("File:Plain.jpg", "File:Plain.jpg", id="plain"),
        pytest.param("File:Caf\u00e9.jpg", "File:Caf\u00e9.jpg", id="letters-stay"),
        pytest.param("File:\x1b[2JX.jpg", "File:\\x1b[2JX.jpg", id="escape-sequence"),
        pytest.param("File:\x9b31mX.jpg", "File:\\x9b31mX.jpg", id="c1-csi"),
        pytest.param("File:A\u202eGPJ.exe", "File:A\\u202eGPJ.exe", id="rlo"),
        pytest.param("File:A\u2066B.jpg", "File:A\\u2066B.jpg", id="lri"),
        pytest.param("File:A\u200bB.jpg", "File:A\\u200bB.jpg", id="zero-width-space"),
        pytest.param("A\rB\nC\x07", "A\\x0dB\\x0aC\\x07", id="cr-lf-bell"),
        pytest.param("A\u2028B", "A\\u2028B", id="line-separator"),
        pytest.param("A\U000e0041B", "A\\U000e0041B", id="tag-character"),
    ],
)
def test_inert_text(text: str, shown: str) -> None:
    assert inert(text) == shown


def test_titles_and_diffs_reach_the_terminal_inert() -> None:
    outcome = FileOutcome(
        "File:\x1b]0;owned\x07A.jpg",
        OutcomeKind.EDITED,
        detail="x\u202ey",
        diff="--- a\n+++ b\n-\told\x1b[1A\n+new\n",
    )
    lines = file_lines(outcome, simulate=True)
    assert all(line.isprintable() or "\t" in line for line in lines)
    assert "\x1b" not in "".join(lines)
    assert "\u202e" not in "".join(lines)
    assert "    -\told\\x1b[1A" in lines


def test_unified_diff_marks_only_changed_lines() -> None:
    diff = unified_diff("File:A.jpg", "a\nb\nc\nd\n", "a\nb\nC\nd\n")
    assert "-c\n+C\n" in diff
    assert [line for line in diff.splitlines() if line[1:] == "a"] == []  # only one line of context
    assert unified_diff("File:A.jpg", "same", "same") == ""
