"""The statement vocabulary of config/statement.toml: templates and word lists merged over languages,
indexed so that each text position tries only its candidates."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Self

from verification.config_values import strings
from verification.errors import ConfigError
from verification.licenses import PhraseTable, fold
from verification.statement.words import CASELESS_RUN, Tok, word_tokens

_SLOTS = ("{name}", "{org}")
_ELISION_MARKS = frozenset("'’")
_ANSWERS_KEPT = 50_000  # words a WordSet remembers its answer for, per list


@dataclass(frozen=True)
class WordSet:
    """Folded words; an entry ending in "*" matches every word it begins.

    Each word's answer is remembered (a text asks about the same words many times, and the prefix test
    costs one comparison per prefix); the memory is emptied when it reaches `_ANSWERS_KEPT` words."""

    exact: frozenset[str]
    prefixes: tuple[str, ...]
    written: frozenset[str] = frozenset()  # the exact words case-folded, accents kept
    _answers: dict[str, bool] = field(default_factory=dict, compare=False, hash=False, repr=False)

    @classmethod
    def build(cls, words: Iterable[str]) -> Self:
        exact: set[str] = set()
        written: set[str] = set()
        prefixes: list[str] = []
        for word in words:
            if word.endswith("*"):
                prefixes.append(fold(word[:-1]))
            else:
                exact.add(fold(word))
                written.add(unicodedata.normalize("NFC", word).casefold())
        return cls(frozenset(exact), tuple(prefixes), frozenset(written))

    def holds_as_written(self, raw: str) -> bool:
        """The word with its accents: Turkish "karım" (my wife) is no "Karim". Arabic and Hebrew vowel
        signs are optional, written or not: "مصوّر" is "مصور" (photographer)."""
        written = unicodedata.normalize("NFC", raw).casefold()
        return (
            written in self.written
            or _OPTIONAL_MARKS.sub("", written) in self.written
            or fold(raw).startswith(self.prefixes)
        )

    def accented_otherwise(self, raw: str) -> bool:
        """The word bears accents that none of its entries has: Vietnamese "bờ" (shore) and "năm" (year)
        are no "bố" (father) or Dutch "nam" (took). A word written without accents may be any of them
        (many write Czech or Vietnamese without), and a prefix entry holds every accent."""
        written, folded = unicodedata.normalize("NFC", raw).casefold(), fold(raw)
        return written != folded and written not in self.written and not folded.startswith(self.prefixes)

    def __contains__(self, word: object) -> bool:
        try:
            return self._answers[word]  # type: ignore[index]  # the common case: a word asked before
        except (KeyError, TypeError):
            return self._answer(word)

    def _answer(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        answer = word in self.exact or word.startswith(self.prefixes)
        if len(self._answers) >= _ANSWERS_KEPT:
            self._answers.clear()
        self._answers[word] = answer
        return answer


# Arabic harakat and shadda, Hebrew points: written by some, left out by most.
_OPTIONAL_MARKS = re.compile("[\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")


@dataclass(frozen=True)
class Template:
    """Folded tokens before and after a slot: "I, {name}," -> (i, ",") and (",",)."""

    before: tuple[str, ...]
    after: tuple[str, ...]
    phrase: str


def _template(text: str, key: str, slot_first: bool = False) -> Template:
    """A template; with `slot_first`, words may follow the slot only ("{org} adına", "{org}:n puolesta")."""
    slots = [slot for slot in _SLOTS if slot in text]
    if len(slots) != 1 or text.count(slots[0]) != 1:
        raise ConfigError(f"{key}: {text!r} must hold exactly one {{name}} or {{org}} slot")
    before, after = text.split(slots[0])
    # an elision before the slot is cut off its name in the text too: "dell'{name}" reads "dell'Archivio"
    # as "dell", "Archivio"
    before = before[:-1] if before[-1:] in _ELISION_MARKS else before
    template = Template(
        tuple(t.norm for t in word_tokens(before)), tuple(t.norm for t in word_tokens(after)), text
    )
    if not template.before and not (slot_first and template.after):
        raise ConfigError(f"{key}: {text!r} needs words before its slot")
    return template


def _caseless_template(text: str) -> tuple[str, str]:
    """ "由{name}拍攝" -> ("由", "拍攝"): the words before and after the name, as written."""
    if text.count("{name}") != 1:
        raise ConfigError(f"caseless_credit: {text!r} must hold exactly one {{name}} slot")
    before, after = text.split("{name}")
    if not after:
        raise ConfigError(f"caseless_credit: {text!r} needs words after its slot")
    return before, after


@dataclass(frozen=True)
class TemplateSet:
    """Templates indexed by their first word, so that each text position tries only its candidates;
    slot-first templates are indexed by the first word after their slot."""

    by_first: Mapping[str, tuple[Template, ...]]
    by_trailing: Mapping[str, tuple[Template, ...]] = field(default_factory=dict)

    @classmethod
    def build(cls, templates: Iterable[Template]) -> Self:
        by_first: dict[str, list[Template]] = {}
        by_trailing: dict[str, list[Template]] = {}
        for template in templates:
            if template.before:
                by_first.setdefault(template.before[0], []).append(template)
            else:
                by_trailing.setdefault(template.after[0], []).append(template)
        return cls(
            {first: tuple(items) for first, items in by_first.items()},
            {first: tuple(items) for first, items in by_trailing.items()},
        )

    def candidates(self, tokens: Sequence[Tok]) -> list[int]:
        """The token indices, in order, where some template may match: at its first word, or for a
        slot-first template at the first word after its slot (most words of a text are neither)."""
        return [
            index
            for index, token in enumerate(tokens)
            if token.norm in self.by_first or token.norm in self.by_trailing
        ]

    def starting(self, norm: str) -> tuple[Template, ...]:
        return self.by_first.get(norm, ())

    def trailing(self, norm: str) -> tuple[Template, ...]:
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
            if CASELESS_RUN.search(form):
                inside.append(unicodedata.normalize("NFC", form))
                continue
            words = tuple(token.norm for token in word_tokens(form) if token.is_word)
            if words:
                by_first.setdefault(words[0], []).append(words)
        return cls({first: tuple(items) for first, items in by_first.items()}, tuple(inside))

    def starting(self, norm: str) -> tuple[tuple[str, ...], ...]:
        return self.by_first.get(norm, ())


_TEMPLATE_KEYS = ("signer", "represent", "credit", "credit_name_only", "credit_full_name")
_CASELESS_RELATION_KEYS = (
    "relations",
    "agents",
    "take_verbs",
    "subjects",
    "not_subjects",
    "relation_breaks",
    "relation_objects",
    "possessives",
    "subject_particles",
    "name_stops",
    "cleft_leads",
    "self_words",
    "negators",
    "honorific_particles",
)
# Kept as written (NFC, not folded: folding drops the voicing marks of kana, が -> か): they are found
# inside runs of text without spaces.
_STRING_KEYS = (
    "legal_forms",
    "represent_before",
    "represent_leads",
    "represent_after",
    "org_suffixes",
    "org_prefixes",
    "topic_particles",
    "caseless_credit",
    "caseless_not_credit",
    "name_suffixes",
    "caseless_not_name_ends",
    "caseless_units",
    "caseless_introductions",
    "pen_name_words",
    "made_for_words",
    "org_word_endings",
    *(f"caseless_{key}" for key in _CASELESS_RELATION_KEYS),
)
_WORD_KEYS = (
    "pronouns",
    "subject_pronouns",
    "third_pronouns",
    "third_possessives",
    "author_nouns",
    "copulas",
    "self_copulas",
    "possessed_relations",
    "relation_possessives",
    "passive_auxiliaries",
    "relations",
    "agents",
    "agent_compounds",
    "by_postpositions",
    "lens_words",
    "ergative_markers",
    "nobody_words",
    "without_words",
    "verb_negators",
    "coordinators",
    "take_verbs",
    "make_verbs",
    "commission_verbs",
    "upload_verbs",
    "participles",
    "relatives",
    "mark_nouns",
    "hired_pronouns",
    "own_possessives",
    "artwork_nouns",
    "subject_words",
    "self_words",
    "other_endings",
    "object_pronouns",
    "taken_objects",
    "subject_fillers",
    "cleft_leads",
    "by_prepositions",
    "depiction_prepositions",
    "articles",
    "org_leads",
    "org_kinds",
    "particles",
    "org_particles",
    "org_words",
    "unit_words",
    "titles",
    "title_connectors",
    "not_names",
    "honorifics",
    "dotted_honorifics",
    "photo_nouns",
    "credit_verbs",
    "credit_fillers",
    "caption_words",
    "caption_leads",
    "not_agents",
    "footer_marks",
)
_PHRASE_KEYS = (
    "self_made",
    "depicts",
    "closings",
    "for_client",
    "inherited",
    "made_for_us",
    "someone_else",
    "ordinal_words",
    "role_markers",
    "at_the_camera",
    "owner_phrases",
    "subject_phrases",
)
# The grammar words of a credit (its templates, verbs, prepositions, fillers) are per language: Italian
# "da" (by) is Portuguese "of the" ("tirada da Torre de Belém" is taken from it). A credit found with
# every language's words stands in a paragraph of a known language only when that language's words (and
# the common ones) find it too. Nouns (photo nouns, agents, relations) stay merged: they travel as loans.
_LANGUAGE_KEYS = (
    "credit",
    "credit_name_only",
    "credit_full_name",
    "take_verbs",
    "make_verbs",
    "commission_verbs",
    "participles",
    "relatives",
    "credit_verbs",
    "by_prepositions",
    "credit_fillers",
    "object_pronouns",
    "taken_objects",
    "subject_fillers",
    "cleft_leads",
    "depiction_prepositions",
    "not_relations",
    "subject_pronouns",
    "artwork_nouns",
    "third_possessives",
    "author_nouns",
    "copulas",
    "self_copulas",
    "pronouns",
    "coordinators",  # Polish "i" (and) is Albanian "i" (them): "Këto dy fotografi i kam bërë vetë"
)
# Phrases per language too: a self-made phrase lifts the depiction question, so it must be its own
# language's ("timer" in a Dutch paragraph is no self-timer).
_LANGUAGE_PHRASE_KEYS = ("self_made",)


@dataclass(frozen=True)
class CaselessRelations:
    """Words of "我的朋友王伟拍摄的", "제 친구 김민수가 찍었습니다": a relation or photographer, perhaps a
    name, then a taking verb, in scripts without capitals (as written, longest first); and of the signer's
    own "我自己在工作室里用相机拍摄的"."""

    relations: tuple[str, ...]  # "朋友", "父亲", "친구": relations and photographers
    agents: tuple[str, ...]  # "摄影师", "사진작가": a name right after one credits it without a verb
    take_verbs: tuple[str, ...]  # "拍摄", "拍的", "찍었", "촬영한"
    subjects: tuple[str, ...]  # "我", "제가": the signer is the subject of the verb
    not_subjects: tuple[str, ...]  # "帮我", "我的": first-person words that are no subject
    relation_breaks: tuple[str, ...]  # "的", "是", "를", "의": after a relation, it is no subject
    relation_objects: tuple[str, ...]  # "给", "和": before a relation, it is an object or a companion
    possessives: tuple[str, ...]  # "的": between a pronoun and the relation ("我的朋友")
    subject_particles: tuple[str, ...]  # "가", "께서": end the subject, written on it
    name_stops: tuple[str, ...]  # "在", "帮": a name written without spaces ends before them
    cleft_leads: tuple[str, ...]  # "찍은 사람은", "拍的是": before a relation, the one who took it
    self_words: tuple[str, ...]  # "自己", "직접": with a subject and a taking verb, the signer took it
    negators: tuple[str, ...]  # "不", "没", "않": in a clause, it says nothing the signer did for sure
    # "께서": an honorific subject marker, never of the signer: its verb may close a long clause
    honorific_particles: tuple[str, ...]


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
    third_pronouns: WordSet  # "he", "er", "lui": a person named before who may be the subject of "took"
    passive_auxiliaries: WordSet  # "was", "wurde", "été": "she was photographed" makes her no subject
    relations: WordSet
    agents: WordSet
    not_relations: WordSet  # per language only: French "son" (his) is no English son, German "nicht" no niece
    nobody_words: WordSet  # "no", "kein", "aucun": "no other photographer took part" credits nobody
    without_words: WordSet  # "without", "brez": "without an outside photographer" credits no trade
    verb_negators: WordSet  # "not", "nicht", "नहीं": right before a taking verb, the relation did not take it
    coordinators: WordSet  # "and", "y", "i": "my friend and I took it" names a second author
    by_postpositions: WordSet  # "tarafından": "Selin Kaya tarafından tasarlandı" (by Selin Kaya, designed)
    lens_words: WordSet  # "objektifinden": after a name, from that person's lens or camera
    ergative_markers: WordSet  # "ने": after a relation, it is the subject of the verb that ends the sentence
    agent_endings: tuple[str, ...]  # endings of agent compounds: "Hobbyfotograf", "persfotograaf"
    take_verbs: WordSet
    make_verbs: WordSet  # "hizo", "gemacht": taking a photo only with a photo noun or pronoun as object
    commission_verbs: WordSet  # "commissioned", "заказали", "çektirdik": the holder had someone else make it
    upload_verbs: WordSet  # "uploaded", "hochgeladen": a commission in their clause is to upload, not to make
    participles: WordSet  # "çeken": who took it, right before the relation it describes ("çeken kuzenim")
    relatives: WordSet  # "who", "který", "qui": "Anna Berg, who took them" credits her
    mark_nouns: WordSet  # "stamp", "pečiatka": the studio's stamp quoted after one is a caption
    hired_pronouns: WordSet  # "nos", "ens", "mich": the writer is the one a commissioning verb hired
    own_possessives: WordSet  # "our", "proprio": before an organisation credited, the holder's own unit
    artwork_nouns: WordSet  # "painting", "tabloul": a trade and a name after one in its sentence made it
    subject_words: WordSet  # "subject", "assunto": "the photo of the subject (line)" names no motif
    third_possessives: WordSet  # "his", "его": before an artwork noun, the artist named just before made it
    author_nouns: WordSet  # "author", "auteur", "autorem": a relation joined to one by a copula made the work
    copulas: WordSet  # "is", "est", "je": third-person only ("I am the author" is the signer's own word)
    self_copulas: WordSet  # "am", "bin", "sunt": the signer is what follows ("I'm the volunteer who …")
    possessed_relations: WordSet  # "far", "mor": a relation only beside a possessive ("min far")
    relation_possessives: WordSet  # "min", "vår": the possessives before them
    self_words: WordSet  # "myself", "selbst": with a first-person subject and a taking verb, self-made
    other_endings: WordSet  # "اند": a personal ending after the verb naming others ("گرفته‌اند", they took)
    object_pronouns: WordSet  # "la hizo", "l'a faite", "hem gemaakt": the photo, just before the verb
    taken_objects: WordSet  # "took them", "snapped these": the photos, just after a taking verb
    subject_fillers: WordSet  # "qui", "who", "hat", "heeft": between a named subject and its verb
    cleft_leads: WordSet  # "c'est", "was", "fue": a name after them may be a cleft's subject
    by_prepositions: WordSet
    depiction_prepositions: WordSet
    articles: WordSet
    org_leads: WordSet
    org_kinds: WordSet  # "la banda Marea Alta": skipped when written in lower case
    particles: WordSet
    org_particles: WordSet
    org_words: WordSet
    unit_words: WordSet  # "department", "Pressestelle", "شعبہ": a unit of an organisation
    titles: WordSet
    title_connectors: WordSet
    not_names: WordSet
    honorifics: WordSet  # "Dr.", "Mme", "Dott.ssa": skipped before a name
    dotted_honorifics: WordSet  # "On.": skipped before a name only with their dot ("on" is a word)
    photo_nouns: WordSet  # "Zdjęcie", "Aufnahme": the subject of a verb-first credit
    credit_verbs: WordSet  # "wykonał", "machte", "hizo": a third person made it
    credit_fillers: WordSet  # clitics and auxiliaries between: "La foto la hizo", "l'ha scattata"
    caption_labels: WordSet  # photo nouns, agents and credit words before a colon: "Kuva: Mikko Lahtinen"
    not_agents: WordSet  # "drone", "timer", "surprise": what a passive "by" names that is no person
    caption_leads: WordSet  # "above", "this", "위": may stand before a caption's label ("(위 사진 촬영: X)")
    footer_marks: WordSet  # "©", "Copyright": a footer line under the signature, not part of it
    legal_forms: LegalForms  # "GmbH", "Co., Ltd.", "株式会社": end an organisation's name, name no one
    org_suffixes: tuple[str, ...]  # "有限公司", "博物館": end an organisation's name in Han or Hangul
    org_prefixes: tuple[str, ...]  # "วัด", "บริษัท": begin an organisation's name in Thai
    represent_before: tuple[str, ...]  # "を代表して": the organisation is written just before
    # words that describe the organisation before its name, in scripts without capitals: "단독 소유자인
    # 한빛 필하모닉을 대리함" (… which is the sole owner)
    represent_leads: tuple[str, ...]
    represent_after: tuple[str, ...]  # "代表": the organisation follows, up to its org suffix
    topic_particles: tuple[str, ...]  # "は", "는 ": a subject ends there, the organisation starts after
    # "由{name}拍攝", "{name}が撮影": credits in scripts without spaces, as (before, after) the name
    caseless_credits: tuple[tuple[str, str], ...]
    caseless_not_credit: tuple[str, ...]  # "自由", "理由": words holding a credit template's lead
    name_suffixes: tuple[str, ...]  # "先生", "さん": honorifics written after a name in Han or kana
    # "部", "課", "팀": after a house pronoun ("当社広報部", our PR department) the holder's own unit
    caseless_units: tuple[str, ...]
    caseless_not_name_ends: tuple[str, ...]  # "用", "際": a purpose or a time before "に撮影を依頼", no one
    # "と申します", "です": a writer introducing themselves, their name written just before
    caseless_introductions: tuple[str, ...]
    caseless_relations: CaselessRelations
    footer_prose_lines: int  # prose lines under a signature (disclaimers) skipped to reach it
    wrapped_line_length: int  # a line this long, ending mid-sentence, was wrapped by the mail program
    self_made: PhraseTable
    depicts: PhraseTable
    for_client: PhraseTable  # "our client", "als Webagentur": the writer's own organisation is not the holder
    inherited: PhraseTable  # "sole heir", "Alleinerbin": the rights came from the maker, who is someone else
    made_for_us: PhraseTable  # "撮ってくださった", "촬영해 주신": someone else took it for the writer
    someone_else: PhraseTable  # "someone else", "jemand anderes": with a taking verb, an unnamed maker
    ordinal_words: PhraseTable  # "the second", "la seconda": one of several files singled out by its order
    role_markers: PhraseTable  # "as a", "en tant que": the relation after them is a role, no other person
    owner_phrases: PhraseTable  # "lent by", "milik": the person after them owns a thing used, took nothing
    at_the_camera: PhraseTable  # "behind the camera", "hinter der Kamera": who stood there took the photo
    # first-person subjects of more than one word, where the pronoun alone is another word too: Urdu
    # "میں نے" (I, with the ergative mark; "میں" alone is also "in")
    subject_phrases: PhraseTable
    closings: PhraseTable
    ignored_hosts: tuple[str, ...]
    # folded: "pseudonym", "künstlernamen": a quoted name after one is the signer's own
    pen_name_words: tuple[str, ...]
    made_for_words: frozenset[str]  # "per", "for": "© Marco Bellini per Cantina Valdoro" credits Bellini
    org_word_endings: tuple[str, ...]  # "museum" ends "Havnemuseum": a body's name written as one word
    tlds: frozenset[str]
    # language -> this vocabulary with that language's credit words (_LANGUAGE_KEYS) and the common ones;
    # a language without one of those lists keeps every language's words for it
    languages: Mapping[str, StatementVocabulary] = field(default_factory=dict)

    @functools.cached_property
    def credit_opening_words(self) -> WordSet:
        """Every word some kind of credit starts with: a template's first word, a caption label, a taking or
        making verb, a photo noun, a cleft's lead (one set: a lookup per token, not five; built once)."""
        templates = (self.credit, self.credit_name_only, self.credit_full_name)
        words = (self.caption_labels, self.take_verbs, self.make_verbs, self.photo_nouns, self.cleft_leads)
        return WordSet(
            frozenset().union(*(table.by_first for table in templates), *(each.exact for each in words)),
            tuple(prefix for each in words for prefix in each.prefixes),
        )

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> Self:
        """Build from config/statement.toml; raises ConfigError naming the bad key."""
        languages = data.get("languages")
        if not isinstance(languages, Mapping) or not languages:
            raise ConfigError("languages: expected a table of languages in statement.toml")
        merged: dict[str, list[str]] = {
            key: [] for key in (*_TEMPLATE_KEYS, *_WORD_KEYS, *_PHRASE_KEYS, *_STRING_KEYS, "not_relations")
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
        credits = data.get("credits")
        wrapped = credits.get("wrapped_line_length") if isinstance(credits, Mapping) else None
        if not isinstance(wrapped, int) or isinstance(wrapped, bool) or not 20 <= wrapped <= 200:
            raise ConfigError("credits.wrapped_line_length: expected a whole number from 20 to 200")

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
        vocabulary = cls(
            signer=templates("signer"),
            represent=templates("represent"),
            credit=templates("credit"),
            credit_name_only=templates("credit_name_only"),
            credit_full_name=templates("credit_full_name"),
            pronouns=frozenset(" ".join(p.casefold().split()) for p in merged["pronouns"]),
            subject_pronouns=words("subject_pronouns"),
            third_pronouns=words("third_pronouns"),
            passive_auxiliaries=words("passive_auxiliaries"),
            relations=words("relations"),
            agents=words("agents"),
            agent_endings=tuple(sorted(words("agent_compounds").exact)),
            by_postpositions=words("by_postpositions"),
            lens_words=words("lens_words"),
            ergative_markers=words("ergative_markers"),
            nobody_words=words("nobody_words"),
            without_words=words("without_words"),
            verb_negators=words("verb_negators"),
            coordinators=words("coordinators"),
            not_relations=WordSet.build([]),
            take_verbs=words("take_verbs"),
            make_verbs=words("make_verbs"),
            commission_verbs=words("commission_verbs"),
            upload_verbs=words("upload_verbs"),
            hired_pronouns=words("hired_pronouns"),
            own_possessives=words("own_possessives"),
            artwork_nouns=words("artwork_nouns"),
            subject_words=words("subject_words"),
            third_possessives=words("third_possessives"),
            author_nouns=words("author_nouns"),
            copulas=words("copulas"),
            self_copulas=words("self_copulas"),
            possessed_relations=words("possessed_relations"),
            relation_possessives=words("relation_possessives"),
            self_words=words("self_words"),
            other_endings=words("other_endings"),
            participles=words("participles"),
            relatives=words("relatives"),
            mark_nouns=words("mark_nouns"),
            object_pronouns=words("object_pronouns"),
            taken_objects=words("taken_objects"),
            subject_fillers=words("subject_fillers"),
            cleft_leads=words("cleft_leads"),
            by_prepositions=words("by_prepositions"),
            depiction_prepositions=words("depiction_prepositions"),
            articles=words("articles"),
            org_leads=words("org_leads"),
            org_kinds=words("org_kinds"),
            particles=words("particles"),
            org_particles=words("org_particles"),
            org_words=words("org_words"),
            unit_words=words("unit_words"),
            titles=words("titles"),
            title_connectors=words("title_connectors"),
            not_names=words("not_names"),
            honorifics=words("honorifics"),
            dotted_honorifics=words("dotted_honorifics"),
            photo_nouns=words("photo_nouns"),
            credit_verbs=words("credit_verbs"),
            credit_fillers=words("credit_fillers"),
            caption_labels=WordSet.build(
                [*merged["photo_nouns"], *merged["agents"], *_caption_words(merged["caption_words"])]
            ),
            caption_leads=words("caption_leads"),
            not_agents=words("not_agents"),
            footer_marks=words("footer_marks"),
            legal_forms=legal_forms,
            org_suffixes=as_written("org_suffixes") + legal_forms.inside,
            org_prefixes=as_written("org_prefixes"),
            represent_before=as_written("represent_before"),
            represent_leads=as_written("represent_leads"),
            represent_after=as_written("represent_after"),
            topic_particles=as_written("topic_particles"),
            caseless_credits=tuple(_caseless_template(text) for text in as_written("caseless_credit")),
            caseless_not_credit=as_written("caseless_not_credit"),
            name_suffixes=as_written("name_suffixes"),
            caseless_units=as_written("caseless_units"),
            caseless_not_name_ends=as_written("caseless_not_name_ends"),
            caseless_introductions=as_written("caseless_introductions"),
            caseless_relations=CaselessRelations(
                *(as_written(f"caseless_{key}") for key in _CASELESS_RELATION_KEYS)
            ),
            footer_prose_lines=footer_lines,
            wrapped_line_length=wrapped,
            self_made=phrases("self_made"),
            depicts=phrases("depicts"),
            for_client=phrases("for_client"),
            inherited=phrases("inherited"),
            made_for_us=phrases("made_for_us"),
            someone_else=phrases("someone_else"),
            ordinal_words=phrases("ordinal_words"),
            role_markers=phrases("role_markers"),
            owner_phrases=phrases("owner_phrases"),
            at_the_camera=phrases("at_the_camera"),
            subject_phrases=phrases("subject_phrases"),
            closings=phrases("closings"),
            ignored_hosts=tuple(host.lower() for host in hosts),
            pen_name_words=tuple(fold(word) for word in as_written("pen_name_words")),
            made_for_words=frozenset(fold(word) for word in as_written("made_for_words")),
            org_word_endings=tuple(fold(word) for word in as_written("org_word_endings")),
            tlds=frozenset(t.lower() for t in strings(websites.get("tlds"), "websites.tlds")),
        )
        by_language = _by_language(vocabulary, languages)
        aliases = data.get("language_aliases", {})
        if not isinstance(aliases, Mapping) or not all(
            isinstance(alias, str) and isinstance(target, str) and target in by_language
            for alias, target in aliases.items()
        ):
            raise ConfigError("language_aliases: expected a table of detected code = a language of this file")
        return replace(
            vocabulary, languages={**by_language, **{a: by_language[t] for a, t in aliases.items()}}
        )


def _caption_words(labels: Iterable[str]) -> Iterator[str]:
    """Caption words as the caption reader reads them, a word at a time: a label written in syllables is
    read syllable by syllable ("Tác giả:", author); other labels of several words stay whole."""
    for label in labels:
        parts = label.split()
        yield from parts if all(len(part) <= _SYLLABLE_LETTERS for part in parts) else (label,)


_SYLLABLE_LETTERS = 5  # Vietnamese writes a syllable a word: "nguồn", "ảnh"


def _by_language(merged: StatementVocabulary, languages: Mapping[str, Any]) -> dict[str, StatementVocabulary]:
    """For each language, `merged` with that language's credit words and self-made phrases, and the
    common ones."""
    common = languages.get("common", {})
    by_language: dict[str, StatementVocabulary] = {}
    for language, entry in languages.items():
        if language == "common":
            continue
        own: dict[str, Any] = {}
        for key in (*_LANGUAGE_KEYS, *_LANGUAGE_PHRASE_KEYS):
            if key not in entry:
                continue
            texts = [
                *strings(entry[key], key, allow_empty=True),
                *strings(common.get(key, []), key, allow_empty=True),
            ]
            if key in _TEMPLATE_KEYS:
                own[key] = TemplateSet.build(_template(text, key) for text in texts)
            elif key == "pronouns":
                own[key] = frozenset(" ".join(text.casefold().split()) for text in texts)
            elif key in _LANGUAGE_PHRASE_KEYS:
                own[key] = PhraseTable.build(((text, "") for text in texts), key)
            else:
                own[key] = WordSet.build(texts)
        by_language[str(language)] = replace(merged, **own)
    return by_language
