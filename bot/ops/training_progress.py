"""A one-line account of a running `rasa train`, read from its log.

Rasa logs "Starting to train component 'X'" for every step of the graph and draws a
tqdm bar ("Epochs:  35%|███▌ | 7/20 [00:14<00:26, …]") while DIET trains. The last of
each tells where training is; the bar's own estimate tells how long the classifier
still needs.
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
    epoch: int | None = None
    epochs: int | None = None
    left: str | None = None  # tqdm's estimate for the rest of the component, "mm:ss"

    def describe(self, elapsed_s: float) -> str:
        """The progress line: step, epochs, time so far and the estimate."""
        minutes, seconds = divmod(int(elapsed_s), 60)
        parts = [f"Training the model: {self.component or 'reading the data'}"]
        if self.epoch is not None and self.epochs:
            parts.append(f"epoch {self.epoch}/{self.epochs}")
        parts.append(f"{minutes}:{seconds:02d} elapsed")
        if self.left and "?" not in self.left:
            parts.append(f"about {self.left} left for this step")
        return " · ".join(parts)


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
        return TrainingProgress(component)
    epoch, epochs, _elapsed, left = bars[-1]
    return TrainingProgress(component, int(epoch), int(epochs), left)
