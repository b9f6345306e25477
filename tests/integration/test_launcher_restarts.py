"""``python -m bot run`` starts a server again that stopped on its own, and the assistant answers again."""

from __future__ import annotations

import os
import signal
import subprocess
import threading
import time
from pathlib import Path

import pytest

from bot.ops.environments import app_python
from bot.settings import PROJECT_ROOT, Settings
from tests.support import free_port, say

pytestmark = pytest.mark.rasa

APP_PYTHON = str(app_python(Settings.from_env({"EMS_PROJECT_ROOT": str(PROJECT_ROOT)})))
READY = "The Ems-Achse welcome assistant is running."


def _children(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        try:
            kids = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        found += [int(k) for k in kids]
        todo += [int(k) for k in kids]
    return found


def test_a_killed_app_server_is_started_again_and_answers(
    trained_model: Path, tmp_path: Path
) -> None:
    rasa_port = free_port()
    env = {
        **os.environ,
        "EMS_STATE_DIR": str(tmp_path),
        "EMS_RASA_PORT": str(rasa_port),
        "EMS_APP_PORT": str(free_port()),
    }
    launcher = subprocess.Popen(
        [APP_PYTHON, "-m", "bot", "run"], cwd=PROJECT_ROOT, env=env,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(iter(launcher.stdout.readline, "")))  # type: ignore[union-attr]
    reader.start()

    def wait_for(text: str, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while not any(text in line for line in lines):
            assert launcher.poll() is None, "".join(lines)
            assert time.monotonic() < deadline, f"no {text!r} in:\n{''.join(lines)}"
            time.sleep(0.2)

    try:
        wait_for(READY, 240)
        url = f"http://127.0.0.1:{rasa_port}"
        assert say(url, "restart", "Hallo")
        app = next(
            pid for pid in _children(launcher.pid)
            if b"bot\x00serve" in Path(f"/proc/{pid}/cmdline").read_bytes()
        )  # fmt: skip
        os.kill(app, signal.SIGKILL)
        wait_for("The app server stopped (exit code -9); restarting it in 1 s", 30)
        wait_for("The app server was started again.", 30)
        deadline = time.monotonic() + 60
        while True:  # the app server needs a few seconds to answer again
            replies = say(url, "restart", "Wo ist die Ausländerbehörde in Leer?")
            if replies and "Leer" in str(replies[0].get("text")):
                break
            assert time.monotonic() < deadline, replies
            time.sleep(1)
    finally:
        launcher.send_signal(signal.SIGINT)
        launcher.wait(60)
        reader.join(10)
    assert "Stopped." in "".join(lines)
