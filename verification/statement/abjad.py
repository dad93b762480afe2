"""A Hebrew or Arabic name word against a Latin spelling of it: "רון פרידמן" signs as "Ron Friedman".

Both scripts leave most vowels unwritten, and each letter has several Latin spellings (ח: ch, h, kh). So
the word becomes a pattern: each letter one of its spellings, any Latin vowels between. The vowel letters
they do write (ו, י; و, ي, ا) must meet a matching Latin vowel, so "רינה" (Rina) is no "Ron". A word of
fewer than two consonants says too little to match anything.
"""

from __future__ import annotations

import re
from functools import lru_cache

_HEBREW = {
    "א": "", "ע": "", "ב": "b|v", "ג": "g|j", "ד": "d", "ה": "h|", "ו": "o|u|v|w", "ז": "z", "ח": "ch|h|kh|x",
    "ט": "t|th", "י": "i|y|e|ei|ey|ai|ay", "כ": "k|kh|ch|c", "ך": "k|kh|ch|c", "ל": "l", "מ": "m", "ם": "m",
    "נ": "n", "ן": "n", "ס": "s|c", "פ": "p|f|ph", "ף": "p|f|ph", "צ": "tz|ts|z|c", "ץ": "tz|ts|z|c",
    "ק": "k|q|c|ck", "ר": "r", "ש": "sh|s|sch", "ת": "t|th|s",
}  # fmt: skip
_ARABIC = {
    "ا": "a|e|i|o|u|", "أ": "a|e|i|o|u|", "إ": "a|e|i|", "آ": "a|aa", "ء": "", "ؤ": "", "ئ": "", "ع": "",
    "ب": "b|p", "ت": "t", "ط": "t", "ث": "th|t|s", "ج": "j|g|dj", "ح": "h", "خ": "kh|x|ch|h|k",
    "د": "d|dh", "ض": "d|dh", "ذ": "dh|z|d|th", "ظ": "dh|z|d", "ر": "r", "ز": "z", "س": "s", "ص": "s",
    "ش": "sh|ch|sch|s", "غ": "gh|g|r", "ف": "f|ph", "ق": "q|k|g", "ك": "k|c|ck", "ل": "l", "م": "m",
    "ن": "n", "ه": "h|", "ة": "a|ah|at|e|", "و": "w|o|u|ou|v", "ي": "y|i|e|ie|ee", "ى": "a|y|i", "ـ": "",
    # Persian and Urdu letters (text is folded to "ی" and "ک", whichever a mail writes)
    "ی": "y|i|e|ie|ee|a", "ک": "k|c|ck", "پ": "p", "چ": "ch|c", "ژ": "zh|j|g", "گ": "g",
}  # fmt: skip
# Letters that write a vowel (or nothing) more often than a consonant: they do not count towards the two
# consonants a word needs.
_VOWEL_LETTERS = frozenset("אעהויاأإآءؤئعةويىیـ")
_ARTICLE = "ال"  # Arabic "al-", joined to the word, often left out of a Latin spelling
LATIN_VOWELS = "[aeiouy]*"
_LATIN = re.compile("[a-z]+")
_DOUBLED = re.compile(r"(.)\1+")


def abjad_script(word: str) -> dict[str, str] | None:
    """The spelling table of the script `word` is written in, if Hebrew or Arabic."""
    if any("\u0590" <= c <= "\u05ff" for c in word):
        return _HEBREW
    if any("\u0600" <= c <= "\u06ff" for c in word):
        return _ARABIC
    return None


def spelled_in_latin(word: str, latin: str) -> bool:
    """`latin` (folded: lower case, no accents) is a spelling of the Hebrew or Arabic `word`."""
    return spelled_by(_pattern(word), latin)


def spelled_by(pattern: re.Pattern[str] | None, latin: str) -> bool:
    """`latin` (folded) fits a word's pattern of Latin spellings; a doubled letter is one in the scripts
    these patterns are made from (Arabic marks it, if at all, with a sign): Haddad = حداد."""
    letters = _DOUBLED.sub(r"\1", "".join(_LATIN.findall(latin)))
    return pattern is not None and bool(letters) and pattern.fullmatch(letters) is not None


@lru_cache(maxsize=4096)
def _pattern(word: str) -> re.Pattern[str] | None:
    table = abjad_script(word)
    if table is None:
        return None
    letters = [c for c in word if c in table]
    if sum(c not in _VOWEL_LETTERS for c in letters) < 2:
        return None
    article = table is _ARABIC and "".join(letters).startswith(_ARTICLE) and len(letters) > 3
    if article:
        letters = letters[len(_ARTICLE) :]
    parts = [f"(?:{table[c]})" for c in letters]
    return re.compile(
        ("(?:[ae]l)?" if article else "") + LATIN_VOWELS + LATIN_VOWELS.join(parts) + LATIN_VOWELS
    )
