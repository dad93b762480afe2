"""`permbot db` and `permbot tickets` against a real database (SQLite and MariaDB)."""

from __future__ import annotations

import json

import pytest

from bot.cli import main
from bot.config.store import DATABASE_URL_VARIABLE
from bot.store import Store, SuggestionUpdate
from verification.model import Reason, Verdict


@pytest.fixture
def configured_url(database_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv(DATABASE_URL_VARIABLE, database_url)
    return database_url


def test_db_status_upgrade_status(configured_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["db", "status"]) == 1
    assert "needs `permbot db upgrade`" in capsys.readouterr().out
    assert main(["db", "upgrade"]) == 0
    assert "upgraded from empty to" in capsys.readouterr().out
    assert main(["db", "upgrade"]) == 0
    assert "already at" in capsys.readouterr().out
    assert main(["db", "status"]) == 0
    assert "up to date" in capsys.readouterr().out


def test_tickets_on_an_unmigrated_database_says_what_to_run(
    configured_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["tickets"]) == 2
    captured = capsys.readouterr()
    assert "run `permbot db upgrade`" in captured.err
    assert "Traceback" not in captured.err


def _two_tickets(url: str) -> None:
    with Store.open(url, migrate_schema=True) as store:
        store.tickets.record_suggestion(
            "2025010110000001",
            SuggestionUpdate(
                Verdict.CONFIRM,
                (Reason("sender_on_site", "jane@example.org is listed", Verdict.CONFIRM),),
                evidence={"private": "jane@example.org"},
                sender="jane@example.org",
                language="de",
            ),
            ["File:A.jpg"],
        )
        store.tickets.record_suggestion(
            "2025010110000002",
            SuggestionUpdate(
                Verdict.ASK_LICENSE, (Reason("license_missing", "no license", Verdict.ASK_LICENSE),)
            ),
        )


def test_tickets_json_lines_carry_nothing_private(
    configured_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _two_tickets(configured_url)
    assert main(["tickets", "--json"]) == 0
    out = capsys.readouterr().out
    records = [json.loads(line) for line in out.splitlines()]
    assert [(r["schema"], r["ticket"], r["verdict"]) for r in records] == [
        ("permbot.tickets/1", "2025010110000001", "confirm"),
        ("permbot.tickets/1", "2025010110000002", "ask_license"),
    ]
    assert records[0]["reasons"] == ["sender_on_site"]
    assert records[0]["files"] == ["File:A.jpg"]
    assert "jane@example.org" not in out


def test_tickets_table_filtered_by_verdict(configured_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    _two_tickets(configured_url)
    assert main(["tickets", "--verdict", "ask_license"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["TICKET", "VERDICT", "AGE", "LANG", "FILES", "REASONS"]
    assert lines[1].split()[:2] == ["2025010110000002", "ask_license"]
    assert lines[-1] == "1 ticket(s); open by verdict: ask_license 1, confirm 1"
