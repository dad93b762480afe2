"""The signature block at the end of a statement: who signs, for which organisation, and which brands
and company names the holder goes by."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from verification.licenses import fold, tokenize
from verification.statement.credits import credit_at, is_agent
from verification.statement.names import legal_form_at, legal_forms_from, name_run
from verification.statement.vocabulary import StatementVocabulary
from verification.statement.websites import BARE_DOMAIN, URL, is_site
from verification.statement.words import CASELESS_RUN, word_tokens

# A separator starts where a run of spaces starts (or at the mark): tried from inside the run too, each
# try would scan the rest of it, quadratic in its length.
_PART_SEPARATORS = re.compile(r"(?<!\s)\s+[-–—|·•/]\s+|(?:(?<!\s)\s+)?[,;|·•]\s*|(?<!\s)\s+[-–—]$")
_BRACKETED = re.compile(r"^(.+?)\s*[(（]\s*(.+?)\s*[)）]$")
_SIGNATURE_LINES = 10
_MAX_COMPANY_LINE = 300  # characters of a company line ("株式会社星空写真（Hoshizora Shashin Co., Ltd.）")
_SIGNATURE_LINE_WORDS = 10
_NAME_QUOTES = str.maketrans(dict.fromkeys('"“”„«»', " "))


@dataclass(frozen=True)
class Signature:
    """What the signature block at the end of the statement says."""

    lines: tuple[str, ...]
    person: str | None
    organisation: str | None
    brands: tuple[str, ...]


def read_signature(text: str, vocab: StatementVocabulary) -> Signature:
    lines = _signature_lines(text, vocab)
    person: str | None = None
    organisation: str | None = None
    brands: list[str] = []
    for number, line in enumerate(lines):
        parts = _parts(line, vocab)
        if any(_DATE.fullmatch(part) for part in parts[1:]):
            continue  # "Bad Neuenahr-Ahrweiler, 05.12.2026": the place a statement was signed, and when
        for position, part in enumerate(parts):
            if part[:1].isdigit():
                break  # a street address ("1 Esplanade, Kestrel Bay"): the town after it names nobody
            titled = _titled_person(part, vocab)
            if titled is not None:
                person = person or titled
                break
            title_org = _title_org(part, parts[position + 1 :], lines[number + 1 :], vocab)
            if title_org is not None:
                organisation = organisation or title_org
                break
            if _is_credit(part, vocab):
                continue  # "Fotografie de Ion Popescu" credits someone; it is no name of the holder
            company = _company_names(part, vocab)
            if company:
                brands.extend(company)
                continue
            name = _whole_name(part, vocab) or _organisation_line(part, vocab)
            if name is None:
                continue
            if (
                person is None
                and not is_organisation(name, vocab)
                and not _company_elsewhere(name, text, vocab)
            ):
                person = name
            else:
                brands.append(name)
    if person is None and organisation is None:
        person = _han_signed_name(lines, vocab)
    return Signature(tuple(lines), person, organisation, tuple(brands))


# A Chinese or Japanese name on a signature line of its own: "周明轩", "佐々木 智子" (surname, a space, given
# name). Han only: kana and Hangul spell ordinary words of that length too.
_HAN = "\u3400-\u4dbf\u4e00-\u9fff々"
_HAN_NAME = re.compile(rf"[{_HAN}]{{2,4}}|[{_HAN}]{{1,3}} [{_HAN}]{{1,3}}")


def _without_closing_words(words: list[str], vocab: StatementVocabulary) -> list[str]:
    """The words of a signature line without the closing written after the name: "陳怡君 敬上"
    (respectfully submitted)."""
    while len(words) > 1 and _is_closing(words[-1], vocab, whole=True):
        words = words[:-1]
    return words


def _han_signed_name(lines: Sequence[str], vocab: StatementVocabulary) -> str | None:
    """The first signature line that is nothing but a name in Han, perhaps after a title and before a
    closing ("總幹事　黃文德　敬上"), which the name reader, built on capitals, does not see; not one under a
    caption word ("摄影： / 王伟" credits a photographer), nor a title, unit, closing or organisation
    ("总经理", "広報室", "此致", "慈雲宮")."""
    for number, line in enumerate(lines):
        words = line.split()
        if not words or not all(word.isalpha() for word in words):
            continue  # a greeting ("維基共享資源 您好："), a label, a number: no name alone
        words = _without_closing_words(words, vocab)
        while len(words) > 1 and fold(words[0]) in vocab.titles:
            words.pop(0)
        name = " ".join(words)
        if not _HAN_NAME.fullmatch(name):
            continue
        above = lines[number - 1] if number else ""
        if above.endswith((":", "：")) or fold(above.rstrip(":：")) in vocab.caption_labels:
            continue
        forms = (fold(name), fold(name.replace(" ", "")))
        tables = (vocab.titles, vocab.not_names, vocab.photo_nouns, vocab.caption_labels)
        if (
            any(form in table for form in forms for table in tables)
            or name.endswith(vocab.caseless_units)
            or is_organisation(name, vocab)
            or _is_closing(name, vocab, whole=True)
        ):
            continue
        return name
    return None


def _is_title(norm: str, raw: str, vocab: StatementVocabulary) -> bool:
    """A title word, its accents as a title's: Irish "Máire" (a name) is no French "maire" (mayor)."""
    return norm in vocab.titles and not vocab.titles.accented_otherwise(raw)


def _company_elsewhere(name: str, text: str, vocab: StatementVocabulary) -> bool:
    """The text writes the name with a legal form after it: a footer's "Lukanda Il-Qala Blu | Triq il-Port"
    is the company the statement calls "Lukanda Il-Qala Blu Ltd", not a person signing."""
    start = text.find(name)
    while start >= 0:
        tokens = word_tokens(text[start + len(name) : start + len(name) + 40])
        if tokens and legal_form_at(tokens, 0, vocab, tokens[0].line) > 0:
            return True
        start = text.find(name, start + 1)
    return False


def _is_credit(part: str, vocab: StatementVocabulary) -> bool:
    tokens = word_tokens(part)
    return bool(tokens) and credit_at(part, tokens, 0, vocab, ()) is not None


def _company_names(part: str, vocab: StatementVocabulary) -> list[str]:
    """A company line and the names it gives, also in brackets: "株式会社星空写真（Hoshizora Shashin Co.,
    Ltd.）" gives both names. A side is a company by a legal form or an organisation word, or in Han or
    Hangul by an organisation suffix; its partner in brackets is then the same company."""
    if len(part) > _MAX_COMPANY_LINE:
        return []  # and _BRACKETED, which backtracks, stays linear
    bracketed = _BRACKETED.match(part)
    sides = [bracketed.group(1), bracketed.group(2)] if bracketed else [part]
    names = [_caseless_org(side, vocab) or _whole_name(side, vocab) for side in sides]
    if not any(name and (is_organisation(name, vocab) or CASELESS_RUN.search(name)) for name in names):
        return []
    if not bracketed and names[0] and not CASELESS_RUN.search(names[0]):
        return []  # a plain Latin organisation line: the existing reading keeps it
    return [name for name in names if name]


def _caseless_org(part: str, vocab: StatementVocabulary) -> str | None:
    """A part in Han, kana or Hangul that ends or starts with an organisation word ("株式会社星空写真",
    "星空摄影有限公司", "주식회사 별빛사진")."""
    cleaned = unicodedata.normalize("NFC", " ".join(part.split()))
    if not cleaned or len(cleaned) > 30 or len(cleaned.split()) > 3:
        return None
    if not all(c.isalpha() or c == " " for c in cleaned) or not CASELESS_RUN.search(cleaned):
        return None
    ends = any(cleaned.startswith(suffix) or cleaned.endswith(suffix) for suffix in vocab.org_suffixes)
    return cleaned if ends else None


def _signature_lines(text: str, vocab: StatementVocabulary) -> list[str]:
    """The short lines at the end of the text, top to bottom, greetings and closings left out.

    Footers under the signature are passed over: copyright lines ("© 2025 Acme. All rights reserved."),
    before any short line was kept up to `footer_prose_lines` lines of prose (a disclaimer), and a block
    under a "--" separator that names nobody ("Sent from my phone", a phone number).
    """
    kept: list[str] = []
    skipped = 0
    upward = [raw.strip() for raw in reversed(text.splitlines())]
    wrapped = _wrapped_prose(upward, vocab.wrapped_line_length)
    crossed = False  # a "--" passed to the name under the closing: the closing ends the signature
    for number, line in enumerate(upward):
        if number in wrapped:  # a disclaimer the mail program wrapped into short lines: one prose line
            if number > 0 and upward[number - 1]:
                continue  # the paragraph's lines above its last
            if kept or skipped >= vocab.footer_prose_lines:
                break
            skipped += 1
            continue
        if crossed and line and _is_closing(line, vocab, whole=True):
            break
        if not line or line.startswith(("[", ">")) or _is_closing(line, vocab, whole=True):
            continue
        if _is_footer(line, vocab):
            continue
        words = [word for word in line.split() if any(c.isalpha() for c in word)]
        # "Dusios k., Lazdijų r. sav.": abbreviations inside an address line make no sentence
        abbreviations = sum(1 for word in words[:-1] if _ABBREVIATION.fullmatch(word))
        lower = sum(1 for word in words if word[0].islower()) - abbreviations
        prose = (
            len(words) > _SIGNATURE_LINE_WORDS
            or (lower >= 2 and line[-1] in ".!?:" and not _ends_in_legal_form(line, vocab))
            or _UNSPACED_SENTENCE.search(line) is not None
        )
        if prose and not kept and skipped < vocab.footer_prose_lines:
            skipped += 1
            continue
        if prose or len(kept) >= _SIGNATURE_LINES:
            break
        if line == "--":
            if _closing_just_above(upward, number + 1, vocab):
                # "Mit freundlichen Grüßen / Dr. K. Seidel / -- / Stadtmuseum …": one signature
                crossed = True
                continue
            if any(_whole_name(part, vocab) for kept_line in kept for part in _parts(kept_line, vocab)):
                break
            kept, skipped = [], 0  # "-- / Sent from my phone": a device tag or phone line, no signature
            continue
        kept.append(line)
    return list(reversed(kept))


# A short lower-case word cut with a full stop: "k.," (kaimas), "r." (rajonas), "str.", "ul.".
_ABBREVIATION = re.compile(r"[^\W\d]{1,4}\.,?")


# A date after a place on a signature line: "05.12.2026", "5. Dezember 2026", "den 5.12.2026", "2026-12-05".
_DATE = re.compile(
    r"(?:\w{1,4} )?(?:\d{1,2}[./-] ?\d{1,2}[./-] ?\d{2,4}|\d{1,2}\.? \w+\.? \d{4}|\d{4}-\d{2}-\d{2})"
)


# Lines under a name a statement's signature may hold before its date: a title, an organisation.
_LINES_TO_DATE = 2


def dated_signers(text: str, vocab: StatementVocabulary) -> tuple[str, ...]:
    """The persons who sign a statement in the text, in order: a block of lines opened by a person's whole
    name and closed by a date at most two lines under it ("Karen Moore / Owner, Maple Hollow Farm /
    12/7/2026"), as the Release Generator signs. A mail may carry two statements, each its holder's."""
    lines = [line.strip() for line in text.splitlines()]
    signers: list[str] = []
    for number, line in enumerate(lines):
        if not line or not any(_DATE.fullmatch(part) for part in _parts(line, vocab)):
            continue
        top = number
        while top > 0 and number - top < _LINES_TO_DATE and lines[top - 1]:
            top -= 1
        if top == number or (top > 0 and lines[top - 1]):
            continue  # no name above the date, or a longer block: a letter's signature, an address
        name = _whole_name(lines[top], vocab)
        if name is None or len(name.split()) < 2 or is_organisation(name, vocab) or name in signers:
            continue
        signers.append(name)
    return tuple(signers)


# Thai, Lao, Khmer and Burmese write a sentence without spaces: a long run of their letters is prose, not a
# name ("พ่อของฉันเป็นคนถ่ายภาพนี้เมื่อปี 2518"; a name is "สมหญิง ใจดี").
_UNSPACED_SENTENCE = re.compile(r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]{15,}")


def _wrapped_prose(upward: Sequence[str], wrapped_length: int) -> set[int]:
    """The lines (numbered from the text's end) of paragraphs a mail program wrapped from long lines of
    prose: every line but the last at least `wrapped_length` long or ending a sentence, more words in all
    than a signature line holds, half of them lower-case."""
    found: set[int] = set()
    paragraph: list[int] = []
    for number in range(len(upward) + 1):
        line = upward[number] if number < len(upward) else ""
        if line:
            paragraph.append(number)
            continue
        if len(paragraph) >= 2:
            top_down = [upward[i] for i in reversed(paragraph)]
            words = [word for line in top_down for word in line.split() if word[:1].isalpha()]
            lower = sum(1 for word in words if word[0].islower())
            if (
                len(words) > _SIGNATURE_LINE_WORDS
                and 2 * lower >= len(words)
                # a short line inside ends a sentence ("… par quiconque.\nPensez à l'environnement …")
                and all(len(line) >= wrapped_length or line[-1] in ".!?" for line in top_down[:-1])
            ):
                found.update(paragraph)
        paragraph = []
    return found


# Lines a name and its role may take between a closing and a "--" separator.
_SIGNED_ABOVE_SEPARATOR = 3


def _closing_just_above(upward: Sequence[str], start: int, vocab: StatementVocabulary) -> bool:
    """A closing stands at most `_SIGNED_ABOVE_SEPARATOR` short lines above the separator (lines counted
    from the text's end at `start`): the name under the closing and the block under the separator sign
    together."""
    short = 0
    for line in upward[start:]:
        if not line:
            continue
        if _is_closing(line, vocab, whole=True):
            return short > 0
        short += 1
        if short > _SIGNED_ABOVE_SEPARATOR or len(line.split()) > _SIGNATURE_LINE_WORDS or line[-1] in ".!?:":
            return False
    return False


def uncased_name_under_closing(text: str, vocab: StatementVocabulary) -> str | None:
    """The line right under the last closing, when it is two to four words of a script without capitals
    ("ขอบคุณค่ะ / พิมพ์ชนก ศรีสุวรรณ", "مع الشكر، / كريم حداد"): the signer's name, which the name reader,
    built on capitals, does not see."""
    lines = [line.strip() for line in text.splitlines()]
    for number in range(len(lines) - 1, -1, -1):
        if lines[number] and _is_closing(lines[number], vocab, whole=True):
            below = _without_titles(next((line for line in lines[number + 1 :] if line), ""), vocab)
            words = _without_closing_words(below.split(), vocab)
            below = " ".join(words)
            if 2 <= len(words) <= _UNCASED_NAME_WORDS and all(_uncased_word(word) for word in words):
                return below
            return None
    return None


_UNCASED_NAME_WORDS = 4


def _without_titles(line: str, vocab: StatementVocabulary) -> str:
    """The line without the titles written before the name with dots: "ผศ.ดร.สมศักดิ์ วงศ์ใหญ่"."""
    head, dot, rest = line.partition(".")
    while dot and fold(head.strip()) in vocab.honorifics:
        line = rest.lstrip()
        head, dot, rest = line.partition(".")
    return line


def _uncased_word(word: str) -> bool:
    """Letters (and the marks written on them) of a script without capitals."""
    return any(char.isalpha() for char in word) and all(
        (char.isalpha() and char.lower() == char.upper()) or unicodedata.category(char).startswith("M")
        for char in word
    )


def _ends_in_legal_form(line: str, vocab: StatementVocabulary) -> bool:
    """The line's last full stop belongs to a legal form ("jednatel, Pivovar Horní Lhota s.r.o."): a
    title line, not a sentence."""
    tokens = word_tokens(line)
    return any(legal_form_at(tokens, i, vocab, tokens[i].line) == len(tokens) for i in range(len(tokens)))


def _is_footer(line: str, vocab: StatementVocabulary) -> bool:
    """A copyright line: "© 2025 Acme", "Copyright (C) 2025 Acme Co., Ltd. All rights reserved."."""
    tokens = word_tokens(line)
    return bool(tokens) and (
        tokens[0].norm in vocab.footer_marks or [t.norm for t in tokens[:3]] == ["(", "c", ")"]
    )


def _is_closing(line: str, vocab: StatementVocabulary, whole: bool = False) -> bool:
    """The line is a greeting or closing ("Kind regards,"), or closings joined ("Best wishes and thank
    you"); unless `whole`, a name may follow it."""
    tokens = tokenize(line)
    found = vocab.closings.match(tokens, 0)
    if found is None:
        return False
    end = found.length
    while end + 1 < len(tokens) and tokens[end].norm in _CLOSING_JOINERS:
        more = vocab.closings.match(tokens, end + 1)
        if more is None:
            break
        end += 1 + more.length
    return end == len(tokens) or (not whole and tokens[end].gap)


# Words that join two closings on one line: "Best wishes and thank you", "Grüße und Dank".
_CLOSING_JOINERS = frozenset(
    {"and", "und", "et", "y", "e", "en", "i", "och", "og", "ja", "es", "si", "и", "і", "та"}
)


def _parts(line: str, vocab: StatementVocabulary) -> list[str]:
    """A signature line without its URLs and addresses, cut at separators ("Jane Roe, CEO | Acme")."""
    stripped = URL.sub(" ", line)
    if "@" in stripped:  # the pattern backtracks over long runs without spaces
        stripped = re.sub(r"\S+@\S+", " ", stripped)
    stripped = BARE_DOMAIN.sub(lambda m: " " if is_site(m, vocab) else m.group(), stripped)
    raw_parts: list[str] = []
    for part in _PART_SEPARATORS.split(stripped):
        if raw_parts and _only_legal_forms(part, vocab):
            raw_parts[-1] = (
                f"{raw_parts[-1].rstrip()}, {part.strip()}"  # "Co., Ltd.": the comma is the name's
            )
        else:
            raw_parts.append(part)
    # a hotel's stars after its name are no part of it: "Hotel Alpenrose ****", "Pension Lindenhof ★★★"
    parts = [part.strip(" -–—:.").rstrip(" *★☆").strip(" -–—:.") for part in raw_parts]
    if len(parts) > 1 and _only_caption_labels(parts[0], vocab):
        return []  # "Photo – John Smith", "צילום – יוסי מזרחי": a caption's credit, no one's signature
    return [part for part in parts if part and not _is_closing(part, vocab)]


def _only_caption_labels(part: str, vocab: StatementVocabulary) -> bool:
    """Caption labels that name no trade: "Photo", "צילום"; not "Fotograf" ("Fotograf – Leipzig" is the
    signer's trade and town)."""
    words = [token for token in word_tokens(part) if token.is_word]
    return bool(words) and all(
        token.norm in vocab.caption_labels
        and token.norm not in vocab.agents
        and not token.norm.endswith(vocab.agent_endings)
        for token in words
    )


def _only_legal_forms(part: str, vocab: StatementVocabulary) -> bool:
    tokens = [token for token in word_tokens(part) if token.is_word or token.raw in {".", "/", "&"}]
    return bool(tokens) and legal_forms_from(tokens, 0, vocab) == len(tokens)


def _whole_name(part: str, vocab: StatementVocabulary) -> str | None:
    """The part when it is nothing but a name of 2-4 capitalised words (organisations up to 8), quotes
    around one of them left out ('MKS "Sokół" Brzeziny Górne')."""
    part = " ".join(part.translate(_NAME_QUOTES).split())
    tokens = word_tokens(part)
    if any(token.raw.isdigit() for token in tokens):
        return None
    run = name_run(part, tokens, 0, vocab, org=True)
    if run is None or run[1] != len(tokens):
        return None
    words = [token for token in word_tokens(run[0]) if token.is_word]  # "Rvdo. D." before it not counted
    # "Associació Carnavalera Els Bojos del Vendrell": the name read after its organisation lead
    organisation = is_organisation(run[0], vocab) or is_organisation(part, vocab)
    if not organisation and not 2 <= len(words) <= 4:
        return None
    return run[0]


def _organisation_line(part: str, vocab: StatementVocabulary) -> str | None:
    """A signature line that is an organisation's name with lower-case words in it, as French and other
    languages write them: "Office de tourisme du Val d'Ornain", "Musée des beaux-arts de Lyon". An
    organisation word first, capitalised (not "Arne Haugland fotoarkiv", a photographer's archive), a
    lower-case word that is no particle after it (else the name reader reads it), no trade or relation,
    words and joining marks only, at most `_ORGANISATION_LINE_WORDS` words."""
    tokens = word_tokens(part)
    words = [token for token in tokens if token.is_word]
    if (
        not 2 <= len(words) <= _ORGANISATION_LINE_WORDS
        or not tokens[0].is_word
        or not tokens[0].capitalised
        or any(not token.is_word and token.raw not in _ORGANISATION_LINE_MARKS for token in tokens)
        or any(token.raw.isdigit() for token in tokens)
        # "Архів фотографа Олександра Коваленка": a photographer's archive credits the photographer
        or any(is_agent(token.norm, vocab) or token.norm in vocab.relations for token in words)
        or words[0].norm not in vocab.org_words
        or not any(_common_word(word.raw, word.norm, vocab) for word in words[1:])
    ):
        return None
    return " ".join(part.split())


def _common_word(raw: str, norm: str, vocab: StatementVocabulary) -> bool:
    """A lower-case word that is no particle: "tourisme" of "Office de tourisme du Val d'Ornain"."""
    return raw.islower() and norm not in vocab.particles and norm not in vocab.org_particles


_ORGANISATION_LINE_WORDS = 8
_ORGANISATION_LINE_MARKS = frozenset("'’-&")


# Articles no person's name opens with, as written: "The Lantern Rows", "Los Lobos", "Die Ärzte" (not "De",
# "La", "Da": particles of surnames, "De Luca", "La Rosa")
_ORGANISATION_ARTICLES = frozenset({"The", "Les", "Los", "Las", "Die", "Das", "Het"})


def is_organisation(name: str, vocab: StatementVocabulary) -> bool:
    """An organisation word, a legal form or an organisation suffix in the name ("Museum", "GmbH",
    "Pallo ry", "株式会社", "資料館"), or an article or organisation prefix opening it ("The Lantern Rows",
    "วัดป่าสักน้อย")."""
    tokens = word_tokens(name)
    written = unicodedata.normalize("NFC", name)  # as the forms and suffixes are kept
    return (
        (written.split(maxsplit=1) or [""])[0] in _ORGANISATION_ARTICLES
        or any(
            token.norm in vocab.org_words or _org_compound(token.norm, vocab)
            for token in tokens
            if token.is_word
        )
        or any(legal_form_at(tokens, i, vocab, tokens[i].line) > i for i in range(len(tokens)))
        or any(form in written for form in vocab.legal_forms.inside)
        or written.endswith(vocab.org_suffixes)
        or (bool(vocab.org_prefixes) and written.startswith(vocab.org_prefixes))
    )


def _org_compound(norm: str, vocab: StatementVocabulary) -> bool:
    """A word an organisation word ends, longer than it: "havnemuseum", "heimatverein"."""
    return norm.endswith(vocab.org_word_endings) and not any(
        norm == ending for ending in vocab.org_word_endings
    )


def _titled_person(part: str, vocab: StatementVocabulary) -> str | None:
    """The name after a title, in a script without capitals: "代表　星野 健一（Kenichi Hoshino）" (the
    representative, Hoshino Ken'ichi), "대표 김민수"; a romanised name in brackets after it left out."""
    bracketed = _BRACKETED.match(part)
    words = _without_closing_words((bracketed.group(1) if bracketed else part).split(), vocab)
    if not 2 <= len(words) <= 3 or not _is_title(fold(words[0]), words[0], vocab):
        return None
    name = " ".join(words[1:])
    if not all(CASELESS_RUN.fullmatch(word) for word in words[1:]) or is_organisation(name, vocab):
        return None
    return name


def _title_org(
    part: str, rest_of_line: Sequence[str], next_lines: Sequence[str], vocab: StatementVocabulary
) -> str | None:
    """The organisation of a title: "CEO, X", "Director of Marketing / X" (next line), "Director of X".

    The rest of the line comes first, then an organisation on the next line (the title line may name a
    department: "Head of Communications"), then the name after the title itself ("Dyrektor Muzeum X").
    """
    tokens = word_tokens(part)
    words = [token for token in tokens if token.is_word]
    if not words or not any(_is_title(token.norm, token.raw, vocab) for token in words[:3]):
        return None
    below = _parts(next_lines[0], vocab)[:1] if next_lines else []
    company_below = next((part for part in below if is_organisation(part, vocab)), None)
    for following in rest_of_line:
        name = _whole_name(following, vocab) or _org_run(following, vocab)
        if name:
            # "Head - Brand Communications" over "Kesar Tea Estates Pvt. Ltd.": a department, the firm below
            return company_below if company_below and not is_organisation(name, vocab) else name
    for candidate in below:
        # "Festival de Kerkennah des musiques méditerranéennes": the name, before the words describing it
        name = (
            _whole_name(candidate, vocab)
            or _org_run(candidate, vocab)
            or _organisation_line(candidate, vocab)
        )
        if name and is_organisation(name, vocab):
            return name
    for index, token in enumerate(tokens):
        connector = token.norm in vocab.title_connectors
        if connector or (index > 0 and token.capitalised and token.norm not in vocab.titles):
            run = name_run(part, tokens, index + 1 if connector else index, vocab, org=True)
            if run is not None:
                return run[0]
    if len(words) == len(tokens) and next_lines:  # "CEO" alone on its line, the organisation below
        return _whole_name(next_lines[0], vocab)
    return None


def _org_run(part: str, vocab: StatementVocabulary) -> str | None:
    run = name_run(part, word_tokens(part), 0, vocab, org=True)
    return run[0] if run else None
