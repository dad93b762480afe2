"""File pages named by a ticket: canonical titles from URLs, wikilinks, bare names and the subject."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from verification.errors import ConfigError
from verification.files import (
    FileVocabulary,
    canonical_file_title,
    find_files,
    subject_file_title,
    titles_from_url,
)
from verification.model import Link

CONFIG = Path(__file__).resolve().parents[2] / "config" / "files.toml"


@pytest.fixture(scope="module")
def vocab() -> FileVocabulary:
    return FileVocabulary.from_mapping(tomllib.loads(CONFIG.read_text()))


@pytest.mark.parametrize(
    ("name", "title"),
    [
        pytest.param("Foo_bar.jpg", "File:Foo bar.jpg", id="underscores"),
        pytest.param("foo.jpg", "File:Foo.jpg", id="first-letter-upper"),
        pytest.param("file:foo.jpg", "File:Foo.jpg", id="canonical-namespace"),
        pytest.param("Image:Foo.jpg", "File:Foo.jpg", id="image-alias"),
        pytest.param("  Foo \t  bar.jpg ", "File:Foo bar.jpg", id="space-runs"),
        pytest.param("Foo\u00a0bar.jpg", "File:Foo bar.jpg", id="nbsp"),
        pytest.param("\u200eFoo.jpg", "File:Foo.jpg", id="bidi-mark"),
        pytest.param("Pont_Neuf_%C3%A0_l%27aube.jpg", "File:Pont Neuf à l'aube.jpg", id="percent-utf8"),
        pytest.param("100%_pure.jpg", "File:100% pure.jpg", id="lone-percent"),
        pytest.param("%E9t%E9.jpg", "File:%E9t%E9.jpg", id="percent-not-utf8-kept"),
        pytest.param("Caf&eacute; &amp; bar.jpg", "File:Café & bar.jpg", id="html-entities"),
        pytest.param("Cafe\u0301.jpg", "File:Caf\u00e9.jpg", id="nfc"),
        pytest.param("éclair.JPG", "File:Éclair.JPG", id="accented-first-extension-case"),
        pytest.param("ßtraße.png", "File:ßtraße.png", id="no-multichar-upper"),
        pytest.param("ტაძარი.jpg", "File:ტაძარი.jpg", id="georgian-has-no-title-case"),
        pytest.param("ǳiro.jpg", "File:ǲiro.jpg", id="digraph-title-case"),
        pytest.param(
            "Quai des Orfèvres, 2021 (détail).tif", "File:Quai des Orfèvres, 2021 (détail).tif", id="punct"
        ),
        pytest.param("Model.glb", "File:Model.glb", id="any-extension"),
        pytest.param("Foo#bar.jpg", None, id="hash"),
        pytest.param("Foo<b>.jpg", None, id="angle"),
        pytest.param("Foo[1].jpg", None, id="square"),
        pytest.param("Foo|x.jpg", None, id="pipe"),
        pytest.param("Foo{x}.jpg", None, id="brace"),
        pytest.param("Foo\x07.jpg", None, id="control"),
        pytest.param("a/b.jpg", None, id="slash"),
        pytest.param("Category:b.jpg", None, id="other-namespace"),
        pytest.param("", None, id="empty"),
        pytest.param(".jpg", None, id="no-stem"),
        pytest.param("File:", None, id="namespace-only"),
        pytest.param("Foo", None, id="no-extension"),
        pytest.param("Foo.", None, id="empty-extension"),
        pytest.param("x" * 237 + ".jpg", None, id="too-long"),
    ],
)
def test_canonical_file_title(name: str, title: str | None) -> None:
    assert canonical_file_title(name) == title


@pytest.mark.parametrize(
    ("name", "title"),
    [
        pytest.param("Harbour\u2066 at dusk.jpg", "File:Harbour at dusk.jpg", id="lri-u2066"),
        pytest.param("Harbour at\u2069 dusk.jpg", "File:Harbour at dusk.jpg", id="pdi-u2069"),
        pytest.param("Harbour\u200b at dusk.jpg", "File:Harbour at dusk.jpg", id="zero-width-space"),
        pytest.param("\u061cHarbour at dusk.jpg", "File:Harbour at dusk.jpg", id="arabic-letter-mark"),
        pytest.param("\ufeffHarbour at dusk.jpg", "File:Harbour at dusk.jpg", id="bom"),
        pytest.param("Har\u00adbour at dusk.jpg", "File:Harbour at dusk.jpg", id="soft-hyphen"),
        pytest.param("Harbour\u202e at dusk.jpg", "File:Harbour at dusk.jpg", id="rlo"),
        pytest.param("Harbour\u200e at dusk.jpg", "File:Harbour at dusk.jpg", id="lrm"),
        pytest.param("Harbour\u2060 at dusk.jpg", "File:Harbour at dusk.jpg", id="word-joiner"),
        pytest.param("Harbour\u2068 at dusk.jpg", "File:Harbour at dusk.jpg", id="fsi"),
        pytest.param("Harbour\U000e0041 at dusk.jpg", "File:Harbour at dusk.jpg", id="tag-character"),
        pytest.param("File:\u202dHarbour.jpg", "File:Harbour.jpg", id="after-namespace"),
        pytest.param("Harbour.jp\u200bg", "File:Harbour.jpg", id="inside-extension"),
        pytest.param("\u200b.jpg", None, id="only-invisible-stem"),
        pytest.param(
            "\u0645\u06cc\u200c\u0631\u0648\u0645.jpg",
            "File:\u0645\u06cc\u200c\u0631\u0648\u0645.jpg",
            id="persian-zwnj-between-letters-kept",
        ),
        pytest.param("Foo \u200cbar.jpg", "File:Foo bar.jpg", id="zwnj-after-space-dropped"),
        pytest.param("Foo\u200d.jpg", "File:Foo.jpg", id="zwj-before-dot-dropped"),
    ],
)
def test_invisible_characters_do_not_survive(name: str, title: str | None) -> None:
    assert canonical_file_title(name) == title


@given(st.text(alphabet=st.characters(blacklist_characters="%&"), max_size=40))
@settings(max_examples=200, deadline=None, derandomize=True, database=None)
def test_canonical_file_title_is_idempotent(name: str) -> None:
    title = canonical_file_title(name + ".jpg")
    if title is not None:
        assert title.startswith("File:")
        assert canonical_file_title(title) == title


@pytest.mark.parametrize(
    ("url", "titles"),
    [
        pytest.param(
            "https://commons.wikimedia.org/wiki/File:Harbour_at_dusk.jpg",
            ("File:Harbour at dusk.jpg",),
            id="commons",
        ),
        pytest.param("https://commons.m.wikimedia.org/wiki/File:A.jpg", ("File:A.jpg",), id="commons-mobile"),
        pytest.param("http://COMMONS.wikimedia.org/wiki/File:A.jpg", ("File:A.jpg",), id="http-host-case"),
        pytest.param("https://de.wikipedia.org/wiki/Datei:Rathaus.jpg", ("File:Rathaus.jpg",), id="dewiki"),
        pytest.param(
            "https://nl.m.wikipedia.org/wiki/Bestand:Molen.png", ("File:Molen.png",), id="nlwiki-mobile"
        ),
        pytest.param("https://www.wikidata.org/wiki/File:A.svg", ("File:A.svg",), id="wikidata"),
        pytest.param(
            "https://uk.wikipedia.org/wiki/%D0%A4%D0%B0%D0%B9%D0%BB:%D0%A4%D0%BE%D1%82%D0%BE.jpg",
            ("File:Фото.jpg",),
            id="encoded-local-namespace",
        ),
        pytest.param(
            "https://commons.wikimedia.org/w/index.php?title=File:Notre-Dame.JPG&oldid=123",
            ("File:Notre-Dame.JPG",),
            id="index-php",
        ),
        pytest.param(
            "https://commons.wikimedia.org/w/index.php?title=File%3AA+b_c.jpg&action=history",
            ("File:A b c.jpg",),
            id="index-php-plus-is-space",
        ),
        pytest.param(
            "https://commons.wikimedia.org/wiki/File:A+b.jpg", ("File:A+b.jpg",), id="path-plus-literal"
        ),
        pytest.param("https://commons.wikimedia.org/w/index.php?curid=123456", (), id="curid"),
        pytest.param(
            "https://commons.wikimedia.org/wiki/Sant_Antoni_Abat,_1934.jpg",
            ("File:Sant Antoni Abat, 1934.jpg",),
            id="namespace-left-out",
        ),
        pytest.param("https://en.wikipedia.org/wiki/Kingfisher", (), id="article"),
        pytest.param("https://en.wikipedia.org/wiki/Talk:Kingfisher.jpg", (), id="other-namespace"),
        pytest.param("https://commons.wikimedia.org/wiki/File:A.jpg?uselang=fr", ("File:A.jpg",), id="query"),
        pytest.param(
            "https://commons.wikimedia.org/wiki/File:A.jpg#Licensing", ("File:A.jpg",), id="fragment"
        ),
        pytest.param(
            "https://commons.wikimedia.org/wiki/File:Foo_(bar).jpg", ("File:Foo (bar).jpg",), id="parens"
        ),
        pytest.param(
            "https://en.wikipedia.org/wiki/Kingfisher#/media/File:Kingfisher_on_reed.jpg",
            ("File:Kingfisher on reed.jpg",),
            id="media-viewer",
        ),
        pytest.param(
            "https://fr.wikipedia.org/wiki/Paris#/media/Fichier:Tour_Eiffel.jpg",
            ("File:Tour Eiffel.jpg",),
            id="media-viewer-localised",
        ),
        pytest.param(
            "https://commons.wikimedia.org/wiki/Special:FilePath/A_b.jpg",
            ("File:A b.jpg",),
            id="special-filepath",
        ),
        pytest.param(
            "https://upload.wikimedia.org/wikipedia/commons/3/3f/Seine_barges.jpg",
            ("File:Seine barges.jpg",),
            id="upload",
        ),
        pytest.param(
            "https://upload.wikimedia.org/wikipedia/commons/thumb/3/3f/Name.jpg/800px-Name.jpg",
            ("File:Name.jpg",),
            id="thumbnail",
        ),
        pytest.param(
            "https://upload.wikimedia.org/wikipedia/commons/thumb/a/ab/Map.svg/1024px-Map.svg.png",
            ("File:Map.svg",),
            id="svg-thumbnail",
        ),
        pytest.param(
            "https://upload.wikimedia.org/wikipedia/commons/archive/a/ab/20200101120000%21Old.jpg",
            ("File:Old.jpg",),
            id="archive",
        ),
        pytest.param(
            "https://upload.wikimedia.org/wikipedia/commons/transcoded/a/ab/Clip.webm/Clip.webm.480p.vp9.webm",
            ("File:Clip.webm",),
            id="transcoded",
        ),
        pytest.param("https://upload.wikimedia.org/wikipedia/commons/a/Name.jpg", (), id="upload-bad-hash"),
        pytest.param(
            "https://upload.wikimedia.org/wikipedia/commons/4/3f/Name.jpg", (), id="upload-hash-mismatch"
        ),
        pytest.param("https://example.org/wiki/File:A.jpg", (), id="not-a-wiki"),
        pytest.param(
            "https://commons.wikimedia.org.evil.example/wiki/File:A.jpg", (), id="host-suffix-attack"
        ),
        pytest.param("https://commons.wikimedia.org/wiki/Category:Birds", (), id="category"),
        pytest.param(
            "https://commons.wikimedia.org/wiki/File:Catedral_de_Le%25C3%25B3n.jpg",
            ("File:Catedral de León.jpg",),
            id="escaped-twice",
        ),
        pytest.param(
            "https://commons.wikimedia.org/w/index.php?title=File%253ALe%25C3%25B3n.jpg",
            ("File:León.jpg",),
            id="index-php-escaped-twice",
        ),
        pytest.param("https://commons.wikimedia.org/wiki/Main_Page", (), id="no-namespace"),
        pytest.param("ftp://commons.wikimedia.org/wiki/File:A.jpg", (), id="ftp"),
        pytest.param("https://[::1/wiki/File:A.jpg", (), id="invalid-url"),
        pytest.param(
            "https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fcommons.wikimedia.org%2Fwiki"
            "%2FFile%3APalazzo_del_Podest%25C3%25A0.jpg&data=05%7C02&reserved=0",
            ("File:Palazzo del Podestà.jpg",),
            id="outlook-safelink",
        ),
        pytest.param(
            "https://www.google.com/url?q=https://commons.wikimedia.org/wiki/File:Casa_Lis_r%25C3%25ADo.jpg&sa=D",
            ("File:Casa Lis río.jpg",),
            id="google-redirect",
        ),
        pytest.param(
            "https://www.google.com/url?q=https://example.org/wiki/File:A.jpg", (), id="redirect-to-no-wiki"
        ),
        pytest.param(
            "https://evil.example/?url=https%3A%2F%2Fcommons.wikimedia.org%2Fwiki%2FFile%3AA.jpg",
            (),
            id="not-a-known-wrapper",
        ),
    ],
)
def test_titles_from_url(vocab: FileVocabulary, url: str, titles: tuple[str, ...]) -> None:
    assert titles_from_url(url, vocab) == titles


BARE_NAMES = [
    ("en", "File:Harbour at dusk.jpg", "File:Harbour at dusk.jpg"),
    ("en-image", "Image:Harbour.png", "File:Harbour.png"),
    ("de", "Datei:Rathaus Kesselbach 2019.jpg", "File:Rathaus Kesselbach 2019.jpg"),
    ("de-bild", "Bild:Rathaus.JPG", "File:Rathaus.JPG"),
    ("fr", "Fichier : Tour de l'horloge.png", "File:Tour de l'horloge.png"),
    ("es", "Archivo:Catedral de León.svg", "File:Catedral de León.svg"),
    ("es-imagen", "Imagen:Playa.jpeg", "File:Playa.jpeg"),
    ("nl", "Bestand:Molen De Adriaan.tif", "File:Molen De Adriaan.tif"),
    ("nl-afbeelding", "Afbeelding:Molen.gif", "File:Molen.gif"),
    ("pl", "Plik:Kraków rynek.jpg", "File:Kraków rynek.jpg"),
    ("pt", "Ficheiro:Lisboa.webp", "File:Lisboa.webp"),
    ("pt-br", "Arquivo:Praia.jpg", "File:Praia.jpg"),
    ("it", "Immagine:Duomo.jpg", "File:Duomo.jpg"),
    ("ru", "Файл:Красная площадь.jpg", "File:Красная площадь.jpg"),
    ("ja", "ファイル:東京タワー.jpg", "File:東京タワー.jpg"),
    ("zh", "文件:长城.png", "File:长城.png"),
    ("ko", "파일:서울.jpg", "File:서울.jpg"),
    ("tr", "Dosya:Galata.jpg", "File:Galata.jpg"),
    ("fi", "Tiedosto:Helsinki.jpg", "File:Helsinki.jpg"),
    ("sv", "Fil:Gamla stan.jpg", "File:Gamla stan.jpg"),
    ("cs", "Soubor:Karlův most.jpg", "File:Karlův most.jpg"),
    ("hu", "Fájl:Lánchíd.jpg", "File:Lánchíd.jpg"),
    ("hr", "Datoteka:Dubrovnik.jpg", "File:Dubrovnik.jpg"),
    ("rm", "Datoteca:Lai da Segl.jpg", "File:Lai da Segl.jpg"),
    ("oc", "Fichièr:Capitòli de Tolosa.jpg", "File:Capitòli de Tolosa.jpg"),
    ("ca", "Fitxer:Sagrada.jpg", "File:Sagrada.jpg"),
    ("ro", "Fișier:Ateneul.jpg", "File:Ateneul.jpg"),
    ("el", "Αρχείο:Ακρόπολη.jpg", "File:Ακρόπολη.jpg"),
    ("ar", "ملف:القاهرة.jpg", "File:القاهرة.jpg"),
    ("he", "קובץ:ירושלים.jpg", "File:ירושלים.jpg"),
    ("id", "Berkas:Monas.jpg", "File:Monas.jpg"),
    ("vi", "Tập tin:Hạ Long.jpg", "File:Hạ Long.jpg"),
    ("vi-underscore", "Tập_tin:Huế.jpg", "File:Huế.jpg"),
    ("lower-case-namespace", "datei:klein.jpg", "File:Klein.jpg"),
    ("pdf", "File:Annual report 2020.pdf", "File:Annual report 2020.pdf"),
    ("audio", "File:Birdsong (dawn).ogg", "File:Birdsong (dawn).ogg"),
]


@pytest.mark.parametrize(("written", "title"), [pytest.param(w, t, id=i) for i, w, t in BARE_NAMES])
def test_bare_name_in_prose(vocab: FileVocabulary, written: str, title: str) -> None:
    text = f"Hello,\nthe image {written} is mine, please keep it.\n"
    assert find_files("", [text], [], vocab) == (title,)


@pytest.mark.parametrize(
    ("text", "titles"),
    [
        pytest.param(
            "<https://commons.wikimedia.org/wiki/File:Aula_Magna_dell%27Universit%C3%A0_di_\nCastelvetro.jpg>",
            ("File:Aula Magna dell'Università di Castelvetro.jpg",),
            id="url-wrapped-in-angle-brackets",
        ),
        pytest.param(
            "https://ru.m.wikipedia.org/wiki/%D0%A4%D0%B0%D0%B9%D0%BB:A_\n(%D0%92),_2019.jpg\nThanks",
            ("File:A (В), 2019.jpg",),
            id="bare-url-broken-at-line-end",
        ),
        pytest.param(
            "https://commons.wikimedia.org/wiki/Category:Birds\nFile:A.jpg",
            ("File:A.jpg",),
            id="url-naming-no-file-then-name",
        ),
        pytest.param(
            "File:A.jpg, File:B b.png and File:C.svg.",
            ("File:A.jpg", "File:B b.png", "File:C.svg"),
            id="several-on-a-line",
        ),
        pytest.param(
            "File:Quai des Orfèvres, 2021 (détail) l'aube.jpg!",
            ("File:Quai des Orfèvres, 2021 (détail) l'aube.jpg",),
            id="commas-parens-apostrophes",
        ),
        pytest.param(
            "File:Version 1.5 of the logo.png", ("File:Version 1.5 of the logo.png",), id="dot-inside"
        ),
        pytest.param("File:Foo.JPEG", ("File:Foo.JPEG",), id="extension-case"),
        pytest.param("File:Foo.jpgx is not it", (), id="extension-then-word"),
        pytest.param("my photo.jpg is attached", (), id="no-namespace"),
        pytest.param("ProFile:Foo.jpg", (), id="namespace-inside-word"),
        pytest.param("my_File:Foo.jpg 2Datei:Bar.jpg", (), id="namespace-glued"),
        pytest.param("see फ़ाइल:चित्र.jpg", ("File:चित्र.jpg",), id="hindi-combining-marks"),
        pytest.param("Note: the photo.jpg", (), id="other-word-before-colon"),
        pytest.param(
            "Податотека:Охридска пастрмка рибник.jpg",
            ("File:Охридска пастрмка рибник.jpg",),
            id="mk-namespace",
        ),
        pytest.param("கோப்பு:Veena concert 2024.jpg", ("File:Veena concert 2024.jpg",), id="ta-namespace"),
        pytest.param("File: see below\nphoto.jpg", (), id="no-line-crossing"),
        # scripts without spaces glue a name to the words around it
        pytest.param(
            "ファイル:嵐山竹林の小径.jpgと、ファイル:清水寺_夕景.JPGの2点は",
            ("File:嵐山竹林の小径.jpg", "File:清水寺 夕景.JPG"),
            id="ja-glued-after-extension",
        ),
        pytest.param(
            "ผมเป็นผู้ถ่ายภาพไฟล์:วัดอรุณยามเย็น.jpgซึ่งมีผู้อัปโหลด",
            ("File:วัดอรุณยามเย็น.jpg",),
            id="th-glued-both-sides",
        ),
        # near miss: a Latin word glued after the extension is still no name's end
        pytest.param("File:Foo.jpgand more", (), id="latin-glued-after-extension"),
        pytest.param("[[File:Model.glb|thumb|A 3D model]]", ("File:Model.glb",), id="wikilink-any-extension"),
        pytest.param(
            "[[:File:A.jpg]] and [[Image:B.jpg|x]]", ("File:A.jpg", "File:B.jpg"), id="wikilink-forms"
        ),
        pytest.param(
            "[[commons:File:C.jpg]] [[c:Datei:D.jpg]]", ("File:C.jpg", "File:D.jpg"), id="wikilink-interwiki"
        ),
        pytest.param("[[Help:Contents]] [[File:]]", (), id="wikilink-not-file"),
        pytest.param(
            "File:Foo bar.jpg <https://commons.wikimedia.org/wiki/File:Foo_bar.jpg>",
            ("File:Foo bar.jpg",),
            id="link-text-and-href-once",
        ),
        pytest.param(
            "https://commons.wikimedia.org/wiki/File:A.jpg)\n(see https://upload.wikimedia.org/wikipedia/"
            "commons/thumb/a/ab/A.jpg/120px-A.jpg).",
            ("File:A.jpg",),
            id="url-and-thumb-same-file",
        ),
        pytest.param(
            "Datei:Foo_bar.jpg and File:Foo bar.jpg and file:foo_bar.jpg",
            ("File:Foo bar.jpg",),
            id="dedupe-spellings",
        ),
        pytest.param("> File:Quoted.jpg", ("File:Quoted.jpg",), id="quoted-text"),
        pytest.param(
            "https://commons.wikimedia.org/wiki/File:Harbour at dusk.jpg",
            ("File:Harbour at dusk.jpg",),
            id="url-broken-by-spaces",
        ),
        pytest.param(
            "commons.wikimedia.org/wiki/File:A_b%C3%A9.jpg", ("File:A bé.jpg",), id="url-without-scheme"
        ),
    ],
)
def test_find_files_in_text(vocab: FileVocabulary, text: str, titles: tuple[str, ...]) -> None:
    assert find_files("", [text], [], vocab) == titles


@pytest.mark.parametrize(
    ("subject", "title"),
    [
        pytest.param("Kingfisher on reed.jpg", "File:Kingfisher on reed.jpg", id="bare"),
        pytest.param(
            "[Ticket#2024051410012356] Re: AW: kingfisher_on_reed.JPG",
            "File:Kingfisher on reed.JPG",
            id="tag-and-prefixes",
        ),
        pytest.param("“Kingfisher, 2021 (2).jpg”", "File:Kingfisher, 2021 (2).jpg", id="quoted"),
        pytest.param("File:Kingfisher.jpg", "File:Kingfisher.jpg", id="with-namespace"),
        pytest.param("Permission for Kingfisher.jpg", "File:Kingfisher.jpg", id="request-word-stripped"),
        pytest.param("A.jpg and B.jpg", None, id="two-names"),
        pytest.param("Kingfisher.jpg please", None, id="trailing-words"),
        pytest.param("Re: Photo", None, id="no-extension"),
        pytest.param("", None, id="empty"),
    ],
)
def test_subject_file_title(vocab: FileVocabulary, subject: str, title: str | None) -> None:
    assert subject_file_title(subject, vocab) == title


def test_find_files_order_subject_then_texts_then_links(vocab: FileVocabulary) -> None:
    files = find_files(
        "[Ticket#2024051410012353] Harbour.jpg",
        ["see https://commons.wikimedia.org/wiki/File:Two.jpg and File:Three.jpg", "Datei:Four.png"],
        [
            Link("https://commons.wikimedia.org/wiki/File:Five.jpg", "this image"),
            Link("https://example.org/"),
        ],
        vocab,
    )
    assert files == ("File:Harbour.jpg", "File:Two.jpg", "File:Three.jpg", "File:Four.png", "File:Five.jpg")


def test_link_href_and_its_text_reported_once(vocab: FileVocabulary) -> None:
    text = "I agree for File:Kingfisher on reed.jpg <https://commons.wikimedia.org/wiki/File:Kingfisher_on_reed.jpg>"
    link = Link(
        "https://commons.wikimedia.org/wiki/File:Kingfisher_on_reed.jpg", "File:Kingfisher on reed.jpg"
    )
    assert find_files("", [text], [link], vocab) == ("File:Kingfisher on reed.jpg",)


@pytest.mark.parametrize(
    ("change", "key"),
    [
        pytest.param({"namespaces": None}, "files.namespaces", id="missing"),
        pytest.param({"extensions": ["jpg", ".png"]}, "files.extensions", id="bad-extension"),
        pytest.param({"wiki_hosts": "commons.wikimedia.org"}, "files.wiki_hosts", id="not-a-list"),
    ],
)
def test_config_errors_name_the_key(change: dict[str, object], key: str) -> None:
    data = tomllib.loads(CONFIG.read_text()) | change
    with pytest.raises(ConfigError, match=key):
        FileVocabulary.from_mapping(data)


@given(
    st.text(alphabet=st.sampled_from("File:Datei: ab_.%[]|#/jpgPNG()\n'é"), max_size=120)
    | st.text(max_size=120)
)
@settings(max_examples=200, deadline=None, derandomize=True, database=None)
def test_any_text_gives_valid_titles(text: str) -> None:
    vocab = FileVocabulary.from_mapping(tomllib.loads(CONFIG.read_text()))
    for title in find_files(text, [text], [Link(text)], vocab):
        assert canonical_file_title(title) == title or "%" in title or "&" in title


SUBJECT_LEADS = [
    pytest.param(
        "Permission for Kingfisher on reed.jpg", "File:Kingfisher on reed.jpg", id="en-permission-for"
    ),
    pytest.param("Freigabe: Burg im Nebel.JPG", "File:Burg im Nebel.JPG", id="de-freigabe-colon"),
    pytest.param("Autorisation pour phare.png", "File:Phare.png", id="fr-autorisation-pour"),
    pytest.param(
        "Re: [Ticket#2024051410012345] Zgoda na Rynek.jpg", "File:Rynek.jpg", id="pl-after-prefixes"
    ),
    pytest.param("Permissions report.pdf", "File:Permissions report.pdf", id="lead-must-be-whole-word"),
    pytest.param("Permission for my photos", None, id="no-file-name"),
]


@pytest.mark.parametrize(("subject", "expected"), SUBJECT_LEADS)
def test_subject_request_words_are_not_part_of_the_name(
    vocab: FileVocabulary, subject: str, expected: str | None
) -> None:
    assert subject_file_title(subject, vocab) == expected
