"""The whole assistant on one machine: app server and Rasa server, started and stopped together."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from types import TracebackType

from ruamel.yaml import YAML

from bot.ops.endpoints import render_endpoints
from bot.ops.environments import app_python, quiet_rasa_env, rasa_executable
from bot.ops.processes import ManagedProcess, StartFailed, port_in_use
from bot.settings import Settings

logger = logging.getLogger(__name__)

#: Seconds the Rasa server may take to load its model on a busy two-core machine.
RASA_START_TIMEOUT = 240
APP_START_TIMEOUT = 60


class PortInUse(StartFailed):
    """A port the assistant needs is taken."""


class Assistant:
    """Both servers for ``settings`` and ``model``; use as a context manager."""

    def __init__(self, settings: Settings, model: Path) -> None:
        """Describe the two processes; nothing starts before :meth:`start`."""
        self.settings = settings
        self.model = model
        log_dir = settings.state_dir / "log"
        env = {**os.environ, "EMS_PROJECT_ROOT": str(settings.project_root)}
        self.app = ManagedProcess(
            "app server",
            [str(app_python(settings)), "-m", "bot", "serve"],
            log_dir / "app.log",
            settings.project_root,
            env,
        )
        self.rasa = ManagedProcess(
            "Rasa server", self._rasa_command(), log_dir / "rasa.log",
            settings.project_root, {**env, **quiet_rasa_env()},
        )  # fmt: skip

    def _rasa_command(self) -> list[str]:
        s = self.settings
        origins = [s.app_url, *s.allowed_origins]
        return [
            str(rasa_executable(s)), "run",
            "--model", str(self.model),
            "--endpoints", str(s.state_dir / "endpoints.yml"),
            "--credentials", str(s.project_root / "credentials.yml"),
            "--interface", s.rasa_host,
            "--port", str(s.rasa_port),
            "--cors", *origins,
        ]  # fmt: skip

    def check_ports(self) -> None:
        """Stop early, with a clear message, when a port is taken.

        Raises:
            PortInUse: the app or Rasa port already has a listener.
        """
        for name, host, port, variable in (
            ("app server", self.settings.app_host, self.settings.app_port, "EMS_APP_PORT"),
            ("Rasa server", self.settings.rasa_host, self.settings.rasa_port, "EMS_RASA_PORT"),
        ):
            if port_in_use("127.0.0.1" if host in ("0.0.0.0", "") else host, port):
                raise PortInUse(
                    f"port {port} for the {name} is already in use — is the assistant "
                    f"already running? Stop that program, or choose another port with {variable}=…"
                )

    def start(self) -> None:
        """Start both servers and wait until both answer.

        Raises:
            StartFailed: a port is taken or a server did not come up.
        """
        self.check_ports()
        self._write_endpoints()
        self.app.start()
        self.rasa.start()
        try:
            self.app.wait_ready(f"{self.settings.app_url}/health", APP_START_TIMEOUT)
            self.rasa.wait_ready(f"{self.settings.rasa_url}/", RASA_START_TIMEOUT)
        except BaseException:
            self.stop()
            raise

    def _write_endpoints(self) -> None:
        path = self.settings.state_dir / "endpoints.yml"
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w") as file:
            file.write("# Written by the launcher from the EMS_* settings; do not edit.\n")
            YAML().dump(render_endpoints(self.settings), file)

    def stop(self) -> None:
        """Stop Rasa first (it calls the app), then the app server."""
        self.rasa.stop()
        self.app.stop()

    def exited(self) -> str | None:
        """The name of a server that has stopped on its own, if any."""
        for process in (self.rasa, self.app):
            if process.exited() is not None:
                return process.name
        return None

    def __enter__(self) -> Assistant:
        """Start both servers."""
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Stop both servers."""
        self.stop()
