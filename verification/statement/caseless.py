"""Organisations in scripts without capitals (Han, kana, Hangul), found by a representation phrase and
an organisation word, since no capital marks where a name starts."""

from __future__ import annotations

import re
import unicodedata

from verification.statement.vocabulary import StatementVocabulary
from verification.statement.words import CASELESS_RUN

_PLAIN_WORDS = re.compile("[\u3041-\u309f\uac00-\ud7af]")  # hiragana and Hangul


def caseless_represents(text: str, vocab: StatementVocabulary) -> str | None:
    """The organisation in "株式会社星空写真を代表して", "주식회사 별빛사진을 대표하여" (written before
    the phrase) or "我代表星空摄影有限公司" (after it): Han, kana and Hangul have no capitals to find a name
    by."""
    text = unicodedata.normalize("NFC", text)
    found: list[tuple[int, str]] = []
    for phrase in vocab.represent_before:
        for match in re.finditer(re.escape(phrase), text):
            name = _caseless_name_before(text[: match.start()], vocab)
            if name:
                found.append((match.start(), name))
    for phrase in vocab.represent_after:
        for match in re.finditer(re.escape(phrase), text):
            name = _caseless_org_after(text[match.end() :], vocab)
            if name:
                found.append((match.start(), name))
    return min(found)[1] if found else None


def _caseless_name_before(head: str, vocab: StatementVocabulary) -> str | None:
    """The words at the end of `head` back to punctuation, after the last topic particle ("私は")."""
    line = head.rsplit("\n", 1)[-1]
    start = len(line)
    while start > 0 and (line[start - 1].isalnum() or line[start - 1] in " \u3000"):
        start -= 1
    name = " ".join(line[start:].split()[-4:])
    cut = max((name.rfind(p) + len(p) for p in vocab.topic_particles if p in name), default=0)
    name = name[cut:].strip()
    if len(name) < 2 or not CASELESS_RUN.search(name):
        return None
    # Without an organisation word, only a name in Han, katakana or Latin letters: hiragana and Hangul
    # there are ordinary words ("この写真", "이 사진").
    if any(suffix in name for suffix in vocab.org_suffixes) or not _PLAIN_WORDS.search(name):
        return name
    return None


def _caseless_org_after(tail: str, vocab: StatementVocabulary) -> str | None:
    """The text after "代表" up to the end of an organisation word ("有限公司"), in Han only (kana after
    it is Japanese "代表して", "代表取締役" is a title)."""
    run = re.match(r"[^\W_]{2,30}", tail)
    if run is None or re.search("[\u3040-\u30ff]", run.group()):
        return None
    words = run.group()
    longest = max(
        (words.find(suffix) + len(suffix) for suffix in vocab.org_suffixes if suffix in words), default=0
    )
    best = words[:longest]
    shortest_suffix = min((len(s) for s in vocab.org_suffixes if best.endswith(s)), default=len(best))
    return best if longest and len(best) - shortest_suffix >= 2 else None
