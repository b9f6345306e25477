from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from bot.ops.training import ensure_model
from bot.settings import PROJECT_ROOT, Settings
from tests.support import free_port

if TYPE_CHECKING:
    from tests.referrals.receivers import SmtpServer


@pytest.fixture(scope="session")
def trained_model() -> Path:
    """The model for the current data (and EMS_TRAINING_SEED); trained once if `make test` has not."""
    model, _ = ensure_model(
        Settings.from_env({**os.environ, "EMS_PROJECT_ROOT": str(PROJECT_ROOT)})
    )
    return model


@pytest.fixture(scope="module")
def smtp() -> Iterator[SmtpServer]:
    """A real SMTP server (aiosmtpd) on a free port; its ``inbox`` holds what it received."""
    from tests.referrals.receivers import SmtpServer

    server = SmtpServer(free_port())
    server.start()
    yield server
    server.stop()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say plainly whether the production tier (PostgreSQL + Redis) ran, for the CI log."""
    outcomes = {"passed": 0, "failed": 0, "skipped": 0}
    for outcome in outcomes:
        for report in terminalreporter.stats.get(outcome, []):
            if "tests/production/" in report.nodeid:
                outcomes[outcome] += 1
    terminalreporter.write_line(
        "production tier (PostgreSQL tracker store, Redis lock store, two Rasa servers): "
        + ", ".join(f"{n} {outcome}" for outcome, n in outcomes.items())
    )
