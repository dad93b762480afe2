"""Names in a release: a template around a slot ("I, {name},", "on behalf of {org}"), runs of capitalised
words with their particles and legal forms, and whether a credited name is the holder's."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

from verification.licenses import fold, tokenize
from verification.statement.abjad import abjad_script, spelled_in_latin
from verification.statement.indic import indic_script
from verification.statement.indic import spelled_in_latin as spelled_in_indic
from verification.statement.vocabulary import StatementVocabulary, Template, TemplateSet, WordSet
from verification.statement.words import CASELESS_RUN, Tok, is_letters, word_tokens

# Opening quotes and the marks that close them: "от имени ООО «Звезда»", "im Namen der „Glasbau Maier“".
_QUOTES = {"«": "»", "“": "”", "„": "“”", '"': '"', "‹": "›", "「": "」", "『": "』"}
MAX_PERSON_WORDS = 5
_MAX_LEADING_WORDS = 6  # honorifics ("Prof. Dr."), articles and organisation leads before a name
_MAX_ORG_WORDS = 8
# Inflected names (see same_name_word): shared stem, ending letters replaced in the name / in the title.
_NAME_STEM = 4
_NAME_ENDING = 3
_WORD_ENDING = 3
_SHORT_ENDING = 2


def clean_name(name: str) -> str | None:
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


def unique_names(names: Iterable[str | None]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for name in names:
        cleaned = clean_name(name) if name else None
        if cleaned:
            seen.setdefault(" ".join(fold(cleaned).split()), cleaned)
    return tuple(seen.values())


def first_slot(
    text: str, tokens: Sequence[Tok], templates: TemplateSet, vocab: StatementVocabulary, org: bool
) -> str | None:
    """The name in the earliest template match of the text; organisations may be quoted («Звезда»)."""
    for index in templates.candidates(tokens):
        for template in templates.starting(tokens[index].norm):
            found = _slot_at(text, tokens, index, template, vocab, org)
            if found is not None:
                return found[0]
        for template in templates.trailing(tokens[index].norm):
            if sequence_at(tokens, index, template.after):
                name = _name_before(text, tokens, index, vocab, org)
                if name is not None:
                    return name
    return None


def _name_before(
    text: str, tokens: Sequence[Tok], end: int, vocab: StatementVocabulary, org: bool
) -> str | None:
    """The longest name ending just before `end` on its line, for slot-first templates: "Aydın
    Fotoğrafçılık adına", "Jyrkänkosken Pallo ry:n puolesta"."""
    if end == 0:
        return None
    line = tokens[end - 1].line
    limit = 2 * (_MAX_ORG_WORDS if org else MAX_PERSON_WORDS)
    found: str | None = None
    for start in range(end - 1, max(-1, end - 1 - limit), -1):
        if tokens[start].line != line:
            break
        if not (tokens[start].is_word and tokens[start].capitalised):
            continue
        run = name_run(text, tokens, start, vocab, org, skip_articles=False)
        if run is not None and run[1] == end:
            found = run[0]
    return found


def _slot_at(
    text: str,
    tokens: Sequence[Tok],
    index: int,
    template: Template,
    vocab: StatementVocabulary,
    org: bool,
) -> tuple[str, int] | None:
    """(name, index after the template) when `template` matches at `index` with a name in its slot."""
    if not sequence_at(tokens, index, template.before):
        return None
    run = name_run(text, tokens, index + len(template.before), vocab, org, quoted=org)
    if run is None or not sequence_at(tokens, run[1], template.after):
        return None
    return run[0], run[1] + len(template.after)


def _initial_before_surname(tokens: Sequence[Tok], index: int) -> bool:
    """A capital letter and a full stop before one capitalised word: the initial of "A. Reijnders", not a
    one-letter honorific (Portuguese "D.", "D.ª")."""
    after = index + 2
    return (
        len(tokens[index].raw) == 1
        and tokens[index].raw.isupper()
        and after < len(tokens)
        and tokens[index + 1].raw == "."
        and tokens[after].is_word
        and tokens[after].capitalised
        and tokens[after].line == tokens[index].line
        and not (
            after + 1 < len(tokens)
            and tokens[after + 1].is_word
            and tokens[after + 1].capitalised
            and tokens[after + 1].line == tokens[index].line
        )
    )


def sequence_at(tokens: Sequence[Tok], index: int, norms: Sequence[str]) -> bool:
    if index + len(norms) > len(tokens):
        return False
    return all(tokens[index + offset].norm == norm for offset, norm in enumerate(norms))


def name_run(
    text: str,
    tokens: Sequence[Tok],
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
    # Runs of honorifics and of leading words are bounded: this runs from every capitalised word of a
    # text, and an unbounded skip ("A A A ...": "A" is a Hungarian honorific) would make reading quadratic.
    skipped = 0
    while (
        index < len(tokens)
        and skipped < _MAX_LEADING_WORDS
        and tokens[index].line == line
        and (
            tokens[index].norm in vocab.honorifics
            or (
                tokens[index].norm in vocab.dotted_honorifics
                and index + 1 < len(tokens)
                and tokens[index + 1].raw == "."
            )
        )
        and not _initial_before_surname(tokens, index)
    ):
        index += 2 if index + 1 < len(tokens) and tokens[index + 1].raw == "." else 1  # "Dr.", "Dott.ssa"
        skipped += 1
    leads = vocab.org_leads if org else WordSet(frozenset(), ())
    kinds = vocab.org_kinds if org else WordSet(frozenset(), ())
    skipped = 0
    while (
        index < len(tokens)
        and (skipped := skipped + 1) <= _MAX_LEADING_WORDS
        and tokens[index].line == line
        and (
            (skip_articles and tokens[index].raw.islower() and tokens[index].norm in vocab.articles)
            or tokens[index].norm in leads
            or (tokens[index].raw.islower() and tokens[index].norm in kinds)
        )
    ):
        index += 1
    lead = legal_forms_from(tokens, index, vocab) if org else index
    if quoted or lead > index:
        closed = _quoted_at(tokens, lead, line)
        if closed is not None:
            if lead > index:  # "ООО «Звёздное фото»": the legal form and the quoted name
                span = text[tokens[index].start : tokens[closed - 1].end]
            else:  # "театра «Сфера»": the name without its quotes
                span = text[tokens[index].end : tokens[closed - 1].start]
            return (" ".join(span.split()), closed) if span.strip() else None
    particles = vocab.org_particles if org else vocab.particles
    limit = _MAX_ORG_WORDS if org else MAX_PERSON_WORDS
    taken: list[int] = []
    pending: list[int] = []
    word_count = 0  # words in `taken`: past the limit there is no name, so the scan stops (linear time)
    position = index
    while position < len(tokens) and tokens[position].line == line:
        token = tokens[position]
        if not taken and (
            vocab.relations.holds_as_written(token.raw) or vocab.agents.holds_as_written(token.raw)
        ):
            break  # "von einem Freund aufgenommen": German nouns are capitalised, but no name
        legal_end = legal_forms_from(tokens, position, vocab) if org and taken else position
        if legal_end > position:
            taken.extend(range(position, legal_end))  # "Acme, Inc.", "Pallo ry": the name ends here
            break
        if (
            token.is_word
            and token.capitalised
            and token.norm not in vocab.not_names
            and not token.raw.isdigit()
        ):
            word_count += sum(1 for i in pending if tokens[i].is_word) + 1
            if word_count > limit:
                return None
            taken.extend(pending)
            pending = []
            taken.append(position)
        elif token.raw == "." and taken and taken[-1] == position - 1 and len(tokens[position - 1].raw) == 1:
            taken.append(position)  # an initial: "J. R. Tolkien"
        elif org and taken and token.raw.islower() and token.norm in vocab.org_words:
            taken.extend(pending)  # "Bergslagens museum", "Halsberga kommun": a lower-case noun ends it
            taken.append(position)
            # "Историко-архитектурный музей-заповедник «Остров»": or the quoted name after it
            closed = _quoted_at(tokens, position + 1, line)
            if closed is not None:
                taken.extend(range(position + 1, closed))
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


def legal_forms_from(tokens: Sequence[Tok], index: int, vocab: StatementVocabulary) -> int:
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
        after = legal_form_at(tokens, probe, vocab, line)
        if after == probe:
            return end
        end = position = after


def legal_form_at(tokens: Sequence[Tok], index: int, vocab: StatementVocabulary, line: int) -> int:
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


def _quoted_at(tokens: Sequence[Tok], index: int, line: int) -> int | None:
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


# Marks that part a byline's photographer from the body after him: "Foto: Anders Lindqvist / Gruvmuseet".
_BYLINE_PARTS = frozenset({"/", "|", "–", "—", "-"})


def is_holder_name(name: str, holder_names: Sequence[str], vocab: StatementVocabulary) -> bool:
    """The credited name is the holder's: one name's distinctive words contain the other's. In "Marco
    Bellini per Cantina Valdoro" the maker is the part before the made-for word."""
    maker = name.split()
    cut = next(
        (
            i
            for i, word in enumerate(maker)
            # "Anders Lindqvist / Gruvmuseet i Nora": the photographer, then the body he works for
            if i and ((word.islower() and fold(word) in vocab.made_for_words) or word in _BYLINE_PARTS)
        ),
        None,
    )
    credited = distinctive_words(" ".join(maker[:cut]) if cut else name, vocab)
    if not credited:
        return _initials_of_holder(name, holder_names)
    # a studio named after part of the holder's name: "Thu Hà Photography" signed "Nguyễn Thu Hà", "Maria
    # Berg Photography" signed "Anna Maria Berg"
    personal = frozenset(word for word in credited if word not in vocab.org_words)
    return any(
        (words := distinctive_words(holder, vocab))
        and (
            credited <= words
            or words <= credited
            or _words_within(credited, words)
            or (personal and personal != credited and personal <= words)
        )
        for holder in holder_names
    )


def _initials_of_holder(name: str, holder_names: Sequence[str]) -> bool:
    """A name written only in initials that are a holder's: "Φωτ.: Γ.Π." by Γιώργος Παπαδόπουλος."""
    initials = [part for part in re.split(r"[.\s]+", name) if part]
    if len(initials) < 2 or not all(len(part) == 1 and part.isalpha() for part in initials):
        return False
    wanted = "".join(initials).casefold()
    return any(
        "".join(word[0] for word in holder.split() if word[:1].isalpha()).casefold() == wanted
        for holder in holder_names
    )


def _words_within(one: frozenset[str], other: frozenset[str]) -> bool:
    """Every word of the shorter name is a word of the longer one in another grammatical case ("Biura
    Projektowego Lipowy Dwór" in "Biuro Projektowe Lipowy Dwór Sp. z o.o.") or written in the other
    script."""
    shorter, longer = sorted((one, other), key=len)
    return all(
        any(
            same_name_word(word, each) or same_name_word(each, word) or same_name_across_scripts(word, each)
            for each in longer
        )
        for word in shorter
    )


def shares_name_word(name: str, others: Sequence[str], vocab: StatementVocabulary) -> bool:
    """`name` and one of `others` share a distinctive word, perhaps in another grammatical case: "Biura
    Projektowego Lipowy Dwór" and "Biuro Projektowe Lipowy Dwór Sp. z o.o." name one firm."""
    words = distinctive_words(name, vocab)
    return any(
        same_name_word(a, b) or same_name_word(b, a)
        for other in others
        for a in words
        for b in distinctive_words(other, vocab)
    )


def spelled_in_host(name: str, host: str, vocab: StatementVocabulary) -> bool:
    """The host's name spells two distinctive words of the organisation's name at least: "Museu de la
    Farga de Santa Aurèlia" in museufarga-santaaurelia.cat, "Fondazione Palazzo Orsetti" in
    fondazioneorsetti.it; a one-word name must be a whole part of the host's first label ("Hromy" in
    hromy-fb.cz), alone or with its article ("De Nachtvlinders" in denachtvlinders.nl)."""
    labels = host.lower().removeprefix("www.").split(".")
    spelled = fold("".join(labels[:-1])).replace("-", "")
    words = [word for word in distinctive_words(name, vocab) if len(word) > 3]
    if len(words) == 1 and len(distinctive_words(name, vocab)) == 1:
        # a one-word name ("kapela Hromy" and www.hromy-fb.cz): a whole part of the host's first label, or
        # the whole name is, its article too ("De Nachtvlinders" and denachtvlinders.nl)
        parts = fold(labels[0]).split("-")
        return words[0] in parts or "".join(filter(str.isalnum, fold(name))) in parts
    return sum(word in spelled for word in words) >= 2


# Spaces between two runs of Han, kana or Hangul: a name's parts, as a Japanese signature spaces them.
_CASELESS_LETTER = CASELESS_RUN.pattern.removesuffix("+")
_SPACED_RUNS = re.compile(rf"(?<={_CASELESS_LETTER})[ \u3000]+(?={_CASELESS_LETTER})")


def distinctive_words(name: str, vocab: StatementVocabulary) -> frozenset[str]:
    """The words of a name that identify it: no particles, no one-letter initials, no legal forms
    ("Hoshizora Shashin Co., Ltd." is hoshizora, shashin); a run of Han, kana or Hangul is one word,
    without its legal form ("株式会社星空写真" is 星空写真)."""
    tokens = word_tokens(name)
    legal = {i for start in range(len(tokens)) for i in range(start, legal_form_at(tokens, start, vocab, 0))}
    words = {
        norm
        for i, token in enumerate(tokens)
        if token.is_word and i not in legal and not CASELESS_RUN.search(token.raw)
        for norm in (t.norm for t in tokenize(token.raw))
        if len(norm) > 2 and is_letters(norm)
    }
    # Thai, Lao, Khmer and Burmese words are read a letter at a time: the word as written is the name's
    words.update(
        unicodedata.normalize("NFC", token.raw)
        for token in tokens
        if token.is_word and len(token.raw) > 2 and _UNSPACED_SCRIPT.match(token.raw)
    )
    written = unicodedata.normalize("NFC", name)
    joined = _SPACED_RUNS.sub("", written)  # "山本 健" is also written "山本健"
    for run in {*CASELESS_RUN.findall(written), *CASELESS_RUN.findall(joined)}:
        for form in vocab.legal_forms.inside:
            run = run.replace(form, "")
        if len(run) >= 2:
            words.add(run)
    return frozenset(words)


_UNSPACED_SCRIPT = re.compile("[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]")

# Cyrillic and Greek letters in Latin, as names are commonly romanised (Дмитрий -> dmitrii, Коваль -> koval,
# Παπαδάκη -> papadaki).
_ROMAN = str.maketrans(
    {
        "а": "a", "б": "b", "в": "v", "г": "g", "ґ": "g", "д": "d", "е": "e", "ё": "e", "є": "ie", "ж": "zh",
        "з": "z", "и": "i", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
        "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch",
        "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "iu", "я": "ia", "ђ": "dj",
        "ј": "j", "љ": "lj", "њ": "nj", "ћ": "c", "џ": "dz",
        "α": "a", "β": "v", "γ": "g", "δ": "d", "ε": "e", "ζ": "z", "η": "i", "θ": "th", "ι": "i", "κ": "k",
        "λ": "l", "μ": "m", "ν": "n", "ξ": "x", "ο": "o", "π": "p", "ρ": "r", "σ": "s", "ς": "s", "τ": "t",
        "υ": "i", "φ": "f", "χ": "ch", "ψ": "ps", "ω": "o",
        "ა": "a", "ბ": "b", "გ": "g", "დ": "d", "ე": "e", "ვ": "v", "ზ": "z", "თ": "t", "ი": "i", "კ": "k",
        "ლ": "l", "მ": "m", "ნ": "n", "ო": "o", "პ": "p", "ჟ": "zh", "რ": "r", "ს": "s", "ტ": "t", "უ": "u",
        "ფ": "p", "ქ": "k", "ღ": "gh", "ყ": "q", "შ": "sh", "ჩ": "ch", "ც": "ts", "ძ": "dz", "წ": "ts",
        "ჭ": "ch", "ხ": "kh", "ჯ": "j", "ჰ": "h",
        "ա": "a", "բ": "b", "գ": "g", "դ": "d", "ե": "e", "զ": "z", "է": "e", "ը": "y", "թ": "t", "ժ": "zh",
        "ի": "i", "լ": "l", "խ": "kh", "ծ": "ts", "կ": "k", "հ": "h", "ձ": "dz", "ղ": "gh", "ճ": "ch",
        "մ": "m", "յ": "y", "ն": "n", "շ": "sh", "ո": "o", "չ": "ch", "պ": "p", "ջ": "j", "ռ": "r", "ս": "s",
        "վ": "v", "տ": "t", "ր": "r", "ց": "ts", "փ": "p", "ք": "k", "օ": "o", "ֆ": "f", "և": "ev",
    }
)  # fmt: skip
# Greek letter pairs romanised as one sound: Παπαδόπουλος -> papadopoulos, Ευάγγελος -> evangelos.
_GREEK_DIGRAPHS = (("ου", "ou"), ("αυ", "av"), ("ευ", "ev"), ("γγ", "ng"), ("γκ", "g"))
# Spellings one romanisation writes another way: Dmitry/Dmitrii, Andreyev/Andreev, Khar-/Har-, Hanna/Ganna,
# Mpampis/Bampis, Ntina/Dina, Giourgos/Giurgos, Christos/Hristos.
_SPELLINGS = (("ye", "e"), ("yo", "o"), ("kh", "h"), ("ch", "h"), ("ts", "c"), ("tz", "c"), ("w", "v"),
              ("y", "i"), ("j", "i"), ("h", "g"), ("mp", "b"), ("nt", "d"), ("ou", "u"))  # fmt: skip


def _romanised(word: str) -> str:
    """A folded name word in Latin letters, blind to how it was romanised: Дмитрий, Dmitry and Dmitrii
    are all "dmitri"."""
    for greek, latin_letters in _GREEK_DIGRAPHS:
        word = word.replace(greek, latin_letters)
    latin = word.translate(_ROMAN)
    for written, said in _SPELLINGS:
        latin = latin.replace(written, said)
    return re.sub(r"(.)\1+", r"\1", latin)


def same_name_across_scripts(name: str, word: str) -> bool:
    """`word` is `name` written in another script: the signer "Дмитрий Соколов" in the title "Dmitry
    Sokolov 2024", the credit "Olena Koval" to "Олена Коваль", "Ελένη Παπαδάκη" in "Eleni Papadaki in
    concert", "רון פרידמן" signing "Ron Friedman" (`abjad`), "মৌমিতা সেন" in "Moumita Sen performing"
    (`indic`). Only Cyrillic, Greek, Hebrew, Arabic or an Indian script against Latin: within one script the
    spelling decides."""
    if _script(name) == _script(word):
        return False
    for script_word, latin in ((name, word), (word, name)):
        if abjad_script(script_word) is not None and latin.isascii():
            return spelled_in_latin(script_word, fold(latin))
        if indic_script(script_word) and latin.isascii():
            return spelled_in_indic(script_word, fold(latin))
    return same_name_word(_romanised(name), _romanised(word))


def _script(word: str) -> str:
    """ "cyrillic", "greek", "georgian", "armenian", "abjad" (Hebrew or Arabic), "indic" or "other"."""
    if any("\u0400" <= c <= "\u04ff" for c in word):
        return "cyrillic"
    if any("\u0370" <= c <= "\u03ff" or "\u1f00" <= c <= "\u1fff" for c in word):
        return "greek"
    if any("\u10a0" <= c <= "\u10ff" for c in word):
        return "georgian"
    if any("\u0530" <= c <= "\u058f" for c in word):
        return "armenian"
    if abjad_script(word) is not None:
        return "abjad"
    if indic_script(word):
        return "indic"
    return "other"


def same_name_word(name: str, word: str) -> bool:
    """`word` is `name`, perhaps in another grammatical case: Agnieszka/Agnieszki, Kowalski/Kowalskiego,
    Jan/Jana, Virtanen/Virtasen; not Kessler/Kesselbach or Jan/Janusz.

    Case endings replace the last letters of a name, so the two share a long prefix and differ only in a
    short ending: at most `_NAME_ENDING` letters of the name and `_WORD_ENDING` of the word after the
    shared prefix of at least `_NAME_STEM` letters. A name shorter than the stem must be whole in the
    word, followed by at most `_SHORT_ENDING` letters that open like a case ending (Jan -> Jana, Janem).
    """
    if name == word:
        return True
    if len(name) >= _NAME_STEM and name[-2] == "e" and name[-1].isalpha() and word != name[:-2] + name[-1]:
        # a vowel dropped before the ending: Peter/Petra, Pavel/Pavlom, Marek/Marka
        dropped = name[:-2] + name[-1]
        if word.startswith(dropped) and len(word) - len(dropped) <= _SHORT_ENDING:
            return True
    shared = 0
    for a, b in zip(name, word, strict=False):
        if a != b:
            break
        shared += 1
    name_rest, word_rest = len(name) - shared, len(word) - shared
    if shared >= _NAME_STEM:
        return name_rest <= _NAME_ENDING and word_rest <= _WORD_ENDING
    return (
        name_rest == 0
        and shared == len(name) >= 3
        and word_rest <= _SHORT_ENDING
        # a case ending opens with a vowel, or is a genitive "s": not Ben/bench, Ann/Annex
        and (word_rest == 0 or word[shared] in _ENDING_OPENERS)
    )


_ENDING_OPENERS = frozenset("aeiouyąęıs")


# Quotation marks a pen name is written in, and how far after its pen-name word it may open.
_QUOTED = re.compile(r"[\"“„«»‚‘'「『]([^\"“”„«»‚‘’'」』\n]{2,40})[\"“”«»‘’'」』]")
_PEN_NAME_REACH = 40


def pen_names(text: str, vocab: StatementVocabulary) -> tuple[str, ...]:
    """Names the signer publishes under: a quoted name shortly after a pen-name word ("unter dem
    Künstlernamen „Nebelwanderer“", "under the pseudonym 'Fotoblick'"); the signer's own, so a credit
    to it is no credit to someone else."""
    folded = fold(text).replace("’", "'")  # "nom d’artiste"; one character for one keeps the offsets
    found: list[str] = []
    for word in vocab.pen_name_words:
        at = folded.find(word)
        while at != -1:
            match = _QUOTED.search(text, at + len(word), at + len(word) + _PEN_NAME_REACH)
            if match is None:
                match = _quoted_before(text, at)
            if match is not None:
                found.append(match.group(1).strip())
            at = folded.find(word, at + 1)
    return tuple(found)


def _quoted_before(text: str, at: int) -> re.Match[str] | None:
    """The quoted name a pen-name word names back, in its sentence: "merci d'indiquer « Lumen » : c'est le
    nom d'artiste sous lequel je signe"; at most `_PEN_NAME_BACK_WORDS` words between."""
    head = text[max(0, at - _PEN_NAME_REACH - 40) : at]
    quoted = list(_QUOTED.finditer(head))
    if not quoted:
        return None
    between = head[quoted[-1].end() :]
    if any(mark in between for mark in ".!?\n") or len(between.split()) > _PEN_NAME_BACK_WORDS:
        return None
    return quoted[-1]


_PEN_NAME_BACK_WORDS = 4  # "« Lumen » : c'est le nom d'artiste", "'Fotoblick' is my pseudonym"


def address_spells(address: str, words: Sequence[str]) -> bool:
    """Each of two words at least is a part of the address ("Kavitha Raman" of kavitha@kavitha-raman.in,
    "Théo Garnier" of theo.garnier44@laposte.net): the name of whoever writes from it. Short words (a
    "li") may be any address's part."""
    parts = set(re.split(r"[^\w]+|_|\d+", fold(address)))
    spelled = (len(word) >= _ADDRESS_NAME_LETTERS and fold(word) in parts for word in words)
    return len(words) >= 2 and all(spelled)


_ADDRESS_NAME_LETTERS = 3  # letters a name's word needs to count as a part of an address
