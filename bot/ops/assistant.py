"""The assistant's servers on one machine: started together, stopped together."""

from __future__ import annotations

import logging
import os
import secrets
from dataclasses import replace
from pathlib import Path
from types import TracebackType

from ruamel.yaml import YAML

from bot.db.migrate import upgrade
from bot.ops.credentials import (
    credentials_path,
    render_credentials,
    write_credentials,
)
from bot.ops.endpoints import render_endpoints
from bot.ops.environments import app_python, quiet_rasa_env, rasa_python
from bot.ops.processes import ManagedProcess, StartFailed, port_in_use
from bot.settings import Settings

logger = logging.getLogger(__name__)

#: Seconds the Rasa server may take to load its model on a busy two-core machine.
RASA_START_TIMEOUT = 240
APP_START_TIMEOUT = 60


class PortInUse(StartFailed):
    """A port the assistant needs is taken."""


class Assistant:
    """A Rasa server and (usually) an app server; use as a context manager."""

    def __init__(self, settings: Settings, model: Path, *, with_app: bool = True) -> None:
        """Describe the processes; nothing starts before :meth:`start`.

        Args:
            settings: ports, databases and Redis of this instance.
            model: the trained Rasa model to serve.
            with_app: also run an app server (a second Rasa instance of a
                multi-instance set-up uses the first one's app server).
        """
        if with_app and not settings.action_token:
            # The app server's webhook must not run actions for anyone who asks: without
            # EMS_ACTION_TOKEN the launcher makes one for this run and gives it to both servers
            # (never logged; a second Rasa server of a cluster needs EMS_ACTION_TOKEN set).
            settings = replace(settings, action_token=secrets.token_urlsafe(32))
        self.settings = settings
        self.model = model
        self.app = app_process(settings) if with_app else None
        self.rasa = rasa_process(settings, model)

    def check_ports(self) -> None:
        """Stop early, with a clear message, when a port is taken.

        Raises:
            PortInUse: the app or Rasa port already has a listener.
        """
        s = self.settings
        servers = [("Rasa server", s.rasa_host, s.rasa_port, "EMS_RASA_PORT")]
        if self.app:
            servers.append(("app server", s.app_host, s.app_port, "EMS_APP_PORT"))
        for name, host, port, variable in servers:
            if port_in_use("127.0.0.1" if host in ("0.0.0.0", "::", "") else host, port):
                raise PortInUse(
                    f"port {port} for the {name} is already in use — is the assistant "
                    f"already running? Stop that program, or choose another port with {variable}=…"
                )

    def start(self) -> None:
        """Start the servers and wait until each answers.

        Raises:
            StartFailed: a port is taken or a server did not come up.
        """
        self.check_ports()
        write_endpoints(self.settings)
        write_credentials(self.settings)
        if self.app:
            upgrade(self.settings.database_url)  # the app server's schema, before it starts
            self.app.start()
        self.rasa.start()
        try:
            if self.app:
                self.app.wait_ready(f"{self.settings.app_url}/health", APP_START_TIMEOUT)
            self.rasa.wait_ready(f"{self.settings.rasa_url}/", RASA_START_TIMEOUT)
        except BaseException:
            self.stop()
            raise

    def stop(self) -> None:
        """Stop Rasa first (it calls the app), then the app server."""
        self.rasa.stop()
        if self.app:
            self.app.stop()

    def exited(self) -> str | None:
        """The name of a server that has stopped on its own, if any."""
        for process in (self.rasa, self.app):
            if process and process.exited() is not None:
                return process.name
        return None

    def __enter__(self) -> Assistant:
        """Start the servers."""
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Stop the servers."""
        self.stop()


def endpoints_path(settings: Settings) -> Path:
    """Where the launcher writes Rasa's endpoints for ``settings``."""
    return settings.state_dir / f"endpoints-{settings.rasa_port}.yml"


def write_endpoints(settings: Settings) -> Path:
    """Render Rasa's endpoints for ``settings`` into the state folder."""
    path = endpoints_path(settings)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w") as file:
        file.write("# Written by the launcher from the EMS_* settings; do not edit.\n")
        YAML().dump(render_endpoints(settings), file)
    return path


def app_process(settings: Settings) -> ManagedProcess:
    """The app server of ``settings`` as a child process."""
    return ManagedProcess(
        "app server",
        [str(app_python(settings)), "-m", "bot", "serve"],
        settings.state_dir / "log" / f"app-{settings.app_port}.log",
        settings.project_root,
        {**os.environ, **settings.as_environment()},
    )


def rasa_process(settings: Settings, model: Path) -> ManagedProcess:
    """A Rasa server of ``settings`` serving ``model`` as a child process.

    It reads the credentials :meth:`Assistant.start` renders, and imports the messenger
    connectors of ``bot/channels`` from the project root.

    Raises:
        SettingsError: a messenger is configured halfway (checked here, before anything starts).
    """
    s = settings
    render_credentials(s)
    command = [
        # `rasa run` with the fixes of bot/rasa_side/fixes.py applied.
        str(rasa_python(s)), "-m", "bot.rasa_side", "run",
        "--model", str(model),
        "--endpoints", str(endpoints_path(s)),
        "--credentials", str(credentials_path(s)),
        "--interface", s.rasa_host,
        "--port", str(s.rasa_port),
        "--cors", *s.browser_origins,
    ]  # fmt: skip
    return ManagedProcess(
        "Rasa server",
        command,
        s.state_dir / "log" / f"rasa-{s.rasa_port}.log",
        s.project_root,
        {**os.environ, **s.as_environment(), **quiet_rasa_env(), "PYTHONPATH": _python_path(s)},
    )


def _python_path(settings: Settings) -> str:
    # The connectors in bot/channels are imported by module path from the credentials.
    inherited = os.environ.get("PYTHONPATH")
    root = str(settings.project_root)
    return f"{root}{os.pathsep}{inherited}" if inherited else root
