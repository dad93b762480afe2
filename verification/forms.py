"""Filled-in forms read as their sender filled them: only the options ticked, each answer after its label.

A release form pasted into a mail offers choices ("Kommerzielle Nutzung: ☑ erlaubt ☐ nicht erlaubt",
"Licença: [ ] CC BY-NC 4.0 [x] CC BY 4.0"); a reader of the words alone sees "nicht erlaubt" and a
non-commercial license the sender did not choose. The options left unticked are blanked out.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# Box marks as mail programs and people write them: ticked, and left empty ("[х]" with a Cyrillic х too).
_TICKED = (
    "☑",
    "☒",
    "✅",
    "✔",
    "✓",
    "[x]",
    "[X]",
    "(x)",
    "(X)",
    "[х]",
    "[Х]",
    "(х)",
    "(Х)",
    "[✓]",
    "[✔]",
    "[√]",
    "(√)",
)
_UNTICKED = ("☐", "□", "◻", "[ ]", "( )", "[]", "[_]")
# Beside a tick, a cross marks an option refused: "✔ lo que acepto, ✘ lo que no".
_CROSSES = ("✘", "✗", "✕", "❌")
# Filled and hollow shapes, both bullets when alone: a form only where the text holds both of a pair
# ("Kommerzielle Nutzung: □ ja ■ nein", "● oui ○ non").
_SHAPE_PAIRS = ((("■", "◼"), ("□", "◻")), (("●", "◉", "⬤"), ("○", "◯")))
# A box typed with spaces inside: "( x )", "[ X ]", "(   )".
_SPACED_BOX = re.compile(r"[\[(](?:[ \t]{1,3}[xXхХ✓✔√]?[ \t]{0,3}|[xXхХ✓✔√][ \t]{1,3})[\])]")
_TICK_LETTERS = frozenset("xXхХ✓✔√")


def _marks_in(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The ticked and the empty marks that make `text` a filled-in form, none when it is not one."""
    ticked: tuple[str, ...] = ()
    empty: tuple[str, ...] = ()
    if any(mark in text for mark in _TICKED) or any(
        _TICK_LETTERS & set(box.group()) for box in _SPACED_BOX.finditer(text)
    ):
        ticked, empty = _TICKED, _UNTICKED + _CROSSES
    for filled, hollow in _SHAPE_PAIRS:
        if any(mark in text for mark in filled) and any(mark in text for mark in hollow):
            ticked, empty = ticked + filled, empty + hollow
    return ticked, empty


def without_unticked_options(text: str, says_no: Callable[[str], bool] = lambda _: False) -> str:
    """`text` with every option after an empty box blanked, up to the next box or the line's end, and the
    ticked boxes blanked too ("Nur für Wikipedia: ☐ ja ☑ nein" reads "Nur für Wikipedia:        nein").
    Only in a text that ticks some box: without one, empty boxes may be bullets, or a form not filled in;
    a cross is a refusal only beside ticks, and filled and hollow shapes are boxes only as a pair. A mark
    that closes its line answers the option before it: an empty one or a cross blanks that option. A
    line's one cross before a no (`says_no`: "Samo za Wikipediju: ✘ ne") marks that answer, refusing no
    option ("✔ Sí ✘ No" still offers two).
    One character for one, so that every offset stays."""
    ticked, empty = _marks_in(text)
    if not ticked:
        return text
    pattern = re.compile(
        "|".join(
            [
                _SPACED_BOX.pattern,
                *(re.escape(mark) for mark in sorted({*ticked, *empty}, key=len, reverse=True)),
            ]
        )
    )
    empty = (
        *empty,
        *{box.group() for box in _SPACED_BOX.finditer(text) if not _TICK_LETTERS & set(box.group())},
    )
    chars = list(text)
    for line in re.finditer(r"[^\n]+", text):
        marks = list(pattern.finditer(line.group()))
        if len(marks) == 1 and _answers_its_line(line.group(), marks[0]):
            # "Samo za Wikipediju ........ ✘": the mark after its option answers it
            mark = marks[0]
            start = line.start() + (len(line.group()) - len(line.group().lstrip()))
            if mark.group() not in empty:
                start = line.start() + mark.start()
            end = line.start() + mark.end()
            chars[start:end] = " " * (end - start)
            continue
        for number, mark in enumerate(marks):
            start = line.start() + mark.start()
            option_end = marks[number + 1].start() if number + 1 < len(marks) else len(line.group())
            option = line.group()[mark.end() : option_end]
            answered = len(marks) == 1 and mark.group() in _CROSSES and says_no(option.strip(" .,;"))
            if mark.group() in empty and not answered:
                end = line.start() + option_end
            else:
                end = line.start() + mark.end()
            chars[start:end] = " " * (end - start)
    return "".join(chars)


def _answers_its_line(line: str, mark: re.Match[str]) -> bool:
    """The line's one mark closes it, after its option: "Dopuštam izmjene djela ..... ✔"."""
    return line[mark.end() :].strip() == "" and line[: mark.start()].strip(" \t.…:-–") != ""


# A dot leader between a form's label and its answer: four dots or more, or three between spaces, then a
# space ("Maker van de foto's ....... Joost Hendriks"); not an ellipsis in prose ("I thought... maybe").
_DOT_LEADER = re.compile(r"(?<=\w)(?:[ \t]*\.{4,}|[ \t]+\.{3}|[ \t]*…{2,})(?=[ \t]+\S)")


def with_leaders_as_colons(text: str) -> str:
    """`text` with each dot leader read as the colon it stands for ("Fotograf ...... Jan Novák" reads
    "Fotograf:       Jan Novák"), so that a label's readers find their label; one character for one."""
    return _DOT_LEADER.sub(lambda match: ":" + " " * (len(match.group()) - 1), text)


# German gender-inclusive endings after a capitalised noun: "Fotograf/in", "Fotograf*in", "Fotograf:in",
# "Fotograf_innen", "Fotograf/-in"; not in a link or a file name ("Datei:in.jpg").
_GENDER_ENDING = re.compile(r"(?<![/\w.])([A-ZÄÖÜ][a-zäöüß]{2,})([/*:_]-?in(?:nen)?)(?=[\s:,;|)]|$)")


def without_gender_endings(text: str) -> str:
    """`text` with each gender-inclusive ending blanked ("Fotograf/in: Sabine Roth" reads "Fotograf   :
    Sabine Roth"), so that the label is the word the readers know; one character for one."""
    return _GENDER_ENDING.sub(lambda match: match.group(1) + " " * len(match.group(2)), text)
