"""The `permbot` command: one subcommand per job, each registered by the module that owns it.

Bare `permbot` prints the help on stderr and exits 2 (a missing subcommand is a usage error, as argparse
treats every other one); `permbot --version` prints the installed version.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from importlib import metadata

USAGE_ERROR = 2
BROKEN_PIPE = 141  # 128 + SIGPIPE, as a shell reports a process killed by it

Registrar = Callable[["argparse._SubParsersAction[argparse.ArgumentParser]"], None]


# The module that registers each subcommand. A run imports only its own command's module: the others
# pull in SQLAlchemy, pywikibot and more, a second of CPU before `permbot verify` reads its first mail.
# The help without a command lists them all, in this order.
COMMAND_MODULES = {
    "verify": "bot.verify.command",
    "tag": "bot.wiki.commands",
    "receive": "bot.wiki.commands",
    "untag": "bot.wiki.commands",
    "sweep": "bot.wiki.commands",
    "ingest": "bot.passes.command",
    "run": "bot.passes.command",
    "sandbox": "bot.sandbox.commands",
    "db": "bot.store.commands",
    "tickets": "bot.store.commands",
    "review": "bot.review.command",
}


def _registrars(argv: Sequence[str]) -> list[Registrar]:
    """The owner of the command `argv` names, or every owner (for the help, or a command not known)."""
    named = next((arg for arg in argv if not arg.startswith("-")), None)
    modules = (
        [COMMAND_MODULES[named]] if named in COMMAND_MODULES else dict.fromkeys(COMMAND_MODULES.values())
    )
    registrars: list[Registrar] = [importlib.import_module(module).register for module in modules]
    return registrars


def build_parser(argv: Sequence[str] = ()) -> argparse.ArgumentParser:
    """The parser for `argv`: with its command's subparser only when it names one, else with all."""
    parser = argparse.ArgumentParser(
        prog="permbot",
        description="Verify permission tickets of the Commons VRT queue and tag their files on the wiki.",
    )
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more log output (-vv: debug)")
    parser.add_argument("--version", action="version", version=f"permbot {installed_version()}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for register in _registrars(argv):
        register(subparsers)
    return parser


def installed_version() -> str:
    try:
        return metadata.version("permbot")
    except metadata.PackageNotFoundError:
        return "unknown (not installed)"


def main(argv: Sequence[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(arguments)
    args = parser.parse_args(arguments)
    if args.command is None:
        parser.print_help(sys.stderr)
        return USAGE_ERROR
    level = logging.WARNING - 10 * min(args.verbose, 2)
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # The PDF reader warns of every damaged object in an attachment; the outcome (no text) says enough,
    # so its warnings show only with -vv.
    logging.getLogger("pypdf").setLevel(logging.ERROR if level > logging.DEBUG else logging.DEBUG)
    run: Callable[[argparse.Namespace], int] = args.run
    answer_ctrl_c()
    try:
        return run(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `permbot ... | head`: the reader left; nothing more to say
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return BROKEN_PIPE


def answer_ctrl_c() -> None:
    """Ctrl-C (SIGINT) stops every command with what it had done, also one started where SIGINT is ignored
    (a non-interactive shell's background job, some schedulers): Python raises KeyboardInterrupt only
    where SIGINT was at its default when it started. A handler of the caller's own is left alone."""
    if (
        threading.current_thread() is threading.main_thread()
        and signal.getsignal(signal.SIGINT) is signal.SIG_IGN
    ):
        signal.signal(signal.SIGINT, signal.default_int_handler)


if __name__ == "__main__":
    sys.exit(main())
