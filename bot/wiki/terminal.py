"""Text from the wiki (titles, page text in diffs, API messages) made inert before it reaches a terminal.

Anyone can edit a wiki page: its text may hold escape sequences that move the cursor, rewrite earlier
lines or retitle the window, and bidi overrides that show one title as another. Printed through
`inert`, every control and invisible format character appears as a visible `\\uXXXX` escape instead.
"""

from __future__ import annotations

import unicodedata

# Controls (C0, DEL, C1: ESC and CSI start terminal sequences), format characters (bidi overrides,
# isolates, zero-width characters), line and paragraph separators, surrogates.
_ESCAPED_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs"})


def inert(text: str, *, keep: str = "") -> str:
    """`text` with every control or invisible character written as an escape; `keep` lists harmless
    exceptions (a tab in a diff line)."""
    if text.isascii() and text.isprintable():
        return text
    return "".join(_shown(char) if char not in keep else char for char in text)


def _shown(char: str) -> str:
    if unicodedata.category(char) not in _ESCAPED_CATEGORIES:
        return char
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"
