from __future__ import annotations

from pathlib import Path

import pytest

from bot.knowledge.errors import KnowledgeInvalid
from bot.knowledge.loader import load_knowledge
from bot.knowledge.store import KnowledgeStore

GOOD = """\
id: greeting
status: published
sources: [Editorial team]
last_verified: 2026-11-28
text:
  de: Hallo
  en: Hello
"""


def _folder(tmp_path: Path, **files: str) -> Path:
    (tmp_path / "messages").mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        (tmp_path / "messages" / f"{name}.yml").write_text(content)
    return tmp_path


def _errors(root: Path) -> list[str]:
    with pytest.raises(KnowledgeInvalid) as failure:
        load_knowledge(root)
    return [error.format(root) for error in failure.value.errors]


def test_every_error_in_every_file_is_reported_at_once(tmp_path: Path) -> None:
    root = _folder(
        tmp_path,
        greeting=GOOD.replace("status: published", "status: published\ncolour: blue"),
        goodbye=GOOD.replace("id: greeting", "id: goodbye").replace(
            "sources: [Editorial team]\n", ""
        ),
        farewell=GOOD,
        broken="id: broken\ntext: [unclosed\n",
        thanks=GOOD.replace("id: greeting", "id: thanks").replace("  en: Hello\n", ""),
    )
    assert _errors(root) == [
        "messages/broken.yml:3 is not valid YAML: expected ',' or ']', but got '<stream end>'",
        "messages/farewell.yml:1 id 'greeting' differs from the file name; "
        "rename the file to 'greeting.yml' or set 'id: farewell'",
        "messages/goodbye.yml:1 a published record needs 'sources' and 'last_verified'; "
        "add them, or set 'status: draft'",
        "messages/greeting.yml:3 unknown key 'colour'; check its spelling or remove it",
        "messages/thanks.yml:5 'text → en' is missing; add it",
    ]


def test_a_draft_may_lack_provenance_but_is_never_served(tmp_path: Path) -> None:
    draft = "id: greeting\nstatus: draft\ntext:\n  de: Hallo\n  en: Hello\n"
    knowledge = load_knowledge(_folder(tmp_path, greeting=draft))
    with pytest.raises(LookupError, match="no published message 'greeting'"):
        knowledge.message("greeting", "de")


def test_a_broken_change_never_replaces_the_live_knowledge(tmp_path: Path) -> None:
    root = _folder(tmp_path, greeting=GOOD)
    store = KnowledgeStore(root)
    live = store.load()
    (root / "messages" / "greeting.yml").write_text(GOOD.replace("de: Hallo", "de: [kaputt"))
    with pytest.raises(KnowledgeInvalid):
        store.load()
    assert store.current is live
    assert store.current.message("greeting", "de") == "Hallo"
    assert store.last_error is not None
