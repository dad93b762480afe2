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
from verification.statement.vocabulary import CaselessRelations, StatementVocabulary
from verification.statement.words import CASELESS_RUN

_PLAIN_WORDS = re.compile("[\u3041-\u309f\uac00-\ud7af]")  # hiragana and Hangul
_HIRAGANA = re.compile("[\u3041-\u309f]+")
# What ends a name in running text without spaces: punctuation (full-width too) and the line's end.
# Vowel and tone marks are letters' parts, though no word characters to `re`: Thai "เป็น", Hindi "फोटो",
# Lao "ອ້າຍ", Khmer "បងប្រុស", Burmese "အစ်ကို", Tamil, Malayalam and Sinhala vowel signs.
_LETTER_MARKS = (
    "\u0300-\u036f"  # combining accents
    "\u0900-\u0903\u093a-\u094f\u0962\u0963"  # Devanagari
    "\u0981-\u0983\u09bc-\u09d7\u09e2\u09e3"  # Bengali
    "\u0b82\u0bbe-\u0bcd\u0bd7"  # Tamil
    "\u0d00-\u0d03\u0d3b-\u0d4d\u0d57\u0d62\u0d63"  # Malayalam
    "\u0d81-\u0d83\u0dca-\u0ddf\u0df2\u0df3"  # Sinhala
    "\u0e31\u0e34-\u0e3a\u0e47-\u0e4e"  # Thai
    "\u0eb1\u0eb4-\u0ebc\u0ec8-\u0ecd"  # Lao
    "\u102b-\u103e\u1056-\u1059\u105e-\u1060\u1062-\u1064\u1067-\u106d\u1071-\u1074\u1082-\u108d"
    "\u108f\u109a-\u109d"  # Burmese
    "\u17b4-\u17d3\u17dd"  # Khmer
    "\u200c\u200d"  # zero-width (non-)joiners inside Indic words
)
_NAME_STOP = re.compile(rf"[^\w\s・·{_LETTER_MARKS}]")
# A line break between two letters of scripts without spaces, which a mail program put into a sentence.
# The middle dot and full-width brackets count with them: "スタジオ・\nタナカ".
_WRAPPED_RUN = re.compile(
    rf"(?<=[{CJK_LETTERS}\u3041-\u309f\u30fb（）])\n(?=[{CJK_LETTERS}\u3041-\u309f\u30fb（）])"
)
# ... and between two Hangul words, which Korean spaces: the line break was a space
# ("외부 사진작가\n박민수 님이").
_WRAPPED_HANGUL = re.compile("(?<=[\uac00-\ud7af])\n(?=[\uac00-\ud7af])")
_MAX_CREDITED = 30  # characters between a template's fixed words: a name with words describing it
_HANGUL = re.compile("[\uac00-\ud7af]")
# Characters between a relation and its taking verb: a name, a time, a place ("父亲在1985年拍的",
# "아버지가 1980년에 찍은", "아버지께서 1980년대에 사진관을 운영하시며 남기신")
_MAX_BETWEEN = 24
# The same after an honorific subject marker ("저희 아버지께서 1998년 봄 가게를 … 필름 카메라로 찍으신"): the
# person so honoured is never the signer, and the verb closes the clause after time, place and purpose.
_MAX_BETWEEN_HONOURED = 80
_MAX_VERB_CHARS = 8  # a taking verb and its ending, where a Korean negation stands ("촬영하지 않았")
_MAX_HAN_NAME = 4  # a Chinese name after a relation: two to four characters ("王伟", "欧阳明日")


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
    words = name.split()
    if len(words) >= 2 and words[-2] in vocab.caseless_relations.agents and 2 <= len(words[-1]) <= 4:
        return words[-1]  # "사진작가 김지훈을 대리함": a trade, then the person's name
    leads = (*vocab.topic_particles, *(f"{lead} " for lead in vocab.represent_leads))
    cut = max((name.rfind(p) + len(p) for p in leads if p in name), default=0)
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


def caseless_introduced(text: str, vocab: StatementVocabulary) -> str | None:
    """The name a writer introduces themselves by in the mail's first lines: "ソプラノ歌手の青木美咲です"
    (I am Aoki Misaki, soprano), "私は田中一郎と申します"; not a sentence about something else ("撮影したのは
    友人の佐藤です"). Only a full name in Han or katakana (three characters at least: "山田でございます"
    gives the surname alone), no photo noun and no organisation ("担当", "以上" are in `not_names`)."""
    head = "\n".join([line for line in text.splitlines() if line.strip()][:_INTRODUCTION_LINES])
    head = unicodedata.normalize("NFC", head)
    for phrase in vocab.caseless_introductions:
        for start, _ in _occurrences(head, phrase):
            sentence = re.split("[。！？!?\n]", head[:start])[-1]
            if any(particle in _without_first_person(sentence, vocab) for particle in _SUBJECT_MARKS):
                continue  # "撮影したのは友人の佐藤です": the photographer is Sato, no one introduces themself
            name = _named_before(head[:start], vocab)
            if (
                name
                and len(name.replace(" ", "")) >= _INTRODUCED_CHARACTERS
                and CASELESS_RUN.fullmatch(name.replace(" ", ""))
                and not _PLAIN_WORDS.search(name)
                and name not in vocab.photo_nouns
                and name not in vocab.not_names
                and not any(name.endswith(suffix) for suffix in vocab.org_suffixes)
                and name not in _caseless_pronouns(vocab)
            ):
                return name
    return None


_INTRODUCTION_LINES = 4  # a greeting, the writer's introduction, the matter
_INTRODUCED_CHARACTERS = 3
_SUBJECT_MARKS = ("は", "が", "を")  # a sentence about something else: "…のは", "…が撮影"


def _without_first_person(sentence: str, vocab: StatementVocabulary) -> str:
    """The sentence without an opening first-person topic: "私は田中です" introduces the writer."""
    for pronoun in sorted(_caseless_pronouns(vocab), key=len, reverse=True):
        if sentence.lstrip().startswith(pronoun + "は"):
            return sentence.lstrip()[len(pronoun) + 1 :]
    return sentence


def caseless_credits(
    text: str, vocab: StatementVocabulary, holder_names: Sequence[str]
) -> tuple[Credit, ...]:
    """Credits in Han and kana: "這張劇照是由特約攝影師 林志偉 先生拍攝" (taken by the freelance
    photographer Mr Lin), "祖父・松田清が撮影した" (my grandfather took it). Whatever describes the person
    stays in the name; the signer's own credits ("由我拍攝", "私が撮影") and the holder's are kept apart.
    A line break a mail program put between two such characters is no break ("山本健二さんに\nシャッター")."""
    text = _WRAPPED_HANGUL.sub(" ", _WRAPPED_RUN.sub("", unicodedata.normalize("NFC", text)))
    found: dict[int, tuple[int, str]] = {}  # where a credit starts -> (its end, the name): the longest
    for before, after in vocab.caseless_credits:
        for match_start, match_end in _occurrences(text, after):
            head = text[:match_start]
            name = _named_after(head, before, vocab) if before else _named_before(head, vocab)
            if not name or name.endswith(vocab.caseless_not_name_ends):
                continue  # "パンフレット用に撮影を依頼" (for the brochure), "…の際に" (on the occasion)
            start = head.rfind(before) if before else head.rfind(name)
            if match_end > found.get(start, (-1, ""))[0]:  # "由…攝影師拍攝": not "攝影" inside 攝影師
                found[start] = (match_end, name)
    credits = [
        Credit(" ".join(text[start:end].split()), name, _is_signers(name, holder_names, vocab))
        for start, (end, name) in sorted(found.items())
    ]
    spans = [(start, end) for start, (end, _) in found.items()]
    nearest: dict[int, tuple[int, str | None]] = {}  # a verb's end -> the relation nearest to it
    for start, end, name in _relation_credits(text, vocab.caseless_relations, vocab):
        if start > nearest.get(end, (-1, None))[0]:  # "同事摄影师王伟拍摄": 摄影师 王伟, not 同事
            nearest[end] = (start, name)
    for end, (start, name) in sorted(nearest.items(), key=lambda item: item[1][0]):
        if not any(low < end and start < high for low, high in spans):  # "由我的朋友王伟拍摄": one credit
            signers = name is not None and _is_signers(name, holder_names, vocab)
            credits.append(Credit(" ".join(text[start:end].split()), name, signers))
    return tuple(credits)


def caseless_took_myself(text: str, vocab: StatementVocabulary) -> bool:
    """A first-person subject, then a self word, then a taking verb, in one clause and whatever stands
    between but a relation, with no negator in the clause: "照片也是我自己在工作室里用相机拍摄的", "제가 직접
    제 카메라로 촬영했습니다". The signer took it (fixed phrases such as "自己拍的" are `self_made`'s)."""
    words = vocab.caseless_relations
    text = _WRAPPED_HANGUL.sub(" ", _WRAPPED_RUN.sub("", unicodedata.normalize("NFC", text)))
    for self_word in words.self_words:
        for start, end in _occurrences(text, self_word):
            head = _clause_before(text[:start])
            tail, _ = _clause_over_brackets(text[end:], _MAX_BETWEEN + _MAX_VERB_CHARS)
            verb = _verb_after(text[end:], words, vocab)
            # "照片也是本人…拍摄的": a self word that is itself the first-person subject
            if verb is None or not (_first_person(head, words) or self_word in words.subjects):
                continue
            between = text[end : end + verb[0]]
            if between.startswith(words.possessives) or any(r in between for r in words.relations):
                continue  # "我自己的朋友拍的", "我自己请摄影师拍的": someone else took it
            clause = head + self_word + tail
            if not any(negator in clause for negator in words.negators):
                return True
    return False


def _relation_credits(
    text: str, words: CaselessRelations, vocab: StatementVocabulary
) -> Iterator[tuple[int, int, str | None]]:
    """(start, end, name) of "我的朋友王伟拍摄的", "我父亲在1985年拍的", "제 친구 김민수가 찍었습니다",
    "아버지가 1980년에 찍은": a relation or photographer, perhaps a name, then a taking verb in the same
    clause; and "我们的摄影师张强": a photographer's name ending the clause. No credit where the relation
    is the verb's object or companion ("我给父亲拍的", "제가 친구를 찍었습니다", "我和朋友一起拍的"), what
    the photo shows ("我朋友的照片"), or where the signer is the subject ("친구와 함께 제가 찍었습니다")."""
    for relation in words.relations:
        for start, end in _occurrences(text, relation):
            if _HANGUL.match(relation) and start > 0 and _HANGUL.match(text[start - 1]):
                continue  # "대형" (large) is not "형" (brother): a Hangul relation starts its word
            if _is_object(text[:start], words, vocab) or _inside_pronoun(text, start, end, vocab):
                continue
            lead = _cleft_lead(text[:start], words, vocab)
            if lead is not None:  # "이 사진들을 찍은 사람은 제 남편입니다": the taker is the relation
                yield lead, end, None
                continue
            tail = text[end:]
            honoured = tail.startswith(words.honorific_particles) if words.honorific_particles else False
            verb = _verb_after(tail, words, vocab, _MAX_BETWEEN_HONOURED if honoured else _MAX_BETWEEN)
            if verb is not None:
                credited = _subject_named(tail[: verb[0]], words, vocab)
                if credited is not None:
                    yield start, end + verb[1], credited[0]
            elif relation in words.agents and not _first_person(text[:start], words):
                name = _agent_named(tail, words, vocab)
                if name:
                    yield start, end + tail.find(name) + len(name), name


def _owner_cut(clause: str, words: CaselessRelations, vocab: StatementVocabulary) -> str:
    """`clause` without the possessives and pronouns that end it: "我给我的" -> "我给"."""
    clause = clause.rstrip()
    while True:
        cut = next((p for p in (*words.possessives, *_caseless_pronouns(vocab)) if clause.endswith(p)), "")
        if not cut:
            return clause
        clause = clause[: -len(cut)].rstrip()


def _cleft_lead(head: str, words: CaselessRelations, vocab: StatementVocabulary) -> int | None:
    """Where a cleft's lead starts that ends `head`, perhaps with a possessive between ("찍은 사람은 제",
    "拍这张照片的是我"): the relation after it is the one who took the photo."""
    clause = _owner_cut(_clause_before(head), words, vocab)
    lead = next((lead for lead in words.cleft_leads if clause.endswith(lead)), None)
    if lead is None:
        return None
    return len(head) - len(_clause_before(head)) + len(clause) - len(lead)


def _inside_pronoun(text: str, start: int, end: int, vocab: StatementVocabulary) -> bool:
    """The relation ends a first-person word of the signer's: "本工作室拍摄" (our studio shot it)."""
    return any(
        pronoun.endswith(text[start:end]) and text[max(0, end - len(pronoun)) : end] == pronoun
        for pronoun in _caseless_pronouns(vocab)
    )


def _clause_before(head: str) -> str:
    """The clause `head` ends with: back to punctuation or the line's start."""
    line = head.rsplit("\n", 1)[-1]
    stops = list(_NAME_STOP.finditer(line))
    return line[stops[-1].end() :] if stops else line


def _is_object(head: str, words: CaselessRelations, vocab: StatementVocabulary) -> bool:
    """The relation follows a word making it an object or a companion, perhaps with a possessive
    between: "我给父亲", "我和我的朋友", "為我母親"."""
    clause = _owner_cut(_clause_before(head), words, vocab)
    return any(clause.endswith(word) for word in words.relation_objects)


def _verb_after(
    tail: str, words: CaselessRelations, vocab: StatementVocabulary, between: int = 0
) -> tuple[int, int] | None:
    """Where the first taking verb in the clause of `tail` starts and ends, at most `between` characters
    (`_MAX_BETWEEN` unless given) after its start."""
    between = between or _MAX_BETWEEN
    reach = between + max((len(v) for v in words.take_verbs), default=0)
    line, bracketed = _clause_over_brackets(tail, reach)
    found = [
        (at, end)
        for verb in words.take_verbs
        for at, end in _occurrences(line, verb)
        if not bracketed[at]
        and at - sum(bracketed[:at]) <= between
        and not any(_holds(line, at, word) for word in vocab.caseless_not_credit)
    ]
    return min(found, key=lambda span: (span[0], -span[1]), default=None)  # "拍摄", not "拍"


def _clause_over_brackets(tail: str, reach: int) -> tuple[str, list[bool]]:
    """The clause `tail` starts, up to punctuation, the line's end or `reach` characters, over brackets:
    "同事王磊博士（时任鸟类监测组组长，现已调往厦门工作站）于2024年1月…拍摄" names a title in brackets, which
    neither ends the clause nor counts. With it, for each character, whether it stands in brackets."""
    depth = counted = 0
    bracketed: list[bool] = []
    for char in tail:
        if char in "(\uff08":
            depth += 1
        elif char in ")\uff09" and depth:
            depth -= 1
        elif not depth:
            if char == "\n" or _NAME_STOP.match(char) or counted >= reach:
                break
            counted += 1
        bracketed.append(bool(depth) or char in ")\uff09")
    return tail[: len(bracketed)], bracketed


def _first_person(text: str, words: CaselessRelations) -> bool:
    """A first-person subject in `text`, leaving out the first-person words that are none ("帮我")."""
    for phrase in words.not_subjects:
        text = text.replace(phrase, " ")
    return any(subject in text for subject in words.subjects)


def _subject_named(
    between: str, words: CaselessRelations, vocab: StatementVocabulary
) -> tuple[str | None] | None:
    """The relation is the subject of the verb after `between`: (its name or None), else None.

    Right after the relation a subject particle ("아버지가"), a name (Han: two to four characters up to
    a stop word, "王伟在…"; Hangul: a word with its subject particle, "김민수가", or an honorific, "이지은
    씨가") or nothing may stand; a break word there ("的", "是", "를", "의") or a first-person subject
    further on ("제가") makes it something else."""
    if any(between.startswith(word) for word in words.relation_breaks):
        return None
    particle = next((p for p in words.subject_particles if between.startswith(p)), "")
    name: str | None = None
    rest = between[len(particle) :]
    if not particle and rest.strip():
        found = _leading_name(rest, words, vocab)
        if found is None:
            return None
        name, rest = found
    if any(rest.lstrip().startswith(word) for word in words.relation_breaks) or _first_person(rest, words):
        return None
    return (name,)


def _leading_name(
    text: str, words: CaselessRelations, vocab: StatementVocabulary
) -> tuple[str | None, str] | None:
    """The name at the start of `text` and what follows it; (None, text) where none stands there (a
    stop word, a time: "在1985年", "1980년에"); None where a Hangul word is no subject ("친구 사진을")."""
    stripped = text.lstrip()
    run = re.match(rf"[{CJK_LETTERS}\uac00-\ud7af]+", stripped)
    if run is None:
        return None, text
    word = run.group()
    if _HANGUL.match(word):
        rest = stripped[len(word) :]
        suffix = next((s for s in vocab.name_suffixes if rest.lstrip().startswith(s)), "")
        if suffix:  # "이지은 씨가"
            rest = rest.lstrip()[len(suffix) :]
            particle = next((p for p in words.subject_particles if rest.startswith(p)), "")
            return (word, rest[len(particle) :]) if particle or not rest.strip() else None
        particle = next((p for p in words.subject_particles if word.endswith(p) and len(word) > len(p)), "")
        return (word[: -len(particle)], rest) if particle else None
    stop = min((at for s in words.name_stops if (at := word.find(s)) >= 0), default=len(word))
    name = _without_suffix(word[:stop], vocab)
    if not 2 <= len(name) <= _MAX_HAN_NAME:
        return None, text
    return name, stripped[len(name) :]


def _agent_named(tail: str, words: CaselessRelations, vocab: StatementVocabulary) -> str | None:
    """A name right after a photographer word that ends its clause: "我们的摄影师张强。"."""
    line = tail.split("\n", 1)[0]
    stop = _NAME_STOP.search(line)
    clause = line[: stop.start() if stop else None].strip()
    name = _without_suffix(clause, vocab)
    if _HANGUL.search(name) or " " in name or not 2 <= len(name) <= _MAX_HAN_NAME:
        return None
    return name if re.fullmatch(f"[{CJK_LETTERS}]+", name) else None


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
    ("先代である祖父・松田清" -> 祖父・松田清; hiragana there are particles and endings). A name in brackets
    right before is the one: "外部のカメラマン（スタジオ・タナカの田中一郎様）" -> 田中一郎様."""
    line = head.rsplit("\n", 1)[-1]
    closed = line.rstrip()
    if closed.endswith(("）", ")")):
        opened = max(closed.rfind("（"), closed.rfind("("))
        if opened >= 0:
            return _named_before(closed[opened + 1 : -1], vocab) or _named_before(closed[:opened], vocab)
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


# Prepositions and adverbs that open a time, place or instrument phrase after a first-person subject in
# Chinese ("于2025年", "在展厅", "亲自", "用自己的相机"): what follows the pronoun is no one else's name.
_TIME_PLACE_LEADS = ("于", "於", "在", "从", "從", "亲自", "親自", "独自", "獨自", "单独", "單獨", "曾")
_ADVERBIAL_LEADS = (*_TIME_PLACE_LEADS, "用", "使用", "拿", "借")  # and an instrument: "用自己的相机"


# "this" or "our humble" before the last character of the holder's name: "当窯" (this kiln), "本宮" (this
# temple), "弊館" (our museum)
_HOUSE_MARKS = ("当", "當", "弊", "敝", "本")


# Characters a department's name may have after a house pronoun: "広報部" (PR), "宣传部", "홍보팀".
_UNIT_LENGTH = 6
# Characters before a unit word that name its work, not another body: "広報部", "写真課".
_BARE_UNIT_HEAD = 2


def _is_signers(name: str, holder_names: Sequence[str], vocab: StatementVocabulary) -> bool:
    """The credited name is the signer's: first-person words only ("我自己", "私たち"), or it ends with a
    holder's name ("本團團長黃怡君"), whatever stands before."""
    plain = "".join(_without_suffix(name, vocab).split())
    # "由我们团队自行设计": "by ourselves" after the team is no part of who it is
    plain = next((plain[: -len(w)] for w in vocab.caseless_relations.self_words if plain.endswith(w)), plain)
    rest = plain
    while rest:
        pronoun = max((p for p in _caseless_pronouns(vocab) if rest.startswith(p)), key=len, default="")
        if not pronoun:
            break
        rest = rest[len(pronoun) :]
    if not rest or (rest != plain and rest.startswith(_ADVERBIAL_LEADS)):
        return True  # "由我本人于2025年4月…拍摄": first-person words, then when or where
    if rest != plain and all(_HIRAGANA.fullmatch(letter) for letter in rest):
        return True  # "撮影者は私本人ですので": first-person words, then a copula and particles
    if rest != plain and len(rest) <= _UNIT_LENGTH and rest.endswith(vocab.caseless_units):
        return True  # "当社広報部が撮影": the holder's own department took it
    if any(rest.endswith(unit) and len(rest) - len(unit) <= _BARE_UNIT_HEAD for unit in vocab.caseless_units):
        return True  # "当館の広報部に撮影を依頼": a department named by its work alone is the holder's
    if (
        len(plain) == 2
        and plain[0] in _HOUSE_MARKS
        and any(holder.endswith(plain[1]) for holder in holder_names)
    ):
        return True  # "当窯が撮影" in a mail from 桜井窯 (a kiln): the house's own word for itself
    folded = plain.casefold()
    return any(
        len(holder) >= 2 and folded.endswith(holder)
        for holder in ("".join(name.split()).casefold() for name in holder_names)
    ) or is_holder_name(plain, holder_names, vocab)
