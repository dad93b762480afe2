"""Carrying out agents' decisions right after they are recorded, without making the agent wait.

`kick()` starts one background run of the passes' `carry_out_now` (never two at once: a kick during a run
asks for one more run). When the wiki is away or a pass holds its lease, the decisions stay pending and the
next pass carries them out; the ticket page shows each decision's state.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Protocol

from bot.store.store import Store

log = logging.getLogger(__name__)


class DecisionRunner(Protocol):
    def kick(self) -> None: ...


class NoRunner:
    """Leaves every decision to the next pass (no wiki configured for the page, or benchmarks)."""

    def kick(self) -> None:
        return None


class BackgroundRunner:
    def __init__(self, work: Callable[[], object]) -> None:
        self._work = work
        self._lock = threading.Lock()
        self._running = False
        self._again = False
        self._thread: threading.Thread | None = None

    def kick(self) -> None:
        with self._lock:
            if self._running:
                self._again = True
                return
            self._running = True
        self._thread = threading.Thread(target=self._loop, name="review-decisions", daemon=True)
        self._thread.start()

    def join(self, timeout: float | None = None) -> None:
        if self._thread is not None:
            self._thread.join(timeout)

    def _loop(self) -> None:
        while True:
            try:
                self._work()
            except Exception:  # a background run must not die silently; the next pass retries
                log.exception("carrying out agents' decisions failed; the next pass retries them")
            with self._lock:
                if not self._again:
                    self._running = False
                    return
                self._again = False


def passes_runner(store: Store) -> BackgroundRunner:
    """The runner the page uses in production: the passes' `carry_out_now` with the configured wiki."""
    from bot.config.passes import load_pass_settings
    from bot.config.wiki import load_wiki_settings
    from bot.passes.decisions import carry_out_now
    from bot.wiki.connection import environment

    wiki_env, wiki, settings = environment(), load_wiki_settings(), load_pass_settings()

    def work() -> object:
        result = carry_out_now(store, wiki_env, wiki, settings)
        if result.left_to_next_pass:
            log.info("agents' decisions left to the next pass: %s", result.left_to_next_pass)
        return result

    return BackgroundRunner(work)
