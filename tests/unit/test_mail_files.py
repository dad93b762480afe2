"""Mail from files: .eml, mbox (each message its own input), maildir, stdin; unreadable sources named."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from bot.mail.files import read_sources
from bot.mail.source import MessageInput
from tests.support.mails import plain_mail

MAILS = [plain_mail(n) for n in range(1, 4)]


def mbox_bytes(mails: list[bytes]) -> bytes:
    return b"".join(
        b"From MAILER-DAEMON Thu Jan  1 00:00:00 2024\n" + m.replace(b"\r\n", b"\n") + b"\n" for m in mails
    )


def read(*names: str, stdin: bytes = b"") -> list[MessageInput]:
    return list(read_sources(names, io.BytesIO(stdin)))


def test_eml_file_is_one_message(tmp_path: Path) -> None:
    path = tmp_path / "one.eml"
    path.write_bytes(MAILS[0])
    assert read(str(path)) == [MessageInput(str(path), MAILS[0])]


def test_mbox_gives_each_message_its_own_input(tmp_path: Path) -> None:
    path = tmp_path / "queue.mbox"
    path.write_bytes(mbox_bytes(MAILS))
    got = read(str(path))
    assert [m.source for m in got] == [f"{path}#1", f"{path}#2", f"{path}#3"]
    assert [m.raw.rstrip(b"\n") for m in got] == [m.replace(b"\r\n", b"\n").rstrip(b"\n") for m in MAILS]
    assert all(m.error is None for m in got)


def test_mbox_is_detected_by_its_first_line_not_its_name(tmp_path: Path) -> None:
    path = tmp_path / "looks-like.eml"
    path.write_bytes(mbox_bytes(MAILS[:2]))
    assert [m.source for m in read(str(path))] == [f"{path}#1", f"{path}#2"]


def test_maildir_new_then_cur(tmp_path: Path) -> None:
    for part in ("new", "cur", "tmp"):
        (tmp_path / part).mkdir()
    (tmp_path / "new" / "1.a").write_bytes(MAILS[0])
    (tmp_path / "cur" / "0.b:2,S").write_bytes(MAILS[1])
    (tmp_path / "tmp" / "2.c").write_bytes(MAILS[2])  # still being delivered: not a message yet
    got = read(str(tmp_path))
    assert [m.source for m in got] == [str(tmp_path / "new" / "1.a"), str(tmp_path / "cur" / "0.b:2,S")]
    assert [m.raw for m in got] == MAILS[:2]


def test_stdin_single_message() -> None:
    assert read("-", stdin=MAILS[0]) == [MessageInput("<stdin>", MAILS[0])]


def test_stdin_mbox() -> None:
    got = read("-", stdin=mbox_bytes(MAILS))
    assert [m.source for m in got] == ["<stdin>#1", "<stdin>#2", "<stdin>#3"]


@pytest.mark.parametrize(
    ("make", "error"),
    [
        (lambda p: None, "cannot read: No such file or directory"),
        (lambda p: p.mkdir(), "not a maildir folder (it has no cur/ and new/)"),
    ],
    ids=["missing file", "folder that is no maildir"],
)
def test_unreadable_source_is_one_input_with_its_error_and_the_rest_follow(
    tmp_path: Path, make: object, error: str
) -> None:
    bad = tmp_path / "bad"
    make(bad)  # type: ignore[operator]
    good = tmp_path / "good.eml"
    good.write_bytes(MAILS[0])
    got = read(str(bad), str(good))
    assert got == [MessageInput(str(bad), b"", error=error), MessageInput(str(good), MAILS[0])]


def test_sources_are_read_lazily(tmp_path: Path) -> None:
    first = tmp_path / "first.eml"
    first.write_bytes(MAILS[0])
    later = tmp_path / "later.eml"
    stream = read_sources([str(first), str(later)], io.BytesIO())
    assert next(stream).source == str(first)
    later.write_bytes(MAILS[1])  # written after the first message was taken: still read
    assert next(stream).raw == MAILS[1]
