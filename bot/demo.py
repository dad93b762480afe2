"""`make demo`: the service on a sandbox, with nothing touching the internet or Commons.

1. A sandbox MediaWiki and a sandbox mailbox (Dovecot) start in a fresh folder; a fake web serves the
   sample tickets' sites (samples/*/sites.json).
2. The sample tickets' mail (samples/*/message.eml) is delivered into the mailbox, and the files they name
   are put on the wiki, each tagged `{{Permission pending}}`.
3. One `permbot run --once`, as an operator runs it: the mail into a fresh store, every ticket verified,
   and the wiki actions the policy in config/service.toml allows (by default `receive` on the files of
   every ticket not suspicious; agents approve confirms).
4. A table of tickets, verdicts and wiki actions, with the sandbox links to look at them.

Run: `.venv/bin/python -m bot.demo [--keep]` (`--keep` leaves the wiki and the mailbox running and prints
the environment that points permbot at them). Safe to run again: each run starts from a fresh folder.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

from bot.config.store import sqlite_url
from bot.sandbox import server
from bot.sandbox.dovecot import SandboxDovecot
from bot.sandbox.fakeweb import FakeWeb
from bot.sandbox.samples import SampleTicket, all_files, all_sites, load_samples, put_pending_files
from bot.sandbox.wiki import SandboxWiki
from bot.store import Store

# Under the temporary folder: Dovecot's mail user (nobody) must reach the mailbox, which a home or a
# checkout often forbids. Fixed per user, so that a second run finds (and stops) the first one's sandbox.
DEMO_DIR = Path(tempfile.gettempdir()) / f"permbot-demo-{os.getuid()}"
MAILBOX_SUBDIR = "imap"  # as `permbot sandbox up` places it, so `permbot sandbox down --dir` stops both


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--keep", action="store_true", help="leave the sandbox wiki and mailbox running at the end"
    )
    args = parser.parse_args(argv)
    started = time.monotonic()
    samples = load_samples()

    _heading("1. A sandbox wiki, a sandbox mailbox and a fake web for the samples' sites")
    wiki_dir = DEMO_DIR / "wiki"
    _clear_previous(wiki_dir)
    wiki = SandboxWiki.up(wiki_dir, progress=lambda line: print(f"   {line}"))
    mailbox = SandboxDovecot.start(wiki_dir / MAILBOX_SUBDIR)
    try:
        with FakeWeb(all_sites(samples), strict_scheme=False) as web:
            _heading(f"2. {len(samples)} sample tickets into the mailbox, their files pending on the wiki")
            mailbox.deliver(sample.mail.read_bytes() for sample in samples)
            titles = all_files(samples)
            put_pending_files(wiki, titles)
            print(
                f"   {len(samples)} messages in {mailbox.access.folder}, "
                f"{len(titles)} file pages at {wiki.api}"
            )

            _heading("3. One pass: `permbot run --once`")
            database_url = sqlite_url(DEMO_DIR / "permbot.sqlite3")
            Store.open(database_url, migrate_schema=True).close()
            env = {**os.environ, **web.env, **wiki.env, **mailbox.env, "PERMBOT_DATABASE_URL": database_url}
            code = _run_once(env)

            _heading("4. Tickets, verdicts and wiki actions")
            _table(samples, database_url, wiki)
            show_review_page(database_url, env)
        print(f"\nDone in {time.monotonic() - started:.0f} s (`permbot run --once` exited {code}).")
    finally:
        if args.keep:
            _print_keep(wiki, mailbox, database_url=sqlite_url(DEMO_DIR / "permbot.sqlite3"))
        else:
            mailbox.stop()
            wiki.stop()
    return 0 if code in (0, 1) else code


def show_review_page(database_url: str, env: dict[str, str]) -> None:
    """The review page's step of the demo (agents' view of the store); not built yet: nothing to show."""


def _heading(text: str) -> None:
    print(f"\n{'=' * 100}\n{text}\n{'=' * 100}", flush=True)


def _clear_previous(wiki_dir: Path) -> None:
    """A demo left running (--keep) is stopped, and its folder removed: each run starts fresh."""
    if (wiki_dir / MAILBOX_SUBDIR / "imap.json").is_file():
        SandboxDovecot.attach(wiki_dir / MAILBOX_SUBDIR).stop()
    if (wiki_dir / "LocalSettings.php").is_file():
        server.stop(wiki_dir)
    shutil.rmtree(DEMO_DIR, ignore_errors=True)
    DEMO_DIR.mkdir(parents=True)


def _run_once(env: dict[str, str]) -> int:
    permbot = str(Path(sys.executable).with_name("permbot"))
    print(f"   $ permbot run --once   (store: {env['PERMBOT_DATABASE_URL']})", flush=True)
    proc = subprocess.run([permbot, "run", "--once"], env=env, check=False, text=True, capture_output=True)
    for line in proc.stdout.splitlines():
        print(f"   {line}")
    if proc.returncode not in (0, 1):
        print(f"   permbot run --once failed ({proc.returncode}): {proc.stderr.strip()[-1000:]}")
    return proc.returncode


def _table(samples: list[SampleTicket], database_url: str, wiki: SandboxWiki) -> None:
    index = wiki.api.removesuffix("api.php") + "index.php"
    rows: list[tuple[str, str, str, str, str]] = []
    with Store.open(database_url) as store:
        for sample in samples:
            ticket = store.tickets.get(sample.ticket, with_evidence=False)
            verdict = ticket.verdict.value if ticket and ticket.verdict else "(not verified)"
            journal = {entry.title: entry for entry in store.journal.for_ticket(sample.ticket)}
            if not sample.files:
                rows.append((sample.ticket, verdict, "(no files named)", "-", ""))
            for title in sample.files:
                entry = journal.get(title)
                action = (
                    f"{entry.action.value}: {entry.outcome or entry.state.value}"
                    + (f" ({entry.detail})" if entry.detail else "")
                    if entry
                    else "left alone" + (" (suspicious)" if verdict == "suspicious" else "")
                )
                link = f"{index}?title={quote(title.replace(' ', '_'))}&action=history"
                rows.append((sample.ticket, verdict, title, action, link))
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    for row in rows:
        print("   " + "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:4])) + "  " + row[4])


def _print_keep(wiki: SandboxWiki, mailbox: SandboxDovecot, database_url: str) -> None:
    print("\nThe sandbox wiki and mailbox keep running (the fake web stopped with the demo). To use them:")
    env = {**wiki.env, **mailbox.env, "PERMBOT_DATABASE_URL": database_url}
    for key, value in sorted(env.items()):
        print(f"   export {key}={value!r}")
    print(f"   more mail: .venv/bin/permbot sandbox deliver --dir {wiki.dir} FILE.eml...")
    print(f"   stop both: .venv/bin/permbot sandbox down --dir {wiki.dir}")


if __name__ == "__main__":
    sys.exit(main())
