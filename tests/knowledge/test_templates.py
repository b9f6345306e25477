from __future__ import annotations

import pytest
from ruamel.yaml import YAML

from bot.knowledge.loader import KINDS
from bot.settings import PROJECT_ROOT

TEMPLATES = {
    "partner.yml": "partners",
    "profession.yml": "professions",
    "topic.yml": "topics",
    "district.yml": "regions/districts",
    "municipality.yml": "regions/municipalities",
}


@pytest.mark.parametrize(("template", "kind"), TEMPLATES.items())
def test_every_template_matches_its_schema(template: str, kind: str) -> None:
    data = YAML(typ="safe").load((PROJECT_ROOT / "knowledge" / "_templates" / template).read_text())
    record = KINDS[kind].model_validate(data)
    assert record.status == "draft"  # a copied template is never shown by accident
