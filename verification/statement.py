"""Who speaks in a release, for whom, where the holder lives on the web, and what it says of authorship.

The release is read from the sender's own words and from forwarded text, never from quoted replies (an
agent's quoted question that lists licenses or names is not the holder speaking). Names are read in
three ways, most explicit first: a template around a slot ("I, {name},", "on behalf of {org}"), the
signature block at the end of the statement, and the From display name. Every template and word list
lives in config/statement.toml, grouped by language.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Self
from urllib.parse import urlsplit

from verification.config_values import strings
from verification.errors import ConfigError
from verification.licenses import LicenseVocabulary, PhraseTable, Token, fold, read_license, tokenize
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


def _template(text: str, key: str) -> _Template:
    slots = [slot for slot in _SLOTS if slot in text]
    if len(slots) != 1 or text.count(slots[0]) != 1:
        raise ConfigError(f"{key}: {text!r} must hold exactly one {{name}} or {{org}} slot")
    before, after = text.split(slots[0])
    template = _Template(tuple(t.norm for t in _tokens(before)), tuple(t.norm for t in _tokens(after)), text)
    if not template.before:
        raise ConfigError(f"{key}: {text!r} needs words before its slot")
    return template


@dataclass(frozen=True)
class TemplateSet:
    """Templates indexed by their first word, so that each text position tries only its candidates."""

    by_first: Mapping[str, tuple[_Template, ...]]

    @classmethod
    def build(cls, templates: Iterable[_Template]) -> Self:
        by_first: dict[str, list[_Template]] = {}
        for template in templates:
            by_first.setdefault(template.before[0], []).append(template)
        return cls({first: tuple(items) for first, items in by_first.items()})

    def starting(self, norm: str) -> tuple[_Template, ...]:
        return self.by_first.get(norm, ())


# --- configuration -----------------------------------------------------------------------------------

_TEMPLATE_KEYS = ("signer", "represent", "credit", "credit_name_only")
_WORD_KEYS = (
    "pronouns",
    "subject_pronouns",
    "relations",
    "agents",
    "take_verbs",
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
)
_PHRASE_KEYS = ("self_made", "depicts", "closings")


@dataclass(frozen=True)
class StatementVocabulary:
    """Templates and word lists of config/statement.toml, merged over its languages."""

    signer: TemplateSet
    represent: TemplateSet
    credit: TemplateSet
    credit_name_only: TemplateSet
    pronouns: frozenset[str]  # lower-case with accents: Spanish "mí" (me) is not "mi" (my)
    subject_pronouns: WordSet
    relations: WordSet
    agents: WordSet
    take_verbs: WordSet
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
        merged: dict[str, list[str]] = {key: [] for key in (*_TEMPLATE_KEYS, *_WORD_KEYS, *_PHRASE_KEYS)}
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

        def templates(key: str) -> TemplateSet:
            return TemplateSet.build(_template(text, key) for text in merged[key])

        def words(key: str) -> WordSet:
            return WordSet.build(merged[key])

        def phrases(key: str) -> PhraseTable:
            return PhraseTable.build(((phrase, "") for phrase in merged[key]), key)

        hosts = strings(websites.get("ignored_hosts"), "websites.ignored_hosts")
        return cls(
            signer=templates("signer"),
            represent=templates("represent"),
            credit=templates("credit"),
            credit_name_only=templates("credit_name_only"),
            pronouns=frozenset(" ".join(p.casefold().split()) for p in merged["pronouns"]),
            subject_pronouns=words("subject_pronouns"),
            relations=words("relations"),
            agents=words("agents"),
            take_verbs=words("take_verbs"),
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
    represents = _first_slot(text, tokens, vocab.represent, vocab, org=True) or signature.organisation
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
    """The name in the earliest template match of the text."""
    for index in range(len(tokens)):
        for template in templates.starting(tokens[index].norm):
            found = _slot_at(text, tokens, index, template, vocab, org)
            if found is not None:
                return found[0]
    return None


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
    run = _name_run(text, tokens, index + len(template.before), vocab, org)
    if run is None or not _sequence_at(tokens, run[1], template.after):
        return None
    return run[0], run[1] + len(template.after)


def _sequence_at(tokens: Sequence[_Tok], index: int, norms: Sequence[str]) -> bool:
    if index + len(norms) > len(tokens):
        return False
    return all(tokens[index + offset].norm == norm for offset, norm in enumerate(norms))


def _name_run(
    text: str, tokens: Sequence[_Tok], index: int, vocab: StatementVocabulary, org: bool
) -> tuple[str, int] | None:
    """Capitalised words from `index` on one line ("Jane Roe", "Museum of Natural History").

    Lower-case articles before the name are skipped ("die Galerie Nordlicht"); lower-case particles
    count only between capitalised words ("Ludwig van Beethoven"). Returns (name, index after it).
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
            (tokens[index].raw.islower() and tokens[index].norm in vocab.articles)
            or tokens[index].norm in leads
        )
    ):
        index += 1
    particles = vocab.org_particles if org else vocab.particles
    limit = _MAX_ORG_WORDS if org else _MAX_PERSON_WORDS
    taken: list[int] = []
    pending: list[int] = []
    position = index
    while position < len(tokens) and tokens[position].line == line:
        token = tokens[position]
        if not taken and (token.norm in vocab.relations or token.norm in vocab.agents):
            break  # "von einem Freund aufgenommen": German nouns are capitalised, but no name
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
        elif (token.norm in particles and token.raw.islower()) or (org and token.raw == "&"):
            pending.append(position)
        else:
            break
        position += 1
    words = [i for i in taken if tokens[i].is_word]
    if not words or len(words) > limit:
        return None
    return " ".join(text[tokens[taken[0]].start : tokens[taken[-1]].end].split()), taken[-1] + 1


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
            name = _whole_name(part, vocab)
            if name is None:
                continue
            if person is None and not _is_organisation(name, vocab):
                person = name
            else:
                brands.append(name)
    return _Signature(tuple(lines), person, organisation, tuple(brands))


def _signature_lines(text: str, vocab: StatementVocabulary) -> list[str]:
    """The short lines at the end of the text, top to bottom, greetings and closings left out."""
    kept: list[str] = []
    for raw in reversed(text.splitlines()):
        line = raw.strip()
        if not line or line.startswith(("[", ">")) or _is_closing(line, vocab, whole=True):
            continue
        words = [word for word in line.split() if any(c.isalpha() for c in word)]
        lower = sum(1 for word in words if word[0].islower())
        prose = len(words) > _SIGNATURE_LINE_WORDS or (lower >= 2 and line[-1] in ".!?:")
        if prose or len(kept) >= _SIGNATURE_LINES:
            break
        kept.append(line)
        if line == "--":
            break
    return [line for line in reversed(kept) if line != "--"]


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
    stripped = re.sub(r"\S+@\S+", " ", stripped)
    stripped = _BARE_DOMAIN.sub(lambda m: " " if _is_site(m, vocab) else m.group(), stripped)
    parts = [part.strip(" -–—:.") for part in _PART_SEPARATORS.split(stripped)]
    return [part for part in parts if part and not _is_closing(part, vocab)]


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
    return any(token.norm in vocab.org_words for token in _tokens(name) if token.is_word)


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
    for templates, pronouns_allowed in ((vocab.credit, True), (vocab.credit_name_only, False)):
        for template in templates.starting(tokens[index].norm):
            if not _sequence_at(tokens, index, template.before):
                continue
            start = index + len(template.before)
            found = _credited(text, tokens, start, vocab, holder_names, pronouns_allowed)
            if found is not None and _sequence_at(tokens, found[2], template.after):
                name, by_signer, end = found
                end += len(template.after)
                phrase = " ".join(text[tokens[index].start : tokens[end - 1].end].split())
                return Credit(phrase=phrase, name=name, by_signer=by_signer), end
    return _verb_credit_at(text, tokens, index, vocab, holder_names)


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


def _credited(
    text: str,
    tokens: Sequence[_Tok],
    start: int,
    vocab: StatementVocabulary,
    holder_names: Sequence[str],
    pronouns_allowed: bool,
) -> tuple[str | None, bool, int] | None:
    """Who a credit names from `start`: (name, by_signer, end), a pronoun, or an unnamed relation."""
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
    run = _name_run(text, tokens, start, vocab, org=True)
    if run is not None:
        return run[0], _names_holder(run[0], holder_names), run[1]
    for offset in range(4):  # "by our regular photographer Pieter Janssen", "by a friend"
        position = start + offset
        if position >= len(tokens) or tokens[position].line != line or not tokens[position].is_word:
            return None
        if tokens[position].norm in vocab.relations or tokens[position].norm in vocab.agents:
            run = _name_run(text, tokens, position + 1, vocab, org=False)
            if run is not None:
                return run[0], _names_holder(run[0], holder_names), run[1]
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


def _names_holder(name: str, holder_names: Sequence[str]) -> bool:
    """The credited name is the holder's: one name's distinctive words contain the other's."""
    credited = _distinctive(name)
    if not credited:
        return False
    return any(
        (words := _distinctive(holder)) and (credited <= words or words <= credited)
        for holder in holder_names
    )


def _distinctive(name: str) -> frozenset[str]:
    """The words of a name that identify it: no particles, no one-letter initials."""
    return frozenset(t.norm for t in tokenize(name) if len(t.norm) > 2 and t.norm.isalpha())


def _relation_credits(text: str, vocab: StatementVocabulary, covered_chars: frozenset[int]) -> list[Credit]:
    """ "a friend took it", "von einem Freund aufgenommen", "zrobił ją znajomy": someone else took it.

    A relation or agent and a taking verb in one clause, unless the relation is what the photo shows
    ("a photo of my husband") or the signer is the subject of the verb ("I took it of my wife").
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
        verb = _verb_near(tokens, index, vocab)
        if verb is None or _preceded_by(tokens, verb, vocab.subject_pronouns, 2):
            continue
        first, last = min(index, verb), max(index, verb)
        phrase = " ".join(text[tokens[max(0, first - 1)].start : tokens[last].end].split())
        credits.append(Credit(phrase=phrase, name=None, by_signer=False))
    return credits


def _preceded_by(tokens: Sequence[Token], index: int, words: WordSet, distance: int) -> bool:
    for back in range(1, distance + 1):
        if index - back < 0 or tokens[index - back + 1].brk:
            return False
        if tokens[index - back].norm in words:
            return True
    return False


def _verb_near(tokens: Sequence[Token], index: int, vocab: StatementVocabulary) -> int | None:
    for distance in range(1, _RELATION_WINDOW + 1):
        for position in (index + distance, index - distance):
            if not 0 <= position < len(tokens):
                continue
            low, high = min(index, position), max(index, position)
            if any(tokens[i].brk for i in range(low + 1, high + 1)):
                continue
            if tokens[position].norm in vocab.take_verbs:
                return position
    return None


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
