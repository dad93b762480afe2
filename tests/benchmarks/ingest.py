"""Benchmark: `permbot ingest` of the sandbox Dovecot's queue into a fresh store, fetch+store and verify.

A throwaway sandbox Dovecot is filled with copies of the sample mails (samples/*/message.eml), each with
its own Message-ID and ticket number, written as Maildir files into each folder's `new/` (owned by the
mail user, as a delivery agent would) and indexed by Dovecot at the first SELECT: thousands of messages
in about a second, against ~11 ms per message for one APPEND each. The fill time is printed apart.

Each run ingests one folder in a process of its own (so its peak memory is its own): `take_mail` (fetch
with `BODY.PEEK[]`, store, cursor, keyword), then `verify_stored` (the verifier's reading workers, the
fake web serving the samples' sites, WHOIS off), exactly as `permbot ingest` does. Printed per run:
messages per second for fetch+store and for verify, the peak Python heap of the ingesting process
(tracemalloc), its peak resident memory (ru_maxrss) and the peak resident memory of its whole process
tree (the reading workers included, polled). Runs: 500 and 2,000 messages with the configured batch
size (the memory must not grow with the mailbox), and 2,000 with one message per FETCH (fetch+store
only: the verification is the same).

Run: `.venv/bin/python -m tests.benchmarks.ingest [--count 2000] [--small 500] [--database-url URL]`.
A database URL (MariaDB) must point at an empty database: its schema is created, all runs share it.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime
import multiprocessing
import os
import pwd
import re
import resource
import secrets
import shutil
import signal
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

from bot.config.mailbox import MailboxSettings, load_mailbox_settings
from bot.config.passes import load_pass_settings
from bot.config.verifier import load_verifier_settings
from bot.mail.imap import Cursor, Mailbox
from bot.passes.ingest import IngestSummary, take_mail, verify_stored
from bot.sandbox.dovecot import MAIL_USER, SandboxDovecot
from bot.sandbox.fakeweb import FakeWeb
from bot.sandbox.samples import SampleTicket, all_sites, load_samples
from bot.store.model import TicketFilter
from bot.store.store import Store
from bot.verify.batch import Verifier
from tests.benchmarks.verify_throughput import TreeMemory

_MESSAGE_ID = re.compile(rb"^Message-ID:[^\r\n]*", re.IGNORECASE | re.MULTILINE)


@dataclass(frozen=True)
class RunSpec:
    """One measured ingest: a folder of `count` messages, fetched `batch_size` per FETCH."""

    label: str
    folder: str
    count: int
    batch_size: int
    verify: bool
    trace_heap: bool  # tracemalloc slows Python down several times: speed is measured in runs without it
    database_url: str
    mailbox: MailboxSettings
    web_env: dict[str, str]


@dataclass(frozen=True)
class RunFigures:
    spec: RunSpec
    fetched: int
    stored: int
    verified: int
    fetch_only_seconds: float
    fetch_seconds: float
    verify_seconds: float
    heap_peak_bytes: int
    maxrss_kb: int
    tree_peak_kb: int = 0
    verdicts: tuple[tuple[str, int], ...] = ()

    def rate(self, seconds: float, count: int) -> str:
        return f"{count / seconds:.0f}" if seconds > 0 and count else "-"


def bench_mail(sample: SampleTicket, raw: bytes, run: int, number: int, token: str) -> bytes:
    """A copy of a sample mail with a Message-ID and a ticket number of its own (same date prefix)."""
    ticket = f"{sample.ticket[:8]}{run * 1_000_000 + number:08d}"
    head, separator, body = raw.partition(b"\n\n") if b"\r\n\r\n" not in raw else raw.partition(b"\r\n\r\n")
    message_id = f"Message-ID: <bench-{token}-{run}-{number}@permbot.invalid>".encode()
    head, found = _MESSAGE_ID.subn(message_id, head, count=1)
    if not found:
        head += b"\n" + message_id
    return (head + separator + body).replace(sample.ticket.encode(), ticket.encode())


def bench_mails(count: int, run: int, token: str) -> Iterator[bytes]:
    samples = [sample for sample in load_samples() if sample.ticket]
    raws = [sample.mail.read_bytes() for sample in samples]
    for number in range(count):
        which = number % len(samples)
        yield bench_mail(samples[which], raws[which], run, number, token)


def fill_folder(dovecot: SandboxDovecot, folder: str, mails: Iterator[bytes]) -> int:
    """Create `folder` through IMAP, write the mails into its Maildir `new/`, and SELECT it so that
    Dovecot indexes them; the number of messages Dovecot reports."""
    client = dovecot.client(timeout=120.0)
    try:
        client.create_folder(folder)
        maildir = dovecot.dir / "mail" / dovecot.access.user / f".{folder}"
        nobody = pwd.getpwnam(MAIL_USER)
        stamp = int(time.time())
        for number, raw in enumerate(mails):
            name = f"{stamp}.M{number}P{os.getpid()}.permbot-bench,S={len(raw)}"
            staged = maildir / "tmp" / name
            staged.write_bytes(raw)
            os.chown(staged, nobody.pw_uid, nobody.pw_gid)
            staged.rename(maildir / "new" / name)  # the Maildir way: complete files only appear in new/
        exists = int(client.select_folder(folder, readonly=True)[b"EXISTS"])
    finally:
        client.logout()
    return exists


def measure(spec: RunSpec, answer: Connection) -> None:
    """In a process of its own: ingest the folder as `permbot ingest` does, and send back the figures.
    Ctrl-C is the parent's: it stops this process."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    os.environ.update(spec.web_env)
    verifier_settings = dataclasses.replace(load_verifier_settings(), whois_enabled=False)
    pass_settings = load_pass_settings()
    summary = IngestSummary()
    if spec.trace_heap:
        tracemalloc.start()
    with Mailbox(spec.mailbox) as box:  # the fetch alone first (BODY.PEEK[]: nothing changes)
        started = time.perf_counter()
        fetched_only = sum(len(message.raw) > 0 for message in box.fetch(box.pending(Cursor())))
        fetch_only_seconds = time.perf_counter() - started
    with Store.open(spec.database_url, migrate_schema=True) as store:
        started = time.perf_counter()
        take_mail(store, spec.mailbox, lambda _event: None, summary)
        fetched = time.perf_counter()
        if spec.verify:
            with Verifier(verifier_settings) as verifier:
                verify_stored(
                    store,
                    verifier,
                    verifier_settings.policy,
                    max_attempts=pass_settings.max_reverify + 1,
                    started=datetime.datetime.now(datetime.UTC),
                    report=lambda _event: None,
                    summary=summary,
                )
        verified = time.perf_counter()
    heap_peak = tracemalloc.get_traced_memory()[1] if spec.trace_heap else 0
    tracemalloc.stop()
    if summary.mailbox_error:
        raise SystemExit(f"{spec.label}: the mailbox failed: {summary.mailbox_error}")
    answer.send(
        RunFigures(
            spec=spec,
            fetched=fetched_only,
            stored=summary.stored,
            verified=summary.verified,
            fetch_only_seconds=fetch_only_seconds,
            fetch_seconds=fetched - started,
            verify_seconds=verified - fetched,
            heap_peak_bytes=heap_peak,
            maxrss_kb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
            verdicts=tuple(sorted(summary.verdicts.items())),
        )
    )


def run_measured(spec: RunSpec) -> RunFigures:
    """`measure` in a fresh process (spawned: nothing inherited), its process tree's memory polled."""
    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=measure, args=(spec, sender), name=f"ingest-{spec.label}")
    process.start()
    sender.close()  # the child's end only: recv() then ends with EOFError if the child dies
    memory = TreeMemory(process.pid or 0)
    try:
        figures: RunFigures = receiver.recv()
    except KeyboardInterrupt:
        process.terminate()
        process.join()
        raise
    except EOFError:
        process.join()
        raise SystemExit(f"the {spec.label} run failed (exit {process.exitcode})") from None
    finally:
        memory.stop()
    process.join()
    return dataclasses.replace(figures, tree_peak_kb=memory.peak_tree_kb)


def database_url(given: str | None, folder: Path, label: str) -> str:
    return given or f"sqlite:///{folder / f'store-{label}.sqlite3'}"


def require_empty(url: str) -> None:
    with Store.open(url, migrate_schema=True) as store:
        held = store.tickets.list(TicketFilter(), offset=0, limit=1).total
    if held:
        raise SystemExit(f"{url} holds {held} ticket(s): give the benchmark an empty database")


def print_table(runs: list[RunFigures]) -> None:
    print()
    print(
        f"{'run':<28} {'messages':>8} {'batch':>5} {'fetch/s':>7} {'fetch+store/s':>13} {'verify/s':>8} "
        f"{'maxrss':>8} {'tree peak':>9} {'heap peak':>9}"
    )
    for run in runs:
        spec = run.spec
        verify = run.rate(run.verify_seconds, run.verified) if spec.verify else "-"
        heap = f"{run.heap_peak_bytes / 2**20:5.1f} MiB" if spec.trace_heap else "-"
        print(
            f"{spec.label:<28} {run.stored:>8} {spec.batch_size:>5} "
            f"{run.rate(run.fetch_only_seconds, run.fetched):>7} "
            f"{run.rate(run.fetch_seconds, run.stored):>13} {verify:>8} "
            f"{run.maxrss_kb / 1024:>4.0f} MiB {run.tree_peak_kb / 1024:>5.0f} MiB {heap:>9}"
        )
    print(
        "messages/s: fetch alone (Mailbox.fetch), fetch+store (take_mail: store, cursor, keyword) and\n"
        "verify (verify_stored); maxrss: the ingesting process's peak resident memory; tree peak: with its\n"
        "reading workers (polled); heap peak: tracemalloc's peak (its runs are slower)"
    )
    print()
    for run in runs:
        verdicts = ", ".join(f"{n} {v}" for v, n in run.verdicts) or "not verified"
        print(
            f"{run.spec.label}: fetch+store {run.fetch_seconds:.1f} s, verify {run.verify_seconds:.1f} s; "
            f"{run.verified} tickets verified: {verdicts}"
        )


def growth(small: RunFigures, large: RunFigures, what: str) -> str:
    """How much the peak grew from the small run to the large one."""
    if what == "heap":
        return f"heap {(large.heap_peak_bytes - small.heap_peak_bytes) / 2**20:+.1f} MiB"
    if what == "maxrss":
        return f"maxrss {(large.maxrss_kb - small.maxrss_kb) / 1024:+.0f} MiB"
    return f"tree {(large.tree_peak_kb - small.tree_peak_kb) / 1024:+.0f} MiB"


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, default=2000, help="messages in the large runs (default 2000)")
    parser.add_argument("--small", type=int, default=500, help="messages in the small run (default 500)")
    parser.add_argument("--database-url", help="an empty server database (MariaDB) instead of fresh SQLite")
    parser.add_argument("--no-heap", action="store_true", help="skip the two runs under tracemalloc")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="permbot-bench-ingest-"))
    token = secrets.token_hex(4)
    if args.database_url:
        require_empty(args.database_url)
    dovecot = SandboxDovecot.start(folder / "imap")
    try:
        configured = load_mailbox_settings(dovecot.env)  # config/service.toml, pointed at the sandbox
        batch = configured.batch_size
        plan = [
            # label, messages, batch size, verify, tracemalloc
            (f"{args.small} batched", args.small, batch, True, False),
            (f"{args.count} batched", args.count, batch, True, False),
            (f"{args.count} one per FETCH", args.count, 1, False, False),
        ]
        if not args.no_heap:
            plan.append((f"{args.small} batched, tracemalloc", args.small, batch, True, True))
            plan.append((f"{args.count} batched, tracemalloc", args.count, batch, True, True))
        runs: list[RunFigures] = []
        with FakeWeb(all_sites(load_samples()), strict_scheme=False) as web:
            for run, (label, count, batch_size, verify, trace) in enumerate(plan):
                name = f"bench{run}"
                started = time.perf_counter()
                exists = fill_folder(dovecot, name, bench_mails(count, run, token))
                filled = time.perf_counter() - started
                print(
                    f"{label}: {exists} messages written to the Maildir and indexed by Dovecot in "
                    f"{filled:.2f} s; ingesting ...",
                    flush=True,
                )
                mailbox = dataclasses.replace(configured, folder=name, batch_size=batch_size)
                url = database_url(args.database_url, folder, str(run))
                spec = RunSpec(label, name, count, batch_size, verify, trace, url, mailbox, web.env)
                try:
                    runs.append(run_measured(spec))
                except KeyboardInterrupt:
                    print(f"interrupted during {label!r}: {len(runs)} of {len(plan)} runs done")
                    print_table(runs)
                    return 130
        print_table(runs)
        print(
            f"memory from {args.small} to {args.count} messages: {growth(runs[0], runs[1], 'maxrss')}, "
            f"{growth(runs[0], runs[1], 'tree')}"
            + (f", {growth(runs[3], runs[4], 'heap')}" if not args.no_heap else "")
        )
    finally:
        dovecot.stop()
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
