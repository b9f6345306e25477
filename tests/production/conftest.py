"""The production set-up needs PostgreSQL and Redis on 127.0.0.1; without them it is skipped."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator

import psycopg
import pytest

from tests.support import reachable

PG_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
REDIS_URL = "redis://127.0.0.1:6379/0"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    missing = [
        name
        for name, port in (("PostgreSQL", 5432), ("Redis", 6379))
        if not reachable("127.0.0.1", port)
    ]
    for item in items:
        if "tests/production/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.production)
            if missing:
                item.add_marker(
                    pytest.mark.skip(reason=f"{' and '.join(missing)} not reachable on 127.0.0.1")
                )


@pytest.fixture(scope="module")
def new_database() -> Iterator[Callable[[str], str]]:
    """Create throw-away PostgreSQL databases; return their URLs; drop them afterwards."""
    created: list[str] = []

    def create(purpose: str) -> str:
        name = f"ems_test_{purpose}_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        created.append(name)
        return f"postgresql://postgres@127.0.0.1:5432/{name}"

    yield create
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as connection:
        for name in created:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
