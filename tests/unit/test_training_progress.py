from __future__ import annotations

from bot.ops.training_progress import TrainingProgress, progress_of

LOG = (
    "2026-12-01 09:55:11 INFO rasa.engine.training.hooks  - Starting to train component 'CountVectorsFeaturizer'.\n"
    "2026-12-01 09:55:16 INFO rasa.engine.training.hooks  - Starting to train component 'DIETClassifier'.\n"
    "Epochs:   0%|          | 0/40 [00:00<?, ?it/s]"
    "Epochs:  15%|█▌        | 6/40 [00:14<01:06,  1.96s/it, t_loss=3.57, i_acc=0.964]"
)


def test_the_epoch_and_the_estimate_of_diet_are_read_from_the_bar() -> None:
    progress = progress_of(LOG)
    assert progress == TrainingProgress("DIETClassifier", 6, 40, "01:06")
    assert progress.describe(75) == (
        "Training the model: DIETClassifier · epoch 6/40 · 1:15 elapsed · about 01:06 left for this step"
    )


def test_a_bar_of_an_earlier_component_is_not_shown_for_the_next() -> None:
    log = LOG + "\n... - Starting to train component 'RulePolicy'.\n"
    assert progress_of(log) == TrainingProgress("RulePolicy")
    assert progress_of(log).describe(130) == "Training the model: RulePolicy · 2:10 elapsed"


def test_before_the_first_component_it_says_it_reads_the_data() -> None:
    assert progress_of("").describe(3) == "Training the model: reading the data · 0:03 elapsed"
    # tqdm's first frame has no estimate yet.
    first = progress_of(LOG.split("Epochs:  15%")[0])
    assert first.epoch == 0 and "left" not in first.describe(20)
