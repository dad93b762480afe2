"""Decisions, the journal of wiki actions, leases and caches on SQLite and MariaDB."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest

from bot.store import (
    DecisionAction,
    DecisionState,
    JournalState,
    NotFoundError,
    Store,
    WikiAction,
    pass_lease_name,
)
from tests.support.store_fixtures import TestClock

TICKET = "2025010110000011"
WIKI = "http://127.0.0.1:8080/w/api.php"
MINUTE = timedelta(minutes=1)


def test_decisions_are_pending_until_carried_out(store: Store) -> None:
    store.tickets.ensure(TICKET)
    approve = store.decisions.record(TICKET, "Agent X", DecisionAction.APPROVE, {"files": ["File:A.jpg"]})
    reject = store.decisions.record(TICKET, "Agent Y", DecisionAction.REJECT, {"reason": "no reply"})
    assert (approve.state, approve.params, approve.carried_out_at) == (
        DecisionState.PENDING,
        {"files": ["File:A.jpg"]},
        None,
    )
    assert [d.id for d in store.decisions.pending()] == [approve.id, reject.id]
    done = store.decisions.mark_done(approve.id, "tagged 1 file")
    failed = store.decisions.mark_failed(reject.id, "wiki read-only")
    assert (done.state, done.result, done.carried_out_at is not None) == (
        DecisionState.DONE,
        "tagged 1 file",
        True,
    )
    assert failed.state is DecisionState.FAILED
    assert store.decisions.pending() == ()
    assert [d.agent for d in store.decisions.for_ticket(TICKET)] == ["Agent X", "Agent Y"]
    with pytest.raises(NotFoundError):
        store.decisions.mark_done(10**9, "nothing")


def test_journal_intents_stay_unsettled_until_marked(store: Store) -> None:
    first = store.journal.plan(WIKI, "File:A.jpg", WikiAction.TAG, ticket=TICKET, params={"ticket": TICKET})
    second = store.journal.plan(WIKI, "File:B.jpg", WikiAction.RECEIVE, ticket=TICKET, base_revid=10)
    other_wiki = store.journal.plan(
        "https://commons.wikimedia.org/w/api.php", "File:A.jpg", WikiAction.UNTAG, ticket=None
    )
    assert [e.id for e in store.journal.unsettled(WIKI)] == [first.id, second.id]
    assert len(store.journal.unsettled()) == 3
    done = store.journal.mark_done(first.id, outcome="saved", new_revid=11, base_revid=10)
    failed = store.journal.mark_failed(second.id, outcome="edit_conflict", detail="moved to 12")
    assert (done.state, done.base_revid, done.new_revid, done.settled_at is not None) == (
        JournalState.DONE,
        10,
        11,
        True,
    )
    assert (failed.state, failed.outcome, failed.detail) == (
        JournalState.FAILED,
        "edit_conflict",
        "moved to 12",
    )
    assert [e.id for e in store.journal.unsettled()] == [other_wiki.id]
    assert [e.id for e in store.journal.for_ticket(TICKET)] == [first.id, second.id]
    with pytest.raises(NotFoundError):
        store.journal.mark_done(10**9, outcome="saved", new_revid=1)


def test_a_lease_has_one_holder_until_released(store: Store) -> None:
    name = pass_lease_name(WIKI)
    lease = store.leases.acquire(name, "host-a:1", MINUTE)
    assert lease is not None
    assert lease.holder == "host-a:1"
    assert store.leases.acquire(name, "host-b:2", MINUTE) is None
    again = store.leases.acquire(name, "host-a:1", 2 * MINUTE)  # the holder may take it again: extends
    assert again is not None
    assert (again.acquired_at, again.expires_at > lease.expires_at) == (lease.acquired_at, True)
    assert store.leases.release(name, "host-b:2") is False
    assert store.leases.release(name, "host-a:1") is True
    assert store.leases.current(name) is None
    assert store.leases.acquire(name, "host-b:2", MINUTE) is not None


def test_an_expired_lease_can_be_taken_and_its_old_holder_cannot_renew(
    store: Store, test_clock: TestClock
) -> None:
    name = pass_lease_name(WIKI)
    assert store.leases.acquire(name, "dead", MINUTE) is not None
    assert store.leases.renew(name, "dead", MINUTE) is not None
    test_clock.advance(2 * MINUTE)
    assert store.leases.current(name) is None
    taken = store.leases.acquire(name, "alive", MINUTE)
    assert taken is not None
    assert taken.holder == "alive"
    assert store.leases.renew(name, "dead", MINUTE) is None
    assert store.leases.release(name, "dead") is False
    current = store.leases.current(name)
    assert current is not None
    assert current.holder == "alive"


def _race(store: Store, name: str, racers: int) -> list[str]:
    """Start `racers` threads (each on its own connection) at once on one lease; returns the winners."""
    barrier = threading.Barrier(racers)
    winners: list[str] = []
    errors: list[BaseException] = []

    def race(holder: str) -> None:
        try:
            barrier.wait(timeout=10)
            if store.leases.acquire(name, holder, MINUTE) is not None:
                winners.append(holder)
        except BaseException as error:  # noqa: BLE001 -- reported by the assertion below
            errors.append(error)

    threads = [threading.Thread(target=race, args=(f"racer-{n}",)) for n in range(racers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    return winners


@pytest.mark.parametrize("lapsed", [False, True], ids=["free", "lapsed"])
def test_racing_holders_one_wins(store: Store, test_clock: TestClock, lapsed: bool) -> None:
    """Eight threads race for a free or a lapsed lease, ten rounds: exactly one wins each round."""
    for round_number in range(10):
        name = f"race:{round_number}"
        if lapsed:
            assert store.leases.acquire(name, "dead", MINUTE) is not None
            test_clock.advance(2 * MINUTE)
        winners = _race(store, name, racers=8)
        assert len(winners) == 1, winners
        current = store.leases.current(name)
        assert current is not None
        assert current.holder == winners[0]


def test_cache_entries_expire(store: Store, test_clock: TestClock) -> None:
    long_key = "https://example.org/" + "x" * 3000
    store.caches.put("site", long_key, {"addresses": ["info@example.org"]}, timedelta(hours=1))
    store.caches.put("whois", "example.org", {"registrant": "Example"}, timedelta(days=2))
    assert store.caches.get("site", long_key) == {"addresses": ["info@example.org"]}
    assert store.caches.get("whois", long_key) is None  # kinds are apart
    store.caches.put("site", long_key, {"addresses": []}, timedelta(hours=1))  # replaced
    assert store.caches.get("site", long_key) == {"addresses": []}
    test_clock.advance(timedelta(hours=2))
    assert store.caches.get("site", long_key) is None
    assert store.caches.expire() == 1
    assert store.caches.get("whois", "example.org") == {"registrant": "Example"}
