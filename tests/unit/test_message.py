"""Reading ticket mail: headers, charsets, transfer encodings, MIME structure, forwards, the sample corpus."""

from __future__ import annotations

import base64
import json
import quopri
import tomllib
from pathlib import Path

import pytest

from tests.support.pdfs import text_pdf
from verification.errors import ConfigError, UnreadableMessage
from verification.files import FileVocabulary, find_files
from verification.message import MailVocabulary, MessageDefect, decode_bytes, find_urls, parse_message, unflow
from verification.model import Address, Link, ParsedMessage, SegmentKind

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus"
RELEASE = "I agree to publish File:Harbour at dusk.jpg under CC BY-SA 4.0."


@pytest.fixture(scope="module")
def vocab() -> MailVocabulary:
    return MailVocabulary.from_mapping(tomllib.loads((ROOT / "config" / "mail.toml").read_text()))


@pytest.fixture(scope="module")
def file_vocab() -> FileVocabulary:
    return FileVocabulary.from_mapping(tomllib.loads((ROOT / "config" / "files.toml").read_text()))


def mail(
    body: bytes, headers: str = "", *, content_type: str = "text/plain; charset=utf-8", cte: str = "8bit"
) -> bytes:
    """A message with a fixed From/Subject, the given extra headers, content type and transfer encoding."""
    head = (
        "From: Jane Roe <jane@example.org>\r\n"
        "Subject: [Ticket#2024051410012345] Permission\r\n"
        f"{headers}"
        "MIME-Version: 1.0\r\n"
        f"Content-Type: {content_type}\r\n"
        f"Content-Transfer-Encoding: {cte}\r\n\r\n"
    )
    return head.encode("ascii") + body


@pytest.mark.parametrize(
    ("label", "data", "expected", "defects"),
    [
        pytest.param("utf-8", "Grüße aus Köln €".encode(), "Grüße aus Köln €", (), id="utf-8"),
        pytest.param("iso-8859-1", "Grüße aus Köln".encode("latin-1"), "Grüße aus Köln", (), id="iso-8859-1"),
        pytest.param("windows-1252", "“Fête” – 5 €".encode("cp1252"), "“Fête” – 5 €", (), id="windows-1252"),
        pytest.param("iso-8859-1", "l’été".encode("cp1252"), "l’été", (), id="latin1-label-cp1252-bytes"),
        pytest.param("koi8-r", "Привет, мир".encode("koi8-r"), "Привет, мир", (), id="koi8-r"),
        pytest.param("shift_jis", "こんにちは世界".encode("shift_jis"), "こんにちは世界", (), id="shift-jis"),
        pytest.param("iso-2022-jp", "写真の許可".encode("iso-2022-jp"), "写真の許可", (), id="iso-2022-jp"),
        pytest.param("gb2312", "许可使用".encode("gb18030"), "许可使用", (), id="gb2312-label-gbk-bytes"),
        pytest.param(
            "iso-8859-1",
            "Grüße aus Köln".encode(),
            "Grüße aus Köln",
            (MessageDefect.CHARSET_MISMATCH,),
            id="lying-latin1",
        ),
        pytest.param(
            "koi8-r",
            "Grüße".encode(),
            "Grüße",
            (MessageDefect.CHARSET_MISMATCH,),
            id="lying-single-byte-utf8-wins",
        ),
        pytest.param(
            "utf-8",
            "Grüße aus Köln".encode("cp1252"),
            "Grüße aus Köln",
            (MessageDefect.CHARSET_MISMATCH,),
            id="lying-utf8",
        ),
        pytest.param(
            "x-unknown-charset",
            "Grüße".encode(),
            "Grüße",
            (MessageDefect.CHARSET_UNKNOWN,),
            id="unknown-label",
        ),
        pytest.param(
            "base64", b"SGVsbG8=", "SGVsbG8=", (MessageDefect.CHARSET_UNKNOWN,), id="bytes-codec-label"
        ),
        pytest.param(
            "undefined", b"abc", "abc", (MessageDefect.CHARSET_UNKNOWN,), id="undefined-codec-label"
        ),
        pytest.param(
            "idna",
            "Grüße aus Köln".encode("latin-1"),
            "Grüße aus Köln",
            (MessageDefect.CHARSET_MISMATCH,),
            id="idna",
        ),
        pytest.param(None, "Grüße".encode(), "Grüße", (), id="none-utf8"),
        pytest.param(None, "Grüße aus Köln".encode("latin-1"), "Grüße aus Köln", (), id="none-western"),
        pytest.param(
            None,
            "Настоящим я подтверждаю, что являюсь автором фотографии и разрешаю её использование.".encode(
                "koi8-r"
            ),
            "Настоящим я подтверждаю, что являюсь автором фотографии и разрешаю её использование.",
            (MessageDefect.CHARSET_GUESSED,),
            id="none-detected-cyrillic",
        ),
        pytest.param(None, b"plain ascii", "plain ascii", (), id="none-ascii"),
        pytest.param("utf-8", b"\xef\xbb\xbfBOM", "BOM", (), id="utf-8-bom"),
        # windows-1258 writes tone marks as combining characters: composed, "chỉ" is the word lists' "chỉ"
        pytest.param(
            "windows-1258",
            b"chi\xd2 \xf0\xfd\xf5\xf2c phe\xecp",  # "chi" and a combining hook above, "ơ" and a dot below, …
            "chỉ được phép",
            (),
            id="cp1258-composed",
        ),
    ],
)
def test_decode_bytes(
    label: str | None, data: bytes, expected: str, defects: tuple[MessageDefect, ...]
) -> None:
    decoded = decode_bytes(data, label, {"iso-8859-1": "cp1252", "gb2312": "gb18030"})
    assert decoded.text == expected
    assert decoded.defects == defects


@pytest.mark.parametrize(
    ("content_type", "cte", "body", "expected"),
    [
        pytest.param("text/plain; charset=utf-8", "8bit", "Grüße, Köln".encode(), "Grüße, Köln", id="8bit"),
        pytest.param("text/plain; charset=utf-8", "7bit", b"plain", "plain", id="7bit"),
        pytest.param(
            "text/plain; charset=utf-8",
            "quoted-printable",
            quopri.encodestring("Grüße, a long line that the encoder must wrap softly, Köln".encode() * 3),
            "Grüße, a long line that the encoder must wrap softly, Köln" * 3,
            id="quoted-printable",
        ),
        pytest.param(
            "text/plain; charset=iso-8859-1",
            "base64",
            base64.encodebytes("Grüße, Köln".encode("latin-1")),
            "Grüße, Köln",
            id="base64-latin1",
        ),
        pytest.param(
            'text/plain; charset="koi8-r"',
            "base64",
            base64.encodebytes("Привет".encode("koi8-r")),
            "Привет",
            id="b64-koi8",
        ),
        pytest.param("text/plain; charset=utf-8", "x-unknown", "Grüße".encode(), "Grüße", id="unknown-cte"),
        pytest.param(
            "text/plain; charset=utf-8", "BASE64", b"SGVsbG8gd29ybGQ", "Hello world", id="b64-missing-pad"
        ),
        pytest.param("text/plain", "8bit", "Grüße".encode(), "Grüße", id="no-charset-param"),
        pytest.param("text", "8bit", b"Hello", "Hello", id="broken-content-type"),
    ],
)
def test_transfer_encodings(
    vocab: MailVocabulary, content_type: str, cte: str, body: bytes, expected: str
) -> None:
    parsed = parse_message(mail(body, content_type=content_type, cte=cte), vocab)
    assert parsed.text() == expected


def test_single_text_part_marked_attachment_is_still_the_body(vocab: MailVocabulary) -> None:
    raw = mail(RELEASE.encode(), "Content-Disposition: attachment; filename=release.txt\r\n")
    parsed = parse_message(raw, vocab)
    assert parsed.text() == RELEASE
    assert parsed.attachments == ()


def test_base64_garbage_degrades(vocab: MailVocabulary) -> None:
    parsed = parse_message(mail(b"!!!not base64 at all***\r\n====\r\n", cte="base64"), vocab)
    assert isinstance(parsed, ParsedMessage)
    assert parsed.ticket == "2024051410012345"
    assert parsed.defects  # the stdlib's base64 defect is recorded


@pytest.mark.parametrize(
    ("from_header", "sender"),
    [
        pytest.param(
            "Jane Roe <Jane@Example.ORG>", Address("jane@example.org", "Jane Roe"), id="plain-lowercased"
        ),
        pytest.param(
            "=?utf-8?q?Am=C3=A9lie?= Faure <a@x.fr>", Address("a@x.fr", "Amélie Faure"), id="rfc2047-q"
        ),
        pytest.param("=?UTF-8?B?QW3DqWxpZQ==?= <a@x.fr>", Address("a@x.fr", "Amélie"), id="rfc2047-b"),
        pytest.param(
            "=?utf-8?b?QW3D?= =?utf-8?b?qWxpZQ==?= <a@x.fr>",
            Address("a@x.fr", "Amélie"),
            id="split-multibyte",
        ),
        pytest.param(
            "=?iso-8859-1?q?J=FCrgen_M=FCller?= <j@x.de>", Address("j@x.de", "Jürgen Müller"), id="latin1-q"
        ),
        pytest.param("=?koi8-r?b?8NLJ18XU?= <i@x.ru>", Address("i@x.ru", "Привет"), id="koi8-r-b"),
        pytest.param(
            '"Roe, Jane" <jane@example.org>', Address("jane@example.org", "Roe, Jane"), id="quoted-comma"
        ),
        pytest.param(
            "jane@example.org (Jane Roe)", Address("jane@example.org", "Jane Roe"), id="comment-name"
        ),
        pytest.param(
            "=?x-bogus?q?Jane?= <jane@example.org>", Address("jane@example.org", "Jane"), id="bogus-charset"
        ),
        pytest.param(
            "=?utf-8?b?!!!?= <jane@example.org>", Address("jane@example.org", ""), id="garbage-b64-word"
        ),
    ],
)
def test_sender(vocab: MailVocabulary, from_header: str, sender: Address) -> None:
    raw = f"From: {from_header}\r\nSubject: x\r\n\r\nbody\r\n".encode()
    assert parse_message(raw, vocab).sender == sender


def test_raw_8bit_header(vocab: MailVocabulary) -> None:
    raw = "From: Jürgen Müller <j@x.de>\r\nSubject: Grüße Datei:Köln.jpg\r\n\r\nbody\r\n".encode()
    parsed = parse_message(raw, vocab)
    assert parsed.sender == Address("j@x.de", "Jürgen Müller")
    assert parsed.subject == "Grüße Datei:Köln.jpg"


def test_headers(vocab: MailVocabulary) -> None:
    raw = (
        b"From: Jane <jane@example.org>\r\n"
        b"Reply-To: Other <Other@Elsewhere.example>, third@example.net\r\n"
        b"Subject: =?utf-8?q?Freigabe_f=C3=BCr?=\r\n =?utf-8?q?_=5BTicket#2024051410012345=5D?=\r\n"
        b"Date: Tue, 14 May 2024 10:12:00 +0200\r\n"
        b"Message-ID: <abc@mail.example>\r\n"
        b"\r\nbody\r\n"
    )
    parsed = parse_message(raw, vocab)
    assert parsed.reply_to == (Address("other@elsewhere.example", "Other"), Address("third@example.net", ""))
    assert parsed.subject == "Freigabe für [Ticket#2024051410012345]"
    assert parsed.ticket == "2024051410012345"
    assert parsed.date == "2024-05-14T10:12:00+02:00"
    assert parsed.message_id == "<abc@mail.example>"
    assert parsed.defects == ()


@pytest.mark.parametrize(
    ("date", "iso", "defects"),
    [
        pytest.param("Tue, 14 May 2024 10:12:00 +0000", "2024-05-14T10:12:00+00:00", (), id="rfc5322"),
        pytest.param("14 May 2024 10:12 -0500", "2024-05-14T10:12:00-05:00", (), id="no-weekday-no-seconds"),
        pytest.param("Tue, 14 May 24 10:12:00 GMT", "2024-05-14T10:12:00+00:00", (), id="two-digit-year"),
        pytest.param("yesterday", None, (MessageDefect.DATE_UNPARSABLE,), id="prose"),
        pytest.param(
            "Tue, 31 Feb 2024 10:12:00 +0000", None, (MessageDefect.DATE_UNPARSABLE,), id="no-such-day"
        ),
        pytest.param(
            "Tue, 14 May 2024 10:12:00 +9900", None, (MessageDefect.DATE_UNPARSABLE,), id="bad-offset"
        ),
    ],
)
def test_date(vocab: MailVocabulary, date: str, iso: str | None, defects: tuple[MessageDefect, ...]) -> None:
    parsed = parse_message(mail(b"x", f"Date: {date}\r\n"), vocab)
    assert parsed.date == iso
    assert parsed.defects == defects


LIST_HEADERS = (
    "List-Id: Members <members.lists.club.example>\r\n"
    "List-Post: <mailto:members@lists.club.example>\r\n"
    "List-Unsubscribe: <mailto:members-leave@lists.club.example>\r\n"
)
LIST_FOOTER = (
    "_______________________________________________\n"
    "Members mailing list -- members@lists.club.example\n"
    "To unsubscribe send an email to members-leave@lists.club.example\n"
    "Pictures shared here may not be used outside the club without the photographer's permission.\n"
)


@pytest.mark.parametrize(
    ("headers", "tail", "cut"),
    [
        pytest.param(LIST_HEADERS, LIST_FOOTER, True, id="mailman-footer"),
        pytest.param("", LIST_FOOTER, False, id="no-list-headers"),
        # a line of underscores in the sender's own words, the list named nowhere after it
        pytest.param(LIST_HEADERS, "__________\nOnly for Wikipedia, please.\n", False, id="own-rule"),
    ],
)
def test_mailing_list_footer(vocab: MailVocabulary, headers: str, tail: str, cut: bool) -> None:
    body = "I release File:Harbour.jpg under CC BY 4.0.\n\nJane Roe\n" + tail
    text = parse_message(mail(body.encode(), headers), vocab).text()
    assert ("photographer's permission" not in text and "Only for" not in text) is cut
    assert "CC BY 4.0" in text
    assert "Jane Roe" in text


def test_missing_from_is_a_defect_not_an_error(vocab: MailVocabulary) -> None:
    parsed = parse_message(b"Subject: [Ticket#2024051410012345]\r\n\r\nhello\r\n", vocab)
    assert parsed.sender is None
    assert MessageDefect.FROM_MISSING in parsed.defects
    assert parsed.ticket == "2024051410012345"


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param(b"", id="empty"),
        pytest.param(b" \r\n\t\r\n", id="blank"),
        pytest.param(b"just some text without any header\r\n\r\nmore\r\n", id="no-header"),
        pytest.param(b"\x00\x01\x02\xff\xfe", id="binary"),
    ],
)
def test_unreadable(vocab: MailVocabulary, raw: bytes) -> None:
    with pytest.raises(UnreadableMessage):
        parse_message(raw, vocab)


ALTERNATIVE = (
    b'Content-Type: multipart/alternative; boundary="b1"\r\n\r\n'
    b"--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
    b"I release File:Harbour at dusk.jpg, see https://example.org/about.\r\n"
    b"--b1\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
    b"<p>I release <a href='https://commons.wikimedia.org/wiki/File:Harbour_at_dusk.jpg'>this</a></p>\r\n"
    b"--b1--\r\n"
)


def test_alternative_prefers_plain_but_keeps_html_links(vocab: MailVocabulary) -> None:
    parsed = parse_message(b"From: a@example.org\r\nMIME-Version: 1.0\r\n" + ALTERNATIVE, vocab)
    assert parsed.text() == "I release File:Harbour at dusk.jpg, see https://example.org/about."
    assert parsed.links == (
        Link("https://commons.wikimedia.org/wiki/File:Harbour_at_dusk.jpg", "this"),
        Link("https://example.org/about"),
    )


PLAIN_LINK = Link("https://example.org/about")


@pytest.mark.parametrize(
    ("html", "links", "truncated"),
    [
        (
            "<p>I release <A HREF='https://x.org/a'>this</A></p>",
            (Link("https://x.org/a", "this"), PLAIN_LINK),
            False,
        ),
        (
            "<p>I release <a hReF=https://x.org/b>it</a></p>",
            (Link("https://x.org/b", "it"), PLAIN_LINK),
            False,
        ),
        ("<p>I release it, see https://x.org/c</p>", (PLAIN_LINK,), False),
        ("<p>I release it</p>" + "<br>" * 10_001, (PLAIN_LINK,), True),
    ],
)
def test_html_twin_after_plain_gives_links_and_defects(
    vocab: MailVocabulary, html: str, links: tuple[Link, ...], truncated: bool
) -> None:
    """The plain text is chosen; its HTML twin still gives its links (whatever the case of "href") and
    its defects, also when it is not rendered for holding no link."""
    raw = ALTERNATIVE.replace(
        b"<p>I release <a href='https://commons.wikimedia.org/wiki/File:Harbour_at_dusk.jpg'>this</a></p>",
        html.encode(),
    )
    parsed = parse_message(b"From: a@example.org\r\n" + raw, vocab)
    assert parsed.text() == "I release File:Harbour at dusk.jpg, see https://example.org/about."
    assert parsed.links == links
    assert (MessageDefect.TEXT_TRUNCATED in parsed.defects) is truncated


def test_alternative_with_empty_plain_uses_html(vocab: MailVocabulary) -> None:
    raw = ALTERNATIVE.replace(b"I release File:Harbour at dusk.jpg, see https://example.org/about.", b" ")
    parsed = parse_message(b"From: a@example.org\r\n" + raw, vocab)
    assert parsed.text() == "I release this <https://commons.wikimedia.org/wiki/File:Harbour_at_dusk.jpg>"


def _plain_and_html_twins(html: str) -> bytes:
    """The alternative mail with "under CC BY-SA 4.0 CC0 1.0" as its plain part and `html` as its HTML."""
    return ALTERNATIVE.replace(
        b"I release File:Harbour at dusk.jpg, see https://example.org/about.", b"under CC BY-SA 4.0 CC0 1.0"
    ).replace(
        b"<p>I release <a href='https://commons.wikimedia.org/wiki/File:Harbour_at_dusk.jpg'>this</a></p>",
        html.encode(),
    )


@pytest.mark.parametrize(
    ("opening", "closing"),
    [("<del>", "</del>"), ("<S>", "</S>"), ("<strike style='x'>", "</strike>")],
    ids=["del", "s-upper-case", "strike-with-attribute"],
)
def test_struck_html_twin_is_read_instead_of_plain(vocab: MailVocabulary, opening: str, closing: str) -> None:
    """A plain twin shows struck-through words as if they were said: the HTML, without them, is read."""
    raw = _plain_and_html_twins(f"<p>under {opening}CC BY-SA 4.0{closing} CC0 1.0</p>")
    assert parse_message(b"From: a@example.org\r\n" + raw, vocab).text() == "under CC0 1.0"


def test_html_twin_without_struck_words_keeps_the_plain_part(vocab: MailVocabulary) -> None:
    """Near miss: other inline tags strike nothing, and the plain part is read as usual."""
    raw = _plain_and_html_twins("<p>under <span>CC BY-SA 4.0</span> <strong>CC0 1.0</strong></p>")
    assert parse_message(b"From: a@example.org\r\n" + raw, vocab).text() == "under CC BY-SA 4.0 CC0 1.0"


def test_html_only_keeps_links_and_blockquotes(vocab: MailVocabulary) -> None:
    html = (
        "<html><body><p>Ich stimme zu: <a href='https://commons.wikimedia.org/wiki/Datei:K%C3%B6ln.jpg'>Köln</a>"
        "</p><blockquote>Bitte bestätigen Sie die Lizenz.</blockquote></body></html>"
    )
    parsed = parse_message(
        mail(html.encode("latin-1", "xmlcharrefreplace"), content_type="text/html; charset=iso-8859-1"), vocab
    )
    assert [s.kind for s in parsed.segments] == [SegmentKind.OWN, SegmentKind.QUOTED]
    assert "Köln <https://commons.wikimedia.org/wiki/Datei:K%C3%B6ln.jpg>" in parsed.segments[0].text
    assert parsed.links[0] == Link("https://commons.wikimedia.org/wiki/Datei:K%C3%B6ln.jpg", "Köln")
    assert len(parsed.links) == 1


def test_attachments_and_mixed_text(vocab: MailVocabulary) -> None:
    raw = (
        b"From: a@example.org\r\nContent-Type: multipart/mixed; boundary=XX\r\n\r\n"
        b"--XX\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nFirst part.\r\n"
        b"--XX\r\nContent-Type: image/jpeg\r\n"
        b"Content-Disposition: attachment; filename*=utf-8''Foto%20K%C3%B6ln.jpg\r\n"
        b"Content-Transfer-Encoding: base64\r\n\r\n/9j/4AAQ\r\n"
        b'--XX\r\nContent-Type: application/pdf; name="=?utf-8?q?Vollmacht_f=C3=BCr.pdf?="\r\n\r\n%PDF\r\n'
        b"--XX\r\nContent-Type: image/png\r\n\r\nPNG\r\n"
        b"--XX\r\nContent-Type: image/gif\r\n"
        b"Content-Disposition: inline; filename*=idna''Caf%C3%A9.gif\r\n\r\nG\r\n"
        b'--XX\r\nContent-Type: image/tiff; name="R\xc3\xa9sum\xc3\xa9 raw.tif"\r\n\r\nT\r\n'
        b"--XX\r\nContent-Type: text/plain\r\nContent-Disposition: attachment; filename=notes.txt\r\n\r\n"
        b"The attached statement.\r\n"
        b"--XX\r\nContent-Type: text/html\r\nContent-Disposition: attachment; filename=page.html\r\n\r\n"
        b"<p>not body</p>\r\n"
        b"--XX\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nSecond part.\r\n"
        b"--XX--\r\n"
    )
    parsed = parse_message(raw, vocab)
    assert parsed.attachments == (
        "Foto Köln.jpg",
        "Vollmacht für.pdf",
        "image/png",
        "Café.gif",
        "Résumé raw.tif",
        "notes.txt",
        "page.html",
    )
    # a plain text attachment may be the signed statement the mail points to; an HTML one is a file
    assert parsed.text() == "First part.\n\nThe attached statement.\n\nSecond part."


def test_text_attachment_after_a_quote_is_the_senders_own(vocab: MailVocabulary) -> None:
    """A reply whose body ends with the agent's mail quoted by Outlook (no marks on its lines) and a
    statement attached as text: the attachment is what the sender sends, not the rest of the quote."""
    raw = (
        b"From: a@example.org\r\nContent-Type: multipart/mixed; boundary=XX\r\n\r\n"
        b"--XX\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nThe statement is attached.\r\n\r\n"
        b"-----Original Message-----\r\nFrom: VRT <permissions@wikimedia.example>\r\n"
        b"Sent: Monday\r\nSubject: Re: photo\r\n\r\nWho holds the rights?\r\n"
        b"--XX\r\nContent-Type: text/plain\r\nContent-Disposition: attachment; filename=statement.txt\r\n\r\n"
        b"I publish File:Como.jpg under CC BY-SA 4.0.\r\n"
        b"--XX--\r\n"
    )
    parsed = parse_message(raw, vocab)
    assert [segment.kind for segment in parsed.segments] == [
        SegmentKind.OWN,
        SegmentKind.QUOTED,
        SegmentKind.OWN,
    ]
    assert parsed.segments[-1].text == "I publish File:Como.jpg under CC BY-SA 4.0."


TEN_PAGES = "\n\n".join([RELEASE] + ["More."] * 9)


def _with_pdf(pdf: bytes, content_type: str = "application/pdf", name: str = "Verklaring.pdf") -> bytes:
    return (
        b"From: a@example.org\r\nContent-Type: multipart/mixed; boundary=XX\r\n\r\n"
        b"--XX\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nThe signed statement is attached.\r\n"
        + f"--XX\r\nContent-Type: {content_type}\r\n".encode()
        + f"Content-Disposition: attachment; filename={name}\r\n".encode()
        + b"Content-Transfer-Encoding: base64\r\n\r\n"
        + base64.encodebytes(pdf).replace(b"\n", b"\r\n")
        + b"--XX--\r\n"
    )


@pytest.mark.parametrize(
    ("pdf", "content_type", "text", "truncated"),
    [
        (text_pdf([[RELEASE]]), "application/pdf", RELEASE, False),
        (text_pdf([[RELEASE]]), "application/octet-stream", RELEASE, False),
        (
            text_pdf([[RELEASE]] + [["More."]] * 10),
            "application/pdf",
            "\n\n".join([RELEASE] + ["More."] * 9),
            True,
        ),
        (text_pdf([[RELEASE]], end_marker=False), "application/pdf", "", False),
        (text_pdf([[]]), "application/pdf", "", False),
        (b"%PDF-1.4 broken\n%%EOF", "application/pdf", "", False),
    ],
    ids=["a PDF", "a PDF sent as octet-stream", "more pages than read", "cut short", "a scan", "broken"],
)
def test_pdf_attachment_text_is_read_after_the_body(
    vocab: MailVocabulary, pdf: bytes, content_type: str, text: str, truncated: bool
) -> None:
    """A statement attached as a PDF counts like one pasted in; a PDF that cannot be read whole adds
    nothing, and pages left unread keep the mail from confirming."""
    parsed = parse_message(_with_pdf(pdf, content_type), vocab)
    assert parsed.attachments == ("Verklaring.pdf",)
    assert parsed.text() == "\n\n".join(filter(None, ["The signed statement is attached.", text]))
    assert (MessageDefect.TEXT_TRUNCATED in parsed.defects) is truncated


FORWARD = (
    b"From: Sam <uploader.sam@mail.example>\r\nSubject: [Ticket#2024051410012354] Fwd: permission\r\n"
    b"Content-Type: multipart/mixed; boundary=OUT\r\n\r\n"
    b"--OUT\r\nContent-Type: text/plain\r\n\r\nThe photographer sent me this.\r\n"
    b"--OUT\r\nContent-Type: message/rfc822\r\n\r\n"
    b"From: =?utf-8?q?Be=C3=B1at?= <Ben@Ortiz.example>\r\nDate: Mon, 13 May 2024 09:00:00 +0000\r\n"
    b"Subject: File:Desert bloom.jpg\r\nContent-Type: text/plain; charset=iso-8859-1\r\n\r\n"
    b"I, Ben Ortiz, release it under CC BY-SA 4.0. Se\xf1or.\r\n"
    b"> an old quote inside the forward\r\n"
    b"--OUT--\r\n"
)


def test_attached_message_becomes_forwarded_segment(vocab: MailVocabulary) -> None:
    parsed = parse_message(FORWARD, vocab)
    assert [s.kind for s in parsed.segments] == [SegmentKind.OWN, SegmentKind.FORWARDED]
    forwarded = parsed.segments[1]
    assert forwarded.forwarded_from == Address("ben@ortiz.example", "Beñat")
    assert forwarded.text.startswith("From: Beñat <Ben@Ortiz.example>\nDate: Mon, 13 May 2024")
    assert "Subject: File:Desert bloom.jpg" in forwarded.text
    assert "Señor." in forwarded.text
    assert "> an old quote inside the forward" in forwarded.text
    assert parsed.sender == Address("uploader.sam@mail.example", "Sam")


def test_base64_attached_message_and_nesting(vocab: MailVocabulary) -> None:
    inner = b"From: Ann <ann@a.example>\r\nSubject: inner\r\n\r\nInner release text.\r\n"
    middle = (
        b"From: Ben <ben@b.example>\r\nContent-Type: multipart/mixed; boundary=M\r\n\r\n"
        b"--M\r\nContent-Type: text/plain\r\n\r\nBen's note.\r\n"
        b"--M\r\nContent-Type: message/rfc822\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        + base64.encodebytes(inner)
        + b"--M--\r\n"
    )
    raw = mail(middle, content_type="message/rfc822", cte="7bit")
    parsed = parse_message(raw, vocab)
    senders = [(s.kind, s.forwarded_from.addr if s.forwarded_from else None) for s in parsed.segments]
    assert senders == [(SegmentKind.FORWARDED, "ben@b.example"), (SegmentKind.FORWARDED, "ann@a.example")]
    assert "Inner release text." in parsed.segments[1].text


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        pytest.param(
            b"--zz\r\nContent-Type: text/plain\r\n\r\nHello\r\n", "multipart/mixed", id="no-boundary-param"
        ),
        pytest.param(b"no parts here\r\n", 'multipart/mixed; boundary="zz"', id="boundary-never-starts"),
        pytest.param(
            b"--zz\r\nContent-Type: text/plain\r\n\r\nHello\r\n",
            'multipart/mixed; boundary="zz"',
            id="unclosed",
        ),
        pytest.param(b"garbage", "message/rfc822", id="rfc822-without-message"),
        pytest.param(b"", "message/rfc822", id="rfc822-empty"),
        pytest.param(b"Hello", 'text/plain; charset="utf-8; format=flowed', id="unbalanced-quote-param"),
        pytest.param(b"Hello", "text/plain; charset*=x-bogus''%FF%FE", id="rfc2231-bogus-charset"),
    ],
)
def test_broken_mime_degrades_with_defects(vocab: MailVocabulary, body: bytes, content_type: str) -> None:
    parsed = parse_message(mail(body, content_type=content_type), vocab)
    assert parsed.ticket == "2024051410012345"
    assert parsed.sender == Address("jane@example.org", "Jane Roe")


def test_missing_boundary_records_defect(vocab: MailVocabulary) -> None:
    parsed = parse_message(mail(b"Hello", content_type="multipart/mixed"), vocab)
    assert "NoBoundaryInMultipartDefect" in parsed.defects
    assert "Hello" in parsed.text()


def test_too_deep_nesting_is_cut(vocab: MailVocabulary) -> None:
    depth = vocab.max_mime_depth + 5
    body = b"".join(
        f"--b{i}\r\nContent-Type: multipart/mixed; boundary=b{i + 1}\r\n\r\n".encode() for i in range(depth)
    )
    body += b"--b%d\r\nContent-Type: text/plain\r\n\r\ndeep\r\n" % depth
    parsed = parse_message(mail(body, content_type="multipart/mixed; boundary=b0"), vocab)
    assert MessageDefect.MIME_TOO_DEEP in parsed.defects
    assert parsed.text() == ""


def test_authentication_results(vocab: MailVocabulary) -> None:
    headers = (
        "Authentication-Results: mx1001.wikimedia.org; spf=fail\r\n"
        " smtp.mailfrom=example.org; dkim=none; dmarc=fail header.from=example.org\r\n"
        "Authentication-Results: this is (not valid\r\n"
        "Authentication-Results: relay.example.net; dmarc=pass\r\n"
    )
    parsed = parse_message(mail(b"x", headers), vocab)
    assert [(h.authserv_id, h.trusted) for h in parsed.auth_results] == [
        ("mx1001.wikimedia.org", True),
        ("relay.example.net", False),
    ]
    assert [r.method for r in parsed.auth_results[0].results] == ["spf", "dkim", "dmarc"]
    assert "auth_results_malformed" in parsed.defects


def test_inline_forward_and_reply_segments(vocab: MailVocabulary) -> None:
    body = (
        "Hier die Freigabe des Fotografen.\r\n\r\n"
        "-------- Weitergeleitete Nachricht --------\r\n"
        "Betreff: Foto\r\nDatum: 13.05.2024\r\nVon: Ben Ortiz <ben@ortiz.example>\r\n"
        "An: sam@x.example\r\n\r\n"
        f"{RELEASE}\r\n"
    ).encode()
    parsed = parse_message(mail(body, content_type="text/plain; charset=utf-8"), vocab)
    assert [s.kind for s in parsed.segments] == [SegmentKind.OWN, SegmentKind.FORWARDED]
    assert parsed.segments[1].forwarded_from == Address("ben@ortiz.example", "Ben Ortiz")
    assert parsed.text(SegmentKind.OWN) == "Hier die Freigabe des Fotografen."


@pytest.mark.parametrize(
    ("text", "urls"),
    [
        pytest.param("see https://example.org.", ("https://example.org",), id="trailing-dot"),
        pytest.param("(https://example.org/a)", ("https://example.org/a",), id="wrapping-parens"),
        pytest.param(
            "https://commons.wikimedia.org/wiki/File:Foo_(bar).jpg, thanks",
            ("https://commons.wikimedia.org/wiki/File:Foo_(bar).jpg",),
            id="balanced-parens-kept",
        ),
        pytest.param(
            "(https://commons.wikimedia.org/wiki/File:Foo_(bar).jpg).",
            ("https://commons.wikimedia.org/wiki/File:Foo_(bar).jpg",),
            id="balanced-inside-wrapping",
        ),
        pytest.param(
            "<https://example.org/x?a=1&b=2>", ("https://example.org/x?a=1&b=2",), id="angle-brackets"
        ),
        pytest.param("HTTP://Example.org/é'", ("HTTP://Example.org/é",), id="case-iri-quote"),
        pytest.param("“https://example.org/a”", ("https://example.org/a",), id="curly-quotes"),
        pytest.param("«https://example.org/a», thanks", ("https://example.org/a",), id="guillemets"),
        pytest.param("https:// nothing, ftp://x.org, www.example.org", (), id="not-urls"),
        pytest.param("http://x and https://a.b", ("http://x", "https://a.b"), id="short-hosts"),
        pytest.param(
            "https://example.org/a_(b)" + ").]}" * 3000 + ".",
            ("https://example.org/a_(b)",),
            id="long-run-of-closing-brackets",
        ),
    ],
)
def test_find_urls(text: str, urls: tuple[str, ...]) -> None:
    assert tuple(span.url for span in find_urls(text)) == urls


@pytest.mark.parametrize(
    ("change", "key"),
    [
        pytest.param({"trusted_authserv_ids": "wikimedia.org"}, "trusted_authserv_ids", id="not-a-list"),
        pytest.param({"max_mime_depth": 0}, "max_mime_depth", id="depth-zero"),
        pytest.param({"max_mime_depth": True}, "max_mime_depth", id="depth-bool"),
        pytest.param({"charset_aliases": {"x": "no-such-codec"}}, "charset_aliases.x", id="bad-codec"),
        pytest.param({"quoting": None}, "quoting", id="no-quoting-table"),
    ],
)
def test_config_errors_name_the_key(change: dict[str, object], key: str) -> None:
    data = tomllib.loads((ROOT / "config" / "mail.toml").read_text()) | change
    with pytest.raises(ConfigError, match=key):
        MailVocabulary.from_mapping(data)


CASES = sorted(p for p in CORPUS.glob("*/message.eml")) if CORPUS.is_dir() else []


@pytest.mark.skipif(not CASES, reason="the shared sample corpus is not beside the checkout")
@pytest.mark.parametrize("path", [pytest.param(p, id=p.parent.name) for p in CASES])
def test_sample_corpus(vocab: MailVocabulary, file_vocab: FileVocabulary, path: Path) -> None:
    expected = json.loads((path.parent / "expected.json").read_text())
    parsed = parse_message(path.read_bytes(), vocab)
    files = find_files(parsed.subject, [s.text for s in parsed.segments], parsed.links, file_vocab)
    assert parsed.ticket == expected["ticket"]
    assert parsed.sender is not None
    assert parsed.sender.addr == expected["sender"]
    assert sorted(files) == sorted(expected["files"])


@pytest.mark.parametrize(
    ("text", "delsp", "expected"),
    [
        pytest.param(
            "File:A long \r\nname.jpg\r\nnext", False, "File:A long name.jpg\nnext", id="soft-break"
        ),
        pytest.param("abc\r\n de f \r\ng", True, "abc\nde fg", id="delsp-and-space-stuffing"),
        pytest.param(
            "> quoted flows \r\n> on\r\nown", False, "> quoted flows on\nown", id="quoted-paragraph"
        ),
        pytest.param("> ends flowed \r\nown line", False, "> ends flowed \nown line", id="depth-change-ends"),
        pytest.param("Jane \r\n-- \r\nsig", False, "Jane -- \nsig", id="signature-separator-does-not-flow"),
        pytest.param("hard\r\nbreaks\r\n", False, "hard\nbreaks", id="fixed-lines"),
    ],
)
def test_unflow(text: str, delsp: bool, expected: str) -> None:
    assert unflow(text, delsp=delsp) == expected


def test_format_flowed_part_is_unflowed(vocab: MailVocabulary, file_vocab: FileVocabulary) -> None:
    body = b"I release File:Quai des \r\nOrf\xc3\xa8vres, 2021.jpg under \r\nCC BY-SA 4.0.\r\n"
    parsed = parse_message(mail(body, content_type="text/plain; charset=utf-8; format=flowed"), vocab)
    assert parsed.text() == "I release File:Quai des Orfèvres, 2021.jpg under CC BY-SA 4.0."
    assert find_files(parsed.subject, [parsed.text()], (), file_vocab) == (
        "File:Quai des Orfèvres, 2021.jpg",
    )


STATEMENT_HTML = (
    "<table><tr><td>I hereby affirm that I am the creator and sole owner of the exclusive copyright of "
    "File:Harbour at dusk.jpg. I agree to publish that work under the free license Creative Commons "
    "Attribution-ShareAlike 4.0 International (CC BY-SA 4.0). I acknowledge that by doing so I grant "
    "anyone the right to use the work, even in a commercial product, and to modify it according to their "
    "needs, provided that they abide by the terms of the license and any other applicable laws. I am aware "
    "that this agreement is not limited to Wikipedia or related sites.</td></tr></table>"
)


@pytest.mark.parametrize(
    ("plain", "html", "read"),
    [
        # a stub pointing to the HTML: the HTML holds the statement
        ("This message is in HTML. Turn on HTML view to read it.", STATEMENT_HTML, "CC BY-SA 4.0"),
        ("Dit bericht is opgemaakt in HTML.", STATEMENT_HTML, "CC BY-SA 4.0"),
        # a short plain twin of a short HTML one is the mail
        ("Yes, CC0 1.0 is fine.", "<p>Yes, CC0 1.0 is fine.</p>", "Yes, CC0 1.0 is fine."),
        # a two-line stub before a short release of about 500 characters
        (
            "Esta mensagem foi enviada em formato HTML.\nSe não a consegue ler, abra-a num programa de email "
            "compatível com HTML.",
            "<p>Olá,</p><p>Sou a titular dos direitos da fotografia <a href='https://pt.m.wikipedia.org/"
            "wiki/Ficheiro:Joana_Matos_ao_vivo_no_Coliseu_do_Porto.jpg'>Joana Matos ao vivo no Coliseu do "
            "Porto</a>, que está na minha página da Wikipédia.</p><p>Autorizo a sua "
            "publicação sob a licença Creative Commons Atribuição 4.0 Internacional (CC BY 4.0), incluindo "
            "uso comercial e obras derivadas, e sei que esta autorização não pode ser revogada nem se limita "
            "à Wikipédia.</p><p>Obrigada e boas festas!</p><p>Joana Matos<br>cantora<br>"
            "www.joanamatos.example</p>",
            "CC BY 4.0",
        ),
    ],
    ids=["english-stub", "dutch-stub", "short-twins", "two-line-stub-before-a-short-release"],
)
def test_plain_stub_gives_way_to_html(vocab: MailVocabulary, plain: str, html: str, read: str) -> None:
    """A plain alternative that only says "view this mail in HTML" is no text of the mail: the HTML is."""
    raw = ALTERNATIVE.replace(
        b"I release File:Harbour at dusk.jpg, see https://example.org/about.", plain.encode()
    ).replace(
        b"<p>I release <a href='https://commons.wikimedia.org/wiki/File:Harbour_at_dusk.jpg'>this</a></p>",
        html.encode(),
    )
    text = parse_message(b"From: a@example.org\r\n" + raw, vocab).text()
    assert read in text
    assert plain not in text or plain == read


COLOURED_QUOTE = (
    "<p>{own}</p><div>On Mon, 3 Mar 2025 at 10:00, VRT &lt;p@x.example&gt; wrote:<blockquote>"
    '<p>Which license?<br><font color="#ff0000">CC BY 4.0</font></p>'
    '<p style="color:#222222">Regards, the team</p></blockquote></div>'
)


BOLD_QUOTE = COLOURED_QUOTE.replace('<font color="#ff0000">CC BY 4.0</font>', "<b>CC BY 4.0</b>")

# Outlook quotes with no blockquote: a rule, then the header block in bold, then the agent's mail.
OUTLOOK_COLOURED_QUOTE = (
    "<p>{own}</p><hr><p><b>From:</b> VRT &lt;p@x.example&gt;<br><b>Sent:</b> Monday<br>"
    "<b>Subject:</b> x</p><p>Which license? For example CC BY-SA 4.0 or CC BY 4.0.<br>"
    '<span style="color:#1155CC">CC0 1.0, please.</span></p><p>Regards, the team</p>'
)


@pytest.mark.parametrize(
    ("template", "own", "answer", "answer_is_own"),
    [
        pytest.param(COLOURED_QUOTE, "My answers are in red below.", "CC BY 4.0", True, id="colour-named"),
        pytest.param(COLOURED_QUOTE, "Thanks for your mail.", "CC BY 4.0", False, id="no-colour-named"),
        pytest.param(
            COLOURED_QUOTE,
            '<span style="color:#c00">Answers below.</span>',
            "CC BY 4.0",
            False,
            id="a-style-names-no-colour",
        ),
        pytest.param(
            OUTLOOK_COLOURED_QUOTE,
            "My answers are in blue below.",
            "CC0 1.0",
            True,
            id="outlook-colour-named",
        ),
        pytest.param(
            OUTLOOK_COLOURED_QUOTE, "Thanks for your mail.", "CC0 1.0", False, id="outlook-no-colour"
        ),
        pytest.param(BOLD_QUOTE, "My answers are in bold.", "CC BY 4.0", True, id="bold-named"),
        pytest.param(BOLD_QUOTE, "My answers are in red.", "CC BY 4.0", False, id="bold-not-named"),
    ],
)
def test_coloured_answers_in_a_quote(
    vocab: MailVocabulary, template: str, own: str, answer: str, answer_is_own: bool
) -> None:
    html = template.format(own=own).encode()
    parsed = parse_message(mail(html, content_type="text/html; charset=utf-8"), vocab)
    assert (answer in parsed.text(SegmentKind.OWN)) is answer_is_own
    assert "Regards" not in parsed.text(SegmentKind.OWN)  # the quote's own words stay quoted
    assert "CC BY-SA 4.0" not in parsed.text(SegmentKind.OWN)
