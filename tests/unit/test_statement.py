"""The statement reader on hand-built messages: signer, organisation, names, websites, authorship."""

from __future__ import annotations

import textwrap
import tomllib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from verification.errors import ConfigError
from verification.languages import LanguageDetector
from verification.licenses import LicenseVocabulary
from verification.model import Address, Credit, Link, ParsedMessage, Segment, SegmentKind, Statement
from verification.statement import StatementVocabulary, read_statement, release_text
from verification.statement.caseless import caseless_introduced
from verification.statement.names import address_spells
from verification.statement.words import joined_wraps

ROOT = Path(__file__).resolve().parents[2]
OWN = SegmentKind.OWN
QUOTED = SegmentKind.QUOTED
FORWARDED = SegmentKind.FORWARDED


def config(name: str) -> dict[str, Any]:
    return tomllib.loads((ROOT / "config" / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def vocab() -> StatementVocabulary:
    return StatementVocabulary.from_mapping(config("statement.toml"))


@pytest.fixture(scope="module")
def licenses() -> LicenseVocabulary:
    return LicenseVocabulary.from_mapping(config("licenses.toml"))


def message(
    own: str = "",
    *,
    quoted: str = "",
    forwarded: str = "",
    sender: Address | None = None,
    forwarded_from: Address | None = None,
    subject: str = "",
    links: Sequence[Link] = (),
) -> ParsedMessage:
    segments = [
        Segment(kind, text, forwarded_from if kind is FORWARDED else None)
        for kind, text in ((OWN, own), (QUOTED, quoted), (FORWARDED, forwarded))
        if text
    ]
    return ParsedMessage(
        ticket="2024051410012345",
        sender=sender if sender is not None else Address("sender@example.org", "Sam Sender"),
        reply_to=(),
        date=None,
        subject=subject,
        message_id=None,
        segments=tuple(segments),
        links=tuple(links),
        auth_results=(),
    )


def read(
    vocab: StatementVocabulary,
    licenses: LicenseVocabulary,
    own: str = "",
    files: Sequence[str] = (),
    **kwargs: Any,
) -> Statement:
    return read_statement(message(own, **kwargs), files, vocab, licenses)


# A legal footer as a mail program sends it, wrapped into short lines under the signature.
WRAPPED_DISCLAIMER = (
    "Ce message et toutes les pièces jointes sont confidentiels et établis à l'intention exclusive de leurs "
    "destinataires. Toute utilisation, reproduction, modification ou diffusion non autorisée de ce message "
    "est interdite. Si vous avez reçu ce message par erreur, merci d'en avertir immédiatement l'expéditeur "
    "et de le détruire. L'intégrité de ce message ne pouvant être assurée sur Internet, l'atelier ne "
    "saurait être tenu responsable de son contenu."
)

RELGEN = (
    "I hereby affirm that I, Jane Roe, am the creator and/or sole owner of the exclusive copyright of the "
    "following media work:\n\nhttps://commons.wikimedia.org/wiki/File:Harbour_at_dusk.jpg\n\nI agree to "
    "publish the above-mentioned work under the free license Creative Commons Attribution-ShareAlike 4.0 "
    "International (CC BY-SA 4.0).\n\nI acknowledge that I grant anyone the right to use the work, also in a "
    "commercial product, and to modify it to their needs, as long as they follow the terms of the license "
    "and the law. I understand that this agreement is not limited to Wikipedia, that the copyright holder "
    "keeps the copyright and the right to be credited according to the license, and that I cannot withdraw "
    "this agreement. Modifications others make to the work will not be claimed to have been made by me.\n\n"
    "Jane Roe\n2024-05-14\nAcme Harbour Photography\nhttps://www.acmeharbour-photo.co.uk"
)
DE_RELEASE = (
    "Hiermit erkläre ich in Bezug auf das Bild Datei:Rathaus Kesselbach 2019.jpg, dass ich der Urheber und "
    "alleinige Inhaber der ausschließlichen Nutzungsrechte bin. Ich erlaube die Weiterverwendung unter der "
    "freien Lizenz CC BY-SA 4.0. Mir ist bewusst, dass die Freigabe unwiderruflich ist und auch kommerzielle "
    "Nutzung erlaubt.\n\nPeter Kessler\nFotografie Kessler, http://www.kessler-fotografie.de\n14.05.2024"
)
GRANT = "I release the photo under CC BY-SA 4.0."
NOBODY = Address("someone@example.org", "")


# --- signer ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "signer"),
    [
        pytest.param(RELGEN, "Jane Roe", id="en-relgen"),
        pytest.param(
            "I, the undersigned, John Smith, confirm that CC BY 4.0 applies.",
            "John Smith",
            id="en-undersigned",
        ),
        pytest.param(
            "My name is Anna-Lena O'Brien and I took the photo.", "Anna-Lena O'Brien", id="en-my-name-is"
        ),
        pytest.param("I, J. R. Smith, confirm the release.", "J. R. Smith", id="en-initials"),
        # Italian "On." (Onorevole) is a title only with its dot: "on" is an English word
        pytest.param(
            f"{GRANT}\n\nCordiali saluti,\n\nOn. Marco Ferretti\nDeputato - XIX Legislatura",
            "Marco Ferretti",
            id="it-dotted-honorific",
        ),
        pytest.param(
            "Hiermit erkläre ich, Jürgen Müller, dass ich der Urheber bin.", "Jürgen Müller", id="de"
        ),
        pytest.param(
            "Je soussignée Claire Dubois, auteure de la photographie", "Claire Dubois", id="fr-soussignee"
        ),
        pytest.param("Je, Jean-Pierre Martin, déclare être l'auteur.", "Jean-Pierre Martin", id="fr-je"),
        pytest.param("Por la presente, yo, Lucía Vargas, autora de la fotografía", "Lucía Vargas", id="es"),
        pytest.param("Ik, Pieter de Vries, verklaar de maker te zijn.", "Pieter de Vries", id="nl-particle"),
        pytest.param(
            "Con la presente io, Marco Rossi, dichiaro di essere l'autore", "Marco Rossi", id="it-io"
        ),
        pytest.param("Il sottoscritto Giovanni Bianchi dichiara", "Giovanni Bianchi", id="it-sottoscritto"),
        pytest.param("ja, Tomasz Nowak, jestem autorem zdjęcia", "Tomasz Nowak", id="pl"),
        pytest.param("Eu, Ana Ribeiro, declaro ser a autora da fotografia", "Ana Ribeiro", id="pt"),
        pytest.param(
            f"{GRANT}\n\nBest regards,\nMaria Schmidt\nSchmidt Fotografie\nwww.schmidt-foto.de",
            "Maria Schmidt",
            id="signature-block",
        ),
        pytest.param(f"{GRANT}\n\nAcme Photography Ltd\nJane Roe", "Jane Roe", id="signature-org-line-first"),
        pytest.param(f"{GRANT}\n\nKind regards, Jane Roe", "Jane Roe", id="signature-closing-same-line"),
        pytest.param(
            f"{GRANT}\n\nMit freundlichen Grüßen\nJürgen Müller\n14.05.2024",
            "Jürgen Müller",
            id="signature-after-closing",
        ),
        pytest.param(f"{GRANT}\nThanks", "Sam Sender", id="from-display-name"),
        pytest.param(
            f"{GRANT}\n\nMit freundlichen Grüßen\nDr. Anna Schmidt\nStädtisches Museum",
            "Anna Schmidt",
            id="honorific-skipped",
        ),
        pytest.param(
            f"{GRANT}\n\nBest,\nJane Roe | Acme Photography | www.acme-photo.com | +1 555 0100",
            "Jane Roe",
            id="one-line-signature",
        ),
        pytest.param(
            f"{GRANT}\n\nThanks!\n-- \nJohn Smith\nSmith & Sons Ltd.\n42 High Street, Bristol",
            "John Smith",
            id="dash-dash-signature",
        ),
        pytest.param("Yes, I agree. CC BY 4.0", "Sam Sender", id="no-name-yes-is-not-a-signer"),
        # the place and date a statement was signed: the place is no name
        pytest.param(f"{GRANT}\n\nBad Ems, 05.12.2026\nHeike Brandt", "Heike Brandt", id="place-date"),
        pytest.param(f"{GRANT}\n\nSan José, 5 December 2026\nMaria Lopez", "Maria Lopez", id="place-long"),
        # a title line ending in a legal form's full stop is no sentence; a date line under it
        pytest.param(
            f"{GRANT}\n\nS pozdravem\nIng. Pavel Dvořák\njednatel, Pivovar Horní Lhota s.r.o.\n20. 5. 2025",
            "Pavel Dvořák",
            id="cs-title-line-ends-in-legal-form",
        ),
        pytest.param(
            f"{GRANT}\n\nMet vriendelijke groet,\nEva Smit\ndirecteur van de Molenzorg B.V.\nmolenzorg.nl",
            "Eva Smit",
            id="nl-title-line-ends-in-legal-form",
        ),
        pytest.param(
            f"{GRANT}\n\nRegards,\n-- \nKestrel Bay Aquarium | 1 Esplanade, Kestrel Bay",
            "Sam Sender",
            id="the-town-of-an-address-is-nobody",
        ),
        pytest.param(
            f"{GRANT}\n\nBest regards,\nMary Stone\nwe thank you for your help.\nwww.stoneworks.co.uk",
            "Sam Sender",
            id="a-sentence-still-ends-the-signature",
        ),
        pytest.param(
            f"{GRANT}\n\nMit freundlichen Grüßen\n\nDr. Katharina Seidel\nLeiterin Öffentlichkeitsarbeit\n"
            "-- \nStadtmuseum Hohenfeld\nMarktplatz 3 · 36289 Hohenfeld",
            "Katharina Seidel",
            id="name-under-the-closing-and-a-separator-sign-together",
        ),
        pytest.param(
            f"{GRANT}\n\nCordialement,\nJeanne Marchal\nATELIER MARCHAL ARCHITECTES\n\n"
            + textwrap.fill(WRAPPED_DISCLAIMER, 50),
            "Jeanne Marchal",
            id="a-disclaimer-wrapped-into-short-lines-is-one-prose-line",
        ),
        pytest.param(
            f"{GRANT}\n\nA caption for you:\n    Harbour Lights - press shots\n\nCheers,\nDan\n-- \n"
            "Dan Whitcombe\nManager, Harbour Lights",
            "Dan Whitcombe",
            id="the-closing-still-ends-a-signature-across-a-separator",
        ),
        pytest.param(
            f"{GRANT}\n\nMet vriendelijke groet,\n\nSanne van Dam\nDirecteur, Rijwielhandel Van Dam B.V.\n\n"
            "Antwoorden graag naar ons secretariaat, de info-box wordt niet dagelijks gelezen.\n\n"
            "Best wishes and thank you",
            "Sanne van Dam",
            id="two-closings-joined-on-the-last-line",
        ),
        # a company's footer of several paragraphs under the signature: registration, confidentiality,
        # viruses, fraud, a copyright line
        pytest.param(
            f"{GRANT}\n\nKind regards,\n\nJames Whitcombe\nManaging Director\n\n"
            "Harrowgate Survey Drones Ltd\nW: www.harrowgate.co.uk\n\n"
            "Please consider the environment before printing this e-mail.\n\n"
            "Harrowgate Survey Drones Ltd is a company registered in England and Wales, number 10987654.\n\n"
            "CONFIDENTIALITY NOTICE: This e-mail message is for the sole use of the intended recipient.\n\n"
            "WARNING: Computer viruses can be transmitted via e-mail; please check its attachments.\n\n"
            "CYBER FRAUD WARNING: We will never change our bank details by e-mail; call us first.\n\n"
            "(c) 2026 Harrowgate Survey Drones Ltd. All rights reserved.",
            "James Whitcombe",
            id="a-long-company-footer-under-the-signature",
        ),
        # two honorifics before a name of three words: the name alone counts toward a name's length
        pytest.param(
            f"{GRANT}\n\nUn saludo,\n\nRvdo. D. Julián Pardo Gil\nPárroco de Santa María\n"
            "Villaseca de la Sierra",
            "Julián Pardo Gil",
            id="two-honorifics-before-a-three-word-name",
        ),
        # an address line of abbreviations ("k." village, "r." district) is no sentence ending the signature
        pytest.param(
            f"{GRANT}\n\nGintarė Jonaitienė\nsodybos savininkė\n2026-12-07\n\n"
            "Kaimo turizmo sodyba „Ąžuolynė“\n"
            "Dusios k., Lazdijų r. sav.\nĮmonės kodas 305118742\nhttps://www.kaimo-sodyba.example",
            "Gintarė Jonaitienė",
            id="an-address-line-of-abbreviations-is-no-sentence",
        ),
        # a Chinese or Japanese name alone on its line, perhaps after a title and before a closing
        pytest.param(f"{GRANT}\n\n谢谢！\n\n周明轩\n周明轩摄影工作室", "周明轩", id="zh-name-line"),
        pytest.param(f"{GRANT}\n\n謝謝！\n\n陳怡君 敬上", "陳怡君", id="zh-name-before-closing"),
        pytest.param(
            f"{GRANT}\n\n耑此　敬頌\n時祺\n\n總幹事　黃文德　敬上", "黃文德", id="zh-title-name-closing"
        ),
        pytest.param(
            f"{GRANT}\n\n北星製菓株式会社 広報室\n佐々木 智子", "佐々木 智子", id="ja-name-under-company"
        ),
        pytest.param(f"{GRANT}\n\n摄影：\n王伟", "Sam Sender", id="zh-name-under-caption-is-a-credit"),
    ],
)
def test_signer(vocab: StatementVocabulary, licenses: LicenseVocabulary, text: str, signer: str) -> None:
    assert read(vocab, licenses, text).signer == signer


def test_no_signer_at_all(vocab: StatementVocabulary, licenses: LicenseVocabulary) -> None:
    assert read(vocab, licenses, GRANT, sender=NOBODY).signer is None


# --- represents --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "organisation"),
    [
        pytest.param(
            "I hereby affirm that I represent Northwind Gallery, the creator of",
            "Northwind Gallery",
            id="en-represent",
        ),
        pytest.param(
            "I write on behalf of the City of Springfield.", "City of Springfield", id="en-on-behalf"
        ),
        pytest.param(
            "ich vertrete die Stadtwerke Musterstadt GmbH und",
            "Stadtwerke Musterstadt GmbH",
            id="de-vertrete",
        ),
        pytest.param(
            "dass ich die Galerie Nordlicht vertrete, die Inhaberin", "Galerie Nordlicht", id="de-verb-last"
        ),
        pytest.param("im Namen der Stadt Kesselbach erteile ich", "Stadt Kesselbach", id="de-im-namen"),
        pytest.param(
            "Je représente l'Orchestre National de Lyon.", "Orchestre National de Lyon", id="fr-elision"
        ),
        pytest.param("au nom de la Fondation Lumière, je", "Fondation Lumière", id="fr-au-nom"),
        pytest.param("represento a la Fundación Museo del Prado", "Fundación Museo del Prado", id="es"),
        pytest.param("Namens De Bakkerij Haarlem geef ik toestemming", "De Bakkerij Haarlem", id="nl-namens"),
        pytest.param("per conto della Fondazione Rossi autorizzo", "Fondazione Rossi", id="it"),
        pytest.param(
            "w imieniu Muzeum Narodowego w Krakowie udzielam", "Muzeum Narodowego w Krakowie", id="pl"
        ),
        pytest.param("em nome da Câmara Municipal de Lisboa autorizo", "Câmara Municipal de Lisboa", id="pt"),
        pytest.param(
            f"{GRANT}\n\nKaren Holt\nDirector of Northwind Gallery\n2024-05-14",
            "Northwind Gallery",
            id="title-of",
        ),
        pytest.param(
            f"{GRANT}\n\nTom Reyes\nPress officer of City Orchestra", "City Orchestra", id="title-two-words"
        ),
        pytest.param(f"{GRANT}\n\nJane Roe, CEO, Acme Ltd", "Acme Ltd", id="title-comma-org"),
        pytest.param(
            f"{GRANT}\n\nMax Muster\nGeschäftsführer der Muster Fotografie GmbH",
            "Muster Fotografie GmbH",
            id="title-de-der",
        ),
        pytest.param(
            f"{GRANT}\n\nHanna Lindqvist\nGeschäftsführerin, Galerie Nordlicht",
            "Galerie Nordlicht",
            id="title-de-feminine",
        ),
        pytest.param(
            f"{GRANT}\n\nPriya Raman\nHead of Collections, Lakeside Museum of Natural History",
            "Lakeside Museum of Natural History",
            id="title-department-then-org",
        ),
        pytest.param(
            f"{GRANT}\n\nMarie Durand\nDirectrice de la Galerie Lumière", "Galerie Lumière", id="title-fr"
        ),
        pytest.param(
            f"{GRANT}\n\nAnna Kowalska\nDyrektor Muzeum Narodowego",
            "Muzeum Narodowego",
            id="title-pl-no-connector",
        ),
        pytest.param(f"{GRANT}\n\nJane Roe\nCEO\nAcme Ltd", "Acme Ltd", id="title-org-next-line"),
        pytest.param(
            f"{GRANT}\n\nCarlos Gómez\nDirector de Comunicación\nMuseo de Arte Moderno",
            "Museo de Arte Moderno",
            id="title-department-org-next-line",
        ),
        pytest.param(
            f"{GRANT}\n\nDott.ssa Giulia Verdi\nResponsabile Ufficio Stampa\nFondazione Teatro La Fenice",
            "Fondazione Teatro La Fenice",
            id="title-it-department",
        ),
        pytest.param(
            f"{GRANT}\n\nJean Dupont\nChargé de communication\nMairie de Saint-Malo\n02 99 40 71 71",
            "Mairie de Saint-Malo",
            id="title-fr-lower-department",
        ),
        pytest.param(
            f"{GRANT}\n\nJan Jansen\nEigenaar Fotostudio Jansen\nwww.fotostudiojansen.nl",
            "Fotostudio Jansen",
            id="title-nl-owner",
        ),
        pytest.param(
            f"{GRANT}\n\nKatarzyna Wiśniewska\nRzecznik prasowy\nUrząd Miasta Gdańska",
            "Urząd Miasta Gdańska",
            id="title-pl-spokesperson",
        ),
        # more queue languages; slot-first templates; legal forms end the name
        pytest.param(
            "En nom dels Castellers de Vilamar, declaro que", "Castellers de Vilamar", id="ca-en-nom-dels"
        ),
        pytest.param("Aydın Fotoğrafçılık adına bu izni veriyorum.", "Aydın Fotoğrafçılık", id="tr-adina"),
        pytest.param(
            "Jyrkänkosken Pallo ry:n puolesta vahvistan, että", "Jyrkänkosken Pallo ry", id="fi-puolesta"
        ),
        pytest.param("A Magyar Fotóklub nevében nyilatkozom.", "Magyar Fotóklub", id="hu-neveben"),
        pytest.param(
            "Jeg bekrefter at jeg representerer Brannvik museum.", "Brannvik museum", id="nb-lower-noun"
        ),
        pytest.param("Jeg skriver på vegne af Skovby Kommune.", "Skovby Kommune", id="da-paa-vegne"),
        pytest.param("jménem Pivovar Zlatohor s.r.o. uděluji", "Pivovar Zlatohor s.r.o.", id="cs-sro"),
        pytest.param("Я представляю ООО «Звёздное фото».", "ООО «Звёздное фото»", id="ru-legal-form-quoted"),
        pytest.param("От имени театра «Сфера» подтверждаю.", "Сфера", id="ru-quoted-after-noun"),
        pytest.param(
            "私、田中浩は、株式会社星空写真を代表して、以下を表明いたします。",
            "株式会社星空写真",
            id="ja-daihyo",
        ),
        pytest.param(
            "私は星空写真株式会社を代表して表明します。", "星空写真株式会社", id="ja-topic-particle"
        ),
        pytest.param("저는 주식회사 별빛사진을 대표하여 확인합니다.", "주식회사 별빛사진", id="ko-daepyo"),
        pytest.param(
            "본인은 저작물의 유일한 소유자인 사진작가 김지훈을 대리함을 확인합니다.",
            "김지훈",
            id="ko-daeri-photographer",
        ),
        pytest.param("我代表北京星空摄影有限公司确认以下内容。", "北京星空摄影有限公司", id="zh-daibiao"),
        pytest.param(
            f"{GRANT}\n\nTerveisin\nSanna Virtanen\nviestintävastaava\nJyrkänkosken Pallo ry",
            "Jyrkänkosken Pallo ry",
            id="fi-title-then-club-with-legal-form",
        ),
        pytest.param(
            f"{GRANT}\n\nLars Ek\nIntendent, Bergslagens museum", "Bergslagens museum", id="sv-title"
        ),
        pytest.param(
            f"{GRANT}\n\nPriya Sharma\nHead - Brand Communications\nKesar Tea Estates Pvt. Ltd.",
            "Kesar Tea Estates Pvt. Ltd",
            id="a-department-after-the-title-the-company-below",
        ),
    ],
)
def test_represents(
    vocab: StatementVocabulary, licenses: LicenseVocabulary, text: str, organisation: str
) -> None:
    assert read(vocab, licenses, text).represents == organisation


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(f"{GRANT}\n\nClaire Dubois\nPhotographe – Brest", id="photographer-is-no-title"),
        pytest.param("namens de gemeente utrecht", id="lower-case-org"),
        pytest.param(RELGEN, id="relgen-person"),
        pytest.param("I represent myself.", id="represent-myself"),
        pytest.param("我谨代表本公司确认。", id="zh-our-company-is-no-name"),
        pytest.param("代表取締役 田中浩", id="ja-title-daihyo-torishimariyaku"),
        pytest.param("この写真を代表して送ります。", id="ja-hiragana-phrase-is-no-organisation"),
        pytest.param("저는 이 사진을 대표하여 보냅니다.", id="ko-no-organisation-word"),
        pytest.param("저는 이 사진을 대리하여 보냅니다.", id="ko-daeri-no-name"),
    ],
)
def test_represents_nobody(vocab: StatementVocabulary, licenses: LicenseVocabulary, text: str) -> None:
    assert read(vocab, licenses, text).represents is None


# --- holder names ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "sender", "names"),
    [
        pytest.param(
            RELGEN,
            Address("jane@acmeharbour-photo.co.uk", "Jane Roe"),
            ("Jane Roe", "Acme Harbour Photography"),
            id="relgen-dedupes-display",
        ),
        pytest.param(
            "I, Luc Bellamy, release it under CC BY-SA 4.0.\n\nLuc Bellamy\n2024-05-14\n"
            "Studio Bellamy Photography - www.studiobellamy.com",
            Address("studiobellamy@gmail.com", ""),
            ("Luc Bellamy", "Studio Bellamy Photography"),
            id="brand-with-domain",
        ),
        pytest.param(
            DE_RELEASE,
            Address("fotograf.kessler@gmx.de", "Peter Kessler"),
            ("Peter Kessler", "Fotografie Kessler"),
            id="de-brand-with-url",
        ),
        pytest.param(
            "I hereby affirm that I represent Northwind Gallery, the owner. CC BY-SA 4.0.\n\nKaren Holt\n"
            "Director of Northwind Gallery\n2024-05-14",
            Address("info@northwind-gallery.com", "Northwind Gallery"),
            ("Karen Holt", "Northwind Gallery"),
            id="organisation-and-display-deduped",
        ),
        pytest.param(
            f"{GRANT}\n\nTom Reyes\nPress officer of City Orchestra",
            Address("press@orchestra.org", "City Orchestra Press"),
            ("Tom Reyes", "City Orchestra", "City Orchestra Press"),
            id="display-name-kept",
        ),
        pytest.param(
            f"{GRANT}\n\nJANE ROE",
            Address("jane@x.org", "jane roe"),
            ("JANE ROE",),
            id="case-insensitive-dedupe",
        ),
        pytest.param(GRANT, Address("jane@x.org", "jane@x.org"), (), id="display-address-dropped"),
        pytest.param(GRANT, Address("jane@x.org", "'Jane Roe'"), ("Jane Roe",), id="display-quotes-stripped"),
        pytest.param(
            f"{GRANT}\n\nJohn Smith\nSmith & Sons Ltd.\n42 High Street, Bristol",
            NOBODY,
            ("John Smith", "Smith & Sons Ltd"),
            id="brand-with-ampersand-no-address-line",
        ),
        pytest.param(
            f"{GRANT}\n\n{'-' * 30}\n株式会社星空写真（Hoshizora Shashin Co., Ltd.）\n広報部 部長　田中 浩\n"
            f"TEL: 03-5555-0123\n{'-' * 30}\n"
            "Copyright (C) 2025 Hoshizora Shashin Co., Ltd. All rights reserved.",
            Address("tanaka@example.jp", "田中 浩"),
            ("田中 浩", "株式会社星空写真", "Hoshizora Shashin Co., Ltd."),
            id="ja-company-and-romanised-name-under-copyright-footer",
        ),
        pytest.param(
            f"{GRANT}\n\n김민수\n주식회사 별빛사진 (Byeolbit Photo Co., Ltd.)",
            NOBODY,
            ("주식회사 별빛사진", "Byeolbit Photo Co., Ltd."),
            id="ko-company-bracketed",
        ),
        pytest.param(
            f"{GRANT}\n\nEmre Aydın\nAydın Fotoğrafçılık\nTel: +90 532 555 12 34\n"
            "Bu e-posta ve ekleri gizlidir; yalnızca alıcısına yöneliktir.",
            NOBODY,
            ("Emre Aydın", "Aydın Fotoğrafçılık"),
            id="tr-brand-above-disclaimer",
        ),
        pytest.param(
            f"{GRANT}\n\nPetr Novák\nFotoateliér Novák, s.r.o.",
            NOBODY,
            ("Petr Novák", "Fotoateliér Novák, s.r.o"),
            id="cs-legal-form-after-comma",
        ),
        pytest.param(
            f"{GRANT}\n\nIon Popescu\nFotografie de Ana Ionescu",
            NOBODY,
            ("Ion Popescu",),
            id="credit-line-is-no-holder-name",
        ),
        pytest.param(
            f"{GRANT}\n\nCamille Roux\nChargée de promotion\n"
            "Office de tourisme du Val d'Ornain\n3, rue du Pont",
            NOBODY,
            ("Camille Roux", "Office de tourisme du Val d'Ornain"),
            id="fr-organisation-with-lower-case-words",
        ),
        pytest.param(
            f"{GRANT}\n\nIngrid Haugland\nArne Haugland fotoarkiv",
            NOBODY,
            ("Ingrid Haugland",),
            id="photographers-archive-is-no-holder-name",
        ),
    ],
)
def test_holder_names(
    vocab: StatementVocabulary,
    licenses: LicenseVocabulary,
    text: str,
    sender: Address,
    names: tuple[str, ...],
) -> None:
    assert read(vocab, licenses, text, sender=sender).holder_names == names


# --- statements signed by others ---------------------------------------------------------------------

KAREN = Address("karen@maplehollow.example", "Karen Moore")


def signed(name: str) -> str:
    return f"{GRANT}\n\n{name}\nMaple Hollow Farm\n12/7/2026\n\n"


@pytest.mark.parametrize(
    ("text", "others"),
    [
        pytest.param(signed("Karen Moore") + signed("Greg Moore"), ("Greg Moore",), id="second-signer"),
        pytest.param(signed("Greg Moore") + signed("Karen Moore"), ("Greg Moore",), id="first-signer"),
        pytest.param(signed("Karen Moore") + signed("Karen Moore"), (), id="both-the-senders"),
        # one statement signed by someone else, the sender signing none: who signs is the holder
        pytest.param(signed("Greg Moore"), (), id="only-another-signs"),
        # a signature block with no date under it is a letter's, not a statement's
        pytest.param(signed("Karen Moore") + "Greg Moore\nMaple Hollow Farm\n", (), id="undated-block"),
    ],
)
def test_statement_signed_by_another(
    vocab: StatementVocabulary, licenses: LicenseVocabulary, text: str, others: tuple[str, ...]
) -> None:
    statement = read(vocab, licenses, text, sender=KAREN)
    credited = tuple(credit.name for credit in statement.credits if not credit.by_signer)
    assert credited == others
    assert not set(others) & set(statement.holder_names)


# --- websites ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "websites"),
    [
        pytest.param(RELGEN, ("https://www.acmeharbour-photo.co.uk",), id="relgen-signature-url"),
        pytest.param(
            f"{GRANT}\n\nLuc Bellamy\nStudio Bellamy - www.studiobellamy.com",
            ("https://www.studiobellamy.com",),
            id="bare-www",
        ),
        pytest.param(f"{GRANT}\n\nJane\nacme-photo.co.uk", ("https://acme-photo.co.uk",), id="bare-domain"),
        # the sender's own site above the separator; the employer's in the work signature below is none
        pytest.param(
            f"{GRANT}\n\nHarpreet Singh Gill\nHarpreet Lens Photography\nwww.harpreetlens.in\n-- \n"
            "Harpreet Singh Gill | Senior QA Engineer\nCyberNest Solutions Pvt. Ltd.\nwww.cybernest.com",
            ("https://www.harpreetlens.in",),
            id="own-site-above-the-work-signature-the-employers-below-is-none",
        ),
        pytest.param(
            f"{GRANT}\n\nRafael Costa\n[generated using relgen.js]\n--\n"
            "Rafael Costa Fotografia\nwww.rcfoto.com.br",
            ("https://www.rcfoto.com.br",),
            id="the-release-generators-tag-is-no-site",
        ),
        pytest.param(
            f"{GRANT}\n\nRavi Menon\nmenonwildlife.in <https://menonwildlife.in>",
            ("https://menonwildlife.in",),
            id="link-text-and-url-deduped",
        ),
        pytest.param(DE_RELEASE, ("http://www.kessler-fotografie.de",), id="scheme-kept"),
        pytest.param(
            f"{GRANT} Write to jane@acme-photo.com or info@acme.co.uk.", (), id="addresses-are-not-sites"
        ),
        pytest.param(
            f"{GRANT} https://commons.wikimedia.org/wiki/File:X.jpg https://upload.wikimedia.org/a/ab/X.jpg "
            "https://de.wikipedia.org/wiki/Acme https://creativecommons.org/licenses/by-sa/4.0/",
            (),
            id="wikimedia-and-license-hosts",
        ),
        pytest.param(
            f"{GRANT} File:Harbour_at_dusk.jpg, Datei:Rathaus 2019.JPG, photo.jpeg",
            (),
            id="file-names-are-not-domains",
        ),
        pytest.param(f"{GRANT} Thanks Mr.Smith, e.g. this, 14.05.2024 v4.0", (), id="dotted-words"),
        pytest.param(
            f"I saw it on https://news-site.com/article/12. {GRANT}\n\nJane Roe\nhttps://acme.com",
            ("https://acme.com", "https://news-site.com/article/12"),
            id="signature-before-body",
        ),
        pytest.param(
            f"{GRANT}\n\nJane Roe\nhttps://acme.com/about-us\nhttps://acme.com/",
            ("https://acme.com/", "https://acme.com/about-us"),
            id="home-before-deep",
        ),
        pytest.param(
            f"My portfolio (see https://acme.com/gallery). {GRANT}",
            ("https://acme.com/gallery",),
            id="trailing-punctuation",
        ),
        # internationalised host names, kept in Unicode (the domain tools convert them)
        pytest.param(
            f"{GRANT}\n\nThomas Maier\nMaier Glasbau GmbH\nTel. +49 761 555-0\nwww.maier-glasbäu.de",
            ("https://www.maier-glasbäu.de",),
            id="idn-www-in-signature",
        ),
        pytest.param(f"{GRANT}\n\nJonas\nbäckerei-jonas.de", ("https://bäckerei-jonas.de",), id="idn-bare"),
        pytest.param(
            f"Voir café-étoile.fr pour mes photos. {GRANT}", ("https://café-étoile.fr",), id="idn-in-body"
        ),
        pytest.param(f"{GRANT}\n\n山田\nwww.例え.jp", ("https://www.例え.jp",), id="idn-japanese-label"),
        pytest.param(f"{GRANT}\n\nИван\nфото-иван.рф", ("https://фото-иван.рф",), id="idn-cyrillic-tld"),
        pytest.param(
            f"{GRANT} Schreiben Sie an info@bäckerei-jonas.de oder jonas@café-étoile.fr.",
            (),
            id="idn-addresses-are-not-sites",
        ),
        pytest.param(
            f"{GRANT} Datei:Glasfassade Überlingen.jpg, Plik:Łódź nocą.jpeg", (), id="idn-file-names"
        ),
        pytest.param(f"{GRANT} Vielen Dank.Es grüßt Sie, Jürgen.Ok", (), id="missing-space-after-stop"),
    ],
)
def test_websites(
    vocab: StatementVocabulary, licenses: LicenseVocabulary, text: str, websites: tuple[str, ...]
) -> None:
    assert read(vocab, licenses, text).websites == websites


def test_websites_from_links_come_last_and_quotes_are_ignored(
    vocab: StatementVocabulary, licenses: LicenseVocabulary
) -> None:
    statement = read(
        vocab,
        licenses,
        f"{GRANT} My site is linked below.\n\nJane Roe\nwww.janeroe.net",
        quoted="> Please see https://agent-example.org for the rules.",
        links=(Link("https://janeroe-studio.com/", "my studio"), Link("mailto:jane@janeroe.net", "mail")),
    )
    assert statement.websites == ("https://www.janeroe.net", "https://janeroe-studio.com/")


# --- credits -----------------------------------------------------------------------------------------

SIGNER = "I, Jane Roe, release it under CC BY 4.0.\n\n"


@pytest.mark.parametrize(
    ("text", "credits"),
    [
        pytest.param("Photo by John Smith.", [("John Smith", False)], id="en-photo-by-other"),
        pytest.param(
            "It was photographed by Jane Roe in 2020.", [("Jane Roe", True)], id="en-photographed-by-signer"
        ),
        pytest.param("It was taken by me last year.", [(None, True)], id="en-taken-by-me"),
        pytest.param(
            "© 2024 Acme Harbour Photography\n\nJane Roe\nAcme Harbour Photography",
            [("Acme Harbour Photography", True)],
            id="copyright-brand",
        ),
        pytest.param("(c) Jane Roe", [("Jane Roe", True)], id="c-in-parentheses"),
        pytest.param("Copyright 2023 Max Mustermann", [("Max Mustermann", False)], id="copyright-year-other"),
        pytest.param("Photo credit: ROE, Jane", [("ROE", True)], id="credit-surname-first"),
        pytest.param("taken by my friend Anna Schmidt", [("Anna Schmidt", False)], id="en-friend-named"),
        pytest.param(
            "a portrait of me that a friend took at the book fair", [(None, False)], id="en-friend-took"
        ),
        pytest.param("the picture that my husband took in Rome", [(None, False)], id="en-husband-took"),
        pytest.param(
            "It was taken by a professional photographer.", [(None, False)], id="en-by-photographer"
        ),
        pytest.param("Foto: Peter Kessler", [("Peter Kessler", False)], id="de-foto-colon"),
        pytest.param("aufgenommen von Anna Weber", [("Anna Weber", False)], id="de-aufgenommen-von"),
        pytest.param(
            "Das Bild wurde von Anna Weber aufgenommen.", [("Anna Weber", False)], id="de-verb-last"
        ),
        pytest.param("Das Foto wurde von einem Freund aufgenommen.", [(None, False)], id="de-freund"),
        pytest.param("aufgenommen von meinem Kollegen", [(None, False)], id="de-kollege-capitalised-noun"),
        pytest.param("photo de Marie Curie", [("Marie Curie", False)], id="fr-photo-de"),
        pytest.param("Elle a été prise par un ami.", [(None, False)], id="fr-prise-par-un-ami"),
        pytest.param("un ami l'a prise l'été dernier", [(None, False)], id="fr-un-ami-l-a-prise"),
        pytest.param("foto de Juan Pérez", [("Juan Pérez", False)], id="es-foto-de"),
        pytest.param("la tomó un amigo", [(None, False)], id="es-la-tomo-un-amigo"),
        pytest.param("fue tomada por mí", [(None, True)], id="es-tomada-por-mi-pronoun"),
        pytest.param("fue tomada por mi hermano", [(None, False)], id="es-tomada-por-mi-hermano"),
        pytest.param(
            "De foto is gemaakt door onze vaste fotograaf Pieter Janssen.",
            [("Pieter Janssen", False)],
            id="nl-gemaakt-door-fotograaf",
        ),
        pytest.param("een vriend heeft hem gemaakt", [(None, False)], id="nl-vriend"),
        pytest.param("foto di Luca Bianchi", [("Luca Bianchi", False)], id="it-foto-di"),
        pytest.param("è stata scattata da un amico", [(None, False)], id="it-scattata-da-un-amico"),
        pytest.param("zdjęcie zrobił ją znajomy", [(None, False)], id="pl-znajomy"),
        pytest.param("autor zdjęcia Jan Kowalski", [("Jan Kowalski", False)], id="pl-autor-zdjecia"),
        pytest.param("foi tirada por um amigo", [(None, False)], id="pt-tirada-por-um-amigo"),
        pytest.param("fotografia de Pedro Santos", [("Pedro Santos", False)], id="pt-fotografia-de"),
        # captions and credits in more languages: a label and a colon, or a template
        pytest.param(
            "Fotografies de Jordi Puig i Roca, cedides a la colla.",
            [("Jordi Puig i Roca", False)],
            id="ca-fotografies-de-plural",
        ),
        pytest.param("Fotografia: Marc Vidal", [("Marc Vidal", False)], id="ca-fotografia-colon"),
        pytest.param("Kuva: Mikko Lahtinen", [("Mikko Lahtinen", False)], id="fi-kuva-caption"),
        pytest.param("Kuvan otti Mikko Lahtinen.", [("Mikko Lahtinen", False)], id="fi-kuvan-otti"),
        pytest.param("Fotoğraf: Ayşe Demir", [("Ayşe Demir", False)], id="tr-fotograf"),
        pytest.param("Foto: Lars Ek", [("Lars Ek", False)], id="sv-foto"),
        pytest.param("Fotograf: Anna Berg", [("Anna Berg", False)], id="sv-da-fotograf-one-name"),
        pytest.param("Autor fotografie: Jan Novák", [("Jan Novák", False)], id="cs-autor-fotografie"),
        pytest.param("Fotó: Kovács Anna", [("Kovács Anna", False)], id="hu-foto"),
        pytest.param("Fényképezte: Szabó Péter", [("Szabó Péter", False)], id="hu-fenykepezte"),
        pytest.param("Fotografie de Ion Popescu", [("Ion Popescu", False)], id="ro-fotografie-de"),
        pytest.param("Foto: Mette Holm, 2023", [("Mette Holm", False)], id="da-foto-then-year"),
        pytest.param("Se vedlagt. (Foto: Kari Nordmann)", [("Kari Nordmann", False)], id="nb-bracketed"),
        pytest.param("写真：山田太郎", [("山田太郎", False)], id="ja-shashin-full-width-colon"),
        pytest.param("Credit: Reuters", [("Reuters", False)], id="credit-word-one-name"),
        pytest.param(
            "See the attachment.\nPhoto: John Smith\nThanks again",
            [("John Smith", False)],
            id="en-caption-line",
        ),
        # a caption naming the signer or the holder's brand stays theirs
        pytest.param("Kuva: Jane Roe", [("Jane Roe", True)], id="fi-caption-signer"),
        pytest.param(
            "Fotó: Jane Roe Photography\n\nJane Roe\nJane Roe Photography",
            [("Jane Roe Photography", True)],
            id="hu-caption-brand",
        ),
        pytest.param(
            "Copyright (C) 2025 Roe Shashin Co., Ltd. All rights reserved.\n\nJane Roe\nRoe Shashin",
            [("Roe Shashin Co., Ltd.", True)],
            id="copyright-legal-form-ignored",
        ),
        pytest.param(
            "© 2025 Nordlys Foto AS\n\nJane Roe\nNordlys Foto",
            [("Nordlys Foto AS", True)],
            id="nb-as-ignored",
        ),
        pytest.param(
            "© 2025 Sørlys Foto AS\n\nJane Roe\nNordlys Foto AS",
            [("Sørlys Foto AS", False)],
            id="legal-forms-alone-make-no-match",
        ),
        pytest.param(
            "© ООО «Звёздное фото»\n\nJane Roe\nООО «Звёздное фото»",
            [("ООО «Звёздное фото»", True)],
            id="ru-quoted-company",
        ),
    ],
)
def test_credits(
    vocab: StatementVocabulary, licenses: LicenseVocabulary, text: str, credits: list[tuple[str | None, bool]]
) -> None:
    statement = read(vocab, licenses, SIGNER + text)
    assert [(c.name, c.by_signer) for c in statement.credits] == credits
    assert all(c.phrase for c in statement.credits)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(RELGEN, id="en-relgen-boilerplate"),
        pytest.param(DE_RELEASE, id="de-urheber-und-alleinige-inhaber"),
        pytest.param("I took this photo of my husband in Rome.", id="photo-of-husband"),
        pytest.param("I am a professional photographer and took it myself.", id="i-am-a-photographer"),
        pytest.param(
            "My friend asked me to send this. I took the photo myself.", id="friend-in-other-sentence"
        ),
        pytest.param("The copyright holder: Jane Roe.", id="copyright-holder"),
        pytest.param("photo de moi au festival", id="fr-photo-de-moi-is-depiction"),
        pytest.param("Photo: File:Harbour at dusk.jpg", id="photo-colon-file"),
        pytest.param(
            "I am the creator and sole owner of the exclusive copyright of the work.", id="owner-words"
        ),
        pytest.param("I am the Copyright Holder under the Copyright Act.", id="capitalised-copyright-words"),
        pytest.param("Ma femme et moi avons fait une demande.", id="fr-fait-is-not-taking"),
        pytest.param("My husband will take care of the upload.", id="take-care"),
        # captions that describe what the picture shows, or name a file
        pytest.param("Kuva: Helsingin tuomiokirkko", id="fi-caption-describes"),
        pytest.param("Kép: Budapest, Parlament", id="hu-caption-one-word-place"),
        pytest.param("Foto: Tiedosto:Kuva.jpg", id="caption-file-page"),
        pytest.param("Fotó: Budapest_Parlament.jpg", id="caption-file-name"),
        pytest.param("Fotoğraf: Dosya:Galata Kulesi.jpg", id="tr-caption-file-page"),
        pytest.param("foto de la Sagrada Família", id="es-name-only-no-article"),
        pytest.param("Fotografia de la plaça Major", id="ca-name-only-no-article"),
        pytest.param("Toto je foto: naše nová budova", id="cs-colon-mid-sentence"),
    ],
)
def test_no_credit(vocab: StatementVocabulary, licenses: LicenseVocabulary, text: str) -> None:
    assert read(vocab, licenses, SIGNER + text).credits == ()


JA_CREDIT = "CC BY 4.0で公開することに同意します。クレジットは「撮影：{credited}」と表記してください。"
EN_CREDIT = 'I release the photo under CC BY 4.0. Please credit it as "Photo: {credited}".'


@pytest.mark.parametrize(
    ("display", "text", "credited", "by_signer"),
    [
        pytest.param("山本 健", JA_CREDIT, "山本健", True, id="ja-name-spaced-in-display"),
        pytest.param("山本健", JA_CREDIT, "山本 健", True, id="ja-name-spaced-in-credit"),
        pytest.param("山本 健", JA_CREDIT, "山本太郎", False, id="ja-same-family-name-other-person"),
        # Cyrillic and Latin spellings of one name: a romanised credit is the signer's own
        pytest.param("Олена Коваль", EN_CREDIT, "Olena Koval", True, id="uk-signer-romanised-credit"),
        pytest.param("Olena Koval", EN_CREDIT, "Олена Коваль", True, id="uk-credit-in-cyrillic"),
        pytest.param("Олена Коваль", EN_CREDIT, "Oksana Koval", False, id="uk-other-first-name"),
    ],
)
def test_credit_to_the_signer_however_the_name_is_written(
    vocab: StatementVocabulary,
    licenses: LicenseVocabulary,
    display: str,
    text: str,
    credited: str,
    by_signer: bool,
) -> None:
    """A name written with or without a space between its parts (Japanese), or in another script, is the
    same person."""
    statement = read(
        vocab, licenses, text.format(credited=credited), sender=Address("ken@example.jp", display)
    )
    assert [credit.by_signer for credit in statement.credits] == [by_signer]


VERB_FIRST_SIGNER = "Ja, Agnieszka Nowak, udostępniam je na licencji CC BY 4.0.\n\n"


@pytest.mark.parametrize(
    ("text", "credits"),
    [
        # a verb-first credit to another person
        pytest.param(
            "Zdjęcie wykonał Jan Wrona podczas próby.", [("Jan Wrona", False)], id="pl-zdjecie-wykonal"
        ),
        pytest.param("zdjęcie wykonała Anna Kowalska", [("Anna Kowalska", False)], id="pl-wykonala"),
        pytest.param("Zdjęcie zrobił Piotr Zieliński.", [("Piotr Zieliński", False)], id="pl-zrobil"),
        pytest.param("Fotografię wykonał Tomasz Lis.", [("Tomasz Lis", False)], id="pl-fotografie"),
        pytest.param("Autorem zdjęcia jest Jan Wrona.", [("Jan Wrona", False)], id="pl-autorem-jest"),
        pytest.param("Zdjęcie wykonał mój kolega.", [(None, False)], id="pl-relation"),
        pytest.param("Die Aufnahme machte Max Muster.", [("Max Muster", False)], id="de-aufnahme-machte"),
        pytest.param("Das Foto hat Max Muster gemacht.", [("Max Muster", False)], id="de-hat-gemacht"),
        pytest.param("Urheber des Fotos ist Max Muster.", [("Max Muster", False)], id="de-urheber-ist"),
        pytest.param(
            "La photo a été réalisée par Claire Martin.", [("Claire Martin", False)], id="fr-realisee-par"
        ),
        pytest.param("Le photographe est Paul Girard.", [("Paul Girard", False)], id="fr-le-photographe-est"),
        pytest.param("La foto la hizo Ana Gil.", [("Ana Gil", False)], id="es-la-hizo"),
        pytest.param("La foto la hizo mi hermano.", [(None, False)], id="es-la-hizo-relation"),
        pytest.param("El autor de la foto es Juan Pérez.", [("Juan Pérez", False)], id="es-el-autor-es"),
        pytest.param(
            "De foto is gemaakt door Pieter Janssen.", [("Pieter Janssen", False)], id="nl-gemaakt-door"
        ),
        pytest.param("De foto maakte Pieter Janssen.", [("Pieter Janssen", False)], id="nl-maakte"),
        pytest.param(
            "La foto è stata scattata da Luca Bianchi.", [("Luca Bianchi", False)], id="it-scattata-da"
        ),
        pytest.param("La foto l'ha scattata Luca Bianchi.", [("Luca Bianchi", False)], id="it-l-ha-scattata"),
        pytest.param("A foto foi tirada por Pedro Santos.", [("Pedro Santos", False)], id="pt-tirada-por"),
        pytest.param("Quem tirou a foto foi Pedro Santos.", [("Pedro Santos", False)], id="pt-quem-tirou"),
        pytest.param("Photo taken by John Smith.", [("John Smith", False)], id="en-taken-by"),
        pytest.param("The photographer is John Smith.", [("John Smith", False)], id="en-photographer-is"),
        # the signer's own name or a first-person pronoun
        pytest.param("Zdjęcie wykonała Agnieszka Nowak.", [("Agnieszka Nowak", True)], id="pl-signer-named"),
        pytest.param("Autorką zdjęcia jest Agnieszka Nowak.", [("Agnieszka Nowak", True)], id="pl-autorka"),
        pytest.param("Die Aufnahme machte ich selbst.", [(None, True)], id="de-ich-selbst"),
        pytest.param("Le photographe est moi-même.", [(None, True)], id="fr-moi-meme"),
        pytest.param("The photographer is me.", [(None, True)], id="en-me"),
        # no credit
        pytest.param("Das Foto machte Eindruck.", [], id="de-capitalised-noun-is-no-name"),
        pytest.param("Zdjęcie zrobiłam sama.", [], id="pl-first-person-verb"),
        pytest.param("La foto la hice yo misma.", [], id="es-first-person-verb"),
        pytest.param("Zdjęcie\nwykonał Jan Wrona", [], id="noun-and-verb-on-two-lines"),
        pytest.param("The photographer is unknown to me.", [], id="en-photographer-unknown"),
    ],
)
def test_verb_first_and_author_is_credits(
    vocab: StatementVocabulary, licenses: LicenseVocabulary, text: str, credits: list[tuple[str | None, bool]]
) -> None:
    statement = read(vocab, licenses, VERB_FIRST_SIGNER + text)
    assert [(c.name, c.by_signer) for c in statement.credits] == credits


@pytest.mark.parametrize(
    ("text", "credits"),
    [
        # a relation in active voice; a name after it is the credited name and uses no window
        pytest.param(
            "Mi hermano Javier hizo la foto el verano pasado.", [("Javier", False)], id="es-hermano-name-hizo"
        ),
        pytest.param("Mi padre hizo esta foto.", [(None, False)], id="es-make-verb-demonstrative"),
        pytest.param("Mi hermano la hizo en 2019.", [(None, False)], id="es-object-pronoun-la-hizo"),
        pytest.param("la sacó mi prima Ana en 2020", [("Ana", False)], id="es-verb-before-relation"),
        pytest.param(
            "C'est mon ami Julien Marchetti qui l'a prise lors de nos portes ouvertes.",
            [("Julien Marchetti", False)],
            id="fr-cest-mon-ami-name-qui-la-prise",
        ),
        pytest.param(
            "Mon ami, Julien Marchetti, l'a prise.", [("Julien Marchetti", False)], id="fr-apposition"
        ),
        pytest.param("Mon frère a pris cette photo.", [(None, False)], id="fr-frere-a-pris"),
        pytest.param("Mon ami l'a faite pendant les vacances.", [(None, False)], id="fr-l-a-faite"),
        pytest.param("Ma sœur Claire a fait cette photo en 2019.", [("Claire", False)], id="fr-a-fait-photo"),
        pytest.param("Mio padre ha fatto la foto.", [(None, False)], id="it-padre-ha-fatto"),
        pytest.param("Mio padre l'ha fatta l'anno scorso.", [(None, False)], id="it-l-ha-fatta"),
        pytest.param("L'ha scattata mio fratello.", [(None, False)], id="it-l-ha-scattata-fratello"),
        pytest.param("Il mio amico Luca ha scattato la foto.", [("Luca", False)], id="it-amico-name"),
        pytest.param("Foi o meu irmão que tirou a foto.", [(None, False)], id="pt-cleft-relation"),
        pytest.param("O meu irmão fez a foto.", [(None, False)], id="pt-fez-a-foto"),
        pytest.param("Mijn broer heeft de foto gemaakt.", [(None, False)], id="nl-broer-gemaakt"),
        pytest.param("een vriend heeft hem gemaakt", [(None, False)], id="nl-object-pronoun-hem"),
        pytest.param("Mein Bruder hat das Foto gemacht.", [(None, False)], id="de-bruder-gemacht"),
        pytest.param("Das Bild hat meine Tochter gemacht.", [(None, False)], id="de-photo-noun-first"),
        pytest.param("Aufgenommen hat sie mein Kollege.", [(None, False)], id="de-aufgenommen-hat-sie"),
        pytest.param(
            "Mein Kollege Max Muster hat das Foto gemacht.", [("Max Muster", False)], id="de-kollege-name"
        ),
        pytest.param("Moja siostra zrobiła to zdjęcie.", [(None, False)], id="pl-siostra-zrobila"),
        pytest.param("Zdjęcie zrobił mój brat.", [(None, False)], id="pl-verb-first-relation"),
        pytest.param("My brother made this photo.", [(None, False)], id="en-made-this-photo"),
        pytest.param("It was my friend Tom who took the photo.", [("Tom", False)], id="en-cleft-friend-name"),
        # a named subject: opening a clause (two words) or after a cleft's lead (one word)
        pytest.param("Javier Ferrán sacó la foto.", [("Javier Ferrán", False)], id="es-name-saco"),
        pytest.param(
            "Fue Javier Ferrán quien sacó la foto.", [("Javier Ferrán", False)], id="es-fue-name-quien"
        ),
        pytest.param(
            "C'est Julien Marchetti qui a pris la photo.",
            [("Julien Marchetti", False)],
            id="fr-cest-name-qui",
        ),
        pytest.param("C'est Julien qui l'a prise.", [("Julien", False)], id="fr-cleft-one-word"),
        pytest.param(
            "Marco Bellini ha scattato la foto.", [("Marco Bellini", False)], id="it-name-ha-scattato"
        ),
        pytest.param(
            "Foi o Pedro Santos que tirou a foto.", [("Pedro Santos", False)], id="pt-foi-article-name"
        ),
        pytest.param("Pedro Santos tirou a foto.", [("Pedro Santos", False)], id="pt-name-tirou"),
        pytest.param(
            "Pieter Janssen heeft de foto gemaakt.", [("Pieter Janssen", False)], id="nl-name-heeft-gemaakt"
        ),
        pytest.param("Max Muster hat das Foto gemacht.", [("Max Muster", False)], id="de-name-hat-gemacht"),
        pytest.param("Jan Kowalski zrobił to zdjęcie.", [("Jan Kowalski", False)], id="pl-name-zrobil"),
        pytest.param("Tom Baker took the photo.", [("Tom Baker", False)], id="en-name-took"),
        pytest.param("It was Tom who took the photo.", [("Tom", False)], id="en-it-was-name-who"),
        # describing words between the verb or credit word and the name, any length within the clause
        pytest.param(
            "The photo was taken by our partner and long-time crew member Liam O'Connor.",
            [("Liam O'Connor", False)],
            id="en-taken-by-described",
        ),
        pytest.param(
            "A fotografia foi tirada pelo nosso parceiro e fotógrafo oficial Rui Santos durante o festival.",
            [("Rui Santos", False)],
            id="pt-tirada-pelo-described",
        ),
        pytest.param(
            "Снимки сделал мой коллега по редакции Алексей Смирнов во время прогулки.",
            [("Алексей Смирнов", False)],
            id="ru-snimki-sdelal-described",
        ),
        pytest.param("사진 © 2024 박지훈", [("박지훈", False)], id="ko-copyright-caseless"),
        pytest.param("The photo was taken by me in Central Park.", [(None, True)], id="en-taken-by-me"),
        pytest.param("The request was made by our lawyer Anna Berg.", [], id="en-made-by-not-photo"),
        # other credit nouns and passives with a photo noun
        pytest.param(
            "File:Vigna.jpg – scatto di Marco Bellini",
            [("Marco Bellini", False)],
            id="it-scatto-di-after-file",
        ),
        pytest.param(
            "Lo scatto di Marco Bellini, che ringraziamo.",
            [("Marco Bellini", False)],
            id="it-scatto-di-comma",
        ),
        pytest.param("Scatto: Marco Bellini", [("Marco Bellini", False)], id="it-scatto-caption"),
        pytest.param("Toma de Javier Ferrán", [("Javier Ferrán", False)], id="es-toma-de-full-name"),
        pytest.param(
            "La photo a été faite par Julien Marchetti.", [("Julien Marchetti", False)], id="fr-faite-par"
        ),
        pytest.param("La foto è stata fatta da Marco Bellini.", [("Marco Bellini", False)], id="it-fatta-da"),
        pytest.param("The shot is by Tom Baker.", [("Tom Baker", False)], id="en-shot-is-by"),
        pytest.param("Snap by Tom Baker", [("Tom Baker", False)], id="en-snap-by"),
        # the signer named, or a first-person pronoun, stays the signer's
        pytest.param("Jane Roe took the photo.", [("Jane Roe", True)], id="en-signer-named-subject"),
        pytest.param("C'est Jane Roe qui a pris la photo.", [("Jane Roe", True)], id="fr-cleft-signer"),
        pytest.param("The photo is by me.", [(None, True)], id="en-photo-is-by-me"),
        # ordinary prose credits nobody
        pytest.param("Mi hermano vive en Madrid.", [], id="es-hermano-vive"),
        pytest.param("Mi hermano hizo la reserva.", [], id="es-make-verb-other-object"),
        pytest.param("Mi hermano me hizo llegar la foto.", [], id="es-hizo-llegar-sent"),
        pytest.param("Javier Ferrán hizo la reserva.", [], id="es-name-make-other-object"),
        pytest.param("La foto fue tomada en Madrid.", [], id="es-passive-place"),
        pytest.param("Toma de decisiones", [], id="es-toma-de-lower-case"),
        pytest.param("La toma de Granada", [], id="es-toma-de-one-word"),
        pytest.param("C'est mon ami qui m'a aidé.", [], id="fr-ami-helped"),
        pytest.param("Mon frère a fait une demande.", [], id="fr-fait-demande"),
        pytest.param("Pierre Dupont a fait une demande.", [], id="fr-name-fait-demande"),
        pytest.param("La demande a été faite par Jean Dupont.", [], id="fr-faite-par-not-photo"),
        pytest.param("La photo a été faite à Paris.", [], id="fr-faite-a-paris"),
        pytest.param("Mon frère m'a envoyé la photo.", [], id="fr-envoye"),
        pytest.param("Mio padre ha fatto una richiesta.", [], id="it-fatto-richiesta"),
        pytest.param("Mio fratello mi ha mandato la foto.", [], id="it-mandato"),
        pytest.param("Uno scatto di Firenze.", [], id="it-scatto-di-one-word-place"),
        pytest.param("Uno scatto di Piazza Navona al tramonto.", [], id="it-scatto-di-clause-goes-on"),
        pytest.param("A minha mãe fez a reserva.", [], id="pt-fez-reserva"),
        pytest.param("Mijn broer heeft een fout gemaakt.", [], id="nl-fout-gemaakt"),
        pytest.param("Mijn broer heeft het ontwerp gemaakt.", [], id="nl-het-is-an-article"),
        pytest.param("Mein Bruder hat einen Fehler gemacht.", [], id="de-fehler-gemacht"),
        pytest.param("Mein Bruder hat mir das Foto geschickt.", [], id="de-geschickt"),
        pytest.param("Das Foto wurde 2019 gemacht.", [], id="de-passive-year"),
        pytest.param("Wir haben das Foto in Bad Kissingen gemacht.", [], id="de-place-before-verb"),
        pytest.param("Mój brat zrobił obiad.", [], id="pl-zrobil-obiad"),
        pytest.param("The photo was taken in 2019.", [], id="en-passive-year"),
        pytest.param("My brother sent me the photo.", [], id="en-sent"),
        pytest.param("Golden Gate Bridge photographed at dawn.", [], id="en-reduced-passive"),
        pytest.param("New York has been photographed many times.", [], id="en-place-has-been"),
        pytest.param("The photo is by the sea.", [], id="en-is-by-place"),
    ],
)
def test_active_voice_credits(
    vocab: StatementVocabulary, licenses: LicenseVocabulary, text: str, credits: list[tuple[str | None, bool]]
) -> None:
    statement = read(vocab, licenses, SIGNER + text)
    assert [(c.name, c.by_signer) for c in statement.credits] == credits
    assert all(c.phrase in " ".join(text.split()) for c in statement.credits)


def test_quoted_question_credits_nobody(vocab: StatementVocabulary, licenses: LicenseVocabulary) -> None:
    statement = read(vocab, licenses, SIGNER, quoted="> Was the photo by John Smith? Please confirm.")
    assert statement.credits == ()


def test_quoted_credit_the_sender_lets_stand(vocab: StatementVocabulary, licenses: LicenseVocabulary) -> None:
    """The uploader's request says who took the photos; the holder's reply does not say otherwise."""
    statement = read(
        vocab, licenses, SIGNER, quoted="> They were taken by your volunteer photographer Derek Hollis."
    )
    assert [(credit.name, credit.by_signer) for credit in statement.credits] == [("Derek Hollis", False)]


def test_quoted_credit_answered_by_own_claim(vocab: StatementVocabulary, licenses: LicenseVocabulary) -> None:
    statement = read(vocab, licenses, SIGNER + "I took the photo myself.", quoted="> Photo by John Smith.")
    assert statement.credits == ()


def test_credit_phrase_is_as_written(vocab: StatementVocabulary, licenses: LicenseVocabulary) -> None:
    assert read(vocab, licenses, SIGNER + "Photo by  John\tSmith.").credits == (
        Credit(phrase="Photo by John Smith", name="John Smith", by_signer=False),
    )


# --- self-made and depiction -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "self_made"),
    [
        pytest.param("It is a selfie.", True, id="en-selfie"),
        pytest.param("a self-portrait taken with a self-timer", True, id="en-self-portrait"),
        pytest.param("I took it myself.", True, id="en-took-it-myself"),
        pytest.param("The photo was taken by me.", True, id="en-taken-by-me"),
        pytest.param("Mit Selbstauslöser aufgenommen.", True, id="de-selbstausloeser"),
        pytest.param("Ein Selbstporträt.", True, id="de-selbstportraet"),
        pytest.param("C'est un autoportrait pris avec le retardateur.", True, id="fr"),
        pytest.param("Es un autorretrato con temporizador.", True, id="es"),
        pytest.param("Een zelfportret met de zelfontspanner.", True, id="nl"),
        pytest.param("È un autoritratto fatto con l'autoscatto.", True, id="it"),
        pytest.param("To autoportret zrobiony samowyzwalaczem.", True, id="pl"),
        pytest.param("É um autorretrato.", True, id="pt"),
        pytest.param("Fue tomada por mí.", True, id="es-tomada-por-mi-accented"),
        pytest.param("Fue tomada por mi hermano.", False, id="es-tomada-por-mi-hermano"),
        pytest.param("La foto la hice yo.", True, id="es-la-hice-yo"),
        pytest.param("Fui yo quien sacó la foto.", True, id="es-fui-yo-quien"),
        pytest.param("C'est moi qui l'ai prise.", True, id="fr-cest-moi-qui"),
        pytest.param("C'est moi qui ai pris la photo.", True, id="fr-cest-moi-qui-ai-pris"),
        pytest.param("J'ai fait cette photo.", True, id="fr-j-ai-fait"),
        pytest.param("L'ho scattata io.", True, id="it-l-ho-scattata-io"),
        pytest.param("L'ho fatta io.", True, id="it-l-ho-fatta-io"),
        pytest.param("Ich habe das Foto selbst gemacht.", True, id="de-selbst-gemacht"),
        pytest.param("Fui eu que tirei a foto.", True, id="pt-fui-eu-que"),
        pytest.param("It was me who took the photo.", True, id="en-it-was-me-who"),
        pytest.param("C'est mon ami qui l'a prise.", False, id="fr-cest-mon-ami-qui"),
        pytest.param("Mi hermano hizo la foto.", False, id="es-hermano-hizo"),
        pytest.param(RELGEN, False, id="relgen"),
        pytest.param("a portrait of me that a friend took", False, id="friend-took"),
        pytest.param("I am the creator and owner of the photo.", False, id="owner-is-not-self-made"),
    ],
)
def test_self_made(
    vocab: StatementVocabulary, licenses: LicenseVocabulary, text: str, self_made: bool
) -> None:
    assert read(vocab, licenses, text).self_made is self_made


@pytest.mark.parametrize(
    ("text", "files", "depicts"),
    [
        pytest.param(
            "I, Marta Nowicka, release it under CC BY 4.0.",
            ["File:Marta Nowicka portrait.jpg"],
            True,
            id="full-name-in-title",
        ),
        pytest.param(
            "I, Amélie Faure, release it.", ["File:AMELIE faure at work.jpg"], True, id="accents-and-case"
        ),
        pytest.param(
            "I, Marta Nowicka, release it.", ["File:Nowicka Marta 2019.jpg"], True, id="name-reversed"
        ),
        pytest.param(
            "I, Luc Bellamy, release it.",
            ["File:Concert hall Bellamy 2022.jpg"],
            False,
            id="surname-only-studio",
        ),
        pytest.param(
            "I, Peter Kessler, release it.", ["File:Rathaus Kesselbach 2019.jpg"], False, id="place-name"
        ),
        pytest.param("I, Jane Roe, release it.", ["File:Janet Roeper.jpg"], False, id="partial-words"),
        pytest.param("I, Madonna, release it.", ["File:Madonna.jpg"], False, id="single-name-is-not-enough"),
        pytest.param(
            "I, Ben Ortiz, release it.",
            ["File:Desert bloom.jpg", "File:Ben Ortiz.jpg"],
            True,
            id="second-file",
        ),
        pytest.param("It is a portrait of me. CC BY 4.0", [], True, id="en-portrait-of-me"),
        pytest.param("Es ist ein Foto von mir.", [], True, id="de"),
        pytest.param("C'est une photo de moi.", [], True, id="fr"),
        pytest.param("Es una foto mía.", [], True, id="es"),
        pytest.param("Es una foto de mí en la playa.", [], True, id="es-de-mi-accented"),
        pytest.param("Es una foto de mi perro.", [], False, id="es-de-mi-possessive"),
        pytest.param("Het is een foto van mij.", [], True, id="nl"),
        pytest.param("È una foto di me.", [], True, id="it"),
        pytest.param("To jest zdjęcie mnie.", [], True, id="pl"),
        pytest.param("É uma foto minha.", [], True, id="pt"),
        pytest.param(RELGEN, ["File:Harbour at dusk.jpg"], False, id="relgen"),
        # inflected names: every word of the name, each perhaps in another case
        pytest.param(
            "Ja, Agnieszka Nowak, udostępniam je.",
            ["File:Portret Agnieszki Nowak.jpg"],
            True,
            id="pl-genitive",
        ),
        pytest.param(
            "Ja, Jan Kowalski, udostępniam je.",
            ["File:Portret Jana Kowalskiego.jpg"],
            True,
            id="pl-masculine",
        ),
        pytest.param(
            "Ja, Marek Nowak, udostępniam je.", ["File:Z Nowakiem w Krakowie.jpg"], False, id="pl-surname"
        ),
        pytest.param(
            "Ja, Jan Nowak, udostępniam je.", ["File:Janusz Nowak 2020.jpg"], False, id="pl-other-first-name"
        ),
        pytest.param(
            "CC BY 4.0.\n\nMatti Virtanen",
            ["File:Matti Virtasen muotokuva.jpg"],
            True,
            id="fi-genitive",
        ),
        pytest.param(
            "CC BY 4.0.\n\nNagy Péter", ["File:Nagy Péternek a díj átadása.jpg"], True, id="hu-dative"
        ),
        pytest.param(
            "I, Peter Kessler, release it.",
            ["File:Peter Lustig in Kesselbach.jpg"],
            False,
            id="place-not-name",
        ),
        pytest.param(
            "I, Anna Berg, release it.", ["File:Annaberg church.jpg"], False, id="place-joins-names"
        ),
        pytest.param(
            "Ja, Tomasz Kowalski, udostępniam je.",
            ["File:Kowalskiego 5, Kraków.jpg"],
            False,
            id="street-surname",
        ),
        # a Cyrillic signature, the title romanised: the same person
        pytest.param(
            "CC BY-SA 4.0.\n\nС уважением,\nДмитрий Соколов",
            ["File:Dmitry Sokolov 2024.jpg"],
            True,
            id="ru-romanised-title",
        ),
        pytest.param(
            "CC BY-SA 4.0.\n\nЗ повагою,\nЮлія Бондар",
            ["File:Yuliia Bondar portrait.jpg"],
            True,
            id="uk-romanised",
        ),
        pytest.param(
            "CC BY-SA 4.0.\n\nС уважением,\nДмитрий Соколов",
            ["File:Irina Sokolova 2024.jpg"],
            False,
            id="ru-romanised-other-first-name",
        ),
        pytest.param(
            "CC BY-SA 4.0.\n\nΜε εκτίμηση,\nΕλένη Παπαδάκη",
            ["File:Eleni Papadaki in concert, Thessaloniki 2025.jpg"],
            True,
            id="el-romanised-title",
        ),
        # a patronymic or a middle name left out of the title; not a name's last word otherwise
        pytest.param(
            "CC BY-SA 4.0.\n\nС уважением,\nВолкова Анна Сергеевна",
            ["File:Анна Волкова в спектакле «Чайка», 2024.jpg"],
            True,
            id="ru-patronymic-left-out",
        ),
        pytest.param(
            "CC BY-SA 4.0.\n\nΓιώργος Παπαδόπουλος",
            ["File:Giorgos Papadopoulos (conductor) 2025.jpg"],
            True,
            id="el-digraphs",
        ),
        pytest.param(
            "CC BY-SA 4.0.\n\nΓιώργος Παπαδόπουλος",
            ["File:Osios Loukas Monastery, photo Giorgos Papadopoulos.jpg"],
            False,
            id="el-credited-in-title",
        ),
        pytest.param(
            "CC BY 4.0.\n\nMaria Sofia Lindqvist", ["File:Maria Lindqvist, 2023.jpg"], True, id="middle-name"
        ),
        pytest.param(
            "CC BY 4.0.\n\nAnna Maria Lindqvist",
            ["File:Anna Maria Church.jpg"],
            False,
            id="last-word-missing",
        ),
        pytest.param(
            "CC BY 4.0.\n\nMaria da Silva", ["File:Igreja de Santa Maria da Feira.jpg"], False, id="particle"
        ),
        pytest.param(
            "أنا كريم حداد، المالك الوحيد للحقوق. CC BY-SA 4.0.\n\n"
            "مع الشكر،\nكريم حداد\nKarim Haddad – عازف عود",
            ["File:Karim Haddad oud concert Beirut 2024.jpg"],
            True,
            id="signed-again-in-the-title-s-script",
        ),
        pytest.param(
            "ดิฉันยินยอมให้เผยแพร่ภาพนี้ CC BY-SA 4.0\n\nขอบคุณค่ะ\nพิมพ์ชนก ศรีสุวรรณ\nwww.example.com",
            ["File:พิมพ์ชนก ศรีสุวรรณ 2025.jpg"],
            True,
            id="an-uncased-name-under-the-closing",
        ),
        pytest.param(
            "Imaginea reprezintă tabloul meu „Iarna la Sinaia”. CC BY-SA 4.0.\n\nAna Munteanu",
            ["File:Ana Munteanu - Iarna la Sinaia.jpg"],
            False,
            id="the-painter-s-own-painting",
        ),
        pytest.param(
            "This is a photo of my painting at the gallery. CC BY-SA 4.0.\n\nAna Munteanu",
            ["File:Ana Munteanu - Winter.jpg"],
            False,
            id="my-painting",
        ),
        pytest.param(
            "It is not my painting, my friend painted it. CC BY-SA 4.0.\n\nAna Munteanu",
            ["File:Ana Munteanu - Winter.jpg"],
            True,
            id="not-my-painting",
        ),
        pytest.param(
            "Ovo je moja slika s koncerta. CC BY-SA 4.0.\n\nAna Munteanu",
            ["File:Ana Munteanu na koncertu.jpg"],
            True,
            id="moja-slika-may-be-a-picture-of-me",
        ),
        pytest.param(
            "A portrait of me in front of my painting. CC BY-SA 4.0.\n\nAna Munteanu",
            ["File:Ana Munteanu at the gallery.jpg"],
            True,
            id="my-painting-but-a-portrait-of-me",
        ),
        pytest.param(
            "I write for Qala Blu Ltd and release File:Qala Blu, pool.jpg under CC BY 4.0."
            "\n\nJane Borg\nMarketing\n\n--\nQala Blu | 1 Quay Street | www.qalablu.example",
            ["File:Qala Blu, pool.jpg"],
            False,
            id="a-footer-company-written-with-ltd-is-no-person-shown",
        ),
        pytest.param(
            "Min nabo har lagt to billeder af mine malerier op. CC BY-SA 4.0.\n\nKaren Holm",
            ["File:Karen Holm - Vinterhav ved Løkken, olie på lærred 2021.jpg"],
            False,
            id="da-pictures-of-my-paintings-name-their-painter",
        ),
        pytest.param(
            "Tour manager here. CC BY-SA 4.0.\n\nMike Dunn\nThe Lantern Rows",
            ["File:The Lantern Rows live at the Roxy.jpg"],
            False,
            id="a-band-opening-with-the-is-no-person-shown",
        ),
        pytest.param(
            "I took the four pictures below. CC BY 4.0. The portrait of me on my website was taken by my "
            "daughter and is not part of this release.\n\nGraham Holt",
            ["File:Govan shipyard cranes 1987.jpg"],
            False,
            id="a-portrait-left-out-of-the-release-is-not-a-file-shown",
        ),
        pytest.param(
            "I took the four pictures below. CC BY 4.0. One is a portrait of me.\n\nGraham Holt",
            ["File:Govan shipyard cranes 1987.jpg"],
            True,
            id="a-portrait-among-the-files",
        ),
        pytest.param(
            "Eu sou o fotógrafo; CC BY-SA 4.0.\n\nCaio Lima",
            ["File:Caio Lima no estúdio.jpg"],
            True,
            id="pt-a-photographer-named-in-a-title-without-an-artwork-is-shown",
        ),
    ],
)
def test_depicts_signer(
    vocab: StatementVocabulary, licenses: LicenseVocabulary, text: str, files: list[str], depicts: bool
) -> None:
    assert read(vocab, licenses, text, files).depicts_signer is depicts


def test_depicts_signer_by_the_name_in_full_width_brackets(
    vocab: StatementVocabulary, licenses: LicenseVocabulary
) -> None:
    """ "田中美咲（Misaki Tanaka）": the title's romanised name is hers."""
    text = "シンガーソングライターの田中美咲（Misaki Tanaka）です。CC BY-SA 4.0 で公開します。\n\n田中美咲"
    sender = Address("info@misaki.example", "田中美咲")
    files = ["File:Misaki Tanaka live 2024.jpg"]
    assert read(vocab, licenses, text, files, sender=sender).depicts_signer


def test_an_institution_named_in_a_title_is_no_portrait(
    vocab: StatementVocabulary, licenses: LicenseVocabulary
) -> None:
    # the From name is the museum's ("House of Ceramics"): its hall in a title shows no signer
    text = "نوافق على نشرهما CC BY 4.0.\n\nمع خالص التحية،\nليلى العمري"
    sender = Address("media@example.jo", "بيت الخزف")
    statement = read(vocab, licenses, text, ["File:بيت الخزف، القاعة الرئيسية.jpg"], sender=sender)
    assert not statement.depicts_signer


@pytest.mark.parametrize(
    ("name", "title", "depicts"),
    [
        pytest.param("তানিয়া হোসেন", "File:তানিয়া হোসেন, চট্টগ্রাম ২০২৫.jpg", True, id="bn"),
        pytest.param("তানিয়া হোসেন", "File:কর্ণফুলী নদী, চট্টগ্রাম ২০২৫.jpg", False, id="bn-other-title"),
        pytest.param("प्रिया शर्मा", "File:प्रिया शर्मा पुस्तक मेले में.jpg", True, id="hi"),
    ],
)
def test_depicts_signer_with_vowel_signs(
    vocab: StatementVocabulary, licenses: LicenseVocabulary, name: str, title: str, depicts: bool
) -> None:
    # Bengali and Devanagari names carry vowel signs, which str.isalpha() does not count as letters
    sender = Address("a@b.example", name)
    statement = read(vocab, licenses, f"CC BY-SA 4.0.\n\n{name}", [title], sender=sender)
    assert statement.depicts_signer is depicts


@pytest.mark.parametrize(
    ("text", "depicts"),
    [
        pytest.param("Auf dem Foto bin ich zu sehen. CC BY 4.0.", True, id="portrait-said"),
        pytest.param(
            "Auf der Website steht der Vermerk „Foto: Sabine Lorenz“ – das bin ich. CC BY 4.0.",
            False,
            id="who-the-caption-names",
        ),
    ],
)
def test_depiction_said_in_words(
    vocab: StatementVocabulary, licenses: LicenseVocabulary, text: str, depicts: bool
) -> None:
    assert read(vocab, licenses, f"{text}\n\nSabine Lorenz").depicts_signer is depicts


def test_depiction_in_subject(vocab: StatementVocabulary, licenses: LicenseVocabulary) -> None:
    assert read(vocab, licenses, "CC BY 4.0", subject="My portrait").depicts_signer


# --- forwarded statements and quotes -----------------------------------------------------------------

FORWARDED_RELEASE = (
    "From: Ben Ortiz <ben@ortizimages.com>\nSubject: permission\n\nI hereby affirm that I, Ben Ortiz, am the "
    "creator of File:Desert bloom Ortiz.jpg. I agree to publish it under CC BY-SA 4.0.\n\nBen Ortiz\n"
    "2024-05-14\nhttps://ortizimages.com"
)


@pytest.mark.parametrize(
    ("own", "forwarded", "expected"),
    [
        pytest.param(
            "Hi, the photographer sent me this.", FORWARDED_RELEASE, True, id="grant-only-forwarded"
        ),
        pytest.param("I confirm: CC BY-SA 4.0.", FORWARDED_RELEASE, False, id="grant-also-own"),
        pytest.param("See below.", "Only for Wikipedia, please.", True, id="restriction-forwarded"),
        pytest.param("See below.", "Please use my photo.", False, id="no-grant-anywhere"),
        pytest.param(GRANT, "", False, id="own-only"),
        pytest.param("", FORWARDED_RELEASE, True, id="forward-without-own-words"),
    ],
)
def test_forwarded(
    vocab: StatementVocabulary, licenses: LicenseVocabulary, own: str, forwarded: str, expected: bool
) -> None:
    assert read(vocab, licenses, own, forwarded=forwarded).forwarded is expected


def test_forwarded_statement_speaks_for_its_author(
    vocab: StatementVocabulary, licenses: LicenseVocabulary
) -> None:
    statement = read(
        vocab,
        licenses,
        "Hi, the photographer sent me this, forwarding it to you.\n\nSam\nwww.sams-uploads.net",
        forwarded=FORWARDED_RELEASE,
        sender=Address("uploader.sam@yahoo.com", "Sam Uploader"),
        forwarded_from=Address("ben@ortizimages.com", "Ben Ortiz"),
    )
    assert statement.signer == "Ben Ortiz"
    assert statement.holder_names == ("Ben Ortiz",)
    assert statement.websites == ("https://ortizimages.com", "https://www.sams-uploads.net")
    assert statement.forwarded


@pytest.mark.parametrize(
    ("origin", "forwarded"),
    [
        pytest.param("ben@ortizimages.com", False, id="own-mail-forwarded"),
        pytest.param("ben.ortiz@gmail.com", True, id="other-address"),
    ],
)
def test_forwarding_ones_own_mail_is_in_person(
    vocab: StatementVocabulary, licenses: LicenseVocabulary, origin: str, forwarded: bool
) -> None:
    """The holder forwards, from the same address, the release they sent the uploader: still in person."""
    statement = read(
        vocab,
        licenses,
        "I forward the statement I sent to the uploader; I confirm it.\n\nBen Ortiz",
        forwarded=FORWARDED_RELEASE,
        sender=Address("ben@ortizimages.com", "Ben Ortiz"),
        forwarded_from=Address(origin, "Ben Ortiz"),
    )
    assert statement.forwarded is forwarded


def test_quoted_agent_text_is_not_the_release(
    vocab: StatementVocabulary, licenses: LicenseVocabulary
) -> None:
    msg = message(
        "Hi, sorry. I took the photo myself and license it under CC BY 4.0.\n\nSam Whitaker",
        quoted='> Dear Sam, "non-commercial use only" (CC BY-NC 4.0) is not accepted. I, Agent Smith, '
        "represent the VRT. Photo by John Doe?",
    )
    assert "CC BY-NC" not in release_text(msg)
    statement = read_statement(msg, [], vocab, licenses)
    assert (statement.signer, statement.represents, statement.credits) == ("Sam Whitaker", None, ())
    assert not statement.forwarded


def test_release_text_is_own_then_forwarded(vocab: StatementVocabulary) -> None:
    msg = message("own words", quoted="> quoted words", forwarded="forwarded words")
    assert release_text(msg) == "own words\n\nforwarded words"


# --- config ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "key"),
    [
        pytest.param({"languages": {}}, "languages", id="no-languages"),
        pytest.param({"languages": {"xx": {"colour": ["red"]}}}, r"languages\.xx\.colour", id="unknown-key"),
        pytest.param(
            {"languages": {"xx": {"signer": "I, {name},"}}}, r"languages\.xx\.signer", id="not-a-list"
        ),
        pytest.param({"languages": {"xx": {"signer": ["I, Jane,"]}}}, "signer", id="template-without-slot"),
        pytest.param({"languages": {"xx": {"credit": ["{name} took it"]}}}, "credit", id="slot-first"),
        pytest.param(
            {"languages": {"xx": {"credit_full_name": ["scatto di"]}}},
            "credit_full_name",
            id="full-name-no-slot",
        ),
        pytest.param(
            {"languages": {"xx": {"make_verbs": "hizo"}}},
            r"languages\.xx\.make_verbs",
            id="make-verbs-not-list",
        ),
        pytest.param({"websites": {"tlds": ["com"]}}, r"websites\.ignored_hosts", id="hosts-missing"),
        pytest.param({"websites": []}, "websites", id="websites-not-table"),
        pytest.param({"languages": {"xx": {"represent": ["{org}"]}}}, "represent", id="slot-alone"),
        pytest.param({"signature": {}}, r"signature\.footer_prose_lines", id="footer-lines-missing"),
        pytest.param(
            {"signature": {"footer_prose_lines": 9}}, r"signature\.footer_prose_lines", id="footer-lines-many"
        ),
        pytest.param({"credits": {}}, r"credits\.wrapped_line_length", id="wrapped-length-missing"),
        pytest.param(
            {"credits": {"wrapped_line_length": 5}},
            r"credits\.wrapped_line_length",
            id="wrapped-length-short",
        ),
        pytest.param(
            {"languages": {"xx": {"caseless_credit": ["由拍攝"]}}}, "caseless_credit", id="caseless-no-slot"
        ),
        pytest.param(
            {"languages": {"xx": {"caseless_credit": ["由{name}"]}}},
            "caseless_credit",
            id="caseless-nothing-after",
        ),
    ],
)
def test_config_errors_name_the_key(change: dict[str, Any], key: str) -> None:
    with pytest.raises(ConfigError, match=key):
        StatementVocabulary.from_mapping(config("statement.toml") | change)


@settings(max_examples=150, deadline=None)
@given(
    own=st.text(alphabet=st.characters(codec="utf-8"), max_size=300),
    forwarded=st.text(alphabet="aA ,.:;-'\n()@/I©Copyrightbyphoto", max_size=200),
)
def test_never_raises(
    vocab: StatementVocabulary, licenses: LicenseVocabulary, own: str, forwarded: str
) -> None:
    """Whatever the mail holds, the reader answers: a statement, never an exception."""
    statement = read(vocab, licenses, own, ["File:" + own[:40]], forwarded=forwarded)
    assert all(url.startswith(("http://", "https://")) for url in statement.websites)


AGENCY_FOR_ARTIST = (
    "Я менеджер художницы и пишу по её поручению. Елена Соколова является автором и единственным "
    "обладателем исключительных авторских прав на картину Файл:Утро на Онеге.jpg. CC BY-SA 4.0.\n\n"
    "Официальный сайт художницы: https://sokolova-art.example\n\n"
    "С уважением,\nДмитрий Орлов\nменеджер\n{agency}\nhttps://palitra-agency.example"
)


@pytest.mark.parametrize(
    "agency", ["Арт-агентство Палитра", "Арт-агентство «Палитра»"], ids=["plain", "quoted"]
)
def test_holder_named_before_what_it_holds(
    vocab: StatementVocabulary, licenses: LicenseVocabulary, agency: str
) -> None:
    """An agency's manager writes for the artist the text names as the sole owner: the artist is the holder,
    the site named above the signature is hers, the agency's own is not."""
    statement = read(vocab, licenses, AGENCY_FOR_ARTIST.format(agency=agency))
    assert statement.represents == "Елена Соколова"
    assert statement.websites == ("https://sokolova-art.example",)


def test_slot_first_templates_are_for_representation_only() -> None:
    """ "{org} adına" is a represent template; a credit must start with words (pronouns follow them)."""
    data = config("statement.toml")
    data["languages"] = {"xx": {"represent": ["{org} adına"]}}
    data["language_aliases"] = {}
    vocab = StatementVocabulary.from_mapping(data)
    assert vocab.represent.trailing("adina")


# A fixed detector's (language, probability): a credit word of another language counts only when the
# paragraph's language is known and sure; unsure, unknown to the config, or no detector: every language's.
TAKEN_FROM_A_PLACE = "A fotografia foi tirada da Torre de Belém ao pôr do sol."
PARAGRAPH_LANGUAGES = [
    pytest.param(("pt", 0.99), (), id="sure-portuguese-da-is-of-the"),
    pytest.param(("it", 0.99), (), id="sure-italian-has-no-tirada"),
    pytest.param(("pt", 0.5), ("Torre de Belém",), id="unsure-every-language"),
    pytest.param(("ky", 0.99), ("Torre de Belém",), id="language-without-tables-every-language"),
    pytest.param(None, ("Torre de Belém",), id="no-detector-every-language"),
]


@pytest.mark.parametrize(("detected", "credited"), PARAGRAPH_LANGUAGES)
def test_credit_words_of_the_paragraphs_language(
    vocab: StatementVocabulary,
    licenses: LicenseVocabulary,
    detected: tuple[str, float] | None,
    credited: tuple[str, ...],
) -> None:
    detector = None if detected is None else LanguageDetector(lambda _text: detected, 0.9)
    statement = read_statement(message(TAKEN_FROM_A_PLACE), (), vocab, licenses, detector)
    assert tuple(credit.name for credit in statement.credits if not credit.by_signer) == credited


# A self-made phrase lifts the depiction question, so it counts only in its own language's paragraph
# (English "timer" in Dutch is a kitchen timer); loanwords of [languages.common] count in every language.
SAUNA = "Op de foto sta ik naast de timer van de sauna."
SELF_MADE_BY_LANGUAGE = [
    pytest.param(SAUNA, ("nl", 0.99), False, id="nl-timer-not-self"),
    pytest.param(SAUNA, ("nl", 0.5), True, id="unsure-every-language"),
    pytest.param(SAUNA, None, True, id="no-detector-every-language"),
    pytest.param("I used the timer on the tripod.", ("en", 0.99), True, id="en-timer-self"),
    pytest.param("Это селфи, сделанное на вершине.", ("ru", 0.99), True, id="ru-own-word"),
    pytest.param("Это моё selfie на вершине горы.", ("ru", 0.99), True, id="ru-common-loanword"),
    pytest.param("Это фото с таймером на вершине.", ("ru", 0.99), False, id="ru-no-such-phrase"),
]


@pytest.mark.parametrize(("text", "detected", "self_made"), SELF_MADE_BY_LANGUAGE)
def test_self_made_words_of_the_paragraphs_language(
    vocab: StatementVocabulary,
    licenses: LicenseVocabulary,
    text: str,
    detected: tuple[str, float] | None,
    self_made: bool,
) -> None:
    detector = None if detected is None else LanguageDetector(lambda _text: detected, 0.9)
    statement = read_statement(message(text), (), vocab, licenses, detector)
    assert statement.self_made is self_made


WRAPPED_AT_60 = (
    "Kuvan on ottanut kevätretkellämme pitkäaikainen\n"
    "kerhotoverimme ja retkiemme vetäjä Jari Laaksonen, ja kerho\n"
    "julkaisee sen.\n"
    "\n"
    "Terveisin\n"
    "Sari Heikkinen\n"
)


@pytest.mark.parametrize(
    ("text", "wrapped_length", "expected"),
    [
        pytest.param(
            "A line of more than twenty letters\nand its end.",
            20,
            "A line of more than twenty letters and its end.",
            id="long-line-joined",
        ),
        pytest.param("Kind regards\nJane Roe", 20, "Kind regards\nJane Roe", id="short-line-kept"),
        pytest.param(
            "It ends a sentence here.\nNext one",
            5,
            "It ends a sentence here.\nNext one",
            id="sentence-end-kept",
        ),
        pytest.param(
            "A long line of text goes on\n> quoted",
            5,
            "A long line of text goes on\n> quoted",
            id="quote-kept",
        ),
        pytest.param(
            WRAPPED_AT_60,
            40,
            WRAPPED_AT_60.replace("pitkäaikainen\n", "pitkäaikainen ").replace("kerho\n", "kerho "),
            id="wrapped-at-60-before-a-long-word",
        ),
    ],
)
def test_joined_wraps(text: str, wrapped_length: int, expected: str) -> None:
    """Line breaks a mail program put into a sentence become spaces, at the same offsets (at 60 columns a
    line may end 47 characters in, before a long word); greetings and names stay lines."""
    joined = joined_wraps(text, wrapped_length)
    assert joined == expected
    assert len(joined) == len(text)


@pytest.mark.parametrize(
    ("text", "files", "credited"),
    [
        # "fotos de X" says photos of X as well as by X: a name the file title holds is what is shown
        (
            "Os escribo por las dos fotos de Albarracín que subió un usuario.",
            ["File:Albarracín desde el castillo.jpg"],
            [],
        ),
        # near miss: the same words, the name in no title: a credit to someone else
        (
            "Os escribo por las dos fotos de Albarracín que subió un usuario.",
            ["File:Teruel de noche.jpg"],
            ["Albarracín"],
        ),
        # a trade and a name with no verb, the name in the title: the photographer is what is shown
        (
            "The woman in the picture is the photographer Nadia Quinn, covering the race.",
            ["File:Nadia Quinn photographing the start, 2025.jpg"],
            [],
        ),
        (
            "The woman in the picture is the photographer Nadia Quinn, covering the race.",
            ["File:Cowes Week start, 2025.jpg"],
            ["Nadia Quinn"],
        ),
        # near miss: "by" is never a depiction, whatever the title holds
        ("The photo was taken by Anna Berg.", ["File:Anna Berg at the harbour.jpg"], ["Anna Berg"]),
        # two places joined by "e", each in a title of its own (the titles without the particle "di")
        (
            "Vi scrivo per le foto di Piazza del Campo e di Palazzo Pubblico che ho caricato.",
            ["File:Siena, Piazza del Campo al tramonto.jpg", "File:Siena, Palazzo Pubblico e Torre.jpg"],
            [],
        ),
        # near miss: one of the two in no title
        (
            "Vi scrivo per le foto di Piazza del Campo e di Palazzo Pubblico che ho caricato.",
            ["File:Siena, Piazza del Campo al tramonto.jpg", "File:Siena di notte.jpg"],
            ["Piazza del Campo e di Palazzo Pubblico"],
        ),
        # Georgian writes no capitals: the name after the painter is the one the title spells in Latin
        (
            "ნახატის ავტორი და საავტორო უფლებების მფლობელია მხატვარი დავით გოგიჩაიშვილი.",
            ["File:Davit Gogichaishvili - Old Tbilisi balconies (2021).jpg"],
            ["Davit Gogichaishvili"],
        ),
        # near miss: the title names someone else than the words after the painter
        (
            "ნახატის ავტორი და საავტორო უფლებების მფლობელია მხატვარი დავით გოგიჩაიშვილი.",
            ["File:Nino Beridze - Old Tbilisi balconies (2021).jpg"],
            [],
        ),
        # near miss: the title's place ("Old Tbilisi") is no painter's name
        ("ფოტოგრაფი ძველ თბილისში ვარ.", ["File:Davit Gogichaishvili - Old Tbilisi balconies.jpg"], []),
    ],
)
def test_describing_credit_to_a_name_in_a_title(
    vocab: StatementVocabulary, licenses: LicenseVocabulary, text: str, files: list[str], credited: list[str]
) -> None:
    statement = read(vocab, licenses, "Lucía Méndez\n\n" + text, files)
    assert [credit.name for credit in statement.credits if not credit.by_signer] == credited


@pytest.mark.parametrize(
    ("credit", "credited"),
    [
        # the name the signer also writes in brackets, in another script, is hers
        ("Copyright : © 2022 Oksana Melnyk", []),
        # near miss: another name in the same line is someone else's
        ("Copyright : © 2022 Ivan Petrenko", ["Ivan Petrenko"]),
    ],
)
def test_credit_to_the_signers_bracketed_alias(
    vocab: StatementVocabulary, licenses: LicenseVocabulary, credit: str, credited: list[str]
) -> None:
    text = (
        f"{credit}\n\nЯ, Оксана Мельник, підтверджую, що є автором. Ліцензія CC BY-SA 4.0.\n\n"
        "З повагою,\nОксана Мельник (Oksana Melnyk)\nфотографиня"
    )
    statement = read(vocab, licenses, text)
    assert [c.name for c in statement.credits if not c.by_signer] == credited


@pytest.mark.parametrize(
    ("files", "depicts"),
    [(["File:김서연 프로필 2023.jpg"], True), (["File:경복궁 야경.jpg"], False)],
    ids=["korean-name-one-word-in-title", "korean-name-not-in-title"],
)
def test_korean_name_written_as_one_word(
    vocab: StatementVocabulary, licenses: LicenseVocabulary, files: list[str], depicts: bool
) -> None:
    text = "CC BY-SA 4.0로 공개합니다.\n\n감사합니다.\n김서연"
    statement = read(vocab, licenses, text, files, sender=Address("kim@example.kr", "김서연"))
    assert statement.depicts_signer is depicts


@pytest.mark.parametrize(
    ("text", "credited"),
    [
        ("I am Lucía Méndez, the photographer who took the picture.", []),
        ("Soy Lucía Méndez, la fotógrafa que tomó la foto.", []),
        # near miss: a sentence of its own describes someone else
        ("I am Lucía Méndez, the uploader. The photographer who took the picture is a friend.", ["unnamed"]),
    ],
    ids=["english-apposition", "spanish-apposition", "another-sentence"],
)
def test_a_trade_set_after_the_signers_name_describes_the_signer(
    vocab: StatementVocabulary, licenses: LicenseVocabulary, text: str, credited: list[str]
) -> None:
    statement = read(vocab, licenses, text + "\n\nLucía Méndez")
    assert [credit.name or "unnamed" for credit in statement.credits if not credit.by_signer] == credited


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        pytest.param(("File:仁王門の紅葉 (撮影 山田太郎).jpg",), ("山田太郎",), id="ja-label-in-brackets"),
        pytest.param(("File:Lake Bled (photo by John Smith).jpg",), ("John Smith",), id="en-photo-by"),
        pytest.param(("File:Zamek w Malborku - fot. Jan Kowalski.jpg",), ("Jan Kowalski",), id="pl-dash"),
        pytest.param(("File:Selbstporträt (Foto Sam Sender).jpg",), (), id="signer-own-credit"),
        pytest.param(("File:Sam Sender at the harbour.jpg",), (), id="a-name-alone-credits-nobody"),
        pytest.param(("File:Museo de Arte Moderno (Madrid).jpg",), (), id="a-place-in-brackets"),
    ],
)
def test_file_title_credits(
    vocab: StatementVocabulary, licenses: LicenseVocabulary, files: tuple[str, ...], expected: tuple[str, ...]
) -> None:
    own = "I release the photo under CC BY-SA 4.0.\n\nSam Sender"
    statement = read(vocab, licenses, own, files)
    assert tuple(credit.name for credit in statement.credits) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "ウィキメディア・コモンズ御中\n\nソプラノ歌手の青木美咲です。\n", "青木美咲", id="trade-then-name"
        ),
        pytest.param(
            "お世話になっております。\n私は田中一郎と申します。", "田中一郎", id="first-person-topic"
        ),
        pytest.param(
            "ご質問の件ですが、写真を撮影したのは友人の佐藤です。", None, id="the-photographer-is-someone"
        ),
        pytest.param("これは私の写真です。", None, id="a-photo-noun"),
        pytest.param("以上です。", None, id="that-is-all"),
        pytest.param("Sehr geehrte Damen und Herren, ich bin Jan.", None, id="no-caseless-name"),
    ],
)
def test_caseless_introduced(vocab: StatementVocabulary, text: str, expected: str | None) -> None:
    assert caseless_introduced(text, vocab) == expected


@pytest.mark.parametrize(
    ("address", "name", "spelled"),
    [
        ("theo.garnier44@laposte.net", "Théo Garnier", True),
        ("kavitha@kavitha-raman.in", "Kavitha Raman", True),
        ("anna.berg@berg-foto.example", "Erik Berg", False),  # a relative shares the surname only
        ("li.wei@mail.example", "Li Wei", False),  # two letters may be any address's part
        ("theo@garnier.example", "Théo", False),  # one word names nobody for sure
    ],
)
def test_address_spells_the_writers_name(address: str, name: str, spelled: bool) -> None:
    assert address_spells(address, name.split()) is spelled
