"""Which Commons file pages a ticket names, as canonical titles ("File:Name.jpg").

Senders name files in many ways: page URLs on any Wikimedia wiki (desktop, mobile, index.php?title=, the
media viewer's #/media/ fragment), upload URLs (thumbnails too), [[File:..]] links, bare "Datei:Name.jpg"
in any wiki's local namespace name, or just the file name as the subject. All are reduced to the title
MediaWiki would use, so the wiki side can tag exactly those pages. Host, namespace and extension lists
come from config/files.toml.
"""

from __future__ import annotations

import fnmatch
import html
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Self
from urllib.parse import parse_qsl, unquote, urlsplit

import mwparserfromhell

from verification.config_values import string_list
from verification.errors import ConfigError
from verification.licenses import CJK_LETTERS
from verification.message import UrlSpan, find_urls
from verification.model import Link
from verification.tickets import split_subject_prefixes

_FILE_NAMESPACE = "File"
_CANONICAL_PREFIXES = frozenset({"file", "image"})  # the names every wiki accepts
# MediaWiki's illegal title characters, its illegal file-name characters, control characters, surrogates.
_LINE_BREAK = re.compile(r"[ \t]*\r?\n")
_PERCENT_ESCAPE = re.compile("%[0-9A-Fa-f]{2}")
_MAX_UNQUOTE_ROUNDS = 3
_INVALID_CHAR = re.compile("[#<>\\[\\]|{}:/\\\\\x00-\x1f\x7f-\x9f\ud800-\udfff]")
# Joiners that change how letters of a script are drawn (Persian, Indic scripts, emoji); kept between two
# letters, where they mean something. Every other format character (Unicode category Cf: bidi marks,
# embeddings, overrides and isolates, U+061C, zero-width space, word joiner, BOM, soft hyphen, tags) is
# invisible: it would make a title look like another, so it is dropped.
_JOINERS = frozenset("\u200c\u200d")
_SPACE_RUN = re.compile(r"[\s\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+")
_EXTENSION = re.compile(r"\.[0-9A-Za-z]{1,10}$")
_MAX_NAME_BYTES = 240  # MediaWiki's limit for file names
_NAME_CHARS = r"[^\n\r#<>\[\]|{}:/\\]"
_QUOTES = " \t\"'«»“”„‘’‚‹›「」『』"
_ARCHIVE_TIMESTAMP = re.compile(r"^\d{14}!")
_LINK_MARKS = re.compile(r"\[\[|\]\]")
_MAX_WIKILINK = 4000  # characters from "[[" to "]]": a caption may be long, a title never is

_HASH_DIR = re.compile(r"^[0-9a-f]$")
_UPLOAD_KINDS = frozenset({"thumb", "archive", "transcoded", "temp", "deleted"})
_COLON = re.compile("[:：]")
_NAMESPACE_WINDOW = 40  # no namespace name is longer
# Letters of scripts written without spaces between words (Han, kana, Thai, Lao, Myanmar, Khmer, with their
# marks): a file name may be glued to the words around it.
_UNSPACED = CJK_LETTERS + "\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff"
_UNSPACED_CHAR = re.compile(f"[{_UNSPACED}]")


@dataclass(frozen=True)
class FileVocabulary:
    """Wiki hosts, local file namespace names and media extensions, with the patterns built from them."""

    namespaces: frozenset[str]  # casefolded, spaces for underscores
    wiki_hosts: re.Pattern[str]  # built from glob patterns
    upload_hosts: re.Pattern[str]
    interwiki_prefixes: frozenset[str]  # "commons", "c": [[commons:File:X]]
    # the namespace names written in a script without spaces, longest first ("ファイル", "ไฟล์")
    unspaced_namespaces: tuple[str, ...]
    file_path_pages: tuple[str, ...]  # casefolded "special:filepath": /wiki/Special:FilePath/X.jpg
    file_name: re.Pattern[str] = field(repr=False, compare=False)  # Name.ext, anchored by the caller
    subject_leads: tuple[str, ...] = ()  # casefolded "permission for": "Permission for X.jpg" names X.jpg
    # link-wrapping hosts (Outlook safe links, Google's /url) and the query key that holds the real URL
    redirect_hosts: re.Pattern[str] = field(default=re.compile(r"(?!)"), repr=False, compare=False)
    redirect_keys: tuple[str, ...] = ()
    # template placeholders ("File:Example.jpg"): an agent's example names no file of the ticket
    placeholders: frozenset[str] = frozenset()

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> Self:
        """Build from config/files.toml; ConfigError names the missing or bad key."""
        namespaces = string_list(data, "namespaces", "files")
        extensions = string_list(data, "extensions", "files")
        if bad := [e for e in extensions if not e.isalnum()]:
            raise ConfigError(f"files.extensions: not an extension: {bad[0]!r}")
        names = rf"(?P<name>{_NAME_CHARS}{{1,{_MAX_NAME_BYTES}}}?)"
        exts = "|".join(re.escape(e) for e in sorted(set(extensions), key=len, reverse=True))
        # the name ends at its extension: no word goes on after it, but a letter of a script written
        # without spaces may ("ファイル:嵐山竹林の小径.jpgと、…", "ไฟล์:วัดอรุณ.jpgซึ่ง…")
        name_pattern = rf"{names}\.(?P<ext>{exts})(?!(?![{_UNSPACED}])\w)"
        return cls(
            namespaces=frozenset(_page_key(n) for n in namespaces),
            unspaced_namespaces=tuple(
                sorted({_page_key(n) for n in namespaces if _UNSPACED_CHAR.search(n)}, key=len, reverse=True)
            ),
            wiki_hosts=_host_pattern(data, "wiki_hosts"),
            upload_hosts=_host_pattern(data, "upload_hosts"),
            interwiki_prefixes=frozenset(
                _page_key(p) for p in string_list(data, "interwiki_prefixes", "files")
            ),
            file_path_pages=tuple(_page_key(p) for p in string_list(data, "file_path_pages", "files")),
            file_name=re.compile(name_pattern, re.IGNORECASE),
            subject_leads=tuple(
                sorted(
                    {p.casefold().strip() for p in string_list(data, "subject_leads", "files")},
                    key=len,
                    reverse=True,
                )
            ),
            redirect_hosts=_host_pattern(data, "redirect_hosts"),
            redirect_keys=tuple(string_list(data, "redirect_keys", "files")),
            placeholders=frozenset(
                title
                for name in string_list(data, "placeholders", "files")
                if (title := canonical_file_title(name)) is not None
            ),
        )


def find_files(
    subject: str, texts: Sequence[str], links: Sequence[Link], vocab: FileVocabulary
) -> tuple[str, ...]:
    """Every file page the message names, canonical and deduplicated, in order of first appearance."""
    found: dict[str, None] = {}
    for text in (subject, *texts):
        found.update((title, None) for title in _titles_in_text(text, vocab))
    for link in links:
        found.update((title, None) for title in titles_from_url(link.url, vocab))
    for placeholder in vocab.placeholders:
        found.pop(placeholder, None)
    subject_file = subject_file_title(subject, vocab)
    if subject_file is None or _ends_with_named(subject_file, found) or subject_file in vocab.placeholders:
        return tuple(found)
    return (subject_file, *(title for title in found if title != subject_file))


def _ends_with_named(subject_file: str, named: Iterable[str]) -> bool:
    """The subject's name is a file named elsewhere with words in front ("Permiso X.jpg" beside X.jpg):
    request words of a language the config does not know, not a second file."""
    folded = subject_file.removeprefix("File:").casefold()
    return any(
        folded != (name := title.removeprefix("File:").casefold()) and folded.endswith(" " + name)
        for title in named
    )


def canonical_file_title(name: str) -> str | None:
    """The title MediaWiki would give the file ("File:Name.ext"), or None when it cannot be a file page.

    `name` is a file name, optionally after the canonical "File:" or "Image:"; HTML entities and
    percent-escapes are decoded, underscores become spaces, the first letter is capitalised as MediaWiki does.
    """
    return _canonical(name, percent_encoded=True)


def subject_file_title(subject: str, vocab: FileVocabulary) -> str | None:
    """The file a subject names when the subject is nothing but a media file name ("Kingfisher.jpg").

    A request word in front ("Permission for Kingfisher.jpg", "Freigabe: Kingfisher.jpg") is not part of
    the name: the leads of config/files.toml are peeled off first.
    """
    _, rest = split_subject_prefixes(subject)
    rest = _without_lead(rest, vocab.subject_leads).strip(_QUOTES)
    match = vocab.file_name.match(rest)
    if match is None or match.end() != len(rest):
        return None
    return _canonical(rest, percent_encoded=True)


def _without_lead(subject: str, leads: Sequence[str]) -> str:
    folded = subject.casefold()
    for lead in leads:
        if folded.startswith(lead) and folded[len(lead) : len(lead) + 1] in {" ", ":", "-", "\u2013"}:
            return subject[len(lead) :].lstrip(" :-\u2013")
    return subject


def titles_from_url(url: str, vocab: FileVocabulary, unwrap: bool = True) -> tuple[str, ...]:
    """The file pages a URL shows: a File: page, a media-viewer fragment, or an upload (thumbnail) URL;
    through a link wrapper once ("https://eur01.safelinks.protection.outlook.com/?url=…")."""
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").rstrip(".")
    except ValueError:
        return ()
    if parts.scheme.lower() not in {"http", "https", ""}:
        return ()
    if unwrap and vocab.redirect_hosts.match(host.lower()):
        targets = [value for key, value in parse_qsl(parts.query) if key in vocab.redirect_keys]
        return tuple(title for target in targets for title in titles_from_url(target, vocab, unwrap=False))
    if vocab.upload_hosts.match(host):
        title = _upload_title(parts.path)
        return (title,) if title else ()
    if not vocab.wiki_hosts.match(host):
        return ()
    pages: list[str] = []
    if parts.path.startswith("/wiki/"):
        pages.append(_unquote(parts.path[len("/wiki/") :]))
    elif parts.path.endswith("/index.php"):
        pages.extend(_unquote(value) for key, value in parse_qsl(parts.query) if key == "title")
    if parts.fragment.startswith("/media/"):
        pages.append(_unquote(parts.fragment[len("/media/") :]))
    titles = (_title_from_page(page, vocab) for page in pages)
    return tuple(title for title in titles if title)


def _titles_in_text(text: str, vocab: FileVocabulary) -> Iterator[str]:
    """Titles from URLs, wikilinks and bare namespace names, in the order they stand in the text."""
    hits: list[tuple[int, str]] = []
    naming: list[UrlSpan] = []  # URLs that named a file: bare names inside them are the same file
    for span in find_urls(text):
        titles = titles_from_url(span.url, vocab) or _wrapped_url_titles(text, span, vocab)
        hits.extend((span.start, title) for title in titles)
        naming.extend([span] if titles else [])
    if "[[" in text:
        hits.extend(_wikilink_titles(text, vocab))
    for start, name in _bare_names(text, vocab):
        if not any(span.start <= start < span.end for span in naming):
            title = _canonical(name, percent_encoded=True)
            if title:
                hits.append((start, title))
    hits.sort(key=lambda hit: hit[0])
    return (title for _, title in hits)


def _wrapped_url_titles(text: str, span: UrlSpan, vocab: FileVocabulary) -> tuple[str, ...]:
    """A bare URL that names no file but ends a line, joined with the first word of the next line: a mail
    program broke it there ("…/Файл:Золотые_ворота_" + "(Владимир),_2019.jpg")."""
    rest = text[span.end :]
    line_break = _LINE_BREAK.match(rest)
    if line_break is None:
        return ()
    tail = rest[line_break.end() :].split(maxsplit=1)
    if not tail:
        return ()
    joined = find_urls(span.url + tail[0])
    return titles_from_url(joined[0].url, vocab) if joined else ()


def _bare_names(text: str, vocab: FileVocabulary) -> Iterator[tuple[int, str]]:
    """(start, "Name.ext") for each "Namespace: Name.ext" in prose; the name ends at a media extension.

    Colons are rare in prose, so each colon is checked for a namespace name just before it: much faster
    than one pattern with every namespace tried at every position.
    """
    for colon in _COLON.finditer(text):
        start = _namespace_start(text, colon.start(), vocab)
        if start is None:
            continue
        name = vocab.file_name.match(text, _skip(text, colon.end(), " \t"))
        if name is not None:
            yield start, name.group(0)


def _namespace_start(text: str, colon: int, vocab: FileVocabulary) -> int | None:
    """Where a namespace name ending before `colon` starts: one word ("Datei") or two ("Tập tin"), or
    the end of a run of letters written without spaces ("ผู้ถ่ายภาพไฟล์:": the photographer of File:)."""
    last_end = _skip_back(text, colon, " \t")
    if last_end and _UNSPACED_CHAR.match(text, last_end - 1):
        glued = next(
            (
                last_end - len(namespace)
                for namespace in vocab.unspaced_namespaces
                if _page_key(text[max(0, last_end - len(namespace)) : last_end]) == namespace
            ),
            None,
        )
        if glued is not None:
            return glued
    last_start = _word_start(text, last_end)
    if last_start == last_end:
        return None
    first_end = _skip_back(text, last_start, " _")
    first_start = _word_start(text, first_end)
    if first_start < first_end < last_start and _page_key(text[first_start:last_end]) in vocab.namespaces:
        return first_start
    glued = last_start > 0 and text[last_start - 1] == "_"  # "my_File:" is not a namespace
    if not glued and _page_key(text[last_start:last_end]) in vocab.namespaces:
        return last_start
    return None


def _word_start(text: str, end: int) -> int:
    """Start of the word of letters (combining marks included) that ends at `end`; `end` if none.

    Letters glued to digits ("2Datei") or longer than any namespace name are no word here.
    """
    start = end
    while start > 0 and end - start < _NAMESPACE_WINDOW and _is_letter(text[start - 1]):
        start -= 1
    if start > 0 and text[start - 1].isalnum():
        return end
    return start


def _is_letter(char: str) -> bool:
    return char.isalpha() or unicodedata.category(char)[0] == "M"


def _skip(text: str, index: int, chars: str) -> int:
    while index < len(text) and text[index] in chars:
        index += 1
    return index


def _skip_back(text: str, index: int, chars: str) -> int:
    while index > 0 and text[index - 1] in chars:
        index -= 1
    return index


def _wikilink_titles(text: str, vocab: FileVocabulary) -> Iterator[tuple[int, str]]:
    """Titles of the wikilinks, each span "[[...]]" parsed on its own: the parser run over a whole
    quoted thread costs time quadratic in its length."""
    for span_start, span_end in _wikilink_spans(text):
        span = text[span_start:span_end]
        cursor = 0
        for link in mwparserfromhell.parse(span).filter_wikilinks():
            source = str(link)
            position = span.find(source, cursor)
            cursor = max(cursor, position)
            title = _title_from_page(_unquote(str(link.title)), vocab)
            if title:
                yield span_start + max(position, 0), title


def _wikilink_spans(text: str) -> list[tuple[int, int]]:
    """The outermost balanced "[[...]]" spans, in order; a span longer than `_MAX_WIKILINK` is no link,
    but the links inside it are."""
    pairs: list[tuple[int, int]] = []
    opened: list[int] = []
    for mark in _LINK_MARKS.finditer(text):
        if mark.group() == "[[":
            opened.append(mark.start())
        elif opened:
            start = opened.pop()
            if mark.end() - start <= _MAX_WIKILINK:
                pairs.append((start, mark.end()))
    spans: list[tuple[int, int]] = []
    for start, end in sorted(pairs):
        if not spans or start >= spans[-1][1]:
            spans.append((start, end))
    return spans


def _title_from_page(page: str, vocab: FileVocabulary) -> str | None:
    """A page name ("Datei:X.jpg", ":File:X", "commons:File:X", "Special:FilePath/X", "X.jpg") as a file
    title."""
    page = page.strip().lstrip(":")
    prefix, colon, rest = page.partition(":")
    if not colon:
        # "/wiki/Sant_Antoni_Abat,_1934.jpg": the namespace left out; no other page ends in a media extension
        return _canonical(page, percent_encoded=False) if vocab.file_name.fullmatch(page) else None
    key = _page_key(prefix)
    if key in vocab.namespaces:
        return _canonical(rest, percent_encoded=False)
    if key in vocab.interwiki_prefixes:
        return _title_from_page(rest, vocab)
    lowered = _page_key(page)
    for special in vocab.file_path_pages:
        if lowered.startswith(special + "/"):
            return _canonical(page[len(special) + 1 :], percent_encoded=False)
    return None


def _upload_title(path: str) -> str | None:
    """/wikipedia/commons/[thumb/]3/3f/Name.jpg[/800px-Name.jpg] -> File:Name.jpg."""
    segments = [s for s in path.split("/") if s]
    index = 2  # after project and wiki: /wikipedia/commons/
    while index < len(segments) and segments[index] in _UPLOAD_KINDS:
        index += 1
    if index + 2 >= len(segments):
        return None
    first, second, name = segments[index : index + 3]
    if not (_HASH_DIR.match(first) and len(second) == 2 and second.startswith(first)):
        return None
    return _canonical(_ARCHIVE_TIMESTAMP.sub("", _unquote(name)), percent_encoded=False)


def _canonical(name: str, *, percent_encoded: bool) -> str | None:
    text = html.unescape(name)
    if percent_encoded and "%" in text:
        text = _unquote(text)
    text = _SPACE_RUN.sub(" ", without_invisible(text.replace("_", " "))).strip()
    prefix, colon, rest = text.partition(":")
    if colon and prefix.strip().casefold() in _CANONICAL_PREFIXES:
        text = rest.strip()
    text = unicodedata.normalize("NFC", text)
    if not _valid_file_name(text):
        return None
    return f"{_FILE_NAMESPACE}:{first_letter_capitalised(text)}"


def first_letter_capitalised(text: str) -> str:
    """`text` with its first letter in title case, as MediaWiki capitalises titles: Georgian "ა" stays
    (its upper case, Mtavruli, is for all-caps only), "ǳ" becomes "ǲ"; a letter whose title case is
    two letters ("ß" -> "Ss") stays as written."""
    first = text[:1].title()
    return (first if len(first) == 1 else text[:1]) + text[1:]


def without_invisible(text: str) -> str:
    """`text` without invisible format characters (see _JOINERS for the two kept between letters)."""
    if text.isascii():
        return text
    kept: list[str] = []
    for index, char in enumerate(text):
        if unicodedata.category(char) != "Cf" or (char in _JOINERS and _is_joined(text, index)):
            kept.append(char)
    return "".join(kept)


def _is_joined(text: str, index: int) -> bool:
    before = text[index - 1] if index > 0 else ""
    after = text[index + 1] if index + 1 < len(text) else ""
    return (
        bool(before and after)
        and unicodedata.category(before)[0] in "LMS"
        and (unicodedata.category(after)[0] in "LMS")
    )


def _valid_file_name(name: str) -> bool:
    stem = _EXTENSION.sub("", name)
    return (
        bool(stem.strip(" ."))
        and stem != name
        and _INVALID_CHAR.search(name) is None
        and len(name.encode("utf-8")) <= _MAX_NAME_BYTES
    )


def _unquote(text: str) -> str:
    """Percent-decode as UTF-8; text that does not decode stays as written. A title never holds a
    percent escape (MediaWiki forbids them), so one left after decoding was escaped twice
    ("Le%25C3%25B3n" from a link copied out of a link) and is decoded again."""
    for _ in range(_MAX_UNQUOTE_ROUNDS):
        try:
            decoded = unquote(text, errors="strict")
        except UnicodeDecodeError:
            return text
        if decoded == text:
            return text
        text = decoded
        if _PERCENT_ESCAPE.search(text) is None:
            return text
    return text


def _host_pattern(data: Mapping[str, Any], key: str) -> re.Pattern[str]:
    """One pattern for a list of host globs ("*.wikipedia.org"), matched against lower-cased hosts."""
    globs = string_list(data, key, "files")
    return re.compile("|".join(f"(?:{fnmatch.translate(g.strip().lower())})" for g in globs))


def _page_key(text: str) -> str:
    return _SPACE_RUN.sub(" ", text.replace("_", " ")).strip().casefold()
