"""What the wiki commands print, as it happens: a header, one entry per file, a summary.

Text for people (every title, detail and diff line made inert for the terminal), or JSON lines for
machines (schema `permbot.wiki/1`, documented in docs/json.md): a `start` line, a `file` line per file as
soon as its outcome is known, and one `summary` line at the end, also after Ctrl-C or when the wiki
cannot be used. Both are written and flushed entry by entry, so a pipe sees each file when it is done.
"""

from __future__ import annotations

import enum
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol, TextIO

from bot.wiki.outcomes import FileOutcome, OutcomeKind, any_failure
from bot.wiki.terminal import inert

SCHEMA = "permbot.wiki/1"


class RunStatus(enum.StrEnum):
    """How a command ended; with the outcomes it decides the exit status."""

    DONE = "done"  # every file has its outcome
    INTERRUPTED = "interrupted"  # Ctrl-C: the files done so far are listed, the rest was not done
    WIKI_UNREACHABLE = "wiki_unreachable"  # the wiki did not answer (at the start or during the run)
    SETUP_ERROR = "setup_error"  # config, credentials or rights: nothing was read
    BUSY = "busy"  # a pass or another command holds the wiki's lease: nothing was written


# Exit statuses of the wiki commands (README, "Exit statuses").
EXIT_OK = 0  # every file done (edited, unchanged, a redirect followed, excluded by {{nobots}})
EXIT_FAILED = 1  # some file failed or was not attempted (missing, protected, stopped, ...)
EXIT_USAGE = 2  # bad arguments, config or credentials: nothing was read or written
EXIT_UNREACHABLE = 3  # the wiki did not answer
EXIT_INTERRUPTED = 130  # Ctrl-C (128 + SIGINT)


@dataclass(frozen=True)
class RunHeader:
    """What the command is about to do, and where (printed before anything is read)."""

    command: str
    ticket: str | None
    simulate: bool
    wiki: str  # api.php URL
    wiki_reason: str  # why this wiki ("no PERMBOT_WIKI_API set, so Wikimedia Commons")


@dataclass(frozen=True)
class RunSummary:
    """The end of a command: its outcomes, how it ended, and what was left undone."""

    header: RunHeader
    outcomes: tuple[FileOutcome, ...]
    status: RunStatus = RunStatus.DONE
    run_page: str = ""
    not_done: tuple[str, ...] = ()  # titles given that got no outcome (interrupted, wiki gone)
    unlisted_rest: bool = False  # a listing (sweep, untag without files) was cut short
    in_progress: str | None = None  # the title whose save was under way at Ctrl-C: result unknown
    error: str = ""  # SETUP_ERROR, WIKI_UNREACHABLE, BUSY: the message for the operator

    @property
    def failed(self) -> bool:
        return any_failure(self.outcomes)

    @property
    def exit_status(self) -> int:
        if self.status is RunStatus.INTERRUPTED:
            return EXIT_INTERRUPTED
        if self.status is RunStatus.WIKI_UNREACHABLE:
            return EXIT_UNREACHABLE
        if self.status is RunStatus.SETUP_ERROR:
            return EXIT_USAGE
        if self.status is RunStatus.BUSY:
            return EXIT_FAILED
        return EXIT_FAILED if self.failed else EXIT_OK

    def counts(self) -> dict[str, int]:
        counted = Counter(outcome.kind.value for outcome in self.outcomes)
        return {kind.value: counted[kind.value] for kind in OutcomeKind if counted[kind.value]}

    def saved(self) -> list[FileOutcome]:
        """Edits really saved (not simulated), in the order they were made."""
        if self.header.simulate:
            return []
        return [o for o in self.outcomes if o.kind is OutcomeKind.EDITED]


class Output(Protocol):
    def start(self, header: RunHeader) -> None: ...
    def file(self, outcome: FileOutcome) -> None: ...
    def finish(self, summary: RunSummary) -> None: ...


# ---------------------------------------------------------------------------------------------------------
# Text


def header_line(header: RunHeader) -> str:
    ticket = f" [[ticket:{header.ticket}]]" if header.ticket else ""
    mode = " (simulate: nothing is saved)" if header.simulate else ""
    return f"permbot {header.command}{ticket} on {inert(header.wiki)} ({inert(header.wiki_reason)}){mode}"


def file_lines(outcome: FileOutcome, simulate: bool) -> list[str]:
    """The outcome's line (label, title, notes), then the diff of a simulated edit, indented."""
    label = "would edit" if simulate and outcome.kind is OutcomeKind.EDITED else outcome.kind.value
    notes = [action.value for action in outcome.actions]
    if outcome.target:
        notes.append(f"-> {outcome.target}")
    if outcome.detail:
        notes.append(outcome.detail)
    if outcome.revision is not None:
        notes.append(f"revision {outcome.revision}")
    notes.extend(f"NOTE {notice}" for notice in outcome.notices)
    suffix = f"  ({', '.join(notes)})" if notes else ""
    lines = [inert(f"{label:<11} {outcome.title}{suffix}")]
    if outcome.diff:
        lines.extend("    " + inert(row, keep="\t") for row in outcome.diff.rstrip("\n").split("\n"))
    return lines


def summary_lines(summary: RunSummary) -> list[str]:
    """The closing lines: why saving stopped, what Ctrl-C left undone, the counts."""
    lines: list[str] = []
    stops = {o.detail for o in summary.outcomes if o.kind is OutcomeKind.STOPPED}
    if stops:
        lines.append(
            f"STOPPED by the run page {summary.run_page} ({', '.join(sorted(stops))}): "
            "nothing more was saved; put the run value there to let the bot run again"
        )
    if any("permission_field_empty" in o.notices for o in summary.outcomes):
        lines.append(
            "NOTE permission_field_empty: those files now have an empty Permission field; "
            "add what is known, or {{Permission pending}} if a ticket is still expected"
        )
    if summary.status is RunStatus.INTERRUPTED:
        lines.extend(_interrupted_lines(summary))
    if summary.status is RunStatus.WIKI_UNREACHABLE and summary.outcomes:
        lines.append(f"STOPPED: the wiki stopped answering ({inert(summary.error)})")
        lines.extend(_undone_lines(summary))
    counts = ", ".join(f"{number} {kind}" for kind, number in summary.counts().items()) or "no files"
    lines.append(f"{len(summary.outcomes)} file(s): {counts}")
    return lines


def _interrupted_lines(summary: RunSummary) -> list[str]:
    saved = summary.saved()
    lines = [f"INTERRUPTED: {len(saved)} edit(s) saved before Ctrl-C" + (":" if saved else "")]
    lines.extend(inert(f"  {o.title}  (revision {o.revision})") for o in saved)
    lines.extend(_undone_lines(summary))
    return lines


def _undone_lines(summary: RunSummary) -> list[str]:
    lines = []
    if summary.in_progress:
        lines.append(
            inert(f"  {summary.in_progress} was being saved: look at its history to know whether it was")
        )
    if summary.not_done:
        lines.append(f"not done ({len(summary.not_done)}): " + inert(", ".join(summary.not_done)))
    if summary.unlisted_rest:
        lines.append("not done: the rest of the wiki's list of files was not looked at")
    return lines


class TextOutput:
    """Lines for people on stdout; errors go to stderr."""

    def __init__(self, out: TextIO, err: TextIO) -> None:
        self._out = out
        self._err = err
        self._simulate = False
        self._command = ""

    def start(self, header: RunHeader) -> None:
        self._simulate = header.simulate
        self._command = header.command
        self._write(header_line(header))

    def file(self, outcome: FileOutcome) -> None:
        self._write("\n".join(file_lines(outcome, self._simulate)))

    def finish(self, summary: RunSummary) -> None:
        if summary.status in (RunStatus.SETUP_ERROR, RunStatus.BUSY) or (
            summary.status is RunStatus.WIKI_UNREACHABLE and not summary.outcomes
        ):
            print(
                f"permbot {self._command}: {inert(summary.error, keep=chr(10))}", file=self._err, flush=True
            )
            return
        self._write("\n".join(summary_lines(summary)))

    def _write(self, text: str) -> None:
        print(text, file=self._out, flush=True)


# ---------------------------------------------------------------------------------------------------------
# JSON lines


def start_json(header: RunHeader) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "type": "start",
        "command": header.command,
        "ticket": header.ticket,
        "simulate": header.simulate,
        "wiki": header.wiki,
        "wiki_reason": header.wiki_reason,
    }


def file_json(outcome: FileOutcome, command: str) -> dict[str, Any]:
    return {"schema": SCHEMA, "type": "file", "command": command, **outcome.to_json()}


def summary_json(summary: RunSummary) -> dict[str, Any]:
    header = summary.header
    return {
        "schema": SCHEMA,
        "type": "summary",
        "command": header.command,
        "ticket": header.ticket,
        "simulate": header.simulate,
        "wiki": header.wiki,
        "status": summary.status.value,
        "ok": summary.exit_status == EXIT_OK,
        "exit_status": summary.exit_status,
        "counts": summary.counts(),
        "saved": [{"title": o.title, "revision": o.revision} for o in summary.saved()],
        "not_done": list(summary.not_done),
        "unlisted_rest": summary.unlisted_rest,
        "in_progress": summary.in_progress,
        "error": summary.error or None,
    }


@dataclass
class JsonLinesOutput:
    """One JSON object per line on stdout, ASCII only (nothing a terminal could take as a control)."""

    out: TextIO
    command: str = field(default="", init=False)

    def start(self, header: RunHeader) -> None:
        self.command = header.command
        self._write(start_json(header))

    def file(self, outcome: FileOutcome) -> None:
        self._write(file_json(outcome, self.command))

    def finish(self, summary: RunSummary) -> None:
        self._write(summary_json(summary))

    def _write(self, data: dict[str, Any]) -> None:
        print(json.dumps(data, ensure_ascii=True, sort_keys=False), file=self.out, flush=True)


def titles_without_outcome(
    given: Iterable[str], outcomes: Iterable[FileOutcome], skip: str | None
) -> tuple[str, ...]:
    """The titles given on the command line that got no outcome (and are not the one in progress)."""
    seen = {o.title for o in outcomes}
    return tuple(title for title in given if title not in seen and title != skip)
