"""What runs inside a reading worker process: the reading vocabulary, received once, and `read`.

The vocabulary travels to each worker once, pickled by `pack_vocabulary` (it holds read-only mapping
proxies, which plain pickle refuses), and is kept in this module for the worker's lifetime.
"""

from __future__ import annotations

import copyreg
import io
import pickle
import signal
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

from verification.facts import TicketReading
from verification.reading import ReadingVocabulary, read_ticket

_vocabulary: list[ReadingVocabulary] = []  # the worker's one vocabulary, set by `start_worker`


def pack_vocabulary(vocab: ReadingVocabulary) -> bytes:
    """The vocabulary as bytes a worker can load; mapping proxies become proxies of plain dicts."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = copyreg.dispatch_table.copy()
    pickler.dispatch_table[MappingProxyType] = _reduce_proxy
    pickler.dump(vocab)
    return buffer.getvalue()


def start_worker(packed: bytes) -> None:
    """Pool initializer: keep the vocabulary, warmed up; leave Ctrl-C to the parent, which stops the pool."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    vocabulary: ReadingVocabulary = pickle.loads(packed)  # noqa: S301 - our own bytes, from the parent
    warm_up(vocabulary)
    _vocabulary[:] = [vocabulary]


def warm_up(vocabulary: ReadingVocabulary) -> None:
    """Load the language model now (about a second), before the first message is read, so that the load
    never counts against a reading's deadline."""
    if vocabulary.languages is not None:
        vocabulary.languages.classify("warm up")


ReadFunction = Callable[[bytes, ReadingVocabulary], TicketReading]


def read(raw: bytes, read_function: ReadFunction = read_ticket) -> TicketReading:
    """Read one mail in this worker (the parent enforces the deadline and turns errors into outcomes).

    `read_function` is a module-level function, sent by reference; tests send one that fails on cue.
    """
    return read_function(raw, _vocabulary[0])


def _reduce_proxy(proxy: Mapping[str, Any]) -> tuple[Any, tuple[dict[str, Any]]]:
    return (_mapping_proxy, (dict(proxy),))


def _mapping_proxy(data: dict[str, Any]) -> Mapping[str, Any]:
    return MappingProxyType(data)
