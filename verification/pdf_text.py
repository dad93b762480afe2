"""The text of a PDF attachment: senders often attach the signed statement as a PDF ("zie bijlage").

Only a PDF with a text layer (exported from a word processor or the Release Generator) has text; a scan
has none, and is left to the agent as before. Reading is bounded by pages and characters, and a PDF the
library cannot read (broken, encrypted) gives no text: the mail is then read as if the PDF were an
image, which never confirms on words nobody read.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

_PDF_MAGIC = b"%PDF-"
_MAGIC_WINDOW = 1024  # PDF readers accept the header anywhere in the first kilobyte


@dataclass(frozen=True)
class PdfText:
    """What a PDF's text layer says; `cut` when pages or characters past the limits were left unread."""

    text: str
    cut: bool


def looks_like_pdf(data: bytes) -> bool:
    return _PDF_MAGIC in data[:_MAGIC_WINDOW]


def pdf_text(data: bytes, max_pages: int, max_chars: int) -> PdfText | None:
    """The text of the first `max_pages` pages, at most `max_chars` of it; None when unreadable."""
    # Imported here: most mails carry no PDF, and the library costs a tenth of a second to import.
    import pypdf
    from pypdf.errors import PyPdfError

    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            return None
        pages = reader.pages
        count = len(pages)
        texts = []
        length = 0
        for number in range(min(count, max_pages)):
            text = (pages[number].extract_text() or "").strip()
            texts.append(text)
            length += len(text)
            if length >= max_chars:
                break
    except (PyPdfError, ValueError, KeyError, TypeError, IndexError, AttributeError, RecursionError, OSError):
        # pypdf raises these on malformed objects besides its own errors; none of them leaves text to read
        return None
    joined = "\n\n".join(texts)
    return PdfText(text=joined[:max_chars], cut=count > len(texts) or len(joined) > max_chars)
