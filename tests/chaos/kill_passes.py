"""kill -9 a running `permbot run --once` at random points, start it again until it finishes, then count.

    .venv/bin/python -m tests.chaos.kill_passes --runs 100 --seed 1 [--database-url URL | --mariadb]

On a sandbox wiki, a sandbox Dovecot, the fake web (the samples' sites) and a store, each run delivers the
sample tickets (samples/*/message.eml) into a fresh mail folder, puts their files on the wiki with pending
tags (a snapshot restored per run), and starts `permbot run --once` as a subprocess with checkpoints
announced (bot/passes/checkpoints.py). It is killed with SIGKILL 1-3 times at a random point, either
exactly at a named checkpoint (the process pauses there) or at random timing, then started again until it
exits cleanly. Then every page's history is read through the API and the store is read:

- `duplicate edits`: bot revisions beyond those of a run without kills (run 0, the reference);
- `lost tickets`: tickets whose verdict, or whose files' final text, differ from the reference;
- `messages processed twice`: messages stored more than once (same Message-ID), or not exactly once.

Targets: 0, 0, 0. A killed pass leaves its lease behind; the harness releases it as an operator would after
seeing the process gone (lease expiry itself is covered by the store's tests). The store is a fresh SQLite
file per run by default; `--database-url` (a MariaDB/MySQL database URL whose account may create
databases) or `--mariadb` (a throwaway server, tests.support.mariadb) give each run a fresh database.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa

from bot.config.store import sqlite_url
from bot.passes.checkpoints import ANNOUNCE_VARIABLE, PAUSE_AT_VARIABLE, PAUSE_VARIABLE, PREFIX, Checkpoint
from bot.sandbox.dovecot import SandboxDovecot
from bot.sandbox.fakeweb import FakeWeb
from bot.sandbox.samples import (
    SampleTicket,
    all_files,
    all_sites,
    bot_revisions,
    load_samples,
    put_pending_files,
)
from bot.sandbox.wiki import SandboxWiki
from bot.store import Store
from bot.store.leases import pass_lease_name

SNAPSHOT = "chaos"
START_TIMEOUT = 180.0  # seconds one start of `permbot run --once` may take before it counts as hung
MAX_CLEAN_STARTS = 5  # starts without a kill until the pass must have finished
PAUSE_SECONDS = "30"  # the pause at the chosen checkpoint: the kill lands while the process waits there

# The named kill points of the issue, by the checkpoints where the process is stopped.
NAMED_POINTS: dict[str, tuple[Checkpoint, ...]] = {
    "mid-fetch": (Checkpoint.FETCHED, Checkpoint.STORED),
    "mid-verify": (Checkpoint.VERIFYING, Checkpoint.RECORDED),
    "between save and journal": (Checkpoint.SAVED,),
    "after intent": (Checkpoint.PLANNED,),
}
# Random timing: a few milliseconds after one of these, the process is inside the store's next commits.
RANDOM_AFTER = (
    Checkpoint.STORED,
    Checkpoint.MARKED,
    Checkpoint.RECORDED,
    Checkpoint.PLANNED,
    Checkpoint.SETTLED,
)


@dataclass(frozen=True)
class KillPoint:
    """Where one start is killed: at the `occurrence`-th announcement of `checkpoint`, `delay` s later
    (0: exactly there, the process paused)."""

    checkpoint: Checkpoint
    occurrence: int
    delay: float

    @property
    def label(self) -> str:
        timing = "exactly" if self.delay == 0 else f"+{self.delay * 1000:.0f}ms"
        return f"{self.checkpoint.value}#{self.occurrence} {timing}"


def random_kill_point(rng: random.Random) -> KillPoint:
    """Half at a named point exactly, half at random timing after a point (mid-commit and elsewhere)."""
    if rng.random() < 0.5:
        checkpoint = rng.choice(NAMED_POINTS[rng.choice(sorted(NAMED_POINTS))])
        return KillPoint(checkpoint, rng.randint(1, 3), 0.0)
    return KillPoint(rng.choice(RANDOM_AFTER), rng.randint(1, 4), rng.uniform(0.001, 0.030))


@dataclass
class RunResult:
    duplicate_edits: int = 0
    lost_tickets: int = 0
    processed_twice: int = 0
    starts: int = 0
    kills: list[str] = field(default_factory=list)
    hung: int = 0
    lost: list[str] = field(default_factory=list)  # what differs, per lost ticket (ticket numbers only)

    def line(self, number: int) -> str:
        kills = ", ".join(self.kills) or "none"
        return (
            f"run {number:>3}: {self.starts} start(s), kills: {kills}; "
            f"duplicate edits {self.duplicate_edits}, lost tickets {self.lost_tickets}, "
            f"messages processed twice {self.processed_twice}"
            + (f", HUNG {self.hung}" if self.hung else "")
            + "".join(f"\n      lost: {detail}" for detail in self.lost)
        )


@dataclass(frozen=True)
class Expected:
    """What a run without kills leaves: the bot's edits per page, final texts, the tickets' verdicts."""

    edits: dict[str, int]
    texts: dict[str, str | None]
    verdicts: dict[str, str | None]


class Databases:
    """A fresh store database per run: SQLite files in `folder`, or databases beside a server URL."""

    def __init__(self, folder: Path, server_url: str | None) -> None:
        self._folder = folder
        self._server = sa.make_url(server_url) if server_url else None

    def fresh(self, run: int) -> str:
        """An empty database brought to the schema, as `permbot db upgrade` does before a deployment."""
        if self._server is None:
            url = sqlite_url(self._folder / f"run{run}.sqlite3")
        else:
            name = f"{self._server.database}_chaos{run}"
            _execute(self._server, f"DROP DATABASE IF EXISTS {_quoted(name)}")
            _execute(self._server, f"CREATE DATABASE {_quoted(name)} CHARACTER SET utf8mb4")
            url = self._server.set(database=name).render_as_string(hide_password=False)
        Store.open(url, migrate_schema=True).close()
        return url

    def drop(self, run: int) -> None:
        if self._server is None:
            (self._folder / f"run{run}.sqlite3").unlink(missing_ok=True)
            return
        _execute(self._server, f"DROP DATABASE IF EXISTS {_quoted(f'{self._server.database}_chaos{run}')}")


def _quoted(name: str) -> str:
    """A database name made of the URL's name and a run number, checked before it is put in a statement."""
    if not name.replace("_", "").isalnum():
        raise ValueError(f"unexpected database name {name!r}")
    return f"`{name}`"


def _execute(server: sa.URL, statement: str) -> None:
    engine = sa.create_engine(server.set(database=None))
    try:
        with engine.begin() as connection:
            connection.execute(sa.text(statement))
    finally:
        engine.dispose()


class Rig:
    """The sandbox parts every run shares, and what a run does on them."""

    def __init__(
        self,
        wiki: SandboxWiki,
        dovecot: SandboxDovecot,
        web: FakeWeb,
        databases: Databases,
        samples: list[SampleTicket],
    ) -> None:
        self.wiki = wiki
        self.dovecot = dovecot
        self.web = web
        self.databases = databases
        self.samples = samples
        self.titles = all_files(self.samples)
        self._mails = [sample.mail.read_bytes() for sample in self.samples]
        self.permbot = str(Path(sys.executable).with_name("permbot"))

    def prepare(self) -> None:
        """The samples' files pending on the wiki, remembered as the snapshot each run starts from."""
        self.wiki.restore()
        put_pending_files(self.wiki, self.titles)
        self.wiki.snapshot(SNAPSHOT)

    def environment(self, folder: str, database_url: str) -> dict[str, str]:
        env = {**os.environ, **self.web.env, **self.wiki.env, **self.dovecot.env}
        env.update(
            PERMBOT_IMAP_SECURITY="plain",
            PERMBOT_IMAP_FOLDER=folder,
            PERMBOT_DATABASE_URL=database_url,
        )
        return env

    def run(
        self, number: int, kill_points: list[KillPoint], expected: Expected | None
    ) -> tuple[RunResult, Expected]:
        """One scenario: fresh state, starts killed at `kill_points`, starts until clean, then the counts."""
        self.wiki.restore(SNAPSHOT)
        self.wiki.reset_controls()
        folder = f"chaos{os.getpid()}x{number}x{time.monotonic_ns() % 1_000_000}"
        self.dovecot.deliver(self._mails, folder)
        url = self.databases.fresh(number)
        env = self.environment(folder, url)
        result = RunResult()
        try:
            for point in kill_points:
                result.starts += 1
                outcome = start_once(self.permbot, env, point)
                if outcome == "killed":
                    result.kills.append(point.label)
                    self._release_dead_lease(url)
                elif outcome == "hung":
                    result.hung += 1
                    self._release_dead_lease(url)
                elif outcome == "clean":
                    break
            else:
                for _ in range(MAX_CLEAN_STARTS):
                    result.starts += 1
                    outcome = start_once(self.permbot, env, None)
                    if outcome == "clean":
                        break
                    if outcome == "hung":
                        result.hung += 1
                        self._release_dead_lease(url)
            found = self._observe(url)
            if expected is not None:
                count(result, self.samples, expected, found, self._messages_twice(url))
            else:
                result.processed_twice = self._messages_twice(url)
            return result, found
        finally:
            self._delete_folder(folder)
            self.databases.drop(number)

    def _release_dead_lease(self, url: str) -> None:
        name = pass_lease_name(self.wiki.env["PERMBOT_WIKI_API"])
        with Store.open(url) as store:
            lease = store.leases.current(name)
            if lease is not None:
                store.leases.release(name, lease.holder)

    def _observe(self, url: str) -> Expected:
        edits = {title: len(bot_revisions(self.wiki, title)) for title in self.titles}
        texts = {title: self.wiki.page_text(title) for title in self.titles}
        with Store.open(url) as store:
            verdicts: dict[str, str | None] = {}
            for sample in self.samples:
                ticket = store.tickets.get(sample.ticket, with_evidence=False)
                verdicts[sample.ticket] = ticket.verdict.value if ticket and ticket.verdict else None
        return Expected(edits, texts, verdicts)

    def _messages_twice(self, url: str) -> int:
        """Messages stored more than once, plus delivered messages not stored exactly once."""
        twice = 0
        with Store.open(url) as store:
            for sample in self.samples:
                rows = store.messages.for_ticket(sample.ticket)
                twice += abs(len(rows) - 1)
        return twice

    def _delete_folder(self, folder: str) -> None:
        client = self.dovecot.client()
        try:
            for name in (f"{folder}.done", folder):
                if client.folder_exists(name):
                    client.delete_folder(name)
        finally:
            client.logout()


def count(
    result: RunResult, samples: list[SampleTicket], expected: Expected, found: Expected, twice: int
) -> None:
    """Edits beyond the expected ones; tickets whose verdict, or a file's edits or text, are not as expected
    (texts only when the expectation has them: a reference run's)."""
    result.duplicate_edits = sum(max(0, n - expected.edits.get(t, 0)) for t, n in found.edits.items())
    missing = {t for t, n in expected.edits.items() if found.edits.get(t, 0) < n}
    changed = {t for t, text in expected.texts.items() if found.texts.get(t) != text}
    result.lost = [
        f"ticket {sample.ticket}: verdict {found.verdicts.get(sample.ticket)} "
        f"(reference {expected.verdicts.get(sample.ticket)}); "
        f"edits missing on {sorted(set(sample.files) & missing)}, "
        f"text differing on {sorted(set(sample.files) & changed)}"
        for sample in samples
        if found.verdicts.get(sample.ticket) != expected.verdicts.get(sample.ticket)
        or set(sample.files) & (missing | changed)
    ]
    result.lost_tickets = len(result.lost)
    result.processed_twice = twice


def expected_from_samples(samples: list[SampleTicket]) -> Expected:
    """Without a reference run: the samples' expected verdicts, one `receive` edit per file of every ticket
    not suspicious (the default policy: auto_confirm off), none on the others' files."""
    edits: dict[str, int] = {}
    for sample in samples:
        for title in sample.files:
            edits[title] = max(edits.get(title, 0), int(sample.expected_verdict != "suspicious"))
    return Expected(edits, {}, {sample.ticket: sample.expected_verdict for sample in samples})


def start_once(permbot: str, env: dict[str, str], point: KillPoint | None) -> str:
    """One `permbot run --once`: "killed" at `point`, "clean" (exit 0), "left" (exit != 0) or "hung"."""
    env = {**env, ANNOUNCE_VARIABLE: "1"}
    if point is not None and point.delay == 0:
        env.update({PAUSE_VARIABLE: PAUSE_SECONDS, PAUSE_AT_VARIABLE: point.checkpoint.value})
    process = subprocess.Popen(
        [permbot, "run", "--once", "--json"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    watchdog = threading.Timer(START_TIMEOUT, lambda: _kill(process))
    watchdog.start()
    seen = 0
    tail: list[str] = []
    try:
        assert process.stderr is not None
        for line in process.stderr:
            if not line.startswith(PREFIX):
                tail = [*tail[-9:], line.rstrip()]
            if point is None or not line.startswith(PREFIX):
                continue
            if line[len(PREFIX) :].strip() == point.checkpoint.value:
                seen += 1
                if seen == point.occurrence:
                    if point.delay:
                        time.sleep(point.delay)
                    _kill(process)
                    process.wait()
                    return "killed"
        code = process.wait()
    finally:
        watchdog.cancel()
        if process.stderr is not None:
            process.stderr.close()
    if code == -signal.SIGKILL:
        return "hung"
    if code != 0:
        print(f"  permbot run --once exited {code}:", *tail, sep="\n    ", file=sys.stderr)
    return "clean" if code == 0 else "left"


def _kill(process: subprocess.Popen[str]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)


@contextlib.contextmanager
def rig_on(base: Path, database_url: str | None, samples: list[SampleTicket]) -> Iterator[Rig]:
    """A whole rig of its own: sandbox wiki, Dovecot and fake web under `base`, stopped at the end."""
    wiki = SandboxWiki.up(base / "wiki", progress=lambda line: print(f"  {line}", file=sys.stderr))
    try:
        with (
            SandboxDovecot.start(base / "imap") as dovecot,
            FakeWeb(all_sites(samples), strict_scheme=False) as web,
        ):
            wiki.snapshot()
            rig = Rig(wiki, dovecot, web, Databases(base, database_url), samples)
            rig.prepare()
            yield rig
    finally:
        wiki.stop()


def _utc_day() -> datetime.date:
    return datetime.datetime.now(datetime.UTC).date()


def campaign(rig: Rig, runs: int, seed: int, say: Callable[[str], None]) -> RunResult:
    """The reference run, then `runs` runs with random kills; the totals."""
    rng = random.Random(seed)  # noqa: S311 (reproducible kill points, not secrets)
    reference, expected = rig.run(0, [], None)
    say(reference.line(0) + " (reference)")
    reference_day = _utc_day()
    total = RunResult()
    for number in range(1, runs + 1):
        if _utc_day() != reference_day:
            # {{Permission received}} carries the day of the pass: past midnight the texts differ from the
            # reference's by that date alone, so the reference is taken again for the new day.
            reference, expected = rig.run(0, [], None)
            say(reference.line(0) + " (reference again: a new UTC day)")
            reference_day = _utc_day()
        points = [random_kill_point(rng) for _ in range(rng.randint(1, 3))]
        result, _found = rig.run(number, points, expected)
        say(result.line(number))
        total.duplicate_edits += result.duplicate_edits
        total.lost_tickets += result.lost_tickets
        total.processed_twice += result.processed_twice
        total.starts += result.starts
        total.kills += result.kills
        total.hung += result.hung
    return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--tickets", type=int, default=0, help="only the first N sample tickets (0: all)")
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--database-url", help="a MariaDB/MySQL database URL (fresh databases beside it per run)"
    )
    where.add_argument("--mariadb", action="store_true", help="a throwaway MariaDB (tests.support.mariadb)")
    args = parser.parse_args(argv)
    started = time.monotonic()
    with contextlib.ExitStack() as stack:
        url = args.database_url
        if args.mariadb:
            from tests.support import mariadb

            server = mariadb.start_server()
            stack.callback(server.stop)
            url = server.url(server.create_database())
        base = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="permbot-chaos-")))
        samples = load_samples()[: args.tickets or None]
        rig = stack.enter_context(rig_on(base, url, samples))
        total = campaign(rig, args.runs, args.seed, print)
    print(
        f"\nduplicate edits            {total.duplicate_edits}\n"
        f"lost tickets               {total.lost_tickets}\n"
        f"messages processed twice   {total.processed_twice}\n"
        f"runs                       {args.runs}\n"
        f"kills                      {len(total.kills)}\n"
        f"starts                     {total.starts}\n"
        f"hung starts                {total.hung}\n"
        f"seconds                    {time.monotonic() - started:.0f}"
    )
    return 0 if total.duplicate_edits == total.lost_tickets == total.processed_twice == total.hung == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
