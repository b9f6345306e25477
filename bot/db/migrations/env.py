"""Alembic environment: migrations run with the synchronous driver of the configured URL."""

from __future__ import annotations

from alembic import context

from bot.db.base import Base
from bot.db.engine import create_sync_engine
from bot.settings import Settings

config = context.config
url = config.attributes.get("database_url") or Settings.from_env().database_url


def run_migrations() -> None:
    """Apply the migrations Alembic asked for inside one transaction."""
    engine = create_sync_engine(url)
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=Base.metadata,
            render_as_batch=connection.dialect.name == "sqlite",
        )
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


run_migrations()
