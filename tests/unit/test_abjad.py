"""Hebrew and Arabic name words against Latin spellings: vowels unwritten, letters of several spellings."""

from __future__ import annotations

import pytest

from verification.statement.abjad import spelled_in_latin


@pytest.mark.parametrize(
    ("word", "latin", "expected"),
    [
        ("רון", "ron", True),
        ("פרידמן", "friedman", True),
        ("כהן", "cohen", True),
        ("ברק", "barak", True),
        ("רינה", "ron", False),  # a written vowel letter (י) needs a Latin vowel there
        ("רון", "rina", False),
        ("יוסי", "yossi", False),  # one consonant says too little
        ("ليلى", "layla", True),
        ("الحداد", "haddad", True),  # the article left out, a doubled letter written once
        ("الحداد", "alhaddad", True),
        ("محمد", "mohammed", True),
        ("محمد", "muhammad", True),
        ("خوري", "khoury", True),
        ("فرح", "fred", False),
        ("سامي", "samir", False),
        ("רון", "", False),
        ("Ron", "ron", False),  # not Hebrew or Arabic
    ],
)
def test_spelled_in_latin(word: str, latin: str, expected: bool) -> None:
    assert spelled_in_latin(word, latin) is expected
