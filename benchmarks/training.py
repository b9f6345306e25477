"""Training time against held-out intent quality, for a few NLU pipelines, in one run.

Usage: .venv/app/bin/python benchmarks/training.py [NAME ...]   (or: make bench-training)
Trains each candidate pipeline cold (an empty Rasa cache of its own) on the NLU
data in data/nlu/, evaluates it on the held-out sets tests/nlu/test_nlu_<lang>.yml,
then times a cold `rasa train` of the whole model with the project's config.yml.
Writes docs/benchmarks/training.md. Candidates named on the command line run alone.
Uses both cores: run it while nothing else trains.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.nlu import LANGUAGES, evaluate, held_out_file  # noqa: E402
from bot.ops.environments import quiet_rasa_env, rasa_executable, rasa_python  # noqa: E402
from bot.ops.training import write_config  # noqa: E402
from bot.settings import Settings  # noqa: E402

#: Today's figures before this comparison (docs/benchmarks/nlu.md of 2026-11-28, issue 11):
#: DIET, 100 epochs, intents and entities, lookup tables.
BEFORE = {
    "name": "before: DIET 100 epochs + entities",
    "seconds": 1280.0,
    "de": 0.963,
    "en": 0.952,
    "de accuracy": 0.959,
    "en accuracy": 0.939,
}

_FALLBACK = [
    {"name": "FallbackClassifier", "threshold": 0.45, "ambiguity_threshold": 0.05},
]


_TFIDF = "bot.rasa_side.intent_classifier.TfidfIntentClassifier"

#: Tokens, word and character n-gram counts: the features Rasa's own classifiers share.
_FEATURES: list[dict[str, Any]] = [
    {"name": "WhitespaceTokenizer"},
    {"name": "LexicalSyntacticFeaturizer"},
    {"name": "CountVectorsFeaturizer"},
    {"name": "CountVectorsFeaturizer", "analyzer": "char_wb", "min_ngram": 1, "max_ngram": 4},
]


def _diet(epochs: int, **extra: Any) -> list[dict[str, Any]]:
    return [
        {
            "name": "DIETClassifier",
            "epochs": epochs,
            "entity_recognition": False,
            "constrain_similarities": True,
            "random_seed": 1,
            **extra,
        }
    ]


#: name → (what it is, the pipeline). Intent classification only: the dialogue reads no
#: NLU entity (the resolver finds places, professions and services in the text).
CANDIDATES: dict[str, tuple[str, list[dict[str, Any]]]] = {
    "tfidf-logreg": (
        "config.yml: logistic regression (C=100) on TF-IDF character 1–4- and word 1–2-grams, "
        "confidences at temperature 0.33 (bot/rasa_side/intent_classifier.py)",
        [{"name": _TFIDF}, *_FALLBACK],
    ),
    "tfidf-logreg-t1": (
        "the same, confidences at temperature 1 (the model's own probabilities)",
        [{"name": _TFIDF, "temperature": 1.0}, *_FALLBACK],
    ),
    "logreg": (
        "Rasa's LogisticRegressionClassifier (C=1) on Rasa's count-vector features",
        [*_FEATURES, {"name": "LogisticRegressionClassifier"}, *_FALLBACK],
    ),
    "diet-e10": ("DIET, 10 epochs, 2 transformer layers of 256", _FEATURES + _diet(10) + _FALLBACK),
}  # fmt: skip


def _run(command: list[str], cache: Path) -> float:
    """Run a Rasa command with an empty cache of its own; its wall-clock seconds."""
    env = {**os.environ, **quiet_rasa_env(), "RASA_CACHE_DIRECTORY": str(cache)}
    started = time.monotonic()
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(
            f"{' '.join(command[:3])} failed:\n{result.stdout[-2000:]}{result.stderr[-2000:]}"
        )
    return time.monotonic() - started


def measure(name: str, pipeline: list[dict[str, Any]], rasa: Path, work: Path) -> dict[str, Any]:
    """Train one candidate's NLU model cold and evaluate it per language."""
    folder = work / name
    folder.mkdir()
    config = write_config(ROOT / "config.yml", folder / "config.yml", pipeline=pipeline)
    seconds = _run(
        [str(rasa), "train", "nlu", "--config", str(config), "--nlu", "data/nlu",
         "--out", str(folder), "--fixed-model-name", name],
        folder / "cache",
    )  # fmt: skip
    row: dict[str, Any] = {"seconds": seconds}
    files = {language: held_out_file(language) for language in LANGUAGES}
    scores = evaluate(
        folder / f"{name}.tar.gz", files, folder / "reports", rasa_python(Settings.from_env())
    )
    for language in LANGUAGES:
        row[language] = scores[language]["intent macro-F1"]
        row[f"{language} accuracy"] = scores[language]["intent accuracy"]
    print(f"{name}: {seconds:.0f} s, de {row['de']:.3f}, en {row['en']:.3f}", flush=True)
    return row


def full_training(rasa: Path, work: Path) -> float:
    """A cold `rasa train` of the whole model (NLU and dialogue) with the project's config.yml."""
    folder = work / "full"
    folder.mkdir()
    return _run(
        [str(rasa), "train", "--out", str(folder), "--fixed-model-name", "full"], folder / "cache"
    )


def report(rows: dict[str, dict[str, Any]], full_seconds: float | None) -> str:
    """The comparison as Markdown."""
    lines = [
        "| pipeline | what it is | NLU training, cold (s) | de intent macro-F1 | en intent macro-F1 | de accuracy | en accuracy |",
        "|---|---|---|---|---|---|---|",
        f"| {BEFORE['name']} | the pipeline before this comparison (figures of 2026-11-28/12-01, whole model) | "
        f"{BEFORE['seconds']:.0f} | {BEFORE['de']:.3f} | {BEFORE['en']:.3f} | {BEFORE['de accuracy']:.3f} | "
        f"{BEFORE['en accuracy']:.3f} |",
    ]
    for name, row in rows.items():
        lines.append(
            f"| `{name}` | {CANDIDATES[name][0]} | {row['seconds']:.0f} | {row['de']:.3f} | {row['en']:.3f} | "
            f"{row['de accuracy']:.3f} | {row['en accuracy']:.3f} |"
        )
    full = (
        f"A cold `rasa train` of the whole model with `config.yml` (NLU and dialogue, empty cache): "
        f"**{full_seconds:.0f} s**."
        if full_seconds is not None
        else "The whole model was not timed in this run."
    )
    return f"""# Training time and NLU quality per pipeline

Measured by `make bench-training` on {dt.date.today()}, on this machine's {os.cpu_count()} cores, one candidate after
the other with nothing else training. Each candidate is trained cold (an empty Rasa cache of its own) on
`data/nlu/` and evaluated on the held-out sets `tests/nlu/test_nlu_de.yml` and `tests/nlu/test_nlu_en.yml`
(written independently of the training data; never edited to raise a score). All candidates classify
intents only: the dialogue reads no entity from NLU, so no classifier learns places, professions or
topics, and no lookup table generated from the knowledge is trained on. An utterance the
`FallbackClassifier` turns into `nlu_fallback` counts as an error, and as an extra class in the macro-F1.

{chr(10).join(lines)}

{full}
"""


def main(names: list[str]) -> int:
    settings = Settings.from_env()
    rasa = rasa_executable(settings)
    chosen = names or list(CANDIDATES)
    rows: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name in chosen:
            rows[name] = measure(name, CANDIDATES[name][1], rasa, Path(tmp))
        full_seconds = None if names else full_training(rasa, Path(tmp))
    text = report(rows, full_seconds)
    if not names:
        path = ROOT / "docs" / "benchmarks" / "training.md"
        path.write_text(text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
