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

from benchmarks.nlu import LANGUAGES, evaluate, targets
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


@pytest.mark.parametrize("language", LANGUAGES)
def test_held_out_intents_are_recognised_above_the_floor(
    trained_model: Path, tmp_path: Path, language: str
) -> None:
    test_file = PROJECT_ROOT / "tests" / "nlu" / f"test_nlu_{language}.yml"
    scores = evaluate(trained_model, test_file, tmp_path, Path(RASA))
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
