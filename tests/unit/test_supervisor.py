"""The launcher starts a server again that stopped on its own, with back-off."""

from __future__ import annotations

from bot.ops.supervisor import HEALTHY_AFTER_S, RESTART_DELAYS_S, Supervisor


class FakeProcess:
    def __init__(self, name: str) -> None:
        self.name = name
        self.code: int | None = None
        self.starts: list[bool] = []

    def exited(self) -> int | None:
        return self.code

    def start(self, *, append: bool = False) -> None:
        self.starts.append(append)
        self.code = None


class Clock:
    now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_crashed_server_is_started_again_later_and_later_then_healthy_again() -> None:
    app, rasa, clock, said = FakeProcess("app server"), FakeProcess("Rasa server"), Clock(), []
    supervisor = Supervisor([app, rasa], say=said.append, clock=clock)
    waits = []
    for _ in range(3):  # three crashes in a row
        app.code = 1
        supervisor.tick()
        crashed_at = clock.now
        while not app.starts or len(app.starts) < len(waits) + 1:
            clock.now += 0.5
            supervisor.tick()
        waits.append(clock.now - crashed_at)
    assert waits == list(RESTART_DELAYS_S[:3])
    assert app.starts == [True, True, True]  # the log is appended to, not overwritten
    assert rasa.starts == []  # the other server is left alone
    assert said[0] == "The app server stopped (exit code 1); restarting it in 1 s (see var/log/)."
    assert said[1] == "The app server was started again."
    # Up for five minutes: the next crash waits the shortest time again.
    clock.now += HEALTHY_AFTER_S
    supervisor.tick()
    app.code = -9
    supervisor.tick()
    assert said[-1].endswith(f"restarting it in {RESTART_DELAYS_S[0]:.0f} s (see var/log/).")
