"""One pass at a time per wiki, across processes and machines: a lease in the store, renewed while held.

The lease has an expiry, so a pass that died blocks the next one for at most `lease_seconds`. While held,
a thread renews it every third of that; if a renewal finds the lease lost (the process stalled for longer
than the lease, and another took it), `lost` turns true and the holder stops before its next save.
The hand-run wiki commands (tag, receive, untag, sweep) take the same lease when a store is configured.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
import uuid
from datetime import timedelta
from pathlib import Path
from types import TracebackType
from typing import Self

import sqlalchemy as sa

from bot.store.leases import pass_lease_name
from bot.store.model import Lease
from bot.store.store import Store

log = logging.getLogger(__name__)

POLL_SECONDS = 1.0


class LeaseHeld(RuntimeError):
    """Another pass (or wiki command) holds the wiki's lease; the message names it and its expiry."""

    def __init__(self, wiki: str, lease: Lease | None) -> None:
        if lease is None:
            detail = "another holder (it just changed hands)"
        else:
            since, until = f"{lease.acquired_at:%Y-%m-%d %H:%M:%S}", f"{lease.expires_at:%H:%M:%S}"
            detail = f"{lease.holder} (since {since} UTC, until {until} UTC unless renewed)"
        super().__init__(
            f"another pass is working on {wiki}: the lease is held by {detail}; try again when it is done "
            "(a holder that died lets its lease expire)"
        )
        self.lease = lease


def holder_name(label: str) -> str:
    """Who holds a lease, readable in the refusal another process prints: host, pid, what, a nonce."""
    return f"{label} on {socket.gethostname()} pid {os.getpid()} [{uuid.uuid4().hex[:8]}]"


class WikiLease:
    """`with WikiLease(store, wiki, label, seconds, wait):` holds the wiki's lease for the block."""

    def __init__(
        self,
        store: Store,
        wiki: str,
        label: str,
        seconds: float,
        wait: float = 0.0,
        *,
        owns_store: bool = False,
    ) -> None:
        self._store = store
        self._owns_store = owns_store
        self._wiki = wiki
        self._name = pass_lease_name(wiki)
        self._ttl = timedelta(seconds=seconds)
        self._wait = wait
        self.holder = holder_name(label)
        self._stop = threading.Event()
        self._lost = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def lost(self) -> bool:
        return self._lost.is_set()

    def acquire(self) -> None:
        deadline = time.monotonic() + self._wait
        while self._store.leases.acquire(self._name, self.holder, self._ttl) is None:
            if time.monotonic() >= deadline:
                raise LeaseHeld(self._wiki, self._store.leases.current(self._name))
            time.sleep(POLL_SECONDS)
        log.info("lease on %s taken by %s", self._wiki, self.holder)
        self._thread = threading.Thread(target=self._renew, name="lease-renewal", daemon=True)
        self._thread.start()

    def _renew(self) -> None:
        interval = self._ttl.total_seconds() / 3
        while not self._stop.wait(interval):
            if self._store.leases.renew(self._name, self.holder, self._ttl) is None:
                log.warning("lease on %s was lost: stopping before the next save", self._wiki)
                self._lost.set()
                return

    def release(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._store.leases.release(self._name, self.holder)
        if self._owns_store:
            self._store.close()

    def __enter__(self) -> Self:
        self.acquire()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.release()


def command_lease(wiki: str, label: str) -> WikiLease | None:
    """The lease a hand-run wiki command takes when a store is configured (a database URL, or the embedded
    SQLite file exists: a service works on this machine); None when there is no store to coordinate with."""
    from bot.config.passes import load_pass_settings
    from bot.config.store import load_store_settings

    settings = load_store_settings()
    if settings.embedded and not Path(sa.make_url(settings.url).database or "").is_file():
        return None
    store = Store.from_settings(settings)
    passes = load_pass_settings()
    return WikiLease(store, wiki, label, passes.lease_seconds, passes.lease_wait_seconds, owns_store=True)
