"""What of a raw mail the MIME parser is given: every boundary and part header, each part's start."""

from __future__ import annotations

import pytest

from tests.support.web_fixtures import load_config
from verification.errors import ConfigError
from verification.message import ReadingLimits
from verification.parser_input import parser_input

LIMIT = 80
HEAD = b"From: a@b.org\r\nContent-Type: multipart/mixed; boundary=x\r\n\r\n"
IMAGE = b"--x\r\nContent-Type: image/jpeg; name=a.jpg\r\n\r\n"
TEXT = b"--x\r\nContent-Type: text/plain\r\n\r\nI agree.\r\n--x--\r\n"
LINE = b"QUJDREVGR0hJSktMTU5PUA==\r\n"  # 26 bytes


@pytest.mark.parametrize(
    ("raw", "expected", "headers_cut", "text_cut"),
    [
        (HEAD + IMAGE + LINE + TEXT, HEAD + IMAGE + LINE + TEXT, False, False),
        (HEAD + IMAGE + LINE * 10 + TEXT, HEAD + IMAGE + LINE + TEXT, False, False),
        (
            HEAD + b"--x\r\nContent-Type: image/jpeg;\r\n name=a.jpg\r\n\r\n" + LINE * 10 + TEXT,
            HEAD + b"--x\r\nContent-Type: image/jpeg;\r\n name=a.jpg\r\n\r\n" + LINE + TEXT,
            False,
            False,
        ),
        (
            HEAD + b"--x\r\nContent-Type: text/plain\r\n\r\n" + LINE * 10 + TEXT,
            HEAD + b"--x\r\nContent-Type: text/plain\r\n\r\n" + LINE + TEXT,
            False,
            True,
        ),
        (  # no Content-Type: text/plain by default
            HEAD + b"--x\r\n\r\n" + LINE * 10 + TEXT,
            HEAD + b"--x\r\n\r\n" + LINE + LINE + TEXT,
            False,
            True,
        ),
        (  # two slashes: the stdlib reads it as text/plain
            HEAD + b"--x\r\nContent-Type: image/jpeg/x\r\n\r\n" + LINE * 10 + TEXT,
            HEAD + b"--x\r\nContent-Type: image/jpeg/x\r\n\r\n" + LINE + TEXT,
            False,
            True,
        ),
        (  # a part whose headers do not end within the limit
            HEAD + b"--x\r\n" + b"X-A: b\r\n" * 20 + b"Content-Type: image/png\r\n\r\n" + TEXT,
            HEAD + b"--x\r\n" + b"X-A: b\r\n" * 9 + TEXT,
            False,
            True,
        ),
        (  # the body of a single-part mail, its type in the top headers
            b"From: a@b.org\r\nContent-Type: application/pdf\r\n\r\n" + LINE * 10,
            b"From: a@b.org\r\nContent-Type: application/pdf\r\n\r\n" + LINE * 3,
            False,
            False,
        ),
        (  # a header flood: the top lines are kept, and the body after them
            b"From: a@b.org\r\n" + b"X-A: b\r\n" * 20 + b"\r\nI agree.\r\n",
            b"From: a@b.org\r\n" + b"X-A: b\r\n" * 8 + b"\r\nI agree.\r\n",
            True,
            False,
        ),
        (  # a line past the limit goes whole when the run has ended lines before it
            b"From: a@b.org\r\n\r\n" + b"w" * 100 + b"\r\n" + TEXT,
            b"From: a@b.org\r\n\r\n" + TEXT,
            False,
            True,
        ),
        (  # a run that is one line longer than the limit: the line is cut and ended
            HEAD + b"--y" + b"w" * 100 + b"\r\n" + TEXT,
            HEAD + b"--y" + b"w" * (LIMIT - 3) + b"\n" + TEXT,
            False,
            True,
        ),
        (HEAD + b"--\r\n" * 100, HEAD + b"--\r\n" * 100, False, False),  # many short runs, each kept whole
    ],
    ids=[
        "small mail",
        "long image",
        "folded image type",
        "long text part",
        "long part without type",
        "type with two slashes",
        "part header flood",
        "long single-part pdf",
        "top header flood",
        "long line after a short one",
        "one long line",
        "many short runs",
    ],
)
def test_each_run_keeps_its_start(raw: bytes, expected: bytes, headers_cut: bool, text_cut: bool) -> None:
    result = parser_input(raw, len(raw), LIMIT)
    assert (result.data, result.headers_cut, result.text_cut) == (expected, headers_cut, text_cut)


def test_bytes_past_the_end_are_not_read() -> None:
    raw = b"From: a@b.org\r\n\r\nhello"
    assert parser_input(raw, len(raw) - 2, LIMIT).data == b"From: a@b.org\r\n\r\nhel"


def test_every_boundary_and_part_header_of_a_huge_mail_is_kept() -> None:
    """Ten 1.3 MB images and a text part after them: the text part and every image's headers are there."""
    image = IMAGE + LINE * 50_000
    raw = HEAD + image * 10 + TEXT
    result = parser_input(raw, len(raw), 1 << 20)
    assert result.data.count(IMAGE) == 10
    assert result.data.endswith(TEXT)
    assert len(result.data) <= 10 * (1 << 20) + len(HEAD + TEXT)
    assert not result.text_cut


@pytest.mark.parametrize(
    ("part_bytes", "error"),
    [(4 * 1000, None), (4 * 1000 - 1, "limits.max_part_bytes: expected at least 4 x max_text_bytes")],
    ids=["enough for quoted-printable text", "too small for it"],
)
def test_max_part_bytes_must_hold_the_text_read(part_bytes: int, error: str | None) -> None:
    """A smaller cap would cut text parts before the text reader's own cap, unreported."""
    limits = dict(load_config("mail")["limits"], max_text_bytes=1000, max_part_bytes=part_bytes)
    if error is None:
        assert ReadingLimits.from_mapping(limits).max_part_bytes == part_bytes
    else:
        with pytest.raises(ConfigError, match=error):
            ReadingLimits.from_mapping(limits)
