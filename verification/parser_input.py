"""The bytes of a mail handed to the MIME parser: what the readers can use, not every byte that arrived.

The stdlib parser's cost grows with every line it is given, but the readers use only the top header
lines, the first `max_text_bytes` of text, and the headers of the other parts (attachment names). A
permission mail may carry 25 MB photos, and the text part can come after them. So the raw mail is cut
into runs at lines that start with "--" (every MIME boundary line does; other such lines only make runs
shorter), and each run keeps its first `part_bytes`; so does the header section. The parser then sees
every boundary and every part's headers, and each part's start. The cut is found with bytes searches,
so its cost stays small for any size.

A run cut whose own headers declare a non-text type (image/, application/, ...) loses nothing a reader
needs; any other cut run may have held text, and is reported so that the verdict cannot confirm.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_RUN_START = b"\n--"  # the line break before a line that starts with "--"
_BLANK_LINE = re.compile(rb"\n\r?\n")  # the line break before an empty line (one search finds either)
# Main types whose body no reader decodes: only the part's name is read.
_ATTACHMENT_TYPES = frozenset({b"image", b"audio", b"video", b"application", b"font", b"model"})
_CONTENT_TYPE = re.compile(rb"^content-type:(.*(?:\r?\n[ \t].*)*)", re.I | re.M)


@dataclass(frozen=True)
class ParserInput:
    """The bytes for the parser and what was left out of them."""

    data: bytes
    headers_cut: bool  # header lines past `part_bytes` were left out
    text_cut: bool  # a run that may hold text was cut


def parser_input(raw: bytes, end: int, part_bytes: int) -> ParserInput:
    """`raw[:end]` with the header section and each run cut to `part_bytes`, at a line end."""
    end = min(end, len(raw))
    body_start = _blank_line(raw, 0, end)
    headers_end = end if body_start is None else body_start
    head = raw[:headers_end]
    headers_cut = len(head) > part_bytes
    if headers_cut:
        head = _line_prefix(raw, 0, part_bytes)
    pieces = [head]
    text_cut = False
    start = headers_end
    while start < end:
        stop = start + part_bytes
        if stop >= end:
            pieces.append(raw[start:end])
            break
        next_run = raw.rfind(_RUN_START, start, stop + 1)
        if next_run >= start:  # every run between start and next_run is within the limit: kept whole
            pieces.append(raw[start : next_run + 1])
            start = next_run + 1
            continue
        kept = _line_prefix(raw, start, stop)
        pieces.append(kept)
        run_head = head if start == headers_end else _run_head(kept)
        text_cut = text_cut or not _is_attachment(run_head)
        resume = raw.find(_RUN_START, start + len(kept) - 1, end)
        if resume < 0:
            break
        start = resume + 1
    return ParserInput(data=b"".join(pieces), headers_cut=headers_cut, text_cut=text_cut)


def _blank_line(raw: bytes, start: int, end: int) -> int | None:
    """Where the first empty line after `start` begins (the end of a header block); None without one."""
    found = _BLANK_LINE.search(raw, start, end)
    return None if found is None else found.start() + 1


def _line_prefix(raw: bytes, start: int, stop: int) -> bytes:
    """`raw[start:stop]` up to its last line end; a line longer than that is cut and ended."""
    last = raw.rfind(b"\n", start, stop)
    return raw[start : last + 1] if last >= start else raw[start:stop] + b"\n"


def _run_head(run: bytes) -> bytes:
    """The header lines at the start of a run (after its "--" line), or b"" when the run has no end to
    them: a run whose headers are not all there is not known to be an attachment."""
    blank = _blank_line(run, 0, len(run))
    return b"" if blank is None else run[:blank]


def _is_attachment(head: bytes) -> bool:
    """True when the first Content-Type of these header lines names a type no reader decodes, read as
    the stdlib reads it (up to ";", exactly one "/", else text/plain)."""
    first = _CONTENT_TYPE.search(head)
    if first is None:
        return False
    ctype = first.group(1).partition(b";")[0].strip().lower()
    return ctype.count(b"/") == 1 and ctype.partition(b"/")[0] in _ATTACHMENT_TYPES
