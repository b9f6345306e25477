"""The one dialogue policy (bot/rasa_side/respond_policy.py), run by the Rasa environment."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from actions import names
from tests.support import run_in_rasa_env

pytestmark = pytest.mark.rasa

POLICY_CHECK = """
import importlib, json, sys
from pathlib import Path
events = importlib.import_module("rasa.shared.core.events")
Domain = importlib.import_module("rasa.shared.core.domain").Domain
Tracker = importlib.import_module("rasa.shared.core.trackers").DialogueStateTracker
Cached = importlib.import_module("rasa.shared.core.generator").TrackerWithCachedStates
LocalModelStorage = importlib.import_module("rasa.engine.storage.local_model_storage").LocalModelStorage
Resource = importlib.import_module("rasa.engine.storage.resource").Resource
ExecutionContext = importlib.import_module("rasa.engine.graph").ExecutionContext
from bot.rasa_side.respond_policy import RespondPolicy

domain = Domain.from_dict({"intents": ["greet", "inform"], "actions": ["action_respond"],
                           "slots": {"language": {"type": "text", "mappings": []}}})
storage, context = LocalModelStorage(Path(sys.argv[1])), ExecutionContext(None)
policy = RespondPolicy.create(RespondPolicy.get_default_config(), storage, Resource("p"), context)

user = lambda intent, text="x": events.UserUttered(text, {"name": intent, "confidence": 0.9})
start = [events.ActionExecuted("action_session_start"), events.SessionStarted(),
         events.ActionExecuted("action_listen")]
answered = [events.ActionExecuted("action_respond"), events.SlotSet("language", "de"),
            events.BotUttered("Hallo!")]

def predicted(*evts):
    tracker = Tracker.from_events("t", list(evts), domain.slots)
    prediction = policy.predict_action_probabilities(tracker, domain)
    best = prediction.max_confidence_index
    return [domain.action_names_or_texts[best], prediction.max_confidence,
            sum(1 for p in prediction.probabilities if p > 0)]

found = {
    "greet": predicted(*start, user("greet")),
    "inform with slots": predicted(*start, user("greet"), *answered,
                                   events.ActionExecuted("action_listen"), user("inform"),
                                   events.SlotSet("language", "en")),
    "nlu_fallback": predicted(*start, user("nlu_fallback")),
    "unknown intent": predicted(*start, user(None)),
    "after the answer": predicted(*start, user("greet"), *answered),
    "after the session start": predicted(*start),
    "empty tracker": predicted(),
    "restart": predicted(*start, user("restart", "/restart")),
    "back": predicted(*start, user("back", "/back")),
    "session_start": predicted(*start, user("session_start", "/session_start")),
    "after restart and its session start": predicted(
        *start, user("greet"), *answered, events.ActionExecuted("action_listen"),
        user("restart", "/restart"), events.ActionExecuted("action_restart"), events.Restarted(),
        *start),
    "after back": predicted(
        *start, user("greet"), *answered, events.ActionExecuted("action_listen"), user("inform"),
        *answered, events.ActionExecuted("action_listen"), user("back", "/back"),
        events.ActionExecuted("action_back"), events.UserUtteranceReverted(),
        events.UserUtteranceReverted()),
    "after a rejected answer": predicted(
        *start, user("greet"), events.ActionExecutionRejected("action_respond")),
}

def trained(rule_actions, training_domain=domain):
    steps = [events.ActionExecuted("..."), *[events.ActionExecuted(a) for a in rule_actions],
             events.ActionExecuted("action_listen")]
    tracker = Cached.from_events("rule", steps, domain=training_domain, is_rule_tracker=True)
    try:
        policy.train([tracker], training_domain)
        return "trained"
    except Exception as error:
        return type(error).__name__ + ": " + str(error)

found["train: the one rule"] = trained(["action_respond"])
found["train: a rule to another action"] = trained(["utter_greet"], Domain.from_dict(
    {"intents": ["greet"], "actions": ["action_respond"], "responses": {"utter_greet": [{"text": "Hi"}]}}))
found["train: no action_respond"] = trained([], Domain.from_dict({"intents": ["greet"]}))
loaded = RespondPolicy.load(RespondPolicy.get_default_config(), storage, Resource("p"), context)
found["loaded"] = [domain.action_names_or_texts[loaded.predict_action_probabilities(
    Tracker.from_events("t", [*start, user("greet")], domain.slots), domain).max_confidence_index]]
print(json.dumps(found))
"""


@pytest.fixture(scope="module")
def found(tmp_path_factory: pytest.TempPathFactory) -> dict:
    folder: Path = tmp_path_factory.mktemp("respond-policy")
    return json.loads(run_in_rasa_env(POLICY_CHECK, str(folder)).strip().splitlines()[-1])


@pytest.mark.parametrize("after", ["greet", "inform with slots", "nlu_fallback", "unknown intent"])
def test_every_user_message_is_answered_by_the_one_action(found: dict, after: str) -> None:
    # One action, certain, and no other action with any probability.
    assert found[after] == [names.ACTION_RESPOND, 1.0, 1]


@pytest.mark.parametrize(
    "after",
    [
        "after the answer",
        "after the session start",
        "empty tracker",
        "after restart and its session start",
        "after back",
        "after a rejected answer",
    ],
)
def test_after_any_action_the_assistant_listens(found: dict, after: str) -> None:
    assert found[after] == ["action_listen", 1.0, 1]


@pytest.mark.parametrize(
    ("intent", "action"),
    [
        ("restart", "action_restart"),
        ("back", "action_back"),
        ("session_start", "action_session_start"),
    ],
)
def test_rasas_default_intents_run_rasas_default_actions(
    found: dict, intent: str, action: str
) -> None:
    assert found[intent] == [action, 1.0, 1]


def test_training_accepts_the_one_rule_and_refuses_what_would_never_run(found: dict) -> None:
    assert found["train: the one rule"] == "trained"
    refused = found["train: a rule to another action"]
    assert refused.startswith("InvalidConfigException") and "utter_greet" in refused
    assert "would never run" in refused
    missing = found["train: no action_respond"]
    assert missing.startswith("InvalidDomain") and "'action_respond'" in missing
    assert found["loaded"] == [names.ACTION_RESPOND]
