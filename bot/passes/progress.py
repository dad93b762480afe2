"""Progress of a long pass: on a terminal a live status line on stderr (rich); otherwise one structured
log line per event. Only ticket numbers, UIDs, verdicts, file titles and outcome kinds, never mail contents.
"""

from __future__ import annotations

import logging
import sys
from collections import Counter
from collections.abc import Callable
from types import TracebackType
from typing import Self

from rich.console import Console
from rich.live import Live
from rich.spinner import Spinner

from bot.passes.ingest import Event, StoredMail
from bot.passes.journal import ActionResult

log = logging.getLogger(__name__)


class PassProgress:
    """`with PassProgress() as progress:` then `progress.mail(event)` and `progress.action(result)`."""

    def __init__(self, terminal: bool | None = None, show: Callable[[str], None] | None = None) -> None:
        """`show`: where the status text goes on a terminal (the service's status line); else a live line
        of its own."""
        self.terminal = sys.stderr.isatty() if terminal is None else terminal
        self._show = show
        self.stored = 0
        self.already = 0
        self.verified = 0
        self.outcomes: Counter[str] = Counter()
        self._spinner = Spinner("dots", text=self.text())
        self._live: Live | None = None

    def text(self) -> str:
        actions = ", ".join(f"{n} {kind}" for kind, n in sorted(self.outcomes.items())) or "none yet"
        return (
            f"mail: {self.stored} stored, {self.already} already stored | "
            f"tickets verified: {self.verified} | wiki actions: {actions}"
        )

    def mail(self, event: Event) -> None:
        if isinstance(event, StoredMail):
            self.stored += event.new
            self.already += not event.new
            if not self.terminal:
                log.info(
                    "stored uid=%d message=%d ticket=%s new=%s",
                    event.uid,
                    event.message,
                    event.ticket,
                    event.new,
                )
        else:
            self.verified += 1
            if not self.terminal:
                log.info(
                    "verified ticket=%s verdict=%s provisional=%s files=%d",
                    event.ticket,
                    event.verdict,
                    event.provisional,
                    len(event.files),
                )
        self._refresh()

    def action(self, result: ActionResult) -> None:
        self.outcomes[result.outcome.kind.value] += 1
        if not self.terminal:
            log.info(
                "action=%s ticket=%s title=%s outcome=%s",
                result.action.value,
                result.ticket,
                result.outcome.title,
                result.outcome.kind.value,
            )
        self._refresh()

    def _refresh(self) -> None:
        if self._show is not None and self.terminal:
            self._show(self.text())
        if self._live is not None:
            self._spinner.update(text=self.text())

    def __enter__(self) -> Self:
        if self.terminal and self._show is None:
            self._live = start_status_line(
                self._spinner,
                Console(stderr=True),
                redirect_stdout=sys.stdout.isatty(),
                redirect_stderr=False,
            )
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self._live is not None:
            self._live.stop()
            self._live = None


def start_status_line(
    spinner: Spinner, console: Console, *, redirect_stdout: bool, redirect_stderr: bool
) -> Live:
    """A status line under the output, erased when it stops (the pass's progress, the service's wait);
    redirected streams print above it instead of through it."""
    live = Live(
        spinner,
        console=console,
        transient=True,
        refresh_per_second=4,
        redirect_stdout=redirect_stdout,
        redirect_stderr=redirect_stderr,
    )
    live.start()
    return live
