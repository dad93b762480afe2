"""Wiki actions exactly once: every action goes through the store's journal.

For each file: the intent is written (planned) before the save, the result (new revision id, or the
outcome) after. A pass that dies in between leaves the intent unsettled; the next pass settles it by
doing the action again on the page as it is now. The pure edits are idempotent, so a page already in the
wanted state comes back unchanged (`already_received`, `already_confirmed`, `ticket_not_on_page`) and the
intent is marked done without a second edit; otherwise the edit is made now. The save path refuses a
stale read (base revision), so a redo never overwrites anything newer.

An action already done for a (ticket, file, action) is not planned again. One that failed for a reason a
later pass may not meet (the file does not exist yet, the wiki was away, read-only or stopped, an edit
conflict) is planned again by later passes, at most `max_retries` times.
"""

from __future__ import annotations

import dataclasses
import datetime
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from bot.config.wiki import EditSummaries
from bot.passes.checkpoints import Checkpoint, reach
from bot.passes.plan import PlannedAction
from bot.store.model import JournalEntry, JournalState, WikiAction
from bot.store.store import Store
from bot.wiki import operations
from bot.wiki.connection import WikiSession
from bot.wiki.edits import ReceivedReason
from bot.wiki.outcomes import FileOutcome, OutcomeKind
from bot.wiki.saver import Saver

log = logging.getLogger(__name__)

# Outcomes after which the page is as the action wants it (or must be left alone on purpose).
_SETTLED_KINDS = frozenset(
    {OutcomeKind.EDITED, OutcomeKind.UNCHANGED, OutcomeKind.REDIRECT, OutcomeKind.EXCLUDED}
)
# Outcomes a later pass will not see change by itself: not retried.
_FINAL_FAILURES = frozenset({OutcomeKind.PROTECTED})


@dataclass(frozen=True)
class ActionResult:
    """One file's result of one action in this pass."""

    ticket: str
    action: WikiAction
    outcome: FileOutcome
    decision: int | None = None
    settled: bool = False  # an intent left by an earlier pass, settled now

    @property
    def done(self) -> bool:
        return self.outcome.kind in _SETTLED_KINDS

    @property
    def retry_later(self) -> bool:
        return not self.done and self.outcome.kind not in _FINAL_FAILURES

    def to_json(self) -> dict[str, object]:
        data = {"ticket": self.ticket, "action": self.action.value, **self.outcome.to_json()}
        if self.decision is not None:
            data["decision"] = self.decision
        if self.settled:
            data["settled"] = True
        return data


Report = Callable[[ActionResult], None]


class JournalledActions:
    """Carries out planned actions on one wiki, each file's intent and result in the journal."""

    def __init__(
        self,
        store: Store,
        session: WikiSession,
        saver: Saver,
        summaries: EditSummaries,
        wiki: str,
        *,
        today: datetime.date,
        max_retries: int,
        report: Report,
        under_way: Callable[[str | None], None] = lambda _edit: None,
    ) -> None:
        self._store = store
        self._session = session
        self._saver = saver
        self._summaries = summaries
        self._wiki = wiki
        self._today = today
        self._max_retries = max_retries
        self._report = report
        self._under_way = under_way  # told which edit is being saved (None: none), for an interruption

    def settle_unsettled(self) -> list[ActionResult]:
        """Intents an earlier pass left without a result: the action again, on the page as it is now."""
        results: list[ActionResult] = []
        groups: dict[tuple[str | None, WikiAction, str, str, int | None], list[JournalEntry]] = {}
        for entry in self._store.journal.unsettled(self._wiki):
            if entry.ticket is None:
                self._store.journal.mark_failed(
                    entry.id, outcome=OutcomeKind.FAILED.value, detail="no_ticket"
                )
                continue
            key = (
                entry.ticket,
                entry.action,
                str(entry.params.get("reason", "")),
                str(entry.params.get("user", "")),
                entry.decision_id,
            )
            groups.setdefault(key, []).append(entry)
        for (ticket, action, reason, user, decision), entries in groups.items():
            planned = PlannedAction(
                str(ticket),
                action,
                tuple(dict.fromkeys(e.title for e in entries)),
                ReceivedReason(reason) if reason else None,
                user or None,
                decision,
            )
            log.info("settling %d unsettled %s action(s) of ticket %s", len(entries), action.value, ticket)
            self._under_way(describe(planned))
            outcomes = self._perform(planned)
            by_title = {o.title: o for o in outcomes}
            for entry in entries:
                outcome = by_title.get(entry.title) or FileOutcome(
                    entry.title, OutcomeKind.FAILED, ticket, "no_outcome"
                )
                self._settle(entry, outcome)
                results.append(self._result(planned, outcome, settled=True))
            self._under_way(None)
        return results

    def carry_out(self, planned: PlannedAction) -> list[ActionResult]:
        """Plan the files not done yet (nor given up on), save, and settle each in the journal."""
        titles = self._wanted(planned)
        if not titles:
            return []
        entries = {
            title: self._store.journal.plan(
                self._wiki,
                title,
                planned.action,
                ticket=planned.ticket,
                params=planned.params,
                decision_id=planned.decision,
            )
            for title in titles
        }
        planned = dataclasses.replace(planned, titles=tuple(titles))
        self._under_way(describe(planned))
        reach(Checkpoint.PLANNED)
        outcomes = self._perform(planned)
        reach(Checkpoint.SAVED)
        results: list[ActionResult] = []
        for outcome in outcomes:
            entry = entries.pop(outcome.title, None)
            if entry is None:  # a redirect's target: journalled under its own title
                entry = self._store.journal.plan(
                    self._wiki,
                    outcome.title,
                    planned.action,
                    ticket=planned.ticket,
                    params=planned.params,
                    decision_id=planned.decision,
                )
            self._settle(entry, outcome)
            results.append(self._result(planned, outcome))
        for title, entry in entries.items():  # never reached (the batch stopped): tried again next pass
            outcome = FileOutcome(title, OutcomeKind.FAILED, planned.ticket, "not_attempted")
            self._settle(entry, outcome)
            results.append(self._result(planned, outcome))
        self._under_way(None)
        return results

    def _wanted(self, planned: PlannedAction) -> list[str]:
        history = self._store.journal.for_ticket(planned.ticket)
        wanted: list[str] = []
        for title in planned.titles:
            same = [
                e
                for e in history
                if e.title == title
                and e.action is planned.action
                and e.wiki == self._wiki
                and (planned.decision is None or e.decision_id == planned.decision)
            ]
            if any(e.state is JournalState.DONE for e in same):
                continue
            if sum(e.state is JournalState.FAILED for e in same) >= self._max_retries:
                continue
            if any(
                e.state is JournalState.FAILED and e.outcome in {k.value for k in _FINAL_FAILURES}
                for e in same
            ):
                continue
            wanted.append(title)
        return wanted

    def _perform(self, planned: PlannedAction) -> list[FileOutcome]:
        session, saver, summaries = self._session, self._saver, self._summaries
        titles = list(planned.titles)
        if planned.action is WikiAction.RECEIVE:
            reason = planned.reason or ReceivedReason.PROCESSING
            return operations.receive(
                session, saver, summaries, titles, planned.ticket, reason, self._today, planned.user
            )
        if planned.action is WikiAction.TAG:
            return operations.tag(session, saver, summaries, titles, planned.ticket, planned.user)
        return operations.untag(session, saver, summaries, titles, planned.ticket)

    def _settle(self, entry: JournalEntry, outcome: FileOutcome) -> None:
        journal = self._store.journal
        if outcome.kind in _SETTLED_KINDS:
            journal.mark_done(
                entry.id,
                outcome=outcome.kind.value,
                new_revid=outcome.revision,
                base_revid=outcome.base_revision,
                detail=outcome.detail or None,
            )
        else:
            journal.mark_failed(entry.id, outcome=outcome.kind.value, detail=outcome.detail or None)
        reach(Checkpoint.SETTLED)

    def _result(self, planned: PlannedAction, outcome: FileOutcome, *, settled: bool = False) -> ActionResult:
        result = ActionResult(planned.ticket, planned.action, outcome, planned.decision, settled)
        self._report(result)
        return result


def describe(planned: PlannedAction) -> str:
    """The edit for an operator: action, files, ticket number (no ticket contents)."""
    return f"{planned.action.value} of {', '.join(planned.titles)} for ticket {planned.ticket}"


def all_done(results: Iterable[ActionResult]) -> bool:
    return all(result.done for result in results)


def retry_later(results: Sequence[ActionResult]) -> bool:
    return any(result.retry_later for result in results)
