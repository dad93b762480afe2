"""`permbot run`: the long-running service. A pass on new mail (IMAP IDLE) and every `interval_minutes`.

SIGTERM/SIGINT set a flag: the pass under way finishes its current edit and stops before the next one
(nothing half-done: every intent in the journal is settled, or settled by the next pass), then the
service exits and says what it did. A second signal stops at once and says whether an edit was cut off.
A pass that finds the lease held by another waits for the next turn.

What the operator sees (`ServiceStatus`): on a terminal a live status line on stderr (waiting on IDLE since
when, the next scheduled pass, the current pass's progress) and one line per pass; otherwise one
structured log line per pass and per wait (`pass=3 event=done ...`), shown at the default log level.
"""

from __future__ import annotations

import datetime
import json
import logging
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, Protocol, Self

from rich.console import Console
from rich.live import Live
from rich.spinner import Spinner

from bot.mail.imap import Mailbox, MailboxError
from bot.passes.ingest import Event, VerifiedTicket
from bot.passes.journal import ActionResult
from bot.passes.lease import LeaseHeld
from bot.passes.progress import PassProgress, start_status_line
from bot.passes.run import PassContext, PassSummary, run_pass

log = logging.getLogger(__name__)
# The service's own lines (per pass, per wait) show at the default level; other INFO lines need -v.
status_log = logging.getLogger("bot.passes.service.status")
EXIT_INTERRUPTED = 130  # a second signal stopped the service at once


def _clock_time(moment: datetime.datetime) -> str:
    return moment.astimezone().strftime("%H:%M:%S")


@dataclass
class ServiceTotals:
    """What the service did since it started: for each pass's line and the words at a stop."""

    passes: int = 0
    stored: int = 0
    tickets: set[str] = field(default_factory=set)  # verified or acted on
    actions: int = 0
    failed_actions: int = 0

    def note(self, event: Event) -> None:
        if isinstance(event, VerifiedTicket):
            self.tickets.add(event.ticket)

    def add(self, summary: PassSummary) -> None:
        self.passes += 1
        self.stored += summary.ingest.stored
        self.actions += len(summary.actions)
        self.failed_actions += sum(not result.done for result in summary.actions)
        self.tickets |= {result.ticket for result in summary.actions}

    def text(self) -> str:
        return (
            f"{self.passes} pass(es) run, {len(self.tickets)} ticket(s) handled, {self.stored} message(s) "
            f"stored, {self.actions} wiki action(s) ({self.failed_actions} left for a later pass)"
        )

    def to_json(self) -> dict[str, object]:
        return {
            "passes": self.passes,
            "tickets": len(self.tickets),
            "stored": self.stored,
            "actions": self.actions,
            "failed_actions": self.failed_actions,
        }


def pass_line(number: int, summary: PassSummary, seconds: float) -> str:
    """One pass in one line (counts only, no ticket contents)."""
    ingest = summary.ingest
    actions = ", ".join(f"{n} {k}" for k, n in summary.counts().items()) or "none"
    line = (
        f"pass {number} ({seconds:.1f} s): {ingest.stored} message(s) stored, {ingest.verified} ticket(s) "
        f"verified; wiki actions: {actions}; decisions carried out: {summary.decisions_done}"
    )
    if ingest.mailbox_error:
        line += "; the mailbox failed (the next pass continues)"
    if summary.wiki_error:
        line += "; the wiki could not be used (the next pass does the work)"
    if summary.stopped:
        line += f"; stopped early ({summary.stopped})"
    return line


def pass_fields(number: int, summary: PassSummary, seconds: float) -> str:
    """One pass as key=value fields for a log line."""
    ingest = summary.ingest
    failed = sum(not result.done for result in summary.actions)
    return (
        f"pass={number} event=done seconds={seconds:.1f} ok={str(summary.ok).lower()} "
        f"stored={ingest.stored} already_stored={ingest.already_stored} verified={ingest.verified} "
        f"actions={len(summary.actions)} failed_actions={failed} decisions={summary.decisions_done} "
        f"mailbox_error={ingest.mailbox_error is not None} wiki_error={summary.wiki_error is not None} "
        f"stopped={summary.stopped is not None}"
    )


class ServiceStatus:
    """`with ServiceStatus() as status:` then `pass_started`, `pass_done`, `waiting`, `stopped`."""

    def __init__(self, terminal: bool | None = None) -> None:
        self.terminal = sys.stderr.isatty() if terminal is None else terminal
        self.totals = ServiceTotals()
        self._spinner = Spinner("dots", text="starting")
        self._console = Console(stderr=True)
        self._live: Live | None = None
        self._started = 0.0

    def _show(self, text: str) -> None:
        if self._live is not None:
            self._spinner.update(text=f"pass {self.totals.passes + 1}: {text}")

    def pass_started(self) -> PassProgress:
        """The progress of the pass starting now (shown on the status line on a terminal)."""
        self._started = time.monotonic()
        number = self.totals.passes + 1
        if self.terminal:
            self._show("starting")
        else:
            status_log.info("pass=%d event=start", number)
        return PassProgress(self.terminal, show=self._show)

    def pass_done(self, summary: PassSummary) -> None:
        seconds = time.monotonic() - self._started
        self.totals.add(summary)
        if self.terminal:
            self._console.print(pass_line(self.totals.passes, summary, seconds), highlight=False)
        else:
            status_log.info("%s", pass_fields(self.totals.passes, summary, seconds))

    def waiting(self, since: datetime.datetime, next_pass: datetime.datetime) -> None:
        if self.terminal:
            self._spinner.update(
                text=f"waiting for mail (IMAP IDLE) since {_clock_time(since)}; next scheduled pass at "
                f"{_clock_time(next_pass)} | {self.totals.text()}"
            )
        else:
            status_log.info(
                "event=waiting idle_since=%s next_pass=%s passes=%d",
                since.isoformat(timespec="seconds"),
                next_pass.isoformat(timespec="seconds"),
                self.totals.passes,
            )

    def __enter__(self) -> Self:
        if self.terminal:
            self._live = start_status_line(
                self._spinner, self._console, redirect_stdout=False, redirect_stderr=True
            )
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self._live is not None:
            self._live.stop()
            self._live = None


def _wait_for_mail(context: PassContext, seconds: float, stop: Callable[[], bool]) -> None:
    """Until new mail, `seconds` passed, or a stop; IDLE in slices so a stop is noticed within one."""
    deadline = time.monotonic() + seconds
    slice_seconds = min(context.settings.idle_seconds, 5.0)
    try:
        with Mailbox(context.mailbox) as box:
            while not stop() and time.monotonic() < deadline:
                if box.wait_for_new(min(slice_seconds, max(0.1, deadline - time.monotonic()))):
                    return
    except MailboxError as error:
        log.warning("cannot wait on the mailbox (%s): sleeping until the next pass", error)
        while not stop() and time.monotonic() < deadline:
            time.sleep(min(1.0, max(0.0, deadline - time.monotonic())))


class StopSignal(Protocol):
    """What `serve` needs of the command's stop flag: whether to stop, and which signal asked."""

    signal_name: str | None

    def __call__(self) -> bool: ...


def serve(
    context: PassContext,
    stop: StopSignal,
    report_mail: Callable[[Event], None],
    report_action: Callable[[ActionResult], None],
    as_json: bool,
    status: ServiceStatus | None = None,
) -> int:
    """Passes until a signal; then one line of what was done (a JSON object with --json)."""
    interval = context.settings.interval_minutes * 60
    if status_log.level == logging.NOTSET:
        status_log.setLevel(logging.INFO)
    how = "stopped while waiting for mail: no pass was under way"
    with status or ServiceStatus() as shown:
        current: PassSummary | None = None
        try:
            while not stop():
                current = PassSummary()
                progress = shown.pass_started()
                try:
                    run_pass(
                        context,
                        report_mail=_all(progress.mail, shown.totals.note, report_mail),
                        report_action=_all(progress.action, report_action),
                        should_stop=stop,
                        summary=current,
                    )
                    if as_json:
                        print(json.dumps(current.to_json()), flush=True)
                    shown.pass_done(current)
                except LeaseHeld as error:
                    log.info("%s", error)
                if stop():
                    how = current.stop_text()
                    break
                current = None
                since = datetime.datetime.now(datetime.UTC)
                shown.waiting(since, since + datetime.timedelta(seconds=interval))
                _wait_for_mail(context, interval, stop)
        except KeyboardInterrupt:
            cut = current.interrupted_text() if current is not None else "no pass was under way"
            _say_stopped(as_json, stop.signal_name, shown.totals, f"stopped at once: {cut}", interrupted=True)
            return EXIT_INTERRUPTED
    _say_stopped(as_json, stop.signal_name, shown.totals, how, interrupted=False)
    return 0


def _say_stopped(
    as_json: bool, signal_name: str | None, totals: ServiceTotals, how: str, *, interrupted: bool
) -> None:
    by = signal_name or "a stop request"
    if as_json:
        event = {"schema": "permbot.pass/1", "event": "stopped", "signal": signal_name}
        print(
            json.dumps({**event, **totals.to_json(), "interrupted": interrupted, "detail": how}), flush=True
        )
        return
    print(f"stopped by {by}: {totals.text()}; {how}", flush=True)


def _all(*reports: Callable[[Any], None]) -> Callable[[Any], None]:
    def each(event: Any) -> None:
        for report in reports:
            report(event)

    return each
