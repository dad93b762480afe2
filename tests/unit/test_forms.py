"""A filled-in form keeps the options ticked; those left empty are blanked, offsets kept."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from verification.forms import with_leaders_as_colons, without_gender_endings, without_unticked_options


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Kommerzielle Nutzung: ☑ erlaubt ☐ nicht erlaubt",
            "Kommerzielle Nutzung:   erlaubt                ",
            id="box-marks",
        ),
        pytest.param(
            "Licença: [ ] CC BY-NC 4.0 [x] CC BY 4.0",
            "Licença:                      CC BY 4.0",
            id="bracket-marks",
        ),
        pytest.param(
            "Nur für Wikipedia: ☐ ja ☑ nein\nCC BY-SA 4.0",
            "Nur für Wikipedia:        nein\nCC BY-SA 4.0",
            id="an-empty-box-ends-at-the-line",
        ),
        pytest.param(
            "□ Kommerzielle Nutzung verboten\n□ Bearbeitung verboten",
            "□ Kommerzielle Nutzung verboten\n□ Bearbeitung verboten",
            id="nothing-ticked-nothing-blanked",
        ),
        pytest.param("CC BY-SA 4.0, no form here", "CC BY-SA 4.0, no form here", id="no-boxes"),
        pytest.param(
            "Permite modificações?  ( x ) Sim   (   ) Não",
            "Permite modificações?        Sim            ",
            id="boxes-typed-with-spaces-inside",
        ),
        pytest.param(
            "[ ] CC0 1.0\n[√] CC BY 4.0",
            "           \n    CC BY 4.0",
            id="a-square-root-sign-ticks",
        ),
        pytest.param(
            "Ausgewählt (siehe oben) ( ) nichts",
            "Ausgewählt (siehe oben) ( ) nichts",
            id="spaced-empty-boxes-alone-are-no-form",
        ),
        pytest.param(
            "Kommerzielle Nutzung erlaubt: □ ja ■ nein",
            "Kommerzielle Nutzung erlaubt:        nein",
            id="filled-and-hollow-squares",
        ),
        pytest.param(
            "Usage commercial : ● oui ○ non",
            "Usage commercial :   oui      ",
            id="filled-and-hollow-circles",
        ),
        pytest.param(
            "■ CC BY-SA 4.0\n■ no changes",
            "■ CC BY-SA 4.0\n■ no changes",
            id="filled-squares-alone-are-bullets",
        ),
        pytest.param(
            "✔ CC BY-SA 4.0 ✘ CC BY-NC-SA 4.0",
            "  CC BY-SA 4.0                  ",
            id="a-cross-beside-ticks-refuses",
        ),
        pytest.param(
            "✘ Wikipedia only",
            "✘ Wikipedia only",
            id="a-cross-alone-is-no-form",
        ),
        pytest.param(
            "( ) CC BY-SA 4.0\n(х) CC BY 4.0",
            "                \n    CC BY 4.0",
            id="cyrillic-x-ticks",
        ),
        pytest.param(
            "Dopuštam izmjene ..... ✔\nSamo za Wikipediju ... ✘",
            "Dopuštam izmjene ..... " + " " + "\n" + " " * len("Samo za Wikipediju ... ✘"),
            id="a-mark-closing-its-line-answers-it",
        ),
    ],
)
def test_without_unticked_options(text: str, expected: str) -> None:
    assert without_unticked_options(text) == expected
    assert len(without_unticked_options(text)) == len(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "✔ CC BY-SA 4.0\nSamo za Wikipediju: ✘ ne",
            "  CC BY-SA 4.0\nSamo za Wikipediju:   ne",
            id="a-cross-marks-a-no",
        ),
        pytest.param(
            "✔ CC BY-SA 4.0\nObrade: ✔ Sí ✘ No",
            "  CC BY-SA 4.0\nObrade:   Sí     ",
            id="a-cross-among-options",
        ),
    ],
)
def test_a_lone_cross_before_a_no_marks_the_answer(text: str, expected: str) -> None:
    assert without_unticked_options(text, lambda word: word.casefold() in {"ne", "no"}) == expected


# Rewrites of the text as the sender wrote it, each keeping every offset (one character for one): a dot
# leader read as the colon it stands for, a German gender ending blanked so the label is a known word.
@pytest.mark.parametrize(
    ("rewrite", "text", "expected"),
    [
        pytest.param(
            with_leaders_as_colons,
            "Maker van de foto’s ....... Joost Hendriks",
            "Maker van de foto’s:        Joost Hendriks",
            id="dot-leader",
        ),
        pytest.param(
            with_leaders_as_colons,
            "A mű módosítása ..... Nem",
            "A mű módosítása:      Nem",
            id="spaced-leader",
        ),
        pytest.param(
            with_leaders_as_colons, "I thought... maybe not", "I thought... maybe not", id="ellipsis"
        ),
        pytest.param(
            with_leaders_as_colons, "Bestanden .........", "Bestanden .........", id="no-answer-after"
        ),
        pytest.param(
            without_gender_endings, "Fotograf/in: Sabine Roth", "Fotograf   : Sabine Roth", id="slash"
        ),
        pytest.param(
            without_gender_endings, "Fotograf*innen: A. Berg", "Fotograf      : A. Berg", id="star-plural"
        ),
        pytest.param(without_gender_endings, "Lehrer:innen und", "Lehrer       und", id="colon"),
        pytest.param(without_gender_endings, "und Fotograf_in", "und Fotograf   ", id="underscore"),
        pytest.param(without_gender_endings, "Datei:in.jpg", "Datei:in.jpg", id="file-name"),
        pytest.param(
            without_gender_endings, "https://example.de/Team/in", "https://example.de/Team/in", id="link"
        ),
        pytest.param(without_gender_endings, "Datei:Innsbruck.jpg", "Datei:Innsbruck.jpg", id="namespace"),
    ],
)
def test_rewrites_keep_every_offset(rewrite: Callable[[str], str], text: str, expected: str) -> None:
    assert rewrite(text) == expected
    assert len(rewrite(text)) == len(text)
