"""Passes against the real parts: the sandbox Dovecot, the sandbox MediaWiki and the store.

Every test runs on SQLite; the essential ones (received once, the lease, an unsettled intent, a decision
carried out, a command refused under the lease) on the throwaway MariaDB too (the shared `store` fixture);
the rest are pinned to SQLite with `ON_SQLITE` to keep the suite fast.

Mail is delivered into a folder of the test's own, `permbot run --once` is run in-process (as the CLI
runs it, minus argument parsing), and the wiki's pages and the store's journal are read back.
"""

from __future__ import annotations

import dataclasses
import datetime
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.config.passes import load_pass_settings
from bot.config.verifier import load_verifier_settings
from bot.passes.checkpoints import ANNOUNCE_VARIABLE, PAUSE_AT_VARIABLE, PAUSE_VARIABLE, PREFIX, Checkpoint
from bot.passes.ingest import IngestSummary, take_mail, verify_stored
from bot.passes.lease import LeaseHeld, WikiLease
from bot.passes.run import PassContext, PassSummary, ingest_once, run_pass
from bot.sandbox import SandboxWiki
from bot.sandbox.dovecot import SandboxDovecot
from bot.store.model import DecisionAction, JournalState
from bot.store.store import Store
from bot.verify.batch import MessageInput, Verifier, VerifyOutcome
from bot.wiki import commands
from bot.wiki.connection import environment
from tests.integration.test_wiki_commands import (
    HARBOUR,
    KINGFISHER,
    permbot,  # noqa: F401 (the wiki commands' fixture)
    text_of,
    wiki_settings,
)
from tests.support.dovecot import mailbox_settings

TICKET = "2024051410012345"
SECOND = "2024051410012346"
THIRD = "2024051410012347"
OFFLINE = {"PERMBOT_WHOIS": "off"}  # no test asks the real WHOIS registries
RELEASE = (
    "I hereby affirm that I, Anna Holder, am the creator and sole owner of the exclusive copyright of the "
    "media work {files}. I agree to publish that work under the free license Creative Commons "
    "Attribution-ShareAlike 4.0 International (CC BY-SA 4.0).\r\n\r\nAnna Holder, 2024-05-14\r\n"
)


def mail(n: int, ticket: str | None, body: str, sender: str = "anna.holder@gmail.com") -> bytes:
    tag = f"[Ticket#{ticket}] " if ticket else ""
    return (
        f"From: Anna Holder <{sender}>\r\nTo: permissions-commons@wikimedia.org\r\n"
        f"Subject: {tag}Permission {n}\r\nMessage-ID: <pass-{n}@example.org>\r\n"
        "Date: Tue, 14 May 2024 10:00:00 +0000\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + body
    ).encode()


def release(n: int, ticket: str | None, *titles: str) -> bytes:
    urls = " and ".join("https://commons.wikimedia.org/wiki/" + t.replace(" ", "_") for t in titles)
    return mail(n, ticket, RELEASE.format(files=urls))


ON_SQLITE = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


@pytest.fixture
def context(
    wiki: SandboxWiki, sandbox_dovecot: SandboxDovecot, imap_folder: str, store: Store
) -> PassContext:
    return PassContext(
        store=store,
        mailbox=mailbox_settings(sandbox_dovecot, imap_folder),
        verifier=load_verifier_settings(environ=OFFLINE),
        wiki_env=environment(),
        wiki=wiki_settings(),
        settings=load_pass_settings(),
    )


def once(context: PassContext) -> tuple[PassSummary, list[Any]]:
    seen: list[Any] = []
    summary = run_pass(context, report_mail=seen.append, report_action=seen.append)
    return summary, seen


def edits(wiki: SandboxWiki) -> list[dict[str, Any]]:
    return [call for call in wiki.api_calls() if call.get("action") == "edit"]


def test_pass_marks_received_once_and_takes_nothing_twice(
    context: PassContext, sandbox_dovecot: SandboxDovecot, wiki: SandboxWiki, imap_folder: str
) -> None:
    sandbox_dovecot.deliver(
        [
            release(1, TICKET, HARBOUR),
            mail(
                2, None, "Hello, where do I send my permission?"
            ),  # no ticket number: stored, never acted on
            b"\xff\xfe\x00 not a mail at all",  # hostile: stored with its error, never stops the pass
        ],
        imap_folder,
    )
    summary, _events = once(context)
    assert summary.ingest.stored == 3
    assert summary.ingest.without_ticket == 2
    assert summary.ingest.verdicts == {"ask_official_address": 1}
    assert [(r.ticket, r.outcome.title, r.outcome.kind.value) for r in summary.actions] == [
        (TICKET, HARBOUR, "edited")
    ]
    assert f"{{{{Permission received|id={TICKET}|reason=email" in text_of(wiki, HARBOUR)
    entries = context.store.journal.for_ticket(TICKET)
    assert [(e.state, e.new_revid is not None) for e in entries] == [(JournalState.DONE, True)]
    ticket = context.store.tickets.get(TICKET, with_evidence=False)
    assert ticket is not None  # the pending tag's date, read before it was replaced: the queue's deadline
    assert [(f.title, f.pending_since) for f in ticket.active_files] == [
        (HARBOUR, datetime.datetime(2024, 5, 1, tzinfo=datetime.UTC))
    ]

    wiki.clear_api_log()
    again, _ = once(context)
    assert again.ingest.stored == 0
    assert again.ingest.verified == 0
    assert again.actions == []
    assert edits(wiki) == []


@ON_SQLITE
def test_second_message_adds_files_and_reverifies(
    context: PassContext, sandbox_dovecot: SandboxDovecot, wiki: SandboxWiki, imap_folder: str
) -> None:
    sandbox_dovecot.deliver([release(1, TICKET, HARBOUR)], imap_folder)
    once(context)
    sandbox_dovecot.deliver([release(2, TICKET, KINGFISHER)], imap_folder)
    summary, _ = once(context)
    assert summary.ingest.verified == 1
    ticket = context.store.tickets.get(TICKET)
    assert ticket is not None
    assert [f.title for f in ticket.active_files] == [HARBOUR, KINGFISHER]
    assert [(r.outcome.title, r.outcome.kind.value) for r in summary.actions] == [(KINGFISHER, "edited")]
    assert f"id={TICKET}" in text_of(wiki, KINGFISHER)


def test_several_tickets_for_one_file(
    context: PassContext, sandbox_dovecot: SandboxDovecot, wiki: SandboxWiki, imap_folder: str
) -> None:
    sandbox_dovecot.deliver([release(1, TICKET, HARBOUR), release(2, SECOND, HARBOUR)], imap_folder)
    summary, _ = once(context)
    outcomes = {(r.ticket, r.outcome.kind.value, r.outcome.detail) for r in summary.actions}
    assert outcomes == {(TICKET, "edited", ""), (SECOND, "unchanged", "not_pending")}
    text = text_of(wiki, HARBOUR)
    assert f"id={TICKET}" in text
    assert SECOND not in text
    # the agent approves the second ticket: it is tagged, the first ticket's received tag stays
    context.store.decisions.record(SECOND, "Agent Smith", DecisionAction.APPROVE, {"files": [HARBOUR]})
    summary, _ = once(context)
    assert [(r.ticket, r.outcome.kind.value) for r in summary.actions] == [(SECOND, "edited")]
    assert summary.decisions_done == 1
    text = text_of(wiki, HARBOUR)
    assert f"{{{{PermissionTicket|id={SECOND}|user=Agent Smith}}}}" in text
    assert f"{{{{Permission received|id={TICKET}" in text


@ON_SQLITE
def test_wiki_down_then_next_pass_does_the_work(
    context: PassContext, sandbox_dovecot: SandboxDovecot, wiki: SandboxWiki, imap_folder: str
) -> None:
    sandbox_dovecot.deliver([release(1, TICKET, HARBOUR)], imap_folder)
    wiki.set_read_only("maintenance")
    summary, _ = once(context)
    assert summary.ingest.verified == 1
    assert summary.wiki_error is not None
    assert "Permission pending" in text_of(wiki, HARBOUR)
    wiki.reset_controls()
    summary, _ = once(context)
    assert [(r.outcome.title, r.outcome.kind.value) for r in summary.actions] == [(HARBOUR, "edited")]


def test_unsettled_intent_is_settled_without_a_second_edit(
    context: PassContext, sandbox_dovecot: SandboxDovecot, wiki: SandboxWiki, imap_folder: str
) -> None:
    """A pass died between its save and the journal: the next pass reads the page and marks it done."""
    sandbox_dovecot.deliver([release(1, TICKET, HARBOUR)], imap_folder)
    summary, _ = once(context)
    entry = context.store.journal.for_ticket(TICKET)[0]
    # the same intent again, as a crashed pass leaves it: planned, no result
    context.store.journal.plan(entry.wiki, HARBOUR, entry.action, ticket=TICKET, params=entry.params)
    wiki.clear_api_log()
    summary, _ = once(context)
    assert [(r.outcome.kind.value, r.outcome.detail, r.settled) for r in summary.actions] == [
        ("unchanged", "already_received", True)
    ]
    assert edits(wiki) == []
    assert context.store.journal.unsettled() == ()


def test_lease_refuses_a_second_pass(context: PassContext) -> None:
    with (
        WikiLease(context.store, context.wiki_key, "other pass", 60),
        pytest.raises(LeaseHeld, match="other pass on"),
    ):
        once(context)


@ON_SQLITE
def test_mailbox_gone_keeps_what_was_stored(context: PassContext, sandbox_dovecot: SandboxDovecot) -> None:
    from dataclasses import replace

    broken = replace(context, mailbox=replace(context.mailbox, port=1))
    summary = ingest_once(broken, lambda _event: None)
    assert summary.mailbox_error is not None
    assert summary.stored == 0


def test_wiki_command_refuses_while_a_pass_holds_the_lease(
    context: PassContext,
    store: Store,
    database_url: str,
    wiki: SandboxWiki,
    monkeypatch: pytest.MonkeyPatch,
    permbot: Any,  # noqa: F811 (the fixture imported above)
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("PERMBOT_DATABASE_URL", database_url)
    with WikiLease(store, context.wiki_key, "permbot run", 60):
        with pytest.raises(LeaseHeld, match="the lease is held by permbot run on"):
            commands._take_lease("tag", context.wiki_key)
        refused = permbot("tag", "--ticket", TICKET, HARBOUR)
        assert refused.code == 1
        assert "the lease is held by permbot run on" in refused.err
    assert "Permission pending" in text_of(wiki, HARBOUR)
    assert permbot("tag", "--ticket", TICKET, HARBOUR).code == 0  # released: the command runs


@ON_SQLITE
def test_uidvalidity_resync_processes_no_message_twice(
    context: PassContext, sandbox_dovecot: SandboxDovecot, wiki: SandboxWiki, imap_folder: str
) -> None:
    """The folder is made again (a new UIDVALIDITY) with the same mail and one new message: the pass lists
    it all again, stores only the new message, and verifies and edits only what the new message brings."""
    sandbox_dovecot.deliver([release(1, TICKET, HARBOUR)], imap_folder)
    once(context)
    client = sandbox_dovecot.client()
    client.delete_folder(imap_folder)
    client.create_folder(imap_folder)
    client.logout()
    time.sleep(1.0)  # Dovecot derives UIDVALIDITY from the clock: the same second could reuse it
    sandbox_dovecot.deliver([release(1, TICKET, HARBOUR), release(2, SECOND, KINGFISHER)], imap_folder)
    wiki.clear_api_log()
    summary, _ = once(context)
    assert (summary.ingest.stored, summary.ingest.already_stored, summary.ingest.verified) == (1, 1, 1)
    assert [(r.ticket, r.outcome.title) for r in summary.actions] == [(SECOND, KINGFISHER)]
    assert len(context.store.messages.for_ticket(TICKET)) == 1
    assert [call.get("title") for call in edits(wiki)] == [KINGFISHER]


def _service_env(sandbox_dovecot: SandboxDovecot, imap_folder: str, database_url: str) -> dict[str, str]:
    Store.open(database_url, migrate_schema=True).close()
    return {
        **os.environ,
        **sandbox_dovecot.env,
        "PERMBOT_IMAP_SECURITY": "plain",
        "PERMBOT_IMAP_FOLDER": imap_folder,
        "PERMBOT_DATABASE_URL": database_url,
    }


def _permbot(*args: str, env: dict[str, str]) -> subprocess.Popen[str]:
    """`permbot ARGS` with stdout and stderr piped: not a terminal, so plain lines and no live display."""
    program = str(Path(sys.executable).with_name("permbot"))
    return subprocess.Popen(
        [program, *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def _finish(process: subprocess.Popen[str]) -> tuple[str, str]:
    try:
        return process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


@ON_SQLITE
def test_sigterm_stops_the_service_after_its_pass(
    wiki: SandboxWiki, sandbox_dovecot: SandboxDovecot, imap_folder: str, database_url: str
) -> None:
    """`permbot run --json` does a pass, waits for mail; SIGTERM: exit 0 and a `stopped` event saying what
    was done and that nothing was under way."""
    sandbox_dovecot.deliver([release(1, TICKET, HARBOUR)], imap_folder)
    service = _permbot("run", "--json", env=_service_env(sandbox_dovecot, imap_folder, database_url))
    try:
        assert service.stdout is not None
        events = []
        for line in service.stdout:  # bounded: the pass ends with its summary
            events.append(json.loads(line))
            if events[-1].get("event") == "summary" and events[-1].get("schema") == "permbot.pass/1":
                break
        time.sleep(0.5)  # into the wait for mail
        service.send_signal(signal.SIGTERM)
    finally:
        rest, errors = _finish(service)
    assert service.returncode == 0, errors[-2000:]
    assert events[-1]["actions"] == {"receive:edited": 1}
    stopped = json.loads(rest.splitlines()[-1])
    assert stopped["event"] == "stopped"
    assert (stopped["signal"], stopped["passes"], stopped["tickets"], stopped["actions"]) == (
        "SIGTERM",
        1,
        1,
        1,
    )
    assert "no pass was under way" in stopped["detail"]
    assert "SIGTERM received" in errors
    # Not a terminal: one structured line per pass and per wait, at the default log level.
    assert "pass=1 event=start" in errors
    assert "pass=1 event=done" in errors
    assert "actions=1 failed_actions=0" in errors
    assert "event=waiting idle_since=" in errors


@ON_SQLITE
def test_sigterm_mid_edit_lets_the_edit_finish_and_says_so(
    wiki: SandboxWiki, sandbox_dovecot: SandboxDovecot, imap_folder: str, database_url: str
) -> None:
    """SIGTERM while the service is about to save (held at the `planned` checkpoint): the edit is made, the
    service stops and its last line says the edit finished."""
    sandbox_dovecot.deliver([release(1, TICKET, HARBOUR)], imap_folder)
    env = {
        **_service_env(sandbox_dovecot, imap_folder, database_url),
        ANNOUNCE_VARIABLE: "1",
        PAUSE_VARIABLE: "1.5",
        PAUSE_AT_VARIABLE: Checkpoint.PLANNED.value,
    }
    service = _permbot("run", env=env)
    try:
        assert service.stderr is not None
        for line in service.stderr:  # bounded: the pass announces its checkpoints
            if line.strip() == PREFIX + Checkpoint.PLANNED.value:
                break
        service.send_signal(signal.SIGTERM)
    finally:
        out, errors = _finish(service)
    assert service.returncode == 0, errors[-2000:]
    assert f"{{{{Permission received|id={TICKET}" in text_of(wiki, HARBOUR)
    last = out.splitlines()[-1]
    assert last.startswith("stopped by SIGTERM: 1 pass(es) run, 1 ticket(s) handled"), out
    assert f"the last edit finished: receive {HARBOUR} of ticket {TICKET}: edited" in last


@ON_SQLITE
def test_a_second_ctrl_c_mid_save_says_the_edit_is_settled_by_the_next_pass(
    wiki: SandboxWiki, sandbox_dovecot: SandboxDovecot, imap_folder: str, database_url: str
) -> None:
    """`permbot run --once`, Ctrl-C twice while an edit's intent is journalled and the save under way: it
    stops at once and says the edit may or may not have landed and that the next pass settles it; the next
    pass does, without a second edit."""
    sandbox_dovecot.deliver([release(1, TICKET, HARBOUR)], imap_folder)
    env = _service_env(sandbox_dovecot, imap_folder, database_url)
    held = {
        **env,
        ANNOUNCE_VARIABLE: "1",
        PAUSE_VARIABLE: "30",
        PAUSE_AT_VARIABLE: Checkpoint.PLANNED.value,
    }
    once = _permbot("run", "--once", env=held)
    try:
        assert once.stderr is not None
        for line in once.stderr:
            if line.strip() == PREFIX + Checkpoint.PLANNED.value:
                break
        once.send_signal(signal.SIGINT)
        time.sleep(0.2)
        once.send_signal(signal.SIGINT)
    finally:
        _out, errors = _finish(once)
    assert once.returncode == 130, errors[-2000:]
    assert f"the receive of {HARBOUR} for ticket {TICKET} was cut off" in errors
    assert "the next pass reads the page and settles it" in errors
    assert "Traceback" not in errors
    again = _permbot("run", "--once", env=env)
    out, errors = _finish(again)
    assert again.returncode == 0, errors[-2000:]
    assert f"receive  {TICKET} edited     {HARBOUR} [settled from an earlier pass]" in out
    assert [call.get("title") for call in edits(wiki)] == [HARBOUR]


class _FailsOnMarker:
    """The real verifier, except that a batch holding a message with the marker raises (a verifier bug)."""

    MARKER = b"VERIFIER-BUG"

    def __init__(self, real: Verifier) -> None:
        self.real = real

    def verify(self, messages: Iterable[MessageInput]) -> Iterator[VerifyOutcome]:
        batch = list(messages)
        if any(self.MARKER in message.raw for message in batch):
            raise RuntimeError("a bug in the verifier")
        yield from self.real.verify(batch)


def test_a_verifier_failure_is_one_tickets_error(store: Store) -> None:
    for n, ticket in enumerate((TICKET, SECOND, THIRD), start=1):
        raw = release(n, ticket, HARBOUR)
        if ticket == SECOND:
            raw += _FailsOnMarker.MARKER
        store.messages.add(raw, message_id=f"<pass-{n}@example.org>", ticket=ticket)
        store.tickets.ensure(ticket)
    events: list[Any] = []
    summary = IngestSummary()
    settings = load_verifier_settings(environ=OFFLINE)
    with Verifier(settings) as real:
        verify_stored(
            store,
            _FailsOnMarker(real),
            settings.policy,
            max_attempts=3,
            started=datetime.datetime.now(datetime.UTC),
            report=events.append,
            summary=summary,
        )
    assert [(e.ticket, e.verdict, e.error) for e in events] == [
        (TICKET, "ask_official_address", None),
        (SECOND, "ask_files", "verifier_failed"),
        (THIRD, "ask_official_address", None),
    ]
    failed = store.tickets.get(SECOND, with_evidence=False)
    assert failed is not None
    assert failed.provisional  # verified again by a later pass (bounded)


def test_only_a_verdict_that_hangs_on_an_unread_site_is_provisional(store: Store) -> None:
    """Offline, the named site cannot be read: the address question may change once it answers (verified
    again later), a non-free license does not (no point asking the site again)."""
    site = "\r\n\r\nOur website: https://www.anna-holder-photography.example/\r\n"
    non_free = RELEASE.replace("Attribution-ShareAlike 4.0", "Attribution-NonCommercial 4.0").replace(
        "CC BY-SA 4.0", "CC BY-NC 4.0"
    )
    cases = {
        TICKET: mail(1, TICKET, RELEASE.format(files=HARBOUR) + site),
        SECOND: mail(2, SECOND, non_free.format(files=HARBOUR) + site),
    }
    for n, (ticket, raw) in enumerate(cases.items(), start=1):
        store.messages.add(raw, message_id=f"<pass-{n}@example.org>", ticket=ticket)
        store.tickets.ensure(ticket)
    events: list[Any] = []
    settings = dataclasses.replace(load_verifier_settings(), whois_enabled=False)
    with Verifier(settings) as verifier:
        verify_stored(
            store,
            verifier,
            settings.policy,
            max_attempts=3,
            started=datetime.datetime.now(datetime.UTC),
            report=events.append,
            summary=IngestSummary(),
        )
    assert [(e.ticket, e.verdict, e.provisional) for e in events] == [
        (TICKET, "ask_official_address", True),
        (SECOND, "ask_license", False),
    ]


GERMAN_RELEASE = (
    "Sehr geehrte Damen und Herren,\r\n\r\nhiermit erkläre ich, Anna Holder, dass ich das Foto {files} "
    "selbst aufgenommen habe und alle Rechte daran besitze. Ich gebe es unter der freien Lizenz "
    "Creative Commons Namensnennung - Weitergabe unter gleichen Bedingungen 4.0 International "
    "(CC BY-SA 4.0) frei.\r\n\r\n"
    "Mit freundlichen Grüßen\r\nAnna Holder\r\n"
)


def _ingest(store: Store, sandbox_dovecot: SandboxDovecot, folder: str) -> IngestSummary:
    """`permbot ingest` minus the wiki: take the folder's new mail into the store, then verify it."""
    summary = IngestSummary()
    take_mail(store, mailbox_settings(sandbox_dovecot, folder), lambda _event: None, summary)
    settings = dataclasses.replace(load_verifier_settings(), whois_enabled=False)
    with Verifier(settings) as verifier:
        verify_stored(
            store,
            verifier,
            settings.policy,
            max_attempts=3,
            started=datetime.datetime.now(datetime.UTC),
            report=lambda _event: None,
            summary=summary,
        )
    return summary


@ON_SQLITE
def test_ingest_stores_the_senders_language(
    store: Store, sandbox_dovecot: SandboxDovecot, imap_folder: str
) -> None:
    harbour = "https://commons.wikimedia.org/wiki/" + HARBOUR.replace(" ", "_")
    sandbox_dovecot.deliver(
        [
            release(1, TICKET, HARBOUR),
            mail(2, SECOND, GERMAN_RELEASE.format(files=harbour)),
            mail(3, THIRD, "Thanks!\r\n"),  # too short to tell
        ],
        imap_folder,
    )
    summary = _ingest(store, sandbox_dovecot, imap_folder)
    assert summary.verified == 3

    def language(number: str) -> str | None:
        ticket = store.tickets.get(number, with_evidence=False)
        assert ticket is not None
        return ticket.language

    assert [language(n) for n in (TICKET, SECOND, THIRD)] == ["en", "de", None]

    # A short reply in the German ticket is verified again; the ticket keeps its language.
    sandbox_dovecot.deliver([mail(4, SECOND, "Siehe Anhang.\r\n")], imap_folder)
    again = _ingest(store, sandbox_dovecot, imap_folder)
    assert again.verified == 1
    assert language(SECOND) == "de"
