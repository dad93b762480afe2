"""The queue: every open ticket with its verdict, age, files, sender, language and deletion deadline.

Sorted by deadline (the file deleted first comes first) unless asked otherwise; filters by verdict, age and
language; counts per verdict and the backlog's age on top. Asked-back tickets with no reply stand out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from flask import Blueprint, current_app, render_template, request

from bot.config.review import ReviewSettings
from bot.review.security import agent_required
from bot.store.model import TicketFilter, TicketOrder, TicketRow
from bot.store.store import Store
from verification.model import Verdict

blueprint = Blueprint("queue", __name__)

UNVERIFIED = "unverified"
ASK_VERDICTS = frozenset(
    {Verdict.ASK_FILES, Verdict.ASK_LICENSE, Verdict.ASK_AUTHORSHIP, Verdict.ASK_OFFICIAL_ADDRESS}
)
LANGUAGES = ("en", "de", "fr", "es", "nl", "it", "pt", "pl")


@dataclass(frozen=True)
class QueueEntry:
    ticket: TicketRow
    age_days: int
    deadline: datetime | None
    waiting_no_reply: bool


def deadline(ticket: TicketRow, pending_days: int) -> datetime | None:
    """The day the ticket's first file would be deleted: its earliest pending tag plus the grace period."""
    dates = [f.pending_since for f in ticket.active_files if f.pending_since is not None]
    return min(dates) + timedelta(days=pending_days) if dates else None


def waiting_no_reply(ticket: TicketRow, now: datetime, days: int) -> bool:
    """The bot asked back (an ask_* verdict) and no new mail re-verified the ticket for `days` days."""
    verdict = ticket.effective_verdict
    last = ticket.verified_at or ticket.updated_at
    return verdict in ASK_VERDICTS and now - last >= timedelta(days=days)


def entry(ticket: TicketRow, now: datetime, settings: ReviewSettings) -> QueueEntry:
    return QueueEntry(
        ticket=ticket,
        age_days=max(0, (now - ticket.first_seen_at).days),
        deadline=deadline(ticket, settings.pending_days),
        waiting_no_reply=waiting_no_reply(ticket, now, settings.no_reply_days),
    )


def _int(value: str | None) -> int | None:
    if value is None or not value.strip().isdigit():
        return None
    return min(int(value), 100_000)


def parse_filter(args: Mapping[str, list[str]], now: datetime) -> tuple[TicketFilter, dict[str, Any]]:
    """The queue's filter from the query string; unknown values are ignored, never an error."""
    chosen = {v for v in args.get("verdict", []) if v in {x.value for x in Verdict} | {UNVERIFIED}}
    verdicts = frozenset(Verdict(v) for v in chosen if v != UNVERIFIED)
    language = next((lang for lang in args.get("lang", []) if lang in LANGUAGES), None)
    min_age = _int(next(iter(args.get("min_age", [])), None))
    max_age = _int(next(iter(args.get("max_age", [])), None))
    selection = TicketFilter(
        verdicts=verdicts,
        unverified=UNVERIFIED in chosen,
        language=language,
        seen_before=now - timedelta(days=min_age) if min_age else None,
        seen_after=now - timedelta(days=max_age + 1) if max_age is not None else None,
    )
    shown = {"verdicts": chosen, "lang": language, "min_age": min_age, "max_age": max_age}
    return selection, shown


def parse_order(value: str | None) -> TicketOrder:
    try:
        return TicketOrder(value or TicketOrder.DEADLINE.value)
    except ValueError:
        return TicketOrder.DEADLINE


@blueprint.route("/")
@agent_required
def index() -> str:
    settings: ReviewSettings = current_app.config["PERMBOT_SETTINGS"]
    store: Store = current_app.config["PERMBOT_STORE"]
    now = datetime.now(UTC)
    args = request.args.to_dict(flat=False)
    selection, shown = parse_filter(args, now)
    order = parse_order(request.args.get("order"))
    page_number = max(1, _int(request.args.get("page")) or 1)
    page = store.tickets.list(
        selection, order=order, offset=(page_number - 1) * settings.page_size, limit=settings.page_size
    )
    pages = max(1, -(-page.total // settings.page_size))
    backlog_days = (now - page.oldest_open_seen_at).days if page.oldest_open_seen_at else None
    return render_template(
        "queue.html",
        entries=[entry(t, now, settings) for t in page.tickets],
        total=page.total,
        counts=page.counts,
        verdicts=list(Verdict),
        backlog_days=backlog_days,
        shown=shown,
        order=order.value,
        orders=[o.value for o in TicketOrder],
        languages=LANGUAGES,
        page=page_number,
        pages=pages,
        no_reply_days=settings.no_reply_days,
    )
