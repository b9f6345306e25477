"""feedback on answers

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "feedback",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column("conversation", sa.String(length=64), nullable=False),
        sa.Column("answer", sa.String(length=160), nullable=True),
        sa.Column("helpful", sa.Boolean(), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk__feedback")),
    )
    op.create_index(op.f("ix__feedback__conversation"), "feedback", ["conversation"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix__feedback__conversation"), table_name="feedback")
    op.drop_table("feedback")
