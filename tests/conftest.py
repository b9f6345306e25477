from __future__ import annotations

from pathlib import Path

import pytest

from bot.ops.training import ensure_model
from bot.settings import PROJECT_ROOT, Settings


@pytest.fixture(scope="session")
def trained_model() -> Path:
    """The model for the current data; trained once if `make test` has not done it."""
    model, _ = ensure_model(Settings.from_env({"EMS_PROJECT_ROOT": str(PROJECT_ROOT)}))
    return model
