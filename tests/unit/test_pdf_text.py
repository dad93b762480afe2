"""The text layer of PDF attachments: read within limits, nothing from a PDF that cannot be read."""

from __future__ import annotations

import io

import pypdf
import pytest

from tests.support.pdfs import text_pdf
from verification.pdf_text import PdfText, looks_like_pdf, pdf_text

STATEMENT = [
    "I hereby affirm that I am the creator of File:Mill.jpg.",
    "I agree to publish it under CC BY 4.0.",
]


def _encrypted(data: bytes) -> bytes:
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password="secret", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "max_pages", "max_chars", "expected"),
    [
        (text_pdf([STATEMENT]), 10, 10_000, PdfText("\n".join(STATEMENT), cut=False)),
        (text_pdf([["Page one."], ["Page two."]]), 10, 10_000, PdfText("Page one.\n\nPage two.", cut=False)),
        (text_pdf([["Page one."], ["Page two."]]), 1, 10_000, PdfText("Page one.", cut=True)),
        (text_pdf([STATEMENT]), 10, 20, PdfText(STATEMENT[0][:20], cut=True)),
        (text_pdf([[]]), 10, 10_000, PdfText("", cut=False)),
        (b"%PDF-1.4\nnot a PDF at all\n%%EOF\n", 10, 10_000, None),
        (_encrypted(text_pdf([STATEMENT])), 10, 10_000, None),
    ],
    ids=[
        "one page",
        "two pages",
        "past the page limit",
        "past the character limit",
        "a scan (no text)",
        "garbage",
        "encrypted",
    ],
)
def test_pdf_text(data: bytes, max_pages: int, max_chars: int, expected: PdfText | None) -> None:
    assert pdf_text(data, max_pages, max_chars) == expected


@pytest.mark.parametrize(
    ("data", "expected"),
    [(text_pdf([STATEMENT]), True), (b"\r\n\r\n%PDF-1.7\n", True), (b"GIF89a", False), (b"", False)],
    ids=["a PDF", "a PDF after blank lines", "an image", "empty"],
)
def test_looks_like_pdf(data: bytes, expected: bool) -> None:
    assert looks_like_pdf(data) is expected
