"""No kind of broken edit gets past the one validation path, and each is told plainly.

The same edits run against the real knowledge through a running app server in
``make bench-faults`` (docs/benchmarks/faults.md).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.cli import main
from bot.knowledge.errors import KnowledgeInvalid
from bot.knowledge.loader import load_knowledge
from bot.settings import PROJECT_ROOT
from tests.knowledge.broken_edits import EDITS, BrokenEdit, Editor

FIXTURE = PROJECT_ROOT / "tests" / "fixtures" / "knowledge"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    copy = tmp_path / "knowledge"
    shutil.copytree(FIXTURE, copy)
    return copy


def test_there_are_at_least_fifty_kinds() -> None:
    assert len(EDITS) >= 50
    assert len({edit.name for edit in EDITS}) == len(EDITS)


@pytest.mark.parametrize("edit", EDITS, ids=lambda edit: edit.name)
def test_a_broken_edit_is_refused_with_its_file(root: Path, edit: BrokenEdit) -> None:
    good = load_knowledge(root).content_hash
    editor = Editor(root)
    edit.apply(editor)
    with pytest.raises(KnowledgeInvalid) as refused:
        load_knowledge(root)
    for error in refused.value.errors:
        assert error.path.is_relative_to(root), error
        assert error.message and "Traceback" not in error.message
    editor.undo()
    assert load_knowledge(root).content_hash == good, "the edit was not undone exactly"


@pytest.mark.parametrize("edit", EDITS, ids=lambda edit: edit.name)
def test_make_check_names_the_file_and_shows_no_traceback(
    root: Path,
    edit: BrokenEdit,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("EMS_KNOWLEDGE_DIR", str(root))
    monkeypatch.setenv("EMS_STATE_DIR", str(root.parent / "var"))
    edit.apply(Editor(root))
    assert main(["knowledge", "check"]) == 1
    printed = capsys.readouterr().err
    assert "Traceback" not in printed
    assert printed.startswith("The knowledge files have ")
    assert "knowledge/" in printed.splitlines()[1]


def test_a_required_message_that_is_deleted_is_named(root: Path) -> None:
    (root / "messages" / "greeting.yml").unlink()
    with pytest.raises(KnowledgeInvalid) as refused:
        load_knowledge(root)
    assert [e.format(root) for e in refused.value.errors] == [
        "messages/greeting.yml is missing; the assistant needs this message "
        "(restore the file, for example with 'git checkout', and reword it instead)"
    ]


def test_a_required_message_set_to_draft_is_named_at_its_status_line(root: Path) -> None:
    Editor(root).set_key("messages/privacy-notice.yml", ("status",), "draft")
    with pytest.raises(KnowledgeInvalid) as refused:
        load_knowledge(root)
    assert [e.format(root) for e in refused.value.errors] == [
        "messages/privacy-notice.yml:4 status: the assistant needs this message, so it must stay 'published'"
    ]


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        ("NUL character", "messages/greeting.yml:2 holds the invisible control character U+0000"),
        ("impossible date", "partners/abh-probe.yml:4 as_of: '2026-13-45' is not a date"),
        ("folder named x.yml", "topics/x.yml is a folder named like a knowledge file; rename it"),
        ("link loop", "topics/loop is a link to a folder; knowledge folders must be real folders"),
        (
            "20,000 nested brackets",
            "messages/greeting.yml nests lists or brackets too deeply to be read",
        ),
        ("alias bomb", "messages/greeting.yml expands to more than 20,000 values"),
        ("unknown language key", "messages/greeting.yml:"),
        ("named pipe", "topics/pipe.yml is not a regular file"),
    ],
)
def test_odd_files_get_a_plain_reason(root: Path, edit: str, expected: str) -> None:
    next(e for e in EDITS if e.name == edit).apply(Editor(root))
    with pytest.raises(KnowledgeInvalid) as refused:
        load_knowledge(root)
    reasons = [e.format(root) for e in refused.value.errors]
    assert any(reason.startswith(expected) for reason in reasons), reasons


def test_an_unknown_language_key_lists_the_known_ones(root: Path) -> None:
    next(e for e in EDITS if e.name == "unknown language key").apply(Editor(root))
    with pytest.raises(KnowledgeInvalid) as refused:
        load_knowledge(root)
    assert [e.message for e in refused.value.errors] == [
        "translations: 'xx' is not a language the assistant recognises; use one of "
        "'de', 'en', 'es', 'ar', 'uk', 'ro', 'tr', 'vi', 'ru'"
    ]
