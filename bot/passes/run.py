"""One pass: ingest, settle what an earlier pass left unsettled, agent decisions, then automatic actions.

Everything happens under the wiki's lease. The wiki being unusable (down, read-only, stopped by its run
page) ends the wiki part of the pass; what was ingested stays, and the journal and the pending decisions
tell the next pass what is left to do.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from bot.config.mailbox import MailboxSettings
from bot.config.passes import PassSettings
from bot.config.verifier import VerifierSettings
from bot.config.wiki import WikiSettings
from bot.passes.decisions import carry_out_pending
from bot.passes.ingest import Event, IngestSummary, take_mail, verify_stored
from bot.passes.journal import ActionResult, JournalledActions
from bot.passes.lease import WikiLease
from bot.passes.plan import automatic_actions
from bot.store.model import DecisionState, TicketFilter, TicketRow
from bot.store.store import Store
from bot.verify.batch import Verifier
from bot.wiki.connection import WikiEnvironment, WikiSession, WikiSetupError, connect
from bot.wiki.operations import pending_dates
from bot.wiki.saver import RunState, Saver

log = logging.getLogger(__name__)

RUN_SCHEMA = "permbot.pass/1"
TICKET_PAGE = 200


@dataclass
class PassSummary:
    ingest: IngestSummary = field(default_factory=IngestSummary)
    actions: list[ActionResult] = field(default_factory=list)
    decisions_done: int = 0
    decisions_waiting: int = 0
    wiki_error: str | None = None
    stopped: str | None = None  # why the pass stopped early (a signal, the lease lost)
    under_way: str | None = None  # the edit being saved now (its intent journalled, its result not yet)

    @property
    def ok(self) -> bool:
        failed = any(not r.done for r in self.actions)
        return self.ingest.ok and self.wiki_error is None and not failed

    def counts(self) -> dict[str, int]:
        counted: dict[str, int] = {}
        for result in self.actions:
            key = f"{result.action.value}:{result.outcome.kind.value}"
            counted[key] = counted.get(key, 0) + 1
        return dict(sorted(counted.items()))

    def to_json(self) -> dict[str, object]:
        return {
            "schema": RUN_SCHEMA,
            "event": "summary",
            "ok": self.ok,
            "ingest": self.ingest.to_json(),
            "actions": self.counts(),
            "decisions_done": self.decisions_done,
            "decisions_waiting": self.decisions_waiting,
            "wiki_error": self.wiki_error,
            "stopped": self.stopped,
            "under_way": self.under_way,
        }

    def text(self) -> str:
        lines = [self.ingest.text()]
        counts = ", ".join(f"{n} {k}" for k, n in self.counts().items()) or "none"
        lines.append(f"wiki actions: {counts}")
        lines.append(f"decisions carried out: {self.decisions_done}, waiting: {self.decisions_waiting}")
        if self.wiki_error:
            lines.append(f"the wiki could not be used: {self.wiki_error}; the next pass carries out the work")
        if self.stopped:
            lines.append(self.stop_text())
        return "\n".join(lines)

    def stop_text(self) -> str:
        """How the pass ended on a stop request and what became of the edit under way (it finished)."""
        last = self.actions[-1] if self.actions else None
        edit = (
            f"the last edit finished: {last.action.value} {last.outcome.title} of ticket {last.ticket}: "
            f"{last.outcome.kind.value}"
            if last is not None
            else "no wiki edit was made"
        )
        if self.stopped is None:
            return f"the pass under way finished: {edit}; nothing is half-done"
        return f"stopped early ({self.stopped}): {edit}; nothing is half-done, the next pass continues"

    def interrupted_text(self) -> str:
        """What an operator needs after a pass was cut off (a second Ctrl-C): whether an edit was cut too."""
        done = f"{len(self.actions)} wiki action(s) finished before"
        if self.under_way is None:
            return f"interrupted: {done}; no edit was under way, nothing is half-done"
        return (
            f"interrupted during a save: {done}; the {self.under_way} was cut off and may or may not have "
            "landed. Its intent is in the journal: the next pass reads the page and settles it (done if the "
            "page shows it, else made again), never twice. Run `permbot run --once` to settle it now."
        )


@dataclass(frozen=True)
class PassContext:
    """Everything a pass needs, loaded once by the command (or the long-running service)."""

    store: Store
    mailbox: MailboxSettings
    verifier: VerifierSettings
    wiki_env: WikiEnvironment
    wiki: WikiSettings
    settings: PassSettings

    @property
    def wiki_key(self) -> str:
        return self.wiki_env.api or self.wiki_env.wiki_label


def ingest_once(
    context: PassContext, report: Callable[[Event], None], summary: IngestSummary | None = None
) -> IngestSummary:
    summary = summary or IngestSummary()
    started = datetime.datetime.now(datetime.UTC)
    take_mail(context.store, context.mailbox, report, summary)
    expired = context.store.caches.expire()
    log.debug("%d expired cache entries dropped", expired)
    with Verifier(context.verifier, cache=context.store.caches) as verifier:
        verify_stored(
            context.store,
            verifier,
            context.verifier.policy,
            max_attempts=context.settings.max_reverify + 1,
            started=started,
            report=report,
            summary=summary,
        )
    return summary


def run_pass(
    context: PassContext,
    *,
    report_mail: Callable[[Event], None],
    report_action: Callable[[ActionResult], None],
    should_stop: Callable[[], bool] = lambda: False,
    summary: PassSummary | None = None,
) -> PassSummary:
    """One whole pass under the wiki's lease (LeaseHeld when another pass holds it). The caller may pass
    the `summary` to fill, to say what was done if the pass is cut off (KeyboardInterrupt)."""
    summary = summary if summary is not None else PassSummary()
    settings = context.settings
    with WikiLease(
        context.store, context.wiki_key, "permbot run", settings.lease_seconds, settings.lease_wait_seconds
    ) as lease:
        ingest_once(context, report_mail, summary.ingest)

        def stop_reason() -> str | None:
            if lease.lost:
                return "the lease was lost"
            return "asked to stop" if should_stop() else None

        if (reason := stop_reason()) is not None:
            summary.stopped = reason
            return summary
        _wiki_work(context, summary, report_action, stop_reason)
    return summary


def _wiki_work(
    context: PassContext,
    summary: PassSummary,
    report: Callable[[ActionResult], None],
    stop_reason: Callable[[], str | None],
) -> None:
    from pywikibot import exceptions as pwb_errors

    profile = context.wiki.profile(context.wiki_env.profile)
    try:
        session = connect(context.wiki_env, profile, context.wiki.names, need_login=True)
        saver = Saver(session, simulate=False)
        state = saver.check()
    except (WikiSetupError, pwb_errors.Error, OSError) as error:
        summary.wiki_error = str(error) or type(error).__name__
        log.warning("wiki unavailable: %s", summary.wiki_error)
        return
    if state.state is not RunState.RUN:
        summary.wiki_error = state.message
        return
    actions = JournalledActions(
        context.store,
        session,
        saver,
        context.wiki.summaries,
        context.wiki_key,
        today=datetime.datetime.now(datetime.UTC).date(),
        max_retries=context.settings.max_retries,
        report=report,
        under_way=lambda edit: setattr(summary, "under_way", edit),
    )
    summary.actions.extend(actions.settle_unsettled())
    policy = context.settings.actions
    decided: set[str] = set()
    if policy.decisions:
        done = carry_out_pending(context.store, actions, policy, stop_reason)
        summary.actions.extend(done.actions)
        summary.decisions_done += done.done
        summary.decisions_waiting += done.waiting
        decided |= done.decided
        if done.stopped is not None:
            summary.stopped = done.stopped
            return
    decided |= _tickets_with_decisions(context.store)
    open_tickets = _open_tickets(context.store)
    _record_deadlines(context.store, session, open_tickets)
    for ticket in open_tickets:
        if (reason := stop_reason()) is not None:
            summary.stopped = reason
            return
        for planned in automatic_actions([ticket], policy, frozenset(decided)):
            summary.actions.extend(actions.carry_out(planned))


def _record_deadlines(store: Store, session: WikiSession, tickets: list[TicketRow]) -> None:
    """Note when each file's pending tag dates from, before receiving it: the review queue sorts by the day
    the first file would be deleted. Read once per file (kept after the tag is gone), in batches."""
    unknown = [(t.number, f.title) for t in tickets for f in t.active_files if f.pending_since is None]
    if not unknown:
        return
    dates = pending_dates(session, [title for _number, title in unknown])
    for number, title in unknown:
        if (since := dates.get(title)) is not None:
            midnight = datetime.datetime.combine(since, datetime.time(), tzinfo=datetime.UTC)
            store.tickets.set_pending_since(number, title, midnight)


def _tickets_with_decisions(store: Store) -> set[str]:
    """Tickets an agent has decided on (any state): automatic actions leave them to the agent."""
    numbers: set[str] = set()
    for ticket in _open_tickets(store):
        if any(d.state is not DecisionState.FAILED for d in store.decisions.for_ticket(ticket.number)):
            numbers.add(ticket.number)
    return numbers


def _open_tickets(store: Store) -> list[TicketRow]:
    tickets: list[TicketRow] = []
    offset = 0
    while True:
        page = store.tickets.list(TicketFilter(), offset=offset, limit=TICKET_PAGE)
        tickets.extend(page.tickets)
        offset += len(page.tickets)
        if not page.tickets or offset >= page.total:
            return tickets
