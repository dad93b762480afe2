"""The store: the queue's mail, tickets and their suggestions, agents' decisions, the journal of wiki actions,
leases and lookup caches, in one database (SQLite embedded; MariaDB or PostgreSQL by URL).

Only this package talks SQL. Open it with `Store.open(url)` or `Store.from_settings(load_store_settings())`.
"""

from bot.store.errors import NotFoundError, SchemaOutOfDateError, StoreError, UnknownTicketError
from bot.store.leases import pass_lease_name
from bot.store.model import (
    DecisionAction,
    DecisionRow,
    DecisionState,
    FileSource,
    IncomingMessage,
    JournalEntry,
    JournalState,
    Lease,
    MailboxCursor,
    MessageRow,
    PurgeResult,
    SuggestionUpdate,
    TakenMessage,
    TicketDetail,
    TicketFile,
    TicketFilter,
    TicketOrder,
    TicketPage,
    TicketRow,
    TicketStatus,
    VerdictOverride,
    WikiAction,
)
from bot.store.store import Store, opened

__all__ = [
    "DecisionAction",
    "DecisionRow",
    "DecisionState",
    "FileSource",
    "IncomingMessage",
    "JournalEntry",
    "JournalState",
    "Lease",
    "MailboxCursor",
    "MessageRow",
    "NotFoundError",
    "PurgeResult",
    "SchemaOutOfDateError",
    "Store",
    "StoreError",
    "SuggestionUpdate",
    "TakenMessage",
    "TicketDetail",
    "TicketFile",
    "TicketFilter",
    "TicketOrder",
    "TicketPage",
    "TicketRow",
    "TicketStatus",
    "UnknownTicketError",
    "VerdictOverride",
    "WikiAction",
    "opened",
    "pass_lease_name",
]
