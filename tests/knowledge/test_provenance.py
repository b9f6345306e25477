"""No contact detail in the knowledge without a source: each one must appear in the research fact sheet."""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import unquote

import pytest

from bot.settings import PROJECT_ROOT
from tests.support import repository_knowledge

RESEARCH = PROJECT_ROOT.parent / "shared" / "research"
SHEETS = [
    "regional_facts.md",
    "regional_facts_addendum.md",
    "regional_facts_2026.md",
    "municipalities.md",
]


def require_sheets(research: Path, environ: Mapping[str, str]) -> None:
    """Skip when the fact sheets are missing on a newcomer's clone; fail when they are missing in CI."""
    missing = [name for name in SHEETS if not (research / name).exists()]
    if not missing:
        return
    message = f"the research fact sheets {missing} are not in {research}"
    if environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"{message}; in CI they must be there, or provenance goes unchecked")
    pytest.skip(f"{message} (a clone without ../shared/research; CI checks provenance)")


@pytest.fixture(autouse=True)
def _research_sheets(request: pytest.FixtureRequest) -> None:
    if request.node.get_closest_marker("without_sheets") is None:
        require_sheets(RESEARCH, os.environ)


def _sheet_text() -> str:
    return "\n".join((RESEARCH / name).read_text() for name in SHEETS)


def _national(number: str) -> str:
    digits = re.sub(r"\D", "", number)
    return "0" + digits[2:] if digits.startswith("49") else digits


def _sheet_numbers(text: str) -> set[str]:
    numbers = set()
    for run in re.findall(r"\+?\d[\d \-/()]{4,}\d", text):
        numbers.add(_national(run))
        # "0491 926-1485 / -1456" lists a second extension of the same number.
        parts = [p.strip() for p in run.split("/")]
        base = parts[0].rsplit("-", 1)[0]
        for part in parts:
            numbers.add(_national(base + part if part.startswith("-") else part))
    return numbers


@functools.cache
def _partners() -> list[tuple[str, object]]:
    knowledge = repository_knowledge()
    return sorted(knowledge.all_records["partners"].items())


def test_every_phone_number_is_in_the_fact_sheet() -> None:
    numbers = _sheet_numbers(_sheet_text())
    unsourced = [
        f"{pid}: {phone}"
        for pid, partner in _partners()
        for phone in partner.contact.phone  # type: ignore[attr-defined]
        if _national(phone) not in numbers
    ]
    assert unsourced == []


def test_every_email_address_is_in_the_fact_sheet() -> None:
    text = _sheet_text().casefold()
    unsourced = [
        f"{pid}: {email}"
        for pid, partner in _partners()
        for email in partner.contact.email  # type: ignore[attr-defined]
        if email.casefold() not in text
    ]
    assert unsourced == []


def test_every_street_is_in_the_fact_sheet() -> None:
    text = _sheet_text()
    unsourced = []
    for pid, partner in _partners():
        address = partner.contact.address  # type: ignore[attr-defined]
        if address and address.street and address.street.split()[0] not in text:
            unsourced.append(f"{pid}: {address.street}")
    assert unsourced == []


@pytest.mark.without_sheets
def test_missing_sheets_fail_in_ci_and_skip_elsewhere(tmp_path: Path) -> None:
    with pytest.raises(pytest.fail.Exception, match="in CI they must be there"):
        require_sheets(tmp_path, {"CI": "true"})
    with pytest.raises(pytest.skip.Exception, match="CI checks provenance"):
        require_sheets(tmp_path, {})


def test_the_check_finds_an_invented_number(tmp_path: Path) -> None:
    # The guard itself: a made-up number is not in the sheet.
    assert _national("+49 4941 999999-7") not in _sheet_numbers(_sheet_text())


def test_every_phone_number_in_a_fact_is_in_the_fact_sheet() -> None:
    numbers = _sheet_numbers(_sheet_text())
    knowledge = repository_knowledge()
    found = [
        (f"{kind}/{rid}", phone)
        for kind in ("topics", "professions")
        for rid, record in knowledge.all_records[kind].items()
        for fact in record.facts  # type: ignore[attr-defined]
        for text in (fact.text.de, fact.text.en)
        for phone in re.findall(r"\+\d[\d \-/()]{6,}\d|\b0\d{2,5}[ /-]\d[\d \-]{3,}\d", text)
    ]
    assert found, "no phone number found in any fact: the pattern no longer matches"
    assert [f"{where}: {phone}" for where, phone in found if _national(phone) not in numbers] == []


def _in_research(url: str, sheets: str) -> bool:
    # The sheets write some addresses with umlauts, some percent-encoded.
    return any(_named(form, sheets) for form in (url, unquote(url)))


def _named(url: str, sheets: str) -> bool:
    bare = re.sub(r"^https?://(www\.)?", "", url).rstrip("/")
    if bare in sheets:
        return True
    # "landkreis-wittmund.de (path /Leben-Wohnen/…/)": a domain with its path beside it.
    domain, _, path = bare.partition("/")
    if path and f"{domain} (path /{path}" in sheets:
        return True
    # "…/fev_2010/__29.html and __31.html": a sibling page the sheet names by its file.
    folder, _, page = bare.rpartition("/")
    return bool(page) and folder in sheets and page in sheets


def test_every_fact_cites_a_page_that_the_research_files_name() -> None:
    sheets = _sheet_text()
    unknown = [
        f"{kind}/{record_id}: {fact.source}"
        for kind in ("topics", "professions")
        for record_id, record in getattr(repository_knowledge(), kind).items()
        for fact in record.facts
        if not _in_research(fact.source, sheets)
    ]
    assert unknown == []


def test_every_page_a_record_cites_is_one_the_research_files_name() -> None:
    # A reconstructed address (the long soziales.niedersachsen.de one) or a guessed domain
    # would send a newcomer nowhere.
    sheets = _sheet_text()
    knowledge = repository_knowledge()
    unknown = [
        f"{kind}/{record_id}: {url}"
        for kind in ("partners", "topics", "professions")
        for record_id, record in getattr(knowledge, kind).items()
        for source in record.sources
        for url in re.findall(r"https?://[^\s;,)]+", source)
        if not _in_research(url, sheets)
    ]
    assert unknown == []
