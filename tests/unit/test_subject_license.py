"""A license the sender writes into the subject of a new mail counts when the body names none."""

from __future__ import annotations

import pytest

from bot.config.verifier import load_verifier_settings
from verification.model import LicenseProblem
from verification.reading import ReadingVocabulary, read_ticket


@pytest.fixture(scope="module")
def vocab() -> ReadingVocabulary:
    return load_verifier_settings().reading


def _mail(subject: str, body: str) -> bytes:
    head = f"From: Jan Dvorak <jan@dvorak.example>\nSubject: {subject}\n"
    head += "Content-Type: text/plain; charset=utf-8\n\n"
    return (head + body).encode()


@pytest.mark.parametrize(
    ("subject", "body", "spdx", "problem"),
    [
        pytest.param(
            "[Ticket#2026120801280008] I am the author of File:Karlstejn.jpg and release it under CC BY 4.0",
            "The consent is in the subject.\n\nJan Dvorak",
            "CC-BY-4.0",
            None,
            id="a-new-mails-subject",
        ),
        pytest.param(
            "Re: [Ticket#2026120801280008] Can you confirm CC BY-SA 4.0 for File:Karlstejn.jpg?",
            "Yes, thank you.\n\nJan Dvorak",
            None,
            LicenseProblem.NONE_FOUND,
            id="a-replys-subject-is-the-agents-wording",
        ),
        pytest.param(
            "[Ticket#2026120801280008] File:Karlstejn.jpg under CC BY-NC 4.0",
            "I release File:Karlstejn.jpg under CC BY 4.0.\n\nJan Dvorak",
            "CC-BY-4.0",
            None,
            id="the-body-comes-first",
        ),
    ],
)
def test_license_in_the_subject(
    vocab: ReadingVocabulary, subject: str, body: str, spdx: str | None, problem: LicenseProblem | None
) -> None:
    reading = read_ticket(_mail(subject, body), vocab)
    assert (reading.license.spdx, reading.license.problem) == (spdx, problem)
