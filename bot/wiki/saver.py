"""THE one save path: every change to the wiki goes through `Saver.save`.

Here, and only here, live simulate (a unified diff, nothing written), the on-wiki run page (checked
before each batch, together with read-only mode and blocks, in one request), {{bots}}/{{nobots}}
(checked on the text we already hold, so pywikibot is told not to re-read the templates), the bot flag,
the edit summary, the single retry after an edit conflict, and the mapping of pywikibot's exceptions to
typed outcomes. Throttle and maxlag are pywikibot's, set from the profile when the site was opened.

Stale reads never overwrite a newer revision, not even the bot's own: every save names the revision its
new text was computed from (`baserevid`) and sends no `basetimestamp`, so MediaWiki itself refuses the
save when the page moved since (it suppresses a conflict with the same account only when judging by
timestamp). The refusal is an edit conflict: the page is re-read and the pure edit applied again
(a concurrent change elsewhere on the page is merged by MediaWiki, never lost).
"""

from __future__ import annotations

import difflib
import enum
import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from bot.wiki.connection import WikiSession
from bot.wiki.edits import PageEdit, bots_allow
from bot.wiki.outcomes import FileOutcome, OutcomeKind, classify_save_error
from bot.wiki.terminal import inert

log = logging.getLogger(__name__)

Change = Callable[[str], PageEdit]


class RunState(enum.StrEnum):
    """Whether saves may go ahead, from one look at the wiki before a batch."""

    RUN = "run"
    STOPPED = "stopped"  # the run page is missing or does not hold the run value
    READ_ONLY = "read_only"
    BLOCKED = "blocked"


_STATE_OUTCOME = {
    RunState.STOPPED: OutcomeKind.STOPPED,
    RunState.READ_ONLY: OutcomeKind.READ_ONLY,
    RunState.BLOCKED: OutcomeKind.BLOCKED,
}


@dataclass(frozen=True)
class WikiState:
    """The state and a generic detail code (`run_page_missing`, `run_page_says_stop`, `readonly`, ...)."""

    state: RunState
    detail: str = ""
    reason: str = ""  # the wiki's read-only reason, for the operator's message

    @property
    def message(self) -> str:
        return {
            RunState.RUN: "running",
            RunState.STOPPED: f"stopped by the run page ({self.detail})",
            RunState.READ_ONLY: f"the wiki is read-only ({self.reason or 'no reason given'})",
            RunState.BLOCKED: "the bot account is blocked",
        }[self.state]


def parse_wiki_state(data: Mapping[str, Any], run_page: str, run_value: str) -> WikiState:
    """Judge a `meta=siteinfo|userinfo` + run page revision answer (formatversion 2). Fails safe: stop."""
    query = data.get("query", {})
    general = query.get("general", {})
    if general.get("readonly"):
        return WikiState(RunState.READ_ONLY, "readonly", str(general.get("readonlyreason", "")))
    userinfo = query.get("userinfo", {})
    if userinfo.get("blockid") or userinfo.get("blockedby"):
        return WikiState(RunState.BLOCKED, "blocked")
    pages = query.get("pages", ())
    page = pages[0] if pages else {}
    revisions = page.get("revisions", ())
    if page.get("missing") or page.get("invalid") or not revisions:
        return WikiState(RunState.STOPPED, "run_page_missing")
    slot = revisions[0].get("slots", {}).get("main", revisions[0])
    content = str(slot.get("content", ""))
    if content.strip().casefold() != run_value.strip().casefold():
        return WikiState(RunState.STOPPED, "run_page_says_stop")
    return WikiState(RunState.RUN)


def fetch_wiki_state(site: Any, run_page: str, run_value: str) -> WikiState:
    """One uncached request: read-only mode, the account's block, and the run page's content."""
    request = site.simple_request(
        action="query",
        meta="siteinfo|userinfo",
        siprop="general",
        uiprop="blockinfo",
        prop="revisions",
        titles=run_page,
        rvprop="content",
        rvslots="main",
        formatversion=2,
    )
    return parse_wiki_state(request.submit(), run_page, run_value)


def _protected_from(page: Any) -> bool:
    """Whether an edit protection keeps this account off the page (protection came with the page read).

    Only asked in simulate: a real save lets the wiki decide, and a rehearsal must say what it would meet.
    """
    if not page.protection().get("edit"):
        return False
    return not bool(page.has_permission("edit"))


def unified_diff(title: str, old: str, new: str) -> str:
    lines = difflib.unified_diff(
        old.splitlines(keepends=True), new.splitlines(keepends=True), fromfile=title, tofile=title, n=1
    )
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


class Saver:
    """Saves pages for one command run; `before_batch()` before each batch, then `save()` per page.

    `before_save` is a test seam: called with the page right before each save attempt (integration
    tests make a second account edit there to cause a real edit conflict).
    """

    def __init__(
        self,
        session: WikiSession,
        *,
        simulate: bool,
        before_save: Callable[[Any], None] | None = None,
    ) -> None:
        self._session = session
        self._simulate = simulate
        self._before_save = before_save
        self._state: WikiState | None = None
        self._checked_at = 0.0
        self.saving: str | None = None  # the title whose save request is under way (for Ctrl-C)

    @property
    def state(self) -> WikiState | None:
        return self._state

    def check(self) -> WikiState:
        """Look at the wiki before a batch: run page, read-only, block. Logged when saves must not go on."""
        profile = self._session.profile
        self._state = fetch_wiki_state(self._session.site, profile.run_page, profile.run_value)
        self._checked_at = time.monotonic()
        if self._state.state is not RunState.RUN:
            log.warning("not saving: %s", inert(self._state.message))
        return self._state

    def before_batch(self) -> None:
        """Check the wiki before a batch of saves. A rehearsal (simulate) saves nothing, so it checks once
        per run: enough to show what a real run would meet, without a request per batch."""
        if self._simulate and self._state is not None:
            return
        self.check()

    def save(self, page: Any, change: Change, summary: str, ticket: str | None = None) -> FileOutcome:
        """Apply `change` to the page's text (already loaded) and save it; one outcome, never an exception
        from pywikibot's save."""
        title = page.title()
        state = self._state or self.check()
        if state.state is not RunState.RUN:
            return FileOutcome(title, _STATE_OUTCOME[state.state], ticket, state.detail)
        old = page.text
        planned = self._plan(title, old, change, ticket)
        if isinstance(planned, FileOutcome):
            return planned
        if self._simulate:
            if _protected_from(page):
                return FileOutcome(title, OutcomeKind.PROTECTED, ticket, "protectedpage")
            return self._edited(title, planned, ticket, diff=unified_diff(title, old, planned.text))
        if time.monotonic() - self._checked_at > self._session.profile.run_page_seconds:
            state = self.check()  # a long batch: the kill switch is read again before saving on
            if state.state is not RunState.RUN:
                return FileOutcome(title, _STATE_OUTCOME[state.state], ticket, state.detail)
        from pywikibot import exceptions as pwb_errors

        base = _revision_of(page)
        try:
            revision = self._put(page, planned.text, summary, base)
        except pwb_errors.EditConflictError as error:
            if isinstance(error, pwb_errors.PageDeletedConflictError):
                return self._failure(title, ticket, error)
            log.info("edit conflict on %s: re-reading and retrying once", inert(title))
            return self._retry(title, change, summary, ticket)
        except pwb_errors.Error as error:
            return self._failure(title, ticket, error)
        return self._edited(title, planned, ticket, base=base, revision=revision)

    def _plan(self, title: str, text: str, change: Change, ticket: str | None) -> PageEdit | FileOutcome:
        session = self._session
        if not bots_allow(text, session.user, bots=session.bots, nobots=session.nobots):
            return FileOutcome(title, OutcomeKind.EXCLUDED, ticket, "nobots")
        edit = change(text)
        if not edit.changed:
            detail = edit.unchanged.value if edit.unchanged else ""
            return FileOutcome(title, OutcomeKind.UNCHANGED, ticket, detail)
        return edit

    def _retry(self, title: str, change: Change, summary: str, ticket: str | None) -> FileOutcome:
        import pywikibot
        from pywikibot import exceptions as pwb_errors

        try:
            fresh = pywikibot.Page(self._session.site, title)
            if not fresh.exists():
                return FileOutcome(title, OutcomeKind.MISSING, ticket, "deleted")
            planned = self._plan(title, fresh.text, change, ticket)
            if isinstance(planned, FileOutcome):
                return planned
            base = _revision_of(fresh)
            revision = self._put(fresh, planned.text, summary, base)
        except pwb_errors.Error as error:
            return self._failure(title, ticket, error)
        return self._edited(
            title, planned, ticket, detail="retried_after_conflict", base=base, revision=revision
        )

    def _put(self, page: Any, text: str, summary: str, base: int | None) -> int | None:
        """Save on top of revision `base`; the new revision id (None if pywikibot did not learn it)."""
        if self._before_save is not None:
            self._before_save(page)
        page.text = text
        self.saving = page.title()
        # force=True: {{bots}}/{{nobots}} were judged on this very text (saves pywikibot a template query).
        # baserevid without basetimestamp: MediaWiki refuses the save when the page moved since `base`,
        # even when the bot itself moved it (see the module docstring).
        page.save(
            summary=summary,
            minor=True,
            bot=True,
            force=True,
            nocreate=True,
            watch="nochange",
            quiet=True,
            baserevid=base,
            basetimestamp=None,
        )
        self.saving = None
        log.info("saved %s", inert(page.title()))
        revision = page.latest_revision_id  # set from the edit's answer: no request
        return revision if isinstance(revision, int) else None

    def _edited(
        self,
        title: str,
        edit: PageEdit,
        ticket: str | None,
        *,
        diff: str = "",
        detail: str = "",
        base: int | None = None,
        revision: int | None = None,
    ) -> FileOutcome:
        notices = tuple(notice.value for notice in edit.notices)
        return FileOutcome(
            title,
            OutcomeKind.EDITED,
            ticket,
            detail,
            edit.actions,
            diff=diff,
            base_revision=base,
            revision=revision,
            notices=notices,
        )

    def _failure(self, title: str, ticket: str | None, error: BaseException) -> FileOutcome:
        """Map the error; when it may stem from the wiki's state (read-only, a block, retries that ran out),
        look again so the rest of the batch stops without trying."""
        mapped = classify_save_error(error)
        if mapped.kind in (OutcomeKind.READ_ONLY, OutcomeKind.BLOCKED) or mapped.detail == "timeout":
            state = self.check()
            if state.state in (RunState.READ_ONLY, RunState.BLOCKED):
                return FileOutcome(title, _STATE_OUTCOME[state.state], ticket, state.detail)
        log.warning("could not save %s: %s (%s)", inert(title), mapped.kind.value, mapped.detail)
        return FileOutcome(title, mapped.kind, ticket, mapped.detail)


def _revision_of(page: Any) -> int | None:
    """The revision id the page's loaded text belongs to (after a save: the new revision)."""
    revision = getattr(page, "latest_revision_id", None)
    return int(revision) if isinstance(revision, int) and revision > 0 else None
