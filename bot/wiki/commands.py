"""`permbot tag | receive | untag | sweep`: the wiki commands, their arguments, and what they print.

Arguments are validated before anything is read or written: ticket numbers must be real VRTS numbers
(argparse refuses others), file arguments become `File:` titles (`File:X.jpg`, `X.jpg`, a localised
namespace, or a file page URL) by the verifier's own file finder.
Each command prints one line per file (or, with --json, one JSON object) and exits 0 when every file is
fine, 1 when any failed or was not attempted, 2 when the wiki could not be used at all.
"""

from __future__ import annotations

import argparse
import datetime
import functools
import json
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from bot.wiki.edits import ReceivedReason
from bot.wiki.outcomes import FileOutcome, OutcomeKind, any_failure
from verification.files import FileVocabulary, canonical_file_title, titles_from_url
from verification.tickets import validate_ticket_id

if TYPE_CHECKING:
    from bot.config.wiki import EditSummaries, WikiSettings
    from bot.wiki.connection import WikiSession
    from bot.wiki.saver import Saver

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_UNUSABLE = 2


def file_title(value: str, vocab: Callable[[], FileVocabulary]) -> str:
    """`File:Name.ext` for a file argument: `File:X.jpg`, `X.jpg`, `Image:X.jpg`, a localised namespace
    (`Datei:X.jpg`), or a file page or upload URL on a Wikimedia wiki.

    The verifier's title rules do the reading (one set for mail and command line); `vocab` (namespace
    names, wiki hosts) is only loaded when the plain forms do not apply. Strict on purpose: an argument
    must be one whole file name, never a text a name is fished out of. Raises ValueError otherwise.
    """
    text = value.strip()
    title = canonical_file_title(text)
    if title is None and text.lower().startswith(("http://", "https://")):
        found = titles_from_url(text, vocab())
        title = found[0] if len(found) == 1 else None
    elif title is None:
        prefix, colon, rest = text.removeprefix(":").partition(":")
        if colon and " ".join(prefix.replace("_", " ").split()).casefold() in vocab().namespaces:
            title = canonical_file_title(rest)
    if title is None:
        raise ValueError(f"{value!r} is not a file: give File:NAME.ext, NAME.ext or a file page URL")
    return title


def file_titles(values: Sequence[str], vocab: Callable[[], FileVocabulary]) -> list[str]:
    """Every argument as a title, each once, in the order given (the vocabulary loaded at most once)."""
    loaded = functools.cache(vocab)
    return list(dict.fromkeys(file_title(value, loaded) for value in values))


def _ticket_argument(value: str) -> str:
    try:
        return validate_ticket_id(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


# MediaWiki never allows these in a title or user name; in a template call they would break it.
_NAME_FORBIDDEN = frozenset("#<>[]|{}")


def _user_argument(value: str) -> str:
    """An agent's user name for `user=`: refused before anything is read when it could break the template."""
    name = " ".join(value.replace("_", " ").split())
    if not name or any(ch in _NAME_FORBIDDEN or not ch.isprintable() for ch in value):
        raise argparse.ArgumentTypeError(f"not a user name: {value!r}")
    return name


def _days_argument(value: str) -> int:
    try:
        days = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--days takes a whole number, got {value!r}") from None
    if days < 1:
        raise argparse.ArgumentTypeError("--days must be at least 1")
    return days


# ---------------------------------------------------------------------------------------------------------
# Output


@dataclass(frozen=True)
class RunReport:
    """What one command did, for printing: the per-file outcomes and the run's circumstances."""

    command: str
    ticket: str | None
    simulate: bool
    wiki: str
    outcomes: tuple[FileOutcome, ...]
    run_page: str

    @property
    def failed(self) -> bool:
        return any_failure(self.outcomes)

    def counts(self) -> dict[str, int]:
        counted = Counter(outcome.kind.value for outcome in self.outcomes)
        return {kind.value: counted[kind.value] for kind in OutcomeKind if counted[kind.value]}

    def to_json(self) -> dict[str, Any]:
        return {
            "command": self.command,
            "ticket": self.ticket,
            "simulate": self.simulate,
            "wiki": self.wiki,
            "ok": not self.failed,
            "counts": self.counts(),
            "files": [outcome.to_json() for outcome in self.outcomes],
        }


def _line(outcome: FileOutcome, simulate: bool) -> str:
    label = "would edit" if simulate and outcome.kind is OutcomeKind.EDITED else outcome.kind.value
    notes = [action.value for action in outcome.actions]
    if outcome.target:
        notes.append(f"-> {outcome.target}")
    if outcome.detail:
        notes.append(outcome.detail)
    suffix = f"  ({', '.join(notes)})" if notes else ""
    return f"{label:<11} {outcome.title}{suffix}"


def render_text(report: RunReport) -> str:
    """The readable report: a header, one line per file (diffs under them in simulate), a count line."""
    ticket = f" [[ticket:{report.ticket}]]" if report.ticket else ""
    mode = " (simulate: nothing is saved)" if report.simulate else ""
    lines = [f"permbot {report.command}{ticket} on {report.wiki}{mode}"]
    for outcome in report.outcomes:
        lines.append(_line(outcome, report.simulate))
        if outcome.diff:
            lines.extend("    " + row for row in outcome.diff.rstrip("\n").split("\n"))
    stops = {o.detail for o in report.outcomes if o.kind is OutcomeKind.STOPPED}
    if stops:
        lines.append(
            f"STOPPED by the run page {report.run_page} ({', '.join(sorted(stops))}): "
            "nothing more was saved; put the run value there to let the bot run again"
        )
    counts = ", ".join(f"{number} {kind}" for kind, number in report.counts().items()) or "no files"
    lines.append(f"{len(report.outcomes)} file(s): {counts}")
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------------------
# Running a command

Job = Callable[["WikiSession", "Saver", "EditSummaries", list[str]], list[FileOutcome]]


def load_settings() -> WikiSettings:
    from bot.config.wiki import load_wiki_settings

    return load_wiki_settings()


def load_file_vocabulary() -> FileVocabulary:
    from bot.config.wiki import load_file_vocabulary as load

    return load()


def today_utc() -> datetime.date:
    """The wiki's day (Commons dates its templates in UTC)."""
    return datetime.datetime.now(datetime.UTC).date()


def execute(args: argparse.Namespace, job: Job, ticket: str | None) -> int:
    """Open the wiki, run the job, print the report; the exit status follows from the outcomes."""
    from pywikibot import exceptions as pwb_errors

    from bot.wiki.connection import WikiSetupError, connect, environment
    from bot.wiki.saver import Saver

    env = environment()
    try:
        titles = file_titles(getattr(args, "files", None) or (), load_file_vocabulary)
        settings = load_settings()
        profile = settings.profile(env.profile)
        session = connect(env, profile, settings.names, need_login=not args.simulate)
    except (ValueError, WikiSetupError, pwb_errors.Error) as error:  # ConfigError is a ValueError
        print(f"permbot {args.command}: {error}", file=sys.stderr)
        return EXIT_UNUSABLE
    lease = None if args.simulate else _take_lease(args.command, env.api or env.wiki_label)
    if lease is False:
        return EXIT_FAILED
    try:
        outcomes = job(session, Saver(session, simulate=args.simulate), settings.summaries, titles)
    finally:
        if lease:
            lease.release()
    report = RunReport(args.command, ticket, args.simulate, env.wiki_label, tuple(outcomes), profile.run_page)
    print(json.dumps(report.to_json(), ensure_ascii=False, indent=2) if args.json else render_text(report))
    return EXIT_FAILED if report.failed else EXIT_OK


def _take_lease(command: str, wiki: str) -> Any:
    """One pass at a time per wiki: with a store configured, a wiki command holds the wiki's lease like a
    pass does, or refuses naming the holder. The lease object, None without a store, False when refused."""
    from bot.passes.lease import LeaseHeld, command_lease

    lease = command_lease(wiki, f"permbot {command}")
    if lease is None:
        return None
    try:
        lease.acquire()
    except LeaseHeld as error:
        lease.release()
        print(f"permbot {command}: {error}", file=sys.stderr)
        return False
    return lease


def _run_tag(args: argparse.Namespace) -> int:
    from bot.wiki import operations

    def job(
        session: WikiSession, saver: Saver, summaries: EditSummaries, titles: list[str]
    ) -> list[FileOutcome]:
        return operations.tag(session, saver, summaries, titles, args.ticket, args.user)

    return execute(args, job, args.ticket)


def _run_receive(args: argparse.Namespace) -> int:
    from bot.wiki import operations

    def job(
        session: WikiSession, saver: Saver, summaries: EditSummaries, titles: list[str]
    ) -> list[FileOutcome]:
        reason = ReceivedReason(args.reason)
        return operations.receive(
            session, saver, summaries, titles, args.ticket, reason, today_utc(), args.user
        )

    return execute(args, job, args.ticket)


def _run_untag(args: argparse.Namespace) -> int:
    from bot.wiki import operations

    def job(
        session: WikiSession, saver: Saver, summaries: EditSummaries, titles: list[str]
    ) -> list[FileOutcome]:
        return operations.untag(session, saver, summaries, titles or None, args.ticket)

    return execute(args, job, args.ticket)


def _run_sweep(args: argparse.Namespace) -> int:
    from bot.wiki import operations

    def job(
        session: WikiSession, saver: Saver, summaries: EditSummaries, _titles: list[str]
    ) -> list[FileOutcome]:
        days = args.days or session.profile.sweep_days
        return operations.sweep(session, saver, summaries, days, today_utc())

    return execute(args, job, None)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--simulate", action="store_true", help="show the diff of every change, save nothing")
    parser.add_argument("--json", action="store_true", help="print a JSON summary: each file's outcome")


def _ticket(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--ticket", required=True, type=_ticket_argument, metavar="N", help="the 16-digit VRTS ticket number"
    )


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add tag, receive, untag and sweep to the `permbot` parser."""
    files_help = "file pages: File:NAME.jpg, NAME.jpg or a file page URL"
    tag = subparsers.add_parser("tag", help="the ticket is confirmed: add {{PermissionTicket}} to its files")
    _ticket(tag)
    tag.add_argument(
        "--user",
        type=_user_argument,
        metavar="AGENT",
        help="the agent who confirmed it (user= of the template)",
    )
    tag.add_argument("files", nargs="+", metavar="FILE", help=files_help)
    _common(tag)
    tag.set_defaults(run=_run_tag)

    receive = subparsers.add_parser(
        "receive", help="the ticket arrived: mark its pending files {{Permission received}}"
    )
    _ticket(receive)
    receive.add_argument(
        "--reason",
        choices=[reason.value for reason in ReceivedReason],
        default=ReceivedReason.PROCESSING.value,
        help="why it is not confirmed yet (default: processing)",
    )
    receive.add_argument(
        "--user", type=_user_argument, metavar="AGENT", help="the agent handling it (user= of the template)"
    )
    receive.add_argument("files", nargs="+", metavar="FILE", help=files_help)
    _common(receive)
    receive.set_defaults(run=_run_receive)

    untag = subparsers.add_parser("untag", help="the ticket is withdrawn or wrong: remove its templates")
    _ticket(untag)
    untag.add_argument(
        "files",
        nargs="*",
        metavar="FILE",
        help=files_help + " (none: every file with it)",
    )
    _common(untag)
    untag.set_defaults(run=_run_untag)

    sweep = subparsers.add_parser(
        "sweep", help="tag files pending too long with no ticket received as having no permission"
    )
    sweep.add_argument(
        "--days",
        type=_days_argument,
        default=None,
        help="pending for more than this many days (profile default)",
    )
    _common(sweep)
    sweep.set_defaults(run=_run_sweep)
