"""Which language a paragraph is written in, so that a reader applies that language's words (plus the
common ones) and not a word of another language that looks the same (Dutch "enkel" = only, German
"Enkel" = grandson)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

Classify = Callable[[str], tuple[str, float]]  # text -> (ISO 639-1 code, probability)


@dataclass(frozen=True)
class LanguageDetector:
    """An offline classifier and the confidence below which a paragraph's language counts as unknown.

    Unknown means every language's words apply: a reader unsure of the language stays strict.
    """

    classify: Classify
    min_confidence: float

    def language(self, paragraph: str) -> str | None:
        code, probability = self.classify(paragraph)
        return code if probability >= self.min_confidence else None


def paragraph_around(text: str, start: int, end: int) -> str:
    """The paragraph (between blank lines) holding text[start:end]."""
    first = text.rfind("\n\n", 0, start)
    last = text.find("\n\n", end)
    return text[first + 1 if first >= 0 else 0 : last if last >= 0 else len(text)]
