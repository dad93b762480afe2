"""Filled-in forms read as their sender filled them: only the options ticked.

A release form pasted into a mail offers choices ("Kommerzielle Nutzung: ☑ erlaubt ☐ nicht erlaubt",
"Licença: [ ] CC BY-NC 4.0 [x] CC BY 4.0"); a reader of the words alone sees "nicht erlaubt" and a
non-commercial license the sender did not choose. The options left unticked are blanked out.
"""

from __future__ import annotations

import re

# Box marks as mail programs and people write them: ticked, and left empty.
_TICKED = ("☑", "☒", "✅", "✔", "✓", "[x]", "[X]", "(x)", "(X)", "[✓]", "[✔]")
_UNTICKED = ("☐", "□", "◻", "[ ]", "( )", "[]")
_MARK = re.compile("|".join(re.escape(mark) for mark in sorted(_TICKED + _UNTICKED, key=len, reverse=True)))


def without_unticked_options(text: str) -> str:
    """`text` with every option after an empty box blanked, up to the next box or the line's end, and the
    ticked boxes blanked too ("Nur für Wikipedia: ☐ ja ☑ nein" reads "Nur für Wikipedia:        nein").
    Only in a text that ticks some box: without one, empty boxes may be bullets, or a form not filled in.
    One character for one, so that every offset stays."""
    if not any(mark in text for mark in _TICKED):
        return text
    chars = list(text)
    for line in re.finditer(r"[^\n]+", text):
        marks = list(_MARK.finditer(line.group()))
        for number, mark in enumerate(marks):
            start = line.start() + mark.start()
            if mark.group() in _UNTICKED:
                end = line.start() + (
                    marks[number + 1].start() if number + 1 < len(marks) else len(line.group())
                )
            else:
                end = line.start() + mark.end()
            chars[start:end] = " " * (end - start)
    return "".join(chars)
