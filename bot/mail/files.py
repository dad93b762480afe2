"""Mail from files: .eml files, mbox files, maildir folders and standard input, one message at a time.

Each source yields `MessageInput`s lazily, so a 1 GB mbox is never held in memory: an mbox is indexed
(the offsets of its "From " lines) and each message read when its turn comes. A file is an mbox when its
first line starts with "From "; an mbox's messages are named `path#1`, `path#2`, ... A source that cannot
be read yields one input carrying the error, so the batch goes on and the operator sees which one failed.
"""

from __future__ import annotations

import mailbox
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from bot.mail.source import MessageInput

STDIN = "-"
STDIN_LABEL = "<stdin>"
_MBOX_START = b"From "


def read_sources(names: Iterable[str], stdin: BinaryIO) -> Iterator[MessageInput]:
    """The messages of every named source in order; `-` reads standard input (one mail or an mbox)."""
    for name in names:
        if name == STDIN:
            yield from stdin_messages(stdin)
        else:
            yield from path_messages(Path(name))


def path_messages(path: Path) -> Iterator[MessageInput]:
    """A maildir folder's messages, an mbox file's messages, or a single mail file."""
    source = str(path)
    if path.is_dir():
        yield from maildir_messages(path)
        return
    try:
        with path.open("rb") as handle:
            start = handle.read(len(_MBOX_START))
    except OSError as error:
        yield _unreadable(source, error)
        return
    if start == _MBOX_START:
        yield from mbox_messages(path, source)
        return
    try:
        raw = path.read_bytes()
    except OSError as error:
        yield _unreadable(source, error)
        return
    yield MessageInput(source, raw)


def mbox_messages(path: Path, label: str) -> Iterator[MessageInput]:
    """Each message of an mbox as its own input, named `label#N` (N from 1)."""
    try:
        box = mailbox.mbox(path, factory=None, create=False)
        keys = box.keys()  # scans the file for "From " lines once; keeps offsets, not mail
    except (OSError, mailbox.Error) as error:
        yield _unreadable(label, error)
        return
    try:
        for number, key in enumerate(keys, start=1):
            source = f"{label}#{number}"
            try:
                raw = box.get_bytes(key)
            except (OSError, KeyError) as error:
                yield _unreadable(source, error)
                continue
            yield MessageInput(source, raw)
    finally:
        box.close()


def maildir_messages(folder: Path) -> Iterator[MessageInput]:
    """The messages of a maildir (new/ then cur/, by file name), each named by its file's path."""
    if not (folder / "new").is_dir() or not (folder / "cur").is_dir():
        yield MessageInput(str(folder), b"", error="not a maildir folder (it has no cur/ and new/)")
        return
    for part in ("new", "cur"):
        try:
            names = sorted(
                entry.name for entry in os.scandir(folder / part) if not entry.name.startswith(".")
            )
        except OSError as error:
            yield _unreadable(str(folder / part), error)
            continue
        for name in names:
            path = folder / part / name
            try:
                raw = path.read_bytes()
            except OSError as error:
                yield _unreadable(str(path), error)
                continue
            yield MessageInput(str(path), raw)


def stdin_messages(stream: BinaryIO) -> Iterator[MessageInput]:
    """Standard input: an mbox (spooled to a private temporary file, then read message by message), or
    else one mail."""
    start = stream.read(len(_MBOX_START))
    if start != _MBOX_START:
        yield MessageInput(STDIN_LABEL, start + stream.read())
        return
    with tempfile.NamedTemporaryFile(prefix="permbot-stdin-", suffix=".mbox") as spool:
        spool.write(start)
        shutil.copyfileobj(stream, spool)
        spool.flush()
        yield from mbox_messages(Path(spool.name), STDIN_LABEL)


def _unreadable(source: str, error: Exception) -> MessageInput:
    reason = error.strerror if isinstance(error, OSError) and error.strerror else type(error).__name__
    return MessageInput(source, b"", error=f"cannot read: {reason}")
