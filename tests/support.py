"""Helpers shared by the test tiers (not fixtures: plain functions)."""

from __future__ import annotations

import contextlib
import functools
import json
import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from bot.knowledge.index import KnowledgeBase
from bot.knowledge.loader import load_knowledge
from bot.knowledge.required import TextId
from bot.settings import PROJECT_ROOT, Settings

if TYPE_CHECKING:
    from bot.ops.assistant import Assistant

#: Lemma tables are pruned once per vocabulary; every test shares the result.
SHARED_CACHE = PROJECT_ROOT / "var" / "cache"


def run_in_rasa_env(script: str, *args: str) -> str:
    """Run the Python ``script`` in the Rasa environment from the project root; its output.

    For code that must import ``rasa`` (``bot/rasa_side``, Rasa's own classes): the app
    environment of the tests has none. Fails the test with the script's error output.
    """
    from bot.ops.environments import rasa_python

    python = rasa_python(Settings.from_env({"EMS_PROJECT_ROOT": str(PROJECT_ROOT)}))
    result = subprocess.run(
        [str(python), "-c", script, *args],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def free_port() -> int:
    """A TCP port nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def settings_for(state_dir: Path, **env: str) -> Settings:
    """Settings of an assistant whose state lives in ``state_dir``, on free ports."""
    base = {
        "EMS_PROJECT_ROOT": str(PROJECT_ROOT),
        "EMS_STATE_DIR": str(state_dir),
        "EMS_CACHE_DIR": str(SHARED_CACHE),
        "EMS_APP_PORT": str(free_port()),
        "EMS_RASA_PORT": str(free_port()),
    }
    return Settings.from_env({**base, **env})


def reachable(host: str, port: int) -> bool:
    """Whether a server accepts connections on ``host:port``."""
    with socket.socket() as sock:
        sock.settimeout(1)
        return sock.connect_ex((host, port)) == 0


def say(rasa_url: str, sender: str, text: str) -> list[dict[str, object]]:
    """Send ``text`` through Rasa's REST channel and return the replies."""
    request = urllib.request.Request(
        f"{rasa_url}/webhooks/rest/webhook",
        data=json.dumps({"sender": sender, "message": text}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())  # type: ignore[no-any-return]


@functools.cache
def repository_knowledge() -> KnowledgeBase:
    """The repository's ``knowledge/``, loaded once per test run.

    For tests that read what the assistant says (its texts and messages); a test that edits
    knowledge loads its own copy. A load takes seconds, so no test loads this one again.
    """
    return load_knowledge(PROJECT_ROOT / "knowledge")


@functools.cache
def _fixture_texts() -> KnowledgeBase:
    return load_knowledge(PROJECT_ROOT / "tests" / "fixtures" / "knowledge")


def catalogue_text(key: TextId, language: str, **values: object) -> str:
    """What the assistant says for ``key`` (the fixture catalogue holds the same texts as ours)."""
    return _fixture_texts().text(key, language, **values)


@contextlib.contextmanager
def assistant_on_a_copy(
    state: Path,
    model: Path,
    poll_seconds: str | None = None,
    prepare: Callable[[Path], None] | None = None,
    **env: str,
) -> Iterator[Assistant]:
    """The running assistant on SQLite over a copy of the repository's knowledge.

    The copy keeps staff editing ``knowledge/`` meanwhile out of the test, and lets a test
    edit it as staff would (``poll_seconds`` "0" turns the folder watcher off; ``prepare``
    edits the copy before the assistant starts). ``env`` adds settings.
    """
    from bot.ops.assistant import Assistant  # starts servers: not needed by the unit tiers

    knowledge = state / "knowledge"
    shutil.copytree(PROJECT_ROOT / "knowledge", knowledge)
    if prepare is not None:
        prepare(knowledge)
    if poll_seconds is not None:
        env["EMS_KNOWLEDGE_POLL_SECONDS"] = poll_seconds
    settings = settings_for(state, EMS_KNOWLEDGE_DIR=str(knowledge), **env)
    with Assistant(settings, model) as running:
        yield running


@contextlib.contextmanager
def referring_assistant(
    state: Path, model: Path, smtp_port: int, **env: str
) -> Iterator[Assistant]:
    """The assistant on a knowledge copy whose two test partners take referrals.

    Mail goes to the SMTP server on ``smtp_port`` (the ``smtp`` fixture); the partners and
    their channels are those of ``tests/referrals/conftest.py``. ``env`` adds settings.
    """
    from tests.referrals.conftest import add_referral_channels

    with assistant_on_a_copy(
        state, model,
        prepare=lambda knowledge: add_referral_channels(knowledge, "https://127.0.0.1:9/unused"),
        EMS_SMTP_HOST="127.0.0.1", EMS_SMTP_PORT=str(smtp_port), EMS_OUTBOX_POLL_SECONDS="0.5",
        **env,
    ) as running:  # fmt: skip
        yield running


def wait_for(condition: Callable[[], bool], what: str, seconds: float = 30) -> None:
    """Wait until ``condition()`` holds; fail saying ``what`` did not happen in time."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.5)
    raise AssertionError(f"{what}: not within {seconds:.0f} s")
