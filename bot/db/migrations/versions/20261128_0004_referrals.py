"""referral cases, case notes, the delivery outbox and erasure requests

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "referral_case",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=16), nullable=False),
        sa.Column("conversation", sa.String(length=64), nullable=False),
        sa.Column("partner_id", sa.String(length=120), nullable=False),
        sa.Column("partner_name", sa.String(length=200), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("need", sa.String(length=40), nullable=False),
        sa.Column("profession_id", sa.String(length=120), nullable=True),
        sa.Column("place_id", sa.String(length=120), nullable=True),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("contact", sa.String(length=254), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk__referral_case")),
        sa.UniqueConstraint("reference", name=op.f("uq__referral_case__reference")),
    )
    for column in ("conversation", "partner_id", "status"):
        op.create_index(
            op.f(f"ix__referral_case__{column}"), "referral_case", [column], unique=False
        )
    op.create_table(
        "case_note",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["referral_case.id"],
            name=op.f("fk__case_note__case_id__referral_case"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk__case_note")),
    )
    op.create_index(op.f("ix__case_note__case_id"), "case_note", ["case_id"], unique=False)
    op.create_table(
        "outbox_message",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("purpose", sa.String(length=16), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("recipient", sa.String(length=500), nullable=False),
        sa.Column("secret_variable", sa.String(length=80), nullable=True),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(), nullable=False),
        sa.Column("last_error", sa.String(length=500), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["referral_case.id"],
            name=op.f("fk__outbox_message__case_id__referral_case"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk__outbox_message")),
    )
    op.create_index(
        op.f("ix__outbox_message__case_id"), "outbox_message", ["case_id"], unique=False
    )
    op.create_index(
        "ix__outbox_message__due", "outbox_message", ["status", "next_attempt_at"], unique=False
    )
    op.create_table(
        "erasure_request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sender_id", sa.String(length=255), nullable=False),
        sa.Column("due_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk__erasure_request")),
    )


def downgrade() -> None:
    op.drop_table("erasure_request")
    op.drop_index("ix__outbox_message__due", table_name="outbox_message")
    op.drop_index(op.f("ix__outbox_message__case_id"), table_name="outbox_message")
    op.drop_table("outbox_message")
    op.drop_index(op.f("ix__case_note__case_id"), table_name="case_note")
    op.drop_table("case_note")
    for column in ("status", "partner_id", "conversation"):
        op.drop_index(op.f(f"ix__referral_case__{column}"), table_name="referral_case")
    op.drop_table("referral_case")
