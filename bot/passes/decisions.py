"""Agents' decisions carried out on the wiki: by every pass, and at once by the review page.

Each pending decision becomes the wiki action the policy maps it to (or none: a correction kept in the
store only), done through the journalled actions and so through the one save path. A decision is done when
every chosen file is, failed when retries ran out, and left pending when a later pass may succeed (the
wiki away, a file not there yet).
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from bot.config.passes import ActionPolicy, PassSettings
from bot.config.wiki import WikiSettings
from bot.passes.journal import ActionResult, JournalledActions
from bot.passes.lease import LeaseHeld, WikiLease
from bot.passes.plan import decision_action
from bot.store.store import Store
from bot.wiki.connection import WikiEnvironment, WikiSetupError, connect
from bot.wiki.saver import RunState, Saver

log = logging.getLogger(__name__)


@dataclass
class DecisionsSummary:
    actions: list[ActionResult] = field(default_factory=list)
    done: int = 0
    waiting: int = 0
    decided: set[str] = field(default_factory=set)  # tickets whose decisions were looked at
    stopped: str | None = None


def carry_out_pending(
    store: Store,
    actions: JournalledActions,
    policy: ActionPolicy,
    stop_reason: Callable[[], str | None] = lambda: None,
    summary: DecisionsSummary | None = None,
) -> DecisionsSummary:
    """Every pending decision, oldest first, until `stop_reason` says to stop."""
    summary = summary if summary is not None else DecisionsSummary()
    for decision in store.decisions.pending():
        if (reason := stop_reason()) is not None:
            summary.stopped = reason
            return summary
        summary.decided.add(decision.ticket)
        ticket = store.tickets.get(decision.ticket, with_evidence=False)
        files = [f.title for f in ticket.active_files] if ticket else []
        planned = decision_action(decision, files, policy)
        if planned is None:
            store.decisions.mark_done(decision.id, "no wiki action")
            summary.done += 1
            continue
        results = actions.carry_out(planned)
        summary.actions.extend(results)
        if any(r.retry_later for r in results):
            summary.waiting += 1
            continue
        failed = [r for r in results if not r.done]
        if failed:
            store.decisions.mark_failed(
                decision.id, ", ".join(sorted({r.outcome.kind.value for r in failed}))
            )
        else:
            store.decisions.mark_done(decision.id, f"{len(planned.titles)} file(s)")
        summary.done += 1
    return summary


@dataclass(frozen=True)
class DecisionsNow:
    """What `carry_out_now` did: the summary, or why the wiki work was left to the next pass."""

    summary: DecisionsSummary
    left_to_next_pass: str | None = None


def carry_out_now(
    store: Store, wiki_env: WikiEnvironment, wiki: WikiSettings, settings: PassSettings
) -> DecisionsNow:
    """The pending decisions, now, under the wiki's lease (not waiting for it: a running pass does them).

    Used by the review page right after an agent acts. The wiki being away, read-only or stopped, or a pass
    holding the lease, leaves the decisions pending for the next pass.
    """
    from pywikibot import exceptions as pwb_errors

    summary = DecisionsSummary()
    key = wiki_env.api or wiki_env.wiki_label
    try:
        with WikiLease(store, key, "permbot review", settings.lease_seconds, 0.0) as lease:
            profile = wiki.profile(wiki_env.profile)
            try:
                session = connect(wiki_env, profile, wiki.names, need_login=True)
                saver = Saver(session, simulate=False)
                state = saver.check()
            except (WikiSetupError, pwb_errors.Error, OSError) as error:
                log.warning("wiki unavailable for agents' decisions: %s", error)
                return DecisionsNow(summary, str(error) or type(error).__name__)
            if state.state is not RunState.RUN:
                return DecisionsNow(summary, state.message)
            actions = JournalledActions(
                store,
                session,
                saver,
                wiki.summaries,
                key,
                today=datetime.datetime.now(datetime.UTC).date(),
                max_retries=settings.max_retries,
                report=lambda _result: None,
            )
            carry_out_pending(
                store,
                actions,
                settings.actions,
                lambda: "the lease was lost" if lease.lost else None,
                summary,
            )
    except LeaseHeld as held:
        return DecisionsNow(summary, str(held))
    return DecisionsNow(summary)
