"""What a release says of authorship: credits to the signer or to others, self-made phrases, and
whether the work depicts the signer."""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence

from verification.languages import ParagraphLanguages
from verification.licenses import PhraseTable, Token, Tokens, fold, sentence_around, tokenize
from verification.model import Credit
from verification.statement.caseless import caseless_took_myself
from verification.statement.names import (
    MAX_PERSON_WORDS,
    distinctive_words,
    is_holder_name,
    name_run,
    same_name_across_scripts,
    same_name_word,
    sequence_at,
)
from verification.statement.vocabulary import StatementVocabulary, Template, TemplateSet, WordSet
from verification.statement.words import CASELESS_RUN, Tok, is_letters, phrase_start, word_tokens

# Quotation marks too: a credit line quoted for the reuser opens and ends there
# ("使用時請註明「攝影：林志偉」", 'please credit "Photo: Max Muster"').
_CLAUSE_MARKS = frozenset(',;()[]–—-|/"“”„«»‹›「」『』【】·•،؛、，；')  # with the Arabic and CJK commas
# A capitalised caption label may also open a sentence: "Szeged, Dóm tér. Fotó: Kovács Lajos, 1962."
_SENTENCE_MARKS = frozenset(".!?।॥۔。！？؟")  # the danda ends a Hindi or Bengali sentence
_CLAUSE_END = re.compile(r"[.!?:;,।॥۔。！？؟]|\n\s*\n")  # what ends the clause after a by-word
# A label glued to its name ("Slika:Jezero v Ledvicah.jpg") on a line that goes on to a media file's
# extension is a file page in a local namespace, not a caption ("Foto: X" has a space).
_FILE_EXTENSION = re.compile(r"\.(?:jpe?g|png|gif|svg|tiff?|webp|ogg|ogv|webm|pdf|djvu)\b", re.IGNORECASE)
# folded: the full-width "：" and "／" too; "사진=정하늘" (press style); Armenian "՝" ("Լուսանկարիչ՝ …");
# a dash standing apart from the words ("Foto – Hans Müller", "צילום – יוסי מזרחי": a hyphen inside a word
# is a joiner), after a label that is no trade ("Fotograf – Leipzig", "عکاس - شیراز": a trade and a town)
_CAPTION_MARKS = frozenset(":/=՝©-–—")  # "Foto: …", "Foto © …"
_CAPTION_DASHES = frozenset("-–—")
_WORD_JOINERS = frozenset("-'’")  # inside a describing word: "long-time", "d'Alembert"
# Tokens between a relation or agent and its taking verb, in one sentence: a German verb comes last ("Das
# Foto hat unser langjähriger Partner und Fotograf Markus Hofbauer im Sommer 2023 in Wien aufgenommen"),
# and a description, a time and a place may stand between ("taken in the summer of 2023 during our open
# day by our partner and long-time friend Liam Gallagher"; Hindi "रोहन जी ने 2025 में स्वयंसेवक के रूप में …
# तस्वीरें खींची थीं", the verb last after a time, a role and a place). A first-person subject of the verb still
# makes it the signer's own ("my wife drove, and I took the photo").
_RELATION_WINDOW = 16
# The same for a verb before the relation ("taget fra luften … med en drone, som jeg havde lånt af min
# nabo"): no verb-final sentence reaches that far back.
_RELATION_WINDOW_BEFORE = 14
# The same after an ergative marker ("दिनेश यादव जी ने पिछले वर्ष … अपने मोबाइल फ़ोन से खींची थीं"): the subject
# so marked is the doer of the verb that closes its sentence, however many words of time and place stand
# between; the sentence's end still bounds it.
_ERGATIVE_WINDOW = 40
# Words in brackets the window may reach over besides: a place, a trade, an office ("(Sylhet branch)").
_BRACKETED_WORDS = 12
# Words of time or place between a credit's verb and its "by": "taken in 2019 by X", "tomada en 2020
# por X". A clause mark or a line end between stops the credit.
_ADVERBIAL_WORDS = 4
# ... after a passive verb: "taken at the family carol service last Christmas by X"
_PASSIVE_ADVERBIAL_WORDS = 8


def read_credits(
    text: str,
    tokens: Sequence[Tok],
    vocab: StatementVocabulary,
    holder_names: Sequence[str],
    languages: ParagraphLanguages | None = None,
) -> tuple[Credit, ...]:
    """Credits read with every language's words; with `languages`, a credit to someone else in a
    paragraph of a known language stands only when that language's credit words find it too."""
    credits: list[Credit] = []
    covered: set[int] = set()
    spans: list[tuple[int, int]] = []  # where each credit read here stands in the text
    opening_words = vocab.credit_opening_words
    index = 0
    while index < len(tokens):
        credit = (
            credit_at(text, tokens, index, vocab, holder_names)
            if _may_open_credit(tokens, index, opening_words, vocab)
            else None
        )
        if credit is not None and not credit[0].by_signer:
            own = _own_vocabulary(languages, vocab, tokens[index].start, tokens[credit[1] - 1].end)
            if own is not None and (
                _said_of_oneself(tokens, index, own) or _took_it_oneself(tokens, index, own)
            ):
                credit = (
                    None  # "Я авторка фото Софійського собору": the signer is the author; the rest is shown
                )
            elif (
                own is not None
                and credit_at(text, tokens, index, own, holder_names) is None
                # a caption ("Foto: Anders Lindqvist") is read in any language
                and _caption_at(text, tokens, index, vocab, holder_names) is None
            ):
                credit = None  # "tirada da Torre de Belém": Italian "da" (by) in Portuguese
        if (
            credit is not None
            and not credit[0].by_signer
            and (
                _title_under_signer(text, tokens, index, holder_names, vocab)
                or _title_after_signer(text, tokens, index, holder_names, vocab)
            )
        ):
            credit = None  # "วิภาวรรณ แก้วมณี\nช่างภาพ เชียงใหม่": her trade and town under her name
        if credit is None:
            index += 1
            continue
        found, end = credit
        credits.append(found)
        covered.update(range(index, end))
        spans.append((tokens[index].start, tokens[end - 1].end))
        index = end
    named = {credit.name for credit in credits if credit.name}
    relation_credits = _relation_credits(text, vocab, _spans(tokens, covered), holder_names, languages)
    credits.extend(
        credit  # one person credited twice ("fot. X" and "fotograf X") is one credit
        for credit in relation_credits
        if (credit.name is None or credit.name not in named)
        # "mein Vater, der Fotograf Heinrich Albers (…), hat … fotografiert" beside "Foto: Heinrich Albers"
        and not (credit.name is None and any(name in credit.phrase for name in named))
        and not _starts_inside(text, credit, spans)
    )
    return tuple(credits)


def _starts_inside(text: str, credit: Credit, spans: Sequence[tuple[int, int]]) -> bool:
    """The credit's phrase starts inside another credit's: "la fotografia és d'en Jordi Puigvert, soci de la
    colla, que la va fer" credits him once, not again from "Puigvert, soci … que la va fer"."""
    start = phrase_start(text, credit.phrase)
    return start is not None and any(low < start < high for low, high in spans)


# Words a passive credit's description may hold: "dal nostro enologo", "by a summer intern".
_DESCRIBED_REACH = 3


def passive_credits(
    text: str, vocab: StatementVocabulary, holder_names: Sequence[str], languages: ParagraphLanguages | None
) -> list[Credit]:
    """A taking verb, a by-word right after it, then someone described, not named: "La foto è stata
    scattata dal nostro enologo, Marco Ferretti", "taken by a summer intern". Someone else took it,
    whatever the description's noun; not when it holds a pronoun of the signer ("taken by me"), an
    organisation ("by our company"), a thing ("taken by drone", "by surprise") or a holder's name. A
    name written after a comma is the credited one. Read only where no other credit is: it names nobody
    the other readers would not."""
    tokens = tokenize(text)
    credits: list[Credit] = []
    for index in range(len(tokens) - 2):
        verb = tokens[index]
        if not _passive_verb(tokens, index, vocab):
            continue
        at = _by_word_after(tokens, index, vocab)
        if at is None:
            continue
        by = tokens[at]
        own = _own_vocabulary(languages, vocab, verb.start, by.end)
        if own is not None and (not _passive_verb(tokens, index, own) or by.norm not in own.by_prepositions):
            continue
        if _after_owner_phrase(tokens, at + 1, vocab):
            continue  # "ett stativ som jag lånat av grannen": borrowed from the neighbour
        _, clause_end = _around(tokens, at, sentence=False)
        if any(tokens[i].norm in vocab.upload_verbs for i in range(at + 1, clause_end)):
            continue  # "die door mijn neef op Wikimedia Commons zijn gezet": the nephew uploaded them
        if own is not None and any(_subject_pronoun(tokens[i], own) for i in range(index + 1, at)):
            continue  # "le ho scattate io nel 2023 dalla barca": the signer took them, from the boat
        if own is not None and index > 0 and not verb.gap and _subject_pronoun(tokens[index - 1], own):
            continue  # "ett porträtt som jag tog av henne": the signer took it, of her
        words = _description(tokens, at + 1)
        if not words and at > index + 1:  # "réalisées lors des vendanges 2023 par Julien Marchand"
            named = _capitalised_run(tokens, at + 1)
            if named is not None and not is_holder_name(named[0], holder_names, vocab):
                phrase = " ".join(text[verb.start : tokens[named[1] - 1].end].split())
                credits.append(Credit(phrase=phrase, name=named[0], by_signer=False))
            continue
        head = _head_of(words, vocab)
        if at - index - 1 > _BY_REACH_DESCRIBED:
            # far from the verb only a name counts: "taken in 2019 on a quiet morning by the river"; a
            # described maker named right after ("изработено по наша поръчка през 2016 г. от графичния
            # дизайнер Петя Стоянова")
            named = _capitalised_run(tokens, at + 1 + len(words)) if words else None
            if (
                named is not None
                and len(named[0].split()) >= 2
                and not any(word.norm in vocab.not_agents for word in head)
                and not is_holder_name(named[0], holder_names, vocab)
            ):
                phrase = " ".join(text[verb.start : tokens[named[1] - 1].end].split())
                credits.append(Credit(phrase=phrase, name=named[0], by_signer=False))
            continue
        if not words or any(
            word.raw.casefold() in vocab.pronouns
            or any(word.norm in table for table in (vocab.not_agents, vocab.org_leads, vocab.org_words))
            for word in head
        ):
            continue
        end = at + 1 + len(words)
        name = _apposed_name(tokens, end)
        if name is not None and is_holder_name(name, holder_names, vocab):
            continue
        phrase = " ".join(text[verb.start : tokens[end - 1].end].split())
        credits.append(Credit(phrase=phrase, name=name, by_signer=False))
    return credits


# Words between a passive taking verb and its by-word, in one clause, a year among them: "taken in 1958
# by", "in 1958 gemaakt door".
_BY_REACH = 8
# ... and the words there may be when the by-word is followed by a description, not a name
_BY_REACH_DESCRIBED = 4


def pronoun_credits(
    text: str, vocab: StatementVocabulary, languages: ParagraphLanguages | None
) -> list[Credit]:
    """A relative or a trade named, then a third-person subject pronoun before a taking verb: "Ce tirage
    m'a été donné par mon oncle … c'est lui qui l'avait prise", "My father photographed a lot. He took
    this one in 1987." The pronoun at most `_PRONOUN_REACH` words before the verb in its clause, no
    first-person subject between them, and the relation or trade before it in its sentence or the one
    before. Read only where no other credit is."""
    tokens = tokenize(text)
    sentences = list(itertools.accumulate(token.brk for token in tokens))
    credits: list[Credit] = []
    for verb in _indices_of(tokens, vocab.take_verbs, vocab.make_verbs, vocab.credit_verbs):
        token = tokens[verb]
        making = token.norm in vocab.make_verbs
        third = token.norm in vocab.credit_verbs  # "tog": a third person's verb
        if (token.norm not in vocab.take_verbs and not making and not third) or _namespace_prefix(
            tokens, verb
        ):
            continue  # "Archivo:Laguna.jpg" names a file page
        if third and _marks_person(tokens, verb, languages):
            # the paragraph's own words: Finnish "en" (I don't) is no subject in Spanish
            native = _own_vocabulary(languages, vocab, token.start, token.end) or vocab
            topic = _unwritten_subject(tokens, verb, native)
            if topic is not None and _antecedent(tokens, topic, sentences, vocab, languages):
                # "Nuestro socio Andrés Vidal vino con nosotros. Las tomó en la visita guiada": the verb's
                # own form says a third person took them
                phrase = " ".join(text[tokens[topic].start : token.end].split())
                credits.append(Credit(phrase=phrase, name=None, by_signer=False))
                continue
        for pronoun in range(verb - 1, max(-1, verb - _PRONOUN_REACH - 1), -1):
            if tokens[pronoun + 1].gap or _subject_pronoun(tokens[pronoun], vocab):
                break
            if not vocab.third_pronouns.holds_as_written(tokens[pronoun].raw):
                continue  # Spanish "él" (he), not "el" (the)
            if pronoun > 0 and not tokens[pronoun].gap and _subject_pronoun(tokens[pronoun - 1], vocab):
                break  # "Jeg er medindehaver … og har selv taget": Danish "er" (am), no German "er" (he)
            if any(tokens[i].norm in vocab.passive_auxiliaries for i in range(pronoun + 1, verb)):
                break  # "she was photographed": the person is shown, not the one who took it
            if any(tokens[i].norm in vocab.verb_negators for i in range(pronoun + 1, verb)):
                break  # "he is in the picture, he didn't take it"
            if making and not _made_photo_after(tokens, pronoun, verb, vocab):
                break  # "he made a mistake"; "hij heeft ze … gemaakt" (he made them)
            own = _own_vocabulary(languages, vocab, tokens[pronoun].start, token.end)
            if own is not None and (
                tokens[pronoun].norm not in own.third_pronouns
                or not any(
                    token.norm in words for words in (own.make_verbs, own.take_verbs, own.credit_verbs)
                )
            ):
                break
            if _antecedent(tokens, pronoun, sentences, vocab, languages):
                phrase = " ".join(text[tokens[pronoun].start : token.end].split())
                credits.append(Credit(phrase=phrase, name=None, by_signer=False))
            break
    return credits


# Words a third-person subject may stand before its taking verb: "c'est lui qui l'avait prise", "hij heeft
# ze op de Nationale Molendag gemaakt".
_PRONOUN_REACH = 8


def _antecedent(
    tokens: Sequence[Token],
    subject: int,
    sentences: Sequence[int],
    vocab: StatementVocabulary,
    languages: ParagraphLanguages | None,
) -> bool:
    """A relation, a trade or a person's name before `subject`, in its sentence or the one before: whom a
    "he" or an unwritten subject stands for."""
    sentence = sentences[subject]
    return any(
        sentences[i] in (sentence, sentence - 1)
        and (tokens[i].norm in vocab.relations or is_agent(tokens[i].norm, vocab))
        for i in range(subject)
    ) or _named_before(tokens, subject, sentences, vocab, languages)


# Languages whose verbs of making say the person: "tomó" (he), not "tomé" (I); "pořídil" without "jsem".
# Not Russian, Ukrainian or Croatian, whose past tense is the same for "I" and "she" ("я зробила").
_PERSON_MARKING = frozenset({"es", "it", "pt", "ca", "pl", "cs", "sk"})


def _marks_person(tokens: Sequence[Token], verb: int, languages: ParagraphLanguages | None) -> bool:
    token = tokens[verb]
    return languages is not None and languages.at(token.start, token.end) in _PERSON_MARKING


def _unwritten_subject(tokens: Sequence[Token], verb: int, vocab: StatementVocabulary) -> int | None:
    """Where a sentence opens that a third person's verb of making leads with no subject written: its photo
    noun or object pronoun ("Snímky pořídil letos", "Las tomó en la visita", "Le ha scattate domenica",
    "Pořídil je loni"). None where the sentence has a first-person subject ("snimila sam", "las tomé yo")
    or a subject may follow the verb ("Zdjęcia wykonała dyrektor szkoły")."""
    start, last = sentence_around(tokens, verb)
    if any(_subject_pronoun(tokens[i], vocab) for i in range(start, last + 1)):
        return None
    after = verb + 1
    if after <= last and not tokens[after].gap and _may_be_subject(tokens[after], vocab):
        return None
    if verb == start:  # "Pořídil je loni v lednu"
        return verb if after <= last and tokens[after].norm in vocab.object_pronouns else None
    position, objects = verb - 1, 0
    while (
        position >= start
        and not tokens[position + 1].gap
        and (tokens[position].norm in vocab.credit_fillers or tokens[position].norm in vocab.object_pronouns)
    ):
        objects += tokens[position].norm in vocab.object_pronouns
        position -= 1
    if position < start:
        return start if objects else None  # "Las tomó", "Le ha scattate"
    if tokens[position + 1].gap or tokens[position].norm not in vocab.photo_nouns:
        return None
    opening = position - start <= _TOPIC_LEAD and not any(
        tokens[i].gap for i in range(start + 1, position + 1)
    )
    return position if opening else None


# Words before a photo noun that opens its sentence: "Les", "Las".
_TOPIC_LEAD = 2


def _may_be_subject(token: Token, vocab: StatementVocabulary) -> bool:
    """A word after the verb that may start its subject: a name, a relation, a trade or a title."""
    return (
        token.raw[:1].isupper()
        or token.norm in vocab.relations
        or is_agent(token.norm, vocab)
        or token.norm in vocab.titles
        or token.norm in vocab.honorifics
    )


_MADE_OBJECT_REACH = 2  # "a făcut pozele", "made the photos", "ha fatto le foto"


def _made_photo_after(tokens: Sequence[Token], pronoun: int, verb: int, vocab: StatementVocabulary) -> bool:
    """What the subject at `pronoun` made is the photo: a photo noun before the verb, or right after it (an
    article between at most: "Dânsul a făcut pozele"), or an object pronoun right after the subject or its
    auxiliary ("hij heeft ze … gemaakt"); not "heeft een fout in het bijschrift gemaakt", where "het" is an
    article."""
    if any(tokens[i].norm in vocab.photo_nouns for i in range(pronoun + 1, verb)):
        return True
    for after in range(verb + 1, min(len(tokens), verb + _MADE_OBJECT_REACH + 1)):
        if tokens[after].gap:
            break
        if tokens[after].norm in vocab.photo_nouns:
            return True
        if tokens[after].norm not in vocab.articles:
            break
    at = pronoun + 1
    if at < verb and tokens[at].norm in vocab.subject_fillers:
        at += 1
    return at < verb and tokens[at].norm in vocab.object_pronouns


def _named_before(
    tokens: Sequence[Token],
    pronoun: int,
    sentences: Sequence[int],
    vocab: StatementVocabulary,
    languages: ParagraphLanguages | None,
) -> bool:
    """A person's full name in the pronoun's sentence before it, or in the sentence before: "Henk de
    Vries, een van onze vrijwillige molenaars: hij heeft ze … gemaakt". Two capitalised words in one
    clause, perhaps with a particle between, the first not opening its sentence; not in a language that
    capitalises every noun (nor where the language is unknown)."""
    sentence = sentences[pronoun]
    for index in range(pronoun - 1, 1, -1):
        if sentences[index] < sentence - 1:
            return False
        if not _capitalised_word(tokens[index]):
            continue
        first = index - 1
        if (
            tokens[first].raw.islower()
            and tokens[first].norm in vocab.particles
            and not tokens[first + 1].gap
        ):
            first -= 1
        if (
            _capitalised_word(tokens[first])
            and not any(tokens[i].gap for i in range(first + 1, index + 1))
            and not tokens[first].brk
            and first > 0
            and not _capitalises_nouns(tokens, index, languages)
        ):
            return True
    return False


def _capitalised_word(token: Token) -> bool:
    return token.raw.isalpha() and token.raw[:1].isupper()


def postposition_credits(text: str, vocab: StatementVocabulary, holder_names: Sequence[str]) -> list[Credit]:
    """A name, a by-word written after it, then a taking verb: "Logo, ajansta Selin Kaya tarafından
    tasarlandı", "kuvat otettiin Mikko Lahtisen toimesta"; or a name and a lens word, which says the taking
    itself ("Kerem Aksoy'un objektifinden çıkmıştır"). Not the holder's name."""
    tokens = tokenize(text)
    credits: list[Credit] = []
    for index in range(2, len(tokens) - 1):
        if tokens[index].norm in vocab.by_postpositions and tokens[index + 1].norm not in vocab.take_verbs:
            credits.extend(_uncased_agent_after_verb(text, tokens, index, vocab, holder_names))
            continue
        if tokens[index].norm not in vocab.by_postpositions and tokens[index].norm not in vocab.lens_words:
            continue
        end = _before_case_suffix(text, tokens, index)
        first = end
        while first > 0 and end - first < MAX_PERSON_WORDS and tokens[first - 1].raw[:1].isupper():
            first -= 1
            if tokens[first].gap and first < end - 1:
                break
        if end - first < 2 or tokens[index].gap:
            continue
        name = " ".join(t.raw for t in tokens[first:end])
        if not is_holder_name(name, holder_names, vocab):
            phrase = " ".join(text[tokens[first].start : tokens[index + 1].end].split())
            credits.append(Credit(phrase=phrase, name=name, by_signer=False))
    return credits


def _before_case_suffix(text: str, tokens: Sequence[Token], index: int) -> int:
    """Where the name before `index` ends: before a case suffix set off by an apostrophe ("Kerem
    Aksoy'un objektifinden": Aksoy's lens), else at `index`."""
    suffix = index - 1
    if (
        suffix >= 1
        and tokens[suffix].raw.islower()
        and len(tokens[suffix].raw) <= _MAX_CASE_SUFFIX
        and text[tokens[suffix - 1].end : tokens[suffix].start] in _APOSTROPHES
    ):
        return suffix
    return index


_MAX_CASE_SUFFIX = 3
_APOSTROPHES = frozenset("'’")


def _uncased_agent_after_verb(
    text: str, tokens: Sequence[Token], by: int, vocab: StatementVocabulary, holder_names: Sequence[str]
) -> list[Credit]:
    """A taking verb, then a name of two or three words in a script without capitals, then the by-word:
    "ფოტოები გადაღებულია გიორგი ბერიძის მიერ" (the photos were taken by Giorgi Beridze). Not the
    holder's name, not a pronoun or a relation among the words (those are read as such)."""
    for verb in range(by - 2, max(-1, by - MAX_PERSON_WORDS - 2), -1):
        words = tokens[verb + 1 : by]
        if any(token.gap for token in tokens[verb + 1 : by + 1]):
            return []
        if tokens[verb].norm not in vocab.take_verbs:
            continue
        if len(words) < 2 or not all(
            _uncased_word(token.raw)
            and token.norm not in vocab.pronouns
            and token.norm not in vocab.relations
            for token in words
        ):
            return []
        name = " ".join(token.raw for token in words)
        if is_holder_name(name, holder_names, vocab):
            return []
        phrase = " ".join(text[tokens[verb].start : tokens[by].end].split())
        return [Credit(phrase=phrase, name=name, by_signer=False)]
    return []


def _passive_verb(tokens: Sequence[Token], index: int, vocab: StatementVocabulary) -> bool:
    """A taking verb, or a making verb with a photo or artwork noun shortly before it in its clause ("Beide
    foto's zijn in 1958 gemaakt door …", "логото е изработено … от …")."""
    norm = tokens[index].norm
    if norm in vocab.take_verbs:
        # "photographie de patrimoine" is photography, no "photographié" (photographed) without its accent
        return norm not in vocab.photo_nouns or vocab.take_verbs.holds_as_written(tokens[index].raw)
    if norm not in vocab.make_verbs:
        return False
    for back in range(index - 1, max(-1, index - _PHOTO_REACH - 1), -1):
        if tokens[back + 1].gap:
            return False
        if tokens[back].norm in vocab.photo_nouns or tokens[back].norm in vocab.artwork_nouns:
            return True
    return False


def _by_word_after(tokens: Sequence[Token], verb: int, vocab: StatementVocabulary) -> int | None:
    """The by-word right after the verb, or at most `_BY_REACH` words after it in its clause when a year
    stands between ("taken in 1958 by the founder of our club"); not "taken in the garden by the lake",
    where "by" is a place."""
    for at in range(verb + 1, min(len(tokens) - 1, verb + 2 + _BY_REACH)):
        if tokens[at].gap:
            return None
        if tokens[at].norm in vocab.by_prepositions:
            between = tokens[verb + 1 : at]
            return at if not between or any(token.raw.isdecimal() for token in between) else None
    return None


def _head_of(words: Sequence[Token], vocab: StatementVocabulary) -> Sequence[Token]:
    """A description's words up to its first preposition: "the founder" of "the founder of our club"."""
    for position, word in enumerate(words):
        if position and (word.norm in vocab.depiction_prepositions or word.norm in vocab.org_particles):
            return words[:position]
    return words


def _description(tokens: Sequence[Token], start: int) -> list[Token]:
    """Up to `_DESCRIBED_REACH` lower-case words from `start` in one clause: a described person. A
    capital at once is a name (the credit templates read those)."""
    words: list[Token] = []
    for token in tokens[start : start + _DESCRIBED_REACH]:
        if (words and token.gap) or token.brk or not token.raw[:1].isalpha() or not token.raw[:1].islower():
            break
        words.append(token)
    return words


def _after_life_years(tokens: Sequence[Token], index: int) -> int:
    """Past the years in brackets after a name ("(1921–1998)", "(1921-1998)"), else `index`."""
    if index >= len(tokens) or "(" not in tokens[index].sep or not tokens[index].raw.isdecimal():
        return index
    at = index + 1
    if at < len(tokens) and tokens[at].raw.isdecimal() and ")" not in tokens[at].sep:
        at += 1
    return at if at < len(tokens) and ")" in tokens[at].sep else index


def apposed_agent_credits(text: str, vocab: StatementVocabulary, holder_names: Sequence[str]) -> list[Credit]:
    """A full name in running text with a trade in apposition after it: "nous avions fait appel à Julien
    Marchand, photographe à Caen, qui a couvert la journée", or opening a sentence a taking verb goes on
    ("John Smith, a photographer from Galway, took the picture"). Not a signature line ("Julien Marchand,
    photographe" opening its line) and not a holder's name ("Je suis Jeanne Morel, photographe")."""
    tokens = tokenize(text)
    credits: list[Credit] = []
    for index in range(len(tokens) - 2):
        before = tokens[index - 1] if index else None
        in_prose = (
            before is not None
            and "\n" not in tokens[index].sep
            and before.raw[:1].islower()
            and before.raw.isalpha()
        )
        opens_clause = index == 0 or tokens[index].gap
        if not in_prose and not (opens_clause and _taken_later(tokens, index, vocab)):
            continue  # prose, not a signature: after a lower-case word on its line, or a taking verb after
        named = _capitalised_run(tokens, index)
        if named is None or named[1] >= len(tokens):
            continue
        after = _after_life_years(tokens, named[1])  # "José Augusto Carvalho (1921–1998), fotógrafo"
        if after >= len(tokens):
            continue
        agent = tokens[after]
        if (
            agent.norm in vocab.articles
            and after + 1 < len(tokens)
            and not tokens[after + 1].gap
            and _taken_later(tokens, index, vocab)
        ):
            # "John Smith, a photographer from Galway, took …": the article before the trade
            agent = tokens[after + 1]._replace(sep=agent.sep)
        if (
            "," not in agent.sep
            or not agent.raw[:1].islower()
            or not is_agent(agent.norm, vocab)
            # Turkish "fotoğrafın" (the photo's) is no German "Fotografin"
            or vocab.agents.accented_otherwise(agent.raw)
        ):
            continue
        if not is_holder_name(named[0], holder_names, vocab):
            phrase = " ".join(text[tokens[index].start : agent.end].split())
            credits.append(Credit(phrase=phrase, name=named[0], by_signer=False))
    return credits


def _taken_later(tokens: Sequence[Token], index: int, vocab: StatementVocabulary) -> bool:
    """A taking verb later in the sentence of the name at `index`: "John Smith, a photographer from
    Galway, took the picture", "Tadhg Ó Cearbhaill, grianghrafadóir as an Spidéal, a ghlac an pictiúr"."""
    _, last = sentence_around(tokens, index)
    return any(tokens[i].norm in vocab.take_verbs for i in range(index + 1, min(last + 1, len(tokens))))


def title_credits(
    files: Sequence[str], vocab: StatementVocabulary, holder_names: Sequence[str]
) -> list[Credit]:
    """Credits a file title carries, in brackets or after a dash: "鞍馬寺_仁王門の紅葉_(撮影_山田太郎).jpg",
    "Lake view (photo by John Smith).jpg". A title holds no colon after a label ("撮影 山田太郎"), so one is
    read there. Named persons other than a holder only."""
    credits: list[Credit] = []
    for title in files:
        name = title.split(":", 1)[-1].replace("_", " ")
        name = name.rsplit(".", 1)[0] if "." in name else name
        for part in _TITLE_PARTS.split(name):
            words = part.split()
            if len(words) < 2:
                continue
            first = word_tokens(words[0])
            if first and first[0].norm in vocab.caption_labels and not words[0].endswith((":", "：")):
                part = f"{words[0]}: {' '.join(words[1:])}"
            tokens = word_tokens(part)
            credits.extend(
                credit
                for credit in read_credits(part, tokens, vocab, holder_names)
                if credit.name and not credit.by_signer
            )
    return credits


# What sets a credit apart in a file title: brackets, and a dash between spaces.
_TITLE_PARTS = re.compile(r"[()（）\[\]]| [-–—] ")


def titled_agent_credits(
    text: str, files: Sequence[str], vocab: StatementVocabulary, holder_names: Sequence[str]
) -> list[Credit]:
    """A trade noun followed by a full name a file title spells in Latin letters, in a script without
    capitals where no other reader can tell a name: "ავტორია მხატვარი დავით გოგიჩაიშვილი" for the file
    "Davit Gogichaishvili - Old Tbilisi balconies.jpg". Not a holder's name."""
    names = [
        name
        for title in files
        for name in _title_names(title)
        if not is_holder_name(name, holder_names, vocab)
    ]
    if not names:
        return []
    tokens = tokenize(text)
    credits: list[Credit] = []
    for index in _indices_where(tokens, lambda norm: is_agent(norm, vocab)):
        token = tokens[index]
        for name in names:
            words = name.split()
            after = tokens[index + 1 : index + 1 + len(words)]
            if len(after) == len(words) and all(
                not word.raw[:1].isupper()
                and not word.gap
                and same_name_across_scripts(fold(part), word.norm)
                for part, word in zip(words, after, strict=True)
            ):
                phrase = " ".join(text[token.start : after[-1].end].split())
                credits.append(Credit(phrase=phrase, name=name, by_signer=False))
    return credits


def _title_names(title: str) -> list[str]:
    """Runs of two to `MAX_PERSON_WORDS` capitalised words in a file title: the names it may carry
    ("Davit Gogichaishvili" and "Old Tbilisi" in "Davit Gogichaishvili - Old Tbilisi balconies.jpg")."""
    runs: list[list[str]] = [[]]
    for separator, word in re.findall(r"([\W\d_]*)([^\W\d_]+)", title.split(":", 1)[-1]):
        if separator.strip(" _") and runs[-1]:
            runs.append([])  # "Gogichaishvili - Old": a dash or a bracket ends a name
        if word[:1].isupper():
            runs[-1].append(word)
        elif runs[-1]:
            runs.append([])
    return [" ".join(run) for run in runs if 2 <= len(run) <= MAX_PERSON_WORDS]


def relative_credits(
    text: str, vocab: StatementVocabulary, holder_names: Sequence[str], languages: ParagraphLanguages | None
) -> list[Credit]:
    """A full name, a comma, a relative pronoun and a taking verb in the relative clause: "děkujeme panu Ing.
    Pavlu Šimkovi, který je pro nás loni po opravě střechy nafotil", "thanks to Anna Berg, who took them
    last spring". Not where the clause has a subject of its own ("Maria, die ich fotografiert habe") or a
    passive auxiliary ("…, who was photographed by me"), nor a holder's name."""
    tokens = tokenize(text)
    credits: list[Credit] = []
    for index in _indices_of(tokens, vocab.relatives):
        token = tokens[index]
        if "," not in token.sep or index < 2:
            continue
        own = _own_vocabulary(languages, vocab, token.start, token.end)
        if own is not None and token.norm not in own.relatives:
            continue
        start = index
        while (
            start > 0
            and tokens[start - 1].raw[:1].isupper()
            and (start == index or not tokens[start].gap)
            and index - start <= MAX_PERSON_WORDS
        ):
            start -= 1
        if index - start < 2:
            continue
        name = " ".join(text[tokens[start].start : tokens[index - 1].end].split())
        words = [t for t in tokens[start:index] if t.norm not in vocab.honorifics]
        if len(words) < 2 or is_holder_name(name, holder_names, vocab):
            continue
        verb = _relative_verb(tokens, index, own or vocab)  # Czech "je" (them) is no French "je" (I)
        if verb is not None:
            phrase = " ".join(text[tokens[start].start : tokens[verb].end].split())
            credits.append(Credit(phrase=phrase, name=name, by_signer=False))
    return credits


def object_relative_credits(
    text: str, vocab: StatementVocabulary, holder_names: Sequence[str], languages: ParagraphLanguages | None
) -> list[Credit]:
    """A photo noun, a relative pronoun as the object of a taking or making verb, and a full name as its
    subject after the verb: "Las fotografías, que nos hizo Andrés Molina en la primavera", "la foto che ci
    ha scattato Marco Rossi". Short lower-case words (clitics, auxiliaries) may stand between the pronoun
    and the verb; not a first-person subject, a passive auxiliary, or the holder's name."""
    tokens = tokenize(text)
    credits: list[Credit] = []
    for index in _indices_of(tokens, vocab.relatives):
        token = tokens[index]
        if index == 0 or token.brk:
            continue
        if tokens[index - 1].norm not in vocab.photo_nouns:
            continue  # no photo noun in any language: none in the paragraph's (its language not asked)
        own = _own_vocabulary(languages, vocab, token.start, token.end)
        words = own or vocab
        if token.norm not in words.relatives or tokens[index - 1].norm not in words.photo_nouns:
            continue
        verb = index + 1
        while (
            verb < min(len(tokens), index + 1 + _OBJECT_RELATIVE_FILLERS)
            and not tokens[verb].gap
            and tokens[verb].raw.islower()
            and len(tokens[verb].raw) <= _FILLER_LENGTH
            and tokens[verb].norm not in words.take_verbs
            and tokens[verb].norm not in words.make_verbs
        ):
            if _subject_pronoun(tokens[verb], words) or tokens[verb].norm in words.passive_auxiliaries:
                break
            verb += 1
        if verb >= len(tokens) or tokens[verb].gap or _subject_pronoun(tokens[verb], words):
            continue
        if tokens[verb].norm not in words.take_verbs and tokens[verb].norm not in words.make_verbs:
            continue
        if verb + 1 >= len(tokens) or tokens[verb + 1].gap:
            continue
        run = _capitalised_run(tokens, verb + 1)
        if run is None or is_holder_name(run[0], holder_names, vocab):
            continue
        phrase = " ".join(text[tokens[index - 1].start : tokens[run[1] - 1].end].split())
        credits.append(Credit(phrase=phrase, name=run[0], by_signer=False))
    return credits


_OBJECT_RELATIVE_FILLERS = 3  # "que nos hizo", "che ci ha scattato", "que me ha hecho"
_FILLER_LENGTH = 4  # clitics and auxiliaries are short: "nos", "ci", "ha", "hanno" is not


# Words a relative clause may hold before its taking verb: "který je pro nás loni po opravě střechy nafotil".
_RELATIVE_REACH = 9


def _relative_verb(tokens: Sequence[Token], relative: int, vocab: StatementVocabulary) -> int | None:
    """The taking verb of the relative clause opened at `relative`, its subject the relative pronoun."""
    for position in range(relative + 1, min(len(tokens), relative + 1 + _RELATIVE_REACH)):
        token = tokens[position]
        if token.brk or (token.gap and "," in token.sep):
            return None
        if vocab.at_the_camera.match(tokens, position) is not None:
            return position  # "Dave Kowalczyk, who was behind the camera for us"
        if token.norm in vocab.passive_auxiliaries and vocab.at_the_camera.match(tokens, position + 1):
            return position + 1
        if _subject_pronoun(token, vocab) or token.norm in vocab.passive_auxiliaries:
            return None
        if token.norm in vocab.take_verbs or token.norm in vocab.credit_verbs:
            return position
    return None


def artwork_credits(
    text: str, vocab: StatementVocabulary, holder_names: Sequence[str], languages: ParagraphLanguages | None
) -> list[Credit]:
    """An artwork in the photo and the artist who made it, by trade and full name, later in its sentence:
    "redă integral tabloul „Câmpia de la Bărăgan” (ulei pe pânză, 2024) al pictoriței Ana Popescu", "it
    shows the whole painting by the painter Anna Berg". The photo reproduces another's work; not the
    holder's own name."""
    tokens = tokenize(text)
    credits: list[Credit] = []
    for index, token in enumerate(tokens):
        if token.norm in vocab.artwork_nouns:
            said = _artwork_said_by(text, tokens, index, vocab, holder_names, languages)
            if said is not None:
                credits.append(said)
            continue
        if token.norm not in vocab.agents or index + 1 >= len(tokens) or tokens[index + 1].gap:
            continue
        own = _own_vocabulary(languages, vocab, token.start, token.end) or vocab
        low, _ = sentence_around(tokens, index)
        run = _capitalised_run(tokens, index + 1)
        if run is None or is_holder_name(run[0], holder_names, vocab):
            continue
        if not any(tokens[i].norm in own.artwork_nouns for i in range(low, index)) and not _their_artwork(
            tokens, run[1], own
        ):
            continue
        phrase = " ".join(text[token.start : tokens[run[1] - 1].end].split())
        credits.append(Credit(phrase=phrase, name=run[0], by_signer=False))
    return credits


def _artwork_said_by(
    text: str,
    tokens: Sequence[Token],
    noun: int,
    vocab: StatementVocabulary,
    holder_names: Sequence[str],
    languages: ParagraphLanguages | None,
) -> Credit | None:
    """The artwork noun, a copula and a by-word, then a full name: "Das Gemälde selbst ist von Egon
    Rautenberg", "The painting itself is by Anna Berg". At most `_ARTWORK_SUBJECT_REACH` words ("selbst",
    "itself") between the noun and the copula, all in one clause."""
    own = _own_vocabulary(languages, vocab, tokens[noun].start, tokens[noun].end) or vocab
    for copula in range(noun + 1, min(len(tokens) - 2, noun + _ARTWORK_SUBJECT_REACH + 2)):
        if tokens[copula].gap:
            return None
        if tokens[copula].norm not in own.copulas:
            continue
        if tokens[copula + 1].gap or tokens[copula + 1].norm not in own.by_prepositions:
            return None
        run = _capitalised_run(tokens, copula + 2)
        if run is None or is_holder_name(run[0], holder_names, vocab):
            return None
        phrase = " ".join(text[tokens[noun].start : tokens[run[1] - 1].end].split())
        return Credit(phrase=phrase, name=run[0], by_signer=False)
    return None


_ARTWORK_SUBJECT_REACH = 2  # "Das Gemälde selbst ist von …", "The painting itself is by …"


def _their_artwork(tokens: Sequence[Token], start: int, vocab: StatementVocabulary) -> bool:
    """An artwork noun right after a third-person possessive from `start` to the end of the next sentence:
    "Я внук художника Николая Громова … . … фотография его картины" (a photo of his painting)."""
    _, last = sentence_around(tokens, start - 1)
    if last + 1 < len(tokens):
        _, last = sentence_around(tokens, last + 1)
    return any(
        tokens[i].norm in vocab.artwork_nouns
        and tokens[i - 1].norm in vocab.third_possessives
        and vocab.third_possessives.holds_as_written(tokens[i - 1].raw)
        and not tokens[i].gap
        for i in range(max(start, 1), last + 1)
    )


def _capitalised_run(tokens: Sequence[Token], start: int) -> tuple[str, int] | None:
    """Two to four capitalised words from `start` in one clause, and where they end; else None."""
    parts: list[str] = []
    end = start
    for token in tokens[start : start + 4]:
        if (parts and token.gap) or not token.raw[:1].isupper() or not token.raw.isalpha():
            break
        parts.append(token.raw)
        end += 1
    return (" ".join(parts), end) if len(parts) >= 2 else None


def _apposed_name(tokens: Sequence[Token], end: int) -> str | None:
    """A name of two capitalised words at least after a comma at `end`: "…enologo, Marco Ferretti"."""
    if end >= len(tokens) or not tokens[end].gap or tokens[end].brk or "," not in tokens[end].sep:
        return None
    parts: list[str] = []
    for token in tokens[end : end + 4]:
        if (parts and token.gap) or not token.raw[:1].isupper():
            break
        parts.append(token.raw)
    return " ".join(parts) if len(parts) >= 2 else None


def _title_under_signer(
    text: str, tokens: Sequence[Tok], index: int, holder_names: Sequence[str], vocab: StatementVocabulary
) -> bool:
    """The credit opens a line right under a line that is a holder's name alone: a signature's title line."""
    start = tokens[index].start
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].strip() or line_start == 0:
        return False
    above_start = text.rfind("\n", 0, line_start - 1) + 1
    above = text[above_start : line_start - 1].strip()
    words = distinctive_words(above, vocab)
    return bool(words) and any(words == distinctive_words(holder, vocab) for holder in holder_names)


def _title_after_signer(
    text: str, tokens: Sequence[Tok], index: int, holder_names: Sequence[str], vocab: StatementVocabulary
) -> bool:
    """The credit word follows a holder's name on its line, a comma at most between: the signer's trade in
    a signature line ("พรทิพย์ ศรีสุข ช่างภาพ บ้านศิลป์สตูดิโอ", "Jana Novak, photographer, Studio Foto")."""
    start = tokens[index].start
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start].strip().rstrip(",").strip()
    words = distinctive_words(before, vocab) if before else frozenset()
    return bool(words) and any(words == distinctive_words(holder, vocab) for holder in holder_names)


def _own_vocabulary(
    languages: ParagraphLanguages | None, vocab: StatementVocabulary, start: int, end: int
) -> StatementVocabulary | None:
    """The vocabulary of the language of the paragraph around text[start:end]; None when unsure or a
    language the config does not know (every language's words then apply)."""
    language = languages.at(start, end) if languages is not None else None
    return vocab.languages.get(language) if language else None


def _pronoun_of_template(
    tokens: Sequence[Tok], start: int, end: int, template: Template, key: str, vocab: StatementVocabulary
) -> bool:
    """The first-person pronoun in a template's slot is one of the template's own languages: in "fotil ich
    náš kolega" Slovak "ich" is "them", German "ich" is "I". A template of no one language (the common
    "© {name}") takes every language's pronouns."""
    first = template.before[0] if template.before else ""
    owners = [  # a language without templates of its own has every language's: it owns none
        own
        for own in vocab.languages.values()
        if getattr(own, key) is not getattr(vocab, key) and template in getattr(own, key).starting(first)
    ]
    return not owners or any(_pronoun_at(tokens, at, own) for own in owners for at in range(start, end))


def _subject_vocabulary(
    languages: ParagraphLanguages | None, vocab: StatementVocabulary, start: int, end: int
) -> StatementVocabulary:
    """The vocabulary whose subject pronouns may make the signer a taking verb's subject: the paragraph's
    likeliest language from `_SUBJECT_FLOOR` up, else every language's. A weak guess only takes pronouns
    away, so it can add a credit (the verdict asks) but never lose one."""
    likely = languages.likely(start, end, _SUBJECT_FLOOR) if languages is not None else None
    own = vocab.languages.get(likely) if likely else None
    return own or vocab


# A one-line paragraph is seldom classified surely ("Sliko je naslikal moj dedek.": Slovenian at 0.34).
_SUBJECT_FLOOR = 0.3


def _may_open_credit(
    tokens: Sequence[Tok], index: int, opening_words: WordSet, vocab: StatementVocabulary
) -> bool:
    """`credit_at` can find a credit at `index` only at an opening word, at a capitalised word opening
    a clause (a named subject: "Javier Ferrán sacó la foto") or after the photo noun opening it, at a run
    of Han or Hangul ending in a caption label; every other token is skipped unread."""
    token = tokens[index]
    return (
        token.norm in opening_words
        or (
            token.is_word
            and token.capitalised
            and (_opens_clause(tokens, index) or _after_photo_object(tokens, index, vocab))
        )
        or _caseless_label_tail(token, vocab)
    )


def _caseless_label_tail(token: Tok, vocab: StatementVocabulary) -> bool:
    """A run without spaces that ends in a credit word: "以上两幅照片的摄影" (the photography of the two
    photos above), before "：王磊". A photo noun there names what is shown ("我们的照片：北京风景")."""
    norm = token.norm
    if len(norm) < 3 or CASELESS_RUN.fullmatch(token.raw) is None:
        return False
    tails = (norm[-size:] for size in range(2, min(4, len(norm) - 1) + 1))
    return any(tail in vocab.caption_labels and tail not in vocab.photo_nouns for tail in tails)


def _spans(tokens: Sequence[Tok], indices: Iterable[int]) -> frozenset[int]:
    return frozenset(c for i in indices for c in range(tokens[i].start, tokens[i].end))


def credit_at(
    text: str, tokens: Sequence[Tok], index: int, vocab: StatementVocabulary, holder_names: Sequence[str]
) -> tuple[Credit, int] | None:
    # A name-only template ("foto de {name}") takes no article: "foto de la Sagrada Família" shows a place.
    # A full-name template's words also describe what is shown ("uno scatto di Firenze", "la toma de
    # Granada"): its name has two words at least and ends the clause ("– scatto di Marco Bellini").
    kinds = (("credit", False, False), ("credit_name_only", True, False), ("credit_full_name", True, True))
    # "mis fotos de Galicia", "our photos of Skye": the writer's own photos, of what follows
    owned = (
        index > 0
        and tokens[index - 1].norm in vocab.own_possessives
        and tokens[index - 1].line == tokens[index].line
    )
    named = _inside_capitalised_name(tokens, index, vocab)
    for key, name_only, full_name in kinds:
        if name_only and (owned or named):
            continue
        templates: TemplateSet = getattr(vocab, key)
        for template in templates.starting(tokens[index].norm):
            lead_end = _lead_end(tokens, index, template.before, full_name, vocab)
            if lead_end is None:
                continue
            start = _after_labels(tokens, lead_end, vocab)
            first = next((i for i in range(start, len(tokens)) if tokens[i].is_word), len(tokens))
            opened = tokens[lead_end - 1].end
            if first < len(tokens) and "\n\n" in text[opened : tokens[first].start].replace(" ", ""):
                # "las dos fotos:\n\nCasa Lis desde el río …", "I hold the full copyright:\n\nTower Bridge
                # from …": a list follows, not a credit
                continue
            last = template.before[-1] if template.before else ""
            # a by-word, a caption label that is no photo noun (not "التقط الصور {name}"), or any label
            # closed by a colon ("ფოტო: {name}")
            by_word = (
                last in vocab.by_prepositions
                or (last in vocab.caption_labels and last not in vocab.photo_nouns)
                or template.phrase.split("{name}")[0].rstrip().endswith(":")
            )
            uncased = _uncased_credited(text, tokens, start, vocab, holder_names) if by_word else None
            found = uncased or _credited(
                text, tokens, start, vocab, holder_names, not name_only, not name_only
            )
            if found is None:
                continue
            name, by_signer, end = found
            if (
                name is None
                and by_signer
                and not _pronoun_of_template(tokens, start, end, template, key, vocab)
            ):
                continue
            if (
                name is not None
                and len(_words(name)) < 2
                and not CASELESS_RUN.search(name)
                and all(word in vocab.photo_nouns for word in template.before if word != ":")
                and (uncased is not None or template.before[-1:] == (":",))
            ):
                # "ფოტო: თბილისი, რიყის პარკი", "Photo: Shopfront": after a photo noun and its colon one
                # word is what the photo shows
                continue
            inside = _words_after_inside(tokens, start, end, template.after)
            if name is not None and inside is not None:
                # "thanks to Anna Berg for the photos": an organisation's run took the words after the slot
                end = inside
                name = " ".join(text[tokens[start].start : tokens[end - 1].end].split())
                by_signer = is_holder_name(name, holder_names, vocab)
            if not sequence_at(tokens, end, template.after):
                # "do Studio Ánh Dương (Đà Nẵng) chụp": a bracketed place or trade after the name
                end = _after_brackets(tokens, end)
                if not template.after or not sequence_at(tokens, end, template.after):
                    continue
            end += len(template.after)
            if template.before[-1:] == (":",) and _file_page_named(text, tokens, lead_end - 1, end):
                continue  # "Wêne:Mizgefta Mezin a Cizîrê.jpg": a file page in Kurdish, not a caption
            if (
                template.before[-1:] == (":",)
                and not template.after
                and end < len(tokens)
                and tokens[end].line == tokens[end - 1].line
                and tokens[end].is_word
                # "Foto: Azlan Photography untuk Restoran Seri Melaka": the maker, then whom it was for
                and not (tokens[end].raw.islower() and tokens[end].norm in vocab.made_for_words)
            ):
                continue  # "Foto: Archivio fotografico del Comune": a label's name ends its clause
            if full_name and (
                name is None or len(_words(name)) < 2 or _clause_goes_on(tokens, end, tokens[end - 1].line)
            ):
                continue
            phrase = " ".join(text[tokens[index].start : tokens[end - 1].end].split())
            return Credit(phrase=phrase, name=name, by_signer=by_signer, may_describe=name_only), end
    return (
        _caption_at(text, tokens, index, vocab, holder_names)
        or _passive_credit_at(text, tokens, index, vocab, holder_names)
        or _verb_credit_at(text, tokens, index, vocab, holder_names)
        or _subject_credit_at(text, tokens, index, vocab, holder_names)
        or _object_first_credit_at(text, tokens, index, vocab, holder_names)
    )


def _lead_end(
    tokens: Sequence[Tok], index: int, before: Sequence[str], full_name: bool, vocab: StatementVocabulary
) -> int | None:
    """Where a template's words before its slot end when they stand at `index`, else None. A full-name
    template opening with a photo noun may have what they show between the noun and the rest: "as fotos
    da estrea son de Uxía Lema", "las fotos del estreno son de …" (a preposition and a few words)."""
    if sequence_at(tokens, index, before):
        return index + len(before)
    if (
        not full_name
        or len(before) < 3
        or before[0] not in vocab.photo_nouns
        or tokens[index].norm != before[0]
    ):
        return None
    of = index + 1
    if of >= len(tokens) or tokens[of].norm not in vocab.depiction_prepositions:
        return None
    line = tokens[index].line
    for rest in range(of + 2, min(len(tokens), of + 2 + _SHOWN_WORDS)):
        if not all(token.is_word and token.line == line for token in tokens[of:rest]):
            return None
        if sequence_at(tokens, rest, before[1:]):
            return rest + len(before) - 1
    return None


# Words of what the photos show between a photo noun and its copula: "fotos da estrea son de".
_SHOWN_WORDS = 3


def _inside_capitalised_name(tokens: Sequence[Tok], index: int, vocab: StatementVocabulary) -> bool:
    """A capitalised word that goes on a name begun before it on its line, perhaps over a particle:
    "Festival de Fotografia de Reus" names a festival, no photo by Reus."""
    if not tokens[index].raw[:1].isupper() or index == 0:
        return False
    before = index - 1
    if tokens[before].raw.islower() and tokens[before].norm in vocab.org_particles:
        before -= 1
    return (
        before >= 0
        and before < index
        and tokens[before].is_word
        and tokens[before].line == tokens[index].line
        and tokens[before].raw[:1].isupper()
    )


# Words a bracket after a credited name may hold: "(Đà Nẵng)", "(freelance photographer, Shah Alam)".
_BRACKET_AFTER_NAME = 8


def _after_brackets(tokens: Sequence[Tok], index: int) -> int:
    """The index after a bracket opening at `index` and closing on its line, or `index` where none does."""
    if index >= len(tokens) or tokens[index].norm not in ("(", "\uff08"):
        return index
    for end in range(index + 1, min(len(tokens), index + _BRACKET_AFTER_NAME + 2)):
        if tokens[end].line != tokens[index].line:
            break
        if tokens[end].norm in (")", "\uff09"):
            return end + 1
    return index


def _uncased_credited(
    text: str, tokens: Sequence[Tok], start: int, vocab: StatementVocabulary, holder_names: Sequence[str]
) -> tuple[str | None, bool, int] | None:
    """A name in a script without capitals after a credit template ending in a by-word or a caption word,
    perhaps after an agent describing the person or a title: "من تصوير الفنان أحمد سمير" (photographed by
    the artist Ahmed Samir), "ภาพถ่ายโดย ผศ.ดร.สมศักดิ์ วงศ์ใหญ่" (Asst. Prof. Dr.); the signer's
    pronoun ("ถ่ายโดยผมเอง"). None where the words there are no name (`_uncased_name_end`), name an
    organisation, or the script has capitals."""
    first = start
    while (
        first < len(tokens)
        and tokens[first].line == tokens[start].line
        and (tokens[first].norm in vocab.agents or tokens[first].norm in vocab.honorifics)
    ):
        first += 2 if first + 1 < len(tokens) and tokens[first + 1].raw == "." else 1  # "ผศ.ดร.สมศักดิ์"
    if (
        first >= len(tokens)
        or tokens[first].line != tokens[start].line
        or not _uncased_word(tokens[first].raw)
        or tokens[first].norm in vocab.relations  # "על ידי עמיתי נועה פרץ": the relation readers name her
    ):
        return None
    pronoun = _pronoun_at(tokens, first, vocab)
    if pronoun:
        return None, True, first + pronoun  # "ภาพถ่ายโดยผมเอง": taken by me myself
    end = _uncased_name_end(tokens, first, vocab)
    if end == first or any(token.norm in vocab.org_words for token in tokens[first:end]):
        return None  # "من تصوير المتحف": by the museum, the holder
    name = " ".join(text[tokens[first].start : tokens[end - 1].end].split())
    return name, is_holder_name(name, holder_names, vocab), end


def _caption_at(
    text: str, tokens: Sequence[Tok], index: int, vocab: StatementVocabulary, holder_names: Sequence[str]
) -> tuple[Credit, int] | None:
    """A caption credit in any language: a label of one to three photo nouns, agents or credit words
    and a colon or a slash, opening a line or a bracket ("Kuva: Mikko Lahtinen", "(Fotó: Kovács Anna)",
    "写真：山田太郎", "（攝影／陳志明）", "Foto / Juan Pérez"), then a name that ends the clause. After a
    photo noun the name has two words at least: "Kép: Budapest, Parlament" describes what the picture
    shows, and "Foto/Video" names nobody."""
    line = tokens[index].line
    if _image_placeholder(tokens, index):
        return None
    if not _opens_caption(tokens, index, vocab):
        return _byline_after_heading(text, tokens, index, vocab, holder_names)
    position = index + 1 if _caseless_label_tail(tokens[index], vocab) else index
    while (
        position < len(tokens)
        and position - index < 3
        and tokens[position].line == line
        and tokens[position].is_word
        and tokens[position].norm in vocab.caption_labels
    ):
        position += 1
    if position == index or position >= len(tokens):
        return None
    if (
        tokens[position].norm == "."
        and position + 1 < len(tokens)
        and tokens[position + 1].norm in _CAPTION_MARKS
    ):
        position += 1  # an abbreviated label: "Φωτ.: Ν. Παπαδόπουλος", "Fot.: Jan Nowak"
    if tokens[position].norm not in _CAPTION_MARKS:
        position = _described_label_end(tokens, index, position, vocab)
    if tokens[position].norm not in _CAPTION_MARKS:
        return _bracketed_caption(text, tokens, index, position, vocab, holder_names)
    if tokens[position].line != line:
        return None
    labels = tokens[index:position]
    if tokens[position].norm in _CAPTION_DASHES and any(is_agent(label.norm, vocab) for label in labels):
        return None
    name_start = position + 1
    name_start = _after_labels(tokens, name_start, vocab)
    if (
        name_start + 1 < len(tokens)
        and tokens[name_start].norm in vocab.photo_nouns
        and tokens[name_start + 1].line == line
        and CASELESS_RUN.fullmatch(tokens[name_start + 1].raw)
    ):
        name_start += 1  # "사진 출처 표기: 사진 박지훈": the credit line as it is to be printed
    if name_start < len(tokens) and tokens[name_start].raw in ("©", "(c)", "\u2117"):
        name_start += 1  # "الصورة: © كريم الحسيني 2023": a copyright sign before the name
    found = _caption_name(text, tokens, name_start, vocab)
    if found is None and not all(label.norm in vocab.photo_nouns for label in labels):
        found = _described_caption_name(text, tokens, name_start, vocab, holder_names)
    if found is None:
        return None
    name, end = found
    if all(word.norm in vocab.caption_labels for word in _words(name)):
        return None  # "Photographe / مصوّر": a trade in two languages names nobody
    if _file_page_named(text, tokens, position, end):
        return None  # "Slika:Jezero v Ledvicah, Dolina….jpg": a file page in Slovene, not a caption
    one_word = len(_words(name)) < 2 and not CASELESS_RUN.search(name)  # 山田太郎 has no spaces
    if all(label.norm in vocab.photo_nouns for label in labels) and one_word:
        return None
    phrase = " ".join(text[tokens[index].start : tokens[end - 1].end].split())
    return Credit(phrase=phrase, name=name, by_signer=is_holder_name(name, holder_names, vocab)), end


def _file_page_named(text: str, tokens: Sequence[Tok], colon: int, end: int) -> bool:
    """A label glued to the name after it (`colon` is the mark's token) on a line that goes on to a media
    file's extension: a file page in a local namespace ("Slika:Jezero.jpg"), not a caption ("Foto: X")."""
    if not 0 <= colon < len(tokens) - 1 or end < 1 or tokens[colon].end != tokens[colon + 1].start:
        return False
    line_end = text.find("\n", tokens[end - 1].end)
    stop = len(text) if line_end < 0 else line_end
    return _FILE_EXTENSION.search(text, tokens[end - 1].end, stop) is not None


def _byline_after_heading(
    text: str, tokens: Sequence[Tok], index: int, vocab: StatementVocabulary, holder_names: Sequence[str]
) -> tuple[Credit, int] | None:
    """A byline in lower case right after a heading's colon, without a colon of its own: "Affiche 2026 :
    illustration Léa Marchal – conception graphique Studio Brasero". Its label holds a credit word or an
    agent ("Objet : photo Tour Eiffel" names what is shown), its name is a full one and ends its clause."""
    line = tokens[index].line
    if index < 2 or tokens[index - 1].norm not in {":", "："} or tokens[index - 2].line != line:
        return None
    position = index
    while (
        position < len(tokens)
        and position - index < 3
        and tokens[position].line == line
        and tokens[position].raw.islower()
        and tokens[position].norm in vocab.caption_labels
    ):
        position += 1
    labels = tokens[index:position]
    if not labels or all(label.norm in vocab.photo_nouns for label in labels):
        return None
    found = _caption_name(text, tokens, position, vocab)
    if found is None or len(_words(found[0])) < 2 or not found[0][:1].isupper():
        return None
    name, end = found
    phrase = " ".join(text[tokens[index].start : tokens[end - 1].end].split())
    return Credit(phrase=phrase, name=name, by_signer=is_holder_name(name, holder_names, vocab)), end


def _described_label_end(tokens: Sequence[Tok], index: int, position: int, vocab: StatementVocabulary) -> int:
    """Where a credit word's label goes on in a few lower-case words to its colon: "Ilustracija na
    naslovnici: Petra Kovač", "Illustration de couverture : …". A photo noun's label does not ("Photos of
    the castle: Schloss Lichtenau" says what they show). `position` unchanged when there is none."""
    if all(token.norm in vocab.photo_nouns for token in tokens[index:position]):
        return _described_photo_label_end(tokens, position, vocab)
    line = tokens[index].line
    for ahead in range(position, min(len(tokens), position + _LABEL_WORDS + 1)):
        token = tokens[ahead]
        if token.line != line:
            break
        if token.norm in _CAPTION_MARKS:
            return ahead if ahead > position else position
        if not token.is_word or not token.raw.islower() or _subject_pronoun(token, vocab):
            break
    return position


# Lower-case words a credit word's label may go on with before its colon: "Ilustracija na naslovnici:".
_LABEL_WORDS = 3


def _described_photo_label_end(tokens: Sequence[Tok], position: int, vocab: StatementVocabulary) -> int:
    """Where a photo noun's label, described in a few words, reaches its colon when the name after it is
    apposed to a trade: "Fotografia Festa Major 2025: Jordi Puigdemunt, fotògraf municipal". Without the
    trade the words after the colon may be what the photos show. `position` unchanged when there is none."""
    line = tokens[position - 1].line
    for ahead in range(position, min(len(tokens), position + _PHOTO_LABEL_WORDS + 1)):
        token = tokens[ahead]
        if token.line != line:
            break
        if token.norm in _CAPTION_MARKS:
            return ahead if ahead > position and _name_then_trade(tokens, ahead + 1, vocab) else position
        if not token.is_word:
            break
    return position


def _name_then_trade(tokens: Sequence[Tok], start: int, vocab: StatementVocabulary) -> bool:
    """Two to four capitalised words on one line from `start`, then a comma and a trade that takes photos."""
    at = start
    while at < len(tokens) and at - start < 4 and tokens[at].is_word and tokens[at].raw[:1].isupper():
        at += 1
    return (
        at - start >= 2
        and at + 1 < len(tokens)
        and tokens[at].raw == ","
        and tokens[at + 1].line == tokens[start].line
        and is_agent(tokens[at + 1].norm, vocab)
    )


# Words a photo noun's label may go on with before its colon: "Fotografia Festa Major 2025:".
_PHOTO_LABEL_WORDS = 5


def _bracketed_caption(
    text: str,
    tokens: Sequence[Tok],
    index: int,
    name_start: int,
    vocab: StatementVocabulary,
    holder_names: Sequence[str],
) -> tuple[Credit, int] | None:
    """A caption in brackets or quotes without a colon: "(autor Tomáš Král)", "(fot. Jan Kowalski)",
    "«Фото Олександра Бондаря»": the label opens the bracket, a full name closes it. A photo studio's
    stamp quoted after its noun may name one word: "pečiatka „Foto Hudec, Pezinok“"."""
    if index == 0 or tokens[index - 1].norm not in _OPENING_BRACKETS:
        byline = _byline_of_its_own(tokens, index, _caption_name(text, tokens, name_start, vocab))
        if byline is None:
            return None
        phrase = " ".join(text[tokens[index].start : tokens[byline[1] - 1].end].split())
        return Credit(phrase, byline[0], by_signer=is_holder_name(byline[0], holder_names, vocab)), byline[1]
    stamped = index >= 2 and tokens[index - 2].norm in vocab.mark_nouns  # "pečiatka „Foto Hudec, Pezinok“"
    if (
        tokens[index - 1].norm not in "([（"
        and not stamped
        and (index < 2 or tokens[index - 2].norm not in {":", "："})
    ):
        return None  # in quotes only as the credit line asked for ("зазначати: «Фото …»"), no title
    found = _caption_name(text, tokens, name_start, vocab)
    if found is None:
        return None
    name, end = found
    closing = _CLOSING_BRACKETS | {","} if stamped else _CLOSING_BRACKETS
    if (len(_words(name)) < 2 and not stamped) or end >= len(tokens) or tokens[end].norm not in closing:
        return None
    phrase = " ".join(text[tokens[index].start : tokens[end - 1].end].split())
    return Credit(phrase=phrase, name=name, by_signer=is_holder_name(name, holder_names, vocab)), end


def _byline_of_its_own(
    tokens: Sequence[Tok], index: int, found: tuple[str, int] | None
) -> tuple[str, int] | None:
    """The name and its end of a byline without a colon on a line of its own, a slash after the name:
    "사진 김민준 / 스튜디오 하늘" (the credit line asked for), "Foto Jan Novák / Studio Nord". The name is a
    full one, or one word of a script without capitals."""
    if found is None or (index > 0 and tokens[index - 1].line == tokens[index].line):
        return None
    name, end = found
    words = _words(name)
    if end >= len(tokens) or tokens[end].line != tokens[index].line or tokens[end].norm != "/":
        return None
    if len(words) < 2 and not (len(words) == 1 and CASELESS_RUN.fullmatch(name)):
        return None
    return name, end


# A caption without a colon stands alone in brackets or quotes, perhaps before a byline's "/":
# "(autor Tomáš Král)", "«Фото Олександра Бондаря / Театр …»".
_OPENING_BRACKETS = frozenset('([（«„“"')
_CLOSING_BRACKETS = frozenset(')]）»“”"/')


def _words_after_inside(tokens: Sequence[Tok], start: int, end: int, after: Sequence[str]) -> int | None:
    """Where a template's words after its slot start inside the name read from `start` to `end`."""
    if not after:
        return None
    return next((at for at in range(start + 1, end) if sequence_at(tokens, at, after)), None)


def _after_labels(tokens: Sequence[Tok], start: int, vocab: StatementVocabulary) -> int:
    """Where the name starts after more labels and their marks: "Créditos: Fotos: Ana Beatriz Lima"."""
    while (
        start + 1 < len(tokens)
        and tokens[start + 1].line == tokens[start].line
        and tokens[start].norm in vocab.caption_labels
        and tokens[start + 1].norm in _CAPTION_MARKS
    ):
        start += 2
    return start


# The words a mail program writes before an inline image's alt text in the plain-text part ("[image: Main
# building]" from Gmail): the alt text describes the image, it names no author.
_PLACEHOLDER_LABELS = frozenset({"image", "imagen", "imagem", "immagine", "bild", "afbeelding", "obraz"})


def _image_placeholder(tokens: Sequence[Tok], index: int) -> bool:
    return index > 0 and tokens[index - 1].norm == "[" and tokens[index].norm in _PLACEHOLDER_LABELS


def _opens_caption(tokens: Sequence[Tok], index: int, vocab: StatementVocabulary) -> bool:
    """The label at `index` opens its line or a bracket, perhaps after one or two leads ("(위 사진 촬영:",
    "This photo:"). norm: a full-width bracket opens a caption too ("（撮影：…）")."""
    line = tokens[index].line
    start = index
    while (
        start > 0
        and index - start < 2
        and tokens[start - 1].line == line
        and tokens[start - 1].is_word
        and tokens[start - 1].norm in vocab.caption_leads
    ):
        start -= 1
    return (
        start == 0
        or tokens[start - 1].line != line
        or tokens[start - 1].norm in _CLAUSE_MARKS
        # after a full stop, a capital or a script without capitals ("בתמונה: …. צילום: יוסי כהן")
        or (
            tokens[start - 1].norm in _SENTENCE_MARKS
            and (tokens[start].raw[:1].isupper() or _uncased_word(tokens[start].raw))
        )
        or tokens[start - 1].raw in _FULL_STOPS  # "…的春茶採收季。攝影：…": no capitals in Han
        # "please credit 'Photo: Jan Novak'": an opening single quote (a space before it, no apostrophe)
        or (
            tokens[start - 1].raw in _SINGLE_QUOTES
            and (start == 1 or tokens[start - 2].end < tokens[start - 1].start)
        )
        # "Ange gärna bildbyline enligt följande vid publicering: Foto: Anders Lindqvist": after a colon,
        # a capital or a script without capitals ("נבקש לציין קרדיט: צילום: נועה לוי")
        or (tokens[start - 1].norm in {":", "："} and not tokens[start].raw[:1].islower())
        # "※ 사진 출처 표기: …", "• Foto: …": a mark that opens a note or a list item
        or (tokens[start - 1].raw in _NOTE_MARKS and (start == 1 or tokens[start - 2].line != line))
        # "都内スタジオにて　撮影：佐藤健二": a script written without spaces parts its phrases with one
        or (
            tokens[start].start > tokens[start - 1].end
            and CASELESS_RUN.fullmatch(tokens[start - 1].raw) is not None
            and CASELESS_RUN.fullmatch(tokens[start].raw) is not None
        )
    )


_FULL_STOPS = frozenset("。！？")
# Marks before a note or a list item at a line's start.
_NOTE_MARKS = frozenset("※•*▶■☞◆●▪‣·-–")


def _caption_name(
    text: str, tokens: Sequence[Tok], start: int, vocab: StatementVocabulary
) -> tuple[str, int] | None:
    """The name after a caption's colon, when it ends the clause: the line ends, or a comma, a bracket
    or a dash follows. Names in scripts without capitals are the words up to there."""
    if start >= len(tokens) or tokens[start].line != tokens[start - 1].line:
        return None
    line = tokens[start].line
    if CASELESS_RUN.match(tokens[start].raw) or _uncased_word(tokens[start].raw):
        end = _caseless_end(tokens, start)
        # "装画：森下ゆかり　装丁：岡田デザイン室": the next caption's label ends this one's name
        end = next((i for i in range(start + 1, end) if _opens_next_caption(tokens, i, vocab)), end)
        # "'사진: 박지훈'으로 적어 주시면": the closing quote ends the name, a particle glued after it
        end = next((i for i in range(start + 1, end) if _after_closing_quote(text, tokens, i)), end)
        name_end = end
        while name_end - start > 1 and (
            tokens[name_end - 1].raw in vocab.name_suffixes or tokens[name_end - 1].raw.isdigit()
        ):
            name_end -= 1  # "김민수 작가", "كريم الحسيني 2023": an honorific or a year is no part of it
        name = " ".join(text[tokens[start].start : tokens[name_end - 1].end].split()).rstrip(
            "".join(_SINGLE_QUOTES)
        )
    else:
        run = name_run(text, tokens, start, vocab, org=True)
        if run is None or "_" in run[0]:
            return None  # "Fotó: Budapest_Parlament.jpg" is a file name
        name, end = run
    if (
        _clause_goes_on(tokens, end, line)
        and not _opens_next_caption(tokens, end, vocab)
        and not _sentence_ends(tokens, end)
        and not _after_closing_quote(text, tokens, end)
    ):
        return None  # "Kuva: Helsingin tuomiokirkko", "Foto: Budapest_Parlament.jpg"
    return name, end


_SINGLE_QUOTES = frozenset("'‘’")


def _after_closing_quote(text: str, tokens: Sequence[Tok], index: int) -> bool:
    """A single quote closes just before the token at `index`: "'Photo: Jan Novak'." (the quote its own
    token, a space or a mark after it) or "'사진: 박지훈'으로" (a particle glued after the quote)."""
    if index >= len(tokens) or index == 0:
        return False
    token = tokens[index]
    if token.raw in _SINGLE_QUOTES:
        return (
            index + 1 == len(tokens) or tokens[index + 1].start > token.end or not tokens[index + 1].is_word
        )
    return token.start == tokens[index - 1].end and text[token.start - 1] in _SINGLE_QUOTES


def _sentence_ends(tokens: Sequence[Tok], end: int) -> bool:
    """A full stop and a new sentence after the caption's name: "…, 1971. Foto: Anna Reijnders. I agree …"."""
    return (
        tokens[end].raw == "."
        and end + 1 < len(tokens)
        and tokens[end + 1].is_word
        and tokens[end + 1].raw[:1].isupper()
        and len(tokens[end - 1].raw) > 2  # not an initial or an honorific: "تصوير: د. …"
    )


def _opens_next_caption(tokens: Sequence[Tok], index: int, vocab: StatementVocabulary) -> bool:
    """A caption label and its colon at `index`, on one line: another credit of a list ("Foto: Ana Lima
    Texto: …", "装画：… 装丁：…")."""
    return (
        index + 1 < len(tokens)
        and tokens[index].norm in vocab.caption_labels
        and tokens[index + 1].norm in _CAPTION_MARKS
        and tokens[index + 1].line == tokens[index].line
    )


def _described_caption_name(
    text: str, tokens: Sequence[Tok], start: int, vocab: StatementVocabulary, holder_names: Sequence[str]
) -> tuple[str, int] | None:
    """After a credit word's colon, words describing the person before the name: "Credit: our curator
    Anna Berg", "撮影：当館学芸員 山科 誠". A photo noun's label ("Photo: the old harbour") describes
    what is shown, so only credit words and agents reach here. The name must end the clause."""
    if start >= len(tokens) or tokens[start].line != tokens[start - 1].line:
        return None
    described = _described(text, tokens, start, vocab, holder_names)
    name, end = (described[0], described[2]) if described else (None, start)
    if name is None or "_" in name or _clause_goes_on(tokens, end, tokens[start].line):
        return None
    return name, end


def _uncased_word(raw: str) -> bool:
    """A word of a script without capitals (Hebrew, Arabic, Devanagari, Thai, its vowel signs written on
    it; Georgian, whose everyday letters Unicode calls lower-case since it added the rare capitals): after
    a caption's colon it is the name."""
    return is_letters(raw) and not any(
        (c.isupper() or c.islower()) and not _GEORGIAN_FIRST <= c <= _GEORGIAN_LAST for c in raw
    )


_GEORGIAN_FIRST, _GEORGIAN_LAST = "\u10d0", "\u10ff"  # Mkhedruli


def _particle(raw: str) -> bool:
    """A word written in lower case in a script with capitals: "da", "van", "de" inside a name."""
    return raw.islower() and not _uncased_word(raw)


def _caseless_end(tokens: Sequence[Tok], start: int) -> int:
    """The end of a name in a script without capitals: up to four words on the line of `start`."""
    end = start
    line = tokens[start].line
    while end < len(tokens) and end - start < 4 and tokens[end].line == line and tokens[end].is_word:
        end += 1
    return end


def _after_by(tokens: Sequence[Tok], position: int, start: int, vocab: StatementVocabulary) -> bool:
    return position == start and position > 0 and tokens[position - 1].norm in vocab.by_prepositions


def _uncased_name_end(tokens: Sequence[Tok], start: int, vocab: StatementVocabulary) -> int:
    """The end of a name in a script without capitals after a relation: up to three words on the line,
    before a word that names nobody (a possessive, a verb of the credit, a by-word)."""
    end = start
    line = tokens[start].line
    while (
        end < len(tokens)
        and end - start < 3
        and tokens[end].line == line
        and _uncased_word(tokens[end].raw)
        and not any(
            tokens[end].norm in words
            for words in (vocab.not_names, vocab.take_verbs, vocab.make_verbs, vocab.by_prepositions)
        )
    ):
        end += 1
    return end


def _clause_goes_on(tokens: Sequence[Tok], end: int, line: int) -> bool:
    """More of the clause follows on the line: a word, or a full stop with more after it."""
    if end >= len(tokens) or tokens[end].line != line or tokens[end].norm in _CLAUSE_MARKS:
        return False
    return tokens[end].raw != "." or (end + 1 < len(tokens) and tokens[end + 1].line == line)


def _words(name: str) -> list[Tok]:
    return [token for token in word_tokens(name) if token.is_word]


def _passive_credit_at(
    text: str, tokens: Sequence[Tok], index: int, vocab: StatementVocabulary, holder_names: Sequence[str]
) -> tuple[Credit, int] | None:
    """A taking or making verb and "by", then who: "taken by our partner X", "tirada pelo nosso parceiro
    e fotógrafo oficial X", "fotografiada por mi compañero de club X" (the verb's own forms, any
    preposition of the language, whatever describes the person)."""
    token = tokens[index]
    if token.norm not in vocab.take_verbs and not (
        token.norm in vocab.make_verbs and _photo_before(tokens, index, vocab)
    ):
        return None  # "the request was made by Jean Dupont" credits no photo
    by = index + 1
    while (
        by < min(len(tokens), index + 1 + _PASSIVE_ADVERBIAL_WORDS)
        and tokens[by].line == token.line
        and tokens[by].is_word
        and tokens[by].norm not in vocab.by_prepositions
        # a relative clause with a subject of its own between: "kameran stod på ett stativ som jag lånat av
        # grannen" (on a tripod I borrowed from the neighbour)
        and not (
            tokens[by].norm in vocab.relatives
            and by + 1 < len(tokens)
            and tokens[by + 1].norm in vocab.subject_pronouns
        )
    ):
        by += 1  # "taken in 2019 by X"
    if by + 1 >= len(tokens) or tokens[by].line != token.line or tokens[by].norm not in vocab.by_prepositions:
        return None
    if any(tokens[i].norm in vocab.photo_nouns for i in range(index + 1, by)):
        # "Jeg har selv taget dette billede af Nyhavn", "har själv tagit bilderna från vår uppsättning av
        # Måsen": the verb's object, the photo, after it; the by-word is "of", the verb active
        return None
    if tokens[by].norm in vocab.depiction_prepositions and any(
        tokens[i].norm in vocab.depiction_prepositions and tokens[i].norm not in vocab.by_prepositions
        for i in range(index + 1, by)
    ):
        return None  # "Foto tomada del barrio de Triana": the "de" (Romanian "by") goes on an "of" phrase
    if (
        tokens[by].norm in vocab.depiction_prepositions
        and tokens[by + 1].raw.islower()
        and tokens[by + 1].norm in vocab.articles
    ):
        return None  # "Carte illustrée des étangs de la Brenne": Romanian "de" (by) is French "of" here
    if (
        by - 1 > index
        and tokens[by - 1].capitalised
        and tokens[by].norm in vocab.depiction_prepositions
        and tokens[by + 1].capitalised
    ):
        return None  # "faris dum la Universala Kongreso de Esperanto": the "of" inside a name
    # "gemaakt en die door mijn neef op Wikimedia Commons zijn gezet": the by-word opens a clause of its
    # own after "and", whose verb is an upload; not "taken by my nephew and uploaded by me"
    clause = _CLAUSE_END.split(text[tokens[by].end :], maxsplit=1)[0]
    if any(tokens[i].norm in _AND_WORDS for i in range(index + 1, by)) and any(
        token.norm in vocab.upload_verbs for token in word_tokens(clause)
    ):
        return None
    found = _credited(text, tokens, by + 1, vocab, holder_names, pronouns_allowed=True)
    if found is None:
        return None
    name, by_signer, end = found
    phrase = " ".join(text[token.start : tokens[end - 1].end].split())
    return Credit(phrase=phrase, name=name, by_signer=by_signer), end


def _photo_before(tokens: Sequence[Tok], index: int, vocab: StatementVocabulary) -> bool:
    """A photo noun earlier in the sentence of `index`, on its line: "La foto fue hecha por X"."""
    position = index - 1
    while position >= 0 and tokens[position].line == tokens[index].line and tokens[position].raw not in ".!?":
        if tokens[position].norm in vocab.photo_nouns:
            return True
        position -= 1
    return False


def _verb_credit_at(
    text: str, tokens: Sequence[Tok], index: int, vocab: StatementVocabulary, holder_names: Sequence[str]
) -> tuple[Credit, int] | None:
    """A verb-first credit: "Zdjęcie wykonał Jan Wrona", "Die Aufnahme machte X", "La foto la hizo X".

    A photo noun, at most two clitics or auxiliaries, a third-person verb of making, then who made it:
    a name of at least two words (German nouns are capitalised: "Das Foto machte Eindruck" credits
    nobody), a first-person pronoun ("machte ich selbst"), or a relation ("wykonał mój kolega").
    """
    if _resumed_photo(tokens, index, vocab):
        position, who = index, index + 2  # "Направи я колегата ми …": the pronoun stands for the photo
    elif tokens[index].norm in vocab.photo_nouns:
        position = index + 1
        while position < min(len(tokens), index + 3) and tokens[position].norm in vocab.credit_fillers:
            position += 1
        position = _past_adverbial(tokens, position, vocab)  # "Fotografii pro obecní zpravodaj pořídil …"
        if position >= len(tokens) or tokens[position].norm not in vocab.credit_verbs:
            return None
        if tokens[position].line != tokens[index].line:
            return None
        who = position + 1
        # "fotografije snimio je moj pokojni otac": an auxiliary after the verb, then who took them
        if (
            who + 1 < len(tokens)
            and tokens[who].norm in vocab.credit_fillers
            and tokens[who + 1].is_word
            and tokens[who + 1].line == tokens[who].line
            and (tokens[who + 1].norm in vocab.own_possessives or tokens[who + 1].norm in vocab.relations)
        ):
            who += 1
    else:
        return None
    found = _credited(text, tokens, who, vocab, holder_names, pronouns_allowed=True)
    if found is None:  # "Okładkę zaprojektowała dla wydawnictwa Magdalena Kruk": a phrase, then the name
        after = _past_lower_words(tokens, who, vocab, to_verb=False)
        found = (
            _credited(text, tokens, after, vocab, holder_names, pronouns_allowed=False)
            if after > who
            else None
        )
    if found is None:
        return None
    name, by_signer, end = found
    described = tokenize(text[tokens[position].end : tokens[end - 1].end])
    if any(vocab.owner_phrases.matches_any(described, i) for i in range(len(described))):
        return None  # "Foto kedua diambil dengan drone milik teman saya, Agus Prasetyo": his drone
    related = any(token.norm in vocab.relations for token in tokens[position + 1 : end])
    if name is not None and len([t for t in word_tokens(name) if t.is_word]) < 2 and not related:
        return None  # "Das Foto machte Eindruck"; but "Zdjęcia robiła nasza wnuczka Zuzia"
    phrase = " ".join(text[tokens[index].start : tokens[end - 1].end].split())
    return Credit(phrase=phrase, name=name, by_signer=by_signer), end


def _resumed_photo(tokens: Sequence[Tok], index: int, vocab: StatementVocabulary) -> bool:
    """A credit verb opening its sentence, then an object pronoun standing for the photo that a photo noun
    names in the sentence before: "Снимката е от теренната практика. Направи я колегата ми …"."""
    return (
        0 < index < len(tokens) - 1
        and tokens[index - 1].raw in ".!?"
        and tokens[index].norm in vocab.credit_verbs
        and tokens[index + 1].norm in vocab.object_pronouns
        and _photo_before(tokens, index - 1, vocab)
    )


def _year_of_adverbial(token: Tok) -> bool:
    """A year written in digits, as a time phrase holds one: "в 2019 году", "im Jahr 2019"."""
    return len(token.raw) == _YEAR_DIGITS and token.raw.isdigit() and token.raw[:2] in ("18", "19", "20")


_YEAR_DIGITS = 4


def _past_adverbial(tokens: Sequence[Tok], position: int, vocab: StatementVocabulary) -> int:
    """Where a credit verb stands after a short phrase of lower-case words at `position` ("pro obecní
    zpravodaj", for the newsletter), none a first-person subject; else `position` unchanged."""
    return _past_lower_words(tokens, position, vocab, to_verb=True)


def _past_lower_words(tokens: Sequence[Tok], position: int, vocab: StatementVocabulary, to_verb: bool) -> int:
    """Past at most `_ADVERBIAL_WORDS` lower-case words on one line from `position`, none a first-person
    subject, to a credit verb (`to_verb`) or else a capitalised word, past no pronoun either ("dla
    wydawnictwa Magdalena Kruk"); `position` unchanged when there is none."""
    for ahead in range(position, min(len(tokens), position + _ADVERBIAL_WORDS + 1)):
        token = tokens[ahead]
        if token.norm in vocab.credit_verbs if to_verb else ahead > position and token.raw[:1].isupper():
            return ahead
        if to_verb and _year_of_adverbial(token) and token.line == tokens[position].line:
            continue  # "Снимок в 2019 году сделал …": a year inside the phrase
        if (
            not token.is_word
            or token.line != tokens[position].line
            or not token.raw.islower()
            or _subject_pronoun(token, vocab)
            or (not to_verb and token.raw.casefold() in vocab.pronouns)
        ):
            break
    return position


def _subject_credit_at(
    text: str, tokens: Sequence[Tok], index: int, vocab: StatementVocabulary, holder_names: Sequence[str]
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
    elif (
        token.is_word
        and token.capitalised
        and (_opens_clause(tokens, index) or _after_photo_object(tokens, index, vocab))
    ):
        start, least = index, 2
    else:
        return None
    run = name_run(text, tokens, start, vocab, org=False, skip_articles=cleft)
    if run is None:
        return None
    name, position = run
    glued = _GLUED_INITIALS.match(name)
    if glued and len(_words(name[glued.end() :])) >= 2:
        name = name[glued.end() :]  # "P.S. Dana Kowalczyk shot both": a postscript's mark, then the name
    words = _words(name)
    if (
        len(words) == 1
        and _takes_the_photo_at(tokens, position, vocab)
        and _may_be_first_name(tokens, start, vocab)
    ):
        least = 1  # "Greg took the photos": a first name alone, the taking verb and its photo right after
    if len(words) < least or any(
        (word.norm in vocab.relations and vocab.relations.holds_as_written(word.raw))
        or word.norm in vocab.agents
        or word.norm in vocab.photo_nouns
        for word in words
    ):
        return None  # "Mein Bruder", "Das Foto": German nouns are capitalised; "Müller" is no Catalan muller
    line = tokens[position - 1].line
    if (
        not cleft
        and position + 1 < len(tokens)
        and tokens[position].raw == ","
        and start > 0
        and tokens[start - 1].raw == ","
        and tokens[position + 1].line == line
    ):
        position += 1  # "One of our supporters, Gemma Ashworth, snapped these": a name apposed in commas
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
    if any(norm in vocab.passive_auxiliaries for norm in between):
        return None  # "Mme Dubreuil a été photographiée": she was photographed, she is shown
    after = [t.norm for t in tokens[fillers + 1 : fillers + 3] if t.line == line]
    photo_after = any(norm in vocab.photo_nouns for norm in after)
    if verb in vocab.make_verbs:
        taking = (
            photo_after
            or any(n in vocab.photo_nouns or n in vocab.object_pronouns for n in between)
            or (not cleft and _after_photo_object(tokens, start, vocab))
        )
    elif verb in vocab.take_verbs or verb in vocab.credit_verbs:
        # "Gemma Ashworth snapped these": the photos as a pronoun right after the verb
        taken = bool(after) and after[0] in vocab.taken_objects and verb in vocab.take_verbs
        taking = bool(between) or photo_after or taken or verb in vocab.credit_verbs
    else:
        taking = False
    if not taking:
        return None
    begin = index if cleft else start
    phrase = " ".join(text[tokens[begin].start : tokens[fillers].end].split())
    return Credit(phrase=phrase, name=name, by_signer=is_holder_name(name, holder_names, vocab)), fillers + 1


# Initials written together before a full name: the mark of a postscript or a note ("P.S.", "N.B.").
_GLUED_INITIALS = re.compile(r"(?:[A-Z]\.){2,}\s+")


def _may_be_first_name(tokens: Sequence[Tok], index: int, vocab: StatementVocabulary) -> bool:
    """The word at `index` may be a first name standing alone: no surname after an initial ("J.
    Whitfield"), no first-person copula or pronoun ("Jestem autorem", Welsh "Fi dynnodd", "J'ai pris")."""
    after_initial = (
        index >= 2
        and tokens[index - 1].raw == "."
        and len(tokens[index - 2].raw) == 1
        and tokens[index - 2].capitalised
    )
    word = tokens[index]
    return (
        not after_initial
        and word.raw.isalpha()  # "J'ai": an elided pronoun and its verb
        and word.norm not in vocab.self_copulas
        and word.norm not in vocab.subject_pronouns
        and word.norm not in vocab.pronouns
    )


def _takes_the_photo_at(tokens: Sequence[Tok], verb: int, vocab: StatementVocabulary) -> bool:
    """A taking verb at `verb` with a photo noun at most two words after it, or a pronoun for the photos
    right after it, on its line: "took the photos", "shot these pictures", "took these"."""
    if verb >= len(tokens) or tokens[verb].norm not in vocab.take_verbs:
        return False
    line = tokens[verb].line
    return any(
        tokens[i].norm in vocab.photo_nouns and tokens[i].line == line
        for i in range(verb + 1, min(len(tokens), verb + 4))
    ) or (
        verb + 1 < len(tokens)
        and tokens[verb + 1].norm in vocab.taken_objects
        and tokens[verb + 1].line == line
    )


def _object_first_credit_at(
    text: str, tokens: Sequence[Tok], index: int, vocab: StatementVocabulary, holder_names: Sequence[str]
) -> tuple[Credit, int] | None:
    """The photos put first, then the auxiliary, the maker and, closing the clause, the participle: "Die
    Aufnahmen hat unser Pressewart Jonas Feld beim Sommerfest gemacht", "De foto's heeft Jan de Vries
    gemaakt", "Bildene har Ingrid Haugen tatt". A possessive and a role may stand before the name (two
    words at least); up to `_CLAUSE_END_WORDS` words between the name and the verb, no punctuation
    between ("im Frühjahr bei der Einweihung der neuen Backstube mit seinem Handy"), lines wrapped or not."""
    if tokens[index].norm not in vocab.photo_nouns or not _opens_clause_past_article(tokens, index, vocab):
        return None
    auxiliary = index + 1
    if auxiliary < len(tokens) and tokens[auxiliary].raw == "s" and text[tokens[auxiliary].start - 1] in "'’":
        auxiliary += 1  # "foto's"
    if (
        auxiliary >= len(tokens)
        or tokens[auxiliary].norm not in vocab.subject_fillers
        or tokens[auxiliary].norm in vocab.articles
    ):
        return None
    start = auxiliary + 1
    if start < len(tokens) and (
        tokens[start].norm in vocab.own_possessives or tokens[start].norm in vocab.third_possessives
    ):
        start += 2 if start + 2 < len(tokens) and tokens[start + 2].capitalised else 1  # "unser Pressewart"
    if start >= len(tokens) or not tokens[start].capitalised:
        return None
    run = name_run(text, tokens, start, vocab, org=False, skip_articles=False)
    if run is None:
        return None
    name, position = run
    if len(_words(name)) < 2:
        return None
    for verb in range(position, min(len(tokens), position + _CLAUSE_END_WORDS + 1)):
        token = tokens[verb]
        if not token.is_word:
            return None
        if token.norm in vocab.take_verbs or token.norm in vocab.make_verbs:
            phrase = " ".join(text[tokens[index].start : token.end].split())
            credit = Credit(phrase=phrase, name=name, by_signer=is_holder_name(name, holder_names, vocab))
            return credit, verb + 1
        if _subject_pronoun(token, vocab):
            return None
    return None


_CLAUSE_END_WORDS = 12  # the German participle closes its clause, however long the middle


def _opens_clause_past_article(tokens: Sequence[Tok], index: int, vocab: StatementVocabulary) -> bool:
    if (
        index > 0
        and tokens[index - 1].norm in vocab.articles
        and tokens[index - 1].line == tokens[index].line
    ):
        index -= 1
    return _opens_clause(tokens, index)


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


def _after_photo_object(tokens: Sequence[Tok], index: int, vocab: StatementVocabulary) -> bool:
    """The name follows the photo noun that opens its clause, the object put first: "A képeket a Fényírda
    Stúdió készítette" (the pictures, the Fényírda Studio made them)."""
    position = index - 1
    if position >= 0 and tokens[position].norm in vocab.articles:
        position -= 1
    if (
        position < 0
        or tokens[position].norm not in vocab.photo_nouns
        or tokens[position].line != tokens[index].line
    ):
        return False
    if position > 0 and tokens[position - 1].norm in vocab.articles:
        position -= 1
    return _opens_clause(tokens, position)


def _opens_clause(tokens: Sequence[Tok], index: int) -> bool:
    """The token starts its line, or follows a full stop, a colon or a clause mark."""
    if index == 0 or tokens[index - 1].line != tokens[index].line:
        return True
    return tokens[index - 1].raw in _CLAUSE_MARKS or tokens[index - 1].raw in _SENTENCE_MARKS | {":", ";"}


def _credited(
    text: str,
    tokens: Sequence[Tok],
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
    first = start
    while start < len(tokens) and tokens[start].line == line:  # "© 2024 Acme", "Copyright (c) 2024 Acme"
        if tokens[start].raw.isdigit() or tokens[start].norm in {"©", ":"}:
            start += 1
        elif [t.norm for t in tokens[start : start + 3]] == ["(", "c", ")"]:
            start += 3
        else:
            break
    if start >= len(tokens):
        return None
    after_mark = start > first or (start > 0 and tokens[start - 1].norm == "©")
    if after_mark and tokens[start].line == line and _uncased_word(tokens[start].raw):
        # "© 2022 سامي الحداد", "© אורן שגיא": a name in a script without capitals, up to the clause's end
        end = _caseless_end(tokens, start)
        if any(token.norm in vocab.not_names for token in tokens[start:end]):
            return None  # "© جميع الحقوق محفوظة": all rights reserved
        name = " ".join(text[tokens[start].start : tokens[end - 1].end].split())
        return name, is_holder_name(name, holder_names, vocab), end
    pronoun = _pronoun_at(tokens, start, vocab)
    if pronoun:
        return (None, True, start + pronoun) if pronouns_allowed else None
    run = name_run(text, tokens, start, vocab, org=True, skip_articles=skip_articles)
    if run is not None:
        if run[1] < len(tokens) and tokens[run[1]].norm == ":" and tokens[run[1]].line == line:
            return None
        if "_" in run[0]:
            return None  # "Budapest_Parlament.jpg" is a file name
        return run[0], is_holder_name(run[0], holder_names, vocab), run[1]
    if not skip_articles:
        return None  # a name-only template ("foto de {name}") takes its name straight away
    return _described(text, tokens, start, vocab, holder_names)


def _described(
    text: str, tokens: Sequence[Tok], start: int, vocab: StatementVocabulary, holder_names: Sequence[str]
) -> tuple[str | None, bool, int] | None:
    """The person a credit names after words describing them, anywhere in its clause: "by our partner
    and long-time crew member Liam O'Connor", "мой коллега по редакции Алексей Смирнов", "© 2024 박지훈".

    Lower-case words describe; the first name (two words at least, or one after a relation or agent,
    or a run in a script without capitals) is the credited person. A relation or agent without a name
    ("by a friend") credits someone else unnamed; after one, a comma opens an apposition ("by our
    colleague, the photographer John Smith"), where the signer's own name credits the relation unnamed.
    Other punctuation than a hyphen or an apostrophe, a line end or a first-person pronoun opening the
    phrase ends the search; a pronoun further on does not
    (Finnish "ja", and, is Polish "ja", I: "kerhotoverimme ja retkiemme vetäjä Jari Laaksonen").
    """
    line = tokens[start].line
    relation = -1
    apposition = False
    position = start
    while position < len(tokens) and tokens[position].line == line:
        token = tokens[position]
        if not token.is_word:
            if token.raw == "," and relation >= 0:
                apposition = True  # "by our colleague, the photographer John Smith"
            elif token.raw not in _WORD_JOINERS:
                break
            position += 1
            continue
        if position == start and _pronoun_at(tokens, position, vocab):
            break  # "by me": the signer's; later, a pronoun of one language is a word of another
        if (
            position > start
            and token.norm in vocab.depiction_prepositions
            and tokens[position - 1].norm in vocab.photo_nouns
        ):
            break  # "copyright of my two photographs of Whitby Abbey": what follows is what they show
        if apposition and token.norm in vocab.subject_pronouns:
            return None  # "von meinem Mann, das ich im Urlaub aufgenommen habe": a clause, the signer took it
        if (
            token.norm in vocab.relations and token.norm not in vocab.not_relations
        ) or token.norm in vocab.agents:
            relation = position
        elif (relation >= 0 or _after_by(tokens, position, start, vocab)) and _uncased_word(token.raw):
            # "על ידי דני אלמוג", "על ידי הצלם יואב כהן", "توسط دوستم علی رضایی": right after "by" or after
            # a relation or agent, words of a script without capitals name the person, up to a word that
            # names nobody ("חבר שלי": a friend of mine); after a verb they may say when ("التقطها أثناء")
            if token.norm in vocab.not_names or _pronoun_at(tokens, position, vocab):
                break
            end = _uncased_name_end(tokens, position, vocab)
            name = " ".join(text[token.start : tokens[end - 1].end].split())
            return name, is_holder_name(name, holder_names, vocab), end
        elif CASELESS_RUN.match(token.raw):
            end = _caseless_end(tokens, position)
            name = " ".join(text[token.start : tokens[end - 1].end].split())
            return name, is_holder_name(name, holder_names, vocab), end
        elif not token.raw.islower():
            run = name_run(text, tokens, position, vocab, org=False)
            if run is not None and (relation >= 0 or len(_words(run[0])) >= 2) and "_" not in run[0]:
                by_signer = is_holder_name(run[0], holder_names, vocab)
                if apposition and by_signer:
                    break  # "by my husband, and I, Jane Roe, ...": the relation took it, unnamed
                return run[0], by_signer, run[1]
            break
        position += 1
    return (None, False, relation + 1) if relation >= 0 else None


def _pronoun_at(tokens: Sequence[Tok], index: int, vocab: StatementVocabulary) -> int:
    """How many tokens a first-person pronoun covers at `index` ("me", "moi-même", "mí mismo"), else 0."""
    for length in (2, 1):
        words = tokens[index : index + length]
        joined = " ".join(t.raw.casefold() for t in words)
        if len(words) == length and all(t.is_word for t in words) and joined in vocab.pronouns:
            return length
    return 0


# Languages that write every noun with a capital: a relation word in lower case there is some other word.
_CAPITALISED_NOUNS = frozenset({"de"})


def _capitalises_nouns(tokens: Sequence[Token], index: int, languages: ParagraphLanguages | None) -> bool:
    """The paragraph's language capitalises every noun (or is unknown): capitals there name nobody."""
    token = tokens[index]
    language = languages.at(token.start, token.end) if languages is not None else None
    return language is None or language in _CAPITALISED_NOUNS


def _lower_case_noun(tokens: Sequence[Token], index: int, languages: ParagraphLanguages | None) -> bool:
    token = tokens[index]
    language = languages.at(token.start, token.end) if languages is not None else None
    return language in _CAPITALISED_NOUNS and token.raw[:1].islower()


def _nobody_before(tokens: Sequence[Token], index: int, vocab: StatementVocabulary) -> bool:
    """A nobody-word at most two words before the relation or trade, in its clause: "No other
    photographer took part", "Aucun autre membre n'a participé", "kein anderer Fotograf"; before a
    trade, a without-word too ("brez zunanjega fotografa": without an outside photographer). Not before a
    relation: "without my friend, who took the photo" names who took it."""
    trade = is_agent(tokens[index].norm, vocab) and tokens[index].norm not in vocab.relations
    for back in range(index - 1, max(-1, index - 3), -1):
        if tokens[back + 1].gap:
            return False
        if tokens[back].norm in vocab.nobody_words or (trade and tokens[back].norm in vocab.without_words):
            return True
    return False


def _denied_after(tokens: Sequence[Token], index: int, vocab: StatementVocabulary) -> bool:
    """A negator closing the clause right after the relation or trade (its ergative marker between): "ये
    तस्वीरें मेरे द्वारा खींची गई हैं, किसी पेशेवर फ़ोटोग्राफ़र ने नहीं" (by me, not by any photographer)."""
    at = index + 1
    if at < len(tokens) and not tokens[at].gap and tokens[at].norm in vocab.ergative_markers:
        at += 1
    return (
        at < len(tokens)
        and not tokens[at].gap
        and tokens[at].norm in vocab.verb_negators
        and (at + 1 == len(tokens) or tokens[at + 1].gap or tokens[at + 1].brk)
    )


def _predicated_of_signer(tokens: Sequence[Token], index: int, vocab: StatementVocabulary) -> bool:
    """The relation or trade is what the signer says they are: a first-person copula ("I'm the volunteer
    who took", pro-drop "Sunt fotograful care", "Ich bin die Praktikantin, die …"), any copula after a
    first-person subject ("I was the intern who …"), or a role marker ("as a volunteer", "en tant que
    bénévole"), an article allowed between, in one clause. Not the subject alone: "hebben we fotobureau
    Kade Zeven ingehuurd" (we hired it)."""
    at = index - 1
    if at >= 0 and not tokens[at + 1].gap and tokens[at].norm in vocab.articles:
        at -= 1
    if at < 0 or tokens[at + 1].gap:
        return False
    if any(
        (found := vocab.role_markers.match(tokens, start)) is not None and start + found.length == at + 1
        for start in range(max(0, at - _ROLE_MARKER_WORDS + 1), at + 1)
    ):
        return True  # "C'est moi qui les ai prises (en tant que bénévole …)": a role, no one else
    if tokens[at].norm in vocab.self_copulas and vocab.self_copulas.holds_as_written(tokens[at].raw):
        return True
    return (
        tokens[at].norm in vocab.copulas
        and at > 0
        and not tokens[at].gap
        and _subject_pronoun(tokens[at - 1], vocab)
    )


_ROLE_MARKER_WORDS = 3  # "en tant que", "in qualità di"


def _other_word(
    tokens: Sequence[Token], index: int, vocab: StatementVocabulary, languages: ParagraphLanguages | None
) -> bool:
    """The relation word at `index` is another word of its paragraph's language: a lower-case noun where
    nouns are capitalised, or a word that language lists as no relation (`_HOMOGRAPH_FLOOR`)."""
    token = tokens[index]
    if _lower_case_noun(tokens, index, languages):
        return True
    if languages is None or not any(token.norm in own.not_relations for own in vocab.languages.values()):
        return False
    likely = languages.likely(token.start, token.end, _HOMOGRAPH_FLOOR)
    own_words = vocab.languages.get(likely) if likely else None
    return own_words is not None and token.norm in own_words.not_relations


# A word listed as another word in the paragraph's likely language ("son": Spanish "are") is that word from
# this probability up: the list names the homograph, so a weaker sign of the language suffices.
_HOMOGRAPH_FLOOR = 0.5


def _relation_credits(
    text: str,
    vocab: StatementVocabulary,
    covered_chars: frozenset[int],
    holder_names: Sequence[str],
    languages: ParagraphLanguages | None,
) -> list[Credit]:
    """ "a friend took it", "von einem Freund aufgenommen", "zrobił ją znajomy": someone else took it.

    A relation or agent and a taking verb in one clause, unless the relation is what the photo shows
    ("a photo of my husband") or the signer is the subject of the verb ("I took it of my wife"). A name
    after the relation is the credited person and does not count against the window ("C'est mon ami
    Julien Marchetti qui l'a prise"). A verb of making counts only with the photo as its object ("mi
    hermano hizo la foto"; not "mein Bruder hat einen Fehler gemacht"). A photographer named in full
    needs no verb: "з архіву нашого фотографа Василя Кравця" (from our photographer's archive), unless
    the name is a holder's.
    """
    tokens = tokenize(text)
    credits: list[Credit] = []
    by_verb: dict[int, Credit] = {}  # a taking verb's credit: two relations before it name one person
    for index in _relation_or_agent_indices(tokens, vocab):
        token = tokens[index]
        # "bờ sông" (a river's shore) is no "bố" (father)
        is_relation = (
            token.norm in vocab.relations and not vocab.relations.accented_otherwise(token.raw)
        ) or _possessed_relation(tokens, index, vocab)
        # the paragraph's own subject pronouns where it is known: Swedish "som" (which) is no Slovak "som"
        native = _own_vocabulary(languages, vocab, token.start, token.end) or vocab
        agent = is_agent(token.norm, vocab) and (
            _preceded_by(tokens, index, vocab.by_prepositions, 3) or _agent_in_prose(tokens, index, native)
        )
        if agent and token.norm in vocab.agents and not vocab.agents.holds_as_written(token.raw):
            agent = False  # Portuguese "fotos" (photos), no Hungarian "fotós" (photographer)
        if token.start in covered_chars or _nobody_before(tokens, index, vocab):
            continue
        if _denied_after(tokens, index, vocab):
            continue
        if _after_owner_phrase(tokens, index, vocab):
            continue  # "diambil dengan drone milik teman saya": the friend owns the drone
        if _in_quoted_title(text, token.start, vocab):
            continue  # "twee foto's van mijn beeld 'Zittende vrouw'": a work's title, no woman
        titled = not (is_relation or agent) and _titled_person(tokens, index, vocab)
        is_relation = is_relation or titled  # "Die Aufnahme hat im Mai Herr Markus Kaiser … gemacht"
        if _depicted(tokens, index, vocab) and _depicted(
            tokens, index, _own_vocabulary(languages, vocab, token.start, token.end) or vocab
        ):  # every language's words first: the paragraph's language is asked only where they find one
            continue  # "ảnh do bố tôi chụp": Vietnamese "do" is "by", Portuguese "do" is "of the"
        named = _name_after(tokens, index, vocab)
        if _names_a_photographer(tokens, index, named, vocab):
            own = _own_vocabulary(languages, vocab, token.start, token.end)
            if own is not None and not is_agent(token.norm, own):
                continue
            if _predicated_of_signer(tokens, index, own or vocab):
                continue  # "Sunt fotograful care a realizat": the signer is the photographer
            photographer = _name_words(text, tokens, index, named, vocab)
            if not _shares_a_holder_word(photographer, holder_names, vocab):
                phrase = " ".join(text[token.start : tokens[index + named].end].split())
                # no verb: a file title holding the name shows the photographer ("Nadia Quinn photographing")
                credits.append(Credit(phrase=phrase, name=photographer, by_signer=False, may_describe=True))
            continue
        if not (is_relation or agent):
            continue
        if any(tokens[i].norm in vocab.upload_verbs for i in range(max(0, index - 2), index)):
            continue  # "las dos fotografías … que subió nuestra compañera": she uploaded them
        verb = _verb_near(tokens, index, named, vocab)
        trade_only = False
        if verb is None and is_relation and not titled:
            verb = _author_by_copula(tokens, index, named, vocab)
            trade_only = verb is not None and not _photo_in_clause(tokens, verb, vocab)
        if verb is None and is_relation and not titled:
            verb = _artwork_of(tokens, index, vocab)
        if (
            verb is None
            # a titled name is only the subject of a verb in its own clause: not "Estimada Sra. Márquez:
            # > Gracias por su mensaje sobre el archivo", "Mr Ashworth - he died before it was made"
            or (titled and not _one_clause_over_brackets(tokens, min(index, verb), max(index, verb)))
            # "scattate da mio padre, Giuseppe Rinaldi (…), che … ha fatto il fotografo": the verb has
            # its credit already
            or tokens[verb].start in covered_chars
            # "Ho scattato personalmente le due fotografie, caricate su Commons da un nostro socio": an
            # upload verb between the taking verb and the relation has the relation for its agent
            or any(tokens[i].norm in vocab.upload_verbs for i in range(verb + 1, index))
            # the paragraph's own subject pronouns where it is known, even weakly: Slovenian "Sliko je
            # naslikal moj dedek" has no French "je"
            or _signer_is_subject(
                tokens,
                verb,
                index,
                _subject_vocabulary(languages, vocab, tokens[verb].start, tokens[verb].end),
            )
            or _subject_after(
                tokens, verb, index, _own_vocabulary(languages, vocab, tokens[verb].start, tokens[verb].end)
            )
            or _by_the_signer(tokens, verb, vocab)
            or _negated_verb(tokens, verb, index, vocab)
        ):
            continue
        # asked only now, the paragraph's language: "Sonst hat da keiner fotografiert, … auch nicht" (German
        # "nicht", no Dutch niece), "réalisées par son service" (French "son", his, no English son)
        if is_relation and not agent and _other_word(tokens, index, vocab, languages):
            continue
        camera = vocab.at_the_camera.match(tokens, verb)
        first, last = min(index, verb), max(index, verb + (camera.length - 1 if camera else 0))
        own = _own_vocabulary(languages, vocab, tokens[first].start, tokens[last].end)
        if (
            own is not None
            and _verb_near(tokens, index, named, own) is None
            and _author_by_copula(tokens, index, named, own) is None
            and _artwork_of(tokens, index, own) is None
        ):
            continue  # a verb of another language than the paragraph's
        # the relation said of the signer, in the words of the relation's paragraph: asked last, so that
        # a paragraph's language is asked only where a credit is otherwise found
        if _predicated_of_signer(
            tokens, index, _own_vocabulary(languages, vocab, token.start, token.end) or vocab
        ):
            continue  # "I'm the volunteer who took the two photos"
        if first > 0 and not tokens[first].brk:
            first -= 1  # "my friend", "mein Bruder"
        phrase = " ".join(text[tokens[first].start : tokens[last].end].split())
        name = _name_words(text, tokens, index, named, vocab) or None
        earlier = by_verb.get(verb)
        if earlier is not None:  # "con gái tôi là cháu Trần Thu Hà … chụp": one person, named once
            if earlier.name is None and name is not None:
                credits[credits.index(earlier)] = by_verb[verb] = Credit(phrase, name, by_signer=False)
            continue
        by_verb[verb] = Credit(phrase=phrase, name=name, by_signer=False, trade_only=trade_only)
        credits.append(by_verb[verb])
    return credits


def _in_quoted_title(text: str, at: int, vocab: StatementVocabulary) -> bool:
    """The word at `at` stands in a title in quotes on its line: a capital first, no taking or making verb
    inside ("mijn beeld 'Zittende vrouw'", "la série « Ma mère »"); not a sentence quoted ("'my brother
    took it'")."""
    line_start = text.rfind("\n", 0, at) + 1
    line_end = text.find("\n", at)
    line = text[line_start : len(text) if line_end < 0 else line_end]
    for quoted in _QUOTED.finditer(line):
        start, end = line_start + quoted.start(2), line_start + quoted.end(2)
        title = quoted.group(2)
        if start <= at < end and title[:1].isupper():
            words = [token.norm for token in tokenize(title)]
            return not any(word in vocab.take_verbs or word in vocab.make_verbs for word in words)
    return False


# A quoted span on one line: an opening mark not after a letter ("foto's" holds no quote), a closing one
# not before a letter.
_QUOTED = re.compile(r"(?<!\w)(['\"“„«‘‹])\s?([^'\"“”„«»‘’‹›\n]{1,80}?)\s?(['\"”“»’›])(?!\w)")


def _photo_in_clause(tokens: Sequence[Token], index: int, vocab: StatementVocabulary) -> bool:
    """A photo noun or an object pronoun in the clause of `index`: "the photographer of these photos"
    names their maker, "Isäni oli valokuvaaja Porissa" (my father was a photographer) his trade."""
    first = index
    while first > 0 and not (tokens[first].gap or tokens[first].brk):
        first -= 1
    last = index
    while last + 1 < len(tokens) and not (tokens[last + 1].gap or tokens[last + 1].brk):
        last += 1
    return any(
        tokens[i].norm in vocab.photo_nouns or tokens[i].norm in vocab.object_pronouns
        for i in range(first, last + 1)
    )


# Words a making verb's photo noun may stand before the relation or verb, in their clause: "Die Aufnahmen
# hat unser langjähriges Mitglied Gerhard Lindner gemacht".
_PHOTO_REACH = 8
# Words a first-person subject may stand before its taking word: "I pressed the shutter".
_SUBJECT_REACH = 3


def _signer_is_subject(tokens: Sequence[Token], verb: int, relation: int, vocab: StatementVocabulary) -> bool:
    """A first-person subject pronoun shortly before the taking word, with the relation not between them:
    "my wife drove, and I took the photo", "I pressed the shutter while my friend held the reflector".
    A pronoun right after the relation, or after it and "of", is its possessor: "Suami saya yang
    memotret", "do chồng tôi chụp", "đồng nghiệp của tôi chụp". A pronoun right after the verb is its
    subject too ("le ho scattate io"). Or anywhere in the verb's clause when the relation stands in another
    (`_own_clause`)."""
    for back in range(1, _SUBJECT_REACH + 1):
        position = verb - back
        # "Δεν την τράβηξα εγώ, την τράβηξε ο αδελφός μου": a subject in another clause is no subject
        if position < 0 or tokens[position + 1].gap or position < relation < verb:
            break
        if _subject_pronoun(tokens[position], vocab):
            return not _possessor(tokens, position, relation, vocab) and not _coordinated(
                tokens, position, relation, vocab
            )
    return _own_clause(tokens, verb, relation, vocab)


# Words between a relation and the "and" that joins it to the signer: its name ("my friend Tom Baker and
# I"), a possessive after it ("mi amigo Pablo y yo").
_COORDINATED_REACH = 3


def _coordinated(tokens: Sequence[Token], pronoun: int, relation: int, vocab: StatementVocabulary) -> bool:
    """The relation and the signer are the verb's subject together: "My friend Tom Baker and I took it",
    "Mi hermano y yo tomamos la foto": a second author, not the signer alone."""
    joint = pronoun - 1
    return (
        relation < joint <= relation + _COORDINATED_REACH
        and tokens[joint].norm in vocab.coordinators
        and not tokens[pronoun].gap
        and not any(tokens[i].brk for i in range(relation + 1, pronoun + 1))
    )


def _subject_after(
    tokens: Sequence[Token], verb: int, relation: int, own: StatementVocabulary | None
) -> bool:
    """A first-person subject right after the taking verb, in its paragraph's own language (`own`; Serbian
    "snimio je moj brat" has no French "je"): "Le ho scattate io … dalla barca di mio cugino"."""
    after = verb + 1
    return (
        own is not None
        and tokens[verb].norm in own.take_verbs  # not "Das Bild verdanken wir unserem Kollegen" (we owe it)
        and after < len(tokens)
        and after != relation
        and not tokens[after].gap
        and _subject_pronoun(tokens[after], own)
    )


def _negated_verb(tokens: Sequence[Token], verb: int, relation: int, vocab: StatementVocabulary) -> bool:
    """A negator right before the taking verb, after the relation, in its clause: "इसे किसी और फ़ोटोग्राफ़र
    ने नहीं खींचा" (no other photographer took it), "Mein Freund hat das Foto nicht gemacht"; nor is that
    negator a relation (Dutch "nicht", niece)."""
    before = verb - 1
    return relation <= before and not tokens[verb].gap and tokens[before].norm in vocab.verb_negators


def _by_the_signer(tokens: Sequence[Token], verb: int, vocab: StatementVocabulary) -> bool:
    """The taking verb's agent is the signer, right after it: "foram tiradas por mim durante essa visita,
    acompanhado pelo nosso parceiro", "taken by me, with my friend holding the lamp"."""
    by = verb + 1
    return (
        by + 1 < len(tokens)
        and not tokens[by].gap
        and tokens[by].norm in vocab.by_prepositions
        and any(
            " ".join(t.raw.casefold() for t in tokens[by + 1 : by + 1 + length]) in vocab.pronouns
            for length in (2, 1)
        )
    )


def _around(tokens: Sequence[Token], index: int, sentence: bool) -> tuple[int, int]:
    """The first token and the end of the clause (or the sentence) holding `index`."""
    first = index
    while first > 0 and not (tokens[first].brk if sentence else tokens[first].gap):
        first -= 1
    end = index + 1
    while end < len(tokens) and not (tokens[end].brk if sentence else tokens[end].gap):
        end += 1
    return first, end


def _own_clause(tokens: Sequence[Token], verb: int, relation: int, vocab: StatementVocabulary) -> bool:
    """The taking verb's clause has a first-person subject and the relation stands in another clause:
    "Ich habe das Foto selbst aufgenommen, mein Kollege … hat mir beim Hochladen geholfen"."""
    start, end = _around(tokens, verb, sentence=False)
    if start <= relation < end:
        return False
    return any(_subject_pronoun(tokens[i], vocab) for i in range(start, end))


def _took_it_oneself(tokens: Sequence[Tok], index: int, vocab: StatementVocabulary) -> bool:
    """The credit opens with a taking verb of the paragraph's language (`vocab`) and a first-person subject
    right after it, on its line: "le ho scattate io … dalla barca di mio cugino"."""
    return (
        index + 1 < len(tokens)
        and tokens[index].norm in vocab.take_verbs
        and tokens[index + 1].line == tokens[index].line
        and _subject_pronoun(tokens[index + 1], vocab)
    )


def _said_of_oneself(tokens: Sequence[Tok], index: int, vocab: StatementVocabulary) -> bool:
    """A first-person subject of the paragraph's language (`vocab`: Serbian "je" is French "I") right
    before the credit's first word, on its line: "Я авторка фото …" is the signer's word about herself."""
    return (
        index > 0
        and tokens[index - 1].line == tokens[index].line
        and _subject_pronoun(tokens[index - 1], vocab)
    )


def _subject_pronoun(token: Token | Tok, vocab: StatementVocabulary) -> bool:
    """A first-person subject with its accents ("én", Hungarian I, is no Spanish "en"); English "I" only as
    written, since "i" is "in" in Swedish, Polish, Czech."""
    return (
        token.norm in vocab.subject_pronouns
        and vocab.subject_pronouns.holds_as_written(token.raw)
        and (token.norm != "i" or token.raw == "I")
    )


def _possessor(tokens: Sequence[Token], pronoun: int, relation: int, vocab: StatementVocabulary) -> bool:
    """The pronoun owns the relation: right after it ("Suami saya"), after it and "of", or closing its
    noun phrase before a comma ("دانشجویان کارشناسی ارشد ما، خانم سارا محمدی": our master's students)."""
    between = range(relation + 1, pronoun + 1)
    return (
        pronoun == relation + 1
        or (pronoun == relation + 2 and tokens[relation + 1].norm in vocab.depiction_prepositions)
        or (
            relation < pronoun <= relation + _POSSESSOR_PHRASE
            and not any(tokens[i].gap for i in between)
            and not any(tokens[i].norm in _AND_WORDS for i in between)
            and pronoun + 1 < len(tokens)
            and tokens[pronoun + 1].gap
            and not tokens[pronoun + 1].brk
        )
    )


# Words of a relation's noun phrase up to a possessor closing it: "دانشجویان کارشناسی ارشد ما".
_POSSESSOR_PHRASE = 3


def _agent_in_prose(tokens: Sequence[Token], index: int, vocab: StatementVocabulary) -> bool:
    """An agent word in running text after a determiner, as a verb's subject: "las hizo el fotógrafo que
    contratamos"; not a title ("Fotógrafa" in a signature, written with a capital, or after a comma) and
    not the signer's own trade ("I am a photographer and took it": a first-person subject before it in its
    clause; "sou o autor e fotógrafo da imagem": after a one-letter "and")."""
    # (scripts without capitals count as lower case: "हमारे फोटोग्राफर अमित वर्मा ने")
    if tokens[index].raw[:1].isupper() or index == 0 or tokens[index].gap:
        return False
    before = tokens[index - 1].raw
    if len(before) < 2 or not all(c.isalpha() or unicodedata.category(c).startswith("M") for c in before):
        return (
            False  # an apposition or a list of the signer's trades: "Dumas, photographe", "autor e fotógrafo"
        )
    start = index
    while start > 0 and not tokens[start].gap:
        start -= 1
    return not any(_subject_pronoun(tokens[i], vocab) for i in range(start, index))


def _names_a_photographer(
    tokens: Sequence[Token], index: int, named: int, vocab: StatementVocabulary
) -> bool:
    """An agent word in running text with a person's full name right after it, or after a colon ("нашого
    фотографа Василя Кравця", "our photographer Anna Berg", "υπογραφή του φωτογράφου: «Φωτογραφείον Ο
    Αστήρ»"): not a title in a signature ("Photographe - Saint-Flour", "Agencja Reklamowa"), written
    with a capital or parted from the name by a mark, and not a relation's apposition ("our colleague,
    the photographer Max Muster", which the relation reader reads)."""
    token = tokens[index]
    return (
        is_agent(token.norm, vocab)
        and named >= 2
        and _in_prose(tokens, index)
        and (not tokens[index + 1].gap or _colon_only(tokens[index + 1].sep))
        and "\n" not in tokens[index + 1].sep  # "Ольга Иванова, фотограф\nСанкт-Петербург": a town below
        and not _preceded_by(tokens, index, vocab.relations, 3)
        and not _client_before(tokens, index, vocab)
        and not any(vocab.legal_forms.starting(tokens[i].norm) for i in range(index + 1, index + 1 + named))
    )


def _colon_only(sep: str) -> bool:
    """A colon, perhaps with quotation marks: a label before the name it gives ("φωτογράφου: «…»")."""
    return sep.strip().strip(_QUOTES).strip() in {":", "："}


_QUOTES = "\"'“”„«»‹›「」『』"


def _client_before(tokens: Sequence[Token], index: int, vocab: StatementVocabulary) -> bool:
    """A client phrase ends at most three words before the agent word: "im Auftrag unseres Mandanten, des
    Fotografen Jonas Lorenz" names the client, the holder the writer acts for, not a third party."""
    return any(
        (found := vocab.for_client.match(tokens, start)) is not None
        and index - 3 <= start + found.length <= index
        for start in range(max(0, index - 8), index)
    )


def is_agent(norm: str, vocab: StatementVocabulary) -> bool:
    """A trade that takes photos, or a compound ending in one ("Hobbyfotograf", "persfotograaf")."""
    return norm in vocab.agents or norm.endswith(vocab.agent_endings)


def _in_prose(tokens: Sequence[Token], index: int) -> bool:
    """The word at `index` stands in running text: written in lower case, or a capitalised noun right
    after a lower-case word on its line ("unser Fotograf Bernd Hofstätter"), not a title of a signature."""
    if tokens[index].raw[:1].islower():
        return True
    if index == 0 or tokens[index].gap or "\n" in tokens[index].sep:
        return False
    before = tokens[index - 1].raw
    return len(before) >= 2 and before.isalpha() and before[:1].islower()


def _shares_a_holder_word(name: str, holder_names: Sequence[str], vocab: StatementVocabulary) -> bool:
    """A distinctive word of the name is a holder's ("photographer Whitcombe Aerial" for Daniel Whitcombe).
    A name whose first word is no holder's shares only a family name: another person of the family
    ("fotografen Jens Krogh" for Lise Krogh), unless the whole name is a holder's."""
    words = name.split()
    if len(words) > 1 and not is_holder_name(words[0], holder_names, vocab):
        return is_holder_name(name, holder_names, vocab)
    return any(is_holder_name(word, holder_names, vocab) for word in words)


def _relation_or_agent_indices(tokens: Tokens, vocab: StatementVocabulary) -> list[int]:
    """The indices of relation, agent and honorific words, in order: each distinct word of the text is
    looked up once, not at each of its places (most words of a release are none of them)."""
    return sorted(
        index
        for norm, indices in tokens.positions.items()
        if norm in vocab.relations
        or is_agent(norm, vocab)
        or norm in vocab.honorifics
        or norm in vocab.possessed_relations
        for index in indices
        if norm not in vocab.possessed_relations or _possessed_relation(tokens, index, vocab)
    )


def _indices_of(tokens: Tokens, *sets: WordSet) -> list[int]:
    """The indices, in order, of the tokens whose folded word is in one of `sets`: each distinct word of
    the text is looked up once, not at each of its places (most words of a release are in none)."""
    return _indices_where(tokens, lambda norm: any(norm in words for words in sets))


def _indices_where(tokens: Tokens, holds: Callable[[str], bool]) -> list[int]:
    return sorted(index for norm, places in tokens.positions.items() if holds(norm) for index in places)


def _possessed_relation(tokens: Sequence[Token], index: int, vocab: StatementVocabulary) -> bool:
    """A relation word that is one only beside a possessive: "min far", "vår mor", "far min" (alone,
    English "far", "man")."""
    after = index + 1
    return tokens[index].norm in vocab.possessed_relations and (
        (index > 0 and not tokens[index].gap and tokens[index - 1].norm in vocab.relation_possessives)
        or (
            after < len(tokens) and not tokens[after].gap and tokens[after].norm in vocab.relation_possessives
        )
    )


def _one_clause_over_brackets(tokens: Sequence[Token], low: int, high: int) -> bool:
    """No punctuation but brackets, and what stands inside them, from `low` to `high`: "Herr Markus Kaiser
    (Kaiser Luftbild, Bad Kreuznach) mit seiner Drohne … gemacht" is one clause."""
    depth = 0
    for token in tokens[low + 1 : high + 1]:
        for mark in token.sep:
            if mark in "(（[":
                depth += 1
            elif mark in ")）]":
                depth = max(0, depth - 1)
            elif not mark.isspace() and depth == 0:
                return False
    return True


def _after_owner_phrase(tokens: Sequence[Token], index: int, vocab: StatementVocabulary) -> bool:
    """An owner phrase ends at most two words before `index`, in its clause: the person there owns or lent
    a thing the photo was taken with ("drone milik teman saya", "un trépied prêté par mon voisin")."""
    for back in range(1, 3):
        position = index - back
        if position < 0 or tokens[position + 1].gap:
            return False
        for start in range(position, max(-1, position - 4), -1):
            found = vocab.owner_phrases.match(tokens, start)
            if found is not None and start + found.length - 1 == position:
                return True
    return False


def _titled_person(tokens: Sequence[Token], index: int, vocab: StatementVocabulary) -> bool:
    """An honorific as written, capitalised, before a capitalised name: "Herr Markus Kaiser", "Pani Anna
    Nowak". A one-letter one ("M.") needs a first and a last name after it."""
    raw = tokens[index].raw
    if not raw[:1].isupper() or not vocab.honorifics.holds_as_written(raw):
        return False
    named = _name_after(tokens, index, vocab)
    return named >= (1 if len(raw) > 1 else 2)


def _name_after(tokens: Sequence[Token], index: int, vocab: StatementVocabulary) -> int:
    """How many capitalised words name the relation at `index`: "mon ami Julien Marchetti", "my friend
    Tom", "mi hermano, Javier," (an apposition after a comma); titles before the name count among them
    but not against its length ("unser Kollege Dr. rer. nat. Matthias Ebner"), and so do lower-case
    particles between its words ("ons lid Henk de Vries")."""
    count = titles = particles = 0
    while count - titles - particles < MAX_PERSON_WORDS - 1:
        position = index + 1 + count + particles
        if position >= len(tokens) or tokens[position].brk:
            break
        token = tokens[position]
        if count and token.gap:
            break
        if count == titles and token.norm in vocab.honorifics:
            count += 1
            titles += 1
            continue
        if count > titles and token.raw.islower() and token.norm in vocab.particles:
            particles += 1
            continue
        if not (token.raw.isalpha() and token.raw[0].isupper()):
            break
        if any(
            token.norm in words
            for words in (vocab.photo_nouns, vocab.not_names, vocab.take_verbs, vocab.make_verbs)
        ):
            break
        count += 1 + particles
        particles = 0
    return count


def _name_words(
    text: str, tokens: Sequence[Token], index: int, named: int, vocab: StatementVocabulary
) -> str:
    """The `named` words after the relation at `index` as written ("J. Whitfield"), without the titles
    before the name."""
    words = tokens[index + 1 : index + 1 + named]
    titles = next((i for i, token in enumerate(words) if token.norm not in vocab.honorifics), len(words))
    if titles == len(words):
        return ""
    return " ".join(text[words[titles].start : words[-1].end].split())


def _depicted(tokens: Sequence[Token], index: int, vocab: StatementVocabulary) -> bool:
    """The relation at `index` is what a photo shows: a depiction preposition at most two words before it,
    right after a photo noun ("a photo of my husband", "ein Foto von meinem Mann"), or one that is a taking
    verb too (Vietnamese "chụp").
    German "von" is "by" too: "Das Foto wurde von unserem Kollegen aufgenommen" credits the colleague."""
    for back in range(1, 3):
        position = index - back
        if position < 0 or tokens[position + 1].brk:
            return False
        if tokens[position].norm in vocab.depiction_prepositions:
            # a taking verb listed as one: "Bức ảnh dưới đây chụp vợ tôi" (photographs my wife), with
            # no photo noun right before
            return _preceded_by(tokens, position, vocab.photo_nouns, 1) or (
                tokens[position].norm in vocab.take_verbs
                and vocab.depiction_prepositions.holds_as_written(tokens[position].raw)
            )
    return False


def _preceded_by(tokens: Sequence[Token], index: int, words: WordSet, distance: int) -> bool:
    for back in range(1, distance + 1):
        if index - back < 0 or tokens[index - back + 1].brk:
            return False
        if tokens[index - back].norm in words:
            return True
    return False


def _verb_near(tokens: Sequence[Token], index: int, named: int, vocab: StatementVocabulary) -> int | None:
    """The nearest taking verb within the window of the relation at `index` (its `named` name words
    skipped), in the same sentence, or a participle describing the relation right before it ("bu kareleri
    çeken kuzenim Burak"); words in brackets do not count ("मेरे पिता, श्री रमेश शर्मा (संस्थापक,
    शर्मा स्टूडियो, …), ने 1987 में खींची थीं")."""
    marker = index + named + 1
    ergative = marker < len(tokens) and tokens[marker].norm in vocab.ergative_markers
    forward = _ERGATIVE_WINDOW if ergative else _RELATION_WINDOW
    for distance in range(1, forward + _BRACKETED_WORDS + 1):
        for position in (index + named + distance, index - distance):
            if not 0 <= position < len(tokens):
                continue
            low, high = min(index, position), max(index, position)
            if any(tokens[i].brk or ":" in tokens[i].sep for i in range(low + 1, high + 1)):
                continue  # "since you asked who took them: the drone … was my brother-in-law's"
            window = forward if position > index else _RELATION_WINDOW_BEFORE
            if distance > window and distance - _in_brackets(tokens, low, high) > window:
                continue
            norm = tokens[position].norm
            if _namespace_prefix(tokens, position):
                continue  # "Archivo:Laguna.jpg": the file namespace, not "archivo" (from the archive)
            if _capitalised_inside(tokens, position):
                continue  # "Studio Julien Ferrand – Photographie": a noun, no "photographié"
            if _owned_noun(tokens, position, vocab):
                continue  # "our archive mailbox, my colleague Tom": the signer's own archive, no verb
            if position > index and _passive_of(tokens, index + named + 1, position, vocab):
                continue  # "Mme Dubreuil a été photographiée": she is the one shown
            if (
                (norm in vocab.take_verbs and not vocab.take_verbs.accented_otherwise(tokens[position].raw))
                or (norm in vocab.make_verbs and _makes_photo(tokens, position, low, high, vocab))
                or (
                    position == index - 1
                    and norm in vocab.participles
                    and _makes_photo(tokens, position, low, high, vocab)
                )
                or vocab.at_the_camera.match(tokens, position) is not None
                or _possessed_photos(tokens, index + named, position, vocab)
            ):
                return position
    return None


def _passive_of(tokens: Sequence[Token], start: int, verb: int, vocab: StatementVocabulary) -> bool:
    """Only auxiliaries between the person and the verb, a passive one among them: "was photographed",
    "a été photographiée". The person is the subject of a passive taking: shown, not the maker."""
    between = [tokens[i].norm for i in range(start, verb)]
    fillers = (vocab.passive_auxiliaries, vocab.subject_fillers, vocab.credit_fillers)
    return (
        bool(between)
        and any(norm in vocab.passive_auxiliaries for norm in between)
        and all(any(norm in words for words in fillers) for norm in between)
    )


def _owned_noun(tokens: Sequence[Token], index: int, vocab: StatementVocabulary) -> bool:
    """An own possessive, as written, right before `index` in its clause: "our archive" is a noun, no
    taking verb, "my heirs" are the signer's own (Finnish "minä otimme", I took, holds no Swedish "mina",
    my)."""
    return (
        index > 0
        and not tokens[index].gap
        and tokens[index - 1].norm in vocab.own_possessives
        and vocab.own_possessives.holds_as_written(tokens[index - 1].raw)
    )


# Words an authorship noun's complement may hold before its copula: "Der Urheber des Gemäldes ist",
# "L'autor de la foto és".
_AUTHOR_COMPLEMENT = 4
# Articles and possessives between a copula and the relation: "est mon frère", "é o meu irmão".
_RELATION_LEAD = 2


def _author_by_copula(
    tokens: Sequence[Token], relation: int, named: int, vocab: StatementVocabulary
) -> int | None:
    """The authorship noun a third-person copula joins the relation at `relation` to, in one clause: "Mon
    frère Karl Klein est l'auteur de la photo", "L'auteur du tableau est mon grand-père", "Автор фотографии
    — мой брат" (a dash for the copula). A first-person copula ("I, Nadia Karim, am the creator", Galician
    "son a creadora") is the signer's own word, and punctuation ends the clause ("som er ophavsmand")."""
    after = relation + named + 1
    if after < len(tokens) and _one_clause(tokens, relation, after) and tokens[after].norm in vocab.copulas:
        for noun in range(after + 1, min(len(tokens), after + 2 + _RELATION_LEAD)):
            if not _one_clause(tokens, after, noun):
                break
            if tokens[noun].norm in vocab.author_nouns:
                return noun
            if tokens[noun].norm not in vocab.articles:
                break
    for copula in range(relation - 1, max(-1, relation - 2 - _RELATION_LEAD), -1):
        dash = any(mark in tokens[copula + 1].sep for mark in "—–")
        if not _one_clause(tokens, copula, relation) and not dash:
            break
        if tokens[copula].norm in vocab.copulas or dash:
            start = copula if tokens[copula].norm in vocab.copulas else copula + 1
            for noun in range(start - 1, max(-1, start - 2 - _AUTHOR_COMPLEMENT), -1):
                if not _one_clause(tokens, noun, start):
                    break
                if tokens[noun].norm in vocab.author_nouns:
                    return noun
            return None
        if _subject_pronoun(tokens[copula], vocab) or not tokens[copula].raw.islower():
            break
    return None


def _artwork_of(tokens: Sequence[Token], relation: int, vocab: StatementVocabulary) -> int | None:
    """The artwork noun a relation is the genitive of, at most `_ARTWORK_OF_REACH` words before it in one
    clause: "זהו ציור שמן של סבתי" (an oil painting of my grandmother's), "ein Gemälde meiner Großmutter".
    Where a depiction preposition stands between ("a painting of my grandmother") the relation is what it
    shows, and that is asked before."""
    for noun in range(relation - 1, max(-1, relation - 2 - _ARTWORK_OF_REACH - _TITLE_WORDS), -1):
        if tokens[noun].norm in vocab.artwork_nouns and _genitive_after(tokens, noun, relation):
            return noun
    return None


def _genitive_after(tokens: Sequence[Token], noun: int, relation: int) -> bool:
    """Between the artwork noun and the relation, at most `_ARTWORK_OF_REACH` words in one clause, a whole
    quoted title and a bracket besides ("το χάλκινο γλυπτό «Ο Ναύτης» (1987) του θείου μου"); a title still
    open holds the relation ("Skulptūrą „Žvejo žmona“")."""
    between = "".join(tokens[i].sep + tokens[i].raw for i in range(noun + 1, relation)) + tokens[relation].sep
    rest = _BRACKETED.sub(" ", _QUOTED_TITLE.sub(" ", between))
    if any(mark in rest for mark in _TITLE_QUOTES) or any(mark in rest for mark in ",.;:!?()[]\n"):
        return False
    return len(rest.split()) <= _ARTWORK_OF_REACH


# Words between an artwork noun and the relation whose work it is: "ציור שמן של סבתי".
_ARTWORK_OF_REACH = 3
_TITLE_QUOTES = frozenset('"„“”«»「『')
_TITLE_WORDS = 8  # a work's title and year between it and its maker: "«Ο Ναύτης» (1987)"
_QUOTED_TITLE = re.compile(r'[«"„“「『][^«»"„“”「」『』\n]{1,80}[»"“”」』]')
_BRACKETED = re.compile(r"\([^()\n]{1,40}\)")


def _one_clause(tokens: Sequence[Token], low: int, high: int) -> bool:
    """No punctuation but a dash or an apostrophe between the tokens `low` and `high`."""
    return not any(tokens[i].gap or tokens[i].brk for i in range(low + 1, high + 1))


def _capitalised_inside(tokens: Sequence[Token], index: int) -> bool:
    """A word capitalised inside its sentence, not all in capitals: a name or a noun, not a verb (accents
    folded, "Photographie" would be "photographié")."""
    raw = tokens[index].raw
    sep = tokens[index].sep
    return (
        index > 0
        and raw[:1].isupper()
        and not raw.isupper()
        and "\n" not in sep
        and not any(mark in sep for mark in ".!?:")
    )


def _in_brackets(tokens: Sequence[Token], low: int, high: int) -> int:
    """How many of the words from `low` to `high` stand in brackets opened after `low`."""
    depth = inside = 0
    for index in range(low + 1, high):
        sep = tokens[index].sep
        depth += sum(sep.count(mark) for mark in "(（[")
        depth = max(0, depth - sum(sep.count(mark) for mark in ")）]"))
        inside += depth > 0
    return inside


def _possessed_photos(tokens: Sequence[Token], last: int, position: int, vocab: StatementVocabulary) -> bool:
    """English's possessive right after the relation or its name, then photos: "my cousin Rachel's shots"
    are the shots she took."""
    return (
        position == last + 2
        and tokens[last + 1].raw == "s"
        and tokens[last + 1].sep in {"'", "’"}
        and (tokens[position].norm in vocab.photo_nouns or tokens[position].norm in _SHOT_NOUNS)
    )


_SHOT_NOUNS = frozenset({"shots", "snaps", "snapshots"})


def _namespace_prefix(tokens: Sequence[Token], position: int) -> bool:
    """The word is written right before a colon and the next word, no space: a file page's namespace."""
    return position + 1 < len(tokens) and tokens[position + 1].sep == ":"


def _makes_photo(tokens: Sequence[Token], verb: int, low: int, high: int, vocab: StatementVocabulary) -> bool:
    """A verb of making has the photo as its object: a photo noun from a little before the relation and
    verb to just after them ("hizo la foto", "Das Bild hat meine Tochter gemacht"), or an object pronoun
    just before the verb ("la hizo", "l'a faite", "hem gemaakt")."""
    for position in range(max(0, low - _PHOTO_REACH), min(len(tokens), high + 3)):
        span = range(min(position, verb) + 1, max(position, verb) + 1)
        if position > verb and any(tokens[i].norm in _AND_WORDS for i in span):
            break  # "dikkatimi çekti ve fotoğrafı …": a photo noun after "and" is the next clause's
        if tokens[position].norm in vocab.photo_nouns and (
            not any(tokens[i].gap for i in span)
            or _bracket_gaps_only(tokens, span)
            or _aside_only(tokens, position, low, verb)
            or _apposed_to_noun(tokens, position, low, verb)
            or _topic_before(tokens, position, verb)
        ):
            return True
    if verb < 1 or tokens[verb].brk:
        return False
    if verb == high and _passive_of_topic(tokens, verb, vocab):  # the relation before its verb
        return True
    if tokens[verb - 1].norm in vocab.object_pronouns:
        return True  # "la hizo", "hem gemaakt"
    return (  # "l'a faite", "l'ha fatta": an auxiliary between; "Obě byly pořízeny": a passive's subject
        verb >= 2
        and not tokens[verb - 1].brk
        and (
            tokens[verb - 1].norm in vocab.subject_fillers
            or tokens[verb - 1].norm in vocab.passive_auxiliaries
        )
        and tokens[verb - 2].norm in vocab.object_pronouns
    )


# "And" in the languages whose making verb a photo noun may follow: the next clause starts there.
_AND_WORDS = frozenset({"and", "und", "et", "y", "en", "och", "og", "ja", "ve", "es", "и", "і", "та", "και"})


def _bracket_gaps_only(tokens: Sequence[Token], span: range) -> bool:
    """The clause breaks in `span` are those of words in brackets opened and closed in it: "de foto's zijn
    door ons lid Henk de Vries (werkgroep Beeldbank, lid sinds 1987) voor ons jubileumboek gemaakt"; not
    a photo noun inside an aside and a verb after it."""
    depth = 0
    for index in span:
        token = tokens[index]
        if token.brk or (token.gap and depth == 0 and token.sep.strip(" \n()（）[]")):
            return False
        depth -= sum(token.sep.count(mark) for mark in ")）]")
        if depth < 0:
            return False
        depth += sum(token.sep.count(mark) for mark in "(（[")
    return depth == 0


def _passive_of_topic(tokens: Sequence[Token], verb: int, vocab: StatementVocabulary) -> bool:
    """A passive verb whose sentence opens with the photo noun, however far: "این عکس‌ها در بازدید علمی
    ترم گذشته توسط یکی از دانشجویان … گرفته شده‌اند" (these photos were taken, during last term's field
    trip, by one of our students)."""
    passive = any(
        0 <= at < len(tokens)
        and tokens[at].norm in vocab.passive_auxiliaries
        and not tokens[max(at, verb)].brk
        for at in (verb - 1, verb + 1)
    )
    if not passive:
        return False
    start = verb
    while start > 0 and not tokens[start].brk:
        start -= 1
    return any(tokens[at].norm in vocab.photo_nouns for at in range(start, min(start + _TOPIC_OPENING, verb)))


# Words at a sentence's start that may hold its photo noun: "این عکس‌ها", "Die beiden Fotos".
_TOPIC_OPENING = 3


def _topic_before(tokens: Sequence[Token], noun: int, verb: int) -> bool:
    """The photo noun opens the sentence as its topic, perhaps after an article, set off by one comma
    before the verb's clause: "Fotoğrafı, oyuncularımızdan birinin babası olan Mehmet Yılmaz çekti" (the
    photo, X took it), "Das Foto, das mein Mann Günter im letzten Sommer … gemacht hat"."""
    opens = noun == 0 or tokens[noun].brk or (not tokens[noun].gap and (noun == 1 or tokens[noun - 1].brk))
    if noun >= verb or not opens:
        return False
    breaks = [i for i in range(noun + 1, verb + 1) if tokens[i].gap]
    return breaks == [noun + 1] and tokens[noun + 1].sep.strip() == ","


def _apposed_to_noun(tokens: Sequence[Token], noun: int, relation: int, verb: int) -> bool:
    """The photo noun opens the clause, an apposition in commas after it, then the relation and the verb
    with no break: "Das dritte Bild, die Stadtkirche bei Nacht, hat mein Kollege … gemacht"."""
    if not noun < relation < verb:
        return False
    marks = [(i, tokens[i].sep.strip()) for i in range(noun + 1, verb + 1) if tokens[i].gap]
    return len(marks) == 2 and all(mark in {",", "،", "、"} and i <= relation for i, mark in marks)


def _aside_only(tokens: Sequence[Token], noun: int, relation: int, verb: int) -> bool:
    """The photo noun stands before the relation with nothing between, and the only breaks between the
    relation and the verb are the commas of an aside: "این عکس‌ها را همکارم آقای رضا کاظمی، عکاس واحد
    روابط عمومی، گرفته است" (my colleague X, the press photographer, took these photos), or the one
    before an apposition running to the verb: "A felvételt egy kedves ismerősünk, Bakos Ferenc tájfotós
    készítette"."""
    if not noun < relation < verb or any(tokens[i].gap for i in range(noun + 1, relation + 1)):
        return False
    # "unser Kollege, Jens Ohlig (Marketing), im Frühjahr … gemacht": brackets belong to the aside
    marks = [
        mark for i in range(relation + 1, verb + 1) if tokens[i].gap and (mark := _unbracketed(tokens[i].sep))
    ]
    return len(marks) in (1, 2) and all(mark in {",", "،", "、"} for mark in marks)


def _unbracketed(sep: str) -> str:
    """The punctuation of `sep` without brackets and spaces."""
    return sep.replace("(", "").replace(")", "").strip()


def phrase_credits(
    text: str, table: PhraseTable, post_negators: PhraseTable, vocab: StatementVocabulary
) -> tuple[Credit, ...]:
    """A phrase that by itself says someone else made the work credits that person, named or not: an heir
    ("Als Alleinerbin bin ich Inhaberin", "j'en suis l'héritière": whoever left the rights made the work),
    work done for the writer: a favour ("撮ってくださった", "촬영해 주신": only someone else is honoured so)
    or an order ("su nostra commissione", "по нашему заказу").
    Not one negated right after it ("다른 사람이 찍어 준 것이 아니라", not something another took for me), nor
    after the signer's possessive ("me and my heirs"), nor an order to upload ("die Benutzer Seehase77 in
    meinem Auftrag hochgeladen hat", "Hochgeladen hat die
    Bilder der Benutzer Wanderfalke58, ein Bekannter von mir, in meinem Auftrag": an upload verb in the
    sentence and no verb of taking or making in the phrase's clause)."""
    tokens = tokenize(text)
    for index in table.starts(tokens):
        found = table.match(tokens, index)
        if found is None:
            continue
        end = index + found.length
        after = range(end, min(len(tokens), end + _POST_NEGATION_REACH))
        if any(
            post_negators.match(tokens, i) for i in after if not any(tokens[j].gap for j in range(end, i + 1))
        ):
            continue
        if _owned_noun(tokens, index, vocab):
            continue  # "binds me and my heirs": the signer's own heirs, to come
        first, last = _around(tokens, index, sentence=False)
        if any(tokens[i].norm in vocab.upload_verbs for i in range(first, last)):
            continue
        begin, close = _around(tokens, index, sentence=True)
        making = (vocab.take_verbs, vocab.make_verbs)
        if any(tokens[i].norm in vocab.upload_verbs for i in range(begin, close)) and not any(
            tokens[i].norm in words for words in making for i in range(first, last)
        ):
            continue
        phrase = " ".join(text[tokens[index].start : tokens[end - 1].end].split())
        return (Credit(phrase=phrase, name=None, by_signer=False),)
    return ()


# Tokens after a phrase its negation may stand at: "찍어 준 것이 아니라", "撮ってもらったものではなく".
_POST_NEGATION_REACH = 3


def commission_credits(
    text: str, vocab: StatementVocabulary, languages: ParagraphLanguages | None
) -> tuple[Credit, ...]:
    """The holder had the work made by someone it hired: "Съёмку мы заказывали в фотостудии «Ракурс»",
    "we commissioned a photographer", "fotoğrafları bir fotoğrafçıya çektirdik". A commissioning verb and
    a photo noun, a trade or an organisation in its sentence credit someone else, named or not; not when
    the signer is the one hired ("I was commissioned", "commissioned by the museum", "hat mich
    beauftragt")."""
    tokens = tokenize(text)
    for index in _indices_of(tokens, vocab.commission_verbs):
        token = tokens[index]
        if not vocab.commission_verbs.holds_as_written(token.raw):
            continue  # Spanish "contrató" (hired), no "contrato" (contract)
        own = _own_vocabulary(languages, vocab, token.start, token.end)
        if (
            (own is not None and token.norm not in own.commission_verbs)
            or _signer_hired(tokens, index, vocab)
            or _hired_nobody(tokens, index, vocab)
        ):
            continue
        low_clause, high_clause = _around(tokens, index, sentence=False)
        if any(tokens[i].norm in vocab.upload_verbs for i in range(low_clause, high_clause)):
            continue  # "die Benutzer Seehase77 in meinem Auftrag hochgeladen hat": uploaded for the signer
        first, end = _around(tokens, index, sentence=True)
        made = [
            position
            for position in range(first, end)
            if tokens[position].norm in vocab.photo_nouns
            or is_agent(tokens[position].norm, vocab)
            or tokens[position].norm in vocab.org_words
            or tokens[position].norm in vocab.org_leads
        ]
        if made:
            low, high = min(index, made[0]), max(index, made[0])
            phrase = " ".join(text[tokens[low].start : tokens[high].end].split())
            return (Credit(phrase=phrase, name=None, by_signer=False),)
    return ()


def _hired_nobody(tokens: Sequence[Token], verb: int, vocab: StatementVocabulary) -> bool:
    """The commissioning is denied: a negator at most three words before the verb, or a nobody-word at
    most two after it, in its clause ("nu am angajat niciun fotograf", "we did not hire anyone")."""
    before = range(max(0, verb - _COMMISSION_NEGATION_REACH), verb)
    after = range(verb + 1, min(len(tokens), verb + 3))
    return any(
        tokens[i].norm in vocab.verb_negators and not any(tokens[j].gap for j in range(i + 1, verb + 1))
        for i in before
    ) or any(
        tokens[i].norm in vocab.nobody_words and not any(tokens[j].gap for j in range(verb + 1, i + 1))
        for i in after
    )


_COMMISSION_NEGATION_REACH = 3  # "nu am angajat", "did not hire", "haben keinen … beauftragt"


def _signer_hired(tokens: Sequence[Token], verb: int, vocab: StatementVocabulary) -> bool:
    """The signer is the one commissioned: a first-person subject and a passive auxiliary before the verb
    in its clause or right after it ("I was commissioned", "Ich wurde vom Verein beauftragt", "bin von
    der Geschäftsführung (…) beauftragt worden"), a by-word after it
    ("commissioned by the museum": whoever wrote may be the one hired), or a first-person object beside
    it ("hat mich beauftragt", "hired me", "que ens ha encarregat")."""
    first, _ = _around(tokens, verb, sentence=False)
    # "bin von unserer Geschäftsführung (Herrn Bernd Hofmann) beauftragt": over an aside in brackets
    while first > 0 and _one_clause_over_brackets(tokens, first - 1, verb):
        first, _ = _around(tokens, first - 1, sentence=False)
    clause = tokens[first:verb]
    # "la commune me l'a commandée": clitics may stand between
    beside = [tokens[i] for i in range(max(first, verb - 3), min(len(tokens), verb + 3)) if i != verb]
    after = verb + 1
    # German puts the auxiliary after the participle: "bin … beauftragt worden"
    auxiliary_after = (
        after < len(tokens) and not tokens[after].gap and tokens[after].norm in vocab.passive_auxiliaries
    )
    return (
        (
            (auxiliary_after or any(token.norm in vocab.passive_auxiliaries for token in clause))
            and any(_subject_pronoun(token, vocab) for token in clause)
        )
        or (after < len(tokens) and not tokens[after].gap and tokens[after].norm in vocab.by_prepositions)
        or any(
            token.norm in vocab.hired_pronouns
            or (token.raw.casefold() in vocab.pronouns and token.norm not in vocab.subject_pronouns)
            for token in beside
        )
    )


def phrase_starts(text: str, table: PhraseTable) -> list[int]:
    """Where in `text` (character offsets) the table's phrases start."""
    tokens = tokenize(text)
    return [tokens[index].start for index in table.starts(tokens) if table.matches_any(tokens, index)]


def client_uploaded(text: str, offset: int, vocab: StatementVocabulary) -> bool:
    """The client named at text[offset] is who uploaded the files: an upload verb at most
    `_CLIENT_UPLOAD_REACH` words after the phrase, in its clause ("Un nostro cliente ha caricato su Wikimedia
    Commons due foto della nostra azienda"). The writer tells who put the files up, not whom they write
    for."""
    tokens = tokenize(text)
    at = next((i for i, token in enumerate(tokens) if token.end > offset), None)
    if at is None:
        return False
    found = vocab.for_client.match(tokens, at)
    end = at + (found.length if found is not None else 1)
    for index in range(end, min(len(tokens), end + _CLIENT_UPLOAD_REACH)):
        if tokens[index].gap:
            return False
        if tokens[index].norm in vocab.upload_verbs:
            return True
    return False


_CLIENT_UPLOAD_REACH = 3  # "our client uploaded", "un nostro cliente ha caricato", "our client has now …"


def signer_made_it_at(text: str, offset: int, vocab: StatementVocabulary) -> bool:
    """The sentence holding text[offset] says the signer took or made the photos: a first-person subject,
    then in its clause a taking verb, or a making verb with a photo noun in the sentence ("ich habe im
    Auftrag der Sängerin … fotografiert", "j'ai réalisé une série de photos pour mon client"). A client
    or a commissioner named there is the one the work was made for, not one the writer speaks for."""
    tokens = tokenize(text)
    at = next((i for i, token in enumerate(tokens) if token.end > offset), None)
    if at is None:
        return False
    first, end = _around(tokens, at, sentence=True)
    photo = any(token.norm in vocab.photo_nouns for token in tokens[first:end])
    for subject in (i for i in range(first, end) if _subject_pronoun(tokens[i], vocab)):
        clause_end = subject + 1
        while clause_end < end and not tokens[clause_end].gap:
            clause_end += 1  # the subject's own clause: not "I represent X, …, which were made by our studio"
        words = [token.norm for token in tokens[subject + 1 : clause_end]]
        if any(word in vocab.take_verbs for word in words) or (
            photo and any(word in vocab.make_verbs for word in words)
        ):
            return True
    return False


def says_self_made(
    text: str,
    vocab: StatementVocabulary,
    languages: ParagraphLanguages | None,
    negators: PhraseTable,
    post_negators: PhraseTable | None = None,
) -> bool:
    """The text says the signer made the work themselves ("selfie", "Selbstauslöser"), not denying it
    ("La foto no la tomé yo, sino mi amiga": a negator at most two words before, in its clause; "제가 찍은
    건 아니고": a negation written after, at most two words after it).

    This lifts the depiction question, so a phrase counts only in its own language's paragraph: a word
    of one language can be another word in the next. Where the paragraph's language is unsure or has no
    table of its own, every language's phrases count, as for credits."""
    tokens = tokenize(text)
    for index in vocab.self_made.starts(tokens):
        if not vocab.self_made.matches_any(tokens, index):
            continue
        if any(
            negators.matches_any(tokens, before) and not _subject_pronoun(tokens[before], vocab)
            for before in range(max(0, index - _SELF_MADE_DENIAL_REACH), index)
            if not any(tokens[i].gap for i in range(before + 1, index + 1))
        ):
            continue
        found = vocab.self_made.match(tokens, index)
        end = index + (found.length if found is not None else 1)
        if post_negators is not None and any(
            post_negators.matches_any(tokens, after)
            for after in range(end, min(len(tokens), end + _SELF_MADE_DENIAL_REACH))
            if not any(tokens[i].gap for i in range(end, after + 1))
        ):
            continue
        own = _own_vocabulary(languages, vocab, tokens[index].start, tokens[index].end)
        # in the paragraph's words, its likely language's where unsure: "Foto di bawah ini" (the photo
        # below) is no Italian "foto di" (of)
        likely = (
            languages.likely(tokens[index].start, tokens[index].end, _HOMOGRAPH_FLOOR) if languages else None
        )
        if _said_of_other_photos(tokens, index, own or vocab.languages.get(likely or "") or vocab):
            continue
        if _said_of_one_file(tokens, index, vocab):
            continue
        if own is None or own.self_made.matches_any(tokens, index):
            return True
    return caseless_took_myself(text, vocab) or any(
        (
            _taken_by_signer(tokens, verb, vocab, languages, negators)
            or _took_myself(tokens, verb, vocab, negators)
        )
        and not _said_of_other_photos(tokens, verb, vocab)
        and not _said_of_one_file(tokens, verb, vocab)
        for verb in range(len(tokens))
    )


def _said_of_one_file(tokens: Sequence[Token], index: int, vocab: StatementVocabulary) -> bool:
    """The sentence singles out one of several files by its order before the claim, and another sentence
    singles out another one as showing the signer: "La prima è la foto ufficiale che mi ritrae … La
    seconda, quella del municipio, l'ho scattata io stessa" says nothing of the first. Not "The first
    one shows me …: I used the self-timer", nor a claim whose file no other sentence says shows the
    signer."""
    first, last = sentence_around(tokens, index)
    ordinals = [i for i in vocab.ordinal_words.starts(tokens) if vocab.ordinal_words.matches_any(tokens, i)]
    if not any(first <= i < index for i in ordinals):
        return False
    for other in ordinals:
        if first <= other <= last:
            continue
        start, end = sentence_around(tokens, other)
        if any(vocab.depicts.matches_any(tokens, i) for i in range(start, end + 1)):
            return True
    return False


def _said_of_other_photos(tokens: Sequence[Token], index: int, vocab: StatementVocabulary) -> bool:
    """The sentence names the photos the claim is about by what they show, before it: "De foto's van de
    zalen en van het paviljoen heb ik zelf gemaakt" says nothing of a portrait among the files. Not "the
    photos of me" (nor "das Bild zeigt zwar mich"), which show the signer, nor "fotografias de quadros meus":
    the signer's own works, whose titles carry her name as their maker."""
    first, _ = sentence_around(tokens, index)
    for noun in range(first, index):
        if tokens[noun].norm not in vocab.photo_nouns:
            continue
        of = noun + 1
        if of < index and tokens[of].sep in ("'", "’"):
            of += 1  # "foto's": the plural's "s"
        if of >= index or not tokens[of].sep.isspace() or tokens[of].norm not in vocab.depiction_prepositions:
            continue
        shown = of + 1
        while shown < index and tokens[shown].norm in vocab.articles:
            shown += 1
        after = tokens[shown + 1 : min(index, shown + 3)]
        if (
            shown < index
            and not tokens[shown].gap
            and tokens[shown].raw.casefold() not in vocab.pronouns
            and tokens[shown].norm not in vocab.own_possessives
            and tokens[shown].norm not in vocab.artwork_nouns  # "fotografías de las pinturas": her works
            and tokens[shown].norm not in vocab.subject_words  # "A foto do assunto": the mail's subject line
            # "das Bild zeigt zwar mich": an adverb before the pronoun
            and not any(
                token.norm in vocab.own_possessives or token.raw.casefold() in vocab.pronouns
                for token in after
            )
        ):
            return True
    return False


def _took_myself(
    tokens: Sequence[Token], verb: int, vocab: StatementVocabulary, negators: PhraseTable
) -> bool:
    """A taking verb (or a making verb after a photo noun) whose clause holds a first-person subject and a
    self word, whatever stands between, and no negator: "beide Fotos habe ich 2019 selbst in meinem Atelier
    aufgenommen", "I took them all myself", "عکسش را هم خودم در کارگاهم گرفته‌ام"."""
    if tokens[verb].norm not in vocab.take_verbs and not (
        tokens[verb].norm in vocab.make_verbs and _photo_noun_before(tokens, verb, vocab)
    ):
        return False
    if verb + 1 < len(tokens) and tokens[verb + 1].norm in vocab.other_endings and not tokens[verb + 1].gap:
        return False  # "با گوشی خودم گرفته‌اند": they took them, with my own phone
    return _said_in_first_person(tokens, verb, vocab.self_words, vocab, negators)


def _said_in_first_person(
    tokens: Sequence[Token], index: int, words: WordSet, vocab: StatementVocabulary, negators: PhraseTable
) -> bool:
    """The clause holding `index` holds one of `words`, a first-person subject, and no negator."""
    first, end = _around(tokens, index, sentence=False)
    clause = range(first, end)
    return (
        any(tokens[i].norm in words for i in clause)
        and any(
            _subject_pronoun(tokens[i], vocab) or vocab.subject_phrases.matches_any(tokens, i) for i in clause
        )
        and not any(negators.matches_any(tokens, i) for i in clause)
    )


def denied_own_taking(text: str, vocab: StatementVocabulary, negators: PhraseTable) -> Credit | None:
    """The signer says they did not take the photo: a negator at most `_DENIAL_REACH` words before a
    taking verb (or a making verb after a photo noun) whose clause has a first-person subject, said with
    weight: a self word in the clause or the subject after the verb ("I did not take the photos myself",
    "Las fotos no las tomé yo", "fotografij nisem posnela jaz, ampak …"). Someone else made it, unnamed."""
    tokens = tokenize(text)
    for verb in _indices_of(tokens, vocab.take_verbs, vocab.make_verbs):
        token = tokens[verb]
        if (
            token.norm not in vocab.take_verbs
            and not _photo_noun_before(tokens, verb, vocab)
            and not _made_photo_after(tokens, verb, verb, vocab)  # "I did not take the photos myself"
        ):
            continue
        first, end = _around(tokens, verb, sentence=False)
        if not any(_subject_pronoun(tokens[i], vocab) for i in range(first, end)):
            continue
        if not any(
            negators.matches_any(tokens, i)
            and (tokens[i].raw[:1].islower() or i == first)
            # Slovenian "sem" (I am) is Portuguese "sem" (without): a subject is no negator
            and not _subject_pronoun(tokens[i], vocab)
            for i in range(max(first, verb - _DENIAL_REACH), verb)
        ):
            continue  # not "im Mai 2024 selbst aufgenommen": a capitalised word mid-clause is a name
        if any(tokens[i].norm in vocab.self_words for i in range(first, end)) or any(
            _subject_pronoun(tokens[i], vocab) for i in range(verb + 1, end)
        ):
            phrase = " ".join(text[tokens[first].start : tokens[end - 1].end].split())
            return Credit(phrase=phrase, name=None, by_signer=False)
    return None


_DENIAL_REACH = 3  # "did not take", "nicht selbst gemacht", "nisem posnela"


def someone_else_credits(text: str, vocab: StatementVocabulary, negators: PhraseTable) -> tuple[Credit, ...]:
    """Someone else, unnamed, took or made the work: "Someone else took the photos", "Die Fotos hat jemand
    anderes gemacht", "Zdjęcia wykonała inna osoba": a someone-else phrase in the clause of a taking verb,
    or of a making verb with a photo noun, not negated just before it ("not someone else"), and no upload
    verb there ("I took them myself; someone else uploaded them")."""
    tokens = tokenize(text)
    for index in vocab.someone_else.starts(tokens):
        if vocab.someone_else.match(tokens, index) is None:
            continue
        first, end = _around(tokens, index, sentence=False)
        if any(negators.matches_any(tokens, i) for i in range(max(first, index - _DENIAL_REACH), index)):
            continue
        clause = range(first, end)
        photo = any(tokens[i].norm in vocab.photo_nouns for i in clause)
        verbs = [
            i
            for i in clause
            if tokens[i].norm in vocab.take_verbs or (photo and tokens[i].norm in vocab.make_verbs)
        ]
        if not verbs or any(tokens[i].norm in vocab.upload_verbs for i in clause):
            continue
        if all(i > first and tokens[i - 1].norm in vocab.verb_negators for i in verbs):
            continue  # "इसे किसी और फ़ोटोग्राफ़र ने नहीं खींचा": nobody else took it
        phrase = " ".join(text[tokens[first].start : tokens[end - 1].end].split())
        return (Credit(phrase=phrase, name=None, by_signer=False),)
    return ()


def says_first_person_took(text: str, vocab: StatementVocabulary, negators: PhraseTable) -> bool:
    """A first-person subject at most `_FIRST_PERSON_REACH` words before a taking verb (or a making verb
    after a photo noun) in its clause, not negated between: "co jsem dneska nafotil", "the shots I took
    tonight", "обидва знімки … я робив сам"."""
    tokens = tokenize(text)
    for verb in _indices_of(tokens, vocab.take_verbs, vocab.make_verbs):
        token = tokens[verb]
        if token.norm not in vocab.take_verbs and not _photo_noun_before(tokens, verb, vocab):
            continue
        for subject in range(verb - 1, max(-1, verb - _FIRST_PERSON_REACH - 1), -1):
            if tokens[subject + 1].gap:
                break
            if _subject_pronoun(tokens[subject], vocab):
                if not any(negators.matches_any(tokens, i) for i in range(subject, verb)):
                    return True
                break
    return False


_FIRST_PERSON_REACH = 3  # "co jsem dneska nafotil", "I took", "ich habe gestern fotografiert"


def _photo_noun_before(tokens: Sequence[Token], verb: int, vocab: StatementVocabulary) -> bool:
    """A photo noun earlier in the verb's sentence: "обидва знімки ратуші я робив сам"."""
    low, _ = sentence_around(tokens, verb)
    return any(tokens[i].norm in vocab.photo_nouns for i in range(low, verb))


# Words between a first-person pronoun's relative word and the taking verb: "moi qui les ai photographiées".
_CLEFT_REACH = 3


def _taken_by_signer(
    tokens: Sequence[Token],
    verb: int,
    vocab: StatementVocabulary,
    languages: ParagraphLanguages | None,
    negators: PhraseTable,
) -> bool:
    """A taking verb whose agent is the signer: "tiradas por mim no meu atelier", "c'est moi qui les ai
    photographiées" (a first-person pronoun, a relative word, then the verb), not denied ("ce n'est pas
    moi qui les ai prises"); the verb of the paragraph's language."""
    if tokens[verb].norm not in vocab.take_verbs:
        return False
    own = _own_vocabulary(languages, vocab, tokens[verb].start, tokens[verb].end)
    if own is not None and tokens[verb].norm not in own.take_verbs:
        return False
    if _by_the_signer(tokens, verb, vocab):
        return True
    for relative in range(max(1, verb - _CLEFT_REACH - 1), verb):
        if any(tokens[i].brk for i in range(relative, verb + 1)):
            continue
        pronoun = relative - 1
        if tokens[relative].norm in vocab.subject_fillers and tokens[pronoun].norm in vocab.pronouns:
            denied = range(max(0, pronoun - _SELF_MADE_DENIAL_REACH - 1), pronoun)
            return not any(negators.matches_any(tokens, i) for i in denied)
    return False


# Words a negator may stand before a self-made phrase it denies: "no la tomé yo", "nicht selbst gemacht".
_SELF_MADE_DENIAL_REACH = 2


def says_own_artwork(text: str, vocab: StatementVocabulary, negators: PhraseTable) -> bool:
    """The text calls the work shown the signer's own artwork: an own-possessive at most
    `_OWN_ARTWORK_REACH` words from an artwork noun in its clause, not negated ("tabloul meu", "my
    painting", "mein Ölbild"). A noun that also means a photo ("slika") says nothing: "moja slika" may be
    a picture of me."""
    tokens = tokenize(text)
    for noun, token in enumerate(tokens):
        if token.norm not in vocab.artwork_nouns or token.norm in vocab.photo_nouns:
            continue
        for other in range(
            max(0, noun - _OWN_ARTWORK_REACH), min(len(tokens), noun + _OWN_ARTWORK_REACH + 1)
        ):
            low, high = min(noun, other), max(noun, other)
            if (
                other != noun
                and tokens[other].norm in vocab.own_possessives
                and not any(tokens[i].gap for i in range(low + 1, high + 1))
                and not any(negators.matches_any(tokens, i) for i in range(max(0, low - 2), high))
            ):
                return True
        if _painted_myself(tokens, noun, vocab, negators) or _said_in_first_person(
            tokens, noun, vocab.author_nouns, vocab, negators
        ):
            return True  # "I painted the picture myself", "съм авторката на картината" (I am its author)
    return False


def _painted_myself(
    tokens: Sequence[Token], noun: int, vocab: StatementVocabulary, negators: PhraseTable
) -> bool:
    """The artwork noun's clause says the signer made it: a taking verb (painting ones among them) and a
    first-person subject, no negator: "tabloul l-am pictat eu", "I painted the picture myself". Not the
    artwork a photo noun names as what it shows ("La fotografia del quadro l'ho scattata io": the signer
    took the photo of it)."""
    if (
        noun >= 2
        and tokens[noun - 1].norm in vocab.depiction_prepositions
        and tokens[noun - 2].norm in vocab.photo_nouns
    ):
        return False
    return _said_in_first_person(tokens, noun, vocab.take_verbs, vocab, negators)


_OWN_ARTWORK_REACH = 2  # "my painting", "tabloul meu", "mein eigenes Ölbild"


def depicts_signer(
    signer: str | None,
    files: Sequence[str],
    text: str,
    subject: str,
    vocab: StatementVocabulary,
    own_artwork: bool = False,
    of_other_works: Callable[[int], bool] = lambda _: False,
) -> bool:
    """The signer's full name is in a file title, or the text (or subject) says the work shows them, not in
    a sentence about other works (`of_other_works`, at a character offset of the text: "the portrait of me
    on my website … is not part of this release").

    The words of a name of two words or more must be in the title (`_names_bearer`), each perhaps inflected
    ("Portret Agnieszki Nowak" shows Agnieszka Nowak) or in another script, or a Korean name written as one
    word ("김서연 프로필"); a surname alone never counts, and a name after a credit word
    is the author's credit ("Hrad Bouzov v zimě (foto Jana Horáková)"), not what the photo shows; nor is
    the name of an artist whose own artwork the photo shows (`own_artwork`: "tabloul meu" in a mail about
    "Ana Munteanu - Iarna la Sinaia").
    """
    if signer and not own_artwork:
        # particles ("da", "van") and honorifics ("सौ.", "Dr") neither name the signer nor are needed to;
        # Georgian is all lower case
        name = [
            t.norm
            for t in tokenize(signer)
            if is_letters(t.norm) and not _particle(t.raw) and t.norm not in vocab.honorifics
        ]
        if len(name) >= 2 or _hangul_full_name(name):
            for title in files:
                tokens = tokenize(title)
                words = {t.norm for t in tokens if is_letters(t.norm)}
                missing = [
                    at
                    for at, part in enumerate(name)
                    if not any(
                        same_name_word(part, word) or same_name_across_scripts(part, word) for word in words
                    )
                ]
                bearer = _names_bearer(name, missing) or (
                    _three_names(signer) and _first_surname_shown(name, missing, tokens)
                )
                if bearer and not _credited_in_title(tokens, name[0], vocab):
                    return True
    return _depiction_said(text, vocab, of_other_works) or _depiction_said(subject, vocab)


def _depiction_said(
    text: str, vocab: StatementVocabulary, of_other_works: Callable[[int], bool] = lambda _: False
) -> bool:
    """A phrase saying the work shows the signer ("das bin ich", "a portrait of me"), not in a sentence
    that quotes a caption: "„Foto: Sabine Lorenz“ – das bin ich" names who the credit is, not who is shown."""
    tokens = tokenize(text)
    for index in vocab.depicts.starts(tokens):
        found = vocab.depicts.match(tokens, index)
        if found is None:
            continue
        end = index + found.length
        if (
            end < len(tokens)
            and not tokens[end].gap
            and tokens[end - 1].norm in vocab.own_possessives
            and tokens[end].norm in vocab.depiction_prepositions
        ):
            continue  # "uma foto minha de arara-azul": a photo of mine, of a macaw
        first, last = sentence_around(tokens, index)
        if not any(
            tokens[i].norm in vocab.caption_labels and ":" in tokens[i + 1].sep for i in range(first, last)
        ) and not of_other_works(tokens[index].start):
            return True
    return False


# Endings of an East Slavic patronymic, in Cyrillic and Latin letters ("Сергеевна", "Ivanovich").
_PATRONYMIC_ENDINGS = ("овна", "евна", "ична", "івна", "ївна", "ович", "евич", "йович",
                       "ovna", "evna", "ovich", "evich", "ivna", "ovych")  # fmt: skip


def _names_bearer(name: Sequence[str], missing: Sequence[int]) -> bool:
    """A title names the bearer of `name` when it holds every word, or every word but one that titles
    often leave out: a middle name ("Maria Sofia Lindqvist" as "Maria Lindqvist"), a patronymic ("Анна
    Волкова" for "Волкова Анна Сергеевна"). Not a name's first or last word otherwise: "Dar al-Qalam" is
    the house, not the heritage society "Dar al-Qalam for Heritage"."""
    if not missing:
        return True
    if len(missing) > 1 or len(name) < 3:
        return False
    at = missing[0]
    return 0 < at < len(name) - 1 or name[at].endswith(_PATRONYMIC_ENDINGS)


def _three_names(signer: str) -> bool:
    """Three capitalised words of letters: a first name and two surnames ("Marcela Iturbide Lagos"), not
    "Vice-Chancellor and Principal" or "Haji Ali bin Osman"."""
    words = signer.split()
    return len(words) == 3 and all(word.isalpha() and word[:1].isupper() for word in words)


def _first_surname_shown(name: Sequence[str], missing: Sequence[int], tokens: Sequence[Token]) -> bool:
    """A name of a first name and two surnames (three words, no particle), the title holding the first two
    side by side, then a lower-case word: "Marcela Iturbide en la Feria del Libro" shows Marcela Iturbide
    Lagos. Not before
    a dash or a name ("Núria Puig - Tarda a Cadaqués" is her painting's title)."""
    if len(name) != 3 or list(missing) != [2]:
        return False
    return any(
        same_name_word(name[0], tokens[at].norm)
        and same_name_word(name[1], tokens[at + 1].norm)
        and not tokens[at + 1].gap
        and not tokens[at + 2].gap
        and tokens[at + 2].raw.isalpha()
        and tokens[at + 2].raw.islower()
        for at in range(len(tokens) - 3)  # the word after them is no extension
    )


def _hangul_full_name(words: Sequence[str]) -> bool:
    """One Hangul word of two to four syllables: a Korean full name, written without a space ("김서연");
    "하늘갤러리" (five) is a gallery."""
    if len(words) != 1:
        return False
    syllables = unicodedata.normalize("NFC", words[0])  # folded words hold Hangul decomposed into jamo
    return 2 <= len(syllables) <= 4 and all("\uac00" <= c <= "\ud7a3" for c in syllables)


def _credited_in_title(tokens: Sequence[Token], first_name: str, vocab: StatementVocabulary) -> bool:
    """The name's first word follows a photo or caption word or a by-word in the title: "(foto Jana
    Horáková)", "Lukisan cat air Pantai Batu Buruk oleh Zainab Hamid" (a painting by her)."""
    return any(
        (same_name_word(first_name, token.norm) or same_name_across_scripts(first_name, token.norm))
        and index > 0
        and (
            tokens[index - 1].norm in vocab.caption_labels or tokens[index - 1].norm in vocab.by_prepositions
        )
        for index, token in enumerate(tokens)
    )
