"""Restart a server of ``make run`` that stopped on its own, with back-off, and say so.

Before, when the app server died the launcher stopped the Rasa server too and exited, and
nothing brought the assistant back (issue 15). Now a crashed server is started again after
1, 2, 5, 10, 30 and then every 60 seconds; a server that has run for five minutes since its
last start counts as healthy again, so the next crash waits only a second.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

#: Seconds to wait before each restart in a row; the last one repeats.
RESTART_DELAYS_S = (1.0, 2.0, 5.0, 10.0, 30.0, 60.0)
#: A server that has run this long since its last start is healthy again.
HEALTHY_AFTER_S = 300.0


class Process(Protocol):
    """What the supervisor needs of a server process (``ManagedProcess``)."""

    name: str

    def exited(self) -> int | None: ...

    def start(self, *, append: bool = False) -> None: ...


@dataclass
class _Watch:
    process: Process
    started_at: float
    crashes_in_a_row: int = 0
    restart_at: float | None = None


@dataclass
class Supervisor:
    """Call :meth:`tick` often; it restarts what stopped and reports through ``say``."""

    processes: Sequence[Process]
    say: Callable[[str], None] = print
    clock: Callable[[], float] = time.monotonic
    _watches: list[_Watch] = field(init=False)

    def __post_init__(self) -> None:
        """Every process counts as started now."""
        self._watches = [_Watch(p, self.clock()) for p in self.processes]

    def tick(self) -> None:
        """Schedule a restart for each server that stopped; start those whose time has come."""
        now = self.clock()
        for watch in self._watches:
            if watch.restart_at is None:
                code = watch.process.exited()
                if code is None:
                    if now - watch.started_at >= HEALTHY_AFTER_S:
                        watch.crashes_in_a_row = 0
                    continue
                delay = RESTART_DELAYS_S[min(watch.crashes_in_a_row, len(RESTART_DELAYS_S) - 1)]
                watch.crashes_in_a_row += 1
                watch.restart_at = now + delay
                self.say(
                    f"The {watch.process.name} stopped (exit code {code}); "
                    f"restarting it in {delay:.0f} s (see var/log/)."
                )
            elif now >= watch.restart_at:
                watch.process.start(append=True)
                watch.started_at, watch.restart_at = now, None
                self.say(f"The {watch.process.name} was started again.")
