"""Run the conversation tests, the NLU floor and the data validation with the Rasa environment.

The stories test the dialogue policies with the intents the stories give (not with what
a freshly trained model predicts: CPU training is not bit-for-bit the same on every
machine). NLU quality is asserted as a floor on the held-out sets, with a margin below
the figures in docs/benchmarks/nlu.md.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from benchmarks.nlu import LANGUAGES, TARGETS, evaluate
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


def test_conversation_stories_pass(trained_model: Path, tmp_path: Path) -> None:
    # Without --fail-on-prediction-errors Rasa finishes and writes every failed story,
    # each wrong step marked "# predicted: …"; with it, it stops at the first one.
    result = _rasa(
        "test", "core",
        "--model", str(trained_model),
        "--stories", "tests/conversations",
        "--no-plot",
        "--out", str(tmp_path),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    failed = (tmp_path / "failed_test_stories.yml").read_text()
    assert "story:" not in failed, (
        f"the dialogue predicted other actions than these stories say:\n{failed}"
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_held_out_intents_are_recognised_above_the_floor(
    trained_model: Path, tmp_path: Path, language: str
) -> None:
    test_file = PROJECT_ROOT / "tests" / "nlu" / f"test_nlu_{language}.yml"
    scores = evaluate(trained_model, test_file, tmp_path, Path(RASA))
    floor = TARGETS["intent macro-F1"]
    misses = "\n".join(scores["errors"])  # type: ignore[arg-type]
    assert scores["intent macro-F1"] >= floor, (
        f"{language}: intent macro-F1 {scores['intent macro-F1']:.3f} is below the floor {floor} "
        f"(docs/benchmarks/nlu.md has today's figures). Misclassified (text → predicted, expected):\n{misses}"
    )


def test_training_data_validates_without_warnings() -> None:
    result = _rasa("data", "validate", "--fail-on-warnings")
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
