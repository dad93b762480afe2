"""The save path's decisions with a stand-in site and page: what is saved, what is not, and why."""

from __future__ import annotations

import tomllib
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from pywikibot import exceptions as pwb_errors

from bot.config.wiki import WikiSettings
from bot.wiki.connection import WikiSession
from bot.wiki.edits import PageEdit, TemplateNames, confirm_ticket
from bot.wiki.outcomes import OutcomeKind
from bot.wiki.saver import Saver

CONFIG = Path(__file__).resolve().parents[2] / "config" / "wiki.toml"
TICKET = "2024051410012355"
PENDING_PAGE = "{{Information\n|permission={{Permission pending|year=2024|month=5|day=1}}\n}}\n"


class FakeRequest:
    def __init__(self, answer: dict[str, Any]) -> None:
        self._answer = answer

    def submit(self) -> dict[str, Any]:
        return self._answer


class FakeSite:
    """Answers the saver's one state query; `states` are served in turn (the last one repeats)."""

    def __init__(self, *states: dict[str, Any]) -> None:
        self.states = list(states) or [state()]
        self.state_queries = 0
        self.params: list[dict[str, Any]] = []

    def simple_request(self, **params: Any) -> FakeRequest:
        self.state_queries += 1
        self.params.append(params)
        return FakeRequest(self.states[min(self.state_queries, len(self.states)) - 1])


class FakePage:
    def __init__(self, text: str, error: BaseException | None = None, *, protected: bool = False) -> None:
        self.text = text
        self.error = error
        self.saved: list[dict[str, Any]] = []
        self.protected = protected
        self.latest_revision_id = 1

    def title(self) -> str:
        return "File:Sample.jpg"

    def protection(self) -> dict[str, tuple[str, str]]:
        return {"edit": ("sysop", "infinity")} if self.protected else {}

    def has_permission(self, action: str) -> bool:
        return not self.protected

    def save(self, **kwargs: Any) -> None:
        if self.error is not None:
            raise self.error
        self.saved.append(dict(kwargs, text=self.text))


def state(content: str = "true", *, readonly: bool = False, blocked: bool = False) -> dict[str, Any]:
    general = {"readonly": True, "readonlyreason": "maintenance"} if readonly else {}
    page = {"title": "User:PermBot/Run", "revisions": [{"slots": {"main": {"content": content}}}]}
    userinfo: dict[str, Any] = {"name": "PermBot"}
    if blocked:
        userinfo.update(blockid=7, blockedby="Admin")
    return {"query": {"general": general, "userinfo": userinfo, "pages": [page]}}


@pytest.fixture(scope="module")
def settings() -> WikiSettings:
    return WikiSettings.from_mapping(tomllib.loads(CONFIG.read_text(encoding="utf-8")))


def session_for(site: FakeSite, settings: WikiSettings) -> WikiSession:
    return WikiSession(
        site=site,
        user="PermBot",
        names=settings.names,
        template_pages={},
        bots=(),
        nobots=(),
        group_size=50,
        profile=replace(settings.profile("sandbox"), run_page_seconds=3600.0),
    )


def confirm(names: TemplateNames) -> Any:
    def change(text: str) -> PageEdit:
        return confirm_ticket(text, TICKET, names)

    return change


def test_saves_the_changed_text_as_a_flagged_minor_edit_without_a_nobots_reread(
    settings: WikiSettings,
) -> None:
    page = FakePage(PENDING_PAGE)
    outcome = Saver(session_for(FakeSite(), settings), simulate=False).save(
        page, confirm(settings.names), "summary [[ticket:N]]", TICKET
    )
    assert (outcome.kind, outcome.diff) == (OutcomeKind.EDITED, "")
    [saved] = page.saved
    assert f"{{{{PermissionTicket|id={TICKET}}}}}" in saved["text"]
    assert (saved["bot"], saved["minor"], saved["force"], saved["nocreate"]) == (True, True, True, True)
    assert saved["summary"] == "summary [[ticket:N]]"


def test_simulate_returns_the_diff_and_saves_nothing(settings: WikiSettings) -> None:
    page = FakePage(PENDING_PAGE)
    outcome = Saver(session_for(FakeSite(), settings), simulate=True).save(
        page, confirm(settings.names), "s", TICKET
    )
    assert outcome.kind is OutcomeKind.EDITED
    assert f"+|permission={{{{PermissionTicket|id={TICKET}}}}}" in outcome.diff
    assert page.saved == []
    assert page.text == PENDING_PAGE


def test_simulate_says_protected_where_the_real_run_would_be_refused(settings: WikiSettings) -> None:
    page = FakePage(PENDING_PAGE, protected=True)
    outcome = Saver(session_for(FakeSite(), settings), simulate=True).save(
        page, confirm(settings.names), "s", TICKET
    )
    assert (outcome.kind, outcome.detail, outcome.diff) == (OutcomeKind.PROTECTED, "protectedpage", "")


@pytest.mark.parametrize(
    ("text", "kind", "detail"),
    [
        pytest.param("{{nobots}}\n" + PENDING_PAGE, OutcomeKind.EXCLUDED, "nobots", id="nobots"),
        pytest.param(
            "{{bots|deny=PermBot}}\n" + PENDING_PAGE, OutcomeKind.EXCLUDED, "nobots", id="bots-deny"
        ),
        pytest.param(
            f"{{{{PermissionTicket|id={TICKET}}}}}\n",
            OutcomeKind.UNCHANGED,
            "already_confirmed",
            id="already-tagged",
        ),
    ],
)
def test_pages_left_alone(settings: WikiSettings, text: str, kind: OutcomeKind, detail: str) -> None:
    page = FakePage(text)
    outcome = Saver(session_for(FakeSite(), settings), simulate=False).save(
        page, confirm(settings.names), "s", TICKET
    )
    assert (outcome.kind, outcome.detail) == (kind, detail)
    assert page.saved == []


@pytest.mark.parametrize(
    ("answer", "kind", "detail"),
    [
        pytest.param(state("false"), OutcomeKind.STOPPED, "run_page_says_stop", id="run-page-false"),
        pytest.param(state(readonly=True), OutcomeKind.READ_ONLY, "readonly", id="read-only"),
        pytest.param(state(blocked=True), OutcomeKind.BLOCKED, "blocked", id="blocked"),
    ],
)
def test_no_save_when_the_wiki_says_no(
    settings: WikiSettings, answer: dict[str, Any], kind: OutcomeKind, detail: str
) -> None:
    site = FakeSite(answer)
    saver = Saver(session_for(site, settings), simulate=False)
    saver.before_batch()
    pages = [FakePage(PENDING_PAGE), FakePage(PENDING_PAGE)]
    outcomes = [saver.save(page, confirm(settings.names), "s", TICKET) for page in pages]
    assert [(o.kind, o.detail) for o in outcomes] == [(kind, detail)] * 2
    assert [page.saved for page in pages] == [[], []]
    assert site.state_queries == 1


def _wrapped(error: BaseException) -> BaseException:
    """As pywikibot raises API errors it has no class for: wrapped, the original as `reason`."""
    wrapped: BaseException = pwb_errors.OtherPageSaveError(FakePage(""), error)
    return wrapped


@pytest.mark.parametrize(
    ("error", "later_state", "kind", "detail"),
    [
        pytest.param(
            pwb_errors.LockedPageError(FakePage("")),
            state(),
            OutcomeKind.PROTECTED,
            "protectedpage",
            id="protected",
        ),
        pytest.param(
            _wrapped(pwb_errors.APIError("blocked", "you are blocked")),
            state(),
            OutcomeKind.BLOCKED,
            "blocked",
            id="blocked",
        ),
        pytest.param(
            _wrapped(pwb_errors.ApiTimeoutError("retries")),
            state(readonly=True),
            OutcomeKind.READ_ONLY,
            "readonly",
            id="retries-ran-out-because-read-only",
        ),
        pytest.param(
            _wrapped(pwb_errors.ApiTimeoutError("retries")),
            state(),
            OutcomeKind.FAILED,
            "timeout",
            id="plain-timeout",
        ),
    ],
)
def test_save_errors(
    settings: WikiSettings, error: BaseException, later_state: dict[str, Any], kind: OutcomeKind, detail: str
) -> None:
    site = FakeSite(state(), later_state)
    saver = Saver(session_for(site, settings), simulate=False)
    saver.before_batch()
    outcome = saver.save(FakePage(PENDING_PAGE, error), confirm(settings.names), "s", TICKET)
    assert (outcome.kind, outcome.detail) == (kind, detail)


def test_read_only_found_after_a_failed_save_stops_the_rest_of_the_batch(settings: WikiSettings) -> None:
    site = FakeSite(state(), state(readonly=True))
    saver = Saver(session_for(site, settings), simulate=False)
    saver.before_batch()
    failing = FakePage(PENDING_PAGE, _wrapped(pwb_errors.ApiTimeoutError("retries")))
    assert saver.save(failing, confirm(settings.names), "s", TICKET).kind is OutcomeKind.READ_ONLY
    untouched = FakePage(PENDING_PAGE)
    assert saver.save(untouched, confirm(settings.names), "s", TICKET).kind is OutcomeKind.READ_ONLY
    assert untouched.saved == []


def test_simulate_reads_the_run_page_once_per_run(settings: WikiSettings) -> None:
    site = FakeSite()
    saver = Saver(session_for(site, settings), simulate=True)
    for _batch in range(3):
        saver.before_batch()
    assert site.state_queries == 1
    real = Saver(session_for(site, settings), simulate=False)
    for _batch in range(3):
        real.before_batch()
    assert site.state_queries == 4


def test_the_state_query_asks_for_read_only_mode_the_block_and_the_run_page(settings: WikiSettings) -> None:
    site = FakeSite()
    Saver(session_for(site, settings), simulate=False).check()
    [params] = site.params
    assert set(params["meta"].split("|")) >= {"siteinfo", "userinfo"}
    assert "blockinfo" in params["uiprop"].split("|")
    assert params["titles"] == settings.profile("sandbox").run_page
