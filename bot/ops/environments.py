"""Where the two Python environments live, and the commands they provide."""

from __future__ import annotations

from pathlib import Path

from bot.settings import Settings


class EnvironmentMissing(RuntimeError):
    """A Python environment has not been set up."""


def rasa_executable(settings: Settings) -> Path:
    """The ``rasa`` command of the Rasa environment.

    Raises:
        EnvironmentMissing: the Rasa environment is not set up.
    """
    path = settings.project_root / ".venv" / "rasa" / "bin" / "rasa"
    if not path.exists():
        raise EnvironmentMissing(
            f"{path} is missing; run 'make setup' to create the Rasa environment"
        )
    return path


def rasa_python(settings: Settings) -> Path:
    """The Python interpreter of the Rasa environment (it runs ``python -m bot.rasa_side``).

    Raises:
        EnvironmentMissing: the Rasa environment is not set up.
    """
    return rasa_executable(settings).parent / "python"


def app_python(settings: Settings) -> Path:
    """The Python interpreter of the app environment."""
    return settings.project_root / ".venv" / "app" / "bin" / "python"


def quiet_rasa_env() -> dict[str, str]:
    """Environment variables that keep Rasa from phoning home or flooding the log."""
    return {
        "RASA_TELEMETRY_ENABLED": "false",
        "TF_CPP_MIN_LOG_LEVEL": "2",
        "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
        "PYTHONWARNINGS": "ignore",
    }
