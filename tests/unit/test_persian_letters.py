"""Persian written with Arabic yeh and kaf (windows-1256 mail) is read in Persian letters; Arabic stays."""

from __future__ import annotations

import pytest

from verification.languages import with_persian_letters


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "فقط براي ويکي‌پديا",  # Arabic yeh, Persian keheh and peh: windows-1256 Persian
            "فقط برای ویکی‌پدیا",
            id="persian-arabic-yeh",
        ),
        pytest.param("استفاده تجاري در پوستر", "استفاده تجاری در پوستر", id="persian-peh-marks-it"),
        pytest.param("مي‌دانم كه اين گواهي", "می‌دانم که این گواهی", id="arabic-kaf-and-alef-maksura"),
        pytest.param(
            "هذه الصورة لي وأنا أوافق على نشرها",  # Arabic: no letter only Persian uses
            "هذه الصورة لي وأنا أوافق على نشرها",
            id="arabic-unchanged",
        ),
        pytest.param(
            "شكرا لكم\n\nاين عکس براي ويکي‌پديا است",
            "شكرا لكم\n\nاین عکس برای ویکی‌پدیا است",
            id="only-the-persian-paragraph",
        ),
        pytest.param("Photo for Wikipedia only", "Photo for Wikipedia only", id="latin-unchanged"),
    ],
)
def test_with_persian_letters(text: str, expected: str) -> None:
    assert with_persian_letters(text) == expected
    assert len(with_persian_letters(text)) == len(text)  # offsets into the text stay valid
