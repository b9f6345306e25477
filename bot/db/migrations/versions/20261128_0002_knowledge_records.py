"""knowledge records per snapshot, and when a snapshot went live

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("knowledge_snapshot") as batch:
        batch.add_column(sa.Column("activated_at", sa.DateTime(timezone=True), nullable=True))
    op.create_table(
        "knowledge_record",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("snapshot_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("record_id", sa.String(length=120), nullable=False),
        sa.Column("last_verified", sa.Date(), nullable=True),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["snapshot_id"],
            ["knowledge_snapshot.id"],
            name=op.f("fk__knowledge_record__snapshot_id__knowledge_snapshot"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk__knowledge_record")),
    )
    op.create_index(
        "ix__knowledge_record__kind_record",
        "knowledge_record",
        ["snapshot_id", "kind", "record_id"],
        unique=True,
    )


def downgrade() -> None:
    op.drop_index("ix__knowledge_record__kind_record", table_name="knowledge_record")
    op.drop_table("knowledge_record")
    with op.batch_alter_table("knowledge_snapshot") as batch:
        batch.drop_column("activated_at")
