"""The NLU floor and the data validation, run with the Rasa environment.

NLU quality is asserted as a floor on the held-out sets, with a margin below the figures in
docs/benchmarks/nlu.md. The conversations themselves are played through the REST channel in
``test_conversations.py``.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from benchmarks.nlu import LANGUAGES, evaluate, held_out_file, targets
from bot.ops.environments import quiet_rasa_env, rasa_executable, rasa_python
from bot.settings import PROJECT_ROOT, Settings

pytestmark = pytest.mark.rasa

SETTINGS = Settings.from_env({"EMS_PROJECT_ROOT": str(PROJECT_ROOT)})
RASA = str(rasa_executable(SETTINGS))


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


@pytest.fixture(scope="module")
def held_out_scores(
    trained_model: Path, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, dict[str, float]]:
    """Every language's held-out scores, from one evaluation run (the model loads once)."""
    files = {language: held_out_file(language) for language in LANGUAGES}
    return evaluate(trained_model, files, tmp_path_factory.mktemp("nlu"), rasa_python(SETTINGS))


@pytest.mark.parametrize("language", LANGUAGES)
def test_held_out_intents_are_recognised_above_the_floor(
    held_out_scores: dict[str, dict[str, float]], language: str
) -> None:
    scores = held_out_scores[language]
    floor = targets(language)["intent macro-F1"]
    misses = "\n".join(scores["errors"])  # type: ignore[arg-type]
    assert scores["intent macro-F1"] >= floor, (
        f"{language}: intent macro-F1 {scores['intent macro-F1']:.3f} is below the floor {floor} "
        f"(docs/benchmarks/nlu.md has today's figures). Misclassified (text → predicted, expected):\n{misses}"
    )


def test_training_data_validates_without_other_warnings() -> None:
    result = _rasa("data", "validate", "--fail-on-warnings")
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    # Rasa warns, without failing, "The intent '…' is not used in any story or rule" for
    # every intent: the one rule names none (data/rules/respond.yml). Any other warning counts.
    warnings = [
        line
        for line in (result.stdout + result.stderr).splitlines()
        if "UserWarning" in line and "is not used in any story or rule" not in line
    ]
    assert warnings == []
