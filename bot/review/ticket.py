"""One ticket: the verdict and its reasons, the evidence side by side, the files as the wiki has them now,
the message as text, a suggested reply; and the forms through which agents act (recorded as decisions).

Nothing here edits the wiki: a decision is recorded in the store and carried out by the passes' code
(through the journal and the one save path), at once when the wiki is available, else by the next pass.
"""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from flask import Blueprint, abort, current_app, flash, g, redirect, render_template, request, url_for
from werkzeug.wrappers import Response as BaseResponse

from bot.config.review import ReviewSettings
from bot.review.mailtext import MessageText, message_text
from bot.review.queue import entry
from bot.review.replies import Replies
from bot.review.runner import DecisionRunner
from bot.review.security import agent_required, check_csrf
from bot.store.errors import UnknownTicketError
from bot.store.model import DecisionAction, DecisionState, TicketRow
from bot.store.store import Store
from bot.wiki.edits import ReceivedReason
from bot.wiki.fileinfo import FileInfo, FileInfoClient
from verification.message import MailVocabulary
from verification.model import Verdict

log = logging.getLogger(__name__)

blueprint = Blueprint("ticket", __name__)

TICKET_DIGITS = 16
MAX_TITLE = 255
MAX_NOTE = 2000
WIKI_ACTIONS = (DecisionAction.APPROVE, DecisionAction.RECEIVE, DecisionAction.REJECT, DecisionAction.UNTAG)


@dataclass(frozen=True)
class FileView:
    title: str
    info: FileInfo | None
    credits_differ: bool  # the camera's author/copyright notes name someone other than the holder


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def credits_differ(credits: Sequence[tuple[str, str]], holders: Sequence[str]) -> bool:
    """True when the file's metadata credits someone and no claimed holder name appears in any of them.

    No credits, or no holder named in the mail: nothing to hold against each other (False).
    """
    names = [_fold(h) for h in holders if h.strip()]
    if not credits or not names:
        return False
    values = [_fold(value) for _key, value in credits]
    return not any(name in value or value in name for name in names for value in values)


def holder_names(evidence: Mapping[str, object] | None) -> list[str]:
    statement = (evidence or {}).get("statement")
    if not isinstance(statement, Mapping):
        return []
    names = [n for n in statement.get("holder_names", []) or [] if isinstance(n, str)]
    for key in ("signer", "represents"):
        value = statement.get(key)
        if isinstance(value, str) and value:
            names.append(value)
    return names


def _settings() -> ReviewSettings:
    settings: ReviewSettings = current_app.config["PERMBOT_SETTINGS"]
    return settings


def _store() -> Store:
    store: Store = current_app.config["PERMBOT_STORE"]
    return store


def _checked_number(number: str) -> str:
    if len(number) != TICKET_DIGITS or not number.isdigit():
        abort(404)
    return number


def _file_views(ticket: TicketRow) -> tuple[list[FileView], bool]:
    client: FileInfoClient | None = current_app.config["PERMBOT_FILE_INFO"]
    titles = [f.title for f in ticket.active_files]
    infos = None
    if client is not None and titles:
        infos = client.fetch(titles, _settings().wiki_timeout_seconds)
    holders = holder_names(ticket.evidence)
    views = []
    for title in titles:
        info = infos.get(title) if infos else None
        differ = credits_differ(info.metadata_credits, holders) if info else False
        views.append(FileView(title, info, differ))
    return views, client is not None and bool(titles) and infos is None


@blueprint.route("/ticket/<number>")
@agent_required
def show(number: str) -> str:
    settings = _settings()
    detail = _store().detail(_checked_number(number))
    if detail is None:
        abort(404)
    ticket = detail.ticket
    files, wiki_unavailable = _file_views(ticket)
    vocabulary: MailVocabulary = current_app.config["PERMBOT_MAIL_VOCABULARY"]
    raws = _store().messages.raw_for_ticket(ticket.number)
    messages: list[tuple[object, MessageText]] = [
        (row, message_text(raws.get(row.id), vocabulary)) for row in detail.messages
    ]
    replies: Replies = current_app.config["PERMBOT_REPLIES"]
    language = request.args.get("lang") or ticket.language or "en"
    if language not in replies.texts:
        language = "en"
    verdict = ticket.effective_verdict
    reply = (
        replies.render(language, verdict, [f.title for f in ticket.active_files], g.agent)
        if verdict is not None
        else None
    )
    pending = any(d.state is DecisionState.PENDING for d in detail.decisions)
    return render_template(
        "ticket.html",
        detail=detail,
        ticket=ticket,
        summary=entry(ticket, datetime.now(UTC), settings),
        evidence=ticket.evidence or {},
        files=files,
        wiki_unavailable=wiki_unavailable,
        messages=messages,
        reply=reply,
        reply_language=language,
        reply_languages=replies.languages,
        verdicts=list(Verdict),
        reasons=list(ReceivedReason),
        pending=pending,
    )


def _chosen_files(ticket: TicketRow) -> list[str]:
    """The files ticked in the form, limited to the ticket's own; none ticked means all of them."""
    active = [f.title for f in ticket.active_files]
    chosen = [t for t in request.form.getlist("files") if t in active]
    return chosen or active


@blueprint.route("/ticket/<number>/act", methods=["POST"])
@agent_required
def act(number: str) -> BaseResponse:
    check_csrf()
    store = _store()
    ticket = store.tickets.get(_checked_number(number), with_evidence=False)
    if ticket is None:
        abort(404)
    try:
        action = DecisionAction(request.form.get("action", ""))
    except ValueError:
        abort(400, description="Unknown action.")
    note = request.form.get("note", "").strip()[:MAX_NOTE] or None
    try:
        message = _record(store, ticket, action, g.agent, note)
    except UnknownTicketError:
        abort(404)
    if action in WIKI_ACTIONS:
        runner: DecisionRunner = current_app.config["PERMBOT_RUNNER"]
        runner.kick()
    log.info("ticket %s: %s recorded by %s", ticket.number, action.value, g.agent)
    flash(message)
    return redirect(url_for("ticket.show", number=ticket.number))


def _record(store: Store, ticket: TicketRow, action: DecisionAction, agent: str, note: str | None) -> str:
    if action in (DecisionAction.APPROVE, DecisionAction.REJECT, DecisionAction.UNTAG):
        files = _chosen_files(ticket)
        store.decisions.record(ticket.number, agent, action, {"files": files})
        return f"{action.value.capitalize()} recorded for {len(files)} file(s); the bot carries it out."
    if action is DecisionAction.RECEIVE:
        try:
            reason = ReceivedReason(request.form.get("reason", ""))
        except ValueError:
            abort(400, description="Choose a reason for “permission received”.")
        files = _chosen_files(ticket)
        store.decisions.record(ticket.number, agent, action, {"files": files, "reason": reason.value})
        return f"Received ({reason.value}) recorded for {len(files)} file(s); the bot carries it out."
    if action in (DecisionAction.ADD_FILE, DecisionAction.REMOVE_FILE):
        title = " ".join(request.form.get("title", "").replace("_", " ").split())[:MAX_TITLE]
        if not title.startswith("File:") or len(title) <= len("File:"):
            abort(400, description="Give a file page title starting with “File:”.")
        if action is DecisionAction.ADD_FILE:
            store.tickets.add_file(ticket.number, title, agent=agent, note=note)
        else:
            store.tickets.remove_file(ticket.number, title, agent=agent, note=note)
        store.decisions.record(ticket.number, agent, action, {"title": title, "note": note})
        return f"File {'added' if action is DecisionAction.ADD_FILE else 'removed'}: {title}."
    verdict_name = request.form.get("verdict", "")
    verdict = None if verdict_name == "" else _verdict(verdict_name)
    store.tickets.override_verdict(ticket.number, verdict, agent=agent, note=note)
    store.decisions.record(
        ticket.number, agent, action, {"verdict": verdict.value if verdict else None, "note": note}
    )
    return "Verdict overridden." if verdict else "Override withdrawn: the bot's verdict applies again."


def _verdict(name: str) -> Verdict:
    try:
        return Verdict(name)
    except ValueError:
        abort(400, description="Unknown verdict.")
