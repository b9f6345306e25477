"""Start, watch and stop the Rasa server and the app server as child processes."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path


class StartFailed(RuntimeError):
    """A server did not come up; the message says why and where its log is."""


def port_in_use(host: str, port: int) -> bool:
    """Whether something already listens on ``host:port``."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.settimeout(0.5)
        return probe.connect_ex((host, port)) == 0


class ManagedProcess:
    """One server process with its own log file and process group."""

    def __init__(
        self, name: str, command: list[str], log_path: Path, cwd: Path, env: dict[str, str]
    ) -> None:
        """Describe the process; :meth:`start` launches it."""
        self.name = name
        self.command = command
        self.log_path = log_path
        self.cwd = cwd
        self.env = env
        self.popen: subprocess.Popen[bytes] | None = None

    def start(self, *, append: bool = False) -> None:
        """Launch the process, its output going to the log file (``append``: after what is there)."""
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        with self.log_path.open("ab" if append else "wb") as log:
            # A session of its own: Ctrl-C reaches the launcher, which stops us in order.
            self.popen = subprocess.Popen(
                self.command,
                cwd=self.cwd,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    @property
    def pid(self) -> int:
        """The process id (the process must have been started)."""
        assert self.popen is not None
        return self.popen.pid

    def exited(self) -> int | None:
        """The exit code, or ``None`` while running."""
        return None if self.popen is None else self.popen.poll()

    def wait_ready(self, url: str, timeout: float) -> None:
        """Wait until ``url`` answers with a 2xx status.

        Raises:
            StartFailed: the process exited or did not answer within ``timeout``.
        """
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.exited() is not None:
                raise StartFailed(
                    f"the {self.name} stopped during start-up ({self.last_log_line()}). "
                    f"Full log: {self.log_path}"
                )
            try:
                with urllib.request.urlopen(url, timeout=2) as response:
                    if 200 <= response.status < 300:
                        return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.5)
        raise StartFailed(
            f"the {self.name} did not answer at {url} within {timeout:.0f} s. "
            f"Full log: {self.log_path}"
        )

    def stop(self, timeout: float = 20) -> None:
        """Ask the process to stop; kill it if it does not within ``timeout``."""
        if self.popen is None or self.popen.poll() is not None:
            return
        os.killpg(self.popen.pid, signal.SIGTERM)
        try:
            self.popen.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.popen.pid, signal.SIGKILL)
            self.popen.wait()

    def last_log_line(self) -> str:
        """The last line of the log that looks like an error, for a one-line message."""
        return last_error_line(self.log_path)


def last_error_line(log_path: Path) -> str:
    """The last line of a log that names an error (else its last line), for a one-line message."""
    if not log_path.exists():
        return "no output"
    lines = [ln.strip() for ln in log_path.read_text(errors="replace").splitlines() if ln.strip()]
    for line in reversed(lines):
        if "Error" in line or "error" in line or "Exception" in line:
            return line[-300:]
    return lines[-1][-300:] if lines else "no output"
