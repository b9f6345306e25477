"""Start-up failures end with one clear line, never a stack trace."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
from pathlib import Path

import pytest

from bot.ops.environments import app_python
from bot.settings import PROJECT_ROOT, Settings
from tests.support import free_port

APP_PYTHON = str(app_python(Settings.from_env({"EMS_PROJECT_ROOT": str(PROJECT_ROOT)})))


def _cli(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [APP_PYTHON, "-m", "bot", *args],
        cwd=PROJECT_ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )


@pytest.mark.rasa
def test_a_port_in_use_stops_the_run_with_one_message(trained_model: Path, tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = _cli(
            "run",
            EMS_STATE_DIR=str(tmp_path),
            EMS_RASA_PORT=str(port),
            EMS_APP_PORT=str(free_port()),
        )
    assert result.returncode == 1
    assert f"error: port {port} for the Rasa server is already in use" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


@pytest.mark.rasa
def test_a_failed_training_stops_with_one_message(tmp_path: Path) -> None:
    for name in ("config.yml", "domain.yml", "requirements"):
        source = PROJECT_ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, tmp_path / name)
    shutil.copytree(PROJECT_ROOT / "data", tmp_path / "data")
    (tmp_path / ".venv").symlink_to(PROJECT_ROOT / ".venv")
    # A pipeline component that does not exist: Rasa refuses to train.
    config = (
        (tmp_path / "config.yml")
        .read_text()
        .replace("bot.rasa_side.intent_classifier.TfidfIntentClassifier", "NoSuchClassifier")
    )
    (tmp_path / "config.yml").write_text(config)
    result = _cli("train", EMS_PROJECT_ROOT=str(tmp_path))
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: training failed (")
    assert "NoSuchClassifier" in lines[0]
    assert lines[0].endswith(f"Full log: {tmp_path / 'var' / 'log' / 'train.log'}")


def test_missing_python_310_is_one_clear_message(tmp_path: Path) -> None:
    result = subprocess.run(
        ["bash", str(PROJECT_ROOT / "scripts" / "setup.sh")],
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    if Path("/usr/bin/python3.10").exists():
        pytest.skip("this machine has a system Python 3.10")
    assert result.returncode == 1
    assert result.stderr.startswith("error: Python 3.10 was not found")
    assert "pyenv install 3.10" in result.stderr
