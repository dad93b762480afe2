"""One verdict per ticket from all of its messages.

A ticket often gets a second mail: a reply naming more files, or fixing the license the agent asked
about. The ticket is then verified again on all of its messages, and the rule is:

- the newest readable message (in the order the store received them) decides everything the policy
  reads from the release: the sender, the license, the statement, the site evidence;
- the files are the union of the files every readable message names (in the order first named);
- the verdict is the policy's decision on the newest message's facts with those files;
- the language (for the suggested reply) is the newest message's whose own words showed one: a short
  reply ("see attached") keeps the language of the mail before it.

Messages that cannot be read are kept with their error and take no part; a ticket none of whose messages
can be read gets no verdict.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

from bot.verify.batch import VerifyOutcome
from verification.facts import CaseFacts
from verification.model import Suggestion
from verification.policy import PolicySettings, decide


@dataclass(frozen=True)
class TicketVerdict:
    facts: CaseFacts
    suggestion: Suggestion
    files: tuple[str, ...]
    provisional: bool
    language: str | None = None  # ISO 639-1, of the sender's own words


def union_files(outcomes: Sequence[VerifyOutcome]) -> tuple[str, ...]:
    titles = (title for o in outcomes if o.facts is not None for title in o.facts.reading.files)
    return tuple(dict.fromkeys(titles))


def ticket_language(outcomes: Sequence[VerifyOutcome]) -> str | None:
    languages = [
        o.facts.reading.language for o in outcomes if o.facts is not None and o.facts.reading.language
    ]
    return languages[-1] if languages else None


def combine(outcomes: Sequence[VerifyOutcome], policy: PolicySettings) -> TicketVerdict | None:
    """The ticket's verdict from its messages' outcomes, oldest first (see the module docstring)."""
    readable = [(o.facts, o.suggestion) for o in outcomes if o.facts is not None and o.suggestion is not None]
    if not readable:
        return None
    facts, suggestion = readable[-1]
    files = union_files(outcomes)
    if files != facts.reading.files:
        reading = dataclasses.replace(facts.reading, files=files)
        facts = dataclasses.replace(facts, reading=reading)
        suggestion = decide(facts, policy)
    # Provisional as the policy judged it: only a verdict that hangs on a site it could not read.
    provisional = suggestion.provisional is not None
    return TicketVerdict(facts, suggestion, files, provisional, ticket_language(outcomes))
