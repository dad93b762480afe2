"""Server time of the review page: the queue with 2,000 tickets (a page of 50) and a ticket with 50 files.

Run: `.venv/bin/python -m tests.benchmarks.review_page`. Prints the median time of each page over 20 requests
(Flask's test client, no network, no wiki: file info disabled) and the store's queries per request.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from bot.config.files import default_config_dir, read_toml
from bot.config.review import LoginMode, ReviewSettings
from bot.config.store import sqlite_url
from bot.review.app import ReviewParts, create_app
from bot.review.replies import load_replies
from bot.review.runner import NoRunner
from bot.review.security import SESSION_AGENT, SESSION_CSRF, SESSION_EXPIRES
from bot.store.model import SuggestionUpdate
from bot.store.store import Store
from verification.message import MailVocabulary
from verification.model import Reason, Verdict

TICKETS = 2000
FILES = 50
RUNS = 20


def fill(store: Store) -> str:
    verdicts = list(Verdict)
    for n in range(TICKETS):
        number = f"2024{n:012d}"
        verdict = verdicts[n % len(verdicts)]
        update = SuggestionUpdate(
            verdict, (Reason("code", "A reason.", verdict),), {"statement": {}}, sender="a@b.org"
        )
        files = [f"File:Bench {n} {i}.jpg" for i in range(FILES if n == 0 else 2)]
        store.tickets.record_suggestion(number, update, files)
    return "2024" + "0" * 12


def timed(client: object, store: Store, url: str) -> tuple[float, int]:
    times, queries = [], 0
    for _ in range(RUNS):
        with store.count_queries() as counter:
            started = time.perf_counter()
            response = client.get(url)  # type: ignore[attr-defined]
            times.append(time.perf_counter() - started)
        assert response.status_code == 200, response.status_code
        queries = counter.count
    return statistics.median(times) * 1000, queries


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(sqlite_url(Path(folder) / "bench.sqlite3"), migrate_schema=True)
        started = time.perf_counter()
        big = fill(store)
        print(f"filled {TICKETS} tickets in {time.perf_counter() - started:.1f} s")
        settings = ReviewSettings(
            login=LoginMode.LOCAL, secret_key="bench", wiki_api="http://127.0.0.1:9/api.php"
        )
        app = create_app(
            ReviewParts(
                settings=settings,
                store=store,
                replies=load_replies(),
                mail_vocabulary=MailVocabulary.from_mapping(read_toml(default_config_dir(), "mail.toml")),
                runner=NoRunner(),
                file_info=None,
            )
        )
        client = app.test_client()
        with client.session_transaction() as session:
            session[SESSION_AGENT] = "Bench"
            session[SESSION_EXPIRES] = "2999-01-01T00:00:00+00:00"
            session[SESSION_CSRF] = "x"
        for label, url, target in (
            (f"queue, {TICKETS} tickets, page of 50, deadline order", "/", 300),
            (
                "queue, page 20, filtered by two verdicts",
                "/?verdict=confirm&verdict=ask_license&page=20",
                300,
            ),
            (f"ticket with {FILES} files", f"/ticket/{big}", 200),
        ):
            ms, queries = timed(client, store, url)
            print(f"{label}: {ms:.1f} ms median of {RUNS} (target < {target} ms), {queries} store queries")
        store.close()


if __name__ == "__main__":
    main()
