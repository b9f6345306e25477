"""The fixes applied inside the Rasa server, checked in the Rasa environment itself."""

from __future__ import annotations

import subprocess

import pytest

from bot.ops.environments import rasa_python
from bot.settings import PROJECT_ROOT, Settings

pytestmark = pytest.mark.rasa

# Run by the Rasa environment's Python (the app environment has no `rasa` to import).
CHECK = """
import importlib
import jsonschema
from bot.rasa_side import fixes
RemoteAction = importlib.import_module("rasa.core.actions.action").RemoteAction

good = {"events": [{"event": "slot", "name": "language", "value": "en"}] * 6,
        "responses": [{"text": "Hallo", "buttons": []}]}
bad = {"events": [{"event": "slot", "value": "en"}], "responses": "Hallo"}
action = RemoteAction("action_continue", None)

def outcome(response):
    try:
        return action._validate_action_result(response)
    except jsonschema.ValidationError as error:
        return "invalid: " + error.message

events = importlib.import_module("rasa.shared.core.events")
common = importlib.import_module("rasa.shared.utils.common")
names = sorted({cls.type_name for cls in common.all_subclasses(events.Event)})

def lookups():
    found = [events.Event.resolve_by_type(name) for name in names]
    found.append(events.Event.resolve_by_type("topic"))
    found.append(events.Event.resolve_by_type("no-such-event", default=events.SlotSet))
    try:
        events.Event.resolve_by_type("no-such-event")
    except ValueError as error:
        found.append(str(error))
    return found

before = (outcome(good), outcome(bad), lookups())
fixes.apply()
fixes.apply()  # idempotent
after = (outcome(good), outcome(bad), lookups())
assert len(names) > 20 and before[2] == after[2], (before[2], after[2])
print(before == after, after[0], after[1][:60])
"""


def test_the_fixes_accept_refuse_and_resolve_exactly_what_rasa_did() -> None:
    python = rasa_python(Settings.from_env({"EMS_PROJECT_ROOT": str(PROJECT_ROOT)}))
    result = subprocess.run(
        [str(python), "-c", CHECK], cwd=PROJECT_ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr[-3000:]
    same, good, bad = result.stdout.strip().split(" ", 2)
    assert (same, good) == ("True", "True")
    assert bad.startswith("invalid: ")


FREEZE_CHECK = """
import asyncio, gc, importlib
run = importlib.import_module("rasa.core.run")
from bot.rasa_side import fixes

async def load_agent(app, model):  # stands in for Rasa's listener, which needs a model
    return ("agent", app, model)

run.load_agent_on_start = load_agent
fixes.apply()
before = gc.get_freeze_count()
agent = asyncio.run(run.load_agent_on_start("app", model="m"))
print(agent == ("agent", "app", "m"), before == 0, gc.get_freeze_count() > 1000)
"""


def test_what_the_start_up_loaded_is_frozen_after_the_agent_loads() -> None:
    python = rasa_python(Settings.from_env({"EMS_PROJECT_ROOT": str(PROJECT_ROOT)}))
    result = subprocess.run(
        [str(python), "-c", FREEZE_CHECK],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.split() == ["True", "True", "True"]
