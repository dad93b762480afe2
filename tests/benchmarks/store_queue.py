"""Benchmark: the review queue's store reads with 2,000 tickets, on SQLite and on a throwaway MariaDB.

    python -m tests.benchmarks.store_queue [--tickets 2000] [--files 3] [--backend sqlite|mariadb|both]

Fills a fresh database with tickets (every verdict, two languages, a few files each, pending-tag dates on
some), then times a page of 50 in each order and with a verdict filter, and one ticket with 50 files,
counting the statements each runs. Target (issue 9): a queue page well under 300 ms and a ticket under
200 ms, with a fixed number of queries. Figures are printed, not asserted.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.config.store import sqlite_url
from bot.store import Store, SuggestionUpdate, TicketFilter, TicketOrder
from tests.support import mariadb
from verification.model import Reason, Verdict

REPEATS = 20


def fill(store: Store, tickets: int, files: int) -> None:
    verdicts = list(Verdict)
    start = datetime(2025, 1, 1, tzinfo=UTC)
    for index in range(tickets):
        number = f"2025010110{index:06d}"
        verdict = verdicts[index % len(verdicts)]
        store.tickets.ensure(number, first_seen_at=start + timedelta(minutes=index))
        store.tickets.record_suggestion(
            number,
            SuggestionUpdate(
                verdict,
                (Reason(f"code_{verdict.value}", "a reason in plain words " * 4, verdict),),
                evidence={"site": {"pages": [f"https://example.org/{n}" for n in range(10)]}},
                language="de" if index % 2 else "fr",
            ),
            [f"File:Ticket {index} photo {n}.jpg" for n in range(files)],
        )
        if index % 3 == 0:
            store.tickets.set_pending_since(
                number, f"File:Ticket {index} photo 0.jpg", start + timedelta(days=index % 30)
            )


def timed(store: Store, label: str, read: Callable[[], object]) -> None:
    read()  # warm the connection pool and statement caches
    seconds = []
    for _ in range(REPEATS):
        with store.count_queries() as queries:
            began = time.perf_counter()
            read()
            seconds.append(time.perf_counter() - began)
    print(
        f"  {label:<38} median {statistics.median(seconds) * 1000:6.1f} ms"
        f"  max {max(seconds) * 1000:6.1f} ms  {queries.count} queries"
    )


def run(url: str, backend: str, tickets: int, files: int) -> None:
    with Store.open(url, migrate_schema=True) as store:
        began = time.perf_counter()
        fill(store, tickets, files)
        print(f"{backend}: filled {tickets} tickets x {files} files in {time.perf_counter() - began:.1f} s")
        big = "2025010110999999"
        store.tickets.record_suggestion(
            big,
            SuggestionUpdate(Verdict.CONFIRM, (), evidence={"x": 1}),
            [f"File:Big ticket {n}.jpg" for n in range(50)],
        )
        for n in range(5):
            store.messages.add(f"mail {n}".encode() * 1000, message_id=f"<big{n}@x>", ticket=big)
        timed(store, "queue page 50, oldest first", lambda: store.tickets.list(limit=50))
        timed(
            store,
            "queue page 50, by deadline",
            lambda: store.tickets.list(order=TicketOrder.DEADLINE, limit=50),
        )
        timed(
            store,
            "queue page 50 at offset 1500, newest",
            lambda: store.tickets.list(order=TicketOrder.NEWEST, offset=1500, limit=50),
        )
        confirm = TicketFilter(verdicts=frozenset({Verdict.CONFIRM}), language="de")
        timed(store, "queue page 50, confirm + de", lambda: store.tickets.list(confirm, limit=50))
        timed(store, "one ticket with 50 files (detail)", lambda: store.detail(big))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=2000)
    parser.add_argument("--files", type=int, default=3)
    parser.add_argument("--backend", choices=["sqlite", "mariadb", "both"], default="both")
    args = parser.parse_args()
    if args.backend in ("sqlite", "both"):
        with tempfile.TemporaryDirectory() as folder:
            run(sqlite_url(Path(folder) / "bench.sqlite3"), "sqlite", args.tickets, args.files)
    if args.backend in ("mariadb", "both"):
        server = mariadb.start_server()
        try:
            run(server.url(server.create_database()), "mariadb (tmpfs)", args.tickets, args.files)
        finally:
            server.stop()
            mariadb.remove_run_root()


if __name__ == "__main__":
    main()
