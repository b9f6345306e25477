"""A one-line account of a running `rasa train`, read from its log.

Rasa logs "Starting to train component 'X'" for every trained step of the graph, and a
component with epochs (DIET, TED) draws a tqdm bar ("Epochs:  35%|███▌ | 7/20
[00:14<00:26, …]"). The last of each tells where training is; the bar's estimate tells how
long that component still needs. Without a bar, the estimate is the time the last training
on this machine took (or, on a new machine, what a cold training took in the benchmark).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_COMPONENT = re.compile(r"Starting to train component '([^']+)'")
_EPOCHS = re.compile(r"Epochs:\s+\d+%\|[^|]*\|\s*(\d+)/(\d+) \[([\d:]+)<([\d:?]+)")


@dataclass(frozen=True)
class TrainingProgress:
    """Where a training run is: the component, and the epochs when it has them."""

    component: str | None
    step: int = 0  # how many components have started so far
    epoch: int | None = None
    epochs: int | None = None
    left: str | None = None  # tqdm's estimate for the rest of the component, "mm:ss"

    def describe(self, elapsed_s: float, expected_s: float | None = None) -> str:
        """The progress line: step, epochs, time so far and the estimate.

        Args:
            elapsed_s: seconds since training started.
            expected_s: how long the whole training is expected to take, for the
                estimate when no component draws a bar of its own.
        """
        step = f"step {self.step}, {self.component}" if self.component else "reading the data"
        parts = [f"Training the model: {step}"]
        if self.epoch is not None and self.epochs:
            parts.append(f"epoch {self.epoch}/{self.epochs}")
        parts.append(f"{_clock(elapsed_s)} elapsed")
        if self.left and "?" not in self.left:
            parts.append(f"about {self.left} left for this step")
        elif expected_s is not None and self.epoch is None:
            if elapsed_s < expected_s:
                parts.append(f"about {_clock(expected_s - elapsed_s)} left")
            else:
                parts.append(f"longer than expected ({_clock(expected_s)})")
        return " · ".join(parts)


def _clock(seconds: float) -> str:
    minutes, rest = divmod(int(seconds), 60)
    return f"{minutes}:{rest:02d}"


def progress_of(log: str) -> TrainingProgress:
    """Where the training whose log so far is ``log`` is now."""
    components = _COMPONENT.findall(log)
    component = components[-1] if components else None
    if component is None:
        return TrainingProgress(None)
    # Only a bar drawn after the component started belongs to it.
    since = log[log.rfind(f"Starting to train component '{component}'") :]
    bars = _EPOCHS.findall(since)
    if not bars:
        return TrainingProgress(component, len(components))
    epoch, epochs, _elapsed, left = bars[-1]
    return TrainingProgress(component, len(components), int(epoch), int(epochs), left)
