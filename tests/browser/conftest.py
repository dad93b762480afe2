"""The review page in a real browser: Debian's chromium driven by Playwright, against a live app.

`review` (function): the app on 127.0.0.1 with local login against the sandbox wiki, a fresh SQLite store,
and the passes' decision runner; an agent account (in the local group) and Alice (not an agent).
`browser` (session): chromium launched once per test process.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from werkzeug.serving import BaseWSGIServer, make_server

from bot.config.files import default_config_dir, read_toml
from bot.config.review import LoginMode, ReviewSettings
from bot.config.store import sqlite_url
from bot.config.wiki import load_wiki_settings
from bot.review.app import ReviewParts, create_app
from bot.review.replies import load_replies
from bot.review.runner import BackgroundRunner, passes_runner
from bot.sandbox import SandboxWiki
from bot.store.store import Store
from bot.wiki.fileinfo import FileInfoClient
from verification.message import MailVocabulary

CHROMIUM = "/usr/lib/chromium/chromium"
AGENT = "Vera Agent"
AGENT_PASSWORD = "review-agent-password-1"
AGENT_GROUP = "vrt-permissions"


@dataclass
class Review:
    url: str
    store: Store
    wiki: SandboxWiki
    runner: BackgroundRunner
    non_agent: tuple[str, str]


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (make system-deps)")
    with playwright_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture(scope="session")
def agent_account(sandbox_wiki: SandboxWiki) -> str:
    sandbox_wiki.maintenance(
        "createAndPromote.php", "--force", f"--custom-groups={AGENT_GROUP}", AGENT, AGENT_PASSWORD
    )
    sandbox_wiki.snapshot()
    return AGENT


def settings_for(api: str) -> ReviewSettings:
    return ReviewSettings(
        login=LoginMode.LOCAL,
        secret_key="test-secret-key-not-for-production",
        wiki_api=api,
        local_group=AGENT_GROUP,
        secure_cookies=False,
        wiki_timeout_seconds=3,
    )


def serve(parts: ReviewParts) -> tuple[BaseWSGIServer, str]:
    server = make_server("127.0.0.1", 0, create_app(parts), threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}"


@contextlib.contextmanager
def review_of(store: Store, wiki: SandboxWiki) -> Iterator[Review]:
    """The review page on `store` and the sandbox wiki, served on a free port until the block ends."""
    names = load_wiki_settings().names
    runner = passes_runner(store)
    parts = ReviewParts(
        settings=settings_for(wiki.api),
        store=store,
        replies=load_replies(),
        mail_vocabulary=MailVocabulary.from_mapping(read_toml(default_config_dir(), "mail.toml")),
        runner=runner,
        file_info=FileInfoClient(wiki.api, [*names.ticket, *names.pending, *names.received]),
    )
    server, url = serve(parts)
    other = wiki.account("other")
    try:
        yield Review(url, store, wiki, runner, (other.user, other.password))
    finally:
        server.shutdown()
        runner.join(timeout=30)


@pytest.fixture
def review(wiki: SandboxWiki, agent_account: str, tmp_path: Path) -> Iterator[Review]:
    store = Store.open(sqlite_url(tmp_path / "permbot.sqlite3"), migrate_schema=True)
    try:
        with review_of(store, wiki) as served:
            yield served
    finally:
        store.close()
