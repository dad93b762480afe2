"""Organisations and credits in scripts without capitals (Han, kana, Hangul), found by fixed phrases
around them (a representation phrase and an organisation word; "由…拍攝", "…が撮影"), since no capital
marks where a name starts."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence

from verification.licenses import CJK_LETTERS
from verification.model import Credit
from verification.statement.names import is_holder_name
from verification.statement.vocabulary import StatementVocabulary
from verification.statement.words import CASELESS_RUN

_PLAIN_WORDS = re.compile("[\u3041-\u309f\uac00-\ud7af]")  # hiragana and Hangul
_HIRAGANA = re.compile("[\u3041-\u309f]+")
# What ends a name in running text without spaces: punctuation (full-width too) and the line's end.
_NAME_STOP = re.compile(r"[^\w\s・·]")
# A line break between two letters of scripts without spaces, which a mail program put into a sentence.
_WRAPPED_RUN = re.compile(rf"(?<=[{CJK_LETTERS}\u3041-\u309f])\n(?=[{CJK_LETTERS}\u3041-\u309f])")
_MAX_CREDITED = 30  # characters between a template's fixed words: a name with words describing it


def _occurrences(text: str, phrase: str) -> Iterator[tuple[int, int]]:
    """Where `phrase` stands in `text`, left to right, not overlapping (as a regular expression of the
    phrase would find it, without building one per phrase and text: most texts hold none of them)."""
    start = text.find(phrase)
    while start >= 0 and phrase:
        yield start, start + len(phrase)
        start = text.find(phrase, start + len(phrase))


def caseless_represents(text: str, vocab: StatementVocabulary) -> str | None:
    """The organisation in "株式会社星空写真を代表して", "주식회사 별빛사진을 대표하여" (written before
    the phrase) or "我代表星空摄影有限公司" (after it): Han, kana and Hangul have no capitals to find a name
    by."""
    text = unicodedata.normalize("NFC", text)
    found: list[tuple[int, str]] = []
    for phrase in vocab.represent_before:
        for start, _ in _occurrences(text, phrase):
            name = _caseless_name_before(text[:start], vocab)
            if name:
                found.append((start, name))
    for phrase in vocab.represent_after:
        for start, end in _occurrences(text, phrase):
            name = _caseless_org_after(text[end:], vocab)
            if name:
                found.append((start, name))
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


def caseless_credits(
    text: str, vocab: StatementVocabulary, holder_names: Sequence[str]
) -> tuple[Credit, ...]:
    """Credits in Han and kana: "這張劇照是由特約攝影師 林志偉 先生拍攝" (taken by the freelance
    photographer Mr Lin), "祖父・松田清が撮影した" (my grandfather took it). Whatever describes the person
    stays in the name; the signer's own credits ("由我拍攝", "私が撮影") and the holder's are kept apart.
    A line break a mail program put between two such characters is no break ("山本健二さんに\nシャッター")."""
    text = _WRAPPED_RUN.sub("", unicodedata.normalize("NFC", text))
    found: dict[int, tuple[int, str]] = {}  # where a credit starts -> (its end, the name): the longest
    for before, after in vocab.caseless_credits:
        for match_start, match_end in _occurrences(text, after):
            head = text[:match_start]
            name = _named_after(head, before, vocab) if before else _named_before(head, vocab)
            if not name:
                continue
            start = head.rfind(before) if before else head.rfind(name)
            if match_end > found.get(start, (-1, ""))[0]:  # "由…攝影師拍攝": not "攝影" inside 攝影師
                found[start] = (match_end, name)
    return tuple(
        Credit(" ".join(text[start:end].split()), name, _is_signers(name, holder_names, vocab))
        for start, (end, name) in sorted(found.items())
    )


def _named_after(head: str, before: str, vocab: StatementVocabulary) -> str | None:
    """The name between the template's first words (the last of them in `head`) and its end: "由…"."""
    start = head.rfind(before)
    if start < 0:
        return None
    if any(_holds(head, start, word) for word in vocab.caseless_not_credit):
        return None  # "自由", "理由": another word
    name = head[start + len(before) :]
    if not name.strip() or len(name) > _MAX_CREDITED or "\n" in name or _NAME_STOP.search(name):
        return None
    return name.strip()


def _holds(text: str, index: int, word: str) -> bool:
    """`word` is written in `text` over position `index`."""
    return any(text.startswith(word, start) for start in range(max(0, index - len(word) + 1), index + 1))


def _named_before(head: str, vocab: StatementVocabulary) -> str | None:
    """The name just before "が撮影": back to punctuation or a topic particle ("この写真は"),
    first-person pronouns as they are ("私たち", "私自身"), else its last run without hiragana
    ("先代である祖父・松田清" -> 祖父・松田清; hiragana there are particles and endings)."""
    line = head.rsplit("\n", 1)[-1]
    stops = list(_NAME_STOP.finditer(line))
    words = line[stops[-1].end() :] if stops else line
    cut = max((words.rfind(p) + len(p) for p in vocab.topic_particles if p in words), default=0)
    words = words[cut:].strip()
    if not words:
        return None
    plain = _without_suffix(words, vocab)
    rest = plain
    while pronoun := max((p for p in _caseless_pronouns(vocab) if rest.endswith(p)), key=len, default=""):
        rest = rest[: -len(pronoun)]
    if rest != plain and (not rest or _HIRAGANA.fullmatch(rest[-1])):
        return plain[len(rest) :]  # "いずれも私自身": the pronouns alone; not "山田自身" (Yamada himself)
    runs = [run for run in _HIRAGANA.split(plain) if run.strip()]
    return runs[-1].strip() if runs else None


def _without_suffix(name: str, vocab: StatementVocabulary) -> str:
    """The name without an honorific written after it ("林志偉 先生" -> "林志偉", "山田さん" -> "山田")."""
    for suffix in vocab.name_suffixes:
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)].strip()
    return name


def _caseless_pronouns(vocab: StatementVocabulary) -> list[str]:
    return [pronoun for pronoun in vocab.pronouns if CASELESS_RUN.search(pronoun)]


def _is_signers(name: str, holder_names: Sequence[str], vocab: StatementVocabulary) -> bool:
    """The credited name is the signer's: first-person words only ("我自己", "私たち"), or it ends with a
    holder's name ("本團團長黃怡君"), whatever stands before."""
    plain = "".join(_without_suffix(name, vocab).split())
    rest = plain
    while rest:
        pronoun = max((p for p in _caseless_pronouns(vocab) if rest.startswith(p)), key=len, default="")
        if not pronoun:
            break
        rest = rest[len(pronoun) :]
    if not rest:
        return True
    folded = plain.casefold()
    return any(
        len(holder) >= 2 and folded.endswith(holder)
        for holder in ("".join(name.split()).casefold() for name in holder_names)
    ) or is_holder_name(plain, holder_names, vocab)
