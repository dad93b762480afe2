"""Tickets on SQLite and MariaDB: suggestions, files, agents' corrections, the queue's list, the purge."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.store import (
    DecisionAction,
    FileSource,
    Store,
    SuggestionUpdate,
    TicketFilter,
    TicketOrder,
    TicketStatus,
    UnknownTicketError,
    WikiAction,
)
from tests.support.store_fixtures import TestClock
from verification.model import Reason, Verdict

TICKET = "2025010110000011"
WIKI = "http://127.0.0.1:8080/w/api.php"


def suggestion(
    verdict: Verdict, *, provisional: bool = False, language: str | None = "de"
) -> SuggestionUpdate:
    return SuggestionUpdate(
        verdict=verdict,
        reasons=(
            Reason(f"code_{verdict.value}", f"Jane Roe <jane@example.org> says {verdict.value}", verdict),
        ),
        evidence={"sender": {"addr": "jane@example.org"}, "site": ["https://example.org/impressum"]},
        provisional=provisional,
        sender="jane@example.org",
        language=language,
    )


def test_a_suggestion_creates_the_ticket_with_its_files(store: Store) -> None:
    ticket = store.tickets.record_suggestion(
        TICKET, suggestion(Verdict.CONFIRM), ["File:A.jpg", "File:B.jpg"]
    )
    assert (ticket.number, ticket.status, ticket.verdict, ticket.verify_attempts) == (
        TICKET,
        TicketStatus.OPEN,
        Verdict.CONFIRM,
        1,
    )
    assert ticket.reasons == suggestion(Verdict.CONFIRM).reasons
    assert [(f.title, f.added_by) for f in ticket.files] == [
        ("File:A.jpg", FileSource.BOT),
        ("File:B.jpg", FileSource.BOT),
    ]
    assert ticket.evidence is None  # summaries come without evidence
    loaded = store.tickets.get(TICKET)
    assert loaded is not None
    assert loaded.evidence == {
        "sender": {"addr": "jane@example.org"},
        "site": ["https://example.org/impressum"],
    }


def test_a_later_suggestion_replaces_the_verdict_and_adds_files(store: Store) -> None:
    store.tickets.record_suggestion(TICKET, suggestion(Verdict.ASK_FILES, provisional=True), ["File:A.jpg"])
    store.tickets.remove_file(TICKET, "File:A.jpg", agent="Agent X", note="not this one")
    ticket = store.tickets.record_suggestion(
        TICKET, suggestion(Verdict.ASK_LICENSE), ["File:A.jpg", "File:C.jpg"]
    )
    assert (ticket.verdict, ticket.provisional, ticket.verify_attempts) == (Verdict.ASK_LICENSE, False, 2)
    assert [(f.title, f.removed) for f in ticket.files] == [("File:A.jpg", True), ("File:C.jpg", False)]
    assert [f.title for f in ticket.active_files] == ["File:C.jpg"]


def test_agents_add_files_and_override_the_verdict(store: Store) -> None:
    store.tickets.ensure(TICKET)
    ticket = store.tickets.add_file(TICKET, "File:Agent.jpg", agent="Agent X", note="named in a reply")
    assert [(f.title, f.added_by, f.agent) for f in ticket.files] == [
        ("File:Agent.jpg", FileSource.AGENT, "Agent X")
    ]
    ticket = store.tickets.override_verdict(TICKET, Verdict.CONFIRM, agent="Agent X", note="checked by phone")
    assert ticket.verdict is None
    assert ticket.effective_verdict is Verdict.CONFIRM
    assert ticket.override is not None
    assert (ticket.override.agent, ticket.override.note) == ("Agent X", "checked by phone")
    confirmed = store.tickets.list(TicketFilter(verdicts=frozenset({Verdict.CONFIRM})))
    assert [t.number for t in confirmed.tickets] == [TICKET]
    assert store.tickets.override_verdict(TICKET, None, agent="Agent X").override is None


def test_corrections_of_an_unknown_ticket_are_refused(store: Store) -> None:
    with pytest.raises(UnknownTicketError):
        store.tickets.add_file("9999999999999999", "File:A.jpg", agent="Agent X")
    with pytest.raises(UnknownTicketError):
        store.decisions.record("9999999999999999", "Agent X", DecisionAction.APPROVE)


def test_provisional_tickets_are_verified_again_a_bounded_number_of_times(store: Store) -> None:
    store.tickets.ensure("2025010110000001")
    store.tickets.record_suggestion("2025010110000002", suggestion(Verdict.CONFIRM, provisional=True))
    store.tickets.record_suggestion("2025010110000003", suggestion(Verdict.CONFIRM))
    later = datetime.now(UTC) + timedelta(hours=1)  # a pass that starts after these verifications
    assert store.tickets.needing_verification(max_attempts=2, started_before=later) == (
        "2025010110000001",
        "2025010110000002",
    )
    store.tickets.record_suggestion("2025010110000002", suggestion(Verdict.CONFIRM, provisional=True))
    assert store.tickets.needing_verification(max_attempts=2, started_before=later) == ("2025010110000001",)


def _fill(store: Store, clock: TestClock, count: int) -> None:
    verdicts = list(Verdict)
    start = datetime(2025, 1, 1, tzinfo=UTC)
    for index in range(count):
        number = f"2025010110{index:06d}"
        store.tickets.ensure(number, first_seen_at=start + timedelta(hours=index))
        store.tickets.record_suggestion(
            number,
            suggestion(verdicts[index % len(verdicts)], language="de" if index % 2 else "fr"),
            [f"File:T{index}-{n}.jpg" for n in range(3)],
        )


@pytest.mark.parametrize("count", [8, 60])
def test_listing_runs_the_same_few_queries_whatever_the_size(
    store: Store, test_clock: TestClock, count: int
) -> None:
    _fill(store, test_clock, count)
    with store.count_queries() as queries:
        page = store.tickets.list(limit=50)
    assert queries.count == 5, queries.statements
    assert len(page.tickets) == min(count, 50)
    assert all(len(t.files) == 3 for t in page.tickets)
    with store.count_queries() as queries:
        detail = store.detail(page.tickets[0].number)
    assert detail is not None
    assert queries.count == 5, queries.statements


def test_listing_filters_pages_and_counts(store: Store, test_clock: TestClock) -> None:
    _fill(store, test_clock, 24)  # 4 tickets of each of the six verdicts, alternating fr/de
    page = store.tickets.list(
        TicketFilter(verdicts=frozenset({Verdict.CONFIRM, Verdict.SUSPICIOUS})), limit=3
    )
    assert page.total == 8
    assert len(page.tickets) == 3
    assert {t.verdict for t in page.tickets} <= {Verdict.CONFIRM, Verdict.SUSPICIOUS}
    assert page.counts == {verdict: 4 for verdict in Verdict}
    assert page.oldest_open_seen_at == datetime(2025, 1, 1, tzinfo=UTC)
    rest = store.tickets.list(
        TicketFilter(verdicts=frozenset({Verdict.CONFIRM, Verdict.SUSPICIOUS})), offset=3, limit=50
    )
    assert len(rest.tickets) == 5
    assert not {t.number for t in rest.tickets} & {t.number for t in page.tickets}
    german = store.tickets.list(TicketFilter(language="de"), limit=100)
    assert german.total == 12
    older = store.tickets.list(TicketFilter(seen_before=datetime(2025, 1, 1, 5, tzinfo=UTC)), limit=100)
    assert [t.number for t in older.tickets] == [f"2025010110{n:06d}" for n in range(5)]
    newest = store.tickets.list(order=TicketOrder.NEWEST, limit=1)
    assert newest.tickets[0].number == "2025010110000023"


def test_deadline_order_puts_the_earliest_pending_tag_first(store: Store, test_clock: TestClock) -> None:
    _fill(store, test_clock, 3)
    store.tickets.set_pending_since("2025010110000002", "File:T2-1.jpg", datetime(2024, 12, 1, tzinfo=UTC))
    store.tickets.set_pending_since("2025010110000001", "File:T1-0.jpg", datetime(2024, 12, 5, tzinfo=UTC))
    page = store.tickets.list(order=TicketOrder.DEADLINE)
    assert [t.number for t in page.tickets] == ["2025010110000002", "2025010110000001", "2025010110000000"]


def test_unverified_and_closed_tickets_in_the_list(store: Store) -> None:
    store.tickets.ensure("2025010110000001")
    store.tickets.record_suggestion("2025010110000002", suggestion(Verdict.CONFIRM))
    store.tickets.close("2025010110000002")
    page = store.tickets.list(TicketFilter(unverified=True))
    assert [t.number for t in page.tickets] == ["2025010110000001"]
    assert page.counts == {None: 1}
    closed = store.tickets.list(TicketFilter(status=TicketStatus.CLOSED))
    assert [t.number for t in closed.tickets] == ["2025010110000002"]
    assert closed.tickets[0].closed_at is not None


def test_purge_drops_private_data_of_long_closed_tickets_and_keeps_the_record(
    store: Store, test_clock: TestClock
) -> None:
    store.messages.add(b"old mail", message_id="<old@x>", ticket=TICKET)
    store.messages.add(b"open mail", message_id="<open@x>", ticket="2025010110000099")
    store.messages.add(b"no ticket", message_id="<none@x>", ticket=None)
    store.tickets.record_suggestion(TICKET, suggestion(Verdict.CONFIRM), ["File:A.jpg"])
    store.tickets.record_suggestion("2025010110000099", suggestion(Verdict.ASK_FILES))
    decision = store.decisions.record(TICKET, "Agent X", DecisionAction.APPROVE, {"files": ["File:A.jpg"]})
    entry = store.journal.plan(WIKI, "File:A.jpg", WikiAction.TAG, ticket=TICKET, decision_id=decision.id)
    store.journal.mark_done(entry.id, outcome="saved", new_revid=1234)
    store.tickets.close(TICKET)

    test_clock.advance(timedelta(days=29))
    assert store.purge(30).tickets == 0
    test_clock.advance(timedelta(days=2))
    result = store.purge(30)
    assert (result.tickets, result.messages) == (1, 2)  # the closed ticket's mail and the ticketless mail
    assert store.purge(30).tickets == 0  # nothing twice

    detail = store.detail(TICKET)
    assert detail is not None
    ticket = detail.ticket
    assert (ticket.evidence, ticket.sender, ticket.purged_at is not None) == (None, None, True)
    assert [(r.code, r.message, r.verdict) for r in ticket.reasons] == [("code_confirm", "", Verdict.CONFIRM)]
    assert (ticket.verdict, [f.title for f in ticket.files]) == (Verdict.CONFIRM, ["File:A.jpg"])
    assert [j.new_revid for j in detail.journal] == [1234]
    assert [d.action for d in detail.decisions] == [DecisionAction.APPROVE]
    purged = store.messages.get(detail.messages[0].id)
    assert purged is not None
    assert (purged.raw, purged.purged_at is not None, purged.sha256 != "") == (None, True, True)
    still_open = store.tickets.get("2025010110000099")
    assert still_open is not None
    assert still_open.evidence is not None
    kept = store.messages.for_ticket("2025010110000099")
    kept_raw = store.messages.get(kept[0].id)
    assert kept_raw is not None
    assert kept_raw.raw == b"open mail"
    # A purged message is still known: read again from the mailbox, it is not stored twice.
    assert not store.messages.add(b"old mail", message_id="<old@x>", ticket=TICKET)[1]
