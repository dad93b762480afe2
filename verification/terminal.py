"""Making text from a mail inert on a terminal: nothing it holds may move the cursor, recolour, retitle
or reorder what an agent reads.

C0 and C1 control characters (ESC and CSI start every terminal sequence), DEL, and the invisible
direction marks, overrides and isolates (which make "gpj.exe" read as "exe.jpg") are shown as visible
escapes instead, so the agent sees that they are there. Everything else passes unchanged.
"""

from __future__ import annotations

_INVISIBLE = frozenset(
    {
        0x061C,  # ARABIC LETTER MARK
        0x200B,  # ZERO WIDTH SPACE
        0x200E,  # LEFT-TO-RIGHT MARK
        0x200F,  # RIGHT-TO-LEFT MARK
        0x2028,  # LINE SEPARATOR
        0x2029,  # PARAGRAPH SEPARATOR
        *range(0x202A, 0x202F),  # embeddings and overrides: LRE, RLE, PDF, LRO, RLO
        *range(0x2066, 0x206A),  # isolates: LRI, RLI, FSI, PDI
        0xFEFF,  # ZERO WIDTH NO-BREAK SPACE (byte order mark)
    }
)


def _escaped(code: int) -> str:
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def inert(text: str) -> str:
    """`text` with every control, direction and invisible character above replaced by its escape."""
    return "".join(_escaped(ord(char)) if _is_active(ord(char)) else char for char in text)


def _is_active(code: int) -> bool:
    return code < 0x20 or 0x7F <= code <= 0x9F or code in _INVISIBLE
