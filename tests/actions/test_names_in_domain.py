from __future__ import annotations

from ruamel.yaml import YAML

from actions import names
from bot.settings import PROJECT_ROOT


def _domain() -> dict:
    return YAML(typ="safe").load((PROJECT_ROOT / "domain.yml").read_text())


def test_every_name_used_in_python_exists_in_the_domain() -> None:
    domain = _domain()
    known = {
        "INTENT": set(domain["intents"]),
        "SLOT": set(domain["slots"]),
        "ACTION": set(domain["actions"]),
        "ENTITY": set(domain["entities"]),
    }
    for constant, value in vars(names).items():
        kind = constant.split("_", 1)[0]
        if kind in known:
            assert value in known[kind], f"{constant}={value!r} is missing from domain.yml"


def test_every_custom_action_in_the_domain_is_registered() -> None:
    from rasa_sdk.executor import ActionExecutor

    executor = ActionExecutor()
    executor.register_package("actions")
    custom = {a for a in _domain()["actions"] if a.startswith("action_")}
    assert custom <= set(executor.actions)
