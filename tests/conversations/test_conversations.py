"""Run the conversation tests and the data validation with the Rasa environment."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from bot.ops.environments import quiet_rasa_env, rasa_executable
from bot.settings import PROJECT_ROOT, Settings

pytestmark = pytest.mark.rasa

RASA = str(rasa_executable(Settings.from_env({"EMS_PROJECT_ROOT": str(PROJECT_ROOT)})))


def _rasa(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [RASA, *args],
        cwd=PROJECT_ROOT,
        env={**os.environ, **quiet_rasa_env()},
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )


def test_conversation_stories_pass(trained_model: Path, tmp_path: Path) -> None:
    result = _rasa(
        "test", "core",
        "--model", str(trained_model),
        "--stories", "tests/conversations",
        "--e2e", "--fail-on-prediction-errors", "--no-plot",
        "--out", str(tmp_path),
    )  # fmt: skip
    output = result.stdout + result.stderr
    # Rasa prints the failed story after the exception's name.
    assert result.returncode == 0, output[output.find("Exception") :][-4000:]


def test_training_data_validates_without_warnings() -> None:
    result = _rasa("data", "validate", "--fail-on-warnings")
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
