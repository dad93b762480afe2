"""`permbot tag | receive | untag | sweep`: the wiki commands, their arguments, and what they print.

Arguments are validated before anything is read or written: ticket numbers must be real VRTS numbers
dated no later than today (argparse refuses others), user names must be valid account names, file
arguments become `File:` titles (`File:X.jpg`, `X.jpg`, a localised namespace, or a file page URL) by the
verifier's own file finder.
Each command names the wiki and why first, checks that it answers, then prints each file's outcome as
it is known (text, or JSON lines with --json, see bot.wiki.report) and a summary. Exit statuses are in
bot.wiki.report: 0 all done, 1 some file failed, 2 usage/config, 3 wiki unreachable, 130 Ctrl-C.
"""

from __future__ import annotations

import argparse
import datetime
import functools
import logging
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from bot.wiki.edits import ReceivedReason
from bot.wiki.outcomes import FileOutcome
from bot.wiki.report import (
    EXIT_USAGE,
    JsonLinesOutput,
    Output,
    RunHeader,
    RunStatus,
    RunSummary,
    TextOutput,
    titles_without_outcome,
)
from bot.wiki.target import WikiUnreachable
from bot.wiki.terminal import inert
from bot.wiki.usernames import normalise_user_name, user_name_problem
from verification.files import FileVocabulary, canonical_file_title, titles_from_url
from verification.tickets import validate_ticket_id

if TYPE_CHECKING:
    from bot.config.wiki import EditSummaries, WikiProfile, WikiSettings
    from bot.passes.lease import WikiLease
    from bot.wiki.connection import WikiEnvironment, WikiSession
    from bot.wiki.operations import Report
    from bot.wiki.saver import Saver

log = logging.getLogger(__name__)


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
        raise ValueError(
            f"{inert(repr(value))} is not a file: give File:NAME.ext, NAME.ext or a file page URL"
        )
    return title


def file_titles(values: Sequence[str], vocab: Callable[[], FileVocabulary]) -> list[str]:
    """Every argument as a title, each once, in the order given (the vocabulary loaded at most once)."""
    loaded = functools.cache(vocab)
    return list(dict.fromkeys(file_title(value, loaded) for value in values))


def today_utc() -> datetime.date:
    """The wiki's day (Commons dates its templates in UTC)."""
    return datetime.datetime.now(datetime.UTC).date()


def _ticket_argument(value: str) -> str:
    try:
        return validate_ticket_id(value, today=today_utc())
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _user_argument(value: str) -> str:
    """An agent's user name for `user=`: refused before anything is read unless MediaWiki would accept it."""
    problem = user_name_problem(value)
    if problem is not None:
        raise argparse.ArgumentTypeError(f"{problem}: {inert(repr(value))}")
    return normalise_user_name(value)


def _days_argument(value: str) -> int:
    try:
        days = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--days takes a whole number, got {value!r}") from None
    if days < 1:
        raise argparse.ArgumentTypeError("--days must be at least 1")
    return days


# ---------------------------------------------------------------------------------------------------------
# Running a command

Job = Callable[["WikiSession", "Saver", "EditSummaries", list[str], "Report"], list[FileOutcome]]


def load_settings() -> WikiSettings:
    from bot.config.wiki import load_wiki_settings

    return load_wiki_settings()


def load_file_vocabulary() -> FileVocabulary:
    from bot.config.wiki import load_file_vocabulary as load

    return load()


def make_output(args: argparse.Namespace) -> Output:
    return JsonLinesOutput(sys.stdout) if args.json else TextOutput(sys.stdout, sys.stderr)


def execute(args: argparse.Namespace, job: Job, ticket: str | None) -> int:
    """Name the wiki, check it answers, open it, run the job while printing each outcome; the exit
    status follows from how the run ended (see bot.wiki.report)."""
    from bot.wiki.connection import environment
    from bot.wiki.target import describe, wiki_target

    env = environment()
    target = wiki_target(env)
    output = make_output(args)
    header = RunHeader(args.command, ticket, args.simulate, target.api, target.reason)
    try:
        titles = file_titles(getattr(args, "files", None) or (), load_file_vocabulary)
        settings = load_settings()
        profile = settings.profile(env.profile)
    except ValueError as error:  # ConfigError is a ValueError
        output.start(header)
        output.finish(RunSummary(header, (), RunStatus.SETUP_ERROR, error=str(error)))
        return EXIT_USAGE
    output.start(header)
    log.info("wiki: %s", describe(target))
    summary = _run(args, job, header, output, titles, settings, env, profile)
    output.finish(summary)
    return summary.exit_status


def _run(
    args: argparse.Namespace,
    job: Job,
    header: RunHeader,
    output: Output,
    titles: list[str],
    settings: WikiSettings,
    env: WikiEnvironment,
    profile: WikiProfile,
) -> RunSummary:
    """Check, connect and run; every expected failure becomes the summary's status, never a traceback."""
    from bot.wiki.connection import WikiSetupError, connect
    from bot.wiki.target import probe, unreachable, wiki_target

    target = wiki_target(env)
    try:
        probe(target, profile.connect_timeout, profile.read_timeout)
    except WikiUnreachable as error:
        return RunSummary(header, (), RunStatus.WIKI_UNREACHABLE, profile.run_page, error=str(error))
    from pywikibot import exceptions as pwb_errors

    from bot.wiki.saver import Saver

    lost_connection = _connection_errors()
    try:
        session = connect(env, profile, settings.names, need_login=not args.simulate)
    except WikiSetupError as error:
        return RunSummary(header, (), RunStatus.SETUP_ERROR, profile.run_page, error=str(error))
    except lost_connection as error:
        lost = str(unreachable(target, type(error).__name__))
        return RunSummary(header, (), RunStatus.WIKI_UNREACHABLE, profile.run_page, error=lost)
    except pwb_errors.Error as error:
        message = f"{target.api} refused to start the run ({type(error).__name__}: {error})"
        return RunSummary(header, (), RunStatus.SETUP_ERROR, profile.run_page, error=message)
    outcomes: list[FileOutcome] = []

    def report(outcome: FileOutcome) -> None:
        outcomes.append(outcome)
        output.file(outcome)

    from bot.passes.lease import LeaseHeld

    try:
        lease = None if args.simulate else _take_lease(args.command, env.api or env.wiki_label)
    except LeaseHeld as error:
        return RunSummary(header, (), RunStatus.BUSY, profile.run_page, error=str(error))
    saver = Saver(session, simulate=args.simulate)
    listing = not titles
    try:
        job(session, saver, settings.summaries, titles, report)
    except KeyboardInterrupt:
        return _cut_short(header, outcomes, titles, listing, saver.saving, RunStatus.INTERRUPTED, profile, "")
    except lost_connection as error:
        gone = str(unreachable(target, f"it stopped answering: {type(error).__name__} after the retries"))
        return _cut_short(
            header, outcomes, titles, listing, saver.saving, RunStatus.WIKI_UNREACHABLE, profile, gone
        )
    finally:
        if lease is not None:
            lease.release()
    return RunSummary(header, tuple(outcomes), RunStatus.DONE, profile.run_page)


def _cut_short(
    header: RunHeader,
    outcomes: list[FileOutcome],
    titles: list[str],
    listing: bool,
    in_progress: str | None,
    status: RunStatus,
    profile: WikiProfile,
    error: str,
) -> RunSummary:
    return RunSummary(
        header,
        tuple(outcomes),
        status,
        profile.run_page,
        not_done=titles_without_outcome(titles, outcomes, in_progress),
        unlisted_rest=listing,
        in_progress=in_progress,
        error=error,
    )


def _connection_errors() -> tuple[type[BaseException], ...]:
    """Errors that mean the wiki went away (pywikibot's after its retries, or the transport's own)."""
    import requests
    from pywikibot import exceptions as pwb_errors

    return (
        pwb_errors.ServerError,
        pwb_errors.ApiTimeoutError,
        pwb_errors.FatalServerError,
        requests.exceptions.ConnectionError,
        requests.exceptions.Timeout,
        ConnectionError,
    )


def _take_lease(command: str, wiki: str) -> WikiLease | None:
    """One pass at a time per wiki: with a store configured, a wiki command holds the wiki's lease like a
    pass does; LeaseHeld (naming the holder) when another has it; None without a store."""
    from bot.passes.lease import LeaseHeld, command_lease

    lease = command_lease(wiki, f"permbot {command}")
    if lease is None:
        return None
    try:
        lease.acquire()
    except LeaseHeld:
        lease.release()
        raise
    return lease


def _run_tag(args: argparse.Namespace) -> int:
    from bot.wiki import operations

    def job(
        session: WikiSession, saver: Saver, summaries: EditSummaries, titles: list[str], report: Report
    ) -> list[FileOutcome]:
        return operations.tag(session, saver, summaries, titles, args.ticket, args.user, report)

    return execute(args, job, args.ticket)


def _run_receive(args: argparse.Namespace) -> int:
    from bot.wiki import operations

    def job(
        session: WikiSession, saver: Saver, summaries: EditSummaries, titles: list[str], report: Report
    ) -> list[FileOutcome]:
        reason = ReceivedReason(args.reason)
        return operations.receive(
            session, saver, summaries, titles, args.ticket, reason, today_utc(), args.user, report
        )

    return execute(args, job, args.ticket)


def _run_untag(args: argparse.Namespace) -> int:
    from bot.wiki import operations

    def job(
        session: WikiSession, saver: Saver, summaries: EditSummaries, titles: list[str], report: Report
    ) -> list[FileOutcome]:
        return operations.untag(session, saver, summaries, titles or None, args.ticket, report)

    return execute(args, job, args.ticket)


def _run_sweep(args: argparse.Namespace) -> int:
    from bot.wiki import operations

    def job(
        session: WikiSession, saver: Saver, summaries: EditSummaries, _titles: list[str], report: Report
    ) -> list[FileOutcome]:
        days = args.days or session.profile.sweep_days
        return operations.sweep(session, saver, summaries, days, today_utc(), report)

    return execute(args, job, None)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--simulate", action="store_true", help="show the diff of every change, save nothing")
    parser.add_argument(
        "--json",
        action="store_true",
        help="JSON lines (schema permbot.wiki/1, docs/json.md): a start line, one per file, a summary",
    )


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
