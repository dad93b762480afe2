"""Own / quoted / forwarded segments, in every language the markers are configured for."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from verification.errors import ConfigError
from verification.model import Address, SegmentKind
from verification.quoting import (
    QuotingVocabulary,
    answer_names,
    forwarded_address,
    is_forward_subject,
    split_segments,
)

OWN, QUOTED, FORWARDED = SegmentKind.OWN, SegmentKind.QUOTED, SegmentKind.FORWARDED
CONFIG = Path(__file__).resolve().parents[2] / "config" / "mail.toml"


@pytest.fixture(scope="module")
def vocab() -> QuotingVocabulary:
    return QuotingVocabulary.from_mapping(tomllib.loads(CONFIG.read_text())["quoting"])


# (kind, the segment's first line, forwarded_from address or None)
Expected = tuple[tuple[SegmentKind, str, str | None], ...]

REPLY_HEADERS = [
    ("en", "On Mon, 13 May 2024 at 10:00, Ben Ortiz <ben@ortiz.example> wrote:"),
    ("en-apple", "On 13 May 2024, at 10:00, Ben Ortiz <ben@ortiz.example> wrote:"),
    ("de", "Am 13.05.2024 um 10:00 schrieb Ben Ortiz <ben@ortiz.example>:"),
    ("fr", "Le lun. 13 mai 2024 à 10:00, Ben Ortiz <ben@ortiz.example> a écrit :"),
    ("es", "El lun, 13 may 2024 a las 10:00, Ben Ortiz (<ben@ortiz.example>) escribió:"),
    ("nl", "Op ma 13 mei 2024 om 10:00 schreef Ben Ortiz <ben@ortiz.example>:"),
    ("it", "Il giorno lun 13 mag 2024 alle ore 10:00 Ben Ortiz <ben@ortiz.example> ha scritto:"),
    ("it-short", "Il 13/05/2024 10:00, Ben Ortiz ha scritto:"),
    ("pl", "W dniu 13.05.2024 o 10:00, Ben Ortiz <ben@ortiz.example> pisze:"),
    ("pl-gmail", "pon., 13 maj 2024 o 10:00 Ben Ortiz <ben@ortiz.example> napisał(a):"),
    ("pt", "Em seg., 13 de mai. de 2024 às 10:00, Ben Ortiz <ben@ortiz.example> escreveu:"),
    ("sv", "mån 13 maj 2024 kl. 10:00 skrev Ben Ortiz <ben@ortiz.example>:"),
    ("ja", "2024年5月13日(月) 10:00 Ben Ortiz <ben@ortiz.example>:"),
    ("ru", "пн, 13 мая 2024 г. в 10:00, Ben Ortiz <ben@ortiz.example>:"),
    ("ja-apple", "2024/05/13 10:00、Ben Ortiz <ben@ortiz.example> のメール:"),
    ("zh-apple", "在 2024年5月13日 10:00，Ben Ortiz <ben@ortiz.example> 写道："),
    ("ko-gmail", "2024년 5월 13일 (월) 오전 10:00, Ben Ortiz <ben@ortiz.example>님이 작성:"),
    # the VRTS (Znuny) quoting the ticket's earlier article
    ("vrts-en", "04/12/2026 10:47 - Ben Ortiz wrote:"),
    ("vrts-de", "04.12.2026 09:12 - Ben Ortiz schrieb:"),
    ("vrts-cs", "4. 12. 2026 22:17 - Ben Ortiz napsal(a):"),
    ("vrts-ro", "06.12.2026 21:47 - Ben Ortiz a scris:"),
    ("ro-gmail", "Pe lun., 13 mai 2024 la 10:00, Ben Ortiz <ben@ortiz.example> a scris:"),
]


@pytest.mark.parametrize(("header"), [pytest.param(h, id=lang) for lang, h in REPLY_HEADERS])
def test_reply_header_makes_the_rest_quoted(vocab: QuotingVocabulary, header: str) -> None:
    text = f"Yes, I agree to CC BY-SA 4.0.\n\n{header}\nPlease send a release for the photo.\nThanks\n"
    segments = split_segments(text, vocab)
    assert [s.kind for s in segments] == [OWN, QUOTED]
    assert segments[0].text == "Yes, I agree to CC BY-SA 4.0."
    assert segments[1].text.splitlines()[0] == header
    assert "Please send a release" in segments[1].text


FORWARD_MARKERS = [
    ("gmail-en", "---------- Forwarded message ---------"),
    ("apple-en", "Begin forwarded message:"),
    ("de", "-------- Weitergeleitete Nachricht --------"),
    ("fr", "-------- Message transféré --------"),
    ("es", "---------- Mensaje reenviado ----------"),
    ("nl", "-------- Doorgestuurd bericht --------"),
    ("it", "-------- Messaggio inoltrato --------"),
    ("pl", "-------- Wiadomość przekazana --------"),
    ("pt", "-------- Mensagem encaminhada --------"),
    ("thunderbird", "-------- Forwarded Message --------"),
    ("thunderbird-fr", "-------- Message transféré --------"),
    ("apple-de", "Anfang der weitergeleiteten Nachricht:"),
]
FORWARD_HEADERS = {
    "de": "Von: Ben Ortiz <ben@ortiz.example>\nDatum: 13.05.2024\nBetreff: Foto\nAn: sam@mail.example",
    "fr": "De : Ben Ortiz <ben@ortiz.example>\nDate : 13 mai 2024\nObjet : Photo\nÀ : sam@mail.example",
    "es": "De: Ben Ortiz <ben@ortiz.example>\nDate: 13 may 2024\nSubject: Foto\nTo: <sam@mail.example>",
    "nl": "Van: Ben Ortiz <ben@ortiz.example>\nDatum: 13 mei 2024\nOnderwerp: Foto\nAan: sam@mail.example",
    "it": "Da: Ben Ortiz <ben@ortiz.example>\nData: 13/05/2024\nOggetto: Foto\nA: sam@mail.example",
    "pl": "Od: Ben Ortiz <ben@ortiz.example>\nData: 13.05.2024\nTemat: Zdjęcie\nDo: sam@mail.example",
    "pt": "De: Ben Ortiz <ben@ortiz.example>\nData: 13/05/2024\nAssunto: Foto\nPara: sam@mail.example",
    # Thunderbird in French puts the subject first and says "Sujet" and "Pour"
    "thunderbird-fr": (
        "Sujet : Photo\nDate : 13 mai 2024\nDe : Ben Ortiz <ben@ortiz.example>\nPour : sam@mail.example"
    ),
}
DEFAULT_HEADERS = (
    "From: Ben Ortiz <ben@ortiz.example>\nDate: Mon, 13 May 2024\nSubject: permission\nTo: sam@x.example"
)


@pytest.mark.parametrize(("marker", "lang"), [pytest.param(m, lang, id=lang) for lang, m in FORWARD_MARKERS])
def test_forward_marker_starts_forwarded_text_with_its_sender(
    vocab: QuotingVocabulary, marker: str, lang: str
) -> None:
    headers = FORWARD_HEADERS.get(lang, DEFAULT_HEADERS)
    text = (
        f"Hi, forwarding the photographer's release.\n\n{marker}\n\n{headers}\n\nI, Ben Ortiz, release it.\n"
    )
    segments = split_segments(text, vocab)
    assert [s.kind for s in segments] == [OWN, FORWARDED]
    assert segments[1].forwarded_from == Address("ben@ortiz.example", "Ben Ortiz")
    assert segments[1].text.endswith("I, Ben Ortiz, release it.")
    assert marker not in segments[1].text


def test_answers_labelled_with_the_senders_names(vocab: QuotingVocabulary) -> None:
    names = answer_names(Address(addr="m@x.example", name="Martin Hudec"))
    assert names == {"martin", "hudec", "martin hudec", "mh"}
    text = "Answers below.\n\n> Which license?\n> MH: CC BY 4.0\n> MARTIN: yes\n> Jana: no"
    own = [s.text for s in split_segments(text, vocab, answer_names=names) if s.kind is OWN]
    assert own == ["Answers below.", "CC BY 4.0\nyes"]


def test_answers_marked_with_the_senders_initials_in_brackets(vocab: QuotingVocabulary) -> None:
    """Outlook's quote has no marks: "[PdV:]" (Pieter de Vries) opens his answers, "[JB]" (no one's) not."""
    names = answer_names(Address(addr="p@x.example", name="Pieter de Vries"))
    text = (
        "Zie hieronder.\n\nVan: VRT <p@vrt.example>\nVerzonden: donderdag\nOnderwerp: foto\n\n"
        "1. Welke licentie?\n[PdV:] CC BY 4.0\n\n2. Wie?\n[JB] ik\n"
    )
    own = [s.text for s in split_segments(text, vocab, answer_names=names) if s.kind is OWN]
    assert own == ["Zie hieronder.", "CC BY 4.0"]


@pytest.mark.parametrize(
    ("text", "forward_subject", "expected"),
    [
        pytest.param("Hello\n\nI release it.\n", False, ((OWN, "Hello", None),), id="own-only"),
        pytest.param(
            "> Can you confirm?\n> Thanks\nYes, I confirm.\n> And the license?\nCC BY 4.0\n",
            False,
            (
                (QUOTED, "> Can you confirm?", None),
                (OWN, "Yes, I confirm.", None),
                (QUOTED, "> And", None),
                (OWN, "CC BY 4.0", None),
            ),
            id="interleaved-quotes",
        ),
        pytest.param(
            "On Mon, 13 May 2024 at 10:00, Ben <ben@x.example> wrote:\n> Please confirm.\n\nConfirmed.\n",
            False,
            ((QUOTED, "On Mon, 13 May", "ben@x.example"), (OWN, "Confirmed.", None)),
            id="bottom-posting-returns-to-own",
        ),
        pytest.param(
            "Confirmed.\n\nOn Mon, 13 May 2024 at 10:00, Ben Ortiz <\nben@x.example> wrote:\n"
            "Please confirm.\n",
            False,
            (
                (OWN, "Confirmed.", None),
                (QUOTED, "On Mon, 13 May 2024 at 10:00, Ben Ortiz <", "ben@x.example"),
            ),
            id="wrapped-reply-header",
        ),
        pytest.param(
            "Am Montag, 13. Mai 2024, 10:00:00 CEST schrieb Ben Ortiz\n<ben@x.example>:\nBitte bestätigen.\n",
            False,
            ((QUOTED, "Am Montag", "ben@x.example"),),
            id="wrapped-german",
        ),
        pytest.param(
            "Oui.\n\n________________________________\nDe : VRT <p@x.example>\nEnvoyé : lundi 13 mai 2024\n"
            "À : moi\nObjet : Re: photo\n\nQuestion ?",
            False,
            ((OWN, "Oui.", None), (QUOTED, "De : VRT", "p@x.example")),
            id="outlook-block-fr-reply",
        ),
        pytest.param(
            "See below.\n\nFrom: Ben Ortiz [mailto:Ben@Ortiz.example]\nSent: Monday, May 13, 2024 10:00 AM\n"
            "To: Sam\nSubject: permission\n\nI release File:X.jpg.",
            True,
            ((OWN, "See below.", None), (FORWARDED, "From: Ben Ortiz", "ben@ortiz.example")),
            id="outlook-block-forward",
        ),
        pytest.param(
            "FYI\n\n-----Original Message-----\nFrom: Ben <ben@ortiz.example>\n"
            "Sent: Monday\nSubject: x\n\nOK",
            True,
            ((OWN, "FYI", None), (FORWARDED, "From: Ben", "ben@ortiz.example")),
            id="outlook-original-message-forward",
        ),
        pytest.param(
            "Kiitos.\n\n----- Alkuperäinen viesti -----\nLähettäjä: VRT <p@x.example>\n"
            "Päivämäärä: 4.12.2026 18.02\nAihe: Lupa\n\n> Which license?\n",
            True,
            ((OWN, "Kiitos.", None), (QUOTED, "----- Alkuperäinen", "p@x.example")),
            id="forward-prefix-over-quoted-mail-is-a-reply",
        ),
        pytest.param(
            "fwd\n---------- Forwarded message ---------\nFrom: Ann <ann@a.example>\nSubject: x\n\n"
            "see below\n"
            "---------- Forwarded message ---------\nFrom: Ben <ben@b.example>\nSubject: y\n\nI release it.",
            False,
            (
                (OWN, "fwd", None),
                (FORWARDED, "From: Ann", "ann@a.example"),
                (FORWARDED, "From: Ben", "ben@b.example"),
            ),
            id="nested-forwards",
        ),
        pytest.param(
            "---------- Forwarded message ---------\nI release it.\n",
            False,
            ((FORWARDED, "I release it.", None),),
            id="forward-without-headers",
        ),
        pytest.param(
            "> ---------- Forwarded message ---------\n> From: Ann <ann@a.example>\nok",
            False,
            ((QUOTED, "> ----------", None), (OWN, "ok", None)),
            id="quoted-forward-stays-quoted",
        ),
        pytest.param(
            "On the other hand, my colleague wrote:\nthe photo is mine.\n",
            False,
            ((OWN, "On the other hand", None),),
            id="prose-with-wrote-is-own",
        ),
        pytest.param(
            "From: the photographer himself\nI took it.\n",
            False,
            ((OWN, "From: the", None),),
            id="lone-from-is-own",
        ),
        pytest.param(
            "Date: 2024-05-14\nSubject: my photo\nFrom: me\n",
            False,
            ((OWN, "Date:", None),),
            id="from-last-is-own",
        ),
        pytest.param(
            "Réponses ci-dessous.\n\n-----Original Message-----\nFrom: VRT <p@x.example>\nSent: Monday\n"
            "Subject: x\n\nQuelle licence ?\nRÉPONSE : CC BY 4.0\n\nMerci",
            False,
            (
                (OWN, "Réponses", None),
                (QUOTED, "-----Original", "p@x.example"),
                (OWN, "CC BY 4.0", None),
                (QUOTED, "Merci", "p@x.example"),
            ),
            id="labelled-answer-inside-an-outlook-quote",
        ),
        pytest.param(
            "Meine Antworten sind mit [KB] markiert.\n\n> Welche Lizenz?\n> [KB] CC BY 4.0\n> Danke",
            False,
            (
                (OWN, "Meine Antworten", None),
                (QUOTED, "> Welche Lizenz?", None),
                (OWN, "CC BY 4.0", None),
                (QUOTED, "> Danke", None),
            ),
            id="bracketed-marker-the-sender-names",
        ),
        pytest.param(
            "Odgovori so označeni z (BK).\n\n> Ste jo posneli sami?\n> (BK) Da, sam.\n> Hvala",
            False,
            (
                (OWN, "Odgovori", None),
                (QUOTED, "> Ste", None),
                (OWN, "Da, sam.", None),
                (QUOTED, "> Hvala", None),
            ),
            id="bracketed-initials-the-sender-names",
        ),
        pytest.param(
            "> [KB] is the agent's note\nok",
            False,
            ((QUOTED, "> [KB]", None), (OWN, "ok", None)),
            id="bracketed-marker-never-named-stays-quoted",
        ),
        pytest.param(
            'Válaszaim ">>" jellel.\n\n> Ön készítette?\n>> IGEN\n>\n> Köszönjük',
            False,
            (
                (OWN, "Válaszaim", None),
                (QUOTED, "> Ön készítette?", None),
                (OWN, "IGEN", None),
                (QUOTED, ">", None),
            ),
            id="quoted-punctuation-marker",
        ),
        pytest.param(
            "Vedeți mai jos.\n\n> 1. Ați făcut fotografia?\n> DA, eu.\n>\n> Cu stimă",
            False,
            (
                (OWN, "Vedeți", None),
                (QUOTED, "> 1. Ați", None),
                (OWN, "DA, eu.", None),
                (QUOTED, ">", None),
            ),
            id="yes-in-capitals-under-a-question",
        ),
        pytest.param(
            "> 1. Ați făcut fotografia?\n> Da, vă rugăm să răspundeți.",
            False,
            ((QUOTED, "> 1. Ați", None),),
            id="yes-in-lower-case-stays-the-agents",
        ),
        pytest.param(
            "> Do you agree to CC BY-SA 4.0?\n> YES / NO\nok",
            False,
            ((QUOTED, "> Do you", None), (OWN, "ok", None)),
            id="a-choice-the-agent-offers-stays-the-agents",
        ),
        pytest.param(
            "> Συμφωνείτε με την άδεια (CC BY-SA 4.0); ΝΑΙ\n> Ευχαριστούμε",
            False,
            (
                (QUOTED, "> Συμφωνείτε", None),
                (OWN, "ΝΑΙ", None),
                (QUOTED, "> Ευχαριστούμε", None),
            ),
            id="answer-in-capitals-after-the-question-mark",
        ),
        pytest.param(
            "> Laquelle, avec son numéro de version ?\n>\n> => CC BY-SA 4.0\n>\n> Merci",
            False,
            (
                (QUOTED, "> Laquelle", None),
                (OWN, "CC BY-SA 4.0", None),
                (QUOTED, ">", None),
            ),
            id="an-arrow-under-a-question-opens-an-answer",
        ),
        pytest.param(
            "> Merci pour votre courriel.\n> => CC BY-NC 4.0 n'est pas acceptée.",
            False,
            ((QUOTED, "> Merci", None),),
            id="an-arrow-under-no-question-stays-the-agents",
        ),
        pytest.param(
            "I answered below each question.\n\n-----Original Message-----\nFrom: VRT <p@x.example>\n"
            "Sent: Monday\nSubject: x\n\nWhich license? (CC BY-SA 4.0 or CC BY 4.0)\n"
            "CC BY 4.0, please.\n\nThanks",
            False,
            (
                (OWN, "I answered", None),
                (QUOTED, "-----Original", "p@x.example"),
                (OWN, "CC BY 4.0", None),
                (QUOTED, "Thanks", "p@x.example"),
            ),
            id="a-line-under-a-question-of-an-outlook-quote-when-answers-are-said-inline",
        ),
        pytest.param(
            "Thanks.\n\n-----Original Message-----\nFrom: VRT <p@x.example>\n"
            "Sent: Monday\nSubject: x\n\nWhich license? (CC BY-SA 4.0 or CC BY 4.0)\n"
            "CC BY-NC is not accepted.",
            False,
            ((OWN, "Thanks.", None), (QUOTED, "-----Original", "p@x.example")),
            id="a-line-under-a-question-stays-the-agents-when-no-answers-are-said-inline",
        ),
        pytest.param(
            "Mes réponses sont après les flèches.\n\n-----Message d'origine-----\nDe : VRT <p@x.example>\n"
            "Envoyé : lundi\nObjet : x\n\n- la licence choisie, avec sa version ;\n==> CC BY-SA 4.0\n\nMerci",
            False,
            (
                (OWN, "Mes réponses", None),
                (QUOTED, "-----Message", "p@x.example"),
                (OWN, "CC BY-SA 4.0", None),
                (QUOTED, "Merci", "p@x.example"),
            ),
            id="an-arrow-the-reply-names-opens-an-answer-under-any-line",
        ),
        pytest.param(
            "See below.\n\n-----Original Message-----\nFrom: VRT <p@x.example>\nSent: Monday\nSubject: x\n\n"
            "> Which license?\n\nCC BY 4.0\n\n> Thanks",
            False,
            (
                (OWN, "See below.", None),
                (QUOTED, "-----Original", "p@x.example"),
                (OWN, "CC BY 4.0", None),
                (QUOTED, "> Thanks", None),
            ),
            id="lines-without-marks-under-an-outlook-header-over-a-marked-quote-are-the-senders",
        ),
        pytest.param(
            "> Did you take the photos yourself?\nNO, OUR FREELANCE PHOTOGRAPHER TOOK THEM\n> Thanks",
            False,
            (
                (QUOTED, "> Did you", None),
                (OWN, "No, our freelance photographer", None),
                (QUOTED, "> Thanks", None),
            ),
            id="an-answer-in-capitals-between-quoted-lines-reads-in-lower-case",
        ),
        pytest.param("", False, (), id="empty"),
    ],
)
def test_split_segments(
    vocab: QuotingVocabulary, text: str, forward_subject: bool, expected: Expected
) -> None:
    segments = split_segments(text, vocab, forward_subject=forward_subject)
    got = tuple(
        (s.kind, s.text.splitlines()[0][: len(first)], s.forwarded_from.addr if s.forwarded_from else None)
        for s, (_, first, _) in zip(segments, expected, strict=False)
    )
    assert len(segments) == len(expected)
    assert got == expected


# Outlook's "original message" line, then its header block in the mail's language: a reply to that mail
OUTLOOK_REPLIES = [
    ("en", "-----Original Message-----", "From: VRT <p@x.example>\nSent: Monday\nSubject: Re"),
    ("de", "-----Ursprüngliche Nachricht-----", "Von: VRT <p@x.example>\nGesendet: Montag\nBetreff: x"),
    (
        "ca",
        "-----Missatge original-----",
        "De: VRT <p@x.example>\nEnviat el: dijous, 3 de desembre de 2026\nPer a: premsa@x.example\nTema: x",
    ),
    ("gl", "-----Mensaxe orixinal-----", "De: VRT <p@x.example>\nEnviado: luns\nAsunto: x"),
    ("sr", "-----Оригинална порука-----", "Од: VRT <p@x.example>\nПослато: понедељак\nПредмет: x"),
]


@pytest.mark.parametrize(
    ("marker", "headers"), [pytest.param(m, h, id=lang) for lang, m, h in OUTLOOK_REPLIES]
)
def test_outlook_original_message_quotes_the_mail_below(
    vocab: QuotingVocabulary, marker: str, headers: str
) -> None:
    segments = split_segments(f"Yes.\n\n{marker}\n{headers}\n\nQuestion?", vocab)
    assert [s.kind for s in segments] == [OWN, QUOTED]
    assert segments[1].text.splitlines()[0] == marker
    assert segments[1].forwarded_from is not None
    assert segments[1].forwarded_from.addr == "p@x.example"


@pytest.mark.parametrize(
    ("subject", "forward"),
    [
        pytest.param("[Ticket#2024051410012354] Fwd: permission", True, id="fwd"),
        pytest.param("FW: photo", True, id="fw"),
        pytest.param("WG: Foto", True, id="de"),
        pytest.param("TR : photo", True, id="fr"),
        pytest.param("RV: foto", True, id="es"),
        pytest.param("Doorst: foto", True, id="nl"),
        pytest.param("I: foto", True, id="it"),
        pytest.param("PD: zdjęcie", True, id="pl"),
        pytest.param("Re: Fwd: photo", True, id="reply-to-forward"),
        pytest.param("Re: photo", False, id="reply"),
        pytest.param("AW: Foto", False, id="de-reply"),
        pytest.param("Forwarding my photo", False, id="word-not-prefix"),
    ],
)
def test_is_forward_subject(vocab: QuotingVocabulary, subject: str, forward: bool) -> None:
    assert is_forward_subject(subject, vocab) is forward


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("Ben Ortiz <Ben@Ortiz.example>", Address("ben@ortiz.example", "Ben Ortiz"), id="angle"),
        pytest.param(
            '"Ortiz, Ben" <ben@ortiz.example>', Address("ben@ortiz.example", "Ortiz, Ben"), id="quoted"
        ),
        pytest.param(
            "Ben Ortiz [mailto:ben@ortiz.example]", Address("ben@ortiz.example", "Ben Ortiz"), id="outlook"
        ),
        pytest.param("ben@ortiz.example", Address("ben@ortiz.example", ""), id="bare"),
        pytest.param("Ben Ortiz", None, id="name-only"),
    ],
)
def test_forwarded_address(value: str, expected: Address | None) -> None:
    assert forwarded_address(value) == expected


@pytest.mark.parametrize(
    ("change", "key"),
    [
        pytest.param({"reply_headers": ["(unclosed"]}, "quoting.reply_headers", id="bad-regex"),
        pytest.param({"forward_markers": "Forwarded"}, "quoting.forward_markers", id="not-a-list"),
        pytest.param({"from_keys": [""]}, "quoting.from_keys", id="empty-string"),
    ],
)
def test_config_errors_name_the_key(change: dict[str, object], key: str) -> None:
    data = tomllib.loads(CONFIG.read_text())["quoting"] | change
    with pytest.raises(ConfigError, match=key):
        QuotingVocabulary.from_mapping(data)
