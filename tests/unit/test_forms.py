"""A filled-in form keeps the options ticked; those left empty are blanked, offsets kept."""

from __future__ import annotations

import pytest

from verification.forms import without_unticked_options


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
    ],
)
def test_without_unticked_options(text: str, expected: str) -> None:
    assert without_unticked_options(text) == expected
    assert len(without_unticked_options(text)) == len(text)
