"""Benchmark: fetching the queue from the sandbox Dovecot, batched against one message per command.

Appends 2,000 messages (about 6 KB each) to a throwaway Dovecot, then prints messages per second for
`Mailbox.take` with the configured batch size and with one message per FETCH, and the peak Python memory
(tracemalloc) while taking 500 and 2,000 messages: it must stay flat, one batch in memory whatever the
backlog. Run: `.venv/bin/python -m tests.benchmarks.imap_fetch`.
"""

from __future__ import annotations

import shutil
import tempfile
import time
import tracemalloc
from pathlib import Path

from bot.mail.imap import Cursor, Mailbox
from bot.sandbox.dovecot import SandboxDovecot
from tests.support.dovecot import mailbox_settings, make_mail

TOTAL = 2000
BODY = "I hereby release the photo under CC BY-SA 4.0. " * 120  # ~6 KB, a typical release mail


def _take(dovecot: SandboxDovecot, folder: str, count: int, batch_size: int) -> tuple[float, int, int]:
    """(seconds, messages, peak bytes) for taking the first `count` messages of `folder`."""
    settings = mailbox_settings(dovecot, folder, batch_size=batch_size, read_timeout=60.0)
    with Mailbox(settings) as box:
        pending = box.pending(Cursor())
        tracemalloc.start()
        started = time.perf_counter()
        taken = 0
        for message in box.fetch(pending):
            taken += len(message.raw) > 0
            if taken >= count:
                break
        seconds = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return seconds, taken, peak


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="permbot-bench-imap-"))
    dovecot = SandboxDovecot.start(folder / "imap")
    try:
        started = time.perf_counter()
        dovecot.deliver(make_mail(n, body=BODY) for n in range(TOTAL))
        print(f"appended {TOTAL} messages in {time.perf_counter() - started:.1f} s")
        for label, batch in (("batched (50 per FETCH)", 50), ("one message per FETCH", 1)):
            seconds, taken, _ = _take(dovecot, "INBOX", TOTAL, batch)
            print(f"{label:24} {taken} messages in {seconds:5.2f} s = {taken / seconds:7.0f} messages/s")
        for count in (500, TOTAL):
            _, taken, peak = _take(dovecot, "INBOX", count, 50)
            print(f"peak memory taking {taken:5} messages (batches of 50): {peak / 1024:7.0f} KiB")
    finally:
        dovecot.stop()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
