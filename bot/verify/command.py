"""`permbot verify`: verify permission mails (.eml, mbox, maildir, stdin) and stream a report per message.

Results are printed as they are decided, in input order; on a terminal a progress line runs on stderr.
Ctrl-C stops at once and says what was verified and what was not (exit 130).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import sys
from collections.abc import Iterator
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any, TextIO

from verification.errors import ConfigError

if TYPE_CHECKING:
    from bot.config.verifier import VerifierSettings
    from bot.mail.source import MessageInput
    from bot.verify.batch import VerifyOutcome

INTERRUPTED = 130


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "verify",
        help="verify permission mails (.eml, mbox, maildir, - for stdin) and suggest a verdict with reasons",
        description=(
            "Read each message, gather the evidence an agent would, and suggest a verdict. A file whose "
            "first line starts with 'From ' is an mbox: each of its messages is its own ticket (named "
            "FILE#1, FILE#2, ...). A folder is read as a maildir; '-' reads standard input."
        ),
    )
    parser.add_argument("messages", nargs="+", metavar="MESSAGE", help=".eml file, mbox, maildir or -")
    parser.add_argument("--json", action="store_true", help="one JSON object per message per line")
    parser.add_argument(
        "--config", type=Path, default=None, help="config folder (default: the repo's config/)"
    )
    parser.add_argument(
        "--workers",
        type=_positive_int,
        default=None,
        metavar="N",
        help="processes that read mail (default: the number of usable cores)",
    )
    parser.add_argument(
        "--fake-web",
        type=Path,
        action="append",
        default=[],
        metavar="SITES.json",
        help=(
            "fetch websites from the project's fake web serving these pages, {url: html} (offline "
            "rehearsal; repeatable; a folder means every */sites.json in it)"
        ),
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    # Imported here: `permbot tag` and friends should not pay for loading the verifier.
    from bot.verify.reading_server import start_reading_server

    if _many_messages(args.messages):
        start_reading_server()  # its imports run while this process loads the verifier and its config
    from bot.config.verifier import load_verifier_settings

    try:
        sites = _fake_sites(args.fake_web)
    except ConfigError as error:
        print(f"permbot verify: {error}", file=sys.stderr)
        return 2
    with _fake_web(sites):  # it sets PERMBOT_WHOIS=off: a rehearsal never asks the real registries
        try:
            settings = load_verifier_settings(args.config, environ=os.environ)
        except ConfigError as error:
            print(f"permbot verify: {error}", file=sys.stderr)
            return 2
        return _verify_all(args, settings)


def _verify_all(args: argparse.Namespace, settings: VerifierSettings) -> int:
    from bot.mail.files import read_sources
    from bot.verify.batch import Verifier
    from bot.verify.report import outcome_json, outcome_text

    run = _Run(sys.stderr)
    inputs = run.track(read_sources(args.messages, sys.stdin.buffer))
    interrupt = _DeferrableInterrupt()
    with Verifier(settings, workers=args.workers) as verifier, interrupt.installed():
        try:
            for outcome in verifier.verify(inputs):
                text = (
                    json.dumps(outcome_json(outcome), ensure_ascii=False)
                    if args.json
                    else outcome_text(outcome)
                )
                with interrupt.deferred():  # Ctrl-C between results: each is printed and counted whole
                    run.clear_progress()
                    print(text, flush=True)
                    run.done(outcome)
        except KeyboardInterrupt:
            run.clear_progress()
            run.interrupted()
            return INTERRUPTED
    run.clear_progress()
    run.warn_if_offline()
    return 1 if run.failed else 0


class _DeferrableInterrupt:
    """Ctrl-C as KeyboardInterrupt, except inside `deferred()`, where it waits for the block's end."""

    def __init__(self) -> None:
        self._deferring = False
        self._pending = False

    @contextlib.contextmanager
    def installed(self) -> Iterator[None]:
        previous = signal.signal(signal.SIGINT, self._handle)
        try:
            yield
        finally:
            signal.signal(signal.SIGINT, previous)

    @contextlib.contextmanager
    def deferred(self) -> Iterator[None]:
        self._deferring = True
        try:
            yield
        finally:
            self._deferring = False
        if self._pending:
            raise KeyboardInterrupt

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        if self._deferring:
            self._pending = True
        else:
            raise KeyboardInterrupt


class _Run:
    """What a run has taken, printed and met, for the progress line and the closing remarks."""

    def __init__(self, stderr: TextIO) -> None:
        self.taken = 0
        self.last_taken = ""
        self.printed = 0
        self.failed = False
        self.errors = 0
        self.sites_tried = 0
        self.sites_reached = 0
        self.stderr = stderr
        self.show_progress = stderr.isatty()
        if self.show_progress:
            stderr.write("permbot verify: reading the first messages ")
            stderr.flush()

    def track(self, messages: Iterator[MessageInput]) -> Iterator[MessageInput]:
        for message in messages:
            self.taken += 1
            self.last_taken = message.source
            yield message

    def done(self, outcome: VerifyOutcome) -> None:
        self.printed += 1
        if outcome.error is not None:
            self.failed = True
            self.errors += 1
        facts = outcome.facts
        if facts is not None and facts.official is not None:
            self.sites_tried += 1
            self.sites_reached += facts.site_reachable
        if self.show_progress:
            in_flight = self.taken - self.printed
            errors = f", {self.errors} could not be read" if self.errors else ""
            self.stderr.write(f"\rpermbot verify: {self.printed} verified{errors}, {in_flight} in progress ")
            self.stderr.flush()

    def clear_progress(self) -> None:
        if self.show_progress:
            self.stderr.write("\r\x1b[K")
            self.stderr.flush()

    def interrupted(self) -> None:
        from verification.terminal import inert

        unfinished = self.taken - self.printed
        lines = [
            f"permbot verify: interrupted. {self.printed} verified (printed above); "
            f"{unfinished} started but not finished; the rest not started."
        ]
        if self.taken:
            lines.append(f"  The last message taken was {inert(self.last_taken)}.")
        self.stderr.write("\n".join(lines) + "\n")
        self.stderr.flush()

    def warn_if_offline(self) -> None:
        if self.sites_tried and not self.sites_reached:
            self.stderr.write(
                f"permbot verify: warning: none of the {self.sites_tried} holders' websites could be reached "
                "(offline? a proxy needed: HTTPS_PROXY?). Verdicts that depend on them are marked "
                "provisional (site_unreachable): verify again once the web answers.\n"
            )


def _many_messages(given: list[str]) -> bool:
    """More messages than a small batch, which is read without worker processes, as far as the names
    tell: several files, or a maildir. One file may still be an mbox of many: its workers' server then
    starts with them."""
    from bot.verify.reading_server import SMALL_BATCH

    return len(given) > SMALL_BATCH or any(name != "-" and Path(name).is_dir() for name in given)


def _fake_sites(given: list[Path]) -> dict[str, Any]:
    sites: dict[str, Any] = {}
    files = [
        found for path in given for found in (sorted(path.glob("*/sites.json")) if path.is_dir() else [path])
    ]
    for path in files:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise ConfigError(f"--fake-web {path}: cannot read it as JSON ({error})") from error
        if not isinstance(data, dict):
            raise ConfigError(f"--fake-web {path}: expected a JSON object {{url: page}}")
        sites.update(data)
    return sites


@contextlib.contextmanager
def _fake_web(sites: dict[str, Any]) -> Iterator[None]:
    """With sites: serve them from the project's fake web, and point this process's fetches at it."""
    if not sites:
        yield
        return
    from bot.sandbox.fakeweb import FakeWeb

    saved = dict(os.environ)
    with FakeWeb(sites, strict_scheme=False) as web:
        os.environ.update(web.env)
        try:
            yield
        finally:
            os.environ.clear()
            os.environ.update(saved)


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value
