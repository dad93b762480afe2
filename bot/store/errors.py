"""What the store raises for expected failures; the commands turn these into plain messages."""

from __future__ import annotations


class StoreError(Exception):
    """The store cannot do what was asked; the message says why and what to do."""


class UnknownTicketError(StoreError, LookupError):
    """The store holds no ticket with this number."""


class NotFoundError(StoreError, LookupError):
    """No such row (a decision, a journal entry, a ticket's file)."""


class SchemaOutOfDateError(StoreError):
    """The database's schema is not the one this permbot expects: `permbot db upgrade` fixes it."""
