"""`permbot db upgrade|status|purge` and `permbot tickets`: the store for operators, until the review page.

`permbot tickets --json` prints one JSON object a line (`"schema": "permbot.tickets/1"`); without it, a
table. Neither prints anything private (no sender, no evidence, no mail): ticket numbers, verdicts,
reason codes and file titles only.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import TextIO

import sqlalchemy as sa

from bot.config.store import StoreSettings, load_store_settings
from bot.store import migrate
from bot.store.engine import create_engine
from bot.store.errors import StoreError
from bot.store.model import TicketFilter, TicketRow, TicketStatus
from bot.store.store import Store
from verification.errors import ConfigError
from verification.model import Verdict

TICKETS_SCHEMA = "permbot.tickets/1"
EXIT_FAILED = 2


class _CommandFailedError(Exception):
    """An expected failure: printed as one line, no traceback."""


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `db` and `tickets` to the `permbot` parser."""
    db = subparsers.add_parser("db", help="the store's database: schema migrations and the purge")
    db_commands = db.add_subparsers(dest="db_command", required=True, metavar="ACTION")
    upgrade = db_commands.add_parser("upgrade", help="bring the schema to this permbot's version")
    upgrade.set_defaults(run=_guarded("db upgrade", _run_upgrade))
    status = db_commands.add_parser("status", help="the database's schema version against this permbot's")
    status.set_defaults(run=_guarded("db status", _run_status))
    purge = db_commands.add_parser(
        "purge", help="drop raw mail and evidence of tickets closed long enough ago (store.toml)"
    )
    purge.add_argument("--days", type=int, help="closed more than DAYS ago (default: purge_after_days)")
    purge.set_defaults(run=_guarded("db purge", _run_purge))

    tickets = subparsers.add_parser("tickets", help="list the tickets the store holds")
    tickets.add_argument("--json", action="store_true", help="one JSON object a line")
    tickets.add_argument(
        "--verdict",
        action="append",
        choices=[v.value for v in Verdict],
        help="only this verdict (repeat for several)",
    )
    tickets.add_argument("--closed", action="store_true", help="closed tickets instead of open ones")
    tickets.add_argument("--limit", type=int, default=1000, help="at most this many (default 1000)")
    tickets.set_defaults(run=_guarded("tickets", _run_tickets))


def _guarded(name: str, run: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    def guarded(args: argparse.Namespace) -> int:
        try:
            return run(args)
        except (ConfigError, StoreError, _CommandFailedError) as error:
            print(f"permbot {name}: {error}", file=sys.stderr)
            return EXIT_FAILED

    return guarded


@contextmanager
def _engine(settings: StoreSettings) -> Iterator[sa.Engine]:
    engine = create_engine(settings.url)
    try:
        yield engine
    except sa.exc.OperationalError as error:
        raise _CommandFailedError(
            f"cannot use the database at {settings.display_url()}: {error.orig}"
        ) from error
    finally:
        engine.dispose()


@contextmanager
def _store(settings: StoreSettings) -> Iterator[Store]:
    try:
        store = Store.from_settings(settings)
    except sa.exc.OperationalError as error:
        raise _CommandFailedError(
            f"cannot use the database at {settings.display_url()}: {error.orig}"
        ) from error
    try:
        yield store
    finally:
        store.close()


def _run_upgrade(args: argparse.Namespace) -> int:
    settings = load_store_settings()
    with _engine(settings) as engine:
        before = migrate.status(engine)
        after = migrate.upgrade(engine)
    if before.current == after.current:
        print(f"{settings.display_url()}: schema already at {after.current}")
    else:
        print(
            f"{settings.display_url()}: schema upgraded from {before.current or 'empty'} to {after.current}"
        )
    return 0


def _run_status(args: argparse.Namespace) -> int:
    settings = load_store_settings()
    with _engine(settings) as engine:
        found = migrate.status(engine)
    state = "up to date" if found.up_to_date else "needs `permbot db upgrade`"
    print(f"{settings.display_url()}: schema {found.current or 'empty'}, this permbot {found.head}: {state}")
    return 0 if found.up_to_date else 1


def _run_purge(args: argparse.Namespace) -> int:
    settings = load_store_settings()
    days = settings.purge_after_days if args.days is None else args.days
    if days < 1:
        raise _CommandFailedError("--days must be at least 1")
    with _store(settings) as store:
        result = store.purge(days)
    print(
        f"purged {result.tickets} ticket(s) closed over {days} days ago, {result.messages} message(s) "
        f"and {result.cache_entries} cached lookup(s)"
    )
    return 0


def ticket_json(ticket: TicketRow) -> dict[str, object]:
    """The `permbot.tickets/1` record: nothing private."""

    def iso(value: datetime | None) -> str | None:
        return None if value is None else value.isoformat()

    return {
        "schema": TICKETS_SCHEMA,
        "ticket": ticket.number,
        "status": ticket.status.value,
        "verdict": None if ticket.verdict is None else ticket.verdict.value,
        "effective_verdict": None if ticket.effective_verdict is None else ticket.effective_verdict.value,
        "provisional": ticket.provisional,
        "verify_attempts": ticket.verify_attempts,
        "first_seen_at": iso(ticket.first_seen_at),
        "verified_at": iso(ticket.verified_at),
        "closed_at": iso(ticket.closed_at),
        "language": ticket.language,
        "reasons": [reason.code for reason in ticket.reasons],
        "files": [f.title for f in ticket.active_files],
    }


def _age(first_seen: datetime, now: datetime) -> str:
    days = (now - first_seen).days
    return f"{days}d" if days else f"{int((now - first_seen).total_seconds() // 3600)}h"


def write_table(tickets: tuple[TicketRow, ...], out: TextIO, now: datetime) -> None:
    rows = [("TICKET", "VERDICT", "AGE", "LANG", "FILES", "REASONS")]
    for ticket in tickets:
        verdict = ticket.effective_verdict.value if ticket.effective_verdict else "-"
        if ticket.override is not None:
            verdict += " (agent)"
        elif ticket.provisional:
            verdict += " (provisional)"
        rows.append(
            (
                ticket.number,
                verdict,
                _age(ticket.first_seen_at, now),
                ticket.language or "-",
                str(len(ticket.active_files)),
                ",".join(reason.code for reason in ticket.reasons) or "-",
            )
        )
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]) - 1)]
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        print("  ".join([*cells, row[-1]]), file=out)


def _run_tickets(args: argparse.Namespace) -> int:
    if args.limit < 1:
        raise _CommandFailedError("--limit must be at least 1")
    selection = TicketFilter(
        verdicts=frozenset(Verdict(v) for v in args.verdict or ()),
        status=TicketStatus.CLOSED if args.closed else TicketStatus.OPEN,
    )
    with _store(load_store_settings()) as store:
        page = store.tickets.list(selection, limit=args.limit)
    if args.json:
        for ticket in page.tickets:
            print(json.dumps(ticket_json(ticket), ensure_ascii=False))
        return 0
    write_table(page.tickets, sys.stdout, datetime.now(UTC))
    shown = len(page.tickets)
    more = f" (first {shown} shown; --limit)" if shown < page.total else ""
    counts = ", ".join(
        f"{'unverified' if verdict is None else verdict.value} {count}"
        for verdict, count in sorted(page.counts.items(), key=lambda item: "" if item[0] is None else item[0])
    )
    print(f"{page.total} ticket(s){more}; open by verdict: {counts or 'none'}")
    return 0
