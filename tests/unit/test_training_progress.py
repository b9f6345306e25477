from __future__ import annotations

from pathlib import Path

from bot.ops.training import last_training_seconds
from bot.ops.training_progress import TrainingProgress, progress_of
from bot.settings import Settings

LOG = (
    "2026-12-01 09:55:11 INFO rasa.engine.training.hooks  - Starting to train component 'CountVectorsFeaturizer'.\n"
    "2026-12-01 09:55:16 INFO rasa.engine.training.hooks  - Starting to train component 'DIETClassifier'.\n"
    "Epochs:   0%|          | 0/40 [00:00<?, ?it/s]"
    "Epochs:  15%|█▌        | 6/40 [00:14<01:06,  1.96s/it, t_loss=3.57, i_acc=0.964]"
)


def test_the_epoch_and_the_estimate_of_diet_are_read_from_the_bar() -> None:
    progress = progress_of(LOG)
    assert progress == TrainingProgress("DIETClassifier", 2, 6, 40, "01:06")
    assert progress.describe(75, expected_s=200) == (
        "Training the model: step 2, DIETClassifier · epoch 6/40 · 1:15 elapsed"
        " · about 01:06 left for this step"
    )


def test_a_bar_of_an_earlier_component_is_not_shown_for_the_next() -> None:
    log = LOG + "\n... - Starting to train component 'RulePolicy'.\n"
    assert progress_of(log) == TrainingProgress("RulePolicy", 3)
    assert progress_of(log).describe(130) == "Training the model: step 3, RulePolicy · 2:10 elapsed"


def test_without_a_bar_the_estimate_is_the_expected_duration() -> None:
    log = "... - Starting to train component 'TfidfIntentClassifier'.\n"
    progress = progress_of(log)
    assert progress.describe(20, expected_s=65) == (
        "Training the model: step 1, TfidfIntentClassifier · 0:20 elapsed · about 0:45 left"
    )
    assert progress.describe(70, expected_s=65).endswith(
        "1:10 elapsed · longer than expected (1:05)"
    )


def test_before_the_first_component_it_says_it_reads_the_data() -> None:
    assert progress_of("").describe(3) == "Training the model: reading the data · 0:03 elapsed"
    # tqdm's first frame has no estimate yet.
    first = progress_of(LOG.split("Epochs:  15%")[0])
    assert first.epoch == 0 and "left" not in first.describe(20)


def test_the_estimate_comes_from_the_last_training_on_record(tmp_path: Path) -> None:
    settings = Settings.from_env({"EMS_STATE_DIR": str(tmp_path)})
    assert last_training_seconds(settings) is None  # a new machine
    for broken in ("", "{", '{"seconds": "soon"}', '{"seconds": -3}', "[]"):
        (tmp_path / "last-training.json").write_text(broken)
        assert last_training_seconds(settings) is None, broken
    (tmp_path / "last-training.json").write_text('{"seconds": 41.5}')
    assert last_training_seconds(settings) == 41.5
