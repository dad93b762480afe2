"""What happened to each file: typed outcomes, and the mapping from pywikibot's exceptions onto them.

Every wiki operation ends in one `FileOutcome` per page, never in a bare string or a raised exception, so
the commands can print, count and serialise them, and the exit status follows from their kinds.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass

from bot.wiki.edits import EditAction


class OutcomeKind(enum.StrEnum):
    """The result of one file; the values are stable (JSON consumers match on them)."""

    EDITED = "edited"  # saved (or, in simulate mode, would be saved)
    UNCHANGED = "unchanged"  # nothing to do: already tagged, not pending, not due yet, ...
    MISSING = "missing"  # the page does not exist (or was deleted meanwhile)
    REDIRECT = "redirect"  # the title redirects to a file page; the target got its own outcome
    REDIRECT_OUTSIDE = "redirect_outside"  # redirects out of File: or to another wiki: not followed
    EXCLUDED = "excluded"  # {{bots}}/{{nobots}} keeps this bot out: honoured on purpose
    CONFLICT = "conflict"  # someone else edited it, and the one retry conflicted again
    BLOCKED = "blocked"  # the bot account is blocked
    PROTECTED = "protected"  # the page is protected beyond the bot's rights
    READ_ONLY = "read_only"  # the wiki is in read-only mode
    STOPPED = "stopped"  # not attempted: the on-wiki run page says stop
    FAILED = "failed"  # anything else; `detail` carries the API code or error class

    @property
    def is_failure(self) -> bool:
        """The requested change was not made, for a reason an operator must look at."""
        return self not in _FINE


_FINE = frozenset({OutcomeKind.EDITED, OutcomeKind.UNCHANGED, OutcomeKind.REDIRECT, OutcomeKind.EXCLUDED})


@dataclass(frozen=True)
class FileOutcome:
    """One file's result; `detail` is a generic code (API error, `not_overdue`, ...), never ticket text."""

    title: str
    kind: OutcomeKind
    ticket: str | None = None
    detail: str = ""
    actions: tuple[EditAction, ...] = ()
    target: str | None = None  # REDIRECT, REDIRECT_OUTSIDE: the page it points to
    diff: str = ""  # simulate: the unified diff of the change
    base_revision: int | None = None  # EDITED: the revision the new text was computed from
    revision: int | None = None  # EDITED (saved): the new revision id
    notices: tuple[str, ...] = ()  # things to look at although the edit is right (edits.Notice values)

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {"title": self.title, "outcome": self.kind.value}
        if self.ticket:
            data["ticket"] = self.ticket
        if self.detail:
            data["detail"] = self.detail
        if self.actions:
            data["actions"] = [action.value for action in self.actions]
        if self.target:
            data["target"] = self.target
        if self.diff:
            data["diff"] = self.diff
        if self.revision is not None:
            data["revision"] = self.revision
        if self.notices:
            data["notices"] = list(self.notices)
        return data


def any_failure(outcomes: Iterable[FileOutcome]) -> bool:
    return any(outcome.kind.is_failure for outcome in outcomes)


# MediaWiki's API error codes for a blocked account (core, GlobalBlocking).
_BLOCK_CODES = frozenset(
    {
        "blocked",
        "autoblocked",
        "systemblocked",
        "globalblocking-blocked",
        "globalblocking-ipblocked",
        "globalblocking-blockedtext",
        "globalblocking-ipblocked-range",
        "globalblocking-ipblocked-xff",
    }
)
_PROTECTION_CODES = frozenset({"protectedpage", "cascadeprotected", "protectednamespace", "protectedtitle"})


@dataclass(frozen=True)
class ErrorOutcome:
    """How a save error is reported: the outcome kind and a generic detail code."""

    kind: OutcomeKind
    detail: str


def classify_save_error(error: BaseException) -> ErrorOutcome:
    """Map an exception from `Page.save` to a typed outcome.

    pywikibot wraps API errors it has no class for in `OtherPageSaveError`; its `reason` holds the original
    exception, whose API code decides (`blocked`, `readonly`, `abusefilter-disallowed`, ...).
    """
    from pywikibot import exceptions as pwb_errors  # here, not at import: `permbot --help` stays light

    if isinstance(error, pwb_errors.OtherPageSaveError) and isinstance(error.reason, BaseException):
        return classify_save_error(error.reason)
    if isinstance(error, pwb_errors.PageDeletedConflictError | pwb_errors.NoCreateError):
        return ErrorOutcome(OutcomeKind.MISSING, "deleted")
    if isinstance(error, pwb_errors.EditConflictError):
        return ErrorOutcome(OutcomeKind.CONFLICT, "editconflict")
    if isinstance(error, pwb_errors.CascadeLockedPageError):
        return ErrorOutcome(OutcomeKind.PROTECTED, "cascadeprotected")
    if isinstance(error, pwb_errors.LockedPageError):
        return ErrorOutcome(OutcomeKind.PROTECTED, "protectedpage")
    if isinstance(error, pwb_errors.AbuseFilterDisallowedError):
        return ErrorOutcome(OutcomeKind.FAILED, "abusefilter-disallowed")
    if isinstance(error, pwb_errors.MaxlagTimeoutError):
        return ErrorOutcome(OutcomeKind.FAILED, "maxlag")
    if isinstance(error, pwb_errors.ApiTimeoutError):
        return ErrorOutcome(OutcomeKind.FAILED, "timeout")
    if isinstance(error, pwb_errors.APIMWError) and error.mediawiki_exception_class_name == "readonly":
        return ErrorOutcome(OutcomeKind.READ_ONLY, "readonly")
    if isinstance(error, pwb_errors.APIError):
        return _classify_api_code(error.code)
    if isinstance(error, pwb_errors.UserRightsError):
        return ErrorOutcome(OutcomeKind.FAILED, "no_edit_right")
    if isinstance(error, pwb_errors.ServerError):
        return ErrorOutcome(OutcomeKind.FAILED, "server_error")
    return ErrorOutcome(OutcomeKind.FAILED, type(error).__name__)


def _classify_api_code(code: str) -> ErrorOutcome:
    if code in _BLOCK_CODES:
        return ErrorOutcome(OutcomeKind.BLOCKED, code)
    if code in _PROTECTION_CODES:
        return ErrorOutcome(OutcomeKind.PROTECTED, code)
    if code == "readonly":
        return ErrorOutcome(OutcomeKind.READ_ONLY, code)
    if code == "editconflict":
        return ErrorOutcome(OutcomeKind.CONFLICT, code)
    if code in ("missingtitle", "pagedeleted"):
        return ErrorOutcome(OutcomeKind.MISSING, code)
    return ErrorOutcome(OutcomeKind.FAILED, code)
