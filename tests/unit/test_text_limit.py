"""The cap on release text, counted in tokens: what is kept, what is cut, and that a cut is recorded."""

from __future__ import annotations

import pytest

from verification.licenses import tokenize
from verification.model import ParsedMessage, Segment, SegmentKind
from verification.statement.words import word_tokens
from verification.text_limit import within_token_limit

OWN, QUOTED, FORWARDED = SegmentKind.OWN, SegmentKind.QUOTED, SegmentKind.FORWARDED


def message(*segments: tuple[SegmentKind, str]) -> ParsedMessage:
    return ParsedMessage(
        ticket=None,
        sender=None,
        reply_to=(),
        date=None,
        subject="",
        message_id=None,
        segments=tuple(Segment(kind, text) for kind, text in segments),
        links=(),
        auth_results=(),
        defects=("charset_guessed",),
    )


CASES: list[tuple[str, list[tuple[SegmentKind, str]], int, list[str]]] = [
    ("within the cap", [(OWN, "I agree to CC BY-SA 4.0.")], 11, ["I agree to CC BY-SA 4.0."]),
    ("cut in own words", [(OWN, "one two three four")], 2, ["one two "]),
    ("marks and numbers count", [(OWN, "a, b 4.0 c")], 4, ["a, b 4"]),
    ("dense text", [(OWN, "A " * 50)], 3, ["A A A "]),
    ("Han characters one by one", [(OWN, "写真撮影者")], 2, ["写真"]),
    ("letters and digits apart", [(OWN, "a1b2c3")], 3, ["a1b"]),
    (
        "forwarded text after own words shares the cap",
        [(OWN, "see below"), (FORWARDED, "only for Wikipedia")],
        3,
        ["see below", "only "],
    ),
    (
        "quoted text is kept whole and not counted",
        [(QUOTED, "> " + "old words " * 20), (OWN, "new words")],
        2,
        ["> " + "old words " * 20, "new words"],
    ),
    ("a segment past the cap is emptied", [(OWN, "one two"), (FORWARDED, "three")], 2, ["one two", ""]),
]


@pytest.mark.parametrize(("segments", "cap", "texts"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_release_text_is_cut_after_the_cap(
    segments: list[tuple[SegmentKind, str]], cap: int, texts: list[str]
) -> None:
    original = message(*segments)
    limited = within_token_limit(original, cap)
    assert [segment.text for segment in limited.segments] == texts
    cut = texts != [text for _, text in segments]
    assert ("text_truncated" in limited.defects) is cut
    assert "charset_guessed" in limited.defects
    assert (limited is original) is not cut


@pytest.mark.parametrize(
    "text", ["A " * 500, "a.a-a'a’b " * 100, "写真 " * 300, "v4.0+x1 " * 200, "l'Arte " * 200]
)
def test_neither_reader_sees_more_tokens_than_the_cap(text: str) -> None:
    limited = within_token_limit(message((OWN, text)), 100)
    kept = limited.segments[0].text
    assert len(tokenize(kept)) <= 100
    assert len(word_tokens(kept)) <= 100
