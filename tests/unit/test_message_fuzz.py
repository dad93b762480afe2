"""Property tests: no input makes parse_message fail with anything but UnreadableMessage.

Queue mail is written by every client on earth; one crashing message must not stop a verifier run. Seeds
are real-looking messages, mangled the ways mail gets mangled: truncation, broken headers and boundaries,
invented charsets and transfer encodings, stray bytes.
"""

from __future__ import annotations

import base64
import re
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from verification.errors import UnreadableMessage
from verification.files import FileVocabulary, find_files
from verification.message import MailVocabulary, parse_message
from verification.model import ParsedMessage
from verification.tickets import validate_ticket_id

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = settings(
    max_examples=200,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

SEEDS = [
    b"From: =?utf-8?q?Am=C3=A9lie?= Faure <amelie@faure.example>\r\n"
    b"Subject: [Ticket#2024051410012353] =?utf-8?b?RmljaGllcg==?= Pont.jpg\r\n"
    b"Date: Tue, 14 May 2024 10:12:00 +0000\r\n"
    b"Authentication-Results: mx1001.wikimedia.org; spf=fail\r\n smtp.mailfrom=faure.example; dmarc=fail\r\n"
    b"Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
    b"Je soussign=C3=A9e, https://commons.wikimedia.org/wiki/File:Pont_Neuf.jpg=\r\n et File:Quai.jpg\r\n"
    b"> Le lun. 13 mai 2024, VRT <p@x.example> a =C3=A9crit :\r\n",
    b"From: Ravi <ravi@menon.example>\r\nSubject: Kingfisher.jpg\r\nMIME-Version: 1.0\r\n"
    b'Content-Type: multipart/alternative; boundary="alt"\r\n\r\n'
    b"--alt\r\nContent-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
    b"Gr\xfc\xdfe, I release it.\r\n"
    b"--alt\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
    + base64.encodebytes(b"<p>I release <a href='https://commons.wikimedia.org/wiki/File:K.jpg'>it</a></p>")
    + b"--alt--\r\n",
    b"From: Sam <sam@mail.example>\r\nSubject: Fwd: permission\r\n"
    b'Content-Type: multipart/mixed; boundary="out"\r\n\r\n'
    b"--out\r\nContent-Type: text/plain\r\n\r\nSee attached.\r\n"
    b"--out\r\nContent-Type: message/rfc822\r\n\r\n"
    b"From: Ben <ben@ortiz.example>\r\nSubject: permission\r\n"
    b'Content-Type: multipart/mixed; boundary="in"\r\n\r\n'
    b"--in\r\nContent-Type: text/plain; charset=koi8-r\r\n\r\n\xf0\xd2\xc9\xd7\xc5\xd4 Datei:Foo.jpg\r\n"
    b"--in\r\nContent-Type: image/jpeg; name*=utf-8''K%C3%B6ln.jpg\r\n"
    b"Content-Transfer-Encoding: base64\r\n\r\n"
    b"/9j/4AAQSkZJRg==\r\n--in--\r\n"
    b"--out--\r\n",
    b"From: Jane <jane@example.org>\r\nSubject: [Ticket#2024051410012345] Re: photo\r\n\r\n"
    b"Yes.\r\n\r\n---------- Forwarded message ---------\r\nFrom: Ann <ann@a.example>\r\n\r\nI agree.\r\n",
]
CHARSETS = [
    "utf-8",
    "iso-8859-1",
    "koi8-r",
    "shift_jis",
    "utf-16",
    "utf-7",
    "x-bogus",
    "",
    '"',
    "utf-8''x",
    "ü",
    # codecs Python knows that are no charsets: they must be refused, not used
    "base64",
    "zlib",
    "rot13",
    "idna",
    "punycode",
    "undefined",
    "unicode_escape",
    "hex",
    "utf-32",
]
ENCODINGS = [
    "base64",
    "quoted-printable",
    "8bit",
    "7bit",
    "binary",
    "x-uuencode",
    "uuencode",
    "bAsE64",
    "",
    "?",
]


@pytest.fixture(scope="module")
def vocab() -> MailVocabulary:
    return MailVocabulary.from_mapping(tomllib.loads((ROOT / "config" / "mail.toml").read_text()))


@pytest.fixture(scope="module")
def file_vocab() -> FileVocabulary:
    return FileVocabulary.from_mapping(tomllib.loads((ROOT / "config" / "files.toml").read_text()))


def check(raw: bytes, vocab: MailVocabulary, file_vocab: FileVocabulary) -> None:
    """Parse; only UnreadableMessage may escape, and a result must be well-formed."""
    try:
        parsed = parse_message(raw, vocab)
    except UnreadableMessage:
        return
    assert isinstance(parsed, ParsedMessage)
    if parsed.ticket is not None:
        assert validate_ticket_id(parsed.ticket) == parsed.ticket
    if parsed.sender is not None:
        assert parsed.sender.addr == parsed.sender.addr.lower()
        assert "@" in parsed.sender.addr
    assert all(segment.text.strip() for segment in parsed.segments)
    assert all(isinstance(link.url, str) for link in parsed.links)
    for title in find_files(parsed.subject, [s.text for s in parsed.segments], parsed.links, file_vocab):
        assert title.startswith("File:")


def _replace_nth(draw: st.DrawFn, raw: bytes, pattern: bytes, new: bytes) -> bytes:
    """Replace one (drawn) match of `pattern` in `raw` with `new`."""
    matches = list(re.finditer(pattern, raw))
    if not matches:
        return raw
    match = matches[draw(st.integers(min_value=0, max_value=len(matches) - 1))]
    return raw[: match.start()] + new + raw[match.end() :]


@st.composite
def mangled(draw: st.DrawFn) -> bytes:
    """A seed message with a few random mutations of the kinds real mail suffers."""
    raw = draw(st.sampled_from(SEEDS))
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        mutation = draw(
            st.sampled_from(
                [
                    "truncate",
                    "insert",
                    "charset",
                    "param-charset",
                    "word-charset",
                    "cte",
                    "boundary",
                    "header",
                    "delete",
                ]
            )
        )
        position = draw(st.integers(min_value=0, max_value=len(raw)))
        if mutation == "truncate":
            raw = raw[:position]
        elif mutation == "insert":
            raw = raw[:position] + draw(st.binary(max_size=40)) + raw[position:]
        elif mutation == "charset":
            raw = _replace_nth(
                draw, raw, rb"(?<=charset=)[^;\r\n]*", draw(st.sampled_from(CHARSETS)).encode()
            )
        elif mutation == "param-charset":
            raw = _replace_nth(
                draw, raw, rb"(?<=\*=)[^'\r\n]*(?='')", draw(st.sampled_from(CHARSETS)).encode()
            )
        elif mutation == "word-charset":
            raw = _replace_nth(
                draw, raw, rb"(?<==\?)[^?]*(?=\?[bBqQ]\?)", draw(st.sampled_from(CHARSETS)).encode()
            )
        elif mutation == "cte":
            new = draw(st.sampled_from(ENCODINGS)).encode()
            raw = raw.replace(
                b"Content-Transfer-Encoding: ", b"Content-Transfer-Encoding: " + new + b"\r\nX-Old: ", 1
            )
        elif mutation == "boundary":
            raw = raw.replace(
                draw(st.sampled_from([b"--alt", b"--in", b"--out", b'"out"', b"--"])), b"--zz", 1
            )
        elif mutation == "header":
            raw = raw.replace(
                b": ", draw(st.sampled_from([b" ", b":", b":\r\n", b": =?utf-8?b?", b"\x00"])), 1
            )
        else:
            raw = raw[:position] + raw[position + draw(st.integers(min_value=1, max_value=30)) :]
    return raw


@given(raw=st.binary(max_size=2000))
@SETTINGS
def test_arbitrary_bytes(vocab: MailVocabulary, file_vocab: FileVocabulary, raw: bytes) -> None:
    check(raw, vocab, file_vocab)


@given(
    raw=st.binary(max_size=400).map(
        lambda body: b"From: a@b.example\r\nContent-Type: multipart/mixed\r\n\r\n" + body
    )
)
@SETTINGS
def test_arbitrary_body_under_headers(vocab: MailVocabulary, file_vocab: FileVocabulary, raw: bytes) -> None:
    check(raw, vocab, file_vocab)


@given(raw=mangled())
@SETTINGS
def test_mangled_mime(vocab: MailVocabulary, file_vocab: FileVocabulary, raw: bytes) -> None:
    check(raw, vocab, file_vocab)


@pytest.mark.parametrize("seed", [pytest.param(s, id=f"seed{i}") for i, s in enumerate(SEEDS)])
def test_seeds_parse_with_content(vocab: MailVocabulary, file_vocab: FileVocabulary, seed: bytes) -> None:
    parsed = parse_message(seed, vocab)
    assert parsed.sender is not None
    assert parsed.segments
