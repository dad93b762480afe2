"""Accessibility (axe-core in the same browser), keyboard-only approval, and the README's screenshots."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot.store.model import DecisionState
from tests.browser.conftest import AGENT, AGENT_PASSWORD, Review
from tests.browser.test_review_page import HOSTILE, HOSTILE_MAIL, RELEASE, TICKET, seed
from tests.integration.test_wiki_commands import HARBOUR, KINGFISHER
from verification.model import Verdict

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
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


def test_queue_and_ticket_have_no_serious_violations_and_screenshots(page: Any, review: Review) -> None:
    seed(review.store, TICKET, RELEASE, Verdict.CONFIRM, [HARBOUR, KINGFISHER])
    seed(review.store, HOSTILE, HOSTILE_MAIL, Verdict.SUSPICIOUS, [KINGFISHER])
    keyboard_log_in(page, review)
    page.goto(review.url + "/")
    assert serious_violations(page) == []
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "queue.png"), full_page=True)
    page.goto(f"{review.url}/ticket/{TICKET}")
    assert serious_violations(page) == []
    page.screenshot(path=str(SCREENSHOTS / "ticket.png"), full_page=True)


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
