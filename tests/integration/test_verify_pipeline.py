"""The batch verifier's pipeline with real worker processes: failures stay with their message, results
come in input order, and the input is taken lazily through a bounded window."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterator

import pytest

from bot.config.verifier import VerifierSettings, load_verifier_settings
from bot.mail.source import MessageInput
from bot.verify.batch import ErrorCode, Verifier
from tests.support.mails import HANGS, RAISES, SECRET, plain_mail, reader_failing_on_cue


@pytest.fixture(scope="module")
def settings() -> VerifierSettings:
    return dataclasses.replace(load_verifier_settings(), reading_deadline_seconds=2.0, whois_enabled=False)


def inputs(*mails: bytes | MessageInput) -> list[MessageInput]:
    return [
        mail if isinstance(mail, MessageInput) else MessageInput(f"m{index}.eml", mail)
        for index, mail in enumerate(mails)
    ]


# small_batch=0: always worker processes; small_batch=10: this batch is read in-process.
@pytest.mark.parametrize("small_batch", [0, 10], ids=["workers", "in-process"])
def test_a_failing_or_hanging_reading_is_that_messages_error_and_the_batch_goes_on(
    settings: VerifierSettings, small_batch: int, caplog: pytest.LogCaptureFixture
) -> None:
    mails = inputs(
        plain_mail(1),
        plain_mail(2, RAISES),
        plain_mail(3, HANGS),
        plain_mail(4),
        MessageInput("missing.eml", b"", error="cannot read: No such file or directory"),
        plain_mail(5),
        b"",
    )
    caplog.set_level(logging.INFO)
    with Verifier(
        settings, workers=2, small_batch=small_batch, read_function=reader_failing_on_cue
    ) as verifier:
        outcomes = list(verifier.verify(mails))
    assert [o.source for o in outcomes] == [m.source for m in mails]
    codes = [o.error_code for o in outcomes]
    assert codes == [
        None,
        ErrorCode.READING_FAILED,
        ErrorCode.READING_TIMEOUT,
        None,
        ErrorCode.CANNOT_READ_INPUT,
        None,
        ErrorCode.UNREADABLE_MESSAGE,
    ]
    assert all(o.suggestion is not None for o in outcomes if o.error_code is None)
    assert outcomes[4].error == "cannot read: No such file or directory"
    assert all(SECRET not in (o.error or "") for o in outcomes)
    assert SECRET not in caplog.text


def test_a_stuck_worker_is_replaced(settings: VerifierSettings) -> None:
    """With one worker, every message after a hang is read only if the hung worker was replaced."""
    mails = inputs(plain_mail(1, HANGS), *(plain_mail(n) for n in range(2, 7)))
    with Verifier(settings, workers=1, small_batch=0, read_function=reader_failing_on_cue) as verifier:
        outcomes = list(verifier.verify(mails))
    assert outcomes[0].error_code is ErrorCode.READING_TIMEOUT
    assert [o.error_code for o in outcomes[1:]] == [None] * 5


def test_input_is_taken_lazily_through_a_bounded_window(settings: VerifierSettings) -> None:
    taken: list[int] = []

    def source() -> Iterator[MessageInput]:
        for number in range(40):
            taken.append(number)
            yield MessageInput(f"m{number}.eml", plain_mail(number))

    with Verifier(settings, workers=2, window=5, small_batch=0) as verifier:
        stream = verifier.verify(source())
        first = next(stream)
        assert first.source == "m0.eml"
        assert len(taken) <= 5 + 1
        rest = list(stream)
    assert [o.source for o in rest] == [f"m{n}.eml" for n in range(1, 40)]
    tickets = [o.facts.reading.message.ticket for o in [first, *rest] if o.facts]
    assert tickets == [f"20240514{10000000 + n:08d}" for n in range(40)]


def test_a_mail_that_breaks_the_deciding_step_is_that_messages_error(settings: VerifierSettings) -> None:
    """A sender domain with '[' made the domain code raise after reading (issue 6): the batch went down.
    Whether it is decided or refused with a typed error, the messages after it are verified."""
    hostile = (
        b"From: Eve <eve@exa[mple.org>\r\nSubject: [Ticket#2024051410000001] x\r\n\r\n"
        b"I release File:A.jpg under CC BY 4.0. See https://www.exa[mple.org/\r\n"
    )
    mails = inputs(hostile, plain_mail(2))
    with Verifier(settings, small_batch=10) as verifier:
        outcomes = list(verifier.verify(mails))
    assert outcomes[0].suggestion is not None or outcomes[0].error_code is ErrorCode.DECIDING_FAILED
    assert outcomes[1].suggestion is not None
