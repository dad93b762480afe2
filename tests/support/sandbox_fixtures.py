"""Pytest fixtures for tests against the real sandbox MediaWiki.

- `sandbox_wiki` (session): one wiki per test session (per xdist worker), copied from the prepared wiki in
  the cache and served on 127.0.0.1; its env is in os.environ.
- `wiki` (function): the same wiki, restored to its initial snapshot, with no injected maxlag, writable,
  and an empty api.log.

Register this module as a plugin (`pytest_plugins = ["tests.support.sandbox_fixtures"]` in the top-level
conftest.py): its `pytest_configure` then exports the sandbox's environment (PYWIKIBOT_DIR with
user-config.py, PERMBOT_WIKI_API on a reserved port, ...) before any test module is imported, because
pywikibot reads its configuration once, at import. The wiki itself is only built and started when a test
asks for it. Tests using these fixtures get the `wiki` marker (`-m "not wiki"` skips them).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.sandbox import SandboxWiki, server
from bot.sandbox.build import load_content
from bot.sandbox.wiki import PYWIKIBOT_SUBDIR, sandbox_env, write_pywikibot_dir

WIKI_FIXTURES = frozenset({"sandbox_wiki", "wiki"})
KEEP_ENV = "PERMBOT_KEEP_SANDBOX"  # set to 1 to keep the test wiki's folder for a post-mortem


@dataclass(frozen=True)
class Reservation:
    """Where the session's wiki will live and listen, decided before test modules are imported."""

    wiki_dir: Path
    port: int


_RESERVATION = pytest.StashKey[Reservation]()


def reserve(base: Path | None = None) -> tuple[Reservation, dict[str, str]]:
    """Pick the folder and port of the session's wiki and write its pywikibot folder; no wiki work."""
    wiki_dir = Path(tempfile.mkdtemp(prefix="permbot-test-wiki-", dir=base)).resolve()
    port = server.free_port()
    env = sandbox_env(wiki_dir, server.api_url(port), load_content().bot_user, os.environ.get("NO_PROXY"))
    write_pywikibot_dir(wiki_dir / PYWIKIBOT_SUBDIR, password_line=None)
    return Reservation(wiki_dir, port), env


def pytest_configure(config: pytest.Config) -> None:
    """Export the sandbox env first thing, so a pywikibot imported at collection time uses it."""
    reservation, env = reserve()
    os.environ.update(env)
    config.stash[_RESERVATION] = reservation


def pytest_unconfigure(config: pytest.Config) -> None:
    reservation = config.stash.get(_RESERVATION, None)
    if (
        reservation is not None
        and not server.is_running(reservation.wiki_dir)
        and not os.environ.get(KEEP_ENV)
    ):
        shutil.rmtree(reservation.wiki_dir, ignore_errors=True)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that needs the wiki, so it can be selected or skipped with `-m wiki`."""
    for item in items:
        if WIKI_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.wiki)


@pytest.fixture(scope="session")
def sandbox_wiki(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[SandboxWiki]:
    """The session's sandbox wiki, started from the prepared copy, with a snapshot of its initial content."""
    reservation = request.config.stash.get(_RESERVATION, None)
    if reservation is None:  # imported as plain fixtures, not as a plugin: nothing reserved
        reservation = Reservation(tmp_path_factory.mktemp("sandbox-wiki"), 0)
    wiki = SandboxWiki.up(reservation.wiki_dir, reservation.port)
    os.environ.update(wiki.env)
    wiki.snapshot()
    try:
        yield wiki
    finally:
        wiki.stop()
        if not os.environ.get(KEEP_ENV):
            shutil.rmtree(wiki.dir, ignore_errors=True)


@pytest.fixture
def wiki(sandbox_wiki: SandboxWiki) -> SandboxWiki:
    """The session's wiki as it was at the start: content restored, controls cleared, api.log empty."""
    sandbox_wiki.restore()
    sandbox_wiki.reset_controls()
    return sandbox_wiki
