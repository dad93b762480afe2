"""What the review page shows of a ticket's files, read from the wiki: batched, read-only, time-boxed.

One API request per 50 titles: existence, the tag templates on the page (its current tags), the file's
uploader, URL and thumbnail, SHA-1, imageinfo metadata (the camera's Artist/Copyright), and other files
with the same content (prop=duplicatefiles). The caller gives a total deadline; past it, or with the wiki
away, the answer is `None` and the page says "wiki unavailable".
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import requests

BATCH = 50
THUMB_WIDTH = 160
USER_AGENT = "permbot-review/0.1 (review page: file info)"
# The imageinfo metadata keys that carry the camera's own author and copyright notes.
AUTHOR_METADATA_KEYS = ("Artist", "Copyright", "Author", "XPAuthor", "Creator", "By-line")


@dataclass(frozen=True)
class FileInfo:
    title: str
    exists: bool
    templates: tuple[str, ...] = ()  # the tag templates on the page, without namespace
    uploader: str | None = None
    url: str | None = None
    thumb_url: str | None = None
    sha1: str | None = None
    metadata_credits: tuple[tuple[str, str], ...] = ()  # (key, value) of AUTHOR_METADATA_KEYS found
    duplicates: tuple[str, ...] = ()  # other files with the same SHA-1


def _batches(titles: Sequence[str]) -> Iterable[Sequence[str]]:
    for start in range(0, len(titles), BATCH):
        yield titles[start : start + BATCH]


def _metadata_credits(items: object) -> tuple[tuple[str, str], ...]:
    found: list[tuple[str, str]] = []
    if not isinstance(items, list):
        return ()
    for item in items:
        if isinstance(item, Mapping) and item.get("name") in AUTHOR_METADATA_KEYS:
            value = item.get("value")
            if isinstance(value, str | int | float) and str(value).strip():
                found.append((str(item["name"]), str(value).strip()[:300]))
    return tuple(found)


def _strip_namespace(title: str) -> str:
    return title.split(":", 1)[1] if ":" in title else title


def _file_info(page: Mapping[str, Any]) -> FileInfo:
    title = str(page.get("title", ""))
    if page.get("missing") or page.get("invalid"):
        return FileInfo(title, exists=False)
    info = (page.get("imageinfo") or [{}])[0]
    return FileInfo(
        title=title,
        exists=True,
        templates=tuple(_strip_namespace(str(t.get("title", ""))) for t in page.get("templates", [])),
        uploader=info.get("user"),
        url=info.get("url"),
        thumb_url=info.get("thumburl") or info.get("url"),
        sha1=info.get("sha1"),
        metadata_credits=_metadata_credits(info.get("metadata")),
        duplicates=tuple(str(d.get("name", "")).replace("_", " ") for d in page.get("duplicatefiles", [])),
    )


class FileInfoClient:
    """Reads file info from one wiki's API; `fetch` never takes longer than `deadline` seconds in all."""

    def __init__(
        self, api: str, tag_templates: Sequence[str], session: requests.Session | None = None
    ) -> None:
        self._api = api
        self._tags = "|".join(f"Template:{name}" for name in tag_templates[:50])
        self._session = session or requests.Session()
        self._session.headers["User-Agent"] = USER_AGENT

    def fetch(self, titles: Sequence[str], deadline: float) -> dict[str, FileInfo] | None:
        """Info per requested title (normalised titles mapped back), or None when the wiki did not answer."""
        ends = time.monotonic() + deadline
        found: dict[str, FileInfo] = {}
        for batch in _batches(list(dict.fromkeys(titles))):
            left = ends - time.monotonic()
            if left <= 0:
                return None
            try:
                data = self._query(batch, left)
            except (requests.RequestException, ValueError):
                return None
            aliases = {n["to"]: n["from"] for n in data.get("query", {}).get("normalized", [])}
            for page in data.get("query", {}).get("pages", []):
                info = _file_info(page)
                found[aliases.get(info.title, info.title)] = info
                found[info.title] = info
        return found

    def _query(self, titles: Sequence[str], timeout: float) -> dict[str, Any]:
        params = {
            "action": "query",
            "format": "json",
            "formatversion": "2",
            "titles": "|".join(titles),
            "prop": "templates|imageinfo|duplicatefiles",
            "tltemplates": self._tags,
            "tllimit": "max",
            "iiprop": "user|url|sha1|metadata",
            "iiurlwidth": str(THUMB_WIDTH),
            "dflimit": "max",
        }
        response = self._session.get(self._api, params=params, timeout=timeout)
        response.raise_for_status()
        data: dict[str, Any] = response.json()
        return data
