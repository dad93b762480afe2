"""What a pass should do on the wiki, decided from the store's rows and the policy alone (no I/O).

Automatic actions: `receive` with the reason the verdict implies on the files of every open ticket whose
verdict is not suspicious, and `tag` for suggested confirms when `auto_confirm` is on (never for a
provisional verdict). A ticket an agent has decided on is the agent's: no automatic action touches it.
Agent decisions: each pending decision becomes the action config maps it to, on the files the agent chose
(else the ticket's files), signed with the agent's name.

Several tickets for one file are fine: the pure edits decide per page. The first ticket to mark a pending
file received takes it; a second ticket finds no pending tag and leaves the page (`not_pending`); an
agent's approval of either ticket tags the file with that ticket and keeps the other ticket's received
tag (that ticket is still open).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from bot.config.passes import ActionPolicy
from bot.store.model import DecisionRow, TicketRow, WikiAction
from bot.wiki.edits import ReceivedReason
from verification.model import Verdict


@dataclass(frozen=True)
class PlannedAction:
    """One wiki action for one ticket on some of its files; `decision` when an agent asked for it."""

    ticket: str
    action: WikiAction
    titles: tuple[str, ...]
    reason: ReceivedReason | None = None
    user: str | None = None
    decision: int | None = None

    @property
    def params(self) -> dict[str, object]:
        """What the journal keeps of it (generic codes and the agent's name only)."""
        params: dict[str, object] = {}
        if self.reason is not None:
            params["reason"] = self.reason.value
        if self.user:
            params["user"] = self.user
        return params


def automatic_actions(
    tickets: Iterable[TicketRow], policy: ActionPolicy, decided: frozenset[str] = frozenset()
) -> list[PlannedAction]:
    """The actions the policy allows without an agent, for open tickets nobody has decided on yet."""
    planned: list[PlannedAction] = []
    for ticket in tickets:
        verdict = ticket.effective_verdict
        titles = tuple(f.title for f in ticket.active_files)
        if verdict is None or not titles or ticket.number in decided:
            continue
        reason = policy.reason_for(verdict)
        if policy.receive and reason is not None:
            planned.append(PlannedAction(ticket.number, WikiAction.RECEIVE, titles, reason))
        if policy.auto_confirm and verdict is Verdict.CONFIRM and not ticket.provisional:
            planned.append(
                PlannedAction(ticket.number, WikiAction.TAG, titles, user=policy.auto_confirm_user)
            )
    return planned


def decision_action(
    decision: DecisionRow, files: Sequence[str], policy: ActionPolicy
) -> PlannedAction | None:
    """The wiki action an agent's decision asks for, or None (a correction in the store only)."""
    action = policy.action_for(decision.action.value)
    if action is None:
        return None
    chosen = _titles(decision.params)
    titles = chosen or tuple(files)
    reason = None
    if action is WikiAction.RECEIVE:
        reason = _reason(decision.params) or ReceivedReason.PROCESSING
    user = decision.agent if action is not WikiAction.UNTAG else None
    return PlannedAction(decision.ticket, action, titles, reason, user, decision.id)


def _titles(params: Mapping[str, object]) -> tuple[str, ...]:
    files = params.get("files")
    if not isinstance(files, list | tuple):
        return ()
    return tuple(str(title) for title in files if isinstance(title, str) and title)


def _reason(params: Mapping[str, object]) -> ReceivedReason | None:
    try:
        return ReceivedReason(str(params.get("reason", "")))
    except ValueError:
        return None
