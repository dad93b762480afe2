"""A cap on the release text the readers read, counted in tokens.

The release readers (license, statement) cost a little per word they see, and mail of dense text (a word
every two characters, "A A A ...") holds many words in few bytes; a cap in bytes alone would let one
such mail hold a worker for seconds. Text past the cap is not read, and the cut is recorded as the
TEXT_TRUNCATED defect, after which the verdict cannot confirm: what restricts a release may stand in
the part that was not read.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import replace

from verification.licenses import CJK_LETTERS
from verification.message import MessageDefect
from verification.model import ParsedMessage, Segment, SegmentKind

# One token for the cap: a Han or kana character, a run of other letters, a run of digits, or a mark.
# Every token of either reader's tokenizer holds at least one of these, so neither sees more than the cap.
_TOKEN = re.compile(rf"[{CJK_LETTERS}]|[^\W\d_{CJK_LETTERS}]+|\d+|[^\w\s]")


def within_token_limit(message: ParsedMessage, max_tokens: int) -> ParsedMessage:
    """`message` with its release text (own words and forwarded text, in reading order) cut after
    `max_tokens` tokens; the message itself when it is within the cap. Quoted segments are kept whole:
    the release readers do not read them."""
    budget = max_tokens
    segments: list[Segment] = []
    cut = False
    for segment in message.segments:
        if segment.kind is SegmentKind.QUOTED:
            segments.append(segment)
            continue
        end, used = _cut_after(segment.text, budget)
        budget -= used
        if end < len(segment.text):
            cut = True
            segment = replace(segment, text=segment.text[:end])
        segments.append(segment)
    if not cut:
        return message
    defects = tuple(dict.fromkeys((*message.defects, MessageDefect.TEXT_TRUNCATED.value)))
    return replace(message, segments=tuple(segments), defects=defects)


def _cut_after(text: str, budget: int) -> tuple[int, int]:
    """(where `text` ends after at most `budget` tokens, tokens kept); the scan stops past the budget."""
    if len(text) <= budget:  # every token holds a character at least: the whole text fits, counted in C
        return len(text), len(_TOKEN.findall(text))
    used = 0
    for match in itertools.islice(_TOKEN.finditer(text), budget + 1):
        if used == budget:
            return match.start(), used
        used += 1
    return len(text), used
