"""The fixes applied inside the Rasa server, checked in the Rasa environment itself."""

from __future__ import annotations

import json

import pytest

from tests.support import run_in_rasa_env

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
action = RemoteAction("action_respond", None)

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
    output = run_in_rasa_env(CHECK)
    same, good, bad = output.strip().split(" ", 2)
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
    output = run_in_rasa_env(FREEZE_CHECK)
    assert output.split() == ["True", "True", "True"]


CALL_FORMAT_CHECK = """
import importlib, json
RemoteAction = importlib.import_module("rasa.core.actions.action").RemoteAction
EndpointConfig = importlib.import_module("rasa.utils.endpoints").EndpointConfig
Domain = importlib.import_module("rasa.shared.core.domain").Domain
events = importlib.import_module("rasa.shared.core.events")
Tracker = importlib.import_module("rasa.shared.core.trackers").DialogueStateTracker
from bot.rasa_side import fixes

domain = Domain.from_dict({"slots": {"language": {"type": "text", "mappings": []}},
                           "intents": ["greet"], "actions": ["action_respond"]})
tracker = Tracker("t", domain.slots)
turn = lambda text: [events.UserUttered(text, {"name": "greet", "confidence": 1.0}),
                     events.ActionExecuted("action_respond"), events.SlotSet("language", "de"),
                     events.BotUttered("Hallo!"), events.ActionExecuted("action_listen")]
tracker.update_with_events([events.ActionExecuted("action_listen")] + turn("eins") + turn("zwei")
                           + [events.UserUttered("drei", {"name": "greet", "confidence": 1.0})], domain)
selective = RemoteAction("action_respond", EndpointConfig("http://x", enable_selective_domain=True))
plain = RemoteAction("action_respond", EndpointConfig("http://x"))
before = [a._action_call_format(tracker, domain) for a in (selective, plain)]
fixes.apply()
after = [a._action_call_format(tracker, domain) for a in (selective, plain)]
texts = [e.get("text") for e in after[0]["tracker"]["events"]]
for b, a in zip(before, after):
    b["tracker"].pop("events"), a["tracker"].pop("events")
print(json.dumps({"same_otherwise": before == after, "texts": texts,
                  "domain": ["domain" in a for a in after],
                  "events_before": len(tracker.events)}))
"""


def test_the_action_server_gets_the_latest_turn_and_otherwise_what_rasa_sends() -> None:
    output = run_in_rasa_env(CALL_FORMAT_CHECK)
    found = json.loads(output.strip().splitlines()[-1])
    assert found["same_otherwise"] is True
    assert found["texts"] == ["drei"]  # the latest user message, nothing before it
    assert found["domain"] == [False, True]  # selective domain: sent only when not enabled


LOG_CHECK = """
import importlib, json
rest = importlib.import_module("rasa.core.channels.rest")
testing = importlib.import_module("structlog.testing")
from bot.rasa_side import fixes

fixes.apply()
with testing.capture_logs() as logged:
    try:
        raise RuntimeError("handling failed")
    except RuntimeError:
        rest.structlogger.exception("rest.message.received.failure", text="Mein Name ist Amina Haddad")
    rest.structlogger.error("rest.message.received.timeout", text="+49 151 1234567")
print(json.dumps([{k: str(v) for k, v in entry.items()} for entry in logged]))
"""


def test_the_rest_channel_logs_failures_without_the_message_text() -> None:
    output = run_in_rasa_env(LOG_CHECK)
    logged = json.loads(output.strip().splitlines()[-1])
    assert [entry["event"] for entry in logged] == [
        "rest.message.received.failure",
        "rest.message.received.timeout",
    ]
    assert "Amina" not in output and "1234567" not in output
