"""`permbot sandbox up|down|env`: start, stop and export a sandbox wiki from the shell.

`up` reports progress on stderr and prints, as its last stdout line, one JSON object (api, dir, accounts,
env, imap) that scripts parse. `eval "$(permbot sandbox env --dir DIR)"` exports that env into a shell.
The sandbox mailbox (a throwaway Dovecot) lives in DIR/imap; `deliver` appends mail to its queue folder.
The passwords in that line are made up for this throwaway local sandbox; `up` says so.
"""

from __future__ import annotations

import argparse
import json
import shlex
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from bot.sandbox.model import SandboxError

if TYPE_CHECKING:
    from bot.sandbox.dovecot import SandboxDovecot

MAILBOX_SUBDIR = "imap"
THROWAWAY = (
    "the passwords in the JSON line below are throwaway credentials of this local sandbox (wiki and "
    "mailbox) only, "
    "made up when it was built; they open nothing else"
)


def _port_argument(value: str) -> int:
    try:
        port = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--port takes a number, got {value!r}") from None
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"--port must be 1..65535 (0: a free one), got {port}")
    return port


def _progress(message: str) -> None:
    print(f"sandbox: {message}", file=sys.stderr, flush=True)


def run_up(args: argparse.Namespace) -> int:
    from bot.sandbox.wiki import SandboxWiki

    try:
        wiki = SandboxWiki.up(args.dir, args.port, _progress)
    except SandboxError as err:
        print(f"sandbox: {err}", file=sys.stderr)
        return 1
    try:
        mailbox = _start_mailbox(wiki.dir)
    except SandboxError as err:
        wiki.stop()
        print(f"sandbox: {err}", file=sys.stderr)
        return 1
    _progress(f"up: {wiki.api} (stop it with `permbot sandbox down --dir {wiki.dir}`)")
    _progress(THROWAWAY)
    summary = wiki.summary()
    summary["imap"] = mailbox.summary()
    summary["env"] = {**summary["env"], **mailbox.env}
    print(json.dumps(summary), flush=True)
    return 0


def _start_mailbox(wiki_dir: Path) -> SandboxDovecot:
    from bot.sandbox.dovecot import SandboxDovecot

    folder = wiki_dir / MAILBOX_SUBDIR
    if (folder / "imap.json").is_file() and SandboxDovecot.attach(folder).running():
        _progress("the sandbox mailbox is running already")
        return SandboxDovecot.attach(folder)
    mailbox = SandboxDovecot.start(folder)
    _progress(f"mailbox: IMAP on {mailbox.access.host}:{mailbox.access.port}, folder {mailbox.access.folder}")
    return mailbox


def run_deliver(args: argparse.Namespace) -> int:
    from bot.sandbox.dovecot import SandboxDovecot, mail_files

    try:
        mailbox = SandboxDovecot.attach(args.dir / MAILBOX_SUBDIR)
        if not mailbox.running():
            raise SandboxError(f"the sandbox mailbox in {args.dir} is not running: `permbot sandbox up`")
        uids = mailbox.deliver(mail_files(args.files))
    except (SandboxError, OSError) as err:
        print(f"sandbox: {err}", file=sys.stderr)
        return 1
    _progress(f"delivered {len(uids)} message(s) to {mailbox.access.folder}")
    return 0


def run_down(args: argparse.Namespace) -> int:
    from bot.sandbox import server
    from bot.sandbox.review import stop_review

    if not (args.dir / "LocalSettings.php").is_file():
        print(f"sandbox: {args.dir} holds no sandbox wiki", file=sys.stderr)
        return 1
    if stop_review(args.dir):
        _progress(f"stopped the review page of {args.dir}")
    stopped = server.stop(args.dir)
    _progress(f"stopped the server of {args.dir}" if stopped else f"no server was running for {args.dir}")
    if (args.dir / MAILBOX_SUBDIR / "imap.json").is_file():
        from bot.sandbox.dovecot import SandboxDovecot

        if SandboxDovecot.attach(args.dir / MAILBOX_SUBDIR).stop():
            _progress(f"stopped the mailbox of {args.dir}")
    return 0


def run_env(args: argparse.Namespace) -> int:
    from bot.sandbox.wiki import SandboxWiki

    try:
        wiki = SandboxWiki.attach(args.dir)
    except SandboxError as err:
        print(f"sandbox: {err}", file=sys.stderr)
        return 1
    env = dict(wiki.env)
    if (args.dir / MAILBOX_SUBDIR / "imap.json").is_file():
        from bot.sandbox.dovecot import SandboxDovecot

        env.update(SandboxDovecot.attach(args.dir / MAILBOX_SUBDIR).env)
    for name, value in sorted(env.items()):
        print(f"export {name}={shlex.quote(value)}")
    return 0


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `permbot sandbox up` and `permbot sandbox down` to the `permbot` parser."""
    parser = subparsers.add_parser("sandbox", help="start or stop a throwaway local MediaWiki and mailbox")
    actions = parser.add_subparsers(dest="sandbox_command", required=True, metavar="ACTION")
    up = actions.add_parser(
        "up",
        help="build (or reuse) and start a sandbox wiki; last line: JSON",
        description="Build (or reuse) and start a sandbox wiki and mailbox on 127.0.0.1. The last "
        "stdout line is JSON with the api URL, the folder, the accounts, the mailbox and the env; the "
        "passwords there are throwaway credentials of this local sandbox only. A port already in use "
        "is refused.",
    )
    up.add_argument("--dir", type=Path, default=None, help="wiki folder (default: a new temporary folder)")
    up.add_argument(
        "--port",
        type=_port_argument,
        default=0,
        help="port on 127.0.0.1 (default: a free one; one in use is refused)",
    )
    up.set_defaults(run=run_up)
    down = actions.add_parser(
        "down", help="stop the sandbox wiki, its mailbox and its review page in DIR (the folder stays)"
    )
    down.add_argument("--dir", type=Path, required=True, help="the folder given or printed by `up`")
    down.set_defaults(run=run_down)
    env = actions.add_parser("env", help="print `export` lines that point permbot at the sandbox in DIR")
    env.add_argument("--dir", type=Path, required=True, help="the folder given or printed by `up`")
    env.set_defaults(run=run_env)
    deliver = actions.add_parser("deliver", help="append mail (.eml or mbox files) to the sandbox mailbox")
    deliver.add_argument("--dir", type=Path, required=True, help="the folder given or printed by `up`")
    deliver.add_argument("files", type=Path, nargs="+", metavar="FILE", help="an .eml file or an mbox")
    deliver.set_defaults(run=run_deliver)
