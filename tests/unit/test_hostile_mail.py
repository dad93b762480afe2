"""Hostile mail shapes (issue #6): each is read to a result or to the typed UnreadableMessage, never to
another exception, and the work is bounded where it can be counted. Times are printed by
tests/benchmarks/reading_size.py and tests/fuzz/mutated_mail.py, not asserted here."""

from __future__ import annotations

import dataclasses
import email.utils
import pickle
from typing import Any

import pytest

from bot.config.verifier import load_verifier_settings
from tests.benchmarks.reading_common import PureVerifier
from tests.fuzz.mutated_mail import mutated, seed_mails
from verification.domains import raw_host
from verification.errors import UnreadableMessage, UnreadableReason
from verification.html_text import html_to_text
from verification.model import LicenseProblem, Verdict
from verification.quoting import forwarded_address
from verification.reading import ReadingVocabulary, read_ticket

HEAD = b"From: Jane <jane@example.org>\r\nSubject: [Ticket#2024051410012345] photo\r\n"


def _nested_multiparts(depth: int) -> bytes:
    out = HEAD + b'Content-Type: multipart/mixed; boundary="b0"\r\n\r\n'
    for level in range(depth):
        out += b'--b%d\r\nContent-Type: multipart/mixed; boundary="b%d"\r\n\r\n' % (level, level + 1)
    return out + b"--b%d\r\nContent-Type: text/plain\r\n\r\nhello\r\n" % depth


def _attachment(disposition: bytes) -> bytes:
    return (
        HEAD + b"Content-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\nContent-Type: image/jpeg\r\n"
        b"Content-Disposition: " + disposition + b"\r\n\r\nAAAA\r\n--x--\r\n"
    )


HOSTILE = {
    "rfc2231 unnumbered and numbered filename": _attachment(b"attachment; filename*=a; filename*1=b"),
    "rfc2231 unnumbered and numbered boundary": HEAD
    + b"Content-Type: multipart/mixed; boundary*=a; boundary*1=b\r\n\r\n--ab\r\n\r\nx\r\n--ab--\r\n",
    "rfc2231 unnumbered and numbered charset": HEAD
    + b"Content-Type: text/plain; charset*=a; charset*1=b\r\n\r\nx",
    "rfc2231 non-latin-1 filename": _attachment(b"attachment; filename*=utf-8''\xd0\x96\xe2\x82\xac.jpg"),
    "500 nested inline html tags": HEAD + b"Content-Type: text/html\r\n\r\n" + b"<b>" * 500 + b"x",
    "5000 nested blockquotes": HEAD + b"Content-Type: text/html\r\n\r\n" + b"<blockquote>" * 5000 + b"x",
    "1000 nested multiparts": _nested_multiparts(1000),
    "600 nested parentheses in From": b"From: " + b"(" * 600 + b"jane@example.org\r\nSubject: x\r\n\r\nhi",
    "3000 nested parentheses in Reply-To": HEAD + b"Reply-To: " + b"(" * 3000 + b"a@b.org\r\n\r\nhi",
    "sender with an unbalanced bracket": b"From: http://[x@y.org\r\nSubject: x\r\n\r\nhi",
    "16 KB of capitalised one-letter words": HEAD + b"\r\n" + b"A " * 8192,
    "2000 spaces in the subject": b"From: j@x.org\r\nSubject: Re" + b" " * 2000 + b"x\r\n\r\nhi",
    "2000 spaces in a ticket tag": b"From: j@x.org\r\nSubject: [Ticket#" + b" " * 2000 + b"x\r\n\r\nhi",
    "30000 headers": b"From: j@x.org\r\n" + b"Reply-To: a <a@b.org>\r\n" * 30000 + b"\r\nhi",
    "quoted thread of wikilinks": HEAD + b"\r\n" + b"> [[File:A.jpg]] quoted words\r\n" * 4000,
    "forwarded header line of spaces": HEAD + b"\r\nFrom:" + b" " * 5000 + b"x\r\n",
    "signature line of separators": HEAD + b"\r\nJane" + b" " * 5000 + b",\r\n",
}


@pytest.fixture(scope="module")
def verifier() -> PureVerifier:
    return PureVerifier.build(load_verifier_settings())


@pytest.mark.parametrize("raw", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_shape_reads_to_a_result_or_a_typed_error(verifier: PureVerifier, raw: bytes) -> None:
    reason: UnreadableReason | None = None
    try:
        verifier.verify(raw)
    except UnreadableMessage as error:
        reason = error.reason
    assert reason in {None, *UnreadableReason}


def test_a_thousand_nested_multiparts_are_not_read_but_the_headers_are(verifier: PureVerifier) -> None:
    reading = read_ticket(_nested_multiparts(1000), verifier.settings.reading)
    assert reading.message.ticket == "2024051410012345"
    assert "mime_too_many_parts" in reading.message.defects


def test_text_beyond_the_limit_is_not_read(verifier: PureVerifier) -> None:
    limit = verifier.settings.reading.mail.limits.max_text_bytes
    reading = read_ticket(HEAD + b"\r\n" + b"word " * limit, verifier.settings.reading)
    assert "text_truncated" in reading.message.defects
    assert sum(len(segment.text) for segment in reading.message.segments) <= limit


@pytest.mark.parametrize(
    "filler", [b"A ", b"a. ", b"Foto de A ", b"\xe5\x86\x99"], ids=["A", "a.", "credit", "Han"]
)
def test_a_restriction_past_the_token_cap_is_not_read_and_the_verdict_asks(
    verifier: PureVerifier, filler: bytes
) -> None:
    cap = verifier.settings.reading.mail.limits.max_release_tokens
    release = b"I agree to publish File:Harbour.jpg under CC BY-SA 4.0.\r\n"
    restriction = b"\r\nOnly for use on Wikipedia.\r\n"
    raw = HEAD + b"Content-Type: text/plain; charset=utf-8\r\n\r\n" + release + filler * cap + restriction
    reading = read_ticket(raw, verifier.settings.reading)
    assert "text_truncated" in reading.message.defects
    assert reading.license.spdx == "CC-BY-SA-4.0"  # the restriction was not read...
    suggestion = verifier.verify(raw)
    assert "text_truncated" in {reason.code for reason in suggestion.reasons}  # ...so the verdict asks
    assert suggestion.verdict is not Verdict.CONFIRM


def test_a_release_within_the_token_cap_is_read_whole(verifier: PureVerifier) -> None:
    raw = (
        HEAD
        + b"\r\nI agree to publish File:Harbour.jpg under CC BY-SA 4.0.\r\nOnly for use on Wikipedia.\r\n"
    )
    reading = read_ticket(raw, verifier.settings.reading)
    assert "text_truncated" not in reading.message.defects
    assert reading.license.problem is LicenseProblem.WIKIPEDIA_ONLY


def test_a_reader_failure_is_this_mails_typed_error_without_its_text() -> None:
    vocab = load_verifier_settings().reading
    files: Any = None  # a reader that fails on any mail
    broken = ReadingVocabulary(
        mail=vocab.mail, files=files, licenses=vocab.licenses, statement=vocab.statement
    )
    with pytest.raises(UnreadableMessage) as caught:
        read_ticket(HEAD + b"\r\nsecret words of the holder", broken)
    assert caught.value.reason is UnreadableReason.READER_FAILED
    assert "secret" not in str(caught.value)


def test_deep_html_renders_every_level() -> None:
    assert html_to_text("<b>" * 3000 + "deep").text == "deep"


def test_unbalanced_bracket_in_a_url_is_no_host() -> None:
    assert raw_host("http://[x@y.org") == ""


def test_short_seeded_fuzz_raises_only_typed_errors(verifier: PureVerifier) -> None:
    seeds = seed_mails()
    for number in range(40):
        try:
            verifier.verify(mutated(seeds, 1, number))
        except UnreadableMessage:
            continue


@pytest.mark.parametrize("reason", list(UnreadableReason))
def test_the_typed_error_survives_the_trip_from_a_reading_worker(reason: UnreadableReason) -> None:
    """Reading workers send it back pickled; a lossy pickle breaks the whole process pool."""
    back = pickle.loads(pickle.dumps(UnreadableMessage(reason, "no text of the mail here")))  # noqa: S301
    assert (type(back), back.reason, str(back)) == (UnreadableMessage, reason, "no text of the mail here")


def test_html_past_the_tag_limit_is_not_read(verifier: PureVerifier) -> None:
    limit = verifier.settings.reading.mail.limits.max_html_tags
    html = b"<p>I agree to CC BY-SA 4.0.</p>" + b"<b>" * limit + b"only for Wikipedia"
    raw = HEAD + b"Content-Type: text/html\r\n\r\n" + html
    reading = read_ticket(raw, verifier.settings.reading)
    assert "text_truncated" in reading.message.defects
    assert "Wikipedia" not in reading.message.text()


@pytest.mark.parametrize(
    ("html", "longest"),
    [
        ("<blockquote>" * 3000 + "deep", 2 * 50 + len("deep")),  # quote marks stop at 50 levels
        ("<blockquote>" * 3 + "deep", 2 * 3 + len("deep")),
    ],
    ids=["3000 levels", "3 levels"],
)
def test_deep_blockquotes_are_marked_up_to_fifty_levels(html: str, longest: int) -> None:
    assert max(len(line) for line in html_to_text(html).text.splitlines()) == longest


def test_the_shown_text_of_nested_links_is_bounded() -> None:
    rendered = html_to_text("<a href='https://x.org/'>" * 2000 + "text")
    assert len(rendered.links) == 2000
    assert max(len(link.text) for link in rendered.links) <= 500
    assert rendered.links[0].text == "text"


def test_a_mail_past_the_byte_limit_is_read_in_part(verifier: PureVerifier) -> None:
    vocab = verifier.settings.reading
    limits = dataclasses.replace(vocab.mail.limits, max_message_bytes=200)
    small = dataclasses.replace(vocab, mail=dataclasses.replace(vocab.mail, limits=limits))
    reading = read_ticket(HEAD + b"\r\n" + b"words " * 100, small)
    assert reading.message.ticket == "2024051410012345"
    assert "text_truncated" in reading.message.defects


def test_a_boundary_longer_than_any_rfc_allows_is_not_used(verifier: PureVerifier) -> None:
    boundary = b"a." * 50_000
    raw = (
        HEAD
        + b'Content-Type: multipart/mixed; boundary="'
        + boundary
        + b'"\r\n\r\n--'
        + boundary
        + b"\r\nx\r\n"
    )
    reading = read_ticket(raw, verifier.settings.reading)
    assert "NoBoundaryInMultipartDefect" in reading.message.defects


def test_an_address_after_a_long_run_without_one_is_found() -> None:
    found = forwarded_address("a." * 50_000 + " Ben <ben@x.org>")
    assert found is not None
    assert found.addr == "ben@x.org"


def test_a_long_address_header_is_parsed_only_up_to_the_limit(
    verifier: PureVerifier, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The stdlib's address parser is quadratic on runs like "@@@..." (100 KB took 35 s): it sees at most
    `max_address_chars` of each From or Reply-To value (the work is bounded; time is the fuzzer's)."""
    seen: list[int] = []
    real = email.utils.getaddresses

    def counting(values: list[str]) -> list[tuple[str, str]]:
        seen.extend(len(value) for value in values)
        return real(values)

    monkeypatch.setattr(email.utils, "getaddresses", counting)
    limit = verifier.settings.reading.mail.limits.max_address_chars
    raw = b"From: Piotr <piotr@kowalczyk" + b"@" * 100_000 + b">\r\nSubject: x\r\n\r\nHello\r\n"
    verifier.verify(raw)
    assert seen
    assert max(seen) <= limit


B64_LINE = b"QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0\r\n"  # 78 bytes


def _photo_mail(photo_megabytes: list[int], text_after: int) -> bytes:
    """A multipart mail with base64 photos of these sizes and the release text after photo `text_after`."""
    text = (
        b"--x\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        b"I agree to publish File:Harbour.jpg under CC BY-SA 4.0.\r\n"
    )
    out = HEAD + b'Content-Type: multipart/mixed; boundary="x"\r\n\r\n'
    for number, megabytes in enumerate(photo_megabytes):
        if number == text_after:
            out += text
        out += (
            b'--x\r\nContent-Type: image/jpeg; name="Harbour%d.jpg"\r\nContent-Transfer-Encoding: base64\r\n'
            b'Content-Disposition: attachment; filename="Harbour%d.jpg"\r\n\r\n' % (number, number)
        )
        out += B64_LINE * (megabytes * 1_000_000 // len(B64_LINE))
    return out + (text if text_after >= len(photo_megabytes) else b"") + b"--x--\r\n"


def test_the_text_after_a_20_mb_photo_is_read(verifier: PureVerifier) -> None:
    reading = read_ticket(_photo_mail([20], text_after=1), verifier.settings.reading)
    assert reading.license.spdx == "CC-BY-SA-4.0"
    assert reading.message.attachments == ("Harbour0.jpg",)
    assert "text_truncated" not in reading.message.defects


def _parsed_bytes(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Sizes of the inputs handed to the stdlib's MIME parser from now on."""
    seen: list[int] = []
    real = email.message_from_bytes

    def counting(data: bytes, *args: Any, **kwargs: Any) -> Any:
        seen.append(len(data))
        return real(data, *args, **kwargs)

    monkeypatch.setattr(email, "message_from_bytes", counting)
    return seen


def test_the_parser_sees_only_the_start_of_each_part_of_a_100_mb_mail(
    verifier: PureVerifier, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its cost grows with each line it is given: of five 20 MB photos it sees each one's headers and
    first `max_part_bytes` (the work is bounded; time is the fuzzer's), and the text after the first."""
    seen = _parsed_bytes(monkeypatch)
    raw = _photo_mail([20] * 5, text_after=1)
    assert len(raw) > 100_000_000
    reading = read_ticket(raw, verifier.settings.reading)
    part_bytes = verifier.settings.reading.mail.limits.max_part_bytes
    assert len(seen) == 1
    assert seen[0] <= 6 * part_bytes
    assert reading.license.spdx == "CC-BY-SA-4.0"
    assert "Harbour2.jpg" in reading.message.attachments
    assert "text_truncated" in reading.message.defects  # past max_message_bytes: the rest is not read


def test_a_long_text_part_cut_for_the_parser_is_text_truncated(verifier: PureVerifier) -> None:
    part_bytes = verifier.settings.reading.mail.limits.max_part_bytes
    raw = HEAD + b"\r\nI agree to CC BY-SA 4.0.\r\n" + b"words\r\n" * part_bytes + b"Only for Wikipedia.\r\n"
    reading = read_ticket(raw, verifier.settings.reading)
    assert "text_truncated" in reading.message.defects
    assert "Wikipedia" not in reading.message.text()


def test_the_body_after_a_header_flood_is_read(
    verifier: PureVerifier, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = _parsed_bytes(monkeypatch)
    part_bytes = verifier.settings.reading.mail.limits.max_part_bytes
    flood = b"From: Jane <jane@example.org>\r\n" * (3 * part_bytes // 31)
    raw = HEAD + flood + b"\r\nI agree to publish File:Harbour.jpg under CC BY-SA 4.0.\r\n"
    reading = read_ticket(raw, verifier.settings.reading)
    assert seen[0] <= part_bytes + 100
    assert reading.license.spdx == "CC-BY-SA-4.0"
    assert "headers_truncated" in reading.message.defects


def test_many_address_headers_are_parsed_only_up_to_the_limit_together(
    verifier: PureVerifier, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The stdlib joins the values before parsing, so the cap holds for all of them together."""
    seen: list[int] = []
    real = email.utils.getaddresses

    def counting(values: list[str]) -> list[tuple[str, str]]:
        seen.append(sum(len(value) for value in values))
        return real(values)

    monkeypatch.setattr(email.utils, "getaddresses", counting)
    limit = verifier.settings.reading.mail.limits.max_address_chars
    raw = (b"From: Jane (" + b"x" * 3000 + b") <jane@example.org>\r\n") * 300 + b"Subject: x\r\n\r\nHello\r\n"
    reading = read_ticket(raw, verifier.settings.reading)
    assert reading.message.sender is not None
    assert reading.message.sender.addr == "jane@example.org"
    assert max(seen) <= limit
