"""The four jobs (tag, receive, untag, sweep) as batched reads, a pure edit per page, and the save path.

Pages are read in batches as large as the account may ask for (`site.preloadpages`, templates with
them), redirects are followed to their target page (one query per batch for all of them), missing pages
become outcomes, and every change goes through `Saver.save`. Listing pages (untag without files, sweep)
asks the wiki for the pages using the real template pages: a transclusion through a redirect is
recorded under the target too, so the aliases need no queries of their own.
"""

from __future__ import annotations

import datetime
import functools
import logging
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from itertools import islice
from typing import Any

from bot.config.wiki import EditSummaries
from bot.wiki.connection import WikiSession, continued
from bot.wiki.edits import (
    PageEdit,
    ReceivedReason,
    TemplateNames,
    TemplateRole,
    Unchanged,
    confirm_ticket,
    has_role,
    mark_no_permission,
    mark_received,
    remove_ticket,
    survey,
)
from bot.wiki.outcomes import FileOutcome, OutcomeKind
from bot.wiki.saver import Change, Saver

log = logging.getLogger(__name__)

FILE_NAMESPACE = 6
# How many old revisions one history request fetches (with content: MediaWiki allows 50 for everyone).
HISTORY_STEP = 50


@dataclass(frozen=True)
class Loaded:
    """A page as read in a batch: ready to edit (`page`), or already decided (`outcome`)."""

    title: str
    page: Any | None = None
    outcome: FileOutcome | None = None


# A job's decision for one loaded page: the pure edit to apply, an outcome without saving, or None to
# leave the page out of the report (untag-all candidates that turn out not to carry the ticket).
Decision = Change | FileOutcome | None
Decide = Callable[[Any], Decision]
Report = Callable[[FileOutcome], None]


def batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """Consecutive lists of `size` items (the last may be shorter); itertools.batched is Python 3.12+."""
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


@dataclass(frozen=True)
class RedirectTarget:
    """Where a redirect ends: a page of this wiki (`namespace` from the answer), or of another one."""

    title: str
    namespace: int | None = None
    interwiki: str | None = None

    @property
    def is_file(self) -> bool:
        return self.interwiki is None and self.namespace == FILE_NAMESPACE

    @property
    def why_outside(self) -> str:
        """The detail code of a redirect that is not followed: to another wiki, or out of File:."""
        return "interwiki" if self.interwiki is not None else "not_a_file"


def redirect_targets(query: Mapping[str, Any]) -> dict[str, RedirectTarget]:
    """`{redirect title: final target}` from a `redirects=1` query answer (chains followed).

    An interwiki hop ends the chain: the target lives on another wiki and is never asked for.
    """
    hops = {hop["from"]: hop for hop in query.get("redirects", ())}
    namespaces = {page["title"]: page.get("ns") for page in query.get("pages", ()) if "title" in page}
    final: dict[str, RedirectTarget] = {}
    for start in hops:
        title, seen = start, {start}
        interwiki: str | None = None
        while title in hops and hops[title]["to"] not in seen and interwiki is None:
            hop = hops[title]
            interwiki = hop.get("tointerwiki")
            title = hop["to"]
            seen.add(title)
        final[start] = RedirectTarget(title, None if interwiki else namespaces.get(title), interwiki)
    return final


def _follow_redirects(site: Any, titles: list[str]) -> dict[str, RedirectTarget]:
    if not titles:
        return {}
    data = site.simple_request(action="query", titles=titles, redirects=True, formatversion=2).submit()
    return redirect_targets(data.get("query", {}))


def _preload(session: WikiSession, pages: list[Any]) -> list[Any]:
    return list(session.site.preloadpages(pages, groupsize=session.group_size, templates=True))


def _redirect_outcome(title: str, target: RedirectTarget | None, ticket: str | None) -> FileOutcome:
    """A redirect is followed only to a file page on this wiki; any other target is reported, not edited."""
    if target is None:
        return FileOutcome(title, OutcomeKind.FAILED, ticket, "broken_redirect")
    if not target.is_file:  # an interwiki target's title carries its prefix ("mediawikiwiki:File:X.jpg")
        return FileOutcome(
            title, OutcomeKind.REDIRECT_OUTSIDE, ticket, target.why_outside, target=target.title
        )
    return FileOutcome(title, OutcomeKind.REDIRECT, ticket, target=target.title)


def load_batches(session: WikiSession, pages: Iterable[Any], ticket: str | None) -> Iterator[list[Loaded]]:
    """Read pages in batches; follow redirects to file pages of this wiki; every title is handled once.

    pywikibot is never asked about a redirect itself (it would resolve an interwiki redirect by opening
    the other wiki): the wiki's own `redirects=1` answer says where each one ends.
    """
    import pywikibot

    done: set[str] = set()
    for batch in batched(pages, session.group_size):
        wanted = [p for p in batch if p.title() not in done]
        done.update(p.title() for p in wanted)
        loaded = _preload(session, wanted) if wanted else []
        log.info("read %d page(s)", len(loaded))
        redirects = [p for p in loaded if p.exists() and p.isRedirectPage()]
        targets = _follow_redirects(session.site, [p.title() for p in redirects])
        follow: list[Any] = []
        items: list[Loaded] = []
        for page in loaded:
            title = page.title()
            if not page.exists():
                items.append(Loaded(title, outcome=FileOutcome(title, OutcomeKind.MISSING, ticket)))
            elif page.isRedirectPage():
                target = targets.get(title)
                items.append(Loaded(title, outcome=_redirect_outcome(title, target, ticket)))
                if target is not None and target.is_file and target.title not in done:
                    done.add(target.title)
                    follow.append(pywikibot.Page(session.site, target.title))
            else:
                items.append(Loaded(title, page=page))
        for page in _preload(session, follow) if follow else []:
            title = page.title()
            if not page.exists() or page.isRedirectPage():
                detail = "redirect_chain" if page.exists() else ""
                kind = OutcomeKind.FAILED if page.exists() else OutcomeKind.MISSING
                items.append(Loaded(title, outcome=FileOutcome(title, kind, ticket, detail)))
            else:
                items.append(Loaded(title, page=page))
        yield items


def run(
    session: WikiSession,
    saver: Saver,
    pages: Iterable[Any],
    decide: Decide,
    summary: str,
    ticket: str | None,
    report: Report | None = None,
) -> list[FileOutcome]:
    """Read in batches; decide page by page; check the wiki before a batch's first save; save.

    `report` is told each outcome as soon as it is known (a save: right after it), so a command can
    print it at once and knows what was done when it is interrupted.
    """
    outcomes: list[FileOutcome] = []

    def done(outcome: FileOutcome) -> None:
        outcomes.append(outcome)
        if report is not None:
            report(outcome)

    for batch in load_batches(session, pages, ticket):
        checked = False
        for item in batch:
            decision = item.outcome or decide(item.page)
            if decision is None:
                continue
            if isinstance(decision, FileOutcome):
                done(decision)
                continue
            if not checked:
                saver.before_batch()
                checked = True
            done(saver.save(item.page, decision, summary, ticket))
    return outcomes


def pending_dates(session: WikiSession, titles: Iterable[str]) -> dict[str, datetime.date]:
    """The date of each page's pending tag, read in batches (read only): when its file would be deleted.

    Pages without a pending tag, or with an undated one, are left out; a followed redirect's date stands
    under its target's title.
    """
    dates: dict[str, datetime.date] = {}
    wanted = list(dict.fromkeys(titles))
    for items in load_batches(session, file_pages(session, wanted), None):
        for item in items:
            if item.page is None:
                continue
            since = survey(item.page.text, session.names).pending_since
            if since is not None:
                dates[item.title] = since
    return dates


def file_pages(session: WikiSession, titles: Iterable[str]) -> list[Any]:
    import pywikibot

    return [pywikibot.Page(session.site, title) for title in titles]


def _summary(
    session: WikiSession, template: str, *, ticket: str | None = None, days: int | None = None
) -> str:
    return template.format(ticket=ticket, days=days) + session.profile.summary_suffix


def _always(change: Callable[[str], PageEdit]) -> Decide:
    return lambda _page: change


# ---------------------------------------------------------------------------------------------------------
# tag, receive, untag


def tag(
    session: WikiSession,
    saver: Saver,
    summaries: EditSummaries,
    titles: Iterable[str],
    ticket: str,
    user: str | None = None,
    report: Report | None = None,
) -> list[FileOutcome]:
    names = session.names

    def change(text: str) -> PageEdit:
        return confirm_ticket(text, ticket, names, user)

    summary = _summary(session, summaries.tag, ticket=ticket)
    return run(session, saver, file_pages(session, titles), _always(change), summary, ticket, report)


def receive(
    session: WikiSession,
    saver: Saver,
    summaries: EditSummaries,
    titles: Iterable[str],
    ticket: str,
    reason: ReceivedReason,
    today: datetime.date,
    user: str | None = None,
    report: Report | None = None,
) -> list[FileOutcome]:
    names = session.names

    def change(text: str) -> PageEdit:
        return mark_received(text, ticket, names, reason, today, user)

    summary = _summary(session, summaries.receive, ticket=ticket)
    return run(session, saver, file_pages(session, titles), _always(change), summary, ticket, report)


def untag(
    session: WikiSession,
    saver: Saver,
    summaries: EditSummaries,
    titles: Iterable[str] | None,
    ticket: str,
    report: Report | None = None,
) -> list[FileOutcome]:
    """Remove the ticket's templates from the named files, or from every file carrying it."""
    names = session.names

    @functools.lru_cache(maxsize=1)  # see sweep: judged here, applied again by the save path
    def change(text: str) -> PageEdit:
        return remove_ticket(text, ticket, names)

    summary = _summary(session, summaries.untag, ticket=ticket)
    if titles is not None:
        return run(session, saver, file_pages(session, titles), _always(change), summary, ticket, report)

    def carrying(page: Any) -> Decision:
        return change if change(page.text).changed else None  # a candidate without the ticket: not its file

    return run(session, saver, pages_with_ticket(session, ticket), carrying, summary, ticket, report)


def pages_with_ticket(session: WikiSession, ticket: str) -> Iterator[Any]:
    """Candidate file pages that may carry the ticket; the caller keeps those whose templates name it.

    With CirrusSearch (Commons) an `insource:` search finds them directly; elsewhere every page using
    the ticket or received templates is a candidate (fine for small wikis, far too many on Commons).
    """
    site = session.site
    if site.has_extension("CirrusSearch"):
        yield from site.search(f'insource:"{ticket}"', namespaces=[FILE_NAMESPACE])
        return
    roles = (TemplateRole.TICKET, TemplateRole.RECEIVED)
    yield from transcluding(session, [t for role in roles for t in session.template_pages.get(role, ())])


def transcluding(session: WikiSession, templates: Iterable[str]) -> Iterator[Any]:
    """File pages using any of `templates`, each once, in the wiki's order (5,000 titles per request)."""
    import pywikibot

    seen: set[str] = set()
    for template in templates:
        params = {"list": "embeddedin", "eititle": template, "einamespace": FILE_NAMESPACE, "eilimit": "max"}
        for data in continued(session.site, params):
            for entry in data.get("query", {}).get("embeddedin", ()):
                title = entry["title"]
                if title not in seen:
                    seen.add(title)
                    yield pywikibot.Page(session.site, title)


# ---------------------------------------------------------------------------------------------------------
# sweep


def added_on(
    revisions: Iterable[tuple[datetime.date, str | None]], names: TemplateNames
) -> datetime.date | None:
    """The day the current pending tag was added: walking back from the newest revision, the oldest one
    of the run that carries a pending tag. None if the newest carries none (or its text is hidden)."""
    since: datetime.date | None = None
    for day, text in revisions:
        if text is None or not has_role(text, names, TemplateRole.PENDING):
            break
        since = day
    return since


def is_due(since: datetime.date, today: datetime.date, days: int) -> bool:
    """Pending for longer than `days` full days."""
    return (today - since).days > days


def history(site: Any, title: str) -> Iterator[tuple[datetime.date, str | None]]:
    """The page's revisions newest first, (day, text), fetched lazily HISTORY_STEP at a time."""
    params = {
        "prop": "revisions",
        "titles": title,
        "rvprop": "timestamp|content",
        "rvslots": "main",
        "rvlimit": HISTORY_STEP,
    }
    for data in continued(site, params):
        for page in data.get("query", {}).get("pages", ()):
            for revision in page.get("revisions", ()):
                day = datetime.datetime.fromisoformat(revision["timestamp"]).date()
                slot = revision.get("slots", {}).get("main", {})
                yield day, None if slot.get("texthidden") else slot.get("content")


def sweep(
    session: WikiSession,
    saver: Saver,
    summaries: EditSummaries,
    days: int,
    today: datetime.date,
    report: Report | None = None,
) -> list[FileOutcome]:
    """Tag files pending for more than `days` days with no ticket received as having no permission."""
    names = session.names
    cutoff = today - datetime.timedelta(days=days)  # overdue: pending since before this day

    @functools.lru_cache(maxsize=1)  # the save path applies it again to the text `decide` just judged
    def dated(text: str) -> PageEdit:
        return mark_no_permission(text, names, today, pending_before=cutoff)

    def undated(text: str) -> PageEdit:  # the history said overdue
        return mark_no_permission(text, names, today)

    def decide(page: Any) -> Decision:
        title, text = page.title(), page.text
        planned = dated(text)  # one parse: refusals, the template's date and the new text
        if planned.changed:
            return dated
        if planned.unchanged is not Unchanged.UNDATED:
            detail = planned.unchanged.value if planned.unchanged else ""
            return FileOutcome(title, OutcomeKind.UNCHANGED, detail=detail)
        since = added_on(history(session.site, title), names)
        if since is None:
            return FileOutcome(title, OutcomeKind.UNCHANGED, detail="pending_date_unknown")
        if not is_due(since, today, days):
            return FileOutcome(title, OutcomeKind.UNCHANGED, detail=Unchanged.NOT_OVERDUE.value)
        return undated

    pending = session.template_pages.get(TemplateRole.PENDING, ())
    summary = _summary(session, summaries.sweep, days=days)
    return run(session, saver, transcluding(session, pending), decide, summary, None, report)
