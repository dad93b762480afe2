"""The first schema: messages, mailbox cursors, tickets and their files, decisions, the journal of wiki
actions, leases, caches.

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from bot.store.types import BIG_ID, BYTES, DATETIME, LONG_TEXT, TEXT

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TICKET = sa.String(16)
CODE = sa.String(64)
DIGEST = sa.String(64)
NAME = sa.String(255)


def upgrade() -> None:
    op.create_table(
        "messages",
        sa.Column("id", BIG_ID, primary_key=True, autoincrement=True),
        sa.Column("sha256", DIGEST, nullable=False),
        sa.Column("message_id", TEXT, nullable=True),
        sa.Column("message_id_sha256", DIGEST, nullable=True),
        sa.Column("source_key", sa.String(512), nullable=True),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("raw", BYTES, nullable=True),
        sa.Column("received_at", DATETIME, nullable=True),
        sa.Column("stored_at", DATETIME, nullable=False),
        sa.Column("ticket", TICKET, nullable=True),
        sa.Column("read_error", CODE, nullable=True),
        sa.Column("purged_at", DATETIME, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_messages"),
        sa.UniqueConstraint("sha256", name="uq_messages_sha256"),
        sa.UniqueConstraint("message_id_sha256", name="uq_messages_message_id_sha256"),
    )
    op.create_index("ix_messages_source_key", "messages", ["source_key"])
    op.create_index("ix_messages_ticket", "messages", ["ticket"])

    op.create_table(
        "mailbox_cursors",
        sa.Column("mailbox", NAME, nullable=False),
        sa.Column("uidvalidity", sa.BigInteger, nullable=False),
        sa.Column("last_uid", sa.BigInteger, nullable=False),
        sa.Column("updated_at", DATETIME, nullable=False),
        sa.PrimaryKeyConstraint("mailbox", name="pk_mailbox_cursors"),
    )

    op.create_table(
        "tickets",
        sa.Column("number", TICKET, nullable=False),
        sa.Column("status", CODE, nullable=False),
        sa.Column("first_seen_at", DATETIME, nullable=False),
        sa.Column("updated_at", DATETIME, nullable=False),
        sa.Column("closed_at", DATETIME, nullable=True),
        sa.Column("sender", sa.String(320), nullable=True),
        sa.Column("language", sa.String(35), nullable=True),
        sa.Column("verdict", CODE, nullable=True),
        sa.Column("provisional", sa.Boolean, nullable=False),
        sa.Column("verify_attempts", sa.Integer, nullable=False),
        sa.Column("verified_at", DATETIME, nullable=True),
        sa.Column("reasons", LONG_TEXT, nullable=False),
        sa.Column("evidence", LONG_TEXT, nullable=True),
        sa.Column("override_verdict", CODE, nullable=True),
        sa.Column("override_by", NAME, nullable=True),
        sa.Column("override_note", TEXT, nullable=True),
        sa.Column("override_at", DATETIME, nullable=True),
        sa.Column("purged_at", DATETIME, nullable=True),
        sa.PrimaryKeyConstraint("number", name="pk_tickets"),
    )
    op.create_index("ix_tickets_first_seen_at", "tickets", ["first_seen_at"])
    op.create_index("ix_tickets_verdict", "tickets", ["verdict"])
    op.create_index("ix_tickets_override_verdict", "tickets", ["override_verdict"])

    op.create_table(
        "ticket_files",
        sa.Column("id", BIG_ID, primary_key=True, autoincrement=True),
        sa.Column("ticket", TICKET, nullable=False),
        sa.Column("title", NAME, nullable=False),
        sa.Column("added_by", CODE, nullable=False),
        sa.Column("agent", NAME, nullable=True),
        sa.Column("removed", sa.Boolean, nullable=False),
        sa.Column("note", TEXT, nullable=True),
        sa.Column("added_at", DATETIME, nullable=False),
        sa.Column("pending_since", DATETIME, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_ticket_files"),
        sa.ForeignKeyConstraint(["ticket"], ["tickets.number"], name="fk_ticket_files_ticket_tickets"),
        sa.UniqueConstraint("ticket", "title", name="uq_ticket_files_ticket_title"),
    )

    op.create_table(
        "decisions",
        sa.Column("id", BIG_ID, primary_key=True, autoincrement=True),
        sa.Column("ticket", TICKET, nullable=False),
        sa.Column("agent", NAME, nullable=False),
        sa.Column("action", CODE, nullable=False),
        sa.Column("params", LONG_TEXT, nullable=False),
        sa.Column("created_at", DATETIME, nullable=False),
        sa.Column("state", CODE, nullable=False),
        sa.Column("carried_out_at", DATETIME, nullable=True),
        sa.Column("result", TEXT, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_decisions"),
        sa.ForeignKeyConstraint(["ticket"], ["tickets.number"], name="fk_decisions_ticket_tickets"),
    )
    op.create_index("ix_decisions_ticket", "decisions", ["ticket"])
    op.create_index("ix_decisions_state", "decisions", ["state"])

    op.create_table(
        "wiki_actions",
        sa.Column("id", BIG_ID, primary_key=True, autoincrement=True),
        sa.Column("wiki", NAME, nullable=False),
        sa.Column("ticket", TICKET, nullable=True),
        sa.Column("title", NAME, nullable=False),
        sa.Column("action", CODE, nullable=False),
        sa.Column("params", LONG_TEXT, nullable=False),
        sa.Column("state", CODE, nullable=False),
        sa.Column("base_revid", sa.BigInteger, nullable=True),
        sa.Column("new_revid", sa.BigInteger, nullable=True),
        sa.Column("outcome", CODE, nullable=True),
        sa.Column("detail", TEXT, nullable=True),
        sa.Column("decision_id", BIG_ID, nullable=True),
        sa.Column("created_at", DATETIME, nullable=False),
        sa.Column("settled_at", DATETIME, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_wiki_actions"),
        sa.ForeignKeyConstraint(
            ["decision_id"], ["decisions.id"], name="fk_wiki_actions_decision_id_decisions"
        ),
    )
    op.create_index("ix_wiki_actions_ticket", "wiki_actions", ["ticket"])
    op.create_index("ix_wiki_actions_state", "wiki_actions", ["state"])
    op.create_index("ix_wiki_actions_wiki_title", "wiki_actions", ["wiki", "title"])

    op.create_table(
        "leases",
        sa.Column("name", NAME, nullable=False),
        sa.Column("holder", NAME, nullable=False),
        sa.Column("acquired_at", DATETIME, nullable=False),
        sa.Column("expires_at", DATETIME, nullable=False),
        sa.PrimaryKeyConstraint("name", name="pk_leases"),
    )

    op.create_table(
        "cache_entries",
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("key_sha256", DIGEST, nullable=False),
        sa.Column("key", TEXT, nullable=False),
        sa.Column("value", LONG_TEXT, nullable=False),
        sa.Column("stored_at", DATETIME, nullable=False),
        sa.Column("expires_at", DATETIME, nullable=False),
        sa.PrimaryKeyConstraint("kind", "key_sha256", name="pk_cache_entries"),
    )
    op.create_index("ix_cache_entries_expires_at", "cache_entries", ["expires_at"])


def downgrade() -> None:
    for table in (
        "cache_entries",
        "leases",
        "wiki_actions",
        "decisions",
        "ticket_files",
        "tickets",
        "mailbox_cursors",
        "messages",
    ):
        op.drop_table(table)
