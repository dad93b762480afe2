"""The license reader, on tables of release wordings in eight languages, and on the sample mails."""

from __future__ import annotations

import email
import email.policy
import json
import tomllib
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from verification.errors import ConfigError
from verification.html_text import html_to_text
from verification.licenses import LicenseVocabulary, fold, read_license, tokenize
from verification.model import LicenseProblem

ROOT = Path(__file__).resolve().parents[2]
NC = LicenseProblem.NON_COMMERCIAL
ND = LicenseProblem.NO_DERIVATIVES
WP = LicenseProblem.WIKIPEDIA_ONLY
NOT_FREE = LicenseProblem.NOT_FREE
NO_VERSION = LicenseProblem.NO_VERSION
NONE = LicenseProblem.NONE_FOUND


def license_config() -> dict[str, Any]:
    return tomllib.loads((ROOT / "config" / "licenses.toml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def vocab() -> LicenseVocabulary:
    return LicenseVocabulary.from_mapping(license_config())


EN_RELEASE = (
    "I hereby affirm that I, Jane Roe, am the creator and/or sole owner of the exclusive copyright of the "
    "following media work: File:Example.jpg\n\nI agree to publish the above-mentioned work under the free "
    "license {license}.\n\nI acknowledge that I grant anyone the right to use the work, also in a commercial "
    "product, and to modify it to their needs, as long as they follow the terms of the license and the law. "
    "I understand that this agreement is not limited to Wikipedia, that the copyright holder keeps the "
    "copyright and the right to be credited according to the license, and that I cannot withdraw this "
    "agreement. Modifications others make to the work will not be claimed to have been made by me.\n\n"
    "Jane Roe\n2024-05-14"
)
DE_RELEASE = (
    "Hiermit erkläre ich in Bezug auf das Bild Datei:Beispiel.jpg, dass ich der Urheber und alleinige "
    "Inhaber der ausschließlichen Nutzungsrechte bin. Ich erlaube hiermit jedermann die Weiterverwendung "
    "des Werkes unter der freien Lizenz {license}. Mir ist bewusst, dass diese Lizenz auch kommerzielle "
    "Nutzung erlaubt und die Freigabe unwiderruflich ist. Die Freigabe ist nicht auf Wikipedia beschränkt."
)
FR_RELEASE = (
    "Je soussigné Jean Dupont déclare être l'auteur de Fichier:Exemple.jpg. J'accepte de publier le "
    "document sous la licence libre {license}. J'autorise toute personne à l'utiliser, y compris dans un "
    "produit commercial, et à le modifier. Cet accord n'est pas limité à Wikipédia et est irrévocable."
)
ES_RELEASE = (
    "Yo, Lucía Vargas, autora de Archivo:Ejemplo.jpg, acepto publicar la obra bajo la licencia libre "
    "{license}. Concedo a cualquiera el derecho de usarla incluso en un producto comercial y de "
    "modificarla. Entiendo que este acuerdo no se limita a Wikipedia y que no puedo revocarlo."
)
NL_RELEASE = (
    "Ik, Pieter de Vries, verklaar de maker te zijn van Bestand:Voorbeeld.jpg en geef toestemming onder de "
    "vrije licentie {license}. Iedereen mag het werk gebruiken, ook commercieel, en het bewerken. Deze "
    "toestemming is niet beperkt tot Wikipedia en is onherroepelijk."
)
IT_RELEASE = (
    "Con la presente io, Marco Rossi, dichiaro di essere l'autore della fotografia File:Esempio.jpg e di "
    "rilasciarla con la licenza {license}. Chiunque può usarla, anche a scopo commerciale, e modificarla. "
    "Questa autorizzazione non è limitata a Wikipedia ed è irrevocabile."
)
PL_RELEASE = (
    "Ja, Tomasz Nowak, jestem autorem zdjęcia Plik:Przykład.jpg i udostępniam je na licencji {license}. "
    "Każdy może je wykorzystywać, także w celach komercyjnych, i modyfikować. Zgoda nie ogranicza się do "
    "Wikipedii i jest nieodwołalna."
)
PT_RELEASE = (
    "Eu, Ana Ribeiro, declaro ser a autora da fotografia Ficheiro:Exemplo.jpg e autorizo a sua publicação "
    "sob a licença {license}. Qualquer pessoa pode usá-la, inclusive comercialmente, e modificá-la. Esta "
    "autorização não se limita à Wikipédia e é irrevogável."
)

# Release wordings in more queue languages, after the release generator's sentences: 'also commercial',
# 'not limited to Wikipedia', 'I cannot withdraw it' in each language's own way.
TR_RELEASE = (
    "İşbu belgeyle, Dosya:Örnek.jpg eserinin yaratıcısı ve/veya münhasır telif hakkının tek sahibi "
    "olduğumu beyan ederim. Bu eseri {license} özgür lisansı altında yayımlamayı kabul ediyorum. Herkese, "
    "eseri ticari amaçlar dahil ticari bir üründe veya başka şekilde kullanma ve ihtiyaçlarına göre "
    "değiştirme hakkı verdiğimi kabul ediyorum. Bu anlaşmanın yalnızca Vikipedi veya ilgili sitelerle "
    "sınırlı olmadığının farkındayım. Başkalarının esere yaptığı değişikliklerin telif hakkı sahibi "
    "tarafından yapıldığı iddia edilmeyecektir. Bu anlaşmayı geri alamayacağımı kabul ediyorum."
)
SV_RELEASE = (
    "Jag intygar härmed att jag, Anna Svensson, är skaparen och/eller ensam innehavare av den exklusiva "
    "upphovsrätten till verket Fil:Exempel.jpg. Jag samtycker till att publicera verket under den fria "
    "licensen {license}. Jag är medveten om att jag ger vem som helst rätt att använda verket, även "
    "kommersiellt i en kommersiell produkt eller på annat sätt, och att ändra det efter sina behov. Jag är "
    "medveten om att detta avtal inte är begränsat till Wikipedia eller relaterade webbplatser. Ändringar "
    "som andra gör i verket kommer inte att tillskrivas upphovsrättsinnehavaren. Jag är medveten om att jag "
    "inte kan återkalla detta avtal."
)
CS_RELEASE = (
    "Tímto prohlašuji, že já, Jan Novák, jsem autorem a/nebo jediným vlastníkem výhradních autorských práv "
    "k dílu Soubor:Příklad.jpg. Souhlasím se zveřejněním díla pod svobodnou licencí {license}. Beru na "
    "vědomí, že uděluji komukoli právo užívat dílo, také komerčně, v komerčním produktu či jinak, a "
    "upravovat je podle svých potřeb. Beru na vědomí, že tento souhlas není omezen na Wikipedii či "
    "související weby. Úpravy díla provedené jinými osobami nebudou připisovány držiteli autorských práv. "
    "Beru na vědomí, že tento souhlas nemohu odvolat."
)
DA_RELEASE = (
    "Jeg bekræfter hermed, at jeg, Mette Hansen, er skaberen og/eller eneindehaver af den eksklusive "
    "ophavsret til værket Fil:Eksempel.jpg. Jeg accepterer at udgive værket under den frie licens {license}. "
    "Jeg er indforstået med, at jeg giver enhver ret til at bruge værket, også kommercielt i et kommercielt "
    "produkt eller på anden vis, og til at ændre det efter behov. Jeg er klar over, at denne aftale ikke er "
    "begrænset til Wikipedia eller relaterede websteder. Ændringer, som andre foretager i værket, vil ikke "
    "blive tilskrevet ophavsretsindehaveren. Jeg er indforstået med, at jeg ikke kan tilbagekalde denne "
    "aftale."
)
NB_RELEASE = (
    "Jeg bekrefter herved at jeg, Ola Nordmann, er skaperen og/eller eneste innehaver av den eksklusive "
    "opphavsretten til verket Fil:Eksempel.jpg. Jeg samtykker i å publisere verket under den frie lisensen "
    "{license}. Jeg er innforstått med at jeg gir enhver rett til å bruke verket, også kommersielt i et "
    "kommersielt produkt eller på annen måte, og til å endre det etter behov. Jeg er klar over at denne "
    "avtalen ikke er begrenset til Wikipedia eller relaterte nettsteder. Endringer andre gjør i verket vil "
    "ikke bli tilskrevet rettighetshaveren. Jeg er klar over at jeg ikke kan trekke tilbake denne avtalen."
)
FI_RELEASE = (
    "Vakuutan täten, että minä, Mikko Virtanen, olen teoksen Tiedosto:Esimerkki.jpg tekijä ja/tai sen "
    "yksinomaisen tekijänoikeuden ainoa haltija. Suostun julkaisemaan teoksen vapaalla lisenssillä "
    "{license}. Ymmärrän antavani kenelle tahansa oikeuden käyttää teosta myös kaupalliseen käyttöön, "
    "kaupallisessa tuotteessa tai muuten, ja muokata sitä tarpeidensa mukaan. Ymmärrän, että tämä sopimus "
    "ei rajoitu Wikipediaan tai siihen liittyviin sivustoihin. Muiden teokseen tekemiä muutoksia ei väitetä "
    "tekijänoikeuden haltijan tekemiksi. Ymmärrän, etten voi perua tätä sopimusta."
)
HU_RELEASE = (
    "Kijelentem, hogy én, Kovács Anna, vagyok a Fájl:Példa.jpg mű alkotója és/vagy a kizárólagos szerzői "
    "jog egyedüli tulajdonosa. Hozzájárulok, hogy a mű a(z) {license} szabad licenc alatt jelenjen meg. "
    "Tudomásul veszem, hogy bárkinek jogot adok a mű felhasználására kereskedelmi célra is, kereskedelmi "
    "termékben vagy másként, valamint igényei szerinti módosítására. Tudomásul veszem, hogy ez a "
    "megállapodás nem korlátozódik a Wikipédiára vagy kapcsolódó oldalakra. A mások által végzett "
    "módosításokat nem tulajdonítják a szerzői jog tulajdonosának. Tudomásul veszem, hogy ezt a "
    "megállapodást nem vonhatom vissza."
)
RO_RELEASE = (
    "Prin prezenta afirm că eu, Ion Popescu, sunt creatorul și/sau unicul deținător al drepturilor de autor "
    "exclusive asupra lucrării Fișier:Exemplu.jpg. Sunt de acord să public lucrarea sub licența liberă "
    "{license}. Recunosc că acord oricui dreptul de a folosi lucrarea, inclusiv în scopuri comerciale, "
    "într-un produs comercial sau în alt mod, și de a o modifica în funcție de nevoi. Înțeleg că acest acord "
    "nu se limitează la Wikipedia sau la site-uri conexe. Modificările făcute de alții nu vor fi atribuite "
    "deținătorului drepturilor de autor. Înțeleg că nu pot retrage acest acord."
)
CA_RELEASE = (
    "Per la present declaro que jo, Jordi Puig, sóc el creador i/o l'únic titular dels drets d'autor "
    "exclusius de l'obra Fitxer:Exemple.jpg. Accepto publicar l'obra sota la llicència lliure {license}. "
    "Reconec que atorgo a qualsevol persona el dret d'utilitzar l'obra, també amb finalitats comercials, en "
    "un producte comercial o d'una altra manera, i de modificar-la segons les seves necessitats. Sóc "
    "conscient que aquest acord no es limita a la Viquipèdia ni a llocs relacionats. Les modificacions que "
    "altres facin a l'obra no s'atribuiran al titular dels drets d'autor. Reconec que no puc revocar aquest "
    "acord."
)
RU_RELEASE = (
    "Настоящим я, Иван Петров, подтверждаю, что являюсь автором и/или единственным владельцем "
    "исключительных авторских прав на произведение Файл:Пример.jpg. Я согласен опубликовать произведение "
    "под свободной лицензией {license}. Я предоставляю любому лицу право использовать произведение, в том "
    "числе в коммерческих целях, и изменять его по своему усмотрению. Я понимаю, что это соглашение не "
    "ограничивается Википедией. Изменения, внесённые другими, не будут приписываться правообладателю. Я "
    "понимаю, что не могу отозвать это соглашение."
)
JA_RELEASE = (
    "私、田中浩は、以下の写真 ファイル:例.jpg の著作者であり、その著作権を単独で保有していることをここに"
    "表明いたします。上記の作品を {license} の下で公開することに同意いたします。何人に対しても、商用製品での"
    "利用を含め、本作品を利用し、必要に応じて改変する権利を許諾することを了承します。本同意はウィキペディアに"
    "限定されないこと、また撤回できないことを理解しています。"
)
ZH_RELEASE = (
    "本人王伟，特此声明本人是作品 File:例子.jpg 的创作者和/或唯一的独家版权所有者。本人同意以自由许可协议 "
    "{license} 发布该作品。本人确认授予任何人以任何方式（包括商业用途）使用该作品并根据需要修改该作品的权利。"
    "本人知悉此协议不仅限于维基百科。本人知悉本协议不可撤销。"
)


def grant(template: str, name: str) -> str:
    return template.format(license=name)


@pytest.mark.parametrize(
    ("text", "spdx"),
    [
        # the spellings of one abbreviation
        pytest.param("under CC BY-SA 4.0.", "CC-BY-SA-4.0", id="abbr-plain"),
        pytest.param("under CC-BY-SA-4.0.", "CC-BY-SA-4.0", id="abbr-all-dashes"),
        pytest.param("under cc by sa 4.0", "CC-BY-SA-4.0", id="abbr-lower-spaces"),
        pytest.param("under CC BY\u2011SA 4.0", "CC-BY-SA-4.0", id="abbr-non-breaking-hyphen"),
        pytest.param("under CC BY\u2013SA 4.0", "CC-BY-SA-4.0", id="abbr-en-dash"),
        pytest.param("under CC-BY-SA 4.0 International", "CC-BY-SA-4.0", id="abbr-international"),
        pytest.param("the license (CC BY-SA 4.0) applies", "CC-BY-SA-4.0", id="abbr-parentheses"),
        pytest.param("under CC BY-SA v4.0", "CC-BY-SA-4.0", id="abbr-v-version"),
        pytest.param("under CC BY-SA version 4.0", "CC-BY-SA-4.0", id="abbr-version-word"),
        pytest.param("under CC BY-SA 4", "CC-BY-SA-4.0", id="abbr-bare-major"),
        pytest.param("under CC-BY-SA4.0", "CC-BY-SA-4.0", id="abbr-glued-version"),
        pytest.param("license: CC BY 4.0", "CC-BY-4.0", id="abbr-by"),
        pytest.param("under CC BY-SA 3.0", "CC-BY-SA-3.0", id="abbr-3.0"),
        pytest.param("under CC BY 2.5", "CC-BY-2.5", id="abbr-2.5"),
        pytest.param("under CC BY-SA 2.0", "CC-BY-SA-2.0", id="abbr-2.0"),
        pytest.param("under CC BY 1.0", "CC-BY-1.0", id="abbr-1.0"),
        pytest.param("under CC SA 4.0", "CC-BY-SA-4.0", id="sa-implies-by"),
        pytest.param("Creative Commons BY-SA 4.0", "CC-BY-SA-4.0", id="named-prefix-abbr-elements"),
        pytest.param("Creative Commons license BY-SA 4.0", "CC-BY-SA-4.0", id="named-prefix-license-word"),
        pytest.param("under BY-SA 4.0", "CC-BY-SA-4.0", id="no-prefix-two-abbreviations"),
        # full names in each language
        pytest.param(
            "Creative Commons Attribution-ShareAlike 4.0 International", "CC-BY-SA-4.0", id="en-full-by-sa"
        ),
        pytest.param("Creative Commons Attribution 4.0 International", "CC-BY-4.0", id="en-full-by"),
        pytest.param("Attribution-ShareAlike 4.0 International", "CC-BY-SA-4.0", id="en-full-no-prefix"),
        pytest.param("Creative Commons Attribution Share Alike 3.0 Unported", "CC-BY-SA-3.0", id="en-spaced"),
        pytest.param(
            "Namensnennung – Weitergabe unter gleichen Bedingungen 4.0 International",
            "CC-BY-SA-4.0",
            id="de-full-by-sa",
        ),
        pytest.param("Creative Commons Namensnennung 4.0 International", "CC-BY-4.0", id="de-full-by"),
        pytest.param(
            "Attribution - Partage dans les Mêmes Conditions 4.0", "CC-BY-SA-4.0", id="fr-full-by-sa"
        ),
        pytest.param(
            "Paternité - Partage des Conditions Initiales à l'Identique 3.0", "CC-BY-SA-3.0", id="fr-old"
        ),
        pytest.param("Creative Commons Attribution 4.0 International", "CC-BY-4.0", id="fr-full-by"),
        pytest.param("Atribución-CompartirIgual 4.0", "CC-BY-SA-4.0", id="es-atribucion"),
        pytest.param(
            "Reconocimiento-CompartirIgual 4.0 Internacional", "CC-BY-SA-4.0", id="es-reconocimiento"
        ),
        pytest.param("Creative Commons Reconocimiento 4.0", "CC-BY-4.0", id="es-by"),
        pytest.param("Naamsvermelding-GelijkDelen 4.0", "CC-BY-SA-4.0", id="nl-full-by-sa"),
        pytest.param("Creative Commons Naamsvermelding 4.0 Internationaal", "CC-BY-4.0", id="nl-full-by"),
        pytest.param("Attribuzione - Condividi allo stesso modo 4.0", "CC-BY-SA-4.0", id="it-full-by-sa"),
        pytest.param("Creative Commons Attribuzione 4.0 Internazionale", "CC-BY-4.0", id="it-full-by"),
        pytest.param("Uznanie autorstwa – Na tych samych warunkach 4.0", "CC-BY-SA-4.0", id="pl-full-by-sa"),
        pytest.param("Creative Commons Uznanie autorstwa 4.0 Międzynarodowe", "CC-BY-4.0", id="pl-full-by"),
        pytest.param("Atribuição-CompartilhaIgual 4.0", "CC-BY-SA-4.0", id="pt-br-full-by-sa"),
        pytest.param("Atribuição-Partilha nos Termos da Mesma Licença 4.0", "CC-BY-SA-4.0", id="pt-pt-by-sa"),
        pytest.param("Creative Commons Atribuição 4.0 Internacional", "CC-BY-4.0", id="pt-full-by"),
        # CC0 with its version (without it: see test_public_domain_and_cc0)
        pytest.param("CC0 1.0 Universal", "CC0-1.0", id="cc0-universal"),
        pytest.param("CC0 1.0 Universal Public Domain Dedication", "CC0-1.0", id="cc0-dedication"),
        pytest.param("https://creativecommons.org/publicdomain/zero/1.0/", "CC0-1.0", id="cc0-url"),
        # ported licenses
        pytest.param("CC BY-SA 3.0 DE", "CC-BY-SA-3.0-DE", id="port-de-code"),
        pytest.param("CC BY-SA 3.0 Deutschland", "CC-BY-SA-3.0-DE", id="port-de-name"),
        pytest.param("CC BY 3.0 AT", "CC-BY-3.0-AT", id="port-at"),
        pytest.param("CC BY-SA 3.0 Österreich", "CC-BY-SA-3.0-AT", id="port-at-name"),
        pytest.param("CC BY 3.0 NL", "CC-BY-3.0-NL", id="port-nl"),
        pytest.param("CC BY 3.0 US", "CC-BY-3.0-US", id="port-us"),
        pytest.param("CC BY-SA 2.0 UK", "CC-BY-SA-2.0-UK", id="port-uk"),
        pytest.param("CC BY-SA 2.0 DE", "CC-BY-SA-2.0", id="port-unknown-to-spdx-falls-back"),
        pytest.param("CC BY-SA 3.0 FR", "CC-BY-SA-3.0", id="port-code-unknown"),
        pytest.param("CC BY-SA 3.0 de", "CC-BY-SA-3.0", id="port-lower-case-is-a-word"),
        pytest.param("{{self|cc-by-sa-3.0-de}}", "CC-BY-SA-3.0-DE", id="port-commons-template-name"),
        pytest.param("{{Cc-by-4.0}}", "CC-BY-4.0", id="commons-template-name"),
        pytest.param("https://creativecommons.org/licenses/by-sa/3.0/de/", "CC-BY-SA-3.0-DE", id="port-url"),
        pytest.param("https://creativecommons.org/licenses/by/4.0/deed.de", "CC-BY-4.0", id="url-deed"),
        # GFDL and Free Art
        pytest.param("GFDL 1.2 or any later version", "GFDL-1.2-or-later", id="gfdl-later"),
        pytest.param("GNU Free Documentation License, Version 1.3", "GFDL-1.3-only", id="gfdl-only"),
        pytest.param("GFDL 1.2+", "GFDL-1.2-or-later", id="gfdl-plus"),
        pytest.param(
            "GNU-Lizenz für freie Dokumentation, Version 1.2 oder jede spätere Version",
            "GFDL-1.2-or-later",
            id="gfdl-de",
        ),
        pytest.param("Licence Art Libre 1.3", "LAL-1.3", id="lal-fr"),
        pytest.param("Free Art License 1.3", "LAL-1.3", id="lal-en"),
        # dual licensing: the first granted
        pytest.param("CC BY-SA 4.0 and GFDL", "CC-BY-SA-4.0", id="dual-cc-gfdl-unversioned"),
        pytest.param("GFDL 1.2 or later and CC BY-SA 3.0", "GFDL-1.2-or-later", id="dual-gfdl-first"),
        pytest.param("CC BY 4.0 or CC BY-SA 4.0, as you like", "CC-BY-4.0", id="dual-two-cc"),
        pytest.param(
            "Creative Commons, namely CC BY-SA 4.0", "CC-BY-SA-4.0", id="versioned-beats-unversioned"
        ),
        pytest.param("CC BY-SA 4.0, public domain", "CC-BY-SA-4.0", id="named-beats-public-domain-words"),
        pytest.param("© 2024 Acme. All rights reserved. CC BY-SA 4.0", "CC-BY-SA-4.0", id="footer-reserved"),
    ],
)
def test_free_license(vocab: LicenseVocabulary, text: str, spdx: str) -> None:
    finding = read_license(text, vocab)
    assert (finding.spdx, finding.problem) == (spdx, None)
    assert finding.mentions


PD_ONLY = LicenseProblem.PUBLIC_DOMAIN_ONLY


@pytest.mark.parametrize(
    ("text", "spdx", "problem"),
    [
        # CC0 needs its version: "1.0" in any of its spellings
        pytest.param("under CC0 1.0", "CC0-1.0", None, id="cc0-1.0"),
        pytest.param("{{CC0-1.0}}", "CC0-1.0", None, id="cc0-template-name"),
        pytest.param("CC0 1.0 Universal (CC0 1.0) Public Domain Dedication", "CC0-1.0", None, id="cc0-deed"),
        pytest.param("Creative Commons Zero v1.0 Universal", "CC0-1.0", None, id="cc0-words-versioned"),
        pytest.param(
            "creativecommons.org/publicdomain/zero/1.0/deed.de", "CC0-1.0", None, id="cc0-url-no-scheme"
        ),
        pytest.param(
            "Ich stelle es in die Public Domain (CC0 1.0 Universell).", "CC0-1.0", None, id="de-pd-with-cc0"
        ),
        pytest.param(
            "Je le place dans le domaine public sous CC0 1.0.", "CC0-1.0", None, id="fr-pd-with-cc0"
        ),
        # CC0 named without a version
        pytest.param("under CC0", None, NO_VERSION, id="cc0-alone"),
        pytest.param("under CC-0", None, NO_VERSION, id="cc0-dash"),
        pytest.param("Creative Commons Zero", None, NO_VERSION, id="cc0-words"),
        pytest.param("Ich gebe das Foto unter CC0 frei.", None, NO_VERSION, id="de-cc0"),
        pytest.param("CC0, public domain", None, NO_VERSION, id="cc0-and-public-domain"),
        pytest.param("CC0 2.0", None, NO_VERSION, id="cc0-no-such-version"),
        # public domain without any license
        pytest.param("I release it into the public domain.", None, PD_ONLY, id="en"),
        pytest.param("This photo is public domain.", None, PD_ONLY, id="en-bare"),
        pytest.param("Public Domain Dedication", None, PD_ONLY, id="en-dedication-title-alone"),
        pytest.param("Hierbij geef ik deze foto vrij in het publieke domein.", None, PD_ONLY, id="nl"),
        pytest.param("Das Foto ist gemeinfrei.", None, PD_ONLY, id="de"),
        pytest.param("je le place dans le domaine public", None, PD_ONLY, id="fr"),
        pytest.param("lo dedico al dominio público", None, PD_ONLY, id="es"),
        pytest.param("la rilascio nel pubblico dominio", None, PD_ONLY, id="it"),
        pytest.param("przekazuję je do domeny publicznej", None, PD_ONLY, id="pl"),
        pytest.param("coloco-a em domínio público", None, PD_ONLY, id="pt"),
        # a versioned license named beside public-domain words wins
        pytest.param("public domain, or if you prefer CC BY 4.0", "CC-BY-4.0", None, id="pd-then-cc-by"),
    ],
)
def test_public_domain_and_cc0(
    vocab: LicenseVocabulary, text: str, spdx: str | None, problem: LicenseProblem | None
) -> None:
    """The policy wants a free license with an explicit version: public domain alone, or CC0 without
    1.0, is not enough."""
    finding = read_license(text, vocab)
    assert (finding.spdx, finding.problem) == (spdx, problem)
    assert finding.mentions


# A refused permission: a modification or commercial word and a negated permission or a prohibition,
# a few words apart in one clause. The same table holds the standard release wording and other permissive
# sentences that put such words near a negation, which must never restrict.
REFUSALS = [
    # German
    pytest.param(
        "Eine Bearbeitung oder Veränderung des Bildes ist jedoch nicht gestattet.",
        ND,
        id="de-nicht-gestattet",
    ),
    pytest.param("Bearbeitungen sind nicht erlaubt.", ND, id="de-nicht-erlaubt"),
    pytest.param("Bearbeitungen sind nicht zulässig.", ND, id="de-nicht-zulaessig"),
    pytest.param("Das Bild darf nicht bearbeitet werden.", ND, id="de-darf-nicht"),
    pytest.param("Das Foto darf nicht verändert werden.", ND, id="de-darf-nicht-veraendert"),
    pytest.param("Veränderungen am Bild sind untersagt.", ND, id="de-untersagt"),
    pytest.param("Eine kommerzielle Nutzung ist leider nicht gestattet.", NC, id="de-nc-nicht-gestattet"),
    pytest.param("Gewerbliche Nutzung verboten.", NC, id="de-nc-verboten"),
    pytest.param(
        "Mir ist bewusst, dass diese Lizenz auch kommerzielle Nutzung erlaubt.", None, id="de-relgen"
    ),
    pytest.param("Veränderungen erlaubt.", None, id="de-veraenderungen-erlaubt"),
    pytest.param(
        "Kommerzielle Nutzung und Veränderungen sind ausdrücklich erlaubt.", None, id="de-both-allowed"
    ),
    pytest.param("Die kommerzielle Nutzung ist nicht verboten.", None, id="de-nicht-verboten"),
    pytest.param("Bearbeitungen sind nicht nur erlaubt, sondern erwünscht.", None, id="de-nicht-nur-erlaubt"),
    pytest.param(
        "Die Lizenz erlaubt nicht nur kommerzielle Nutzung, sondern auch Bearbeitungen.",
        None,
        id="de-erlaubt-nicht-nur",
    ),
    pytest.param(
        "Änderungen, die andere vornehmen, werden nicht mir zugeschrieben.", None, id="de-zuschreiben"
    ),
    pytest.param("Ich kann diese Zustimmung nicht widerrufen.", None, id="de-nicht-widerrufen"),
    # Italian
    pytest.param("È consentito l'uso commerciale, ma non sono consentite modifiche.", ND, id="it-modifiche"),
    pytest.param("Non è consentito modificare la foto.", ND, id="it-modificare"),
    pytest.param("Non è permesso l'uso commerciale.", NC, id="it-uso-commerciale"),
    pytest.param("È vietata ogni modifica dell'immagine.", ND, id="it-vietata"),
    pytest.param("Chiunque può usarla, anche a scopo commerciale, e modificarla.", None, id="it-relgen"),
    pytest.param("Sono consentiti l'uso commerciale e le modifiche.", None, id="it-consentiti"),
    pytest.param("Non è vietato l'uso commerciale.", None, id="it-non-vietato"),
    # French
    pytest.param("Les modifications ne sont pas autorisées.", ND, id="fr-pas-autorisees"),
    pytest.param("Toute modification est interdite.", ND, id="fr-interdite"),
    pytest.param("Usage commercial interdit.", NC, id="fr-usage-interdit"),
    pytest.param("Je n'autorise pas les modifications.", ND, id="fr-n-autorise-pas"),
    pytest.param("L'utilisation commerciale n'est pas autorisée.", NC, id="fr-nc-pas-autorisee"),
    pytest.param(
        "J'autorise toute personne à l'utiliser, y compris dans un produit commercial, et à le modifier.",
        None,
        id="fr-relgen",
    ),
    pytest.param(
        "Les modifications faites par d'autres ne me seront pas attribuées.", None, id="fr-attribuees"
    ),
    pytest.param("Il n'est pas interdit de modifier la photo.", None, id="fr-pas-interdit"),
    # Spanish
    pytest.param("No se permiten modificaciones.", ND, id="es-no-se-permiten"),
    pytest.param("Queda prohibido su uso comercial.", NC, id="es-queda-prohibido"),
    pytest.param("No autorizo el uso comercial.", NC, id="es-no-autorizo"),
    pytest.param(
        "Concedo a cualquiera el derecho de usarla incluso en un producto comercial y de modificarla. "
        "Entiendo que no puedo revocarlo.",
        None,
        id="es-relgen",
    ),
    pytest.param("Se permite el uso comercial y la modificación.", None, id="es-se-permite"),
    pytest.param("No está prohibido el uso comercial.", None, id="es-no-prohibido"),
    pytest.param(
        "Las modificaciones que otros hagan a la obra no me serán atribuidas.", None, id="es-atribuidas"
    ),
    # Dutch
    pytest.param("Bewerken is niet toegestaan.", ND, id="nl-bewerken"),
    pytest.param("Commercieel gebruik is niet toegestaan.", NC, id="nl-commercieel"),
    pytest.param("Ik sta bewerkingen niet toe.", ND, id="nl-sta-niet-toe"),
    pytest.param("De foto mag niet bewerkt worden.", ND, id="nl-mag-niet"),
    pytest.param("Iedereen mag het werk gebruiken, ook commercieel, en het bewerken.", None, id="nl-relgen"),
    pytest.param("Commercieel gebruik en bewerking zijn toegestaan.", None, id="nl-toegestaan"),
    pytest.param(
        "Wijzigingen die anderen aanbrengen worden niet aan mij toegeschreven.", None, id="nl-toeschrijven"
    ),
    # Polish
    pytest.param("Modyfikacje są zabronione.", ND, id="pl-zabronione"),
    pytest.param("Nie zezwalam na modyfikacje.", ND, id="pl-nie-zezwalam"),
    pytest.param("Zakaz wykorzystania komercyjnego.", NC, id="pl-zakaz"),
    pytest.param("Nie wyrażam zgody na wykorzystanie komercyjne.", NC, id="pl-nie-wyrazam-zgody"),
    pytest.param(
        "Każdy może je wykorzystywać, także w celach komercyjnych, i modyfikować. Zgoda nie ogranicza się "
        "do Wikipedii i jest nieodwołalna.",
        None,
        id="pl-relgen",
    ),
    pytest.param("Zgadzam się na wykorzystanie komercyjne i modyfikacje.", None, id="pl-zgadzam"),
    # Portuguese
    pytest.param("Não são permitidas modificações.", ND, id="pt-nao-permitidas"),
    pytest.param("Uso comercial proibido.", NC, id="pt-proibido"),
    pytest.param("É proibido alterar a foto.", ND, id="pt-proibido-alterar"),
    pytest.param(
        "Qualquer pessoa pode usá-la, inclusive comercialmente, e modificá-la.", None, id="pt-relgen"
    ),
    pytest.param("É permitida a utilização comercial e a modificação.", None, id="pt-permitida"),
    pytest.param(
        "Qualquer pessoa pode modificá-las, mesmo para fins comerciais, sem pedir autorização.",
        None,
        id="pt-sem-autorizacao",
    ),
    # English
    pytest.param("Modifications are not allowed.", ND, id="en-not-allowed"),
    pytest.param("You may not modify the photo.", ND, id="en-may-not"),
    pytest.param("Changes are prohibited.", ND, id="en-prohibited"),
    pytest.param("Modifications of any kind are not permitted.", ND, id="en-of-any-kind"),
    pytest.param("I do not allow commercial use.", NC, id="en-do-not-allow"),
    pytest.param("Commercial use is forbidden.", NC, id="en-forbidden"),
    pytest.param(
        "I acknowledge that I grant anyone the right to use the work, also in a commercial product, and to "
        "modify it to their needs. I understand that I cannot withdraw this agreement.",
        None,
        id="en-relgen",
    ),
    pytest.param(
        "Modifications others make to the work will not be claimed to have been made by me. I acknowledge "
        "that I cannot withdraw this agreement, and that the content may or may not be kept permanently.",
        None,
        id="en-relgen-modifications-not-claimed",
    ),
    pytest.param("The license cannot be revoked.", None, id="en-cannot-be-revoked"),
    pytest.param("Changes are fine and I understand this can't be revoked.", None, id="en-changes-fine"),
    pytest.param("I don't prohibit commercial use.", None, id="en-don-t-prohibit"),
    pytest.param("Commercial use is not only allowed but welcome.", None, id="en-not-only-allowed"),
    pytest.param("You don't need my permission to modify it.", None, id="en-no-permission-needed"),
    pytest.param(
        "There are no restrictions on commercial use or modification.", None, id="en-no-restrictions"
    ),
    pytest.param("Commercial use is allowed, not limited to Wikipedia.", None, id="en-comma-ends-the-clause"),
    # a modify word paired with a revocation speaks of the grant, not of derivatives
    pytest.param(
        "Esta autorización no puede ser revocada ni modificada.", None, id="es-revocada-ni-modificada"
    ),
    pytest.param(
        "Esta autorización no puede ser modificada ni revocada.", None, id="es-modificada-ni-revocada"
    ),
    pytest.param("L'autorizzazione non può essere revocata né modificata.", None, id="it-revocata"),
    pytest.param("Esta autorização não pode ser revogada nem alterada.", None, id="pt-revogada"),
    pytest.param("Cette autorisation ne peut pas être modifiée ni révoquée.", None, id="fr-revoquee"),
    pytest.param("Deze toestemming mag niet worden ingetrokken of gewijzigd.", None, id="nl-ingetrokken"),
    pytest.param("Zgoda nie może być odwołana ani zmieniona.", None, id="pl-odwolana"),
    pytest.param("This permission cannot be withdrawn or modified.", None, id="en-withdrawn"),
    pytest.param("La foto no puede ser modificada.", ND, id="es-no-puede-ser-modificada"),
    pytest.param("Zdjęcie nie może być modyfikowane.", ND, id="pl-nie-moze-byc"),
    pytest.param("De foto mag niet worden gewijzigd.", ND, id="nl-gewijzigd"),
    pytest.param(
        "Modifications are not allowed and this cannot be revoked.", ND, id="en-revocation-elsewhere"
    ),
]


@pytest.mark.parametrize(("text", "problem"), REFUSALS)
def test_refused_permission(vocab: LicenseVocabulary, text: str, problem: LicenseProblem | None) -> None:
    finding = read_license("CC BY 4.0. " + text, vocab)
    assert (finding.spdx, finding.problem) == (("CC-BY-4.0", None) if problem is None else (None, problem))


def test_refusal_window_is_the_clause() -> None:
    vocab = LicenseVocabulary.from_mapping(license_config())
    long_phrase = (
        "CC BY 4.0. Modifications to this award-winning black-and-white photograph of the old harbour"
        " are strictly prohibited."
    )
    assert read_license(long_phrase, vocab).problem is ND
    separate = "CC BY 4.0. Modifications are welcome; redistribution is prohibited."
    assert read_license(separate, vocab).spdx == "CC-BY-4.0"


@pytest.mark.parametrize(
    ("template", "license_name", "spdx"),
    [
        pytest.param(
            EN_RELEASE,
            "Creative Commons Attribution-ShareAlike 4.0 International (CC BY-SA 4.0)",
            "CC-BY-SA-4.0",
            id="en",
        ),
        pytest.param(EN_RELEASE, "CC0 1.0 Universal (CC0 1.0)", "CC0-1.0", id="en-cc0"),
        pytest.param(
            DE_RELEASE,
            "Creative Commons Namensnennung – Weitergabe unter gleichen Bedingungen 4.0 "
            "International (CC BY-SA 4.0)",
            "CC-BY-SA-4.0",
            id="de",
        ),
        pytest.param(
            FR_RELEASE,
            "Creative Commons Attribution - Partage dans les Mêmes Conditions 4.0 International",
            "CC-BY-SA-4.0",
            id="fr",
        ),
        pytest.param(ES_RELEASE, "Creative Commons Atribución 4.0 Internacional", "CC-BY-4.0", id="es"),
        pytest.param(
            NL_RELEASE,
            "Creative Commons Naamsvermelding-GelijkDelen 4.0 Internationaal",
            "CC-BY-SA-4.0",
            id="nl",
        ),
        pytest.param(
            IT_RELEASE,
            "Creative Commons Attribuzione - Condividi allo stesso modo 4.0",
            "CC-BY-SA-4.0",
            id="it",
        ),
        pytest.param(PL_RELEASE, "CC BY-SA 4.0", "CC-BY-SA-4.0", id="pl"),
        pytest.param(
            PT_RELEASE,
            "Creative Commons Atribuição-CompartilhaIgual 4.0 Internacional",
            "CC-BY-SA-4.0",
            id="pt",
        ),
    ],
)
def test_release_boilerplate_is_never_a_restriction(
    vocab: LicenseVocabulary, template: str, license_name: str, spdx: str
) -> None:
    """The standard wording says 'also commercial', 'not limited to Wikipedia': that must not restrict."""
    finding = read_license(grant(template, license_name), vocab)
    assert (finding.spdx, finding.problem) == (spdx, None)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Free for commercial and non-commercial use under CC BY 4.0.", id="en-both-uses"),
        pytest.param("CC BY 4.0; you may use it with or without modifications.", id="en-with-or-without"),
        pytest.param("CC BY 4.0. This is not only for Wikipedia.", id="en-not-only"),
        pytest.param(
            "CC BY 4.0, nicht nur für Wikipedia, für kommerzielle und nicht kommerzielle Zwecke.",
            id="de-both",
        ),
        pytest.param("CC BY 4.0, pas seulement pour Wikipédia, usage commercial ou non commercial.", id="fr"),
        pytest.param("CC BY 4.0, no solo para Wikipedia, uso comercial y no comercial.", id="es"),
        pytest.param("CC BY 4.0, niet alleen voor Wikipedia.", id="nl"),
        pytest.param("CC BY 4.0, non solo per Wikipedia, uso commerciale e non commerciale.", id="it"),
        pytest.param("CC BY 4.0, nie tylko dla Wikipedii, do celów komercyjnych i niekomercyjnych.", id="pl"),
        pytest.param("CC BY 4.0, não apenas para a Wikipédia.", id="pt"),
        pytest.param("CC BY 4.0. We are a non-profit association.", id="non-profit-organisation"),
        pytest.param("CC BY 4.0. Somos una asociación sin ánimo de lucro.", id="es-non-profit-organisation"),
        pytest.param("CC BY 4.0, the permission is irrevocable.", id="irrevocable"),
        pytest.param("CC BY 4.0. Die Freigabe ist unwiderruflich.", id="de-unwiderruflich"),
        pytest.param("CC BY 4.0 für gewerbliche und nicht-gewerbliche Nutzung", id="de-gewerblich-both"),
        pytest.param("CC BY 4.0. There are no commercial restrictions.", id="no-commercial-restrictions"),
        pytest.param("CC BY 4.0. This does not alter my copyright.", id="not-alter-copyright"),
    ],
)
def test_permissive_wording_is_not_a_restriction(vocab: LicenseVocabulary, text: str) -> None:
    assert read_license(text, vocab).spdx == "CC-BY-4.0"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        # NC, ND in licenses
        pytest.param(
            "Creative Commons Attribution-NonCommercial 4.0 International (CC BY-NC 4.0)", NC, id="en-nc"
        ),
        pytest.param("CC BY-NC-SA 4.0", NC, id="abbr-nc-sa"),
        pytest.param("cc-by-nc 3.0", NC, id="abbr-nc-lower"),
        pytest.param("CC BY-NC-ND 4.0", NC, id="abbr-nc-nd"),
        pytest.param("CC BY-NC", NC, id="nc-without-version"),
        pytest.param("CC BY-ND 4.0", ND, id="abbr-nd"),
        pytest.param("Creative Commons Attribution-NoDerivatives 4.0", ND, id="en-nd"),
        pytest.param("Namensnennung - Nicht kommerziell 4.0 International", NC, id="de-nc"),
        pytest.param("Namensnennung - Keine Bearbeitungen 4.0", ND, id="de-nd"),
        pytest.param("Attribution - Pas d'Utilisation Commerciale 4.0", NC, id="fr-nc"),
        pytest.param("Attribution - Pas de Modification 4.0 International", ND, id="fr-nd"),
        pytest.param("Reconocimiento-NoComercial-CompartirIgual 4.0 Internacional", NC, id="es-nc"),
        pytest.param("Atribución-SinDerivadas 4.0", ND, id="es-nd"),
        pytest.param("Naamsvermelding-NietCommercieel 4.0", NC, id="nl-nc"),
        pytest.param("Naamsvermelding-GeenAfgeleideWerken 4.0", ND, id="nl-nd"),
        pytest.param("Attribuzione - Non commerciale 4.0", NC, id="it-nc"),
        pytest.param("Attribuzione - Non opere derivate 4.0", ND, id="it-nd"),
        pytest.param("Uznanie autorstwa - Użycie niekomercyjne 4.0", NC, id="pl-nc"),
        pytest.param("Uznanie autorstwa - Bez utworów zależnych 4.0", ND, id="pl-nd"),
        pytest.param("Atribuição-NãoComercial 4.0", NC, id="pt-nc"),
        pytest.param("Atribuição-SemDerivações 4.0", ND, id="pt-nd"),
        pytest.param("https://creativecommons.org/licenses/by-nc-sa/4.0/", NC, id="url-nc"),
        # restrictions written out, with and without a free grant (the restriction wins)
        pytest.param("CC BY-SA 4.0, but no commercial use please.", NC, id="en-no-commercial-use"),
        pytest.param("CC BY 4.0, not for commercial purposes", NC, id="en-not-for-commercial"),
        pytest.param("You may use it for non-commercial purposes.", NC, id="en-non-commercial-purposes"),
        pytest.param("Commercial use is not allowed.", NC, id="en-commercial-not-allowed"),
        pytest.param("CC BY 4.0 but I don't allow commercial use.", NC, id="en-don-t-allow"),
        pytest.param("CC BY 4.0, keine kommerzielle Nutzung", NC, id="de-keine-kommerzielle"),
        pytest.param("Die kommerzielle Nutzung ist nicht gestattet.", NC, id="de-nicht-gestattet"),
        pytest.param("CC BY-SA 4.0, pas d'utilisation commerciale", NC, id="fr-pas-d-utilisation"),
        pytest.param("CC BY-SA 4.0, sin uso comercial", NC, id="es-sin-uso"),
        pytest.param("CC BY-SA 4.0, geen commercieel gebruik", NC, id="nl-geen-commercieel"),
        pytest.param("CC BY-SA 4.0, non a scopo commerciale", NC, id="it-non-a-scopo"),
        pytest.param("CC BY-SA 4.0, tylko do celów niekomercyjnych", NC, id="pl-niekomercyjnych"),
        pytest.param("CC BY-SA 4.0, sem fins comerciais", NC, id="pt-sem-fins"),
        pytest.param("CC BY 4.0, but the photo may not be modified", ND, id="en-not-modified"),
        pytest.param("CC BY 4.0, ohne Bearbeitung", ND, id="de-ohne-bearbeitung"),
        pytest.param("CC BY 4.0, sans modification", ND, id="fr-sans-modification"),
        # Wikipedia only
        pytest.param("CC BY-SA 4.0, only for Wikipedia", WP, id="en-only-for"),
        pytest.param("to be used on Wikipedia only", WP, id="en-wikipedia-only"),
        pytest.param("I allow its use only in the Wikipedia article about me.", WP, id="en-only-in-article"),
        pytest.param("for Wikipedia use only", WP, id="en-use-only"),
        pytest.param("CC BY-SA 4.0, nur für Wikipedia", WP, id="de"),
        pytest.param("ausschließlich für die Wikipedia", WP, id="de-ausschliesslich"),
        pytest.param("uniquement pour Wikipédia", WP, id="fr"),
        pytest.param("solo para Wikipedia", WP, id="es"),
        pytest.param("alleen voor Wikipedia", WP, id="nl"),
        pytest.param("solo per Wikipedia", WP, id="it"),
        pytest.param("tylko dla Wikipedii", WP, id="pl"),
        pytest.param("apenas para a Wikipédia", WP, id="pt"),
        # other restrictions
        pytest.param("CC BY 4.0, for personal use only", NOT_FREE, id="en-personal"),
        pytest.param("CC BY 4.0, nur mit meiner Genehmigung", NOT_FREE, id="de-permission"),
        pytest.param("© 2024 Acme. All rights reserved.", NOT_FREE, id="reserved-alone"),
        pytest.param("Tous droits réservés.", NOT_FREE, id="fr-reserved"),
        # precedence between restrictions
        pytest.param("CC BY-ND 4.0, only for Wikipedia, non-commercial", NC, id="nc-ranks-first"),
        # no version, nothing
        pytest.param("under CC BY-SA", NO_VERSION, id="no-version-abbr"),
        pytest.param("under a Creative Commons license", NO_VERSION, id="creative-commons-alone"),
        pytest.param("Creative Commons Attribution-ShareAlike", NO_VERSION, id="full-name-no-version"),
        pytest.param("under the GFDL", NO_VERSION, id="gfdl-no-version"),
        pytest.param("under CC BY-SA 5.0", NO_VERSION, id="unknown-version"),
        pytest.param("CC BY-SA, 4 photos attached", NO_VERSION, id="number-after-comma-is-no-version"),
        pytest.param("You may use my photo.", NONE, id="nothing"),
        pytest.param("Cc: Jane Roe <jane@example.org>", NONE, id="cc-header-is-no-license"),
        pytest.param("photo by Jane, attribution required", NONE, id="attribution-word-alone"),
        pytest.param("", NONE, id="empty"),
    ],
)
def test_not_free(vocab: LicenseVocabulary, text: str, problem: LicenseProblem) -> None:
    finding = read_license(text, vocab)
    assert (finding.spdx, finding.problem) == (None, problem)
    assert bool(finding.mentions) == (problem is not NONE)


@pytest.mark.parametrize(
    ("template", "restriction"),
    [
        pytest.param(
            EN_RELEASE, "Creative Commons Attribution-NonCommercial 4.0 International (CC BY-NC 4.0)", id="en"
        ),
        pytest.param(DE_RELEASE, "CC BY-NC-SA 4.0", id="de"),
        pytest.param(FR_RELEASE, "CC BY-NC 4.0", id="fr"),
        pytest.param(ES_RELEASE, "Creative Commons Reconocimiento-NoComercial 4.0", id="es"),
        pytest.param(NL_RELEASE, "Creative Commons Naamsvermelding-NietCommercieel 4.0", id="nl"),
        pytest.param(IT_RELEASE, "Creative Commons Attribuzione - Non commerciale 4.0", id="it"),
        pytest.param(PL_RELEASE, "CC BY-NC 4.0", id="pl"),
        pytest.param(PT_RELEASE, "CC BY-NC-SA 4.0", id="pt"),
    ],
)
def test_boilerplate_does_not_hide_a_restricted_license(
    vocab: LicenseVocabulary, template: str, restriction: str
) -> None:
    assert read_license(grant(template, restriction), vocab).problem is NC


@pytest.mark.parametrize(
    ("text", "mentions"),
    [
        pytest.param(
            "under Creative Commons Attribution-ShareAlike 4.0 International (CC BY-SA 4.0).",
            ("Creative Commons Attribution-ShareAlike 4.0", "CC BY-SA 4.0"),
            id="name-and-abbreviation",
        ),
        pytest.param("CC BY-SA 4.0 and cc by-sa 4.0", ("CC BY-SA 4.0", "cc by-sa 4.0"), id="as-written"),
        pytest.param("CC BY 4.0 or CC BY 4.0", ("CC BY 4.0",), id="deduplicated"),
        pytest.param("CC BY 4.0, only for Wikipedia", ("CC BY 4.0", "only for Wikipedia"), id="restriction"),
    ],
)
def test_mentions(vocab: LicenseVocabulary, text: str, mentions: tuple[str, ...]) -> None:
    assert read_license(text, vocab).mentions == mentions


@pytest.mark.parametrize(
    ("text", "norms"),
    [
        pytest.param("CC‑BY–SA 4.0", ["cc", "by", "sa", "4.0"], id="odd-dashes"),
        pytest.param("CC0", ["cc", "0"], id="letters-digits-split"),
        pytest.param("Wikipédia ŁÓDŹ", ["wikipedia", "lodz"], id="accents-and-stroke"),
        pytest.param("d'Utilisation", ["d", "utilisation"], id="apostrophe"),
        pytest.param("1.2+", ["1.2", "+"], id="plus"),
    ],
)
def test_tokenize(text: str, norms: list[str]) -> None:
    assert [token.norm for token in tokenize(text)] == norms


def test_fold_is_case_and_accent_insensitive() -> None:
    assert fold("Weitergabe unter GLEICHEN Bedingungen Straße") == fold(
        "weitergabe unter gleichen bedingungen strasse"
    )


@pytest.mark.parametrize(
    ("change", "key"),
    [
        pytest.param({"languages": {}}, "languages", id="no-languages"),
        pytest.param({"languages": {"xx": {"colour": ["red"]}}}, "languages.xx.colour", id="unknown-key"),
        pytest.param(
            {"languages": {"xx": {"non_commercial": "nc"}}}, "languages.xx.non_commercial", id="not-list"
        ),
        pytest.param({"languages": {"xx": {"elements": {"XY": ["foo"]}}}}, "elements", id="bad-element"),
        pytest.param({"languages": {"xx": {"allow": ["--"]}}}, "allow", id="phrase-without-words"),
        pytest.param({"spdx_ids": "CC-BY-4.0"}, "spdx_ids", id="spdx-not-list"),
        pytest.param({"port_codes": ["DE"]}, "port_codes", id="ports-not-table"),
        pytest.param({"abbreviations": ["by"]}, "abbreviations", id="abbreviations-not-table"),
        pytest.param({"post_negation_reach": -1}, "post_negation_reach", id="post-negation-negative"),
        pytest.param({"not_limited_reach": True}, "not_limited_reach", id="not-limited-bool"),
        pytest.param({"mail_reach": 2.5}, "mail_reach", id="mail-reach-fraction"),
    ],
)
def test_config_errors_name_the_key(change: dict[str, Any], key: str) -> None:
    data = license_config() | change
    with pytest.raises(ConfigError, match=key.replace(".", r"\.")):
        LicenseVocabulary.from_mapping(data)


def test_new_language_is_a_config_edit() -> None:
    data = license_config()
    data["languages"] = dict(data["languages"]) | {
        "sv": {"elements": {"BY": ["Erkännande"], "SA": ["DelaLika"]}}
    }
    vocab = LicenseVocabulary.from_mapping(data)
    assert read_license("Creative Commons Erkännande-DelaLika 4.0", vocab).spdx == "CC-BY-SA-4.0"


# --- the sample mails ------------------------------------------------------------------------------------


def _own_text(path: Path) -> str:
    """The mail's text without quoted reply lines: enough to read the grant as the parser will give it."""
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    part = message.get_body(preferencelist=("plain", "html"))
    assert isinstance(part, EmailMessage)
    content = part.get_content()
    text = html_to_text(content).text if part.get_content_type() == "text/html" else content
    return "\n".join(line for line in text.splitlines() if not line.startswith(">"))


def _cases(folder: Path) -> list[Any]:
    if not folder.is_dir():
        return [pytest.param(None, None, id=f"{folder.name}-missing", marks=pytest.mark.skip("no corpus"))]
    return [
        pytest.param(
            case / "message.eml",
            json.loads((case / "expected.json").read_text())["license"],
            id=f"{folder.name}/{case.name}",
        )
        for case in sorted(folder.iterdir())
        if (case / "expected.json").is_file()
    ]


@pytest.mark.parametrize(
    ("path", "expected"), [*_cases(ROOT.parent / "shared" / "corpus"), *_cases(ROOT / "samples")]
)
def test_sample_mails(vocab: LicenseVocabulary, path: Path, expected: str | None) -> None:
    finding = read_license(_own_text(path), vocab)
    assert finding.spdx == expected
    assert (finding.problem is None) == (expected is not None)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_never_raises(vocab: LicenseVocabulary, text: str) -> None:
    finding = read_license(text, vocab)
    assert (finding.spdx is None) != (finding.problem is None)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "CC",
                "BY",
                "SA",
                "NC",
                "4.0",
                "3.0",
                "DE",
                "-",
                " ",
                ",",
                "GFDL",
                "1.2",
                "+",
                "only",
                "for",
                "Wikipedia",
                "not",
                "Creative Commons",
                "0",
                "v",
            ]
        ),
        max_size=12,
    )
)
def test_never_raises_on_license_like_words(vocab: LicenseVocabulary, words: list[str]) -> None:
    finding = read_license(" ".join(words), vocab)
    assert finding.spdx is None or finding.spdx in vocab.spdx_ids


MORE_LANGUAGES = [
    pytest.param("Creative Commons Erkännande 4.0 Internationell", "CC-BY-4.0", id="sv-by"),
    pytest.param("licens Erkännande-DelaLika 4.0", "CC-BY-SA-4.0", id="sv-by-sa"),
    pytest.param("licencí Creative Commons Uveďte původ 4.0 Mezinárodní", "CC-BY-4.0", id="cs-by"),
    pytest.param("Uveďte původ-Zachovejte licenci 4.0", "CC-BY-SA-4.0", id="cs-by-sa"),
    pytest.param("Kreditering-DelPåSammeVilkår 4.0 International", "CC-BY-SA-4.0", id="da-by-sa"),
    pytest.param("Navngivelse 4.0 Internasjonal", "CC-BY-4.0", id="nb-by"),
    pytest.param("Nimeä-JaaSamoin 4.0 Kansainvälinen", "CC-BY-SA-4.0", id="fi-by-sa"),
    pytest.param("Nevezd meg! - Így add tovább! 4.0 Nemzetközi", "CC-BY-SA-4.0", id="hu-by-sa-exclamations"),
    pytest.param("licență Atribuire-Distribuire în condiții identice 4.0", "CC-BY-SA-4.0", id="ro-by-sa"),
    pytest.param("Reconeixement-CompartirIgual 4.0 Internacional", "CC-BY-SA-4.0", id="ca-by-sa"),
    pytest.param("Atıf-AynıLisanslaPaylaş 4.0 Uluslararası", "CC-BY-SA-4.0", id="tr-by-sa"),
    pytest.param("Atribusi-BerbagiSerupa 4.0 Internasional", "CC-BY-SA-4.0", id="id-by-sa"),
    pytest.param("Атрибуция — С сохранением условий 4.0 Всемирная", "CC-BY-SA-4.0", id="ru-by-sa"),
    pytest.param("Зазначення авторства 4.0 Міжнародна", "CC-BY-4.0", id="uk-by"),
    pytest.param("クリエイティブ・コモンズ 表示-継承 4.0 国際", "CC-BY-SA-4.0", id="ja-by-sa"),
    pytest.param("知识共享 署名-相同方式共享 4.0 国际 许可协议", "CC-BY-SA-4.0", id="zh-by-sa"),
    pytest.param("저작자표시 4.0 국제", "CC-BY-4.0", id="ko-by"),
]


@pytest.mark.parametrize(("text", "spdx"), MORE_LANGUAGES)
def test_more_languages(vocab: LicenseVocabulary, text: str, spdx: str) -> None:
    assert read_license(text, vocab).spdx == spdx


MORE_RESTRICTED = [
    pytest.param("Erkännande-IckeKommersiell 4.0", LicenseProblem.NON_COMMERCIAL, id="sv-nc"),
    pytest.param("Uveďte původ-Neužívejte komerčně 4.0", LicenseProblem.NON_COMMERCIAL, id="cs-nc"),
    pytest.param("Nimeä-EiMuutoksia 4.0", LicenseProblem.NO_DERIVATIVES, id="fi-nd"),
    pytest.param("署名-非商业性使用 4.0", LicenseProblem.NON_COMMERCIAL, id="zh-nc"),
]


@pytest.mark.parametrize(("text", "problem"), MORE_RESTRICTED)
def test_more_languages_restricted(vocab: LicenseVocabulary, text: str, problem: LicenseProblem) -> None:
    finding = read_license(text, vocab)
    assert finding.spdx is None
    assert finding.problem is problem


SENTENCES = [
    pytest.param("I like CC BY. 4 photos are attached.", None, id="count-after-full-stop-is-no-version"),
    pytest.param("CC BY-SA. Next sentence 4.0", None, id="version-in-another-sentence"),
    pytest.param("CC BY-SA 4.0. Next", "CC-BY-SA-4.0", id="version-then-full-stop"),
    pytest.param("Nevezd meg! 4.0", "CC-BY-4.0", id="exclamation-before-version"),
]


@pytest.mark.parametrize(("text", "spdx"), SENTENCES)
def test_sentence_ends_separate_license_and_version(
    vocab: LicenseVocabulary, text: str, spdx: str | None
) -> None:
    assert read_license(text, vocab).spdx == spdx


# --- more queue languages: restrictions and the release wording that must never be one ---------------

QUEUE_RELEASES = [
    pytest.param(TR_RELEASE, "Creative Commons Atıf-AynıLisanslaPaylaş 4.0 Uluslararası", id="tr"),
    pytest.param(SV_RELEASE, "Creative Commons Erkännande-DelaLika 4.0 Internationell", id="sv"),
    pytest.param(CS_RELEASE, "Creative Commons Uveďte původ-Zachovejte licenci 4.0 Mezinárodní", id="cs"),
    pytest.param(DA_RELEASE, "Creative Commons Kreditering-DelPåSammeVilkår 4.0 International", id="da"),
    pytest.param(NB_RELEASE, "Creative Commons Navngivelse-DelPåSammeVilkår 4.0", id="nb"),
    pytest.param(FI_RELEASE, "Creative Commons Nimeä-JaaSamoin 4.0 Kansainvälinen", id="fi"),
    pytest.param(HU_RELEASE, "Creative Commons Nevezd meg! - Így add tovább! 4.0 Nemzetközi", id="hu"),
    pytest.param(RO_RELEASE, "Creative Commons Atribuire-Distribuire în condiții identice 4.0", id="ro"),
    pytest.param(CA_RELEASE, "Creative Commons Reconeixement-CompartirIgual 4.0 Internacional", id="ca"),
    pytest.param(RU_RELEASE, "Creative Commons «Атрибуция — С сохранением условий» 4.0 Всемирная", id="ru"),
    pytest.param(JA_RELEASE, "クリエイティブ・コモンズ 表示-継承 4.0 国際", id="ja"),
    pytest.param(ZH_RELEASE, "知识共享 署名-相同方式共享 4.0 国际 许可协议", id="zh"),
]


@pytest.mark.parametrize(("template", "license_name"), QUEUE_RELEASES)
def test_queue_language_release_is_never_a_restriction(
    vocab: LicenseVocabulary, template: str, license_name: str
) -> None:
    finding = read_license(grant(template, license_name), vocab)
    assert (finding.spdx, finding.problem) == ("CC-BY-SA-4.0", None)


@pytest.mark.parametrize(("template", "license_name"), QUEUE_RELEASES)
def test_queue_language_release_does_not_hide_a_restriction(
    vocab: LicenseVocabulary, template: str, license_name: str
) -> None:
    assert read_license(grant(template, "CC BY-NC-SA 4.0"), vocab).problem is NC


# Restrictions written out in the queue languages: Wikipedia only, no commercial use, no modification.
QUEUE_RESTRICTIONS = [
    # Turkish: suffixed negation ("kullanılamaz" = cannot be used), Wikipedia's local spelling
    pytest.param(
        'Bu fotoğrafın yalnızca Vikipedi\'deki "Galata Kulesi" maddesinde kullanılmasına izin veriyorum.',
        WP,
        id="tr-yalnizca-vikipedi",
    ),
    pytest.param("Sadece Vikipedi için kullanılabilir.", WP, id="tr-sadece"),
    pytest.param("Başka sitelerde ve ticari amaçlarla kullanılamaz.", NC, id="tr-ticari-kullanilamaz"),
    pytest.param("Ticari kullanım yasaktır.", NC, id="tr-yasaktir"),
    pytest.param("Ticari kullanıma izin vermiyorum.", NC, id="tr-izin-vermiyorum"),
    pytest.param("Ticari olmayan amaçlarla kullanılabilir.", NC, id="tr-ticari-olmayan"),
    pytest.param("Fotoğraf değiştirilemez.", ND, id="tr-degistirilemez"),
    # Swedish
    pytest.param("Bilden får endast användas på Wikipedia.", WP, id="sv-endast"),
    pytest.param("Bara för svenska Wikipedia.", WP, id="sv-bara-svenska"),
    pytest.param("Bilden får inte användas kommersiellt.", NC, id="sv-far-inte"),
    pytest.param("Kommersiell användning är förbjuden.", NC, id="sv-forbjuden"),
    pytest.param("Ej för kommersiellt bruk.", NC, id="sv-ej-for"),
    pytest.param("Bilden får inte ändras.", ND, id="sv-far-inte-andras"),
    pytest.param("Bilden kan inte bearbetas.", ND, id="sv-kan-inte-bearbetas"),
    # Czech
    pytest.param("Fotografii lze použít pouze na Wikipedii.", WP, id="cs-pouze"),
    pytest.param("Jen pro Wikipedii.", WP, id="cs-jen"),
    pytest.param("Fotografie se nesmí používat komerčně.", NC, id="cs-nesmi"),
    pytest.param("Komerční užití je zakázáno.", NC, id="cs-zakazano"),
    pytest.param("Pouze pro nekomerční účely.", NC, id="cs-nekomercni"),
    pytest.param("Není povoleno upravovat fotografii.", ND, id="cs-neni-povoleno"),
    # Danish
    pytest.param("Billedet må kun bruges på Wikipedia.", WP, id="da-kun"),
    pytest.param("Billedet må ikke bruges kommercielt.", NC, id="da-ma-ikke"),
    pytest.param("Kommerciel brug er forbudt.", NC, id="da-forbudt"),
    pytest.param("Billedet må ikke ændres.", ND, id="da-ma-ikke-aendres"),
    # Norwegian
    pytest.param("Bildet kan kun brukes på Wikipedia.", WP, id="nb-kun"),
    pytest.param("Bildet må ikke brukes kommersielt.", NC, id="nb-ma-ikke"),
    pytest.param("Kommersiell bruk er ikke tillatt.", NC, id="nb-ikke-tillatt"),
    pytest.param("Bildet må ikke endres.", ND, id="nb-ma-ikke-endres"),
    # Finnish: inflected Wikipedia ("Wikipediassa", "Wikipedian")
    pytest.param("Kuvaa saa käyttää vain Wikipediassa.", WP, id="fi-vain"),
    pytest.param("Ainoastaan suomenkielisen Wikipedian artikkeliin.", WP, id="fi-ainoastaan"),
    pytest.param("Kuvaa ei saa käyttää kaupallisesti.", NC, id="fi-ei-saa"),
    pytest.param("Vain ei-kaupalliseen käyttöön.", NC, id="fi-ei-kaupalliseen"),
    pytest.param("Kaupallinen käyttö on kielletty.", NC, id="fi-kielletty"),
    pytest.param("Kuvaa ei saa muokata.", ND, id="fi-ei-saa-muokata"),
    # Hungarian
    pytest.param("A kép csak a Wikipédián használható.", WP, id="hu-csak"),
    pytest.param("Kizárólag a magyar Wikipédia számára.", WP, id="hu-kizarolag"),
    pytest.param("A kép kereskedelmi célra nem használható.", NC, id="hu-nem-hasznalhato"),
    pytest.param("Kereskedelmi felhasználás tilos.", NC, id="hu-tilos"),
    pytest.param("Csak nem kereskedelmi célra.", NC, id="hu-nem-kereskedelmi"),
    pytest.param("A kép nem módosítható.", ND, id="hu-nem-modosithato"),
    # Romanian
    pytest.param("Fotografia poate fi folosită doar pe Wikipedia.", WP, id="ro-doar"),
    pytest.param("Numai pentru Wikipedia în limba română.", WP, id="ro-numai"),
    pytest.param("Nu este permisă utilizarea comercială.", NC, id="ro-nu-este-permisa"),
    pytest.param("Utilizarea comercială este interzisă.", NC, id="ro-interzisa"),
    pytest.param("Doar în scopuri necomerciale.", NC, id="ro-necomerciale"),
    pytest.param("Fotografia nu poate fi modificată.", ND, id="ro-nu-poate"),
    # Catalan: Viquipèdia
    pytest.param("Només per a la Viquipèdia.", WP, id="ca-nomes"),
    pytest.param("La foto només es pot fer servir a la Viquipèdia.", WP, id="ca-nomes-es-pot"),
    pytest.param("No es permet l'ús comercial.", NC, id="ca-no-es-permet"),
    pytest.param("Queda prohibit l'ús comercial.", NC, id="ca-prohibit"),
    pytest.param("No es pot modificar la fotografia.", ND, id="ca-no-es-pot"),
    # Russian, Japanese, Chinese, Korean
    pytest.param("Только для Википедии.", WP, id="ru-tolko"),
    pytest.param("Только в некоммерческих целях.", NC, id="ru-nekommercheskih"),
    pytest.param("Коммерческое использование запрещено.", NC, id="ru-zapreshcheno"),
    pytest.param("ウィキペディアのみで使用してください。", WP, id="ja-nomi"),
    pytest.param("商用利用は禁止です。", NC, id="ja-shoyo-kinshi"),
    pytest.param("仅限于维基百科使用。", WP, id="zh-jinxian"),
    pytest.param("不得用于商业用途。", NC, id="zh-bude"),
    pytest.param("오직 위키백과에서 사용", WP, id="ko-ojik"),
    pytest.param("상업적 이용 금지", NC, id="ko-geumji"),
    # the language's own Wikipedia
    pytest.param("only for the English Wikipedia", WP, id="en-english-wikipedia"),
    pytest.param("nur für den Gebrauch in der deutschen Wikipedia", WP, id="de-deutschen-wikipedia"),
    pytest.param("wyłącznie do polskiej Wikipedii", WP, id="pl-polskiej-wikipedii"),
]


@pytest.mark.parametrize(("text", "problem"), QUEUE_RESTRICTIONS)
def test_queue_language_restriction(vocab: LicenseVocabulary, text: str, problem: LicenseProblem) -> None:
    finding = read_license("CC BY-SA 4.0. " + text, vocab)
    assert (finding.spdx, finding.problem) == (None, problem)


# The same words in permissive sentences, negations written after the phrase, a grant that cannot be
# changed or withdrawn, non-profit bodies and mail footers: none restricts the release.
QUEUE_PERMISSIVE = [
    pytest.param(
        "Herkes eseri ticari amaçlar dahil her amaçla kullanabilir ve değiştirebilir.", id="tr-dahil"
    ),
    pytest.param("Bu iznin yalnızca Vikipedi ile sınırlı olmadığını biliyorum.", id="tr-sinirli-olmadigini"),
    pytest.param("Sadece Vikipedi'de değil, her yerde kullanılabilir.", id="tr-degil"),
    pytest.param("Ticari ve ticari olmayan kullanım serbesttir.", id="tr-ticari-ve-olmayan"),
    pytest.param("Ticari kullanım yasak değildir.", id="tr-yasak-degildir"),
    pytest.param("Bu izin geri alınamaz ve değiştirilemez.", id="tr-geri-alinamaz"),
    pytest.param("Bilden får användas av vem som helst, även kommersiellt, och ändras.", id="sv-aven"),
    pytest.param("Jag förstår att avtalet inte är begränsat till Wikipedia.", id="sv-inte-begransat"),
    pytest.param("Inte bara på Wikipedia.", id="sv-inte-bara"),
    pytest.param("Tillstånd kan inte återkallas eller ändras.", id="sv-aterkallas"),
    pytest.param("Jag kan inte längre redigera artikeln, men bilden får ändras.", id="sv-signer-cannot-edit"),
    pytest.param("Det finns inga kommersiella begränsningar.", id="sv-inga-begransningar"),
    pytest.param("Dílo smí kdokoli užívat, také komerčně, a upravovat je.", id="cs-take-komercne"),
    pytest.param("Tento souhlas není omezen na Wikipedii a nelze jej odvolat ani změnit.", id="cs-odvolat"),
    pytest.param("Nejen pro Wikipedii.", id="cs-nejen"),
    pytest.param("Alle må bruge værket, også kommercielt, og ændre det efter behov.", id="da-ogsaa"),
    pytest.param("Denne aftale kan ikke ændres eller tilbagekaldes.", id="da-tilbagekaldes"),
    pytest.param("Vi er en ikke-kommerciel forening.", id="da-forening"),
    pytest.param("Alle kan bruke verket, også kommersielt, og endre det etter behov.", id="nb-ogsaa"),
    pytest.param("Ingen kommersielle begrensninger.", id="nb-ingen-begrensninger"),
    pytest.param("Kuvaa saa käyttää myös kaupallisesti ja muokata.", id="fi-myos"),
    pytest.param("Kuva on vapaasti käytettävissä myös kaupalliseen käyttöön.", id="fi-kaupalliseen-kayttoon"),
    pytest.param("Lupa ei rajoitu Wikipediaan eikä sitä voi perua.", id="fi-ei-rajoitu"),
    pytest.param("Ei vain Wikipediassa.", id="fi-ei-vain"),
    pytest.param("Lupaa ei voi muuttaa eikä perua.", id="fi-perua"),
    pytest.param("Bárki felhasználhatja a művet kereskedelmi célra is, és módosíthatja.", id="hu-is"),
    pytest.param("Nem csak a Wikipédián.", id="hu-nem-csak"),
    pytest.param("Ez a hozzájárulás nem vonható vissza és nem módosítható.", id="hu-vonhato-vissza"),
    pytest.param("Oricine poate folosi lucrarea, inclusiv în scopuri comerciale.", id="ro-inclusiv"),
    pytest.param("Nu doar pentru Wikipedia.", id="ro-nu-doar"),
    pytest.param("Acordul nu poate fi revocat sau modificat.", id="ro-revocat"),
    pytest.param("Nu pot edita articolul, dar fotografia poate fi modificată.", id="ro-signer-cannot-edit"),
    pytest.param("Qualsevol persona les pot utilitzar, també amb finalitats comercials.", id="ca-tambe"),
    pytest.param("L'autorització no es limita a la Viquipèdia i és irrevocable.", id="ca-no-es-limita"),
    pytest.param("No només per a la Viquipèdia.", id="ca-no-nomes"),
    pytest.param("Не только для Википедии.", id="ru-ne-tolko"),
    pytest.param("Разрешаю использование в коммерческих и некоммерческих целях.", id="ru-both"),
    pytest.param("Мы — некоммерческая организация.", id="ru-non-profit"),
    pytest.param("本同意はウィキペディアに限定されないことを理解しています。", id="ja-gentei-sarenai"),
    pytest.param("ウィキペディアのみならず、どこでも使えます。", id="ja-nominarazu"),
    pytest.param("商用・非商用を問わず利用できます。", id="ja-towazu"),
    pytest.param("商用製品での利用を含め、本作品を利用し、改変する権利を許諾します。", id="ja-shoyo-fukume"),
    pytest.param("不仅限于维基百科。", id="zh-bujin"),
    pytest.param("任何人都可以使用，包括商业用途。", id="zh-baokuo"),
    # mail footers: the refusal is about the message
    pytest.param("Any use, modification or distribution of this e-mail is prohibited.", id="en-footer"),
    pytest.param("Modification of this message is prohibited.", id="en-footer-short"),
    pytest.param("Az üzenet bizalmas. Az üzenet módosítása tilos.", id="hu-footer"),
    pytest.param("Este interzisă modificarea acestui mesaj.", id="ro-footer"),
    pytest.param("Jakékoli šíření nebo změna této zprávy je zakázána.", id="cs-footer"),
    pytest.param("Bu e-posta ve ekleri gizlidir; yalnızca alıcısına yöneliktir.", id="tr-footer"),
]


@pytest.mark.parametrize("text", QUEUE_PERMISSIVE)
def test_queue_language_permissive_wording(vocab: LicenseVocabulary, text: str) -> None:
    finding = read_license("CC BY-SA 4.0. " + text, vocab)
    assert (finding.spdx, finding.problem) == ("CC-BY-SA-4.0", None)


def test_mail_words_are_configured() -> None:
    """Without the mail words, a footer's refusal reads as a restriction: the words do the work."""
    data = license_config()
    data["languages"] = {
        name: {key: value for key, value in entry.items() if key != "mail_words"}
        for name, entry in data["languages"].items()
    }
    text = "CC BY 4.0. Modification of this message is prohibited."
    assert read_license(text, LicenseVocabulary.from_mapping(data)).problem is ND


def test_han_and_kana_are_read_a_character_a_token() -> None:
    """Han and kana have no spaces between words; Korean has, so Hangul stays in words."""
    assert [t.norm for t in tokenize("ウィキペディアのみ 한국어 CC")] == [
        *(fold(c) for c in "ウィキペディア"),
        "の",
        "み",
        fold("한국어"),
        "cc",
    ]


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        pytest.param(
            "<p>Je suis l'autrice.</p><table><tr><th>Licence</th><th>Utilisation commerciale</th>"
            "<th>Modification</th></tr><tr><td>CC BY-SA 4.0</td><td>Non (uniquement sur demande)</td>"
            "<td>Oui</td></tr></table>",
            NC,
            id="grid-cell-answers-no-under-its-header",
        ),
        pytest.param(
            "<table><tr><th>Licence</th><th>Utilisation commerciale</th><th>Modification</th></tr>"
            "<tr><td>CC BY-SA 4.0</td><td>Oui</td><td>Oui</td></tr></table>",
            "CC-BY-SA-4.0",
            id="grid-cells-all-yes",
        ),
        pytest.param(
            "<table><tr><td><img alt='logo'></td></tr><tr><td>I release it under CC BY-SA 4.0, commercial"
            " use and changes allowed.</td><td>No</td></tr></table>",
            "CC-BY-SA-4.0",
            id="layout-table-gets-no-labels",
        ),
        pytest.param(
            "<table><tr><td><b>Licence</b></td><td>CC BY-SA 4.0</td></tr>"
            "<tr><td><b>Utilisation commerciale</b></td><td>Non</td></tr></table>",
            NC,
            id="rows-labelled-in-bold-answer-no",
        ),
        pytest.param(
            "<table><tr><th>Statement</th><th>Yes</th><th>No</th></tr>"
            "<tr><td>License CC BY-SA 4.0</td><td>X</td><td></td></tr>"
            "<tr><td>License CC BY-NC 4.0 (Attribution-NonCommercial)</td><td></td><td>X</td></tr>"
            "<tr><td>Commercial use allowed</td><td>X</td><td></td></tr></table>",
            "CC-BY-SA-4.0",
            id="a-yes-no-grid-refuses-the-license-marked-no",
        ),
        pytest.param(
            "<table><tr><th>Statement</th><th>Yes</th><th>No</th></tr>"
            "<tr><td>License CC BY-SA 4.0</td><td>X</td><td></td></tr>"
            "<tr><td>Commercial use allowed</td><td></td><td>X</td></tr></table>",
            NC,
            id="a-yes-no-grid-refuses-commercial-use",
        ),
        pytest.param(
            "<table><tr><th>Statement</th><th>Yes</th><th>No</th></tr>"
            "<tr><td>License CC BY-SA 4.0</td><td>X</td><td></td></tr>"
            "<tr><td>License CC BY-NC 4.0 (Attribution-NonCommercial)</td><td>X</td><td></td></tr></table>",
            NC,
            id="a-yes-no-grid-marks-the-non-free-license-yes",
        ),
    ],
)
def test_html_table_cells_read_under_their_headers(
    vocab: LicenseVocabulary, html: str, expected: str | LicenseProblem
) -> None:
    finding = read_license(html_to_text(html).text, vocab)
    assert (finding.problem if isinstance(expected, LicenseProblem) else finding.spdx) == expected
