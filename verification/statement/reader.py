"""Reads a release: which text speaks (own words or forwarded), and from it signer, organisation, holder
names, websites and authorship."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence
from urllib.parse import urlsplit

from verification.languages import LanguageDetector, ParagraphLanguages
from verification.licenses import (
    LicenseVocabulary,
    about_other_works,
    fold,
    read_license,
    sentence_around,
    tokenize,
)
from verification.model import Credit, LicenseFinding, LicenseProblem, ParsedMessage, SegmentKind, Statement
from verification.statement.caseless import caseless_credits, caseless_introduced, caseless_represents
from verification.statement.credits import (
    apposed_agent_credits,
    artwork_credits,
    client_uploaded,
    commission_credits,
    denied_own_taking,
    depicts_signer,
    is_agent,
    object_relative_credits,
    passive_credits,
    phrase_credits,
    phrase_starts,
    postposition_credits,
    pronoun_credits,
    read_credits,
    relative_credits,
    says_first_person_took,
    says_own_artwork,
    says_self_made,
    signer_made_it_at,
    someone_else_credits,
    title_credits,
    titled_agent_credits,
)
from verification.statement.names import (
    address_spells,
    clean_name,
    distinctive_words,
    first_slot,
    is_holder_name,
    pen_names,
    same_name_word,
    shares_name_word,
    spelled_in_host,
    unique_names,
)
from verification.statement.signature import (
    Signature,
    dated_signers,
    is_organisation,
    read_signature,
    uncased_name_under_closing,
)
from verification.statement.vocabulary import StatementVocabulary
from verification.statement.websites import read_websites, without_sites_in
from verification.statement.words import is_letters, joined_wraps, phrase_start, without_asides, word_tokens

_GRANTS = frozenset(
    {
        LicenseProblem.NON_COMMERCIAL,
        LicenseProblem.NO_DERIVATIVES,
        LicenseProblem.WIKIPEDIA_ONLY,
        LicenseProblem.NOT_FREE,
        LicenseProblem.PUBLIC_DOMAIN_ONLY,
    }
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
    detector: LanguageDetector | None = None,
) -> Statement:
    """Read signer, organisation, names, websites and authorship from the message's release; with a
    `detector`, credits use the words of each paragraph's language (every language's when unsure)."""
    forwarded = _only_forwarded_grants(message, license_vocab)
    own_words = message.text(SegmentKind.OWN).strip()
    kind = SegmentKind.FORWARDED if forwarded or not own_words else SegmentKind.OWN
    text = message.text(kind)
    other = message.text(SegmentKind.OWN if kind is SegmentKind.FORWARDED else SegmentKind.FORWARDED)
    tokens = word_tokens(text)
    signature = read_signature(text, vocab)
    display = _display_name(message, kind)
    named = first_slot(text, tokens, vocab.represent, vocab, org=True) or caseless_represents(text, vocab)
    named = _unwrapped_name(named, text, vocab)
    person = signature.person
    if person and named and person != named and person in named:
        # "Villanueva del Prado, 7 de diciembre de 2026": the town of the Ayuntamiento it signs for
        person = None
    signer = first_slot(text, tokens, vocab.signer, vocab, org=False) or person or display
    # two statements in one mail, one signed by the sender, the other by someone who did not write
    co_signers = _co_signers(dated_signers(text, vocab), display, vocab)
    if signer in co_signers:
        signer = display
    if person in co_signers:
        person = None
    if named and named in text and signer_made_it_at(text, text.index(named), vocab):
        named = None  # "im Auftrag der Sängerin X fotografiert": made for X, not written for X
    represents = named or signature.organisation
    for_client = any(
        not signer_made_it_at(text, start, vocab) and not client_uploaded(text, start, vocab)
        for start in phrase_starts(text, vocab.for_client)
    ) or _acts_for_another(named, signature, vocab)
    if for_client and represents == signature.organisation:
        represents = None  # the agency's own name: the rights are the client's
    # an agency writing for a client: its own names (the signature's organisation, its brands, an
    # organisation's From display name "Digital Seva Media") are not the holder's
    agency_display = display if display and is_organisation(display, vocab) else None
    own_organisation = (signature.organisation, *signature.brands, agency_display) if for_client else ()
    signed_uncased = uncased_name_under_closing(text, vocab)  # "ขอแสดงความนับถือ / ผศ.ดร.สมศักดิ์ วงศ์ใหญ่"
    introduced = caseless_introduced(text, vocab)  # "ソプラノ歌手の青木美咲です"
    holder_names = unique_names(
        name
        for name in (
            signer,
            person,
            signed_uncased,
            introduced,
            represents,
            signature.organisation,  # as signed, when the text names it inflected ("prezes Chóru Harmonia")
            *signature.brands,
            display,
            *pen_names(text, vocab),
            *_aliases(signer, text),  # "Оксана Мельник (Oksana Melnyk)": the credit "© Oksana Melnyk" is hers
        )
        if name not in own_organisation and name not in co_signers
    )
    languages = ParagraphLanguages(text, detector, license_vocab.detected_as)
    credits = read_credits(text, tokens, vocab, holder_names, languages)
    if kind is SegmentKind.FORWARDED and own_words and _forwards_own_mail(message):
        # the holder forwards their own statement: the note above it is theirs too ("La foto fue tomada por
        # mi compañero de club …")
        own_languages = ParagraphLanguages(own_words, detector, license_vocab.detected_as)
        noted = read_credits(own_words, word_tokens(own_words), vocab, holder_names, own_languages)
        credits = (*credits, *(credit for credit in noted if credit not in credits))
    unwrapped = joined_wraps(text, vocab.wrapped_line_length)
    if unwrapped != text:  # credits over a line break the mail program put in; the same offsets
        more = read_credits(unwrapped, word_tokens(unwrapped), vocab, holder_names, languages)
        # "„© Fotostudio\nNováková“": the name cut at the line's end is the longer one read over it
        credits = (
            *(credit for credit in credits if not any(_cut_short(credit, longer) for longer in more)),
            *(credit for credit in more if credit not in credits),
        )
    unwrapped = without_asides(unwrapped)  # "was taken early one morning - the week … - by Graham Pike"
    labelled = _LABEL_ASIDE.sub("", text)  # "Crédito fotográfico (imagen del patio …): X"
    if labelled != text:
        labelled_languages = ParagraphLanguages(labelled, detector, license_vocab.detected_as)
        more = read_credits(labelled, word_tokens(labelled), vocab, holder_names, labelled_languages)
        credits = (*credits, *(credit for credit in more if credit not in credits))
    credits = (*credits, *(c for c in caseless_credits(text, vocab, holder_names) if c not in credits))
    # an heir who names the maker is credited once, by the maker's name; a name that is only what a file
    # shows ("художника Петра Мельника" of "Петро Мельник. Соняшники…") does not stand for it, nor one
    # read as the signer's ("Photo: Harold Pike" under "Estate of Harold Pike", signed by his daughter);
    # "made by me" answers it
    if not any(
        (not credit.by_signer or credit.name is None) and not _shown_in_title(credit, files, vocab)
        for credit in credits
    ) or (all(credit.by_signer for credit in credits) and _anothers_artwork(text, vocab, license_vocab)):
        negated = license_vocab.post_negators
        credits = (
            *credits,
            *(
                phrase_credits(text, vocab.inherited, negated, vocab)
                or phrase_credits(text, vocab.made_for_us, negated, vocab)
            ),
        )
    if not credits and not says_first_person_took(text, vocab, license_vocab.negators):
        # "Зйомку замовила міська рада …, обидва знімки я робив сам": the writer was the one commissioned
        credits = commission_credits(unwrapped, vocab, languages)
    if not credits:
        credits = tuple(passive_credits(unwrapped, vocab, holder_names, languages))
    if not credits:
        credits = tuple(postposition_credits(unwrapped, vocab, holder_names))
    if not credits:
        credits = tuple(apposed_agent_credits(unwrapped, vocab, holder_names))
    if not credits:
        credits = tuple(relative_credits(unwrapped, vocab, holder_names, languages))
    if not credits:
        credits = tuple(object_relative_credits(unwrapped, vocab, holder_names, languages))
    if not credits:
        credits = tuple(artwork_credits(unwrapped, vocab, holder_names, languages))
    if not credits:
        credits = tuple(titled_agent_credits(unwrapped, files, vocab, holder_names))
    if not credits and (denied := denied_own_taking(unwrapped, vocab, license_vocab.negators)) is not None:
        credits = (denied,)  # "I did not take the photos myself"
    if not credits:
        credits = someone_else_credits(unwrapped, vocab, license_vocab.negators)
    if not credits:
        credits = tuple(pronoun_credits(unwrapped, vocab, languages))
    sender = message.sender.addr if message.sender else ""
    artwork = any(token.norm in vocab.artwork_nouns for token in tokenize(text))
    credits = _one_per_name(
        _signed_as(
            _of_senders_organisation(_spelled_by_sender(credit, sender), sender, vocab), signature, vocab
        )
        for credit in credits
        if not _shown_in_title(credit, files, vocab, artwork)
    )
    # the file title's own credit: "… (photo by John Smith).jpg"
    credited = {credit.name for credit in credits}
    credits = (
        *credits,
        *_one_per_name(
            _signed_as(credit, signature, vocab)
            for credit in title_credits(files, vocab, holder_names)
            if credit.name not in credited
        ),
    )
    self_made = says_self_made(text, vocab, languages, license_vocab.negators, license_vocab.post_negators)
    if any(credit.trade_only for credit in credits) and (
        self_made or says_first_person_took(text, vocab, license_vocab.negators)
    ):  # "Isäni … oli valokuvaaja … Nämä kaksi kuvaa otin minä itse": his trade, her photos
        credits = tuple(credit for credit in credits if not credit.trade_only)
    own_artwork = says_own_artwork(text, vocab, license_vocab.negators)
    if not self_made:  # "I took the photo myself" answers a volunteer's "Photo by John Doe?"
        quoted = _quoted_credits(message, vocab, holder_names, credits, detector, license_vocab)
        credits = (*credits, *(credit for credit in quoted if not _shown_in_title(credit, files, vocab)))
    credits = _without_denials(
        [
            credit
            for credit in credits
            if not _in_address(credit) and not _of_other_works(credit, text, license_vocab)
        ],
        text,
        license_vocab,
        detector,
    )
    credits = tuple(_apposed_to_holder(credit, text, holder_names) for credit in credits)
    credits = tuple(_house_unit(credit, text, holder_names, vocab) for credit in credits)
    credits = _without_cut_names(credits)
    if kind is SegmentKind.OWN:
        credits = (*credits, *_forwarded_makers(message, holder_names, vocab, license_vocab))
    credits = (*credits, *(Credit(phrase=name, name=name, by_signer=False) for name in co_signers))
    persons = [
        name
        for name in (signer, person, signed_uncased, display)
        if name and len(name.split()) >= 2 and not is_organisation(name, vocab)
    ]
    credits = tuple(_named_after_maker(credit, persons, holder_names, vocab) for credit in credits)
    named_sites = read_websites(signature.lines, text, other, message, vocab)
    signed = "\n".join(_signed_lines(signature))
    websites = (
        _sites_of(named, named_sites, vocab)
        or (_sites_headed_by(represents, named_sites, text, own_organisation, vocab) if for_client else ())
        or (without_sites_in(named_sites, signed, vocab) if for_client else named_sites)
    )

    # a portrait of the signer the mail leaves out of the release ("… is not part of this release")
    def left_out(at: int) -> bool:
        return about_other_works(text, at, license_vocab)

    # the signer under another name: "أنا كريم حداد" signed "Karim Haddad", the title's script
    people = tuple(
        dict.fromkeys(
            name
            for name in (signer, person, signed_uncased, introduced)
            if name and not is_organisation(name, vocab)
        )
    )
    return Statement(
        signer=signer,
        represents=represents,
        holder_names=holder_names,
        websites=websites,
        credits=credits,
        self_made=self_made,
        depicts_signer=any(
            depicts_signer(name, files, text, message.subject, vocab, own_artwork, left_out)
            for name in (*people, *(alias for person in people for alias in _aliases(person, text)))
            or (None,)
        ),
        forwarded=forwarded and not _forwards_own_mail(message),
        for_client=for_client,
    )


def _co_signers(signers: Sequence[str], display: str | None, vocab: StatementVocabulary) -> tuple[str, ...]:
    """The other persons who sign a statement in a mail where the sender signs one too: the holders of
    their files are not the sender, who passes their statements on ("the second is for the two Greg
    took")."""
    if not display or not any(is_holder_name(name, (display,), vocab) for name in signers):
        return ()
    return tuple(name for name in signers if not is_holder_name(name, (display,), vocab))


def _anothers_artwork(text: str, vocab: StatementVocabulary, license_vocab: LicenseVocabulary) -> bool:
    """The mail speaks of an artwork ("suo dipinto", "the painting") it does not call the signer's own: an
    heir's words then name the artwork's late maker, whoever took the photo of it ("Sono … unica erede del
    pittore Aldo Ferri … La fotografia del quadro l'ho scattata io")."""
    return any(
        token.norm in vocab.artwork_nouns and token.norm not in vocab.photo_nouns for token in tokenize(text)
    ) and not says_own_artwork(text, vocab, license_vocab.negators)


def _cut_short(credit: Credit, longer: Credit) -> bool:
    """`credit` is `longer` cut at a line break: the same phrase and name, fewer words. A name of two words
    or more stands when the longer one is the holder's: the next line may be the holder's name ("Fotos:
    Diego Herrera" over "Revista Sierra Norte"), and a credit to someone else is kept."""
    return (
        credit.name is not None
        and (not longer.by_signer or len(credit.name.split()) == 1)
        and longer.name is not None
        and len(longer.name) > len(credit.name)
        and longer.name.startswith(credit.name)
        and " ".join(longer.phrase.split()).startswith(" ".join(credit.phrase.split()))
    )


def _of_other_works(credit: Credit, text: str, license_vocab: LicenseVocabulary) -> bool:
    """Someone else's credit in a sentence about the holder's other works: "Les autres photos de notre site
    (celles des journées du patrimoine, prises par des adhérents) restent sous tous droits réservés"."""
    if credit.by_signer:
        return False
    start = phrase_start(text, credit.phrase)
    return start is not None and about_other_works(text, start, license_vocab)


def _in_address(credit: Credit) -> bool:
    """A credit read inside a page's address: "File:Pai_River_morning_mist…" ("pai" is Portuguese for
    father) names a file, and no name is written with underscores."""
    return "_" in credit.phrase or "://" in credit.phrase


# Words a negator may stand before an unnamed credit it denies: "não foram feitas por", "were not taken by".
_DENIAL_REACH = 3


@dataclasses.dataclass(frozen=True)
class _Negation:
    """How a credit's sentence negates it: a negator just before it, a negative determiner inside it, a
    contrast word after it."""

    before: bool
    inside: bool
    contrast: bool


def _negation(
    credit: Credit, text: str, vocab: LicenseVocabulary, detector: LanguageDetector | None
) -> _Negation | None:
    """A negator at most `_DENIAL_REACH` words before the credit in its clause, a negative determiner
    inside it ("por nenhum fotógrafo"), a contrast word after it in its sentence ("not by me but by …"). A
    negator counts in its paragraph's language only (German "Mai" is no Italian "mai"). None when the
    credit's phrase is not found in the text."""
    flat = " ".join(text.split())
    at = flat.find(credit.phrase)
    tokens = tokenize(flat)
    first = next((i for i, token in enumerate(tokens) if token.start >= at), None) if at >= 0 else None
    if first is None:
        return None
    last = next(
        (i for i, token in enumerate(tokens) if token.end >= at + len(credit.phrase)), len(tokens) - 1
    )
    languages = ParagraphLanguages(flat, detector, vocab.detected_as)

    def negating(key: str, index: int) -> bool:
        table = vocab.negators if key == "negators" else vocab.negative_determiners
        if not table.matches_any(tokens, index):
            return False
        language = languages.at(tokens[index].start, tokens[index].end)
        own = vocab.language_lists.get(language, {}).get(key) if language else None
        return own is None or own.matches_any(tokens, index)

    before = False
    for index in range(first - 1, max(-1, first - 1 - _DENIAL_REACH), -1):
        if tokens[index + 1].gap:
            break
        if negating("negators", index):
            before = True
            break
    end = sentence_around(tokens, last)[1]
    return _Negation(
        before=before,
        inside=any(negating("negative_determiners", i) for i in range(first, last + 1)),
        contrast=any(vocab.contrast_words.matches_any(tokens, i) for i in range(first, end + 1)),
    )


def _without_denials(
    credits: Sequence[Credit], text: str, vocab: LicenseVocabulary, detector: LanguageDetector | None
) -> tuple[Credit, ...]:
    """The credits as the text means them. An unnamed credit to someone else that the text denies is none
    ("não foram feitas por nenhum fotógrafo externo", "were not taken by an outside photographer"), unless a
    contrast names who did ("not by X but by …"). The signer's own credit denied ("was not taken by me
    but by my friend") says someone else made the work: a credit to another, unnamed."""
    kept: list[Credit] = []
    for credit in credits:
        negation = (
            _negation(credit, text, vocab, detector) if credit.name is None or credit.by_signer else None
        )
        if negation is not None and credit.by_signer and negation.before:
            kept.append(Credit(phrase=credit.phrase, name=None, by_signer=False))
        elif not (
            negation is not None
            and not credit.by_signer
            and (negation.before or negation.inside)
            and not negation.contrast
        ):
            kept.append(credit)
    return tuple(kept)


def _apposed_to_holder(credit: Credit, text: str, holder_names: Sequence[str]) -> Credit:
    """An unnamed credit set after a holder's name and a comma describes that holder: "I am John Smith, the
    photographer who took the picture", "Is mise Pádraig Ó Sé, an grianghrafadóir a thóg an pictiúr"."""
    if credit.name is not None or credit.by_signer:
        return credit
    pattern = r"\s+".join(map(re.escape, credit.phrase.split()))
    for found in re.finditer(pattern, text):
        before = text[: found.start()].rstrip()
        if not before.endswith(","):
            continue
        before = before[:-1].rstrip()
        for name in holder_names:
            if len(name.split()) >= 2 and before.endswith(name):
                return Credit(phrase=credit.phrase, name=name, by_signer=True)
    return credit


def _house_unit(credit: Credit, text: str, holder_names: Sequence[str], vocab: StatementVocabulary) -> Credit:
    """A credit to an organisation that the words after it make the writer's own ("dirakam oleh Unit
    Dokumentasi muzium kami sendiri", "by the Documentation Unit of our museum"), or that the holder's
    organisation follows after a comma ("بشکریہ: شعبہ تعلقات عامہ، جامعہ ملتان": its public relations
    office): the holder's own body, not someone else. A person so described ("John Smith of our team")
    stays credited."""
    if credit.name is None or credit.by_signer or not is_organisation(credit.name, vocab):
        return credit
    found = re.search(r"\s+".join(map(re.escape, credit.phrase.split())), text)
    if found is None:
        return credit
    apposed = _APPOSED_ORGANISATION.match(text, found.end())
    if apposed is not None:
        organisation = _CLAUSE_REST.match(text, apposed.end())
        rest = organisation.group(0).strip() if organisation else ""
        unit = any(token.norm in vocab.unit_words for token in word_tokens(credit.name))
        if unit and is_organisation(rest, vocab) and any(rest in name for name in holder_names):
            return dataclasses.replace(credit, by_signer=True)
    after = word_tokens(text[found.end() : found.end() + _HOUSE_REACH_CHARS])[:_HOUSE_REACH]
    for index, token in enumerate(after):
        if not token.is_word:
            break
        # after a noun of the phrase ("muzium kami"), as written ("mà" is no French "ma"); not "… Ltd. We
        # commissioned them", a new sentence's subject
        if index and any(
            token.norm in words and words.holds_as_written(token.raw)
            for words in (vocab.own_possessives, vocab.subject_pronouns)
        ):
            return dataclasses.replace(credit, by_signer=True)
    return credit


# Words after an organisation's credit that may say it is the writer's own: "muzium kami", "of our museum".
_APPOSED_ORGANISATION = re.compile(r"[ \t]*[,،/–—-][ \t]*")
_CLAUSE_REST = re.compile(r"[^\n,،.;:\"“”„«»()]{1,80}")
_HOUSE_REACH = 4
_HOUSE_REACH_CHARS = 80


def _organisation_line(name: str, signature: Signature, vocab: StatementVocabulary) -> bool:
    """A signature line that holds the name after an organisation's generic noun ("Agence Lumen RP")."""
    return any(
        line != name and line.endswith(name) and is_organisation(line, vocab) for line in signature.lines
    )


def _unwrapped_name(named: str | None, text: str, vocab: StatementVocabulary) -> str | None:
    """The organisation's name read again over the line breaks a mail program put in ("pour le compte du
    Musée de la\nDentelle de Valmont"): the longer name when it starts with the one read on the line."""
    if named is None or not _followed_by(named, text, _LINE_END_AFTER_NAME):
        return named  # the name does not end its line ("Musée de la\n…"): nothing was wrapped after it
    unwrapped = joined_wraps(text, vocab.wrapped_line_length)
    if unwrapped == text:
        return named
    longer = first_slot(unwrapped, word_tokens(unwrapped), vocab.represent, vocab, org=True)
    return longer if longer is not None and longer.startswith(named) else named


def _one_per_name(credits: Iterable[Credit]) -> tuple[Credit, ...]:
    """The first credit to each name: a credit read on a line and again on the line joined to the next
    ("снимал наш штатный фотограф\nАндрей Лебедев") is one person, one reason; so is a first name alone
    beside the full name ("Photo: Kit Penrose" and "Kit took them")."""
    credits = tuple(credits)
    full = {
        (credit.name.split()[0], credit.by_signer) for credit in credits if credit.name and " " in credit.name
    }
    seen: set[tuple[str, bool]] = set()
    kept: list[Credit] = []
    for credit in credits:
        if credit.name is not None:
            key = (credit.name, credit.by_signer)
            if " " not in credit.name and key in full:
                continue
            if key in seen:
                continue
            seen.add(key)
        kept.append(credit)
    return tuple(kept)


def _shown_in_title(
    credit: Credit, files: Sequence[str], vocab: StatementVocabulary, artwork: bool = False
) -> bool:
    """A credit whose words may also describe what is shown, to a name a file title holds: "las dos fotos
    de Albarracín" for "Albarracín desde el castillo.jpg" are photos of the town, not by someone; "le foto
    di Piazza del Campo e di Palazzo Pubblico", each place in a title of its own, show both."""
    if not credit.may_describe or credit.by_signer or not credit.name:
        return False
    if artwork and _attributed_in_title(credit, files, vocab):
        return False
    conjuncts: list[list[str]] = [[]]
    for token in tokenize(credit.name):
        if token.raw.islower() and token.norm in vocab.coordinators and conjuncts[-1]:
            conjuncts.append([])
        elif is_letters(token.norm) and not token.raw.islower():  # "di", "del": the title may say "dal"
            conjuncts[-1].append(token.norm)
    titles = [[t.norm for t in tokenize(title)] for title in files]
    return all(conjuncts) and all(
        any(all(any(same_name_word(part, word) for word in title) for part in conjunct) for title in titles)
        for conjunct in conjuncts
    )


def _attributed_in_title(credit: Credit, files: Sequence[str], vocab: StatementVocabulary) -> bool:
    """In a mail about an artwork, a maker named by an agent word ("the local painter Colin Harte") whose
    name a file title holds in brackets, as titles name an artwork's author ("Torpedo Bay, 1958 (Colin
    Harte).jpg"): the title credits the maker too, it does not show them."""
    if credit.name is None or not any(is_agent(token.norm, vocab) for token in tokenize(credit.phrase)):
        return False
    name = " ".join(credit.name.casefold().split())
    return any(
        name in " ".join(inside.casefold().split()) for title in files for inside in _BRACKETED.findall(title)
    )


_BRACKETED = re.compile(r"\(([^()]*)\)")


def _quoted_credits(
    message: ParsedMessage,
    vocab: StatementVocabulary,
    holder_names: Sequence[str],
    found: Sequence[Credit],
    detector: LanguageDetector | None,
    license_vocab: LicenseVocabulary,
) -> tuple[Credit, ...]:
    """Credits to a named person in the mail the sender replies to: "They were taken by your volunteer
    photographer Derek Hollis" in the uploader's request, answered "the Trust owns the copyright". The
    sender let it stand; a careful agent asks who took them. Named ones only: a volunteer's template
    ("if someone else took the photo, …", "من تصوير شخص آخر") names nobody, and a question ("Photo by
    John Doe?") credits nobody; a sender who says they took it answers it."""
    quoted = joined_wraps(message.text(SegmentKind.QUOTED), vocab.wrapped_line_length)
    if not quoted.strip():
        return ()
    languages = ParagraphLanguages(quoted, detector, license_vocab.detected_as)
    named = {credit.name for credit in found if credit.name}
    flat = " ".join(quoted.split())
    sender = message.sender.addr if message.sender else ""
    read = read_credits(quoted, word_tokens(quoted), vocab, holder_names, languages)
    return tuple(
        credit
        for credit in (_spelled_by_sender(credit, sender) for credit in read)
        if credit.name
        and not credit.by_signer
        and credit.name not in named
        and not _asked(flat, credit.phrase)
        and not _names_nobody(credit.name, vocab)
    )


def _names_nobody(name: str, vocab: StatementVocabulary) -> bool:
    """The credited "name" is a someone-else phrase: "من تصوير شخص آخر" (taken by another person), as a
    volunteer's question puts it."""
    tokens = tokenize(name)
    found = vocab.someone_else.match(tokens, 0) if tokens else None
    return found is not None and found.length == len(tokens)


# An aside in brackets between a caption's label and its colon: "Crédito fotográfico (imagen enviada a
# Wikimedia): Ernesto Villaseñor Studio" is the label "Crédito fotográfico:".
_LABEL_ASIDE = re.compile(r"[ \t]*\([^()\n]{1,80}\)(?=[ \t]*:)")
_SENTENCE_END = re.compile(r"[.!?。！？؟]")


def _asked(flat: str, phrase: str) -> bool:
    """The sentence holding `phrase` is a question ("Was the photo by John Smith?"): nobody is credited.
    `flat` is the text with its whitespace runs made single spaces, as phrases are."""
    start = flat.find(phrase)
    if start < 0:
        return False
    end = _SENTENCE_END.search(flat, start + len(phrase))
    return end is not None and end.group() in "?？؟"


def _without_cut_names(credits: tuple[Credit, ...]) -> tuple[Credit, ...]:
    """A credit read twice, once with its name cut short at a line's end ("© Lê" of "Ảnh © Lê\nMinh
    Tuấn"): the cut one goes, its phrase inside the whole one's. Two phrases naming one person stay."""

    def cut(credit: Credit) -> bool:
        phrase = " ".join(credit.phrase.split())
        return any(
            other is not credit
            and other.name is not None
            and credit.name is not None
            and len(other.name) > len(credit.name)
            and other.name.startswith(credit.name)
            and phrase in " ".join(other.phrase.split())
            for other in credits
        )

    return tuple(credit for credit in credits if not cut(credit))


def _spelled_by_sender(credit: Credit, sender: str) -> Credit:
    """A credit to a name the sender's address spells is the signer's: "je suis Théo Garnier, photographe"
    in the earlier mail of theo.garnier44@laposte.net, whose reply is signed "Theo", or "the photographer
    Théo Garnier" in the agent's mail he answers."""
    local = sender.partition("@")[0]  # not the domain: an estate's site spells the late maker's name
    if credit.by_signer or not credit.name or not address_spells(local, credit.name.split()):
        return credit
    return dataclasses.replace(credit, by_signer=True)


def _of_senders_organisation(credit: Credit, sender: str, vocab: StatementVocabulary) -> Credit:
    """A credit to an organisation whose own words the sender's mail domain spells, every one, is the
    sender's organisation: the bare notice "Copyright (c) 2026 Hanbit University. All rights reserved."
    in mail from news@pr.hanbit-univ.ac.kr; not "© Marco Bellini per Museo Civico del Valdarno" from
    museo-valdarno.it, nor a photo's credit. Organisations only: a person's name in a domain may be a
    relative's or a late maker's."""
    if credit.by_signer or not credit.name or not _COPYRIGHT_NOTICE.match(credit.phrase):
        return credit
    if not is_organisation(credit.name, vocab):
        return credit
    parts = set(re.split(r"[^\w]+|_|\d+", fold(sender.partition("@")[2])))
    own_words = [
        token.norm
        for token in word_tokens(credit.name)
        if len(token.norm) >= _DOMAIN_WORD_LETTERS
        and is_letters(token.norm)
        and token.norm not in vocab.org_words
    ]
    if own_words and all(word in parts for word in own_words):
        return dataclasses.replace(credit, by_signer=True)
    return credit


_DOMAIN_WORD_LETTERS = 4  # letters an organisation's word needs to count as spelled by a domain
# A bare copyright notice, as a mail's footer holds one: not a photo's credit ("Foto © Studio X").
_COPYRIGHT_NOTICE = re.compile(r"\s*(?:©|\(c\)|copyright\b)", re.IGNORECASE)


def _signed_as(credit: Credit, signature: Signature, vocab: StatementVocabulary) -> Credit:
    """A credit to an organisation the signature holds as a line of its own ("© 2025 شركة واحة النخيل للتمور"
    under a signature with that company's line) is the signer's organisation's: no one else's. Not a
    person's name: "Photo by\nJohn Smith" ends some mails. A describing credit that is a whole signature
    line is the signer's trade ("Fotografia de Guimarães e do Minho")."""
    if credit.by_signer:
        return credit
    lines = [" ".join(line.casefold().split()) for line in signature.lines]
    phrase = " ".join(credit.phrase.casefold().split())
    # "Автор світлин: X" is a caption, not a trade; "Photographie de paysage" names no one
    trade_line = credit.may_describe and ":" not in phrase
    at = next((number for number, line in enumerate(lines) if line.startswith(phrase)), None)
    if trade_line and at is not None and _under_the_signer(at, signature):
        # a trade line under the signer's name: "Fotografia de Guimarães e do Minho" says what they do
        return dataclasses.replace(credit, by_signer=True)
    if credit.may_describe and credit.name and is_organisation(credit.phrase, vocab):
        # "PR-менеджерка, агенція "Медіа Міст" (комунікації …)" under the signer's name: where they work
        inside = next((number for number, line in enumerate(lines) if phrase in line), None)
        if inside is not None and _under_the_signer(inside, signature):
            return dataclasses.replace(credit, by_signer=True)
    if not credit.name:
        # "Atelier Lumière – photographie maritime" over the street address, read as one: the trade
        opening = " ".join(phrase.split()[:_TRADE_WORDS])
        inside = next(
            (number for number, line in enumerate(lines) if _after_a_name_mark(line, opening)), None
        )
        if inside is not None and _under_the_signer(inside, signature):
            return dataclasses.replace(credit, by_signer=True)
        return credit
    if is_organisation(credit.name, vocab) and (
        " ".join(credit.name.casefold().split()) in set(lines) or _own_unit(credit, vocab)
    ):
        return dataclasses.replace(credit, by_signer=True)
    return credit


def _forwarded_makers(
    message: ParsedMessage,
    holder_names: Sequence[str],
    vocab: StatementVocabulary,
    license_vocab: LicenseVocabulary,
) -> list[Credit]:
    """Someone else's forwarded mail that says they took the photos: "posílám výběr z toho, co jsem dneska
    nafotil" from the theatre's photographer, under the theatre's own release, or that credits another
    maker. The release is the holder's; the words of the mail below it make another person the maker."""
    sender = message.sender.addr if message.sender else None
    makers: list[Credit] = []
    for segment in message.segments:
        author = segment.forwarded_from
        if segment.kind is not SegmentKind.FORWARDED or author is None or author.addr == sender:
            continue
        name = author.name or author.addr
        if author.name and is_holder_name(author.name, holder_names, vocab):
            continue
        if says_first_person_took(segment.text, vocab, license_vocab.negators):
            makers.append(Credit(phrase=f"forwarded: {name}", name=name, by_signer=False))
        # a colleague's note on who made the works: "Nos cartels portent la mention « Photo : Raymond
        # Lestrade »" forwarded under the museum's release; not the mail it quotes, nor its writer's own name
        # (a photographer's forwarded statement)
        note = "\n".join(line for line in segment.text.splitlines() if not line.lstrip().startswith(">"))
        writer = (*holder_names, *((author.name,) if author.name else ()))
        makers.extend(
            credit
            for credit in read_credits(note, word_tokens(note), vocab, writer)
            if not credit.by_signer and credit.name and not is_holder_name(credit.name, writer, vocab)
        )
    return makers


def _named_after_maker(
    credit: Credit, persons: Sequence[str], holder_names: Sequence[str], vocab: StatementVocabulary
) -> Credit:
    """A person credited who is only the name of the holder the mail writes for, signed by another
    person: "Фото: Петро Коваленко" for the "Фотоархів Петра Коваленка", signed by Ірина Коваленко. The
    archive named after the maker is not the maker; a studio's own photographer signs as herself."""
    name = credit.name
    if (
        not credit.by_signer
        or not name
        or is_holder_name(name, persons, vocab)
        or is_organisation(name, vocab)
    ):
        return credit
    if not any(_kin(name, person) for person in persons):
        return credit
    others = [holder for holder in holder_names if not is_holder_name(holder, persons, vocab)]
    if not is_holder_name(name, others, vocab):
        return credit
    return dataclasses.replace(credit, by_signer=False)


def _kin(one: str, other: str) -> bool:
    """Two names of two or three words, another person of one family: a family name shared in the same
    place, given names apart ("Петро Коваленко" and "Ірина Коваленко", "Emilio Sarrión" and "Lucía Sarrión
    Beltrán", "Kovács Péter" and "Kovács Anna"). "Kühn Möbelwerkstatt" and "Martin Kühn" share a word in
    other places: a firm named after its owner."""
    a, b = [fold(word) for word in one.split()], [fold(word) for word in other.split()]
    if not (2 <= len(a) <= 3 and 2 <= len(b) <= 3) or a == b:
        return False
    return any(
        (i == 0) == (j == 0) and (same_name_word(x, y) or same_name_word(y, x))
        for i, x in enumerate(a)
        for j, y in enumerate(b)
    ) and not (same_name_word(a[0], b[0]) and same_name_word(a[-1], b[-1]))


def _own_unit(credit: Credit, vocab: StatementVocabulary) -> bool:
    """An organisation credited right after an own-possessive: the holder's own office or team made it
    ("realizzate dal proprio Ufficio Turismo", "taken by our Press Office")."""
    name = credit.name or ""
    before = credit.phrase[: credit.phrase.rfind(name)] if name in credit.phrase else ""
    words = [fold(word) for word in re.findall(r"\w+", before)[-_OWN_UNIT_REACH:]]
    return any(word in vocab.own_possessives for word in words)


_OWN_UNIT_REACH = 2  # "our own Press Office", "dal proprio Ufficio"


_TRADE_WORDS = 2  # the words of an unnamed credit that find it in a signature line
_NAME_MARKS = "–—-|·•,/"  # what stands between a studio's name and its trade on one line


def _after_a_name_mark(line: str, opening: str) -> bool:
    """`opening` follows a name and a mark on the line ("atelier lumière – photographie maritime"), or
    opens a line that is no sentence ("photographie de paysage – côtes-d'armor")."""
    at = line.find(opening)
    if at == 0:
        return not any(mark in line for mark in ".!?") and len(line.split()) <= _TRADE_LINE_WORDS
    return at > 0 and line[:at].rstrip()[-1:] in _NAME_MARKS


_TRADE_LINE_WORDS = 6  # "Photographie de paysage – Côtes-d'Armor"


def _under_the_signer(number: int, signature: Signature) -> bool:
    """Signature line `number` comes after the line naming the signing person."""
    person = signature.person
    return person is not None and any(
        person.casefold() in line.casefold() for line in signature.lines[:number]
    )


def _acts_for_another(represents: str | None, signature: Signature, vocab: StatementVocabulary) -> bool:
    """The text says the writer acts for one organisation and signs for another that shares no word of
    its name ("per conto della Fondazione X", signed "Luce Comunicazione srl"): the writer's own
    organisation and the sites of the signature are not the holder's, as for a named client."""
    if not represents or len(distinctive_words(represents, vocab)) < 2:
        return False  # "当社" (our company), "Acme": too little of a name to tell two apart
    own = [
        name
        for name in (signature.organisation, *signature.brands)
        if name
        and (
            len(distinctive_words(name, vocab)) >= 2  # not "Zarządu" (of the board) of a title line
            or _organisation_line(name, signature, vocab)  # "Agence Lumen RP": one word and a generic noun
        )
    ]
    # a signature line of its own naming the represented body ("Teatr Miejski im. H. Modrzejewskiej")
    # makes a title line read as an organisation ("Kierownik Działu Promocji") no rival; not a line of
    # the writer's own firm ("Nortemedia Comunicación · Gabinete de prensa del CD Sotomayor")
    body_lines = [line for line in signature.lines if not any(name in line for name in own)]
    return bool(own) and not shares_name_word(represents, [*own, *body_lines], vocab)


def _signed_lines(signature: Signature) -> tuple[str, ...]:
    """The signature's lines from the signer's name on: the writer's own block. A line above it ("Official
    site of the artist: …", closing the text) names the client's site, not the agency's."""
    person = signature.person
    at = next((i for i, line in enumerate(signature.lines) if person and person in line), 0)
    return signature.lines[at:]


def _sites_of(
    organisation: str | None, websites: tuple[str, ...], vocab: StatementVocabulary
) -> tuple[str, ...]:
    """The sites whose host spells the name of the organisation the writer acts for: the holder's, even
    in an agency's signature ("per al Museu de la Farga - www.museufarga-santaaurelia.cat" under
    "www.agencialluminosa.cat"). Empty when none does."""
    if not organisation:
        return ()
    hosts = ((url, urlsplit(url).hostname or "") for url in websites)
    return tuple(url for url, host in hosts if spelled_in_host(organisation, host, vocab))


def _sites_headed_by(
    organisation: str | None,
    websites: tuple[str, ...],
    text: str,
    agency_names: Sequence[str | None],
    vocab: StatementVocabulary,
) -> tuple[str, ...]:
    """The sites on a line the organisation's name opens, no agency's name on it: "한빛 필하모닉 오케스트라
    공식 홈페이지: https://…" under a PR agency's signature names the orchestra's site."""
    if not organisation:
        return ()
    lines = "\n".join(
        line
        for line in text.splitlines()
        if line.strip().startswith(organisation) and not any(name and name in line for name in agency_names)
    )
    if not lines:
        return ()
    elsewhere = without_sites_in(websites, lines, vocab)
    return tuple(url for url in websites if url not in elsewhere)


def _aliases(signer: str | None, text: str) -> tuple[str, ...]:
    """The signer's name as also written in brackets after it ("נועה ברק (Noa Barak)", full-width in
    "田中美咲（Misaki Tanaka）"): a file title may use either."""
    if not signer:
        return ()
    aliases: list[str] = []
    start = text.find(signer)
    while start >= 0:
        bracket = _BRACKETED_ALIAS.match(text, start + len(signer))
        if bracket is not None:
            aliases.append(bracket.group(1).strip())
        start = text.find(signer, bracket.end() if bracket is not None else start + 1)
    return tuple(aliases)


# After a name: a bracketed other spelling ("נועה ברק (Noa Barak)"), or at most three words to the line's
# end. A name's own pattern is not compiled: names differ from mail to mail, and each would be compiled.
_BRACKETED_ALIAS = re.compile(r"\s*[(（]([^()（）\n]{3,40})[)）]")
_LINE_END_AFTER_NAME = re.compile(r"(?:[ \t]+\S+){0,3}[ \t]*\r?\n")


def _followed_by(name: str, text: str, pattern: re.Pattern[str]) -> bool:
    """`pattern` matches right after some occurrence of `name` in `text`."""
    start = text.find(name)
    while start >= 0:
        if pattern.match(text, start + len(name)) is not None:
            return True
        start = text.find(name, start + 1)
    return False


def _only_forwarded_grants(message: ParsedMessage, license_vocab: LicenseVocabulary) -> bool:
    """A license (free or not) is granted in forwarded text and not in the sender's own words."""
    forwarded = read_license(message.text(SegmentKind.FORWARDED), license_vocab)
    return _grants(forwarded) and not _grants(read_license(message.text(SegmentKind.OWN), license_vocab))


def _forwards_own_mail(message: ParsedMessage) -> bool:
    """Every forwarded mail was sent from the sender's own address: the holder passes on what they wrote
    to someone else ("vi inoltro la dichiarazione che avevo mandato a Luca"), still in person."""
    sender = message.sender.addr if message.sender else None
    origins = {
        segment.forwarded_from.addr
        for segment in message.segments
        if segment.kind is SegmentKind.FORWARDED and segment.forwarded_from is not None
    }
    return sender is not None and origins == {sender}


def _grants(finding: LicenseFinding) -> bool:
    return finding.spdx is not None or finding.problem in _GRANTS


def _display_name(message: ParsedMessage, kind: SegmentKind) -> str | None:
    if kind is SegmentKind.FORWARDED:
        for segment in message.segments:
            if segment.kind is kind and segment.forwarded_from is not None:
                return clean_name(segment.forwarded_from.name)
        return None
    return clean_name(message.sender.name) if message.sender else None
