"""The fork server that reading workers are started from, which `permbot verify` may start early.

Workers are forked from a server process (never from the verifier itself, whose threads make a plain fork
unsafe) that has imported the readers and the language model's library once (~0.8 s). Started before the
verifier loads its config, the server's imports run beside the verifier's own on another core, instead
of after them.
"""

from __future__ import annotations

import multiprocessing
from multiprocessing import forkserver
from multiprocessing.context import ForkServerContext

# A batch of at most this many messages is read in the verifier's process: starting the worker processes
# costs ~1 s on the 2-core box (the server imports the readers), against ~30 ms to read one message.
SMALL_BATCH = 3

# What the server imports once for every worker: the readers; the module of the packed vocabulary's
# language model wrapper (with WHOIS and fetch settings, rapidfuzz, dateutil: ~0.1 s a worker otherwise);
# the language model's library (numpy and all: each worker then only loads the model).
PRELOADED_MODULES = ("bot.verify.reading_worker", "bot.config.verifier", "py3langid.langid")


def reading_context() -> ForkServerContext:
    """The multiprocessing context of the reading workers."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(list(PRELOADED_MODULES))
    return context


def start_reading_server() -> None:
    """Start the server now rather than with the first worker; it ends with this process."""
    reading_context()
    forkserver.ensure_running()
