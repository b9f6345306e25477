"""Train the Rasa model only when its inputs changed (content hash)."""

from __future__ import annotations

import copy
import hashlib
import json
import logging
import os
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bot.ops.environments import quiet_rasa_env, rasa_executable
from bot.ops.processes import last_error_line
from bot.ops.training_progress import progress_of
from bot.settings import Settings

logger = logging.getLogger(__name__)

#: Files and folders whose content decides the model.
MODEL_INPUTS = (
    "config.yml",
    "domain.yml",
    "domain",
    "data",
    "requirements/rasa.txt",
    # our components' code decides the model as much as their configuration does
    "bot/rasa_side/intent_classifier.py",
    "bot/rasa_side/respond_policy.py",
)
#: Older models kept beside the current one, for a quick roll-back.
MODELS_KEPT = 3
#: The progress line's estimate before this machine has trained once: a cold training of
#: the whole model, eight languages, on two cores (docs/benchmarks/history.md, 2026-12-01).
FIRST_TRAINING_S = 150.0


class TrainingFailed(RuntimeError):
    """``rasa train`` exited with an error; the message quotes it."""


def model_inputs_hash(root: Path) -> str:
    """A hash of every file that goes into training, by path and content."""
    digest = hashlib.sha256()
    for name in MODEL_INPUTS:
        path = root / name
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            if file.exists():
                digest.update(str(file.relative_to(root)).encode() + b"\0")
                digest.update(file.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def model_path(settings: Settings) -> Path:
    """Where the model for the current inputs (and seed, if one is set) is or will be stored."""
    name = model_inputs_hash(settings.project_root)
    if settings.training_seed is not None:
        name += f"-seed{settings.training_seed}"
    return settings.project_root / "models" / f"{name}.tar.gz"


def write_config(
    config: Path,
    target: Path,
    *,
    seed: int | None = None,
    pipeline: list[dict[str, Any]] | None = None,
) -> Path:
    """A copy of ``config`` at ``target``, with another NLU ``pipeline`` and/or ``seed``.

    With ``seed``, every component and policy that has a ``random_seed`` uses it.
    """
    from ruamel.yaml import YAML

    yaml = YAML()
    data = yaml.load(config.read_text())
    if pipeline is not None:
        data["pipeline"] = copy.deepcopy(pipeline)
    if seed is not None:
        for part in ("pipeline", "policies"):
            for component in data.get(part) or []:
                if "random_seed" in component:
                    component["random_seed"] = seed
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("w") as handle:
        yaml.dump(data, handle)
    return target


def ensure_model(
    settings: Settings, progress: Callable[[str], None] | None = None
) -> tuple[Path, bool]:
    """Return the model for the current inputs, training it first if needed.

    Args:
        settings: where the project and its state are.
        progress: called about once a second during training with a line saying which
            step runs, the epoch, the time so far and the estimate for the step.

    Returns:
        The model's path, and whether it was trained just now.

    Raises:
        TrainingFailed: training failed; the log file holds the whole output.
    """
    target = model_path(settings)
    if target.exists():
        return target, False
    log_path = settings.state_dir / "log" / "train.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    command = [
        str(rasa_executable(settings)), "train",
        "--out", str(target.parent),
        "--fixed-model-name", target.name.removesuffix(".tar.gz"),
    ]  # fmt: skip
    if settings.training_seed is not None:
        seeded = settings.state_dir / f"config-seed{settings.training_seed}.yml"
        config = write_config(
            settings.project_root / "config.yml", seeded, seed=settings.training_seed
        )
        command += ["--config", str(config)]
    logger.info("training the model (inputs changed); log: %s", log_path)
    expected_s = last_training_seconds(settings) or FIRST_TRAINING_S
    started = time.monotonic()
    with log_path.open("w") as log:
        process = subprocess.Popen(
            command,
            cwd=settings.project_root,
            stdout=log,
            stderr=subprocess.STDOUT,
            env={**os.environ, **quiet_rasa_env()},
        )
        while process.poll() is None:
            time.sleep(1)
            if progress is not None:
                text = log_path.read_bytes().decode(errors="replace")
                progress(progress_of(text).describe(time.monotonic() - started, expected_s))
    if process.returncode != 0 or not target.exists():
        raise TrainingFailed(f"training failed ({last_error_line(log_path)}). Full log: {log_path}")
    took = time.monotonic() - started
    logger.info("trained %s in %.0f s", target.name, took)
    _duration_record(settings).write_text(json.dumps({"seconds": round(took, 1)}))
    _remove_old_models(target)
    return target, True


def _duration_record(settings: Settings) -> Path:
    return settings.state_dir / "last-training.json"


def last_training_seconds(settings: Settings) -> float | None:
    """How long the last successful training on this machine took, if it is on record."""
    try:
        seconds = json.loads(_duration_record(settings).read_text())["seconds"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return float(seconds) if isinstance(seconds, int | float) and seconds > 0 else None


def _remove_old_models(current: Path) -> None:
    models = sorted(current.parent.glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
    for old in [m for m in models if m != current][:-MODELS_KEPT]:
        old.unlink()
