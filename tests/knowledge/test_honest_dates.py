"""Honest dates (issue 14): the date of a source, a person's confirmation, time-bound figures."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from bot.conversation.aspects import fact_lines
from bot.conversation.render import contact_block, outdated, source_line
from bot.knowledge.confirm import NoSuchRecord, confirm
from bot.knowledge.errors import KnowledgeInvalid
from bot.knowledge.loader import load_knowledge
from bot.knowledge.schema import Contact, Fact, Translated
from bot.settings import PROJECT_ROOT
from tests.support import repository_knowledge

FIXTURE = PROJECT_ROOT / "tests" / "fixtures" / "knowledge"
_FIXTURE = load_knowledge(FIXTURE)
_REAL = repository_knowledge()
_AMOUNT = re.compile(r"\d[\d.,]*\s*(Euro|EUR|€|euros)")


def test_the_source_line_gives_the_month_of_the_source_not_a_check_nobody_made() -> None:
    partner = _FIXTURE.partners["abh-probe"]  # as_of 2025-01-01, confirmed by nobody
    assert source_line(partner, _FIXTURE, "de").endswith("(Stand: 01/2025)")
    assert source_line(partner, _FIXTURE, "en").endswith("(as of 01/2025)")
    undated = partner.model_copy(update={"as_of": None})
    assert "ohne Datum – bitte dort prüfen" in source_line(undated, _FIXTURE, "de")
    confirmed = partner.model_copy(
        update={"last_verified": dt.date(2026, 12, 1), "verified_by": "A. Staff"}
    )
    line = source_line(confirmed, _FIXTURE, "de")
    assert "vom Team am 01.12.2026 mit der Quelle abgeglichen" in line
    assert "A. Staff" not in line  # who confirmed is for the staff report, not for newcomers


def test_no_answer_of_our_knowledge_claims_a_check_that_no_person_recorded() -> None:
    for records in _REAL.kinds().values():
        for record in records.values():
            line = source_line(record, _REAL, "de")
            assert ("mit der Quelle abgeglichen" in line) == (record.last_verified is not None)
            assert "geprüft am" not in line


@pytest.mark.parametrize(
    ("as_of", "rule", "year", "today", "old"),
    [
        (dt.date(2025, 12, 1), "end-of-year", 2026, dt.date(2026, 12, 31), False),  # a 2026 figure
        (dt.date(2025, 12, 1), "end-of-year", 2026, dt.date(2027, 1, 1), True),
        (dt.date(2025, 3, 1), "end-of-year", None, dt.date(2026, 1, 2), True),  # a fee from 2025
        (dt.date(2024, 12, 1), "two-years", None, dt.date(2026, 12, 1), False),
        (dt.date(2024, 11, 1), "two-years", None, dt.date(2026, 12, 1), True),
        (None, "two-years", None, dt.date(2026, 12, 1), False),  # undated: said in the source line
        (dt.date(2010, 1, 1), None, None, dt.date(2026, 12, 1), False),  # an aspect without a rule
    ],
)
def test_what_counts_as_outdated(
    as_of: dt.date | None, rule: str | None, year: int | None, today: dt.date, old: bool
) -> None:
    assert outdated(as_of, rule, year, today) is old


def _limit(year: int) -> Fact:
    text = f"{year}: 100 Euro im Monat."
    return Fact(
        aspect="threshold", text=Translated(de=text, en=text), source="https://www.example.de",
        as_of=dt.date(year - 1, 12, 1), year=year,
    )  # fmt: skip


def test_a_figure_for_a_past_year_says_which_year_and_where_to_check() -> None:
    this_year = dt.date.today().year
    lines = fact_lines([_limit(this_year - 1)], _FIXTURE, "en")
    assert lines[-1] == (
        f"This figure is from {this_year - 1}; the source gives the current value: "
        "https://www.example.de"
    )
    assert not any(
        "This figure is from" in line for line in fact_lines([_limit(this_year)], _FIXTURE, "en")
    )


def test_contact_data_older_than_two_years_asks_to_confirm_with_the_office() -> None:
    partner = _FIXTURE.partners["abh-probe"].model_copy(
        update={"as_of": dt.date(2019, 5, 1), "contact": Contact(phone=["+49 491 926-0"])}
    )
    block = contact_block(partner, _FIXTURE, "en")
    assert (
        f"These contact details are from 2019 – please confirm them with {partner.name} "
        "before you go."
    ) in block
    recent = partner.model_copy(update={"as_of": dt.date.today()})
    assert "please confirm them" not in contact_block(recent, _FIXTURE, "en")


def test_every_limit_in_euros_names_the_year_it_is_for() -> None:
    # A past year's threshold must never read as current: each names its year, and the
    # answer adds "this figure is from <year>" once that year is over.
    problems = []
    for kind in ("topics", "professions"):
        for record_id, record in getattr(_REAL, kind).items():
            for fact in record.facts:
                if fact.aspect != "threshold" or not _AMOUNT.search(fact.text.de):
                    continue
                if fact.year is None:
                    problems.append(f"{kind}/{record_id}: a limit without 'year:'")
                elif str(fact.year) not in fact.text.de or str(fact.year) not in fact.text.en:
                    problems.append(f"{kind}/{record_id}: the text does not name {fact.year}")
    assert problems == []


def _copy(tmp_path: Path) -> Path:
    root = tmp_path / "knowledge"
    shutil.copytree(FIXTURE, root)
    return root


def test_a_person_confirms_a_record_and_its_file_keeps_its_layout(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    path = root / "partners" / "abh-probe.yml"
    path.write_text("# kept comment\n" + path.read_text())
    assert confirm(root, "abh-probe", "  A. Staff ", dt.date(2026, 12, 1)) == path
    text = path.read_text()
    assert text.startswith("# kept comment\n")
    assert "last_verified: 2026-12-01\nverified_by: A. Staff\n" in text
    record = load_knowledge(root).partners["abh-probe"]
    assert (record.last_verified, record.verified_by) == (dt.date(2026, 12, 1), "A. Staff")


def test_confirming_needs_a_name_and_an_existing_record(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    with pytest.raises(ValueError, match="say who confirmed"):
        confirm(root, "abh-probe", " ")
    with pytest.raises(NoSuchRecord, match=re.escape("no knowledge file is called abh-prbe.yml")):
        confirm(root, "abh-prbe", "A. Staff")


def test_nothing_is_confirmed_in_a_broken_folder(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    (root / "topics" / "registration.yml").write_text("id: registration\nstatus: [")
    before = (root / "partners" / "abh-probe.yml").read_bytes()
    with pytest.raises(KnowledgeInvalid):
        confirm(root, "abh-probe", "A. Staff")
    assert (root / "partners" / "abh-probe.yml").read_bytes() == before


def test_a_draft_without_sources_can_be_confirmed_too(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    draft = root / "topics" / "entwurf.yml"
    draft.write_text(
        "id: entwurf\nstatus: draft\ntitle: {de: Entwurf, en: Draft}\nneeds: [registration]\n"
        "keywords: {de: [Entwurf], en: [draft]}\nanswer: {short: {de: Text., en: Text.}}\n"
    )
    confirm(root, "entwurf", "A. Staff", dt.date(2026, 12, 1))
    assert draft.read_text().endswith("last_verified: 2026-12-01\nverified_by: A. Staff\n")
