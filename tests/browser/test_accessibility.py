"""Accessibility (axe-core in the same browser), keyboard-only approval, and the README's screenshots.

The screenshots show the demo's data: the samples' mail through one `permbot run --once` with the fake
web, built by the demo's own `fill_and_run`. They go to the test's tmp folder; with
PERMBOT_WRITE_SCREENSHOTS=1 to docs/screenshots/ (the README's), so a normal run leaves the checkout clean.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from bot.config.store import sqlite_url
from bot.demo import fill_and_run
from bot.sandbox.dovecot import SandboxDovecot
from bot.sandbox.fakeweb import FakeWeb
from bot.sandbox.samples import all_sites, load_samples
from bot.sandbox.wiki import SandboxWiki
from bot.store.model import DecisionState
from bot.store.store import Store
from tests.browser.conftest import AGENT, AGENT_PASSWORD, Review, review_of
from tests.browser.test_review_page import RELEASE, TICKET, seed
from tests.integration.test_wiki_commands import HARBOUR
from verification.model import Verdict

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
WRITE_SCREENSHOTS = "PERMBOT_WRITE_SCREENSHOTS"
SCREENSHOT_SAMPLE = "en-museum-relgen"  # the ticket shown: an English release confirmed on the museum's site
SERIOUS = {"serious", "critical"}


@pytest.fixture
def page(browser: Any) -> Any:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    opened = context.new_page()
    yield opened
    context.close()


def tab_to(page: Any, target: Any, presses: int = 60) -> None:
    """Press Tab until `target` has the focus (fails when it never gets it)."""
    for _ in range(presses):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            return
    pytest.fail("not reachable with Tab")


def keyboard_log_in(page: Any, review: Review) -> None:
    page.goto(review.url + "/login")
    tab_to(page, page.get_by_label("User name"))
    page.keyboard.type(AGENT)
    page.keyboard.press("Tab")
    page.keyboard.type(AGENT_PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def serious_violations(page: Any) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']]}"
        for v in results.response["violations"]
        if v.get("impact") in SERIOUS
    ]


@pytest.fixture
def demo_review(
    wiki: SandboxWiki,
    agent_account: str,
    sandbox_dovecot: SandboxDovecot,
    imap_folder: str,
    tmp_path: Path,
) -> Iterator[Review]:
    """The review page on the demo's data: the samples' tickets ingested and verified as `make demo` does."""
    samples = load_samples()
    database_url = sqlite_url(tmp_path / "permbot.sqlite3")
    with FakeWeb(all_sites(samples), strict_scheme=False) as web:
        code = fill_and_run(samples, wiki, sandbox_dovecot, web, database_url, folder=imap_folder)
    assert code == 0, "permbot run --once failed: see the captured output"
    store = Store.open(database_url)
    try:
        with review_of(store, wiki) as served:
            yield served
    finally:
        store.close()


def screenshot_folder(tmp_path: Path) -> Path:
    return SCREENSHOTS if os.environ.get(WRITE_SCREENSHOTS) == "1" else tmp_path


def test_demo_queue_and_ticket_have_no_serious_violations_and_screenshots(
    page: Any, demo_review: Review, tmp_path: Path
) -> None:
    samples = {sample.name: sample for sample in load_samples()}
    ticket = samples[SCREENSHOT_SAMPLE].ticket
    keyboard_log_in(page, demo_review)
    page.goto(demo_review.url + "/")
    assert page.locator("table.queue tbody tr").count() == len(samples)
    assert serious_violations(page) == []
    folder = screenshot_folder(tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / "queue.png"), full_page=True)
    page.goto(f"{demo_review.url}/ticket/{ticket}")
    expect(page.get_by_role("heading", name=f"Ticket {ticket}")).to_be_visible()
    assert serious_violations(page) == []
    page.screenshot(path=str(folder / "ticket.png"), full_page=True)


def test_keyboard_only_approval(page: Any, review: Review) -> None:
    seed(review.store, TICKET, RELEASE, Verdict.CONFIRM, [HARBOUR])
    keyboard_log_in(page, review)
    page.goto(f"{review.url}/ticket/{TICKET}")
    approve = page.get_by_role("button", name="Approve: tag with PermissionTicket")
    tab_to(page, approve)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    review.runner.join(timeout=30)
    assert [d.state for d in review.store.decisions.for_ticket(TICKET)] == [DecisionState.DONE]
