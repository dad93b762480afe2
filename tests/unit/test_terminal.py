"""Text from a mail shown on a terminal: controls, sequences and direction marks become visible escapes."""

from __future__ import annotations

import pytest

from verification.terminal import inert

CASES = [
    ("plain", "Jane Roe <jane@example.org>", "Jane Roe <jane@example.org>"),
    ("accents and scripts pass", "Zoë Ångström, 山田太郎, Иван, محمد", "Zoë Ångström, 山田太郎, Иван, محمد"),
    ("colour sequence", "\x1b[31mRED\x1b[0m", "\\x1b[31mRED\\x1b[0m"),
    ("window title (OSC)", "\x1b]0;pwned\x07", "\\x1b]0;pwned\\x07"),
    ("8-bit CSI (C1)", "a\x9b2Jb", "a\\x9b2Jb"),
    ("other C1", "\x85\x8d\x9f", "\\x85\\x8d\\x9f"),
    ("carriage return hides a line", "ok\rFAKE", "ok\\x0dFAKE"),
    ("newline and tab", "a\nb\tc", "a\\x0ab\\x09c"),
    ("backspace and DEL", "ab\x08\x7f", "ab\\x08\\x7f"),
    ("NUL", "a\x00b", "a\\x00b"),
    ("right-to-left override", "photo\u202egpj.exe", "photo\\u202egpj.exe"),
    ("embeddings and pop", "\u202a\u202b\u202c\u202d", "\\u202a\\u202b\\u202c\\u202d"),
    ("isolates", "\u2066x\u2067y\u2068z\u2069", "\\u2066x\\u2067y\\u2068z\\u2069"),
    ("direction marks", "\u200e\u200f\u061c", "\\u200e\\u200f\\u061c"),
    ("zero width and BOM", "a\u200bb\ufeff", "a\\u200bb\\ufeff"),
    ("line separators", "a\u2028b\u2029", "a\\u2028b\\u2029"),
    ("a backslash itself stays", "C:\\x1b", "C:\\x1b"),
    ("empty", "", ""),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_inert(text: str, expected: str) -> None:
    assert inert(text) == expected


@pytest.mark.parametrize("code", [*range(0x20), *range(0x7F, 0xA0)])
def test_no_control_character_survives(code: int) -> None:
    assert not any(ord(char) < 0x20 or 0x7F <= ord(char) <= 0x9F for char in inert(f"x{chr(code)}y"))
