"""Metamorphic tests: the project's own cases, changed the ways that must (or must not) change a verdict.

Every case of samples/ and tests/heldout*/ is re-written as a plain UTF-8 mail of the same sender, subject,
headers and text, read and decided with one fixed fake web (the named or sender site is reachable, lists
the sender and names the holder), so the test stays pure and fast. From every case that then confirms:
a restriction, a credit to someone else, a forwarded wrapper, a Reply-To elsewhere or a look-alike sender,
by a table per language and with random filler words around them, must never come out `confirm`.
Harmless changes (greetings, signatures, legal footers, line wrapping, HTML) must not change any verdict.
"""

from __future__ import annotations

import email
import email.policy
import email.utils
import html
import os
import re
import textwrap
from collections.abc import Callable
from email.message import EmailMessage
from functools import cache
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from bot.config.verifier import VerifierSettings, load_verifier_settings
from verification.assembly import assemble_facts, choose_official_site
from verification.domains import DomainTools
from verification.message import decode_bytes
from verification.model import SiteEvidence, Verdict
from verification.policy import decide
from verification.reading import read_ticket

ROOT = Path(__file__).resolve().parents[2]
CASES = sorted(
    path.parent
    for pattern in ("samples/*/message.eml", "tests/heldout*/*/message.eml")
    for path in ROOT.glob(pattern)
)
SETTINGS = settings(
    max_examples=int(os.environ.get("PERMBOT_METAMORPHIC_EXAMPLES", "30")),
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
_KEPT_HEADERS = ("From", "To", "Date", "Subject", "Authentication-Results", "Message-ID")

# Neutral words put around an inserted phrase: they never negate, restrict or credit anything.
FILLERS = {
    "en": ["please", "kindly", "today", "also", "really", "of", "course", "this", "year", "our", "new"],
    "de": ["bitte", "heute", "auch", "wirklich", "natürlich", "dieses", "Jahr", "unsere", "neue"],
    "fr": ["merci", "aujourd'hui", "aussi", "vraiment", "bien", "sûr", "cette", "année", "notre"],
    "es": ["por", "favor", "hoy", "también", "realmente", "claro", "este", "año", "nuestro"],
    "nl": ["graag", "vandaag", "ook", "echt", "natuurlijk", "dit", "jaar", "onze", "nieuwe"],
    "ru": ["пожалуйста", "сегодня", "также", "конечно", "этом", "году", "нашей", "новой"],
    "ja": ["本日", "また", "ぜひ", "今年", "新しい"],
}
# {f} is a run of filler words; every entry restricts the grant (ask_license) whatever the fillers.
RESTRICTIONS = {
    "en": [
        "The photo may be used {f} only for {f} our article on the English Wikipedia.",
        "Modifications to this {f} photograph are {f} strictly prohibited.",
        "Commercial use of the {f} images is {f} not allowed.",
        "{f} The photos are for the {f} Wikipedia article, and they are not to be used anywhere else.",
        "Its use is {f} reserved for {f} Wikipedia.",
        "Any use is fine {f}, except for commercial use.",
        "{f} Please do not crop or retouch the photo {f}.",
    ],
    "de": [
        "Die Nutzung ist {f} nur im Artikel {f} der deutschen Wikipedia gestattet.",
        "Eine Bearbeitung der {f} Bilder ist {f} nicht erlaubt.",
        "Die Nutzung ist {f} der Wikipedia {f} vorbehalten.",
        "Die Freigabe gilt {f}, allerdings nicht für gewerbliche Zwecke.",
    ],
    "fr": [
        "L'utilisation est autorisée {f} uniquement pour {f} l'article de Wikipédia en français.",
        "Son utilisation est {f} réservée à Wikipédia {f}.",
        "Toute utilisation est permise {f}, sauf pour un usage commercial.",
    ],
    "es": [
        "Se permite su uso {f} solamente en el artículo {f} de la Wikipedia en español.",
        "Por favor, {f} no la modifiquen ni la recorten.",
    ],
    "nl": ["Het gebruik is {f} enkel voor het artikel {f} op de Nederlandstalige Wikipedia."],
    "ru": [
        "Разрешаю использовать {f} только для статьи {f} в русскоязычной Википедии.",
        "Использование {f} ограничено Википедией.",
        "{f} Просьба не использовать фото в коммерческих целях.",
    ],
    "ja": [
        "{f}日本語版ウィキペディアの記事{f}においてのみ使用を許可します。",
        "{f}トリミングや加工はしないでください。",
        "{f}ウィキペディアの記事のためのもので、他の用途には使用できません。",
    ],
}
# Every entry credits someone other than the signer (ask_authorship) whatever the fillers.
CREDITS = {
    "en": [
        "The photo was taken by {f} our partner and {f} crew member Liam Gallagher.",
        "The photo was taken {f} during our open day by our partner and long-time friend {f} Liam Gallagher.",
        "Our partner and long-time crew member, the photographer Liam Gallagher, took the photo {f} in 2023.",
    ],
    "de": [
        "Das Foto wurde von {f} unserem Partner {f} Markus Hofbauer aufgenommen.",
        "Das Foto hat unser langjähriger Partner und Fotograf Markus Hofbauer {f} in Wien aufgenommen.",
    ],
    "fr": ["La photo a été prise par {f} notre partenaire Julien Marchetti."],
    "es": ["La foto fue tomada por {f} mi compañero de club Javier Ortega."],
    "nl": ["De foto is gemaakt door {f} onze vriend Pieter Janssen."],
    "ru": [
        "Снимок сделал {f} мой коллега {f} Алексей Смирнов.",
        "{f} На спуск нажимал наш коллега Денис Гаврилов.",
    ],
    "ja": ["撮影：{f}当社の提携カメラマンである佐藤健一氏"],
}
CREDITED_SURNAMES = (
    "Gallagher",
    "Hofbauer",
    "Marchetti",
    "Ortega",
    "Janssen",
    "Смирнов",
    "Гаврилов",
    "佐藤健一",
)
HARMLESS_GREETINGS = ["Hello,", "Dear Wikimedia team,", "Sehr geehrte Damen und Herren,", "Bonjour,", "Hola:"]
HARMLESS_SIGNATURES = ["--\nSent from my phone", "Best wishes and thank you", "-- \nTel. +49 30 1234567"]
HARMLESS_FOOTERS = [
    "This e-mail and any attachment are confidential. Any modification or distribution of this e-mail "
    "is strictly prohibited.",
    "Diese E-Mail ist vertraulich. Jede Veränderung oder Weitergabe dieser Nachricht ist untersagt.",
    "Ce message est confidentiel. Toute modification ou diffusion de ce message est interdite.",
]


@cache
def verifier_settings() -> VerifierSettings:
    return load_verifier_settings()


@cache
def domain_tools() -> DomainTools:
    return DomainTools(verifier_settings().domains)


def original_parts(case: Path) -> tuple[EmailMessage, str, bool]:
    """The case's headers, its readable text and whether that text is HTML."""
    parsed = email.message_from_bytes((case / "message.eml").read_bytes(), policy=email.policy.default)
    assert isinstance(parsed, EmailMessage)
    body = parsed.get_body(("plain", "html"))
    if body is None:
        return parsed, "", False
    payload = body.get_payload(decode=True)
    aliases = verifier_settings().reading.mail.charset_aliases  # "windows-874", which Python does not know
    content = (
        decode_bytes(payload, body.get_content_charset(), aliases).text if isinstance(payload, bytes) else ""
    )
    return parsed, content, body.get_content_subtype() == "html"


def compose(original: EmailMessage, text: str, is_html: bool, extra: dict[str, str] | None = None) -> bytes:
    message = EmailMessage()
    for name in _KEPT_HEADERS:
        for value in original.get_all(name, []):
            message[name] = str(value)
    for name, value in (extra or {}).items():
        del message[name]
        message[name] = value
    message.set_content(text, subtype="html" if is_html else "plain", charset="utf-8", cte="8bit")
    return message.as_bytes(policy=email.policy.SMTP)


def verdict_of(raw: bytes, listed: str) -> Verdict:
    """read_ticket + decide, with a fixed fake web: the holder's site is reachable, lists the case's
    original sender address `listed` and names the holder."""
    current = verifier_settings()
    tools = domain_tools()
    reading = read_ticket(raw, current.reading)
    official = choose_official_site(reading, tools)
    site = (
        SiteEvidence(
            start_url=official.url,
            domain=official.domain,
            reachable=True,
            addresses=(listed,),
            home_text=" ".join(reading.statement.holder_names),
        )
        if official
        else None
    )
    facts = assemble_facts(reading, official, site, None, tools, current.lookalike, None)
    return decide(facts, current.policy).verdict


def sender_of(original: EmailMessage) -> str:
    return email.utils.parseaddr(str(original["From"]))[1].lower()


def case_verdict(case: Path, change: Callable[[EmailMessage, str, bool], bytes]) -> Verdict:
    original, text, is_html = original_parts(case)
    return verdict_of(change(original, text, is_html), sender_of(original))


def insert(text: str, is_html: bool, addition: str) -> str:
    """`addition` as a paragraph of its own after the text's first paragraph, or after the quote of a
    bottom-posted reply."""
    if is_html:
        escaped = html.escape(addition).replace("\n", "<br>")
        # the end of the first paragraph: "</p>", Gmail's empty "<div><br></div>", or two <br> in a mail of
        # <br> lines; never inside the quoted mail (appended, the addition would land in a quote)
        # (web.de and GMX quote in a <div name="quote">)
        quote = re.search(r"<blockquote|gmail_quote|name=\"quote\"", text, re.IGNORECASE)
        limit = quote.start() if quote else len(text)
        ends = [
            found.end()
            for pattern in (r"</p>", r"<div[^>]*>\s*<br\s*/?>\s*</div>", r"<br\s*/?>\s*<br\s*/?>")
            if (found := re.search(pattern, text[:limit], re.IGNORECASE))
        ]
        at = min(ends, default=limit)
        return text[:at] + "<p>" + escaped + "</p>" + text[at:]
    quoted = list(re.finditer(r"^>.*$", text, re.MULTILINE))
    if quoted and not text[: quoted[0].start()].strip().count("\n"):
        # a bottom-posted reply (a header line, then the quote): the sender's words follow the quote
        end = quoted[-1].end()
        return text[:end] + "\n\n" + addition + "\n\n" + text[end:].lstrip("\r\n")
    blank = re.search(r"\r?\n[ \t]*\r?\n", text)  # CRLF bodies too: appended, it would land in a quote
    if blank is None:
        return text + "\n\n" + addition
    return text[: blank.start()] + "\n\n" + addition + "\n\n" + text[blank.end() :]


# The cases whose confirming versions the changes start from: an even spread of at most this many (each
# test draws some 30 examples; reading all the thousands of cases took minutes).
_CONFIRMING_SPREAD = 1000


@cache
def confirming() -> tuple[Path, ...]:
    spread = CASES[:: max(1, len(CASES) // _CONFIRMING_SPREAD)]
    return tuple(case for case in spread if case_verdict(case, compose) is Verdict.CONFIRM)


def filled(template: str, fillers: list[str]) -> str:
    words = " ".join(fillers)
    return (
        " ".join(template.replace("{f}", words).split())
        if words
        else " ".join(template.replace("{f}", "").split())
    )


def lookalike_domain(domain: str) -> str:
    """One letter of the first label changed: `studio-lindqvist.se` -> `studio-lindqvlst.se`."""
    label, _, rest = domain.partition(".")
    for index, letter in enumerate(label):
        if letter.isalpha() and index > 0:
            swapped = "l" if letter != "l" else "i"
            return label[:index] + swapped + label[index + 1 :] + "." + rest
    return "x" + domain


def test_confirming_cases_exist() -> None:
    assert len(confirming()) >= 40  # the fake web must keep most confirming cases confirming


languages = st.sampled_from(sorted(RESTRICTIONS))


@st.composite
def filler_words(draw: st.DrawFn, language: str) -> list[str]:
    return draw(st.lists(st.sampled_from(FILLERS[language]), max_size=4))


@SETTINGS
@given(data=st.data())
def test_restriction_never_confirms(data: st.DataObject) -> None:
    case = data.draw(st.sampled_from(confirming()))
    language = data.draw(languages)
    template = data.draw(st.sampled_from(RESTRICTIONS[language]))
    addition = filled(template, data.draw(filler_words(language)))

    def change(original: EmailMessage, text: str, is_html: bool) -> bytes:
        return compose(original, insert(text, is_html, addition), is_html)

    assert case_verdict(case, change) is not Verdict.CONFIRM


@SETTINGS
@given(data=st.data())
def test_credit_to_someone_else_never_confirms(data: st.DataObject) -> None:
    case = data.draw(st.sampled_from(confirming()))
    language = data.draw(st.sampled_from(sorted(CREDITS)))
    addition = filled(data.draw(st.sampled_from(CREDITS[language])), data.draw(filler_words(language)))
    # the credited person must be someone else: x03 is signed by a "Julien Marchetti", kz24 by a "Pieter
    # Jansen" (a spelling of "Janssen" differing in its ending is read as the same name, as case endings are)
    signed = original_parts(case)[1].casefold()
    assume(not any(surname[:4].casefold() in signed for surname in CREDITED_SURNAMES))

    def change(original: EmailMessage, text: str, is_html: bool) -> bytes:
        return compose(original, insert(text, is_html, addition), is_html)

    assert case_verdict(case, change) is not Verdict.CONFIRM


def forwarded(original: EmailMessage, text: str, is_html: bool) -> bytes:
    wrapper = (
        "---------- Forwarded message ---------\nFrom: Someone Else <someone.else@example-mail.org>\n"
        "Date: Mon, 13 May 2024 at 10:00\nSubject: Photo\nTo: <helper@example-mail.org>\n\n"
    )
    if is_html:
        return compose(original, "<p>" + wrapper.replace("\n", "<br>") + "</p>" + text, True)
    return compose(original, "FYI\n\n" + wrapper + text, False)


def reply_to_elsewhere(original: EmailMessage, text: str, is_html: bool) -> bytes:
    """A Reply-To at a free-mail domain other than the sender's (a gmail sender gets an outlook one)."""
    elsewhere = "outlook.com" if sender_of(original).endswith("@gmail.com") else "gmail.com"
    return compose(original, text, is_html, {"Reply-To": f"holder.contact@{elsewhere}"})


def lookalike_sender(original: EmailMessage, text: str, is_html: bool) -> bytes:
    local, _, host = sender_of(original).rpartition("@")
    domain = domain_tools().registrable_domain(host) or host
    site = f"https://www.{domain}/"
    body = insert(text, is_html, f"Our website: {site}")
    return compose(
        original, body, is_html, {"From": f"{local}@{host.removesuffix(domain)}{lookalike_domain(domain)}"}
    )


WRAPPERS: dict[str, Callable[[EmailMessage, str, bool], bytes]] = {
    "forwarded": forwarded,
    "reply-to": reply_to_elsewhere,
    "lookalike": lookalike_sender,
}


@SETTINGS
@given(data=st.data())
def test_wrapper_never_confirms(data: st.DataObject) -> None:
    case = data.draw(st.sampled_from(confirming()))
    kind = data.draw(st.sampled_from(sorted(WRAPPERS)))
    if kind == "lookalike":
        # the wrapper names the sender's own domain as the holder's site: a free-mail provider's is none
        original, _, _ = original_parts(case)
        domain = domain_tools().registrable_domain(sender_of(original).rpartition("@")[2])
        assume(domain is not None and not domain_tools().is_freemail(domain))
    assert case_verdict(case, WRAPPERS[kind]) is not Verdict.CONFIRM


def rewrapped(text: str, width: int) -> str:
    """Prose lines wrapped at `width`; lines with a link, an address or a name after a colon stay, and a
    quoted line's pieces keep its "> " (as a mail client wraps a quote)."""
    lines: list[str] = []
    for line in text.split("\n"):
        if any(mark in line for mark in (":", "@", "/", ".jpg", ".png")) or len(line) <= width:
            lines.append(line)
        else:
            quote = line[: len(line) - len(line.lstrip("> "))]
            pieces = textwrap.wrap(line[len(quote) :], width, break_long_words=False, break_on_hyphens=False)
            lines.extend(quote + piece for piece in pieces)
    return "\n".join(lines)


def as_html(text: str) -> str:
    paragraphs = "".join("<p>" + html.escape(p).replace("\n", "<br>") + "</p>" for p in text.split("\n\n"))
    return f"<html><body>{paragraphs}</body></html>"


@SETTINGS
@given(data=st.data())
def test_harmless_changes_keep_the_verdict(data: st.DataObject) -> None:
    case = data.draw(st.sampled_from(CASES))
    original, text, is_html = original_parts(case)
    before = verdict_of(compose(original, text, is_html), sender_of(original))
    greeting = data.draw(st.sampled_from(["", *HARMLESS_GREETINGS]))
    signature = data.draw(st.sampled_from(["", *HARMLESS_SIGNATURES]))
    footer = data.draw(st.sampled_from(["", *HARMLESS_FOOTERS]))
    width = data.draw(st.sampled_from([0, 60, 72]))
    to_html = data.draw(st.booleans())
    changed = text
    if not is_html:
        changed = rewrapped(changed, width) if width else changed
        changed = "\n\n".join(part for part in (greeting, changed.strip("\n"), signature, footer) if part)
        if to_html:
            changed, is_html = as_html(changed), True
    else:
        for addition in (greeting, signature, footer):
            changed = insert(changed, True, addition) if addition else changed
    assert verdict_of(compose(original, changed, is_html), sender_of(original)) is before
