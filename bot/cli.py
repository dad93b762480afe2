"""The `permbot` command: one subcommand per job, each registered by the module that owns it."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence

Registrar = Callable[["argparse._SubParsersAction[argparse.ArgumentParser]"], None]


def _registrars() -> list[Registrar]:
    """Subcommand owners, imported here (not at module import) so `permbot --help` stays cheap."""
    from bot.passes import command as pass_commands
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
    ]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="permbot",
        description="Verify permission tickets of the Commons VRT queue and tag their files on the wiki.",
    )
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more log output (-vv: debug)")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for register in _registrars():
        register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    level = logging.WARNING - 10 * min(args.verbose, 2)
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    run: Callable[[argparse.Namespace], int] = args.run
    try:
        return run(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
