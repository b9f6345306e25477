"""Our components inside Rasa (tracker store, intent classifier), run by the Rasa environment."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from bot.ops.endpoints import render_endpoints
from bot.settings import PROJECT_ROOT, Settings
from tests.support import run_in_rasa_env

pytestmark = pytest.mark.rasa

TRACKER_STORE_CHECK = """
import asyncio, importlib, json, sqlite3, sys
Domain = importlib.import_module("rasa.shared.core.domain").Domain
events = importlib.import_module("rasa.shared.core.events")
ts = importlib.import_module("rasa.core.tracker_store")
EndpointConfig = importlib.import_module("rasa.utils.endpoints").EndpointConfig
Tracker = importlib.import_module("rasa.shared.core.trackers").DialogueStateTracker

config, db = json.loads(sys.argv[1]), sys.argv[2]
domain = Domain.from_dict({"slots": {"language": {"type": "text", "mappings": []}}})
store = ts.create_tracker_store(EndpointConfig.from_dict(config), domain)

async def main():
    tracker = Tracker("t-1", domain.slots)
    tracker.update_with_events([
        events.SessionStarted(), events.ActionExecuted("action_listen"),
        events.UserUttered("Hallo", {"name": "greet", "confidence": 0.9}),
        events.SlotSet("language", "de"), events.BotUttered("Hallo!", {"buttons": []}),
    ], domain)
    await store.save(tracker)
    tracker.update(events.UserUttered("tschüss", {"name": "goodbye", "confidence": 0.8}))
    await store.save(tracker)  # only the new event is added
    ours = await store.retrieve("t-1")
    rasas = await ts.SQLTrackerStore(domain, dialect="sqlite", db=db).retrieve("t-1")
    rows = sqlite3.connect(db).execute(
        "select type_name, intent_name, action_name from events order by id").fetchall()
    mode = sqlite3.connect(db).execute("pragma journal_mode").fetchone()[0]
    print(json.dumps({
        "store": type(getattr(store, "tracker_store", store)).__name__,
        "same": ours.current_state() == rasas.current_state() == tracker.current_state(),
        "rows": rows, "mode": mode, "slot": ours.get_slot("language"),
    }))

asyncio.run(main())
"""

CLASSIFIER_CHECK = """
import importlib, json, sys, zipfile
from pathlib import Path
Message = importlib.import_module("rasa.shared.nlu.training_data.message").Message
TrainingData = importlib.import_module("rasa.shared.nlu.training_data.training_data").TrainingData
Resource = importlib.import_module("rasa.engine.storage.resource").Resource
LocalModelStorage = importlib.import_module("rasa.engine.storage.local_model_storage").LocalModelStorage
ExecutionContext = importlib.import_module("rasa.engine.graph").ExecutionContext
from bot.rasa_side.intent_classifier import TfidfIntentClassifier, ModelNotTrusted, MODEL_FILE

folder = Path(sys.argv[1])
storage, resource = LocalModelStorage(folder), Resource("intents")
context = ExecutionContext(None)
examples = {"greet": ["hallo", "hello", "guten tag", "hi there"],
            "goodbye": ["tschüss", "bye", "auf wiedersehen", "see you"],
            "ask_housing": ["wohnung gesucht", "where can I rent a flat", "apartment in Leer"]}
data = TrainingData([Message({"text": t, "intent": i}) for i, ts in examples.items() for t in ts])
TfidfIntentClassifier.create({}, storage, resource, context).train(data)
loaded = TfidfIntentClassifier.load({}, storage, resource, context)
messages = loaded.process([Message({"text": "hallo!"}), Message({"text": "a flat in Emden"}),
                           Message({"text": ""})])
result = [(m.get("intent")["name"], [r["confidence"] for r in m.get("intent_ranking")])
          for m in messages]
# The hand-made scores equal scikit-learn's for seen, unseen, empty and odd texts.
texts = [t for ts in examples.values() for t in ts] + [
    "Wohnung in Emden?", "", "🙂", "x" * 300, "tschüss tschüss tschüss", "A flat, a FLAT!"]
import numpy as np
difference = max(float(np.abs(loaded._logits(t) - loaded.model.decision_function([t])[0]).max())
                 for t in texts)

# A stored model with a type the component does not trust is refused, not loaded.
with storage.write_to(resource) as directory:
    path = directory / MODEL_FILE
    with zipfile.ZipFile(path) as z:
        files = {n: z.read(n) for n in z.namelist()}
    schema = json.loads(files["schema.json"])
    schema["__module__"], schema["__class__"] = "os", "system"
    files["schema.json"] = json.dumps(schema).encode()
    with zipfile.ZipFile(path, "w") as z:
        for name, content in files.items():
            z.writestr(name, content)
try:
    TfidfIntentClassifier.load({}, storage, resource, context)
    refused = "loaded"
except ModelNotTrusted as error:
    refused = str(error)
print(json.dumps({"result": result, "refused": refused, "difference": difference}))
"""


def _run(script: str, *args: str) -> dict:
    return json.loads(run_in_rasa_env(script, *args).strip().splitlines()[-1])


def test_the_tracker_store_of_our_endpoints_stores_what_rasas_own_store_reads(
    tmp_path: Path,
) -> None:
    db = tmp_path / "tracker.db"
    settings = Settings.from_env({"EMS_TRACKER_DB_URL": f"sqlite:///{db}"})
    config = render_endpoints(settings)["tracker_store"]
    found = _run(TRACKER_STORE_CHECK, json.dumps(config), str(db))
    assert found["store"] == "LeanSQLTrackerStore"  # not Rasa's silent in-memory fallback
    assert found["same"] is True
    assert found["slot"] == "de"
    assert found["mode"] == "wal"
    assert found["rows"] == [
        ["session_started", None, None],
        ["action", None, "action_listen"],
        ["user", "greet", None],
        ["slot", None, "language"],
        ["bot", None, None],
        ["user", "goodbye", None],
    ]


def test_the_committed_endpoints_name_a_class_rasa_can_import() -> None:
    committed = YAML(typ="safe").load((PROJECT_ROOT / "endpoints.yml").read_text())
    module, _, name = committed["tracker_store"]["type"].rpartition(".")
    assert (PROJECT_ROOT / (module.replace(".", "/") + ".py")).read_text().count(
        f"class {name}("
    ) == 1


def test_the_intent_classifier_trains_loads_ranks_and_refuses_untrusted_files(
    tmp_path: Path,
) -> None:
    found = _run(CLASSIFIER_CHECK, str(tmp_path))
    (greet, greet_scores), (housing, housing_scores), (_, empty_scores) = found["result"]
    assert (greet, housing) == ("greet", "ask_housing")
    for scores in (greet_scores, housing_scores, empty_scores):
        assert scores == sorted(scores, reverse=True)
        assert len(scores) == 3 and abs(sum(scores) - 1) < 1e-6
    assert found["difference"] < 1e-9
    assert "does not trust" in found["refused"] and "os.system" in found["refused"]
