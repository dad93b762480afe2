"""`make demo`: the service on a sandbox, with nothing touching the internet or Commons.

1. A sandbox MediaWiki and a sandbox mailbox (Dovecot) start in a fresh folder; a fake web serves the
   sample tickets' sites (samples/*/sites.json).
2. The sample tickets' mail (samples/*/message.eml) is delivered into the mailbox, and the files they name
   are put on the wiki, each tagged `{{Permission pending}}`.
3. One `permbot run --once`, as an operator runs it: the mail into a fresh store, every ticket verified,
   and the wiki actions the policy in config/service.toml allows (by default `receive` on the files of
   every ticket not suspicious; agents approve confirms).
4. A table of tickets, verdicts and wiki actions, with the sandbox links to look at them.
5. The review page (`permbot review`, local login against the sandbox wiki, the demo's store) on a free
   port of 127.0.0.1: its URL and the sandbox agent's login are printed, and the demo logs in as that
   agent to check that the queue lists the tickets. Without `--keep` it is stopped again.

Run: `.venv/bin/python -m bot.demo [--keep]` (`--keep` leaves the wiki, the mailbox and the review page
running and prints the environment that points permbot at them; `permbot sandbox down --dir D` stops all
three). Safe to run again: each run starts from a fresh folder, stopping what a previous run left running.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

import requests

from bot.config.store import sqlite_url
from bot.sandbox import server
from bot.sandbox.dovecot import SandboxDovecot
from bot.sandbox.fakeweb import FakeWeb
from bot.sandbox.model import Account, AccountRole, SandboxError
from bot.sandbox.review import start_review, stop_review
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
        "--keep",
        action="store_true",
        help="leave the sandbox wiki, mailbox and review page running at the end",
    )
    args = parser.parse_args(argv)
    started = time.monotonic()
    samples = load_samples()

    _heading("1. A sandbox wiki, a sandbox mailbox and a fake web for the samples' sites")
    wiki_dir = DEMO_DIR / "wiki"
    _clear_previous(wiki_dir)
    wiki = SandboxWiki.up(wiki_dir, progress=lambda line: print(f"   {line}"))
    mailbox = SandboxDovecot.start(wiki_dir / MAILBOX_SUBDIR)
    review_url: str | None = None
    try:
        database_url = sqlite_url(DEMO_DIR / "permbot.sqlite3")
        with FakeWeb(all_sites(samples), strict_scheme=False) as web:
            code = fill_and_run(samples, wiki, mailbox, web, database_url)
            _heading("4. Tickets, verdicts and wiki actions")
            _table(samples, database_url, wiki)
        _heading("5. The review page: `permbot review`")
        review_env = {**os.environ, **wiki.env, **mailbox.env, "PERMBOT_DATABASE_URL": database_url}
        review_url = show_review_page(wiki, review_env, [s.ticket for s in samples], keep=args.keep)
        print(f"\nDone in {time.monotonic() - started:.0f} s (`permbot run --once` exited {code}).")
    finally:
        if args.keep:
            _print_keep(wiki, mailbox, sqlite_url(DEMO_DIR / "permbot.sqlite3"), review_url)
        else:
            mailbox.stop()
            wiki.stop()
    if code not in (0, 1):
        return code
    return 0 if review_url else 1


def fill_and_run(
    samples: list[SampleTicket],
    wiki: SandboxWiki,
    mailbox: SandboxDovecot,
    web: FakeWeb,
    database_url: str,
    folder: str | None = None,
) -> int:
    """Steps 2 and 3: the samples' mail into the mailbox (its queue folder, or `folder`), their files
    pending on the wiki, then one `permbot run --once` into a fresh store at `database_url`, with the fake
    web for their sites. Its exit code. (The review page's screenshot test builds its data this way too.)"""
    _heading(f"2. {len(samples)} sample tickets into the mailbox, their files pending on the wiki")
    mailbox.deliver((sample.mail.read_bytes() for sample in samples), folder)
    titles = all_files(samples)
    put_pending_files(wiki, titles)
    print(
        f"   {len(samples)} messages in {folder or mailbox.access.folder}, "
        f"{len(titles)} file pages at {wiki.api}"
    )

    _heading("3. One pass: `permbot run --once`")
    Store.open(database_url, migrate_schema=True).close()
    env = {**os.environ, **web.env, **wiki.env, **mailbox.env, "PERMBOT_DATABASE_URL": database_url}
    if folder:
        env["PERMBOT_IMAP_FOLDER"] = folder
    return _run_once(env)


def show_review_page(wiki: SandboxWiki, env: dict[str, str], tickets: list[str], keep: bool) -> str | None:
    """Start the review page on the demo's store, log in as the sandbox's agent and read the queue;
    stop it again unless `keep`. Its URL, or None (with the reason printed) when the page did not work."""
    try:
        review = start_review(wiki.dir, env)
    except SandboxError as error:
        print(f"   the review page did not start: {error}")
        return None
    agent = wiki.account(AccountRole.AGENT)
    print(f"   review page: {review.url}/   (log: {review.log})")
    print(f"   log in as {agent.user!r} with the password {agent.password!r}")
    print("   (a throwaway account of this local sandbox, in its agents' group vrt-permissions)")
    try:
        listed = _queue_as_agent(review.url, agent, tickets)
        print(f"   logged in as {agent.user}: the queue lists {len(listed)} of the {len(tickets)} tickets")
        return review.url
    except (requests.RequestException, SandboxError) as error:
        print(f"   the review page did not work as expected: {error}")
        return None
    finally:
        if not keep:
            stop_review(wiki.dir, review.process)
            print("   stopped again (`--keep` leaves it running)")


def _queue_as_agent(url: str, agent: Account, tickets: list[str]) -> list[str]:
    """Log in through the page's own form (with its CSRF token) and return the tickets the queue lists."""
    with requests.Session() as session:
        session.trust_env = False  # loopback: never through a proxy from the environment
        form = session.get(f"{url}/login", timeout=10)
        token = re.search(r'name="csrf_token" value="([^"]+)"', form.text)
        if token is None:
            raise SandboxError("the login page has no CSRF token")
        login = session.post(
            f"{url}/login",
            data={"csrf_token": token.group(1), "username": agent.user, "password": agent.password},
            timeout=20,
        )
        if login.status_code != 200 or login.url != f"{url}/":  # an agent lands on the queue
            raise SandboxError(f"the agent's login was refused ({login.status_code} at {login.url})")
        queue = session.get(f"{url}/?order=age", timeout=20).text
    return [ticket for ticket in tickets if ticket and f">{ticket}</a>" in queue]


def _heading(text: str) -> None:
    print(f"\n{'=' * 100}\n{text}\n{'=' * 100}", flush=True)


def _clear_previous(wiki_dir: Path) -> None:
    """A demo left running (--keep) is stopped, and its folder removed: each run starts fresh."""
    stop_review(wiki_dir)
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


def _print_keep(
    wiki: SandboxWiki, mailbox: SandboxDovecot, database_url: str, review_url: str | None
) -> None:
    print(
        "\nThe sandbox wiki, mailbox and review page keep running (the fake web stopped with the demo). "
        "To use them:"
    )
    env = {**wiki.env, **mailbox.env, "PERMBOT_DATABASE_URL": database_url}
    for key, value in sorted(env.items()):
        print(f"   export {key}={value!r}")
    if review_url:
        agent = wiki.account(AccountRole.AGENT)
        print(f"   review page: {review_url}/ (log in as {agent.user!r}, password {agent.password!r})")
    print(f"   more mail: .venv/bin/permbot sandbox deliver --dir {wiki.dir} FILE.eml...")
    print(f"   stop all three: .venv/bin/permbot sandbox down --dir {wiki.dir}")


if __name__ == "__main__":
    sys.exit(main())
