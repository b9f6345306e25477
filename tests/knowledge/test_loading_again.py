"""Loading an unchanged folder again returns the version built from it; any edit builds anew."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.knowledge.errors import KnowledgeInvalid
from bot.knowledge.loader import ParseCache, load_knowledge
from bot.settings import PROJECT_ROOT

FIXTURE = PROJECT_ROOT / "tests" / "fixtures" / "knowledge"
GREETING = "messages/greeting.yml"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    copy = tmp_path / "knowledge"
    shutil.copytree(FIXTURE, copy)
    return copy


def test_an_unchanged_folder_gives_the_same_version_and_fills_the_parse_cache(root: Path) -> None:
    first = load_knowledge(root)
    cache: ParseCache = {}
    again = load_knowledge(root, cache)
    assert again is first
    # The caller's cache holds every file, so the next edit re-parses only the edited one.
    assert len(cache) == sum(1 for path in root.rglob("*.yml") if "_templates" not in path.parts)


def test_an_edit_builds_a_new_version_with_it(root: Path) -> None:
    first = load_knowledge(root)
    path = root / GREETING
    path.write_text(path.read_text().replace("Hallo", "Moin", 1))
    edited = load_knowledge(root)
    assert edited is not first and edited.content_hash != first.content_hash
    assert "Moin" in edited.messages["greeting"].text.de


def test_a_broken_folder_is_refused_every_time_even_after_a_good_load(root: Path) -> None:
    load_knowledge(root)
    path = root / GREETING
    path.write_text(path.read_text() + "\n  : nonsense [\n")
    for _ in range(2):
        with pytest.raises(KnowledgeInvalid) as refused:
            load_knowledge(root)
        assert [error.path.name for error in refused.value.errors] == ["greeting.yml"]


def test_another_folder_with_the_same_files_gets_its_own_version(
    root: Path, tmp_path: Path
) -> None:
    twin = tmp_path / "twin"
    shutil.copytree(root, twin)
    assert load_knowledge(twin) is not load_knowledge(root)
