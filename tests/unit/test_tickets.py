"""Ticket numbers: strict validation (the wiki side writes them) and finding them in subject or body."""

from __future__ import annotations

import datetime

import pytest

from verification.tickets import find_ticket_number, split_subject_prefixes, validate_ticket_id


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("2024051410012345", "2024051410012345", id="plain"),
        pytest.param("  2021021010009189\n", "2021021010009189", id="whitespace-stripped"),
        pytest.param("1980010100000001", "1980010100000001", id="first-year"),
        pytest.param("3000123199999999", "3000123199999999", id="last-year"),
        pytest.param("2024022910000000", "2024022910000000", id="leap-day"),
    ],
)
def test_validate_ticket_id_accepts(value: str, expected: str) -> None:
    assert validate_ticket_id(value) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        pytest.param("", "16 digits", id="empty"),
        pytest.param("202405141001234", "16 digits", id="15-digits"),
        pytest.param("20240514100123456", "16 digits", id="17-digits"),
        pytest.param("2024O51410012345", "16 digits", id="letter-o"),
        pytest.param("2024 051410012345", "16 digits", id="inner-space"),
        pytest.param("２０２４０５１４１００１２３４５", "16 digits", id="fullwidth-digits"),
        pytest.param("+024051410012345", "16 digits", id="sign"),
        pytest.param("1979123110012345", "year", id="year-too-early"),
        pytest.param("3001010110012345", "year", id="year-too-late"),
        pytest.param("0000000000000000", "year", id="zeros"),
        pytest.param("2024130110012345", "real date", id="month-13"),
        pytest.param("2024000110012345", "real date", id="month-0"),
        pytest.param("2023022910012345", "real date", id="no-leap-day"),
        pytest.param("2024043110012345", "real date", id="april-31"),
        pytest.param("2024050010012345", "real date", id="day-0"),
    ],
)
def test_validate_ticket_id_rejects(value: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        validate_ticket_id(value)


@pytest.mark.parametrize(
    ("subject", "text", "expected"),
    [
        pytest.param("[Ticket#2024051410012345] Permission", "", "2024051410012345", id="subject-tag"),
        pytest.param("Re: [ticket#2024051410012345]", "", "2024051410012345", id="lower-case"),
        pytest.param("[Ticket# 2024051410012345]", "", "2024051410012345", id="space-after-hash"),
        pytest.param("Permission", "> [Ticket#2023120110000017] old", "2023120110000017", id="quoted-body"),
        pytest.param(
            "[Ticket#2024051410012345]", "Ticket#2023120110000017", "2024051410012345", id="subject-wins"
        ),
        pytest.param(
            "[Ticket#1979051410012345]", "Ticket#2024051410012345", "2024051410012345", id="bad-skip"
        ),
        pytest.param("[Ticket#20240514100123456]", "", None, id="too-long"),
        pytest.param("Permission 2024051410012345", "", None, id="no-hook"),
        pytest.param("", "", None, id="nothing"),
    ],
)
def test_find_ticket_number(subject: str, text: str, expected: str | None) -> None:
    assert find_ticket_number(subject, text) == expected


@pytest.mark.parametrize(
    ("subject", "prefixes", "rest"),
    [
        pytest.param(
            "[Ticket#2024051410012345] Re: Fwd: photo", ("Re", "Fwd"), "photo", id="tag-then-prefixes"
        ),
        pytest.param("AW: WG: Foto.jpg", ("AW", "WG"), "Foto.jpg", id="german"),
        pytest.param("Re[2]: x", ("Re",), "x", id="numbered"),
        pytest.param("TR : photo", ("TR",), "photo", id="french-space"),
        pytest.param("回复：照片", ("回复",), "照片", id="fullwidth-colon"),
        pytest.param("Permission: x.jpg", (), "Permission: x.jpg", id="long-word-not-prefix"),
        pytest.param("Re:", (), "Re:", id="prefix-only"),
    ],
)
def test_split_subject_prefixes(subject: str, prefixes: tuple[str, ...], rest: str) -> None:
    assert split_subject_prefixes(subject) == (prefixes, rest)


TODAY = datetime.date(2025, 3, 18)


@pytest.mark.parametrize(
    ("value", "accepted"),
    [
        pytest.param("2025031810004211", True, id="today"),
        pytest.param("2025031910004211", True, id="tomorrow-time-zone-slack"),
        pytest.param("2025032010004211", False, id="two-days-ahead"),
        pytest.param("2099010110000000", False, id="2099"),
        pytest.param("3000123199999999", False, id="last-year-still-future"),
        pytest.param("2025021410004211", True, id="last-month"),
        pytest.param("1980010100000001", True, id="first-year"),
    ],
)
def test_validate_ticket_id_refuses_dates_after_today(value: str, accepted: bool) -> None:
    if accepted:
        assert validate_ticket_id(value, today=TODAY) == value
    else:
        with pytest.raises(ValueError, match="after today"):
            validate_ticket_id(value, today=TODAY)
