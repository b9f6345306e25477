"""Knowledge edits against a running assistant: broken ones never go live, valid ones within seconds.

Part of ``make bench-faults``. The assistant (Rasa and app server, SQLite) runs on a copy
of the real knowledge folder with its watcher on the default poll interval. Each broken
edit of ``tests/knowledge/broken_edits.py`` is made in the folder; we wait until
``/health`` lists the refusal (or the version changes), check that ``GET /admin/knowledge``
lists it too and that "Hallo" through the REST channel still gets the greeting, then undo
the edit and wait until the folder is valid again. Valid edits are timed from the write
to the moment ``/health`` names the new version.
"""

from __future__ import annotations

import json
import shutil
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bot.knowledge.loader import ParseCache, load_knowledge
from bot.knowledge.required import MessageId
from bot.ops.assistant import Assistant
from bot.settings import PROJECT_ROOT
from tests.knowledge.broken_edits import EDITS, Editor
from tests.support import say, settings_for

#: How long a broken edit may take to be reported before we count it as unreported.
REPORT_WITHIN_S = 10.0
#: The target for a valid edit (issue 15).
LIVE_WITHIN_S = 5.0


@dataclass(frozen=True)
class BrokenOutcome:
    """What one broken edit did to the running assistant."""

    name: str
    went_live: bool
    reported_in_health: bool
    reported_to_staff: bool
    greeting_answered: bool
    seconds_to_report: float
    first_reason: str


@dataclass(frozen=True)
class ValidOutcome:
    """How long one valid edit took to be served."""

    name: str
    seconds: float


def _get(url: str) -> dict[str, object]:
    with urllib.request.urlopen(url, timeout=5) as response:
        return dict(json.loads(response.read()))


def _wait(check: Callable[[], bool], timeout: float) -> float | None:
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if check():
            return time.perf_counter() - started
        time.sleep(0.05)
    return None


def _valid_edits(root: Path) -> list[tuple[str, Callable[[Editor], None]]]:
    topic = sorted((root / "topics").glob("*.yml"))[0].name
    partner = sorted((root / "partners").glob("*.yml"))[0].name
    return [
        ("reword the greeting", lambda ed: ed.replace("messages/greeting.yml", "Hallo", "Moin")),
        (
            "a keyword with a new word",
            lambda ed: ed.set_key(
                f"topics/{topic}",
                ("keywords", "de"),
                [*load_keywords(root / "topics" / topic), "Fahrradwerkstattgutschein"],
            ),
        ),
        (
            "a new partner file",
            lambda ed: ed.write(
                "partners/new-partner-copy.yml",
                (root / "partners" / partner)
                .read_text()
                .replace(f"id: {Path(partner).stem}", "id: new-partner-copy", 1),
            ),
        ),
        (
            "reword a partner description",
            lambda ed: ed.replace(f"partners/{partner}", "de: ", "de: Neu – "),
        ),
    ]


def load_keywords(path: Path) -> list[str]:
    """The German keywords of a topic file."""
    from ruamel.yaml import YAML

    return list(YAML(typ="safe").load(path.read_text())["keywords"]["de"])


def measure(state: Path, model: Path) -> tuple[list[BrokenOutcome], list[ValidOutcome]]:
    """Every broken edit, then the valid ones, against one running assistant."""
    root = state / "knowledge"
    shutil.copytree(PROJECT_ROOT / "knowledge", root)
    settings = settings_for(state, EMS_KNOWLEDGE_DIR=str(root))
    greeting = load_knowledge(root).message(MessageId.GREETING, "de")
    health_url, admin_url = f"{settings.app_url}/health", f"{settings.app_url}/admin/knowledge"
    broken: list[BrokenOutcome] = []
    valid: list[ValidOutcome] = []
    with Assistant(settings, model):
        say(settings.rasa_url, "warm-up", "Hallo")
        good = str(_get(health_url)["knowledge"])
        for n, edit in enumerate(EDITS):
            editor = Editor(root)
            edit.apply(editor)
            seconds = _wait(
                lambda: (
                    bool(_get(health_url)["knowledge_refused_change"])
                    or _get(health_url)["knowledge"] != good
                ),
                REPORT_WITHIN_S,
            )
            health = _get(health_url)
            staff = _get(admin_url)
            replies = [str(r.get("text", "")) for r in say(settings.rasa_url, f"edit-{n}", "Hallo")]
            reasons = list(health["knowledge_refused_change"])  # type: ignore[call-overload]
            broken.append(
                BrokenOutcome(
                    edit.name,
                    went_live=health["knowledge"] != good,
                    reported_in_health=bool(reasons),
                    reported_to_staff=bool(staff["refused_change"]),
                    greeting_answered=greeting in replies,
                    seconds_to_report=seconds if seconds is not None else float("nan"),
                    first_reason=str(reasons[0]) if reasons else "",
                )
            )
            editor.undo()
            if (
                _wait(
                    lambda: (
                        not _get(health_url)["knowledge_refused_change"]
                        and _get(health_url)["knowledge"] == good
                    ),
                    REPORT_WITHIN_S,
                )
                is None
            ):
                raise RuntimeError(
                    f"the folder did not become valid again after undoing {edit.name!r}"
                )
        parsed: ParseCache = {}
        load_knowledge(root, parsed)  # so that naming each new version below takes little time
        for name, change in _valid_edits(root):
            editor = Editor(root)
            started = time.perf_counter()
            change(editor)
            expected = load_knowledge(root, parsed).content_hash
            live = _wait(lambda wanted=expected: _get(health_url)["knowledge"] == wanted, 30)
            seconds = time.perf_counter() - started if live is not None else float("inf")
            valid.append(ValidOutcome(name, seconds))
            editor.undo()
            _wait(lambda: _get(health_url)["knowledge"] == good, 30)
    return broken, valid


def report(broken: list[BrokenOutcome], valid: list[ValidOutcome]) -> tuple[str, bool]:
    """The Markdown section and whether every target was met."""
    live = [b for b in broken if b.went_live]
    unreported = [b for b in broken if not (b.reported_in_health and b.reported_to_staff)]
    silent = [b for b in broken if not b.greeting_answered]
    slowest = max(v.seconds for v in valid)
    ok = not live and not unreported and not silent and slowest <= LIVE_WITHIN_S
    rows = "\n".join(
        f"| {b.name} | {'**yes**' if b.went_live else 'no'} | {b.seconds_to_report:.1f} | "
        f"{'yes' if b.reported_in_health and b.reported_to_staff else '**no**'} | "
        f"{'yes' if b.greeting_answered else '**no**'} | `{b.first_reason[:110]}` |"
        for b in broken
    )
    valid_rows = "\n".join(f"| {v.name} | {v.seconds:.1f} |" for v in valid)
    text = f"""## Knowledge edits

{len(broken)} kinds of broken edit (`tests/knowledge/broken_edits.py`), each made in a copy of the real
`knowledge/` folder under a running assistant (watcher on its default poll of 1 s), then undone:
**{len(live)} went live**, {len(unreported)} were not reported in both `/health` and `GET /admin/knowledge`,
{len(silent)} left "Hallo" without the greeting.

| edit | went live | seconds until reported | reason in /health and /admin/knowledge | "Hallo" answered | first reason shown |
|---|---|---|---|---|---|
{rows}

Valid edits, from the write to `/health` naming the new version (target ≤ {LIVE_WITHIN_S:.0f} s):

| edit | seconds |
|---|---|
{valid_rows}
"""
    return text, ok
