"""The review page driven in headless chromium against the sandbox wiki and a real SQLite store."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from bot.config.passes import load_pass_settings
from bot.config.verifier import load_verifier_settings
from bot.passes.run import PassContext, run_pass
from bot.sandbox.dovecot import SandboxDovecot
from bot.store.model import DecisionState, SuggestionUpdate
from bot.store.store import Store
from bot.wiki.connection import environment
from tests.browser.conftest import AGENT, AGENT_PASSWORD, Review
from tests.integration.test_wiki_commands import HARBOUR, KINGFISHER, text_of, wiki_settings
from tests.support.dovecot import mailbox_settings
from verification.model import Reason, Verdict

pytestmark = pytest.mark.browser

TICKET = "2024061010000001"
HOSTILE = "2024061010000002"

RELEASE = (
    "From: Maria Lindqvist <maria@lindqvist-photo.se>\r\nTo: permissions-commons@wikimedia.org\r\n"
    f"Subject: [Ticket#{TICKET}] Release of my photos\r\nMessage-ID: <review-1@example.org>\r\n"
    "Date: Mon, 10 Jun 2024 09:00:00 +0000\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
    "I, Maria Lindqvist, release Harbour at dusk.jpg and Kingfisher on reed.jpg under CC BY-SA 4.0.\r\n"
)
HOSTILE_MAIL = (
    "From: Mallory <mallory@example.net>\r\nTo: permissions-commons@wikimedia.org\r\n"
    f"Subject: [Ticket#{HOSTILE}] <script>window.pwned=1</script>\r\nMessage-ID: <review-2@example.org>\r\n"
    "Content-Type: text/html; charset=utf-8\r\n\r\n"
    '<p>Hello <b>agents</b></p><script>window.pwned=2</script><img src=x onerror="window.pwned=3">'
    '<a href="javascript:window.pwned=4">click me</a> <a href="https://evil.example/x">site</a>'
)


def seed(store: Store, number: str, raw: str, verdict: Verdict, files: list[str]) -> None:
    store.messages.add(raw.encode(), message_id=None, ticket=number)
    reason = Reason(
        "sender_on_official_site", "The sender's address is listed on the holder's site.", verdict
    )
    update = SuggestionUpdate(
        verdict=verdict,
        reasons=(reason,),
        evidence={"statement": {"holder_names": ["Maria Lindqvist"], "signer": "Maria Lindqvist"}},
        sender="maria@lindqvist-photo.se",
        language="en",
    )
    store.tickets.record_suggestion(number, update, files)


def log_in(page: Any, review: Review, user: str = AGENT, password: str = AGENT_PASSWORD) -> Any:
    page.goto(review.url + "/login")
    page.get_by_label("User name").fill(user)
    page.get_by_label("Password").fill(password)
    return page.get_by_role("button", name="Log in").click()


@pytest.fixture
def page(browser: Any) -> Any:
    context = browser.new_context()
    opened = context.new_page()
    yield opened
    context.close()


def test_agent_logs_in_approves_and_the_files_are_tagged(page: Any, review: Review) -> None:
    seed(review.store, TICKET, RELEASE, Verdict.CONFIRM, [HARBOUR, KINGFISHER])
    log_in(page, review)
    page.get_by_role("link", name=TICKET).click()
    expect(page.get_by_role("heading", name=f"Ticket {TICKET}")).to_be_visible()
    assert "Pending" in page.locator("table.files").inner_text() or "pending" in page.content().lower()
    page.get_by_role("button", name="Approve: tag with PermissionTicket").click()
    page.wait_for_selector("li.state-done", timeout=30_000)
    for title in (HARBOUR, KINGFISHER):
        assert f"{{{{PermissionTicket|id={TICKET}|user={AGENT}}}}}" in text_of(review.wiki, title)
    decision = review.store.decisions.for_ticket(TICKET)[0]
    assert (decision.agent, decision.state) == (AGENT, DecisionState.DONE)


def test_someone_not_an_agent_is_refused_with_the_reason(page: Any, review: Review) -> None:
    user, password = review.non_agent
    log_in(page, review, user, password)
    expect(page.get_by_role("heading", name="Access refused: Not a permissions agent")).to_be_visible()
    assert "vrt-permissions" in page.content()
    assert page.goto(review.url + "/").url.endswith("/login")


def test_hostile_mail_is_shown_as_inert_text(page: Any, review: Review) -> None:
    seed(review.store, HOSTILE, HOSTILE_MAIL, Verdict.SUSPICIOUS, [HARBOUR])
    dialogs: list[str] = []

    def record_and_dismiss(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", record_and_dismiss)
    log_in(page, review)
    response = page.goto(f"{review.url}/ticket/{HOSTILE}")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-frame-options"] == "DENY"
    assert page.evaluate("window.pwned") is None
    message = page.locator("article.message")
    assert "<script>window.pwned=1</script>" in message.inner_text()
    assert message.locator("script, img, a").count() == 0
    assert "javascript:window.pwned=4" in message.inner_text()  # shown, not live
    assert page.locator("a[href^='javascript:']").count() == 0
    assert dialogs == []


def test_forged_post_without_csrf_token_is_refused(page: Any, review: Review) -> None:
    seed(review.store, TICKET, RELEASE, Verdict.CONFIRM, [HARBOUR])
    log_in(page, review)
    forged = page.request.post(f"{review.url}/ticket/{TICKET}/act", form={"action": "approve"})
    assert forged.status == 400
    assert review.store.decisions.for_ticket(TICKET) == ()


def test_action_while_the_wiki_is_down_is_done_by_the_next_pass(
    page: Any, review: Review, sandbox_dovecot: SandboxDovecot, imap_folder: str
) -> None:
    seed(review.store, TICKET, RELEASE, Verdict.CONFIRM, [HARBOUR])
    log_in(page, review)
    page.goto(f"{review.url}/ticket/{TICKET}")
    review.wiki.set_read_only("maintenance")
    with page.expect_navigation():  # the decision is recorded and the runner started before the redirect
        page.get_by_role("button", name="Approve: tag with PermissionTicket").click()
    review.runner.join(timeout=30)
    assert [d.state for d in review.store.decisions.for_ticket(TICKET)] == [DecisionState.PENDING]
    assert f"id={TICKET}" not in text_of(review.wiki, HARBOUR)  # nothing of this ticket saved
    review.wiki.set_read_only(None)
    context = PassContext(
        store=review.store,
        mailbox=mailbox_settings(sandbox_dovecot, imap_folder),
        verifier=load_verifier_settings(environ={"PERMBOT_WHOIS": "off"}),
        wiki_env=environment(),
        wiki=wiki_settings(),
        settings=load_pass_settings(),
    )
    summary = run_pass(context, report_mail=lambda _e: None, report_action=lambda _r: None)
    assert summary.decisions_done == 1
    assert f"{{{{PermissionTicket|id={TICKET}|user={AGENT}}}}}" in text_of(review.wiki, HARBOUR)
    page.goto(f"{review.url}/ticket/{TICKET}")
    assert page.locator("li.state-done").count() == 1
