"""Pure wikitext edits of the permission templates (tag, receive, untag, sweep) and the reads behind them.

Each edit parses the page with mwparserfromhell, changes only the template nodes it must (and the line
break of a template that stood alone on its line), and returns the new text with typed actions. Nothing
here talks to a wiki or does I/O, so every rule is tested by a table of wikitext cases; the pywikibot
layer (bot/wiki) fetches pages, calls these functions and saves.

Templates are found by every name the wiki knows for them (`TemplateNames`, from config/wiki.toml
`[templates]` plus the redirects the wiki reports), with MediaWiki's title rules: first letter
case-insensitive, spaces = underscores, an optional (localised) "Template:" prefix, comments ignored.
Templates inside <nowiki>, <pre> and comments are text to mwparserfromhell, so they are never touched.
"""

from __future__ import annotations

import dataclasses
import datetime
import enum
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Self

import mwparserfromhell
from mwparserfromhell.nodes import Comment, Heading, Node, Template, Text
from mwparserfromhell.wikicode import Wikicode

from verification.config_values import string_list
from verification.errors import ConfigError
from verification.files import first_letter_capitalised

# MediaWiki's canonical name of the template namespace; localised names come from config.
_CANONICAL_TEMPLATE_PREFIX = "Template"
# The exclusion-compliance protocol's own names (Template:Bots): fixed across wikis, like pywikibot's.
_BOTS = "Bots"
_NOBOTS = "Nobots"
_ALL = "all"
_NONE = "none"

_NAME_SPACE_RUN = re.compile(r"[\s_]+")
_TICKET_ID = re.compile(r"[0-9]{16}")
_INT = re.compile(r"[0-9]{1,4}")
# Characters MediaWiki forbids in titles and user names; a user name carrying them could break the template.
_BAD_NAME_CHARS = frozenset("#<>[]|{}\n\r\t")


class TemplateRole(enum.StrEnum):
    """What a template means for a file's permission status."""

    TICKET = "ticket"  # {{PermissionTicket|id=N}}: permission confirmed by a VRT agent
    PENDING = "pending"  # {{Permission pending|year|month|day}}: the uploader says an email is on its way
    RECEIVED = "received"  # {{Permission received|id=N|reason=R}}: the ticket arrived, agents are on it
    NO_PERMISSION = "no_permission"  # {{No VRTS permission since|day|month|year}}: deletion countdown
    INFORMATION = "information"  # {{Information}} and friends: holds the Permission field


class MonthStyle(enum.StrEnum):
    """How a template written by the bot spells its month parameter (Commons' templates differ)."""

    NUMBER = "number"  # month=5
    NAME = "name"  # month=May


class EditAction(enum.StrEnum):
    """One change an edit made; the save path turns these into the edit summary and the JSON report."""

    ADDED_TICKET = "added_ticket"
    REMOVED_TICKET = "removed_ticket"
    REMOVED_PENDING = "removed_pending"
    ADDED_RECEIVED = "added_received"
    REMOVED_RECEIVED = "removed_received"
    ADDED_NO_PERMISSION = "added_no_permission"
    REMOVED_NO_PERMISSION = "removed_no_permission"


class Unchanged(enum.StrEnum):
    """Why an edit left the page as it was (for the per-file outcome)."""

    ALREADY_CONFIRMED = "already_confirmed"  # the page already carries a ticket template for this ticket
    ALREADY_RECEIVED = "already_received"  # the page already carries a received template for this ticket
    NOT_PENDING = "not_pending"  # no pending (or overdue) tag: receive/sweep only act on waiting files
    HAS_PERMISSION_TAG = "has_permission_tag"  # sweep: a ticket or received tag protects the file
    ALREADY_NO_PERMISSION = "already_no_permission"  # sweep: already counting down
    TICKET_NOT_ON_PAGE = "ticket_not_on_page"  # untag: nothing of this ticket on the page
    UNDATED = "undated"  # sweep with a cut-off: the pending tag has no valid date (ask the history)
    NOT_OVERDUE = "not_overdue"  # sweep with a cut-off: pending since the cut-off or later


class Notice(enum.StrEnum):
    """Something an edit did that an operator should look at, though the edit itself is right."""

    PERMISSION_FIELD_EMPTY = "permission_field_empty"  # untag: the Permission field now says nothing


class ReceivedReason(enum.StrEnum):
    """The `reason=` codes {{Permission received}} understands; generic, so nothing of the mail leaks."""

    PROCESSING = "processing"
    LICENSE = "license"
    EMAIL = "email"


@dataclass(frozen=True)
class PageEdit:
    """The result of one pure edit: the full new text and what was done (empty = nothing to save)."""

    text: str
    actions: tuple[EditAction, ...] = ()
    unchanged: Unchanged | None = None
    notices: tuple[Notice, ...] = ()

    @property
    def changed(self) -> bool:
        return bool(self.actions)


def normalise_template_name(name: str, prefixes: Iterable[str] = (_CANONICAL_TEMPLATE_PREFIX,)) -> str:
    """A template name as MediaWiki resolves it, so `{{ permission_pending }}` matches "Permission pending".

    Collapses runs of spaces/underscores, strips, drops a namespace prefix from `prefixes` (compared
    case-insensitively, as MediaWiki does for namespace names) and upper-cases the first letter. A leading
    colon without a template prefix names a main-namespace page, not a template: it is kept.
    """
    text = _NAME_SPACE_RUN.sub(" ", name).strip()
    leading_colon = text.startswith(":")
    if leading_colon:
        text = text[1:].lstrip()
    head, sep, rest = text.partition(":")
    if sep and head.strip().casefold() in {_NAME_SPACE_RUN.sub(" ", p).strip().casefold() for p in prefixes}:
        return first_letter_capitalised(rest.strip())
    return (":" if leading_colon else "") + first_letter_capitalised(text)


def _parse(text: str) -> Wikicode:
    """Parse wikitext; bold/italic quotes stay plain text (never edited here, and parsing is faster)."""
    return mwparserfromhell.parse(text, skip_style_tags=True)


def _without_comments(code: Wikicode) -> str:
    return "".join(str(node) for node in code.nodes if not isinstance(node, Comment))


def _check_config_name(key: str, name: str) -> None:
    if not name.strip() or any(ch in _BAD_NAME_CHARS for ch in name):
        raise ConfigError(f"[templates] {key}: {name!r} is not a usable template name")


def _dedupe(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def _heading_key(code: Wikicode) -> str:
    """A heading's title reduced for comparison: comments dropped, template calls spelled `{{name}}`.

    So `== {{ int:license-header }} <!-- x --> ==` and `=={{int:license-header}}==` compare equal.
    """
    parts: list[str] = []
    for node in code.nodes:
        if isinstance(node, Comment):
            continue
        if isinstance(node, Template):
            parts.append("{{" + _without_comments(node.name).strip() + "}}")
        else:
            parts.append(str(node))
    return " ".join("".join(parts).split()).rstrip(":").strip().casefold()


_ROLE_KEYS: tuple[tuple[TemplateRole, str], ...] = (
    (TemplateRole.TICKET, "ticket"),
    (TemplateRole.PENDING, "pending"),
    (TemplateRole.RECEIVED, "received"),
    (TemplateRole.NO_PERMISSION, "no_permission"),
    (TemplateRole.INFORMATION, "information"),
)


@dataclass(frozen=True)
class TemplateNames:
    """Every known (normalised) name per role, canonical first, plus the wiki's words the edits need.

    Besides the five roles it carries what placement and dates depend on: the localised template
    namespace prefixes, the Information parameter names of the Permission field, the licensing headings
    and the English month names (Commons' date parameters use them).
    """

    ticket: tuple[str, ...]
    pending: tuple[str, ...]
    received: tuple[str, ...]
    no_permission: tuple[str, ...]
    information: tuple[str, ...]
    namespace_prefixes: tuple[str, ...] = (_CANONICAL_TEMPLATE_PREFIX,)
    permission_fields: tuple[str, ...] = ("permission",)
    licensing_headings: tuple[str, ...] = ()
    month_names: tuple[str, ...] = ()
    received_month: MonthStyle = MonthStyle.NUMBER
    no_permission_month: MonthStyle = MonthStyle.NAME

    def __post_init__(self) -> None:
        """Store names normalised, so a directly built instance matches like one from config."""
        for role, key in _ROLE_KEYS:
            normalised = _dedupe(
                normalise_template_name(n, self.namespace_prefixes) for n in self.names(role)
            )
            if not normalised:
                raise ValueError(f"TemplateNames.{key} needs at least one name (the canonical one)")
            object.__setattr__(self, key, normalised)

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> Self:
        """Build from config/wiki.toml's `[templates]` table (the whole file is accepted too)."""
        if isinstance(data.get("templates"), Mapping):
            data = data["templates"]
        prefixes = _dedupe(
            (
                _CANONICAL_TEMPLATE_PREFIX,
                *string_list(data, "namespace_prefixes", "templates", required=False),
            )
        )
        roles: dict[str, tuple[str, ...]] = {}
        seen: dict[str, str] = {}
        for _role, key in _ROLE_KEYS:
            names = string_list(data, key, "templates", required=True)
            for name in names:
                _check_config_name(key, name)
            normalised = _dedupe(normalise_template_name(n, prefixes) for n in names)
            for name in normalised:
                if name in seen and seen[name] != key:
                    raise ConfigError(f"[templates] {key}: {name!r} is also listed under {seen[name]}")
                seen[name] = key
            roles[key] = normalised
        fields = string_list(data, "permission_fields", "templates", required=True)
        months = string_list(data, "month_names", "templates", required=True)
        if len(months) != 12:
            raise ConfigError("[templates] month_names: must list the 12 month names, January first")
        styles = data.get("month_style", {})
        if not isinstance(styles, Mapping):
            raise ConfigError("[templates] month_style: must be a table {received = .., no_permission = ..}")
        return cls(
            ticket=roles["ticket"],
            pending=roles["pending"],
            received=roles["received"],
            no_permission=roles["no_permission"],
            information=roles["information"],
            namespace_prefixes=prefixes,
            permission_fields=fields,
            licensing_headings=string_list(data, "licensing_headings", "templates", required=False),
            month_names=months,
            received_month=_month_style(styles, "received", MonthStyle.NUMBER),
            no_permission_month=_month_style(styles, "no_permission", MonthStyle.NAME),
        )

    def names(self, role: TemplateRole) -> tuple[str, ...]:
        """All names of a role, canonical first."""
        return {
            TemplateRole.TICKET: self.ticket,
            TemplateRole.PENDING: self.pending,
            TemplateRole.RECEIVED: self.received,
            TemplateRole.NO_PERMISSION: self.no_permission,
            TemplateRole.INFORMATION: self.information,
        }[role]

    def with_aliases(self, role: TemplateRole, aliases: Iterable[str]) -> TemplateNames:
        """A copy that also knows `aliases` (e.g. redirects the wiki reports) for `role`.

        Raises ValueError if an alias already belongs to another role: the wiki and config disagree,
        and guessing would edit the wrong template.
        """
        extra = [normalise_template_name(a, self.namespace_prefixes) for a in aliases]
        for name in extra:
            if not name or any(ch in _BAD_NAME_CHARS for ch in name):
                raise ValueError(f"not a usable template name: {name!r}")
            other = self.role_of(name)
            if other is not None and other is not role:
                raise ValueError(f"template {name!r} is already known as {other.value}")
        merged = _dedupe((*self.names(role), *extra))
        changes: dict[str, Any] = {_key_of(role): merged}
        return dataclasses.replace(self, **changes)

    def role_of(self, template_name: str) -> TemplateRole | None:
        """The role of a template called `template_name` (any spelling MediaWiki accepts), or None."""
        if "<!--" in template_name:
            template_name = _without_comments(_parse(template_name))
        return self._lookup.get(normalise_template_name(template_name, self.namespace_prefixes))

    def canonical(self, role: TemplateRole) -> str:
        """The name new templates of this role are written with."""
        return self.names(role)[0]

    def month_text(self, month: int, style: MonthStyle) -> str:
        """The month as the bot writes it; numbers when no month names are configured."""
        if style is MonthStyle.NAME and len(self.month_names) == 12:
            return self.month_names[month - 1]
        return str(month)

    def month_number(self, text: str) -> int | None:
        """Read a month written as a number, an English name or its 3-letter abbreviation."""
        text = text.strip()
        if _INT.fullmatch(text):
            number = int(text)
            return number if 1 <= number <= 12 else None
        folded = text.casefold().rstrip(".")
        for index, name in enumerate(self.month_names, start=1):
            if folded in (name.casefold(), name.casefold()[:3]):
                return index
        return None

    @cached_property
    def _lookup(self) -> dict[str, TemplateRole]:
        return {name: role for role, _key in _ROLE_KEYS for name in self.names(role)}

    @cached_property
    def _heading_keys(self) -> frozenset[str]:
        return frozenset(_heading_key(_parse(h)) for h in self.licensing_headings)

    def is_licensing_heading(self, heading: Heading) -> bool:
        """Whether a section heading opens the licensing section (`== {{int:license-header}} ==`, ...)."""
        return _heading_key(heading.title) in self._heading_keys


def _key_of(role: TemplateRole) -> str:
    return dict(_ROLE_KEYS)[role]


def _month_style(styles: Mapping[str, Any], key: str, default: MonthStyle) -> MonthStyle:
    value = styles.get(key, default.value)
    try:
        return MonthStyle(value)
    except ValueError:
        allowed = ", ".join(s.value for s in MonthStyle)
        raise ConfigError(f"[templates] month_style.{key}: {value!r} is not one of {allowed}") from None


# ---------------------------------------------------------------------------------------------------------
# Reading templates


def _check_ticket(ticket: str) -> None:
    """Defense in depth: the caller validates ids; nothing but 16 digits may ever be written."""
    if not isinstance(ticket, str) or not _TICKET_ID.fullmatch(ticket):
        raise ValueError("ticket id must be exactly 16 ASCII digits")


def _check_user(user: str | None) -> None:
    if user is None:
        return
    if not user.strip() or any(ch in _BAD_NAME_CHARS for ch in user):
        raise ValueError("user name is empty or holds characters that would break the template")


def _param_text(template: Template, name: str) -> str | None:
    """A parameter's value without comments, stripped; None when absent or empty."""
    if not template.has(name):
        return None
    text = _without_comments(template.get(name).value).strip()
    return text or None


def _ticket_of(template: Template) -> str | None:
    """The ticket id a ticket/received template names: `id=` first, else positional 1."""
    return _param_text(template, "id") or _param_text(template, "1")


def _templates(code: Wikicode, names: TemplateNames) -> Iterator[tuple[TemplateRole, Template]]:
    """Every template with a role, in document order, nested ones included."""
    for template in code.filter_templates(recursive=True):
        role = names.role_of(_without_comments(template.name))
        if role is not None:
            yield role, template


def _of_role(code: Wikicode, names: TemplateNames, role: TemplateRole) -> list[Template]:
    return [t for r, t in _templates(code, names) if r is role]


def _with_ticket(templates: Iterable[Template], ticket: str) -> list[Template]:
    return [t for t in templates if _ticket_of(t) == ticket]


Found = list[tuple[TemplateRole, Template]]


def _tickets(found: Found) -> tuple[str, ...]:
    ids = (_ticket_of(t) for r, t in found if r in (TemplateRole.TICKET, TemplateRole.RECEIVED))
    return _dedupe(i for i in ids if i is not None)


def has_role(text: str, names: TemplateNames, role: TemplateRole) -> bool:
    """Whether any template of `role` is on the page (outside nowiki/pre/comments)."""
    return any(r is role for r, _t in _templates(_parse(text), names))


def _date_of(template: Template, names: TemplateNames) -> datetime.date | None:
    year, month, day = (_param_text(template, key) for key in ("year", "month", "day"))
    if year is None or month is None or day is None:
        return None
    if not (re.fullmatch(r"[0-9]{4}", year) and _INT.fullmatch(day)):
        return None
    month_number = names.month_number(month)
    if month_number is None:
        return None
    try:
        return datetime.date(int(year), month_number, int(day))
    except ValueError:
        return None


def _pending_since(found: Found, names: TemplateNames) -> datetime.date | None:
    """The pending tag's date from its year/month/day parameters; None if absent or invalid.

    With several pending tags the latest valid date wins: a sweep must never count a file as older
    than its newest claim says. None tells the caller to fall back on the page history.
    """
    dates = (_date_of(t, names) for r, t in found if r is TemplateRole.PENDING)
    valid = [d for d in dates if d is not None]
    return max(valid) if valid else None


@dataclass(frozen=True)
class PageSurvey:
    """Everything the commands read from one page, from a single parse (a sweep reads thousands)."""

    roles: frozenset[TemplateRole]
    tickets: tuple[str, ...]  # ids of ticket and received templates, in page order, each once
    pending_since: datetime.date | None  # the newest valid pending date (None: ask the history)
    bots_allowed: bool | None  # as bots_allow; None when no bot user was given


def survey(text: str, names: TemplateNames, bot_user: str | None = None) -> PageSurvey:
    """Read a page once: its permission templates, ticket ids, pending date and {{bots}} verdict."""
    code = _parse(text)
    found = list(_templates(code, names))
    return PageSurvey(
        roles=frozenset(r for r, _t in found),
        tickets=_tickets(found),
        pending_since=_pending_since(found, names),
        bots_allowed=None if bot_user is None else _bots_allow(code, _bot_account(bot_user)),
    )


# ---------------------------------------------------------------------------------------------------------
# Node surgery: remove, replace, insert without touching anything else


def _locate(code: Wikicode, node: Node) -> tuple[Wikicode, int] | None:
    """The Wikicode that directly holds `node` (by identity) and its index there."""
    for index, child in enumerate(code.nodes):
        if child is node:
            return code, index
        for sub in child.__children__():
            found = _locate(sub, node)
            if found is not None:
                return found
    return None


def _is_blank(text: str) -> bool:
    return text.strip(" \t") == ""


def _remove_node(root: Wikicode, node: Node) -> None:
    """Remove `node`; if it stood alone on its line, remove that line's break (and its own indent) too."""
    located = _locate(root, node)
    if located is None:
        raise ValueError("node is not part of this page")
    container, index = located
    nodes = container.nodes
    at_root = container is root
    prev = nodes[index - 1] if index > 0 else None
    nxt = nodes[index + 1] if index + 1 < len(nodes) else None
    if (prev is not None and not isinstance(prev, Text)) or (nxt is not None and not isinstance(nxt, Text)):
        container.remove(node, recursive=False)
        return
    before = prev.value if isinstance(prev, Text) else ""
    after = nxt.value if isinstance(nxt, Text) else ""
    line_head, newline_before, indent = before.rpartition("\n")
    if not newline_before:
        line_head, indent = "", before
    rest_of_line, newline_after, tail = after.partition("\n")
    starts_line = _is_blank(indent) and (
        bool(newline_before) or (at_root and index - (prev is not None) == 0)
    )
    ends_line = _is_blank(rest_of_line) and (
        bool(newline_after) or (at_root and index + 1 + (nxt is not None) == len(nodes))
    )
    if not (starts_line and ends_line):
        container.remove(node, recursive=False)
        return
    if newline_after:
        # Drop the indent, the node, trailing blanks and the line's own newline; neighbours keep theirs.
        if isinstance(prev, Text):
            prev.value = line_head + newline_before
        if isinstance(nxt, Text):
            nxt.value = tail
    else:
        # Last line of the page: the newline that ended the previous line goes with it.
        if isinstance(prev, Text):
            prev.value = line_head
        if isinstance(nxt, Text):
            nxt.value = ""
    container.remove(node, recursive=False)


def _parse_node(wikitext: str) -> Template:
    node = _parse(wikitext).nodes[0]
    if not isinstance(node, Template):
        raise ValueError("built text is not a template")
    return node


def _build(name: str, params: Iterable[tuple[str, str]]) -> Template:
    """A new template; names come from config and values are validated, so plain text is safe."""
    return _parse_node("{{" + name + "".join(f"|{key}={value}" for key, value in params) + "}}")


def _permission_field(code: Wikicode, names: TemplateNames) -> Wikicode | None:
    """The value of the Permission field of the first Information-like template that has one."""
    for template in _of_role(code, names, TemplateRole.INFORMATION):
        for param in template.params:
            if param.showkey and _without_comments(param.name).strip() in names.permission_fields:
                value: Wikicode = param.value
                return value
    return None


def _append_to_field(value: Wikicode, new: Template) -> None:
    """Append `new` to a field's value, before its trailing whitespace (the break before `|next=`).

    An empty field keeps the blanks after "=" in front of the template; a field with content gets the
    template after a single space.
    """
    last = value.nodes[-1] if value.nodes else None
    trail = ""
    if isinstance(last, Text):
        body = last.value.rstrip()
        trail = last.value[len(body) :]
        last.value = body
    if str(value).strip() == "":
        lead, newline, rest = trail.partition("\n")
        value.append(lead)
        trail = newline + rest
    else:
        value.append(" ")
    value.append(new)
    value.append(trail)


def _licensing_heading(code: Wikicode, names: TemplateNames) -> Heading | None:
    for heading in code.filter_headings(recursive=False):
        if names.is_licensing_heading(heading):
            return heading
    return None


def _place(code: Wikicode, names: TemplateNames, new: Template, removed: list[Template]) -> None:
    """Put `new` where Commons expects it and remove `removed` (tags it supersedes).

    Order: the Permission field of {{Information}} (taking the place of a removed tag inside it, else
    appended to the field); else the place of the first removed tag; else right after the licensing
    heading; else the top of the page.
    """
    field_value = _permission_field(code, names)
    if field_value is not None:
        inside = [t for t in removed if field_value.contains(t)]
        if inside:
            code.replace(inside[0], new)
            for template in removed:
                if template is not inside[0]:
                    _remove_node(code, template)
            return
        for template in removed:
            _remove_node(code, template)
        _append_to_field(field_value, new)
        return
    if removed:
        code.replace(removed[0], new)
        for template in removed[1:]:
            _remove_node(code, template)
        return
    heading = _licensing_heading(code, names)
    if heading is not None:
        _insert_below(code, heading, new)
        return
    code.insert(0, "\n")
    code.insert(0, new)


def _insert_below(code: Wikicode, heading: Heading, new: Template) -> None:
    """Put `new` on its own line right below the heading's line (blanks after the heading stay there)."""
    index = code.index(heading)
    nxt = code.nodes[index + 1] if index + 1 < len(code.nodes) else None
    if isinstance(nxt, Text) and "\n" in nxt.value:
        line_end, _newline, rest = nxt.value.partition("\n")
        nxt.value = line_end + "\n"
        code.insert(index + 2, rest)
        code.insert(index + 2, "\n")
        code.insert(index + 2, new)
        return
    at = index + 2 if isinstance(nxt, Text) else index + 1
    code.insert(at, new)
    code.insert(at, "\n")


def _date_params(on: datetime.date, names: TemplateNames, style: MonthStyle) -> list[tuple[str, str]]:
    return [("year", str(on.year)), ("month", names.month_text(on.month, style)), ("day", str(on.day))]


# ---------------------------------------------------------------------------------------------------------
# The edits


def confirm_ticket(text: str, ticket: str, names: TemplateNames, user: str | None = None) -> PageEdit:
    """The ticket is confirmed: add {{PermissionTicket|id=N}} (+user), drop the tags it supersedes.

    Removes every pending tag, every {{No VRTS permission since}} (a sweep may have run while the ticket
    waited in the backlog: left there, it would get a confirmed file deleted), and received tags for
    THIS ticket or without an id. A received tag for another ticket stays: that ticket is still open and
    its agent decides about it. A page already carrying a ticket template for N (id= or positional, any
    alias) is left as it is.
    """
    _check_ticket(ticket)
    _check_user(user)
    code = _parse(text)
    found = list(_templates(code, names))
    if _with_ticket((t for r, t in found if r is TemplateRole.TICKET), ticket):
        return PageEdit(text, unchanged=Unchanged.ALREADY_CONFIRMED)
    pending = [t for r, t in found if r is TemplateRole.PENDING]
    received = [t for r, t in found if r is TemplateRole.RECEIVED and _ticket_of(t) in (ticket, None)]
    overdue = [t for r, t in found if r is TemplateRole.NO_PERMISSION]
    params = [("id", ticket)] + ([("user", user.strip())] if user else [])
    _place(code, names, _build(names.canonical(TemplateRole.TICKET), params), pending + overdue + received)
    actions = [EditAction.ADDED_TICKET]
    if pending:
        actions.append(EditAction.REMOVED_PENDING)
    if overdue:
        actions.append(EditAction.REMOVED_NO_PERMISSION)
    if received:
        actions.append(EditAction.REMOVED_RECEIVED)
    return PageEdit(str(code), tuple(actions))


def mark_received(
    text: str,
    ticket: str,
    names: TemplateNames,
    reason: ReceivedReason,
    on: datetime.date,
    user: str | None = None,
) -> PageEdit:
    """The ticket arrived: replace the pending tag by {{Permission received|id=N|reason=R|...}}.

    Only files waiting for a ticket are touched: those with a pending tag, or with a
    {{No VRTS permission since}} that a sweep put there while the ticket sat in the backlog (received
    stops that countdown). On other files a received tag would be noise. The new tag takes the first
    such tag's place (pending first); the others are removed.
    """
    _check_ticket(ticket)
    _check_user(user)
    code = _parse(text)
    found = list(_templates(code, names))
    if _with_ticket((t for r, t in found if r is TemplateRole.TICKET), ticket):
        return PageEdit(text, unchanged=Unchanged.ALREADY_CONFIRMED)
    if _with_ticket((t for r, t in found if r is TemplateRole.RECEIVED), ticket):
        return PageEdit(text, unchanged=Unchanged.ALREADY_RECEIVED)
    pending = [t for r, t in found if r is TemplateRole.PENDING]
    overdue = [t for r, t in found if r is TemplateRole.NO_PERMISSION]
    if not pending and not overdue:
        return PageEdit(text, unchanged=Unchanged.NOT_PENDING)
    params = [("id", ticket), ("reason", ReceivedReason(reason).value)]
    params += [("user", user.strip())] if user else []
    params += _date_params(on, names, names.received_month)
    replaced = pending + overdue
    code.replace(replaced[0], _build(names.canonical(TemplateRole.RECEIVED), params))
    for template in replaced[1:]:
        _remove_node(code, template)
    actions = [EditAction.ADDED_RECEIVED]
    actions += [EditAction.REMOVED_PENDING] if pending else []
    actions += [EditAction.REMOVED_NO_PERMISSION] if overdue else []
    return PageEdit(str(code), tuple(actions))


def remove_ticket(text: str, ticket: str, names: TemplateNames) -> PageEdit:
    """The ticket is withdrawn or was wrong: remove its ticket and received templates, nothing else.

    Other tickets' templates stay, and so does a received tag without an id (it cannot be told to
    belong to this ticket). No pending tag is restored: whether the file still has a claim to
    permission is a human decision; a Permission field left empty is reported as a notice for that human.
    """
    _check_ticket(ticket)
    code = _parse(text)
    field_was_filled = _field_is_filled(code, names)
    found = list(_templates(code, names))
    tickets = _with_ticket((t for r, t in found if r is TemplateRole.TICKET), ticket)
    received = _with_ticket((t for r, t in found if r is TemplateRole.RECEIVED), ticket)
    if not tickets and not received:
        return PageEdit(text, unchanged=Unchanged.TICKET_NOT_ON_PAGE)
    for template in tickets + received:
        _remove_node(code, template)
    actions = ([EditAction.REMOVED_TICKET] if tickets else []) + (
        [EditAction.REMOVED_RECEIVED] if received else []
    )
    emptied = field_was_filled and not _field_is_filled(code, names)
    notices = (Notice.PERMISSION_FIELD_EMPTY,) if emptied else ()
    return PageEdit(str(code), tuple(actions), notices=notices)


def _field_is_filled(code: Wikicode, names: TemplateNames) -> bool:
    """Whether the page's Permission field says anything (comments are not read by anyone)."""
    value = _permission_field(code, names)
    return value is not None and bool(_without_comments(value).strip())


def mark_no_permission(
    text: str, names: TemplateNames, on: datetime.date, pending_before: datetime.date | None = None
) -> PageEdit:
    """Sweep: replace the pending tag by {{No VRTS permission since|day|month|year}} (Commons' nopd).

    The caller decides the file is overdue, either beforehand (`pending_before` None) or by passing
    the cut-off: then only a template date earlier than it qualifies, and a pending tag without a valid
    date comes back UNDATED for the caller to date from the page history (one parse per page either
    way). Pages with a ticket or received tag (a ticket is being handled) or already counting down are
    refused.
    """
    code = _parse(text)
    found = list(_templates(code, names))
    roles = {r for r, _t in found}
    if TemplateRole.TICKET in roles or TemplateRole.RECEIVED in roles:
        return PageEdit(text, unchanged=Unchanged.HAS_PERMISSION_TAG)
    if TemplateRole.NO_PERMISSION in roles:
        return PageEdit(text, unchanged=Unchanged.ALREADY_NO_PERMISSION)
    pending = [t for r, t in found if r is TemplateRole.PENDING]
    if not pending:
        return PageEdit(text, unchanged=Unchanged.NOT_PENDING)
    if pending_before is not None:
        since = _pending_since(found, names)
        if since is None:
            return PageEdit(text, unchanged=Unchanged.UNDATED)
        if since >= pending_before:
            return PageEdit(text, unchanged=Unchanged.NOT_OVERDUE)
    params = list(reversed(_date_params(on, names, names.no_permission_month)))
    code.replace(pending[0], _build(names.canonical(TemplateRole.NO_PERMISSION), params))
    for template in pending[1:]:
        _remove_node(code, template)
    return PageEdit(str(code), (EditAction.ADDED_NO_PERMISSION, EditAction.REMOVED_PENDING))


# ---------------------------------------------------------------------------------------------------------
# {{bots}} / {{nobots}}


def _user_key(name: str) -> str:
    return first_letter_capitalised(_NAME_SPACE_RUN.sub(" ", name).strip())


def _name_list(value: Wikicode) -> set[str]:
    return {_user_key(part) for part in _without_comments(value).split(",") if part.strip()}


def _listed(names: set[str], user: str) -> bool:
    return user in names or first_letter_capitalised(_ALL) in names


def _template_allows(template: Template, kind: str, user: str) -> bool:
    """One {{bots}}/{{nobots}} call's verdict for `user` (Template:Bots semantics)."""
    if all(not _without_comments(p.value).strip() for p in template.params):
        return kind == _BOTS  # bare {{nobots}} (also with empty parameters) / bare {{bots}}
    none = first_letter_capitalised(_NONE)
    for param in template.params:
        key = _without_comments(param.name).strip().casefold() if param.showkey else ""
        listed = _name_list(param.value)
        if key == "allow":
            if none in listed or not _listed(listed, user):
                return False
        elif key == "deny" or (kind == _NOBOTS and key == ""):
            if none not in listed and _listed(listed, user):
                return False
        elif kind == _NOBOTS:
            return False  # an unknown form of {{nobots}} still means "no bots"
        # {{bots|optout=..}} only stops message delivery; allowscript/denyscript name scripts, not users.
    return True


def bots_allow(text: str, bot_user: str, *, bots: Iterable[str] = (), nobots: Iterable[str] = ()) -> bool:
    """Whether the page's {{bots}}/{{nobots}} let `bot_user` edit; any denial wins.

    {{nobots}} denies all; {{nobots|A,B}} / {{nobots|deny=..}} deny those listed (or `all`);
    {{bots|allow=..}} admits only those listed (`all`; `none` admits nobody); {{bots|deny=..}} denies
    those listed (`all`; `none` denies nobody); {{bots|optout=..}} concerns talk-page messages, not edits.
    A BotPassword login (`Name@app`) is judged as the account `Name`. `bots`/`nobots` add the wiki's
    redirects to those two templates.
    """
    user = _bot_account(bot_user)
    kinds = {_BOTS: _BOTS, _NOBOTS: _NOBOTS}
    kinds.update({normalise_template_name(name): _BOTS for name in bots})
    kinds.update({normalise_template_name(name): _NOBOTS for name in nobots})
    if len(kinds) == 2 and "bots" not in text.casefold():
        return True  # no template on the page can be called Bots or Nobots: skip the parse
    return _bots_allow(_parse(text), user, kinds)


def _bot_account(bot_user: str) -> str:
    account = bot_user.partition("@")[0]
    if not account.strip():
        raise ValueError("bot_user must name the bot's account")
    return _user_key(account)


def _bots_allow(code: Wikicode, user: str, kinds: Mapping[str, str] | None = None) -> bool:
    """`user` as _bot_account returns it; `kinds` maps template names to Bots or Nobots."""
    kinds = kinds or {_BOTS: _BOTS, _NOBOTS: _NOBOTS}
    for template in code.filter_templates(recursive=True):
        kind = kinds.get(normalise_template_name(_without_comments(template.name)))
        if kind is not None and not _template_allows(template, kind, user):
            return False
    return True
