"""`SandboxWiki`: the Python handle on a running sandbox wiki, for the CLI, tests and benchmarks.

It knows the folder's control files (api.log, control.json, readonly), snapshots the SQLite database for
cheap restores between tests, imports pages in bulk through importDump.php, and edits through the plain
API as any sandbox account (to make edit conflicts and fixtures without pywikibot).
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Callable, Iterable, Mapping
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Self

import requests

from bot.config.files import shipped_user_config
from bot.sandbox import build, code, server
from bot.sandbox.model import Account, AccountRole, SandboxApiError, SandboxError

Progress = Callable[[str], None]
STATE_FILE = "sandbox.json"
PYWIKIBOT_SUBDIR = "pywikibot"
PASSWORD_FILE = "passwordfile"  # noqa: S105 (a file name, not a password)
# Files restored by restore(): the wiki and its job queue. Sessions (wikicache) survive, so logins do.
SNAPSHOT_FILES = (f"{build.DB_NAME}.sqlite", f"{build.DB_NAME}_jobqueue.sqlite")
INITIAL_SNAPSHOT = "initial"
LOCAL_HOSTS = "127.0.0.1,localhost"
HTTP_TIMEOUT = 30.0
# refreshLinks.php costs ~0.3 s to start and ~10 ms per page: refresh small gaps instead of a new process.
REFRESH_GAP = 30
SESSION_LOST = frozenset({"assertuserfailed", "badtoken"})


def _quiet(message: str) -> None:
    """Default progress sink: say nothing."""


def repo_user_config() -> Path:
    """The shipped user-config.py (no secrets; reads the PERMBOT_* variables)."""
    return shipped_user_config()


def sandbox_env(wiki_dir: Path, api: str, bot_user: str, no_proxy: str | None = None) -> dict[str, str]:
    """The variables that point permbot and pywikibot at this sandbox (see the wiki contract)."""
    hosts = [host for host in (no_proxy or "").split(",") if host.strip()]
    hosts += [host for host in LOCAL_HOSTS.split(",") if host not in hosts]
    pywikibot_dir = wiki_dir / PYWIKIBOT_SUBDIR
    return {
        "PYWIKIBOT_DIR": str(pywikibot_dir),
        "PERMBOT_WIKI_API": api,
        "PERMBOT_WIKI_USER": bot_user,
        "PERMBOT_PASSWORD_FILE": str(pywikibot_dir / PASSWORD_FILE),
        "PERMBOT_PROFILE": "sandbox",
        "PERMBOT_SANDBOX_DIR": str(wiki_dir),
        "NO_PROXY": ",".join(hosts),
        "no_proxy": ",".join(hosts),
    }


def password_file_line(bot_user: str, account: Account) -> str:
    """pywikibot's password file entry for the bot's BotPassword (`Name@app` split into its parts)."""
    _, _, app = account.user.partition("@")
    return f"({bot_user!r}, BotPassword({app!r}, {account.password!r}))\n"


def write_pywikibot_dir(pywikibot_dir: Path, password_line: str | None) -> None:
    """Copy the repo's user-config.py and write the password file (mode 600, as pywikibot wants)."""
    pywikibot_dir.mkdir(parents=True, exist_ok=True)
    source = repo_user_config()
    if source.is_file():
        shutil.copyfile(source, pywikibot_dir / "user-config.py")
    if password_line is not None:
        target = pywikibot_dir / PASSWORD_FILE
        target.write_text(password_line)
        target.chmod(0o600)


@dataclass(frozen=True)
class EditResult:
    """What an API edit did: the new revision, or nochange when the text was already there."""

    title: str
    revid: int | None
    nochange: bool


class SandboxWiki:
    """A sandbox MediaWiki in a folder, served on 127.0.0.1 (see `up` and `attach`)."""

    def __init__(self, wiki_dir: Path, state: Mapping[str, Any]) -> None:
        self.dir = wiki_dir
        self.api: str = state["api"]
        self.code = code.MediaWikiCode(Path(state["code"]), str(state["mediawiki"]))
        self.accounts = [Account.from_json(item) for item in state["accounts"]]
        self.bot_user: str = state["bot_user"]
        self.admin_user: str = state["admin_user"]
        self.run_page: str = state["run_page"]
        self.env: dict[str, str] = dict(state["env"])
        self._process: subprocess.Popen[bytes] | None = None
        self._sessions: dict[AccountRole, requests.Session] = {}

    # --- lifecycle -------------------------------------------------------------------------------------

    @classmethod
    def up(cls, wiki_dir: Path | None = None, port: int = 0, progress: Progress = _quiet) -> Self:
        """Copy the prepared wiki into `wiki_dir` (a new temp folder by default) and serve it.

        A folder that already holds a stopped sandbox is started again with its content; an empty folder
        or one holding only `pywikibot/` (made early by the test fixtures) gets a fresh copy.
        """
        code.check_php()
        mediawiki = code.ensure_code(progress)
        prepared = build.ensure_prepared(mediawiki, progress)
        target = (wiki_dir or Path(tempfile.mkdtemp(prefix="permbot-sandbox-"))).resolve()
        _place_wiki(prepared, target, progress)
        port = port or server.free_port()
        api = server.api_url(port)
        record = json.loads((target / build.PREPARED_FILE).read_text())
        env = sandbox_env(target, api, record["bot_user"], os.environ.get("NO_PROXY"))
        _configure_wiki(target, port, record)
        progress(f"starting php -S on {api}")
        process = server.start(mediawiki, target, port)
        (target / "api.log").write_text("")  # the readiness probe is not the caller's request
        state = {
            **record,
            "api": api,
            "dir": str(target),
            "code": str(mediawiki.root),
            "mediawiki": mediawiki.version,
            "env": env,
        }
        (target / STATE_FILE).write_text(json.dumps(state, indent=2) + "\n")
        wiki = cls(target, state)
        wiki._process = process
        return wiki

    @classmethod
    def attach(cls, wiki_dir: Path) -> Self:
        """A handle on a sandbox started earlier (by `permbot sandbox up`) in `wiki_dir`."""
        try:
            state = json.loads((wiki_dir / STATE_FILE).read_text())
        except FileNotFoundError as err:
            raise SandboxError(f"{wiki_dir} holds no sandbox ({STATE_FILE} missing)") from err
        return cls(wiki_dir.resolve(), state)

    def summary(self) -> dict[str, Any]:
        """The JSON object `permbot sandbox up` prints: api, dir, accounts, env."""
        return {
            "api": self.api,
            "dir": str(self.dir),
            "accounts": [account.to_json() for account in self.accounts],
            "env": dict(self.env),
        }

    def running(self) -> bool:
        """Whether the web server of this folder is up (checked through its pid file)."""
        return server.is_running(self.dir)

    def stop(self) -> bool:
        """Stop the web server (the folder stays); False when it was not running."""
        for session in self._sessions.values():
            session.close()
        self._sessions.clear()
        stopped = server.stop(self.dir, self._process)
        self._process = None
        return stopped

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.stop()

    def account(self, role: AccountRole | str) -> Account:
        """The account of that role (`bot` or `other`)."""
        wanted = AccountRole(role)
        return next(account for account in self.accounts if account.role is wanted)

    # --- database snapshots ----------------------------------------------------------------------------

    def snapshot(self, name: str = INITIAL_SNAPSHOT) -> None:
        """Remember the wiki's current content (a copy of its SQLite files) under `name` for `restore`.

        The `wiki` test fixture restores "initial" before every test; a module that builds a bigger
        baseline once (e.g. 2,000 imported pages) should save it under its own name.
        """
        target = self._snapshot_dir(name)
        target.mkdir(parents=True, exist_ok=True)
        for file in SNAPSHOT_FILES:
            shutil.copyfile(self.dir / "data" / file, target / file)

    def restore(self, name: str = INITIAL_SNAPSHOT) -> None:
        """Put back the content saved by `snapshot(name)` (milliseconds; sessions and logins survive)."""
        source = self._snapshot_dir(name)
        if not (source / SNAPSHOT_FILES[0]).is_file():
            raise SandboxError(f"restore({name!r}) needs an earlier snapshot({name!r})")
        for file in SNAPSHOT_FILES:
            (self.dir / "data" / f"{file}-journal").unlink(missing_ok=True)
            shutil.copyfile(source / file, self.dir / "data" / file)

    def _snapshot_dir(self, name: str) -> Path:
        if not name.isidentifier():
            raise ValueError(f"snapshot names are identifiers, not {name!r}")
        return self.dir / "snapshots" / name

    # --- control files ---------------------------------------------------------------------------------

    def api_calls(self) -> list[dict[str, Any]]:
        """Every api.php request since the log was last cleared, oldest first (one dict per request)."""
        try:
            lines = (self.dir / "api.log").read_text().splitlines()
        except FileNotFoundError:
            return []
        return [json.loads(line) for line in lines if line.strip()]

    def clear_api_log(self) -> None:
        (self.dir / "api.log").write_text("")

    def inject_maxlag(self, seconds: float, count: int) -> None:
        """Make the next `count` API requests asking for maxlag below `seconds` fail with maxlag."""
        if seconds <= 0 or count < 0:
            raise ValueError("inject_maxlag needs seconds > 0 and count >= 0")
        lag: float | int = int(seconds) if float(seconds).is_integer() else seconds
        _write_atomically(self.dir / "control.json", json.dumps({"maxlag": lag, "maxlag_count": count}))

    def maxlag_remaining(self) -> int:
        """How many injected maxlag failures are still to come."""
        try:
            control = json.loads((self.dir / "control.json").read_text())
        except FileNotFoundError:
            return 0
        return int(control.get("maxlag_count", 0))

    def set_read_only(self, reason: str | None) -> None:
        """Make the wiki read-only with this reason, or writable again with None."""
        path = self.dir / "readonly"
        if reason is None:
            path.unlink(missing_ok=True)
        elif not reason.strip():
            raise ValueError("a read-only reason must not be empty (MediaWiki ignores an empty file)")
        else:
            path.write_text(reason)

    def reset_controls(self) -> None:
        """No injected lag, writable, empty api.log: the state every test starts from."""
        for name in ("control.json", "readonly"):
            (self.dir / name).unlink(missing_ok=True)
        self.clear_api_log()

    # --- content ---------------------------------------------------------------------------------------

    def maintenance(self, script: str, *args: str) -> str:
        """Run a MediaWiki maintenance script against this wiki; its standard output."""
        return build.run_maintenance(self.code, self.dir, script, *args)

    def import_pages(
        self,
        pages: Iterable[tuple[str, str]],
        *,
        timestamp: datetime | None = None,
        user: str | None = None,
        summary: str = "Imported test page",
    ) -> None:
        """Create (or add a newer revision to) pages in bulk: importDump.php, no API, links tables updated.

        The revision time defaults to now; existing pages only change when `timestamp` is newer than
        their latest revision. `user` defaults to the ordinary account. The import skips MediaWiki's
        per-page updates and refreshes the links of the touched pages in one refreshLinks.php pass, which
        halves the time of a large import (2,000 pages: about 30 s instead of 60 s).
        """
        author = user or self.account(AccountRole.OTHER).user
        dump = build.xml_dump(pages, timestamp or build.now(), author, summary)
        last_revision = self._max_revision()
        scratch = self.dir / "tmp"
        scratch.mkdir(exist_ok=True)
        with tempfile.NamedTemporaryFile("w", suffix=".xml", dir=scratch, delete=False) as handle:
            handle.write(dump)
        try:
            self.maintenance("importDump.php", "--no-updates", handle.name)
        finally:
            os.unlink(handle.name)
        for first, last in page_runs(self._pages_revised_after(last_revision)):
            self.maintenance("refreshLinks.php", f"--e={last}", str(first))

    def _database(self) -> sqlite3.Connection:
        return sqlite3.connect(f"file:{self.dir / 'data' / SNAPSHOT_FILES[0]}?mode=ro", uri=True)

    def _max_revision(self) -> int:
        with closing(self._database()) as db:
            row = db.execute("SELECT MAX(rev_id) FROM revision").fetchone()
        return int(row[0] or 0)

    def _pages_revised_after(self, revision: int) -> list[int]:
        """Ids of the pages that got a revision newer than `revision`."""
        with closing(self._database()) as db:
            rows = db.execute("SELECT DISTINCT rev_page FROM revision WHERE rev_id > ?", (revision,))
            return [int(page) for (page,) in rows]

    def protect(self, title: str, level: str = "sysop") -> None:
        """Protect a page against editing and moving (`sysop` or `autoconfirmed`)."""
        flags = ["--semiprotect"] if level == "autoconfirmed" else []
        self.maintenance("protect.php", *flags, f"--user={self.admin_user}", "--reason=test", title)

    def block(self, user: str, reason: str = "test") -> None:
        """Block a user (by plain name, e.g. the bot's main account) indefinitely."""
        with tempfile.NamedTemporaryFile("w", suffix=".txt", dir=self.dir / "tmp", delete=False) as handle:
            handle.write(user + "\n")
        try:
            performer = f"--performer={self.admin_user}"
            self.maintenance("blockUsers.php", performer, f"--reason={reason}", handle.name)
        finally:
            os.unlink(handle.name)

    # --- the plain API ---------------------------------------------------------------------------------

    def request(self, role: AccountRole | str | None, method: str, **params: str) -> dict[str, Any]:
        """One API request (format json v2), anonymous or as an account; API errors raise SandboxApiError."""
        session = self._session(AccountRole(role)) if role is not None else self._anonymous()
        return _call(session, self.api, method, params)

    def edit_as(self, role: AccountRole | str, title: str, text: str, summary: str) -> EditResult:
        """Replace a page's text as that account through action=edit (not pywikibot).

        A lost session (expired, or logged out elsewhere) is renewed once; every other API error raises
        SandboxApiError with MediaWiki's code (readonly, protectedpage, blocked, maxlag, ...).
        """
        wanted = AccountRole(role)
        try:
            return self._edit(wanted, title, text, summary)
        except SandboxApiError as err:
            if err.code not in SESSION_LOST:
                raise
            self._sessions.pop(wanted).close()
            return self._edit(wanted, title, text, summary)

    def _edit(self, role: AccountRole, title: str, text: str, summary: str) -> EditResult:
        session = self._session(role)
        token = _call(session, self.api, "GET", {"action": "query", "meta": "tokens"})["query"]["tokens"]
        params = {
            "action": "edit",
            "title": title,
            "text": text,
            "summary": summary,
            "token": token["csrftoken"],
            "assert": "user",
        }
        result = _call(session, self.api, "POST", params)["edit"]
        return EditResult(
            title=str(result.get("title", title)),
            revid=result.get("newrevid"),
            nochange=bool(result.get("nochange", False)),
        )

    def page_text(self, title: str) -> str | None:
        """The current wikitext of a page, or None when it does not exist."""
        data = self.request(
            None, "GET", action="query", prop="revisions", rvprop="content", rvslots="main", titles=title
        )
        page = data["query"]["pages"][0]
        if page.get("missing"):
            return None
        content: str = page["revisions"][0]["slots"]["main"]["content"]
        return content

    def _anonymous(self) -> requests.Session:
        session = requests.Session()
        session.trust_env = False  # local traffic never goes through a proxy
        return session

    def _session(self, role: AccountRole) -> requests.Session:
        """A logged-in session for the role, kept for later calls (sessions survive restores)."""
        if role in self._sessions:
            return self._sessions[role]
        account = self.account(role)
        session = self._anonymous()
        token = _call(session, self.api, "GET", {"action": "query", "meta": "tokens", "type": "login"})
        login = _call(
            session,
            self.api,
            "POST",
            {
                "action": "login",
                "lgname": account.user,
                "lgpassword": account.password,
                "lgtoken": token["query"]["tokens"]["logintoken"],
            },
        )["login"]
        if login.get("result") != "Success":
            reason = f"{login.get('result')} {login.get('reason', '')}".strip()
            raise SandboxError(f"login as {account.user} failed: {reason}")
        self._sessions[role] = session
        return session


def _place_wiki(prepared: Path, target: Path, progress: Progress) -> None:
    """Copy the prepared wiki into `target`, or keep the stopped sandbox already there."""
    if (target / "LocalSettings.php").is_file():
        if server.is_running(target):
            raise SandboxError(f"a sandbox is already running in {target}: `permbot sandbox down` first")
        progress(f"starting the existing sandbox wiki in {target}")
        return
    leftovers = {entry.name for entry in target.iterdir()} if target.is_dir() else set()
    if leftovers - {PYWIKIBOT_SUBDIR}:
        raise SandboxError(f"{target} is neither empty nor a sandbox wiki: pick another --dir")
    progress(f"copying the prepared wiki into {target}")
    shutil.copytree(prepared, target, dirs_exist_ok=True)


def _configure_wiki(target: Path, port: int, record: Mapping[str, Any]) -> None:
    """Point the wiki at its port, write the pywikibot folder, and start with no injected failures."""
    (target / "server-url").write_text(f"http://{server.HOST}:{port}\n")
    accounts = [Account.from_json(item) for item in record["accounts"]]
    bot = next(account for account in accounts if account.role is AccountRole.BOT)
    write_pywikibot_dir(target / PYWIKIBOT_SUBDIR, password_file_line(record["bot_user"], bot))
    for name in ("control.json", "readonly"):
        (target / name).unlink(missing_ok=True)


def page_runs(page_ids: Iterable[int], max_gap: int = REFRESH_GAP) -> list[tuple[int, int]]:
    """Cover the ids with few (first, last) ranges: a gap shorter than `max_gap` is cheaper to refresh
    than to start another refreshLinks.php process for the next run."""
    runs: list[tuple[int, int]] = []
    for page in sorted(set(page_ids)):
        if runs and page - runs[-1][1] <= max_gap:
            runs[-1] = (runs[-1][0], page)
        else:
            runs.append((page, page))
    return runs


def _call(session: requests.Session, api: str, method: str, params: Mapping[str, str]) -> dict[str, Any]:
    query = {**params, "format": "json", "formatversion": "2"}
    if method == "POST":
        response = session.post(api, data=query, timeout=HTTP_TIMEOUT)
    else:
        response = session.get(api, params=query, timeout=HTTP_TIMEOUT)
    response.raise_for_status()
    data: dict[str, Any] = response.json()
    if "error" in data:
        raise SandboxApiError(str(data["error"].get("code")), str(data["error"].get("info", "")))
    return data


def _write_atomically(path: Path, text: str) -> None:
    scratch = path.with_name(path.name + ".new")
    scratch.write_text(text)
    os.replace(scratch, path)
