"""Who speaks in a release, for whom, where the holder lives on the web, and what it says of authorship.

The release is read from the sender's own words and from forwarded text, never from quoted replies (an
agent's quoted question that lists licenses or names is not the holder speaking). Names are read in
three ways, most explicit first: a template around a slot ("I, {name},", "on behalf of {org}"), the
signature block at the end of the statement, and the From display name. Captions ("Kuva: X") are read
in any language from a label and a colon. Organisation names end with their legal forms ("Co., Ltd.",
"ry"), which are left out when names are compared; in Han, kana and Hangul, which have no capitals, an
organisation is found by its legal form or organisation word ("株式会社星空写真を代表して"). Every
template and word list lives in config/statement.toml, grouped by language.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Self
from urllib.parse import urlsplit

from verification.config_values import strings
from verification.errors import ConfigError
from verification.licenses import (
    CJK_LETTERS,
    LicenseVocabulary,
    PhraseTable,
    Token,
    fold,
    read_license,
    tokenize,
)
from verification.model import Credit, LicenseFinding, LicenseProblem, ParsedMessage, SegmentKind, Statement

_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*|[^\w\s]")
_ELISION = re.compile(r"([^\W\d_A-Z]{1,5})['’](?=[^\W\d_])")
_URL = re.compile(r"\bhttps?://[^\s<>\"'()\[\]{}]+", re.IGNORECASE)
# A host name written without a scheme; its labels may be Unicode ("www.müller-glasbau.de", "www.例え.jp"),
# since the holder writes the name as they read it (the lead's domain tools convert it to punycode).
_BARE_DOMAIN = re.compile(
    r"(?<![\w@.\-/:])((?:www\.)?(?:[^\W_](?:(?:[^\W_]|-){0,61}[^\W_])?\.)+([^\W\d_]{2,24}))"
    r"(/[^\s<>\"'()\[\]{}]*)?(?![\w@-])",
    re.IGNORECASE,
)
_TRAILING_PUNCTUATION = ".,;:!?'\""
_PART_SEPARATORS = re.compile(r"\s+[-–—|·•/]\s+|\s*[,;|·•]\s*|\s+[-–—]$")
_SLOTS = ("{name}", "{org}")
# Letters of scripts without case, where a name cannot be told by its capital: Han, kana, Hangul.
_CASELESS_RUN = re.compile(rf"[{CJK_LETTERS}\uac00-\ud7af]+")
# Opening quotes and the marks that close them: "от имени ООО «Звезда»", "im Namen der „Glasbau Maier“".
_QUOTES = {"«": "»", "“": "”", "„": "“”", '"': '"', "‹": "›", "「": "」", "『": "』"}
_PLAIN_WORDS = re.compile("[\u3041-\u309f\uac00-\ud7af]")  # hiragana and Hangul
_BRACKETED = re.compile(r"^(.+?)\s*[(（]\s*(.+?)\s*[)）]$")
_CLAUSE_MARKS = frozenset(",;()[]–—-|/")
_GRANTS = frozenset(
    {
        LicenseProblem.NON_COMMERCIAL,
        LicenseProblem.NO_DERIVATIVES,
        LicenseProblem.WIKIPEDIA_ONLY,
        LicenseProblem.NOT_FREE,
        LicenseProblem.PUBLIC_DOMAIN_ONLY,
    }
)
_MAX_PERSON_WORDS = 5
_MAX_ORG_WORDS = 8
_SIGNATURE_LINES = 10
_SIGNATURE_LINE_WORDS = 10
_RELATION_WINDOW = 5
# Inflected names (see same_name_word): shared stem, ending letters replaced in the name / in the title.
_NAME_STEM = 4
_NAME_ENDING = 3
_WORD_ENDING = 3
_SHORT_ENDING = 2


# --- words -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Tok:
    """A word or a punctuation mark, with its folded form, its span and its line."""

    raw: str
    norm: str
    start: int
    end: int
    line: int

    @property
    def is_word(self) -> bool:
        return self.raw[0].isalnum()

    @property
    def capitalised(self) -> bool:
        return self.raw[0].isupper()


def _tokens(text: str) -> tuple[_Tok, ...]:
    """Words (hyphens and apostrophes inside kept: "Anne-Marie", "O'Brien") and punctuation marks.

    A lower-case elision is its own word ("l'Orchestre" -> l, Orchestre; "dell'Arte" -> dell, Arte), so
    that the name after it is seen capitalised.
    """
    out: list[_Tok] = []
    line = 0
    previous = 0
    for match in _WORD.finditer(text):
        line += text.count("\n", previous, match.start())
        previous = match.start()
        start, raw = match.start(), match.group()
        elision = _ELISION.match(raw)
        if elision:
            head = elision.group(1)
            out.append(_Tok(head, fold(head), start, start + len(head) + 1, line))
            start, raw = start + elision.end(1) + 1, raw[elision.end(1) + 1 :]
        out.append(_Tok(raw, fold(raw), start, start + len(raw), line))
    return tuple(out)


@dataclass(frozen=True)
class WordSet:
    """Folded words; an entry ending in "*" matches every word it begins."""

    exact: frozenset[str]
    prefixes: tuple[str, ...]

    @classmethod
    def build(cls, words: Iterable[str]) -> Self:
        exact: set[str] = set()
        prefixes: list[str] = []
        for word in words:
            if word.endswith("*"):
                prefixes.append(fold(word[:-1]))
            else:
                exact.add(fold(word))
        return cls(frozenset(exact), tuple(prefixes))

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and (word in self.exact or word.startswith(self.prefixes))


@dataclass(frozen=True)
class _Template:
    """Folded tokens before and after a slot: "I, {name}," -> (i, ",") and (",",)."""

    before: tuple[str, ...]
    after: tuple[str, ...]
    phrase: str


def _template(text: str, key: str, slot_first: bool = False) -> _Template:
    """A template; with `slot_first`, words may follow the slot only ("{org} adına", "{org}:n puolesta")."""
    slots = [slot for slot in _SLOTS if slot in text]
    if len(slots) != 1 or text.count(slots[0]) != 1:
        raise ConfigError(f"{key}: {text!r} must hold exactly one {{name}} or {{org}} slot")
    before, after = text.split(slots[0])
    template = _Template(tuple(t.norm for t in _tokens(before)), tuple(t.norm for t in _tokens(after)), text)
    if not template.before and not (slot_first and template.after):
        raise ConfigError(f"{key}: {text!r} needs words before its slot")
    return template


@dataclass(frozen=True)
class TemplateSet:
    """Templates indexed by their first word, so that each text position tries only its candidates;
    slot-first templates are indexed by the first word after their slot."""

    by_first: Mapping[str, tuple[_Template, ...]]
    by_trailing: Mapping[str, tuple[_Template, ...]] = field(default_factory=dict)

    @classmethod
    def build(cls, templates: Iterable[_Template]) -> Self:
        by_first: dict[str, list[_Template]] = {}
        by_trailing: dict[str, list[_Template]] = {}
        for template in templates:
            if template.before:
                by_first.setdefault(template.before[0], []).append(template)
            else:
                by_trailing.setdefault(template.after[0], []).append(template)
        return cls(
            {first: tuple(items) for first, items in by_first.items()},
            {first: tuple(items) for first, items in by_trailing.items()},
        )

    def starting(self, norm: str) -> tuple[_Template, ...]:
        return self.by_first.get(norm, ())

    def trailing(self, norm: str) -> tuple[_Template, ...]:
        return self.by_trailing.get(norm, ())


@dataclass(frozen=True)
class LegalForms:
    """Legal-form words, which name no one ("GmbH", "Co., Ltd.", "s.r.o.", "Oy"): word sequences indexed
    by their first word, and, for scripts without spaces, strings found inside a name ("株式会社")."""

    by_first: Mapping[str, tuple[tuple[str, ...], ...]]
    inside: tuple[str, ...]  # as written (NFC): folding would drop the voicing marks of kana

    @classmethod
    def build(cls, forms: Iterable[str]) -> Self:
        by_first: dict[str, list[tuple[str, ...]]] = {}
        inside: list[str] = []
        for form in forms:
            if _CASELESS_RUN.search(form):
                inside.append(unicodedata.normalize("NFC", form))
                continue
            words = tuple(token.norm for token in _tokens(form) if token.is_word)
            if words:
                by_first.setdefault(words[0], []).append(words)
        return cls({first: tuple(items) for first, items in by_first.items()}, tuple(inside))

    def starting(self, norm: str) -> tuple[tuple[str, ...], ...]:
        return self.by_first.get(norm, ())


# --- configuration -----------------------------------------------------------------------------------

_TEMPLATE_KEYS = ("signer", "represent", "credit", "credit_name_only", "credit_full_name")
# Kept as written (NFC, not folded: folding drops the voicing marks of kana, が -> か): they are found
# inside runs of text without spaces.
_STRING_KEYS = ("legal_forms", "represent_before", "represent_after", "org_suffixes", "topic_particles")
_WORD_KEYS = (
    "pronouns",
    "subject_pronouns",
    "relations",
    "agents",
    "take_verbs",
    "make_verbs",
    "object_pronouns",
    "subject_fillers",
    "cleft_leads",
    "by_prepositions",
    "depiction_prepositions",
    "articles",
    "org_leads",
    "particles",
    "org_particles",
    "org_words",
    "titles",
    "title_connectors",
    "not_names",
    "honorifics",
    "photo_nouns",
    "credit_verbs",
    "credit_fillers",
    "caption_words",
    "footer_marks",
)
_PHRASE_KEYS = ("self_made", "depicts", "closings")


@dataclass(frozen=True)
class StatementVocabulary:
    """Templates and word lists of config/statement.toml, merged over its languages."""

    signer: TemplateSet
    represent: TemplateSet
    credit: TemplateSet
    credit_name_only: TemplateSet
    credit_full_name: TemplateSet  # "scatto di {name}": a name of two words at least, ending its clause
    pronouns: frozenset[str]  # lower-case with accents: Spanish "mí" (me) is not "mi" (my)
    subject_pronouns: WordSet
    relations: WordSet
    agents: WordSet
    take_verbs: WordSet
    make_verbs: WordSet  # "hizo", "gemacht": taking a photo only with a photo noun or pronoun as object
    object_pronouns: WordSet  # "la hizo", "l'a faite", "hem gemaakt": the photo, just before the verb
    subject_fillers: WordSet  # "qui", "who", "hat", "heeft": between a named subject and its verb
    cleft_leads: WordSet  # "c'est", "was", "fue": a name after them may be a cleft's subject
    by_prepositions: WordSet
    depiction_prepositions: WordSet
    articles: WordSet
    org_leads: WordSet
    particles: WordSet
    org_particles: WordSet
    org_words: WordSet
    titles: WordSet
    title_connectors: WordSet
    not_names: WordSet
    honorifics: WordSet  # "Dr.", "Mme", "Dott.ssa": skipped before a name
    photo_nouns: WordSet  # "Zdjęcie", "Aufnahme": the subject of a verb-first credit
    credit_verbs: WordSet  # "wykonał", "machte", "hizo": a third person made it
    credit_fillers: WordSet  # clitics and auxiliaries between: "La foto la hizo", "l'ha scattata"
    caption_labels: WordSet  # photo nouns, agents and credit words before a colon: "Kuva: Mikko Lahtinen"
    footer_marks: WordSet  # "©", "Copyright": a footer line under the signature, not part of it
    legal_forms: LegalForms  # "GmbH", "Co., Ltd.", "株式会社": end an organisation's name, name no one
    org_suffixes: tuple[str, ...]  # "有限公司", "博物館": end an organisation's name in Han or Hangul
    represent_before: tuple[str, ...]  # "を代表して": the organisation is written just before
    represent_after: tuple[str, ...]  # "代表": the organisation follows, up to its org suffix
    topic_particles: tuple[str, ...]  # "は", "는 ": a subject ends there, the organisation starts after
    footer_prose_lines: int  # prose lines under a signature (disclaimers) skipped to reach it
    self_made: PhraseTable
    depicts: PhraseTable
    closings: PhraseTable
    ignored_hosts: tuple[str, ...]
    tlds: frozenset[str]

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> Self:
        """Build from config/statement.toml; raises ConfigError naming the bad key."""
        languages = data.get("languages")
        if not isinstance(languages, Mapping) or not languages:
            raise ConfigError("languages: expected a table of languages in statement.toml")
        merged: dict[str, list[str]] = {
            key: [] for key in (*_TEMPLATE_KEYS, *_WORD_KEYS, *_PHRASE_KEYS, *_STRING_KEYS)
        }
        for language, entry in languages.items():
            if not isinstance(entry, Mapping):
                raise ConfigError(f"languages.{language}: expected a table")
            for key, value in entry.items():
                where = f"languages.{language}.{key}"
                if key not in merged:
                    raise ConfigError(f"{where}: unknown key")
                merged[key].extend(strings(value, where, allow_empty=True))
        websites = data.get("websites")
        if not isinstance(websites, Mapping):
            raise ConfigError("websites: expected a table with ignored_hosts and tlds")
        signature = data.get("signature")
        footer_lines = signature.get("footer_prose_lines") if isinstance(signature, Mapping) else None
        if not isinstance(footer_lines, int) or isinstance(footer_lines, bool) or not 0 <= footer_lines <= 5:
            raise ConfigError("signature.footer_prose_lines: expected a whole number from 0 to 5")

        def templates(key: str) -> TemplateSet:
            slot_first = key == "represent"
            return TemplateSet.build(_template(text, key, slot_first) for text in merged[key])

        def as_written(key: str) -> tuple[str, ...]:
            texts = {unicodedata.normalize("NFC", text) for text in merged[key]}
            return tuple(sorted(texts, key=lambda text: (-len(text), text)))

        def words(key: str) -> WordSet:
            return WordSet.build(merged[key])

        def phrases(key: str) -> PhraseTable:
            return PhraseTable.build(((phrase, "") for phrase in merged[key]), key)

        hosts = strings(websites.get("ignored_hosts"), "websites.ignored_hosts")
        legal_forms = LegalForms.build(merged["legal_forms"])
        return cls(
            signer=templates("signer"),
            represent=templates("represent"),
            credit=templates("credit"),
            credit_name_only=templates("credit_name_only"),
            credit_full_name=templates("credit_full_name"),
            pronouns=frozenset(" ".join(p.casefold().split()) for p in merged["pronouns"]),
            subject_pronouns=words("subject_pronouns"),
            relations=words("relations"),
            agents=words("agents"),
            take_verbs=words("take_verbs"),
            make_verbs=words("make_verbs"),
            object_pronouns=words("object_pronouns"),
            subject_fillers=words("subject_fillers"),
            cleft_leads=words("cleft_leads"),
            by_prepositions=words("by_prepositions"),
            depiction_prepositions=words("depiction_prepositions"),
            articles=words("articles"),
            org_leads=words("org_leads"),
            particles=words("particles"),
            org_particles=words("org_particles"),
            org_words=words("org_words"),
            titles=words("titles"),
            title_connectors=words("title_connectors"),
            not_names=words("not_names"),
            honorifics=words("honorifics"),
            photo_nouns=words("photo_nouns"),
            credit_verbs=words("credit_verbs"),
            credit_fillers=words("credit_fillers"),
            caption_labels=WordSet.build(
                [*merged["photo_nouns"], *merged["agents"], *merged["caption_words"]]
            ),
            footer_marks=words("footer_marks"),
            legal_forms=legal_forms,
            org_suffixes=as_written("org_suffixes") + legal_forms.inside,
            represent_before=as_written("represent_before"),
            represent_after=as_written("represent_after"),
            topic_particles=as_written("topic_particles"),
            footer_prose_lines=footer_lines,
            self_made=phrases("self_made"),
            depicts=phrases("depicts"),
            closings=phrases("closings"),
            ignored_hosts=tuple(host.lower() for host in hosts),
            tlds=frozenset(t.lower() for t in strings(websites.get("tlds"), "websites.tlds")),
        )


def release_text(message: ParsedMessage) -> str:
    """The text a release is read from: the sender's own words, then forwarded text; never quotes.

    Both kinds are returned (own first) because a forwarded release usually comes with a line of the
    sender's own ("see below"); the license reader takes the first grant, so own words win.
    """
    return message.text(SegmentKind.OWN, SegmentKind.FORWARDED)


def read_statement(
    message: ParsedMessage,
    files: Sequence[str],
    vocab: StatementVocabulary,
    license_vocab: LicenseVocabulary,
) -> Statement:
    """Read signer, organisation, names, websites and authorship from the message's release."""
    forwarded = _only_forwarded_grants(message, license_vocab)
    own_words = message.text(SegmentKind.OWN).strip()
    kind = SegmentKind.FORWARDED if forwarded or not own_words else SegmentKind.OWN
    text = message.text(kind)
    other = message.text(SegmentKind.OWN if kind is SegmentKind.FORWARDED else SegmentKind.FORWARDED)
    tokens = _tokens(text)
    signature = _signature(text, vocab)
    display = _display_name(message, kind)
    signer = _first_slot(text, tokens, vocab.signer, vocab, org=False) or signature.person or display
    represents = (
        _first_slot(text, tokens, vocab.represent, vocab, org=True)
        or _caseless_represents(text, vocab)
        or signature.organisation
    )
    holder_names = _unique_names((signer, signature.person, represents, *signature.brands, display))
    credits = _credits(text, tokens, vocab, holder_names)
    return Statement(
        signer=signer,
        represents=represents,
        holder_names=holder_names,
        websites=_websites(signature.lines, text, other, message, vocab),
        credits=credits,
        self_made=_has_phrase(text, vocab.self_made),
        depicts_signer=_depicts(signer, files, text, message.subject, vocab),
        forwarded=forwarded,
    )


def _only_forwarded_grants(message: ParsedMessage, license_vocab: LicenseVocabulary) -> bool:
    """A license (free or not) is granted in forwarded text and not in the sender's own words."""
    forwarded = read_license(message.text(SegmentKind.FORWARDED), license_vocab)
    return _grants(forwarded) and not _grants(read_license(message.text(SegmentKind.OWN), license_vocab))


def _grants(finding: LicenseFinding) -> bool:
    return finding.spdx is not None or finding.problem in _GRANTS


def _display_name(message: ParsedMessage, kind: SegmentKind) -> str | None:
    if kind is SegmentKind.FORWARDED:
        for segment in message.segments:
            if segment.kind is kind and segment.forwarded_from is not None:
                return _clean_name(segment.forwarded_from.name)
        return None
    return _clean_name(message.sender.name) if message.sender else None


def _clean_name(name: str) -> str | None:
    """A name as the holder goes by it, or None for addresses, URLs, dates and empty strings."""
    cleaned = " ".join(name.strip().strip("\"'").split())
    lowered = cleaned.lower()
    if (
        not any(c.isalpha() for c in cleaned)
        or "@" in cleaned
        or "://" in lowered
        or lowered.startswith("www.")
    ):
        return None
    return cleaned


def _unique_names(names: Iterable[str | None]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for name in names:
        cleaned = _clean_name(name) if name else None
        if cleaned:
            seen.setdefault(" ".join(fold(cleaned).split()), cleaned)
    return tuple(seen.values())


# --- names after a template --------------------------------------------------------------------------


def _first_slot(
    text: str, tokens: Sequence[_Tok], templates: TemplateSet, vocab: StatementVocabulary, org: bool
) -> str | None:
    """The name in the earliest template match of the text; organisations may be quoted («Звезда»)."""
    for index in range(len(tokens)):
        for template in templates.starting(tokens[index].norm):
            found = _slot_at(text, tokens, index, template, vocab, org)
            if found is not None:
                return found[0]
        for template in templates.trailing(tokens[index].norm):
            if _sequence_at(tokens, index, template.after):
                name = _name_before(text, tokens, index, vocab, org)
                if name is not None:
                    return name
    return None


def _name_before(
    text: str, tokens: Sequence[_Tok], end: int, vocab: StatementVocabulary, org: bool
) -> str | None:
    """The longest name ending just before `end` on its line, for slot-first templates: "Aydın
    Fotoğrafçılık adına", "Jyrkänkosken Pallo ry:n puolesta"."""
    if end == 0:
        return None
    line = tokens[end - 1].line
    limit = 2 * (_MAX_ORG_WORDS if org else _MAX_PERSON_WORDS)
    found: str | None = None
    for start in range(end - 1, max(-1, end - 1 - limit), -1):
        if tokens[start].line != line:
            break
        if not (tokens[start].is_word and tokens[start].capitalised):
            continue
        run = _name_run(text, tokens, start, vocab, org, skip_articles=False)
        if run is not None and run[1] == end:
            found = run[0]
    return found


def _slot_at(
    text: str,
    tokens: Sequence[_Tok],
    index: int,
    template: _Template,
    vocab: StatementVocabulary,
    org: bool,
) -> tuple[str, int] | None:
    """(name, index after the template) when `template` matches at `index` with a name in its slot."""
    if not _sequence_at(tokens, index, template.before):
        return None
    run = _name_run(text, tokens, index + len(template.before), vocab, org, quoted=org)
    if run is None or not _sequence_at(tokens, run[1], template.after):
        return None
    return run[0], run[1] + len(template.after)


def _sequence_at(tokens: Sequence[_Tok], index: int, norms: Sequence[str]) -> bool:
    if index + len(norms) > len(tokens):
        return False
    return all(tokens[index + offset].norm == norm for offset, norm in enumerate(norms))


def _name_run(
    text: str,
    tokens: Sequence[_Tok],
    index: int,
    vocab: StatementVocabulary,
    org: bool,
    skip_articles: bool = True,
    quoted: bool = False,
) -> tuple[str, int] | None:
    """Capitalised words from `index` on one line ("Jane Roe", "Museum of Natural History").

    Lower-case articles before the name are skipped ("die Galerie Nordlicht") unless `skip_articles` is
    off; lower-case particles count only between capitalised words ("Ludwig van Beethoven"). An
    organisation's name ends with its legal forms ("Hoshizora Shashin Co., Ltd.", "Pallo ry"), and with
    `quoted` may be a quoted name after a legal form or a generic noun ("ООО «Звезда»"). Returns (name,
    index after it).
    """
    if index >= len(tokens):
        return None
    line = tokens[index].line
    while index < len(tokens) and tokens[index].line == line and tokens[index].norm in vocab.honorifics:
        index += 2 if index + 1 < len(tokens) and tokens[index + 1].raw == "." else 1  # "Dr.", "Dott.ssa"
    leads = vocab.org_leads if org else WordSet(frozenset(), ())
    while (
        index < len(tokens)
        and tokens[index].line == line
        and (
            (skip_articles and tokens[index].raw.islower() and tokens[index].norm in vocab.articles)
            or tokens[index].norm in leads
        )
    ):
        index += 1
    lead = _legal_forms_from(tokens, index, vocab) if org else index
    if quoted or lead > index:
        closed = _quoted_at(tokens, lead, line)
        if closed is not None:
            if lead > index:  # "ООО «Звёздное фото»": the legal form and the quoted name
                span = text[tokens[index].start : tokens[closed - 1].end]
            else:  # "театра «Сфера»": the name without its quotes
                span = text[tokens[index].end : tokens[closed - 1].start]
            return (" ".join(span.split()), closed) if span.strip() else None
    particles = vocab.org_particles if org else vocab.particles
    limit = _MAX_ORG_WORDS if org else _MAX_PERSON_WORDS
    taken: list[int] = []
    pending: list[int] = []
    position = index
    while position < len(tokens) and tokens[position].line == line:
        token = tokens[position]
        if not taken and (token.norm in vocab.relations or token.norm in vocab.agents):
            break  # "von einem Freund aufgenommen": German nouns are capitalised, but no name
        legal_end = _legal_forms_from(tokens, position, vocab) if org and taken else position
        if legal_end > position:
            taken.extend(range(position, legal_end))  # "Acme, Inc.", "Pallo ry": the name ends here
            break
        if (
            token.is_word
            and token.capitalised
            and token.norm not in vocab.not_names
            and not token.raw.isdigit()
        ):
            taken.extend(pending)
            pending = []
            taken.append(position)
        elif token.raw == "." and taken and taken[-1] == position - 1 and len(tokens[position - 1].raw) == 1:
            taken.append(position)  # an initial: "J. R. Tolkien"
        elif org and taken and token.raw.islower() and token.norm in vocab.org_words:
            taken.extend(pending)  # "Bergslagens museum", "Halsberga kommun": a lower-case noun ends it
            taken.append(position)
            break
        elif taken and ((token.norm in particles and token.raw.islower()) or (org and token.raw == "&")):
            pending.append(position)  # only between capitalised words: "foto de la Sagrada" is no name
        else:
            break
        position += 1
    words = [i for i in taken if tokens[i].is_word]
    if not words or len(words) > limit:
        return None
    return " ".join(text[tokens[taken[0]].start : tokens[taken[-1]].end].split()), taken[-1] + 1


def _legal_forms_from(tokens: Sequence[_Tok], index: int, vocab: StatementVocabulary) -> int:
    """The index after the legal forms starting at `index`, each perhaps after a comma or "&" ("Co.,
    Ltd.", "GmbH & Co. KG", ", Inc."); `index` itself when there is none."""
    if index >= len(tokens):
        return index
    line = tokens[index].line
    end = position = index
    while True:
        probe = position
        if probe < len(tokens) and tokens[probe].line == line and tokens[probe].raw in {",", "&"}:
            probe += 1
        after = _legal_form_at(tokens, probe, vocab, line)
        if after == probe:
            return end
        end = position = after


def _legal_form_at(tokens: Sequence[_Tok], index: int, vocab: StatementVocabulary, line: int) -> int:
    """The index after one legal form at `index` with its dots ("s.r.o.", "A/S", "Ltd."), else `index`."""
    if index >= len(tokens) or tokens[index].line != line:
        return index
    best = index
    for form in vocab.legal_forms.starting(tokens[index].norm):
        position = index
        for number, word in enumerate(form):
            while number and position < len(tokens) and tokens[position].raw in {".", "/"}:
                position += 1
            if position >= len(tokens) or tokens[position].line != line or tokens[position].norm != word:
                break
            position += 1
        else:
            if position < len(tokens) and tokens[position].line == line and tokens[position].raw == ".":
                position += 1
            best = max(best, position)
    return best


def _quoted_at(tokens: Sequence[_Tok], index: int, line: int) -> int | None:
    """The index after a quoted name opening at `index` («Звезда», „Glasbau Maier“), else None."""
    if index >= len(tokens) or tokens[index].line != line or tokens[index].raw not in _QUOTES:
        return None
    closers = _QUOTES[tokens[index].raw]
    for position in range(index + 1, min(len(tokens), index + 2 + _MAX_ORG_WORDS)):
        if tokens[position].line != line:
            return None
        if tokens[position].raw in closers:
            return position + 1 if position > index + 1 else None
    return None


# --- organisations in scripts without capitals -------------------------------------------------------


def _caseless_represents(text: str, vocab: StatementVocabulary) -> str | None:
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
    if len(name) < 2 or not _CASELESS_RUN.search(name):
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


# --- signature ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Signature:
    """What the signature block at the end of the statement says."""

    lines: tuple[str, ...]
    person: str | None
    organisation: str | None
    brands: tuple[str, ...]


def _signature(text: str, vocab: StatementVocabulary) -> _Signature:
    lines = _signature_lines(text, vocab)
    person: str | None = None
    organisation: str | None = None
    brands: list[str] = []
    for number, line in enumerate(lines):
        parts = _parts(line, vocab)
        for position, part in enumerate(parts):
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
            name = _whole_name(part, vocab)
            if name is None:
                continue
            if person is None and not _is_organisation(name, vocab):
                person = name
            else:
                brands.append(name)
    return _Signature(tuple(lines), person, organisation, tuple(brands))


def _is_credit(part: str, vocab: StatementVocabulary) -> bool:
    tokens = _tokens(part)
    return bool(tokens) and _credit_at(part, tokens, 0, vocab, ()) is not None


def _company_names(part: str, vocab: StatementVocabulary) -> list[str]:
    """A company line and the names it gives, also in brackets: "株式会社星空写真（Hoshizora Shashin Co.,
    Ltd.）" gives both names. A side is a company by a legal form or an organisation word, or in Han or
    Hangul by an organisation suffix; its partner in brackets is then the same company."""
    bracketed = _BRACKETED.match(part)
    sides = [bracketed.group(1), bracketed.group(2)] if bracketed else [part]
    names = [_caseless_org(side, vocab) or _whole_name(side, vocab) for side in sides]
    if not any(name and (_is_organisation(name, vocab) or _CASELESS_RUN.search(name)) for name in names):
        return []
    if not bracketed and names[0] and not _CASELESS_RUN.search(names[0]):
        return []  # a plain Latin organisation line: the existing reading keeps it
    return [name for name in names if name]


def _caseless_org(part: str, vocab: StatementVocabulary) -> str | None:
    """A part in Han, kana or Hangul that ends or starts with an organisation word ("株式会社星空写真",
    "星空摄影有限公司", "주식회사 별빛사진")."""
    cleaned = unicodedata.normalize("NFC", " ".join(part.split()))
    if not cleaned or len(cleaned) > 30 or len(cleaned.split()) > 3:
        return None
    if not all(c.isalpha() or c == " " for c in cleaned) or not _CASELESS_RUN.search(cleaned):
        return None
    ends = any(cleaned.startswith(suffix) or cleaned.endswith(suffix) for suffix in vocab.org_suffixes)
    return cleaned if ends else None


def _signature_lines(text: str, vocab: StatementVocabulary) -> list[str]:
    """The short lines at the end of the text, top to bottom, greetings and closings left out.

    Footers under the signature are passed over: copyright lines ("© 2025 Acme. All rights reserved.")
    and, before any short line was kept, up to `footer_prose_lines` lines of prose (a disclaimer).
    """
    kept: list[str] = []
    skipped = 0
    for raw in reversed(text.splitlines()):
        line = raw.strip()
        if not line or line.startswith(("[", ">")) or _is_closing(line, vocab, whole=True):
            continue
        if _is_footer(line, vocab):
            continue
        words = [word for word in line.split() if any(c.isalpha() for c in word)]
        lower = sum(1 for word in words if word[0].islower())
        prose = len(words) > _SIGNATURE_LINE_WORDS or (lower >= 2 and line[-1] in ".!?:")
        if prose and not kept and skipped < vocab.footer_prose_lines:
            skipped += 1
            continue
        if prose or len(kept) >= _SIGNATURE_LINES:
            break
        kept.append(line)
        if line == "--":
            break
    return [line for line in reversed(kept) if line != "--"]


def _is_footer(line: str, vocab: StatementVocabulary) -> bool:
    """A copyright line: "© 2025 Acme", "Copyright (C) 2025 Acme Co., Ltd. All rights reserved."."""
    tokens = _tokens(line)
    return bool(tokens) and (
        tokens[0].norm in vocab.footer_marks or [t.norm for t in tokens[:3]] == ["(", "c", ")"]
    )


def _is_closing(line: str, vocab: StatementVocabulary, whole: bool = False) -> bool:
    """The line is a greeting or closing ("Kind regards,"); unless `whole`, a name may follow it."""
    tokens = tokenize(line)
    found = vocab.closings.match(tokens, 0)
    if found is None:
        return False
    return found.length == len(tokens) or (not whole and tokens[found.length].gap)


def _parts(line: str, vocab: StatementVocabulary) -> list[str]:
    """A signature line without its URLs and addresses, cut at separators ("Jane Roe, CEO | Acme")."""
    stripped = _URL.sub(" ", line)
    if "@" in stripped:  # the pattern backtracks over long runs without spaces
        stripped = re.sub(r"\S+@\S+", " ", stripped)
    stripped = _BARE_DOMAIN.sub(lambda m: " " if _is_site(m, vocab) else m.group(), stripped)
    raw_parts: list[str] = []
    for part in _PART_SEPARATORS.split(stripped):
        if raw_parts and _only_legal_forms(part, vocab):
            raw_parts[-1] = (
                f"{raw_parts[-1].rstrip()}, {part.strip()}"  # "Co., Ltd.": the comma is the name's
            )
        else:
            raw_parts.append(part)
    parts = [part.strip(" -–—:.") for part in raw_parts]
    return [part for part in parts if part and not _is_closing(part, vocab)]


def _only_legal_forms(part: str, vocab: StatementVocabulary) -> bool:
    tokens = [token for token in _tokens(part) if token.is_word or token.raw in {".", "/", "&"}]
    return bool(tokens) and _legal_forms_from(tokens, 0, vocab) == len(tokens)


def _whole_name(part: str, vocab: StatementVocabulary) -> str | None:
    """The part when it is nothing but a name of 2-4 capitalised words (organisations up to 8)."""
    tokens = _tokens(part)
    if any(token.raw.isdigit() for token in tokens):
        return None
    run = _name_run(part, tokens, 0, vocab, org=True)
    if run is None or run[1] != len(tokens):
        return None
    words = [token for token in tokens if token.is_word]
    organisation = _is_organisation(run[0], vocab)
    if not organisation and not 2 <= len(words) <= 4:
        return None
    return run[0]


def _is_organisation(name: str, vocab: StatementVocabulary) -> bool:
    """An organisation word or a legal form in the name ("Museum", "GmbH", "Pallo ry", "株式会社")."""
    tokens = _tokens(name)
    return (
        any(token.norm in vocab.org_words for token in tokens if token.is_word)
        or any(_legal_form_at(tokens, i, vocab, tokens[i].line) > i for i in range(len(tokens)))
        or any(form in unicodedata.normalize("NFC", name) for form in vocab.legal_forms.inside)
    )


def _title_org(
    part: str, rest_of_line: Sequence[str], next_lines: Sequence[str], vocab: StatementVocabulary
) -> str | None:
    """The organisation of a title: "CEO, X", "Director of Marketing / X" (next line), "Director of X".

    The rest of the line comes first, then an organisation on the next line (the title line may name a
    department: "Head of Communications"), then the name after the title itself ("Dyrektor Muzeum X").
    """
    tokens = _tokens(part)
    words = [token for token in tokens if token.is_word]
    if not words or not any(token.norm in vocab.titles for token in words[:3]):
        return None
    for following in rest_of_line:
        name = _whole_name(following, vocab) or _org_run(following, vocab)
        if name:
            return name
    below = _parts(next_lines[0], vocab)[:1] if next_lines else []
    for candidate in below:
        name = _whole_name(candidate, vocab)
        if name and _is_organisation(name, vocab):
            return name
    for index, token in enumerate(tokens):
        connector = token.norm in vocab.title_connectors
        if connector or (index > 0 and token.capitalised and token.norm not in vocab.titles):
            run = _name_run(part, tokens, index + 1 if connector else index, vocab, org=True)
            if run is not None:
                return run[0]
    if len(words) == len(tokens) and next_lines:  # "CEO" alone on its line, the organisation below
        return _whole_name(next_lines[0], vocab)
    return None


def _org_run(part: str, vocab: StatementVocabulary) -> str | None:
    run = _name_run(part, _tokens(part), 0, vocab, org=True)
    return run[0] if run else None


# --- websites ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Site:
    url: str
    group: int  # 0 signature, 1 statement body, 2 other text, 3 links only
    deep: bool
    order: int


def _websites(
    signature: Sequence[str], text: str, other: str, message: ParsedMessage, vocab: StatementVocabulary
) -> tuple[str, ...]:
    """URLs and bare domains the message names, best first: signature, then body; home pages first."""
    found: list[_Site] = []
    sources = [
        (0, "\n".join(signature)),
        (1, text),
        (2, other),
        (3, "\n".join(link.url for link in message.links)),
    ]
    for group, source in sources:
        for url in _urls_in(source, vocab):
            path = urlsplit(url).path
            found.append(_Site(url, group, path.strip("/") != "" or "?" in url, len(found)))
    best: dict[str, str] = {}
    for site in sorted(found, key=lambda s: (s.group, s.deep, s.order)):
        best.setdefault(_site_key(site.url), site.url)
    return tuple(best.values())


def _urls_in(text: str, vocab: StatementVocabulary) -> list[str]:
    urls: list[tuple[int, str]] = []
    for match in _URL.finditer(text):
        url = match.group().rstrip(_TRAILING_PUNCTUATION)
        if _allowed_host(urlsplit(url).hostname or "", vocab):
            urls.append((match.start(), url))
    without_urls = _URL.sub(lambda m: " " * len(m.group()), text)
    for match in _BARE_DOMAIN.finditer(without_urls):
        if _is_site(match, vocab) and _allowed_host(match.group(1).lower(), vocab):
            urls.append((match.start(), "https://" + match.group().rstrip(_TRAILING_PUNCTUATION)))
    return [url for _start, url in sorted(urls)]


def _is_site(match: re.Match[str], vocab: StatementVocabulary) -> bool:
    """A bare domain with a real-looking top-level domain and a label with a letter in it.

    A capitalised top-level domain in a mixed-case name is a missing space after a full stop
    ("Danke.Es", "Grüße.Ok"), not a host; "ACME.DE" written all in capitals is one.
    """
    host, tld = match.group(1), match.group(2)
    labels = host.lower().split(".")[:-1]
    has_letter = any(any(c.isalpha() for c in label) for label in labels if label != "www")
    sentence_break = tld[0].isupper() and not host.isupper()
    return has_letter and not sentence_break and (len(tld) == 2 or tld.lower() in vocab.tlds)


def _allowed_host(host: str, vocab: StatementVocabulary) -> bool:
    host = host.lower().rstrip(".")
    return "." in host and not any(
        host == ignored or host.endswith("." + ignored) for ignored in vocab.ignored_hosts
    )


def _site_key(url: str) -> str:
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.")
    return host + parts.path.rstrip("/").lower()


# --- authorship --------------------------------------------------------------------------------------


def _credits(
    text: str, tokens: Sequence[_Tok], vocab: StatementVocabulary, holder_names: Sequence[str]
) -> tuple[Credit, ...]:
    credits: list[Credit] = []
    covered: set[int] = set()
    index = 0
    while index < len(tokens):
        credit = _credit_at(text, tokens, index, vocab, holder_names)
        if credit is None:
            index += 1
            continue
        found, end = credit
        credits.append(found)
        covered.update(range(index, end))
        index = end
    credits.extend(_relation_credits(text, vocab, covered_chars=_spans(tokens, covered)))
    return tuple(credits)


def _spans(tokens: Sequence[_Tok], indices: Iterable[int]) -> frozenset[int]:
    return frozenset(c for i in indices for c in range(tokens[i].start, tokens[i].end))


def _credit_at(
    text: str, tokens: Sequence[_Tok], index: int, vocab: StatementVocabulary, holder_names: Sequence[str]
) -> tuple[Credit, int] | None:
    # A name-only template ("foto de {name}") takes no article: "foto de la Sagrada Família" shows a place.
    # A full-name template's words also describe what is shown ("uno scatto di Firenze", "la toma de
    # Granada"): its name has two words at least and ends the clause ("– scatto di Marco Bellini").
    kinds = (
        (vocab.credit, False, False),
        (vocab.credit_name_only, True, False),
        (vocab.credit_full_name, True, True),
    )
    for templates, name_only, full_name in kinds:
        for template in templates.starting(tokens[index].norm):
            if not _sequence_at(tokens, index, template.before):
                continue
            start = index + len(template.before)
            found = _credited(text, tokens, start, vocab, holder_names, not name_only, not name_only)
            if found is None or not _sequence_at(tokens, found[2], template.after):
                continue
            name, by_signer, end = found
            end += len(template.after)
            if full_name and (
                name is None or len(_words(name)) < 2 or _clause_goes_on(tokens, end, tokens[end - 1].line)
            ):
                continue
            phrase = " ".join(text[tokens[index].start : tokens[end - 1].end].split())
            return Credit(phrase=phrase, name=name, by_signer=by_signer), end
    return (
        _caption_at(text, tokens, index, vocab, holder_names)
        or _verb_credit_at(text, tokens, index, vocab, holder_names)
        or _subject_credit_at(text, tokens, index, vocab, holder_names)
    )


def _caption_at(
    text: str, tokens: Sequence[_Tok], index: int, vocab: StatementVocabulary, holder_names: Sequence[str]
) -> tuple[Credit, int] | None:
    """A caption credit in any language: a label of one to three photo nouns, agents or credit words
    and a colon, opening a line or a bracket ("Kuva: Mikko Lahtinen", "(Fotó: Kovács Anna)",
    "写真：山田太郎"), then a name that ends the clause. After a photo noun the name has two words at
    least: "Kép: Budapest, Parlament" describes what the picture shows."""
    line = tokens[index].line
    if index > 0 and tokens[index - 1].line == line and tokens[index - 1].raw not in _CLAUSE_MARKS:
        return None
    position = index
    while (
        position < len(tokens)
        and position - index < 3
        and tokens[position].line == line
        and tokens[position].is_word
        and tokens[position].norm in vocab.caption_labels
    ):
        position += 1
    if position == index or position >= len(tokens) or tokens[position].norm != ":":
        return None
    if tokens[position].line != line:
        return None
    found = _caption_name(text, tokens, position + 1, vocab)
    if found is None:
        return None
    name, end = found
    labels = tokens[index:position]
    one_word = len(_words(name)) < 2 and not _CASELESS_RUN.search(name)  # 山田太郎 has no spaces
    if all(label.norm in vocab.photo_nouns for label in labels) and one_word:
        return None
    phrase = " ".join(text[tokens[index].start : tokens[end - 1].end].split())
    return Credit(phrase=phrase, name=name, by_signer=_names_holder(name, holder_names, vocab)), end


def _caption_name(
    text: str, tokens: Sequence[_Tok], start: int, vocab: StatementVocabulary
) -> tuple[str, int] | None:
    """The name after a caption's colon, when it ends the clause: the line ends, or a comma, a bracket
    or a dash follows. Names in scripts without capitals are the words up to there."""
    if start >= len(tokens) or tokens[start].line != tokens[start - 1].line:
        return None
    line = tokens[start].line
    if _CASELESS_RUN.match(tokens[start].raw):
        end = start
        while end < len(tokens) and end - start < 4 and tokens[end].line == line and tokens[end].is_word:
            end += 1
        name = " ".join(text[tokens[start].start : tokens[end - 1].end].split())
    else:
        run = _name_run(text, tokens, start, vocab, org=True)
        if run is None or "_" in run[0]:
            return None  # "Fotó: Budapest_Parlament.jpg" is a file name
        name, end = run
    if _clause_goes_on(tokens, end, line):
        return None  # "Kuva: Helsingin tuomiokirkko", "Foto: Budapest_Parlament.jpg"
    return name, end


def _clause_goes_on(tokens: Sequence[_Tok], end: int, line: int) -> bool:
    """More of the clause follows on the line: a word, or a full stop with more after it."""
    if end >= len(tokens) or tokens[end].line != line or tokens[end].raw in _CLAUSE_MARKS:
        return False
    return tokens[end].raw != "." or (end + 1 < len(tokens) and tokens[end + 1].line == line)


def _words(name: str) -> list[_Tok]:
    return [token for token in _tokens(name) if token.is_word]


def _verb_credit_at(
    text: str, tokens: Sequence[_Tok], index: int, vocab: StatementVocabulary, holder_names: Sequence[str]
) -> tuple[Credit, int] | None:
    """A verb-first credit: "Zdjęcie wykonał Jan Wrona", "Die Aufnahme machte X", "La foto la hizo X".

    A photo noun, at most two clitics or auxiliaries, a third-person verb of making, then who made it:
    a name of at least two words (German nouns are capitalised: "Das Foto machte Eindruck" credits
    nobody), a first-person pronoun ("machte ich selbst"), or a relation ("wykonał mój kolega").
    """
    if tokens[index].norm not in vocab.photo_nouns:
        return None
    position = index + 1
    while position < min(len(tokens), index + 3) and tokens[position].norm in vocab.credit_fillers:
        position += 1
    if position >= len(tokens) or tokens[position].norm not in vocab.credit_verbs:
        return None
    if tokens[position].line != tokens[index].line:
        return None
    found = _credited(text, tokens, position + 1, vocab, holder_names, pronouns_allowed=True)
    if found is None:
        return None
    name, by_signer, end = found
    if name is not None and len([t for t in _tokens(name) if t.is_word]) < 2:
        return None
    phrase = " ".join(text[tokens[index].start : tokens[end - 1].end].split())
    return Credit(phrase=phrase, name=name, by_signer=by_signer), end


def _subject_credit_at(
    text: str, tokens: Sequence[_Tok], index: int, vocab: StatementVocabulary, holder_names: Sequence[str]
) -> tuple[Credit, int] | None:
    """A named subject of a taking verb: "Javier Ferrán sacó la foto", "C'est Julien qui l'a prise",
    "Max Muster hat das Foto gemacht", "It was Tom who took the photo".

    The name opens a clause (two words at least: "Ayer sacó la foto" opens with an adverb) or follows a
    cleft's lead ("c'est", "was", "fue"; one word is then enough). Up to four fillers may stand before
    the verb (relative words, auxiliaries, clitics, articles, photo nouns). A participle straight after
    a name may be a reduced passive ("Golden Gate Bridge photographed at dawn"), so a taking verb needs
    a filler before it, a photo noun after it, or a third-person form of its own ("sacó", "zrobił").
    """
    token = tokens[index]
    cleft = token.is_word and token.norm in vocab.cleft_leads
    if cleft:
        start, least = index + 1, 1
    elif token.is_word and token.capitalised and _opens_clause(tokens, index):
        start, least = index, 2
    else:
        return None
    run = _name_run(text, tokens, start, vocab, org=False, skip_articles=cleft)
    if run is None:
        return None
    name, position = run
    words = _words(name)
    if len(words) < least or any(
        word.norm in vocab.relations or word.norm in vocab.agents or word.norm in vocab.photo_nouns
        for word in words
    ):
        return None  # "Mein Bruder", "Das Foto": German nouns are capitalised
    line = tokens[position - 1].line
    fillers = position
    while (
        fillers < len(tokens)
        and fillers - position < 4
        and tokens[fillers].line == line
        and tokens[fillers].is_word
        and _is_filler(tokens[fillers].norm, vocab)
    ):
        fillers += 1
    if fillers >= len(tokens) or tokens[fillers].line != line or not tokens[fillers].is_word:
        return None
    verb = tokens[fillers].norm
    between = [t.norm for t in tokens[position:fillers]]
    after = [t.norm for t in tokens[fillers + 1 : fillers + 3] if t.line == line]
    photo_after = any(norm in vocab.photo_nouns for norm in after)
    if verb in vocab.make_verbs:
        taking = photo_after or any(n in vocab.photo_nouns or n in vocab.object_pronouns for n in between)
    elif verb in vocab.take_verbs or verb in vocab.credit_verbs:
        taking = bool(between) or photo_after or verb in vocab.credit_verbs
    else:
        taking = False
    if not taking:
        return None
    begin = index if cleft else start
    phrase = " ".join(text[tokens[begin].start : tokens[fillers].end].split())
    return Credit(phrase=phrase, name=name, by_signer=_names_holder(name, holder_names, vocab)), fillers + 1


def _is_filler(norm: str, vocab: StatementVocabulary) -> bool:
    return any(
        norm in words
        for words in (
            vocab.subject_fillers,
            vocab.credit_fillers,
            vocab.object_pronouns,
            vocab.articles,
            vocab.photo_nouns,
        )
    )


def _opens_clause(tokens: Sequence[_Tok], index: int) -> bool:
    """The token starts its line, or follows a full stop, a colon or a clause mark."""
    if index == 0 or tokens[index - 1].line != tokens[index].line:
        return True
    return tokens[index - 1].raw in _CLAUSE_MARKS or tokens[index - 1].raw in {".", "!", "?", ":", ";"}


def _credited(
    text: str,
    tokens: Sequence[_Tok],
    start: int,
    vocab: StatementVocabulary,
    holder_names: Sequence[str],
    pronouns_allowed: bool,
    skip_articles: bool = True,
) -> tuple[str | None, bool, int] | None:
    """Who a credit names from `start`: (name, by_signer, end), a pronoun, or an unnamed relation.

    A name followed by a colon is a label ("Foto: Tiedosto:Kuva.jpg" names a file page), not a name.
    """
    line = tokens[start].line if start < len(tokens) else -1
    while start < len(tokens) and tokens[start].line == line:  # "© 2024 Acme", "Copyright (c) 2024 Acme"
        if tokens[start].raw.isdigit() or tokens[start].raw in {"©", ":"}:
            start += 1
        elif [t.norm for t in tokens[start : start + 3]] == ["(", "c", ")"]:
            start += 3
        else:
            break
    if start >= len(tokens):
        return None
    pronoun = _pronoun_at(tokens, start, vocab)
    if pronoun:
        return (None, True, start + pronoun) if pronouns_allowed else None
    run = _name_run(text, tokens, start, vocab, org=True, skip_articles=skip_articles)
    if run is not None:
        if run[1] < len(tokens) and tokens[run[1]].norm == ":" and tokens[run[1]].line == line:
            return None
        if "_" in run[0]:
            return None  # "Budapest_Parlament.jpg" is a file name
        return run[0], _names_holder(run[0], holder_names, vocab), run[1]
    for offset in range(4):  # "by our regular photographer Pieter Janssen", "by a friend"
        position = start + offset
        if position >= len(tokens) or tokens[position].line != line or not tokens[position].is_word:
            return None
        if tokens[position].norm in vocab.relations or tokens[position].norm in vocab.agents:
            run = _name_run(text, tokens, position + 1, vocab, org=False)
            if run is not None:
                return run[0], _names_holder(run[0], holder_names, vocab), run[1]
            return None, False, position + 1
        if not tokens[position].raw.islower():
            return None
    return None


def _pronoun_at(tokens: Sequence[_Tok], index: int, vocab: StatementVocabulary) -> int:
    """How many tokens a first-person pronoun covers at `index` ("me", "moi-même", "mí mismo"), else 0."""
    for length in (2, 1):
        words = tokens[index : index + length]
        joined = " ".join(t.raw.casefold() for t in words)
        if len(words) == length and all(t.is_word for t in words) and joined in vocab.pronouns:
            return length
    return 0


def _names_holder(name: str, holder_names: Sequence[str], vocab: StatementVocabulary) -> bool:
    """The credited name is the holder's: one name's distinctive words contain the other's."""
    credited = _distinctive(name, vocab)
    if not credited:
        return False
    return any(
        (words := _distinctive(holder, vocab)) and (credited <= words or words <= credited)
        for holder in holder_names
    )


def _distinctive(name: str, vocab: StatementVocabulary) -> frozenset[str]:
    """The words of a name that identify it: no particles, no one-letter initials, no legal forms
    ("Hoshizora Shashin Co., Ltd." is hoshizora, shashin); a run of Han, kana or Hangul is one word,
    without its legal form ("株式会社星空写真" is 星空写真)."""
    tokens = _tokens(name)
    legal = {i for start in range(len(tokens)) for i in range(start, _legal_form_at(tokens, start, vocab, 0))}
    words = {
        norm
        for i, token in enumerate(tokens)
        if token.is_word and i not in legal and not _CASELESS_RUN.search(token.raw)
        for norm in (t.norm for t in tokenize(token.raw))
        if len(norm) > 2 and norm.isalpha()
    }
    for run in _CASELESS_RUN.findall(unicodedata.normalize("NFC", name)):
        for form in vocab.legal_forms.inside:
            run = run.replace(form, "")
        if len(run) >= 2:
            words.add(run)
    return frozenset(words)


def _relation_credits(text: str, vocab: StatementVocabulary, covered_chars: frozenset[int]) -> list[Credit]:
    """ "a friend took it", "von einem Freund aufgenommen", "zrobił ją znajomy": someone else took it.

    A relation or agent and a taking verb in one clause, unless the relation is what the photo shows
    ("a photo of my husband") or the signer is the subject of the verb ("I took it of my wife"). A name
    after the relation is the credited person and does not count against the window ("C'est mon ami
    Julien Marchetti qui l'a prise"). A verb of making counts only with the photo as its object ("mi
    hermano hizo la foto"; not "mein Bruder hat einen Fehler gemacht").
    """
    tokens = tokenize(text)
    credits: list[Credit] = []
    for index, token in enumerate(tokens):
        is_relation = token.norm in vocab.relations
        is_agent = token.norm in vocab.agents and _preceded_by(tokens, index, vocab.by_prepositions, 3)
        if not (is_relation or is_agent) or token.start in covered_chars:
            continue
        if _preceded_by(tokens, index, vocab.depiction_prepositions, 2):
            continue
        named = _name_after(tokens, index, vocab)
        verb = _verb_near(tokens, index, named, vocab)
        if verb is None or _preceded_by(tokens, verb, vocab.subject_pronouns, 2):
            continue
        first, last = min(index, verb), max(index, verb)
        if first > 0 and not tokens[first].brk:
            first -= 1  # "my friend", "mein Bruder"
        phrase = " ".join(text[tokens[first].start : tokens[last].end].split())
        name = " ".join(t.raw for t in tokens[index + 1 : index + 1 + named]) or None
        credits.append(Credit(phrase=phrase, name=name, by_signer=False))
    return credits


def _name_after(tokens: Sequence[Token], index: int, vocab: StatementVocabulary) -> int:
    """How many capitalised words name the relation at `index`: "mon ami Julien Marchetti", "my friend
    Tom", "mi hermano, Javier," (an apposition after a comma)."""
    count = 0
    while count < _MAX_PERSON_WORDS - 1:
        position = index + 1 + count
        if position >= len(tokens) or tokens[position].brk:
            break
        token = tokens[position]
        if count and token.gap:
            break
        if not (token.raw.isalpha() and token.raw[0].isupper()):
            break
        if any(
            token.norm in words
            for words in (vocab.photo_nouns, vocab.not_names, vocab.take_verbs, vocab.make_verbs)
        ):
            break
        count += 1
    return count


def _preceded_by(tokens: Sequence[Token], index: int, words: WordSet, distance: int) -> bool:
    for back in range(1, distance + 1):
        if index - back < 0 or tokens[index - back + 1].brk:
            return False
        if tokens[index - back].norm in words:
            return True
    return False


def _verb_near(tokens: Sequence[Token], index: int, named: int, vocab: StatementVocabulary) -> int | None:
    """The nearest taking verb within the window of the relation at `index` (its `named` name words
    skipped), in the same sentence."""
    for distance in range(1, _RELATION_WINDOW + 1):
        for position in (index + named + distance, index - distance):
            if not 0 <= position < len(tokens):
                continue
            low, high = min(index, position), max(index, position)
            if any(tokens[i].brk for i in range(low + 1, high + 1)):
                continue
            norm = tokens[position].norm
            if norm in vocab.take_verbs or (
                norm in vocab.make_verbs and _makes_photo(tokens, position, low, high, vocab)
            ):
                return position
    return None


def _makes_photo(tokens: Sequence[Token], verb: int, low: int, high: int, vocab: StatementVocabulary) -> bool:
    """A verb of making has the photo as its object: a photo noun from a little before the relation and
    verb to just after them ("hizo la foto", "Das Bild hat meine Tochter gemacht"), or an object pronoun
    just before the verb ("la hizo", "l'a faite", "hem gemaakt")."""
    for position in range(max(0, low - 3), min(len(tokens), high + 3)):
        span = range(min(position, verb) + 1, max(position, verb) + 1)
        if tokens[position].norm in vocab.photo_nouns and not any(tokens[i].brk for i in span):
            return True
    if verb < 1 or tokens[verb].brk:
        return False
    if tokens[verb - 1].norm in vocab.object_pronouns:
        return True  # "la hizo", "hem gemaakt"
    return (  # "l'a faite", "l'ha fatta": an auxiliary between
        verb >= 2
        and not tokens[verb - 1].brk
        and tokens[verb - 1].norm in vocab.subject_fillers
        and tokens[verb - 2].norm in vocab.object_pronouns
    )


def _has_phrase(text: str, table: PhraseTable) -> bool:
    tokens = tokenize(text)
    return any(table.matches_any(tokens, index) for index in range(len(tokens)))


def _depicts(
    signer: str | None, files: Sequence[str], text: str, subject: str, vocab: StatementVocabulary
) -> bool:
    """The signer's full name is in a file title, or the text (or subject) says the work shows them.

    Every word of a name of two words or more must be in the title, each perhaps inflected ("Portret
    Agnieszki Nowak" shows Agnieszka Nowak); a surname alone never counts.
    """
    if signer:
        name = [t.norm for t in tokenize(signer) if t.norm.isalpha()]
        if len(name) >= 2:
            for title in files:
                words = {t.norm for t in tokenize(title) if t.norm.isalpha()}
                if all(any(same_name_word(part, word) for word in words) for part in name):
                    return True
    return _has_phrase(text, vocab.depicts) or _has_phrase(subject, vocab.depicts)


def same_name_word(name: str, word: str) -> bool:
    """`word` is `name`, perhaps in another grammatical case: Agnieszka/Agnieszki, Kowalski/Kowalskiego,
    Jan/Jana, Virtanen/Virtasen; not Kessler/Kesselbach or Jan/Janusz.

    Case endings replace the last letters of a name, so the two share a long prefix and differ only in a
    short ending: at most `_NAME_ENDING` letters of the name and `_WORD_ENDING` of the word after the
    shared prefix of at least `_NAME_STEM` letters. A name shorter than the stem must be whole in the
    word, followed by at most `_SHORT_ENDING` letters (Jan -> Jana, Janem).
    """
    if name == word:
        return True
    shared = 0
    for a, b in zip(name, word, strict=False):
        if a != b:
            break
        shared += 1
    name_rest, word_rest = len(name) - shared, len(word) - shared
    if shared >= _NAME_STEM:
        return name_rest <= _NAME_ENDING and word_rest <= _WORD_ENDING
    return name_rest == 0 and shared == len(name) >= 3 and word_rest <= _SHORT_ENDING
