from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.ops.training import (
    TrainingFailed,
    ensure_model,
    model_inputs_hash,
    model_path,
    write_config,
)
from bot.settings import PROJECT_ROOT, Settings


def _copy_model_inputs(target: Path) -> Path:
    for name in ("config.yml", "domain.yml", "data", "requirements"):
        source = PROJECT_ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        else:
            shutil.copy(source, target / name)
    return target


def test_hash_changes_with_training_data_only(tmp_path: Path) -> None:
    root = _copy_model_inputs(tmp_path)
    before = model_inputs_hash(root)
    (root / "knowledge").mkdir()
    (root / "knowledge" / "x.yml").write_text("a: 1")
    (root / "README.md").write_text("docs")
    assert model_inputs_hash(root) == before
    with (root / "data" / "nlu" / "smalltalk.yml").open("a") as nlu:
        nlu.write("      - Huhu\n")
    assert model_inputs_hash(root) != before


def test_hash_changes_when_a_data_file_is_renamed(tmp_path: Path) -> None:
    root = _copy_model_inputs(tmp_path)
    before = model_inputs_hash(root)
    (root / "data" / "rules" / "respond.yml").rename(root / "data" / "rules" / "other.yml")
    assert model_inputs_hash(root) != before


def test_an_existing_model_is_reused_without_training(tmp_path: Path) -> None:
    root = _copy_model_inputs(tmp_path)
    settings = Settings.from_env({"EMS_PROJECT_ROOT": str(root)})
    model = root / "models" / f"{model_inputs_hash(root)}.tar.gz"
    model.parent.mkdir()
    model.write_bytes(b"model")
    # No Rasa environment exists under tmp_path: training would fail loudly.
    assert ensure_model(settings) == (model, False)


def test_missing_rasa_environment_is_a_clear_error(tmp_path: Path) -> None:
    root = _copy_model_inputs(tmp_path)
    settings = Settings.from_env({"EMS_PROJECT_ROOT": str(root)})
    with pytest.raises(Exception, match="run 'make setup' to create the Rasa environment"):
        ensure_model(settings)


def test_training_failure_names_the_error_and_the_log(tmp_path: Path) -> None:
    root = _copy_model_inputs(tmp_path)
    fake_rasa = root / ".venv" / "rasa" / "bin" / "rasa"
    fake_rasa.parent.mkdir(parents=True)
    # A stand-in for a crashing `rasa train`: prints Rasa's kind of error and fails.
    fake_rasa.write_text("#!/bin/sh\necho 'InvalidDomain: Error, intents are not unique'\nexit 1\n")
    fake_rasa.chmod(0o755)
    settings = Settings.from_env({"EMS_PROJECT_ROOT": str(root)})
    with pytest.raises(TrainingFailed) as failure:
        ensure_model(settings)
    assert "InvalidDomain: Error, intents are not unique" in str(failure.value)
    assert str(root / "var" / "log" / "train.log") in str(failure.value)


def test_a_training_seed_gets_a_model_of_its_own_and_a_config_with_that_seed(
    tmp_path: Path,
) -> None:
    root = _copy_model_inputs(tmp_path)
    plain = Settings.from_env({"EMS_PROJECT_ROOT": str(root)})
    seeded = Settings.from_env({"EMS_PROJECT_ROOT": str(root), "EMS_TRAINING_SEED": "7"})
    assert model_path(seeded) != model_path(plain)
    assert model_path(seeded).name.endswith("-seed7.tar.gz")
    config = write_config(root / "config.yml", tmp_path / "seeded.yml", seed=7)
    text = config.read_text()
    assert "random_seed: 7" in text and "random_seed: 1" not in text
