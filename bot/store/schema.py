"""The store's tables, as SQLAlchemy Core sees them. The migrations build exactly this schema.

Lengths: MediaWiki titles and user names are at most 255 bytes; ticket numbers are 16 digits. Long or
hostile keys (Message-IDs, cache keys) are looked up by their SHA-256, so indexes stay small on MariaDB.
"""

from __future__ import annotations

import sqlalchemy as sa

from bot.store.types import BIG_ID, BYTES, TEXT, JsonDocument, UtcDateTime

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = sa.MetaData(naming_convention=NAMING_CONVENTION)

TICKET_NUMBER = sa.String(16)
TITLE = sa.String(255)
USER_NAME = sa.String(255)
DIGEST = sa.String(64)  # SHA-256, hex
CODE = sa.String(64)  # enum values and generic codes

messages = sa.Table(
    "messages",
    metadata,
    sa.Column("id", BIG_ID, primary_key=True, autoincrement=True),
    sa.Column("sha256", DIGEST, nullable=False, unique=True),
    sa.Column("message_id", TEXT, nullable=True),  # the header as written, for display
    sa.Column("message_id_sha256", DIGEST, nullable=True, unique=True),  # of the normalised Message-ID
    sa.Column("source_key", sa.String(512), nullable=True, index=True),
    sa.Column("size", sa.Integer, nullable=False),
    sa.Column("raw", BYTES, nullable=True),  # private; NULL once purged
    sa.Column("received_at", UtcDateTime, nullable=True),
    sa.Column("stored_at", UtcDateTime, nullable=False),
    sa.Column("ticket", TICKET_NUMBER, nullable=True, index=True),  # no FK: mail is stored before its ticket
    sa.Column("read_error", CODE, nullable=True),
    sa.Column("purged_at", UtcDateTime, nullable=True),
)

mailbox_cursors = sa.Table(
    "mailbox_cursors",
    metadata,
    sa.Column("mailbox", sa.String(255), primary_key=True),
    sa.Column("uidvalidity", sa.BigInteger, nullable=False),
    sa.Column("last_uid", sa.BigInteger, nullable=False),
    sa.Column("updated_at", UtcDateTime, nullable=False),
)

tickets = sa.Table(
    "tickets",
    metadata,
    sa.Column("number", TICKET_NUMBER, primary_key=True),
    sa.Column("status", CODE, nullable=False),
    sa.Column("first_seen_at", UtcDateTime, nullable=False, index=True),
    sa.Column("updated_at", UtcDateTime, nullable=False),
    sa.Column("closed_at", UtcDateTime, nullable=True),
    sa.Column("sender", sa.String(320), nullable=True),  # private; NULL once purged
    sa.Column("language", sa.String(35), nullable=True),
    sa.Column("verdict", CODE, nullable=True, index=True),
    sa.Column("provisional", sa.Boolean, nullable=False),
    sa.Column("verify_attempts", sa.Integer, nullable=False),
    sa.Column("verified_at", UtcDateTime, nullable=True),
    sa.Column("reasons", JsonDocument, nullable=False),  # [{"code", "message", "verdict"}]; messages purged
    sa.Column("evidence", JsonDocument, nullable=True),  # private; NULL once purged
    sa.Column("override_verdict", CODE, nullable=True, index=True),  # an agent's correction of the verdict
    sa.Column("override_by", USER_NAME, nullable=True),
    sa.Column("override_note", TEXT, nullable=True),
    sa.Column("override_at", UtcDateTime, nullable=True),
    sa.Column("purged_at", UtcDateTime, nullable=True),
)

ticket_files = sa.Table(
    "ticket_files",
    metadata,
    sa.Column("id", BIG_ID, primary_key=True, autoincrement=True),
    sa.Column("ticket", TICKET_NUMBER, sa.ForeignKey("tickets.number"), nullable=False),
    sa.Column("title", TITLE, nullable=False),
    sa.Column("added_by", CODE, nullable=False),
    sa.Column("agent", USER_NAME, nullable=True),
    sa.Column("removed", sa.Boolean, nullable=False),
    sa.Column("note", TEXT, nullable=True),
    sa.Column("added_at", UtcDateTime, nullable=False),
    sa.Column("pending_since", UtcDateTime, nullable=True),
    sa.UniqueConstraint("ticket", "title"),
)

decisions = sa.Table(
    "decisions",
    metadata,
    sa.Column("id", BIG_ID, primary_key=True, autoincrement=True),
    sa.Column("ticket", TICKET_NUMBER, sa.ForeignKey("tickets.number"), nullable=False, index=True),
    sa.Column("agent", USER_NAME, nullable=False),
    sa.Column("action", CODE, nullable=False),
    sa.Column("params", JsonDocument, nullable=False),
    sa.Column("created_at", UtcDateTime, nullable=False),
    sa.Column("state", CODE, nullable=False, index=True),
    sa.Column("carried_out_at", UtcDateTime, nullable=True),
    sa.Column("result", TEXT, nullable=True),
)

wiki_actions = sa.Table(
    "wiki_actions",
    metadata,
    sa.Column("id", BIG_ID, primary_key=True, autoincrement=True),
    sa.Column("wiki", sa.String(255), nullable=False),
    sa.Column("ticket", TICKET_NUMBER, nullable=True, index=True),
    sa.Column("title", TITLE, nullable=False),
    sa.Column("action", CODE, nullable=False),
    sa.Column("params", JsonDocument, nullable=False),
    sa.Column("state", CODE, nullable=False, index=True),
    sa.Column("base_revid", sa.BigInteger, nullable=True),
    sa.Column("new_revid", sa.BigInteger, nullable=True),
    sa.Column("outcome", CODE, nullable=True),
    sa.Column("detail", TEXT, nullable=True),
    sa.Column("decision_id", BIG_ID, sa.ForeignKey("decisions.id"), nullable=True),
    sa.Column("created_at", UtcDateTime, nullable=False),
    sa.Column("settled_at", UtcDateTime, nullable=True),
    sa.Index(None, "wiki", "title"),
)

leases = sa.Table(
    "leases",
    metadata,
    sa.Column("name", sa.String(255), primary_key=True),
    sa.Column("holder", sa.String(255), nullable=False),
    sa.Column("acquired_at", UtcDateTime, nullable=False),
    sa.Column("expires_at", UtcDateTime, nullable=False),
)

cache_entries = sa.Table(
    "cache_entries",
    metadata,
    sa.Column("kind", sa.String(32), primary_key=True),  # "site", "whois", ...
    sa.Column("key_sha256", DIGEST, primary_key=True),
    sa.Column("key", TEXT, nullable=False),
    sa.Column("value", JsonDocument, nullable=False),
    sa.Column("stored_at", UtcDateTime, nullable=False),
    sa.Column("expires_at", UtcDateTime, nullable=False, index=True),
)
