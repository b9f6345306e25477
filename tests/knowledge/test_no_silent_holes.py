"""No silent holes (issue 14): a place without a local partner is told so, and who helps instead."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from bot.conversation.dialogue import Dialogue
from bot.conversation.state import State, Turn
from bot.knowledge.confirm import confirm
from bot.knowledge.loader import load_knowledge
from bot.knowledge.report import build_report, format_report
from bot.knowledge.store import KnowledgeStore
from bot.settings import PROJECT_ROOT

FIXTURE = PROJECT_ROOT / "tests" / "fixtures" / "knowledge"

_NATIONAL_SCHOOL = """\
id: online-deutschkurs
status: published
sources: [https://www.example.de/online-kurs]
as_of: 2026-06-01
name: Online-Deutschkurs Bund
kind: language-school
coverage: [germany]
helps_with: [language]
description:
  de: Deutschkurse online, überall in Deutschland.
  en: German courses online, anywhere in Germany.
contact:
  web: https://www.example.de/online-kurs
"""


def _with_a_national_school(tmp_path: Path) -> Path:
    root = tmp_path / "knowledge"
    shutil.copytree(FIXTURE, root)
    (root / "partners" / "online-deutschkurs.yml").write_text(_NATIONAL_SCHOOL)
    return root


def test_a_place_without_a_local_partner_is_told_so_and_gets_the_national_one(
    tmp_path: Path,
) -> None:
    store = KnowledgeStore(_with_a_national_school(tmp_path), cache_dir=tmp_path / "cache")
    store.load()
    outcome = Dialogue(store.current, store.live.resolver).handle(
        Turn("Deutschkurs in Probedorf", "find_service"),
        State(language="de", privacy_noticed=True),
    )
    text = outcome.replies[0].text
    assert "Für Probedorf kenne ich keine Stelle vor Ort. Landesweit oder online hilft:" in text
    assert "Online-Deutschkurs Bund" in text


def test_the_report_lists_unconfirmed_records_oldest_source_first_and_marks_filled_gaps(
    tmp_path: Path,
) -> None:
    root = _with_a_national_school(tmp_path)
    confirm(root, "abh-test", "A. Staff", dt.date(2026, 12, 1))
    knowledge = load_knowledge(root)
    report = build_report(knowledge, dt.date(2026, 12, 1))
    dates = [d.as_of or dt.date.min for d in report.unconfirmed]
    assert dates == sorted(dates)  # undated first, then the oldest source
    assert "abh-test" not in [d.id for d in report.unconfirmed]
    assert [(d.id, d.verified_by) for d in report.confirmed] == [("abh-test", "A. Staff")]
    text = format_report(report, dt.date(2026, 12, 1))
    assert "- partners/abh-test: confirmed by A. Staff on 2026-12-01" in text
    assert (
        "landkreis-test: no local language-school; serving everywhere: Online-Deutschkurs Bund"
        in text
    )
    assert "| 0 + wide |" in text
