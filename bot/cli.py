"""The `permbot` command: one subcommand per job, each registered by the module that owns it.

Bare `permbot` prints the help on stderr and exits 2 (a missing subcommand is a usage error, as argparse
treats every other one); `permbot --version` prints the installed version.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable, Sequence
from importlib import metadata

USAGE_ERROR = 2
BROKEN_PIPE = 141  # 128 + SIGPIPE, as a shell reports a process killed by it

Registrar = Callable[["argparse._SubParsersAction[argparse.ArgumentParser]"], None]


def _registrars() -> list[Registrar]:
    """Subcommand owners, imported here (not at module import) so `permbot --help` stays cheap."""
    from bot.passes import command as pass_commands
    from bot.review import command as review_command
    from bot.sandbox import commands as sandbox_commands
    from bot.store import commands as store_commands
    from bot.verify import command as verify_command
    from bot.wiki import commands as wiki_commands

    return [
        verify_command.register,
        wiki_commands.register,
        pass_commands.register,
        sandbox_commands.register,
        store_commands.register,
        review_command.register,
    ]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="permbot",
        description="Verify permission tickets of the Commons VRT queue and tag their files on the wiki.",
    )
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more log output (-vv: debug)")
    parser.add_argument("--version", action="version", version=f"permbot {installed_version()}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for register in _registrars():
        register(subparsers)
    return parser


def installed_version() -> str:
    try:
        return metadata.version("permbot")
    except metadata.PackageNotFoundError:
        return "unknown (not installed)"


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return USAGE_ERROR
    level = logging.WARNING - 10 * min(args.verbose, 2)
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    run: Callable[[argparse.Namespace], int] = args.run
    try:
        return run(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `permbot ... | head`: the reader left; nothing more to say
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return BROKEN_PIPE


if __name__ == "__main__":
    sys.exit(main())
