"""`permbot ingest` and `permbot run [--once]`: the service's commands and what they print.

Text lines for people (one per stored message, per verified ticket, per wiki action, then a summary), or
with --json one JSON object per line (`schema` permbot.ingest/1 and permbot.pass/1). Exit status 0 when
all went well, 1 when something is left for a later pass, 2 when the service could not start, 130 when
a second Ctrl-C (or SIGTERM) stopped it at once.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import sys
import threading
from collections.abc import Callable
from typing import Any

from verification.errors import ConfigError

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_LEFT_OVER = 1
EXIT_UNUSABLE = 2


def _printer(as_json: bool) -> Callable[[Any], None]:
    def emit(event: Any) -> None:
        print(json.dumps(event.to_json(), ensure_ascii=False) if as_json else event.text(), flush=True)

    return emit


def _action_printer(as_json: bool) -> Callable[[Any], None]:
    from bot.passes.run import RUN_SCHEMA

    def emit(result: Any) -> None:
        if as_json:
            print(json.dumps({"schema": RUN_SCHEMA, "event": "action", **result.to_json()}), flush=True)
            return
        outcome = result.outcome
        detail = f" ({outcome.detail})" if outcome.detail else ""
        settled = " [settled from an earlier pass]" if result.settled else ""
        print(
            f"{result.action.value:<8} {result.ticket} {outcome.kind.value:<10} "
            f"{outcome.title}{detail}{settled}",
            flush=True,
        )

    return emit


def load_context() -> Any:
    """The pass's settings and store; ConfigError/WikiSetupError/StoreError name what to fix."""
    from bot.config.mailbox import load_mailbox_settings
    from bot.config.passes import load_pass_settings
    from bot.config.store import load_store_settings
    from bot.config.verifier import load_verifier_settings
    from bot.config.wiki import load_wiki_settings
    from bot.passes.run import PassContext
    from bot.store.store import Store
    from bot.wiki.connection import environment

    return PassContext(
        store=Store.from_settings(load_store_settings()),
        mailbox=load_mailbox_settings(os.environ),
        verifier=load_verifier_settings(environ=os.environ),
        wiki_env=environment(),
        wiki=load_wiki_settings(),
        settings=load_pass_settings(),
    )


def _open(command: str) -> Any:
    from bot.store.errors import StoreError
    from bot.wiki.connection import WikiSetupError

    try:
        return load_context()
    except (ConfigError, StoreError, WikiSetupError, OSError) as error:
        print(f"permbot {command}: {error}", file=sys.stderr)
        return None


def _with_progress(emit: Callable[[Any], None], show: Callable[[Any], None]) -> Callable[[Any], None]:
    def both(event: Any) -> None:
        show(event)
        emit(event)

    return both


def _run_ingest(args: argparse.Namespace) -> int:
    from bot.passes.progress import PassProgress
    from bot.passes.run import ingest_once

    context = _open("ingest")
    if context is None:
        return EXIT_UNUSABLE
    with context.store, PassProgress() as progress:
        summary = ingest_once(context, _with_progress(_printer(args.json), progress.mail))
    print(json.dumps(summary.to_json()) if args.json else summary.text())
    return EXIT_OK if summary.ok else EXIT_LEFT_OVER


class StopFlag:
    """Set by SIGTERM/SIGINT: the current edit finishes, the pass stops before the next one. A second
    signal stops at once (KeyboardInterrupt): the caller then says whether an edit was cut off."""

    def __init__(self) -> None:
        self.event = threading.Event()
        self.signal_name: str | None = None

    def install(self) -> None:
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, self._handle)

    def _handle(self, signum: int, _frame: Any) -> None:
        name = signal.Signals(signum).name
        if self.event.is_set():
            log.warning("%s received again: stopping at once", name)
            raise KeyboardInterrupt
        self.signal_name = name
        log.warning(
            "%s received: finishing the current edit, then stopping (again: stop at once; an edit cut off "
            "is settled by the next pass)",
            name,
        )
        self.event.set()

    def __call__(self) -> bool:
        return self.event.is_set()


def _run_pass(args: argparse.Namespace) -> int:
    from bot.passes.lease import LeaseHeld
    from bot.passes.progress import PassProgress
    from bot.passes.run import PassSummary, run_pass
    from bot.passes.service import EXIT_INTERRUPTED, serve

    context = _open("run")
    if context is None:
        return EXIT_UNUSABLE
    stop = StopFlag()
    stop.install()
    with context.store:
        if not args.once:
            return serve(context, stop, _printer(args.json), _action_printer(args.json), args.json)
        summary = PassSummary()
        try:
            with PassProgress() as progress:
                run_pass(
                    context,
                    report_mail=_with_progress(_printer(args.json), progress.mail),
                    report_action=_with_progress(_action_printer(args.json), progress.action),
                    should_stop=stop,
                    summary=summary,
                )
        except LeaseHeld as error:
            print(f"permbot run: {error}", file=sys.stderr)
            return EXIT_LEFT_OVER
        except KeyboardInterrupt:
            print(f"permbot run: {summary.interrupted_text()}", file=sys.stderr, flush=True)
            return EXIT_INTERRUPTED
    print(json.dumps(summary.to_json()) if args.json else summary.text(), flush=True)
    return EXIT_OK if summary.ok else EXIT_LEFT_OVER


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    ingest = subparsers.add_parser(
        "ingest", help="take new mail from the queue's mailbox into the store and verify it"
    )
    ingest.add_argument(
        "--json", action="store_true", help="one JSON object per line (schema permbot.ingest/1)"
    )
    ingest.set_defaults(run=_run_ingest)
    run = subparsers.add_parser(
        "run", help="the service: passes of ingest and wiki actions (--once: one pass)"
    )
    run.add_argument("--once", action="store_true", help="one pass, then exit (for cron and scheduled jobs)")
    run.add_argument(
        "--json",
        action="store_true",
        help="one JSON object per line (schemas permbot.ingest/1, permbot.pass/1)",
    )
    run.set_defaults(run=_run_pass)
