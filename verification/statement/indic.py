"""A name word in an Indian script against a Latin spelling of it: "মৌমিতা সেন" in the title "Moumita Sen
performing at Basanta Utsav".

The nine Brahmic scripts of Unicode's Indic blocks (Devanagari, Bengali, Gurmukhi, Gujarati, Oriya, Tamil,
Telugu, Kannada, Malayalam) put each consonant at the same offset in their block, so one table serves them
all. A consonant has several Latin spellings (ভ: bh, b, v); vowels, written as signs or not at all, may be
any Latin vowels. So the word becomes a pattern, as Hebrew and Arabic ones do (abjad.py). A word of fewer
than two consonants says too little to match anything.
"""

from __future__ import annotations

import re
from functools import lru_cache

from verification.statement.abjad import LATIN_VOWELS, spelled_by

_BLOCKS = (0x0900, 0x0980, 0x0A00, 0x0A80, 0x0B00, 0x0B80, 0x0C00, 0x0C80, 0x0D00)
_BLOCK_SIZE = 0x80
# Consonants by their offset in the block.
_CONSONANTS = {
    0x15: "k|c|q", 0x16: "kh|k", 0x17: "g", 0x18: "gh|g", 0x19: "n|ng", 0x1A: "ch|c", 0x1B: "chh|ch",
    0x1C: "j|z", 0x1D: "jh|j", 0x1E: "n|ny", 0x1F: "t", 0x20: "th|t", 0x21: "d|r", 0x22: "dh|d|rh",
    0x23: "n", 0x24: "t", 0x25: "th|t", 0x26: "d", 0x27: "dh|d", 0x28: "n", 0x29: "n", 0x2A: "p",
    0x2B: "ph|f|p", 0x2C: "b|v", 0x2D: "bh|b|v", 0x2E: "m", 0x2F: "y|j|e|i", 0x30: "r", 0x31: "r",
    0x32: "l", 0x33: "l", 0x34: "l|zh", 0x35: "v|w|b|o", 0x36: "sh|s", 0x37: "sh|s", 0x38: "s|sh",
    0x39: "h", 0x58: "q|k", 0x59: "kh", 0x5A: "gh|g", 0x5B: "z|j", 0x5C: "r|d", 0x5D: "rh|r", 0x5E: "f|ph",
    0x5F: "y",
}  # fmt: skip
# Tamil writes one letter for k and g, t and d, p and b, c, s and j ("கார்த்திக்" is Karthik)
_TAMIL = 0x0B80
_TAMIL_CONSONANTS = {0x15: "k|g|c", 0x1A: "ch|s|c|j", 0x1F: "t|d", 0x24: "th|t|d", 0x2A: "p|b"}
_NASALS = (0x01, 0x02)
_VIRAMA = 0x4D  # candrabindu, anusvara: an "n" or "m" a Latin spelling may or may not write


def indic_script(word: str) -> bool:
    """`word` is written in one of the Indic blocks."""
    return any(_offset(c) is not None for c in word)


def spelled_in_latin(word: str, latin: str) -> bool:
    """`latin` (folded: lower case, no accents) is a spelling of the Indic `word`."""
    return spelled_by(_pattern(word), latin)


@lru_cache(maxsize=4096)
def _pattern(word: str) -> re.Pattern[str] | None:
    parts: list[str] = []
    joined = False  # the consonant before ended in a virama: no vowel between the two
    for char in word:
        offset = _offset(char)
        if offset in _CONSONANTS:
            tamil = _TAMIL <= ord(char) < _TAMIL + _BLOCK_SIZE
            part = f"(?:{(_TAMIL_CONSONANTS if tamil else _CONSONANTS).get(offset, _CONSONANTS[offset])})"
            if not (joined and parts[-1] == part):  # "த்த", "त्त": one letter in Latin, as folded
                parts.append(part)
        elif offset in _NASALS:
            parts.append("(?:n|m)?")
        joined = offset == _VIRAMA and bool(parts)
    if sum(not part.endswith("?") for part in parts) < 2:
        return None
    return re.compile(LATIN_VOWELS + LATIN_VOWELS.join(parts) + LATIN_VOWELS)


def _offset(char: str) -> int | None:
    code = ord(char)
    block = next((start for start in _BLOCKS if start <= code < start + _BLOCK_SIZE), None)
    return None if block is None else code - block
