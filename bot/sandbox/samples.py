"""The sample tickets (samples/*/) on the sandbox: their sites for the fake web, their files pending on the
wiki, their mail for the mailbox. Shared by `make demo` and the crash test (tests/chaos/kill_passes.py)."""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.sandbox.wiki import SandboxWiki

SAMPLES = Path(__file__).resolve().parent.parent.parent / "samples"


@dataclass(frozen=True)
class SampleTicket:
    """One sample: its mail, the ticket and files it names, and the verdict the project expects."""

    name: str
    mail: Path
    ticket: str
    files: tuple[str, ...]
    expected_verdict: str
    sites: dict[str, Any]


def load_samples(root: Path = SAMPLES) -> list[SampleTicket]:
    """Every sample folder with a message.eml and an expected.json, sorted by name."""
    samples: list[SampleTicket] = []
    for case in sorted(p for p in root.iterdir() if (p / "message.eml").is_file()):
        expected = json.loads((case / "expected.json").read_text(encoding="utf-8"))
        sites_file = case / "sites.json"
        sites = json.loads(sites_file.read_text(encoding="utf-8")) if sites_file.is_file() else {}
        samples.append(
            SampleTicket(
                name=case.name,
                mail=case / "message.eml",
                ticket=str(expected.get("ticket") or ""),
                files=tuple(str(title) for title in expected.get("files") or ()),
                expected_verdict=str(expected.get("verdict") or ""),
                sites=sites,
            )
        )
    return samples


def all_sites(samples: Iterable[SampleTicket]) -> dict[str, Any]:
    """The fake web's content for these samples (URL -> site entry)."""
    sites: dict[str, Any] = {}
    for sample in samples:
        sites.update(sample.sites)
    return sites


def all_files(samples: Iterable[SampleTicket]) -> list[str]:
    return sorted({title for sample in samples for title in sample.files})


def pending_page(title: str, today: datetime.date | None = None) -> str:
    """A file description page as an uploader leaves it: {{Information}} with a pending tag, a license."""
    since = (today or datetime.date.today()) - datetime.timedelta(days=12)
    pending = f"{{{{Permission pending|year={since.year}|month={since.month}|day={since.day}}}}}"
    description = title.removeprefix("File:").rsplit(".", 1)[0]
    return (
        "== {{int:filedesc}} ==\n{{Information\n"
        f"|description={{{{en|1={description}}}}}\n|date={since.isoformat()}\n"
        f"|source=own work of the copyright holder\n|author=see permission\n|permission={pending}\n}}}}\n\n"
        "== {{int:license-header}} ==\n{{Cc-by-sa-4.0}}\n"
    )


def put_pending_files(wiki: SandboxWiki, titles: Iterable[str]) -> None:
    """The files on the wiki, each tagged {{Permission pending}} (a bulk import, no API)."""
    wiki.import_pages((title, pending_page(title)) for title in titles)


def bot_revisions(wiki: SandboxWiki, title: str) -> list[dict[str, Any]]:
    """The page's revisions by the bot's account, read through the API (oldest first)."""
    bot_user = wiki.account("bot").user.split("@", 1)[0]
    answer = wiki.request(
        None,
        "GET",
        action="query",
        prop="revisions",
        titles=title,
        rvprop="ids|user|comment",
        rvlimit="max",
        rvdir="newer",
    )
    pages = answer.get("query", {}).get("pages", [])
    revisions = pages[0].get("revisions", []) if pages else []
    return [rev for rev in revisions if rev.get("user") == bot_user]
