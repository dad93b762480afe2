"""Name words of the Indian scripts against Latin spellings: one consonant table for the nine blocks."""

from __future__ import annotations

import pytest

from verification.statement.indic import spelled_in_latin


@pytest.mark.parametrize(
    ("word", "latin", "expected"),
    [
        ("মৌমিতা", "moumita", True),  # Bengali
        ("সেন", "sen", True),
        ("मनीष", "manish", True),  # Devanagari
        ("सत्तार", "sattar", True),  # a doubled consonant is written once in Latin, as folded
        ("હાર્દિક", "hardik", True),  # Gujarati
        ("ਹਰਪ੍ਰੀਤ", "harpreet", True),  # Gurmukhi
        ("ਗਿੱਲ", "gill", True),
        ("ರಮೇಶ್", "ramesh", True),  # Kannada
        ("கார்த்திக்", "karthik", True),  # Tamil: one letter for k and g, t and d
        ("ராஜேஷ்", "rakesh", False),
        ("মৌমিতা", "mumbai", False),
        ("सेन", "sunset", False),
        ("मा", "ma", False),  # one consonant says too little
        ("सेन", "", False),
        ("Sen", "sen", False),  # not an Indian script
    ],
)
def test_spelled_in_latin(word: str, latin: str, expected: bool) -> None:
    assert spelled_in_latin(word, latin) is expected
