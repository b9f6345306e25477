"""The staff report: stale records, missing translations, and coverage per district."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field

from pydantic import BaseModel

from bot.knowledge.index import KnowledgeBase
from bot.knowledge.schema import SYNONYM_LANGUAGES, Keywords, Translated

#: A record checked longer ago than this is stale.
STALE_AFTER = dt.timedelta(days=365)

#: The kinds of service every district should have locally, in table order.
COVERAGE_KINDS = (
    "immigration-office", "employment-agency", "jobcenter", "chamber-of-commerce",
    "chamber-of-crafts", "migration-counselling", "youth-migration-service", "counselling",
    "language-school", "welcome-centre", "university",
)  # fmt: skip


@dataclass(frozen=True)
class Report:
    """Everything staff should look at, computed from one knowledge version."""

    stale: list[tuple[str, str, dt.date | None]]
    missing_translations: list[tuple[str, str, str]]
    coverage: dict[str, dict[str, int]]
    #: Partners with an agreed referral channel: (id, "e-mail" or "webhook", agreed on).
    referral_channels: list[tuple[str, str, dt.date]] = field(default_factory=list)

    @property
    def gaps(self) -> list[tuple[str, str]]:
        """(district, kind of service) pairs without any local partner."""
        return [(d, k) for d, row in self.coverage.items() for k, n in row.items() if n == 0]


def build_report(knowledge: KnowledgeBase, today: dt.date | None = None) -> Report:
    """Compute the report for ``knowledge`` as of ``today``."""
    today = today or dt.date.today()
    stale = [
        (kind, record_id, record.last_verified)
        for kind, records in knowledge.all_records.items()
        for record_id, record in sorted(records.items())
        if record.last_verified is None or today - record.last_verified > STALE_AFTER
    ]
    missing = [
        (kind, record_id, problem)
        for kind, records in knowledge.all_records.items()
        for record_id, record in sorted(records.items())
        for problem in _translation_problems(record)
    ]
    coverage = {
        district_id: {
            kind: sum(
                1
                for partner in knowledge.partners.values()
                if partner.kind == kind and district_id in partner.coverage
            )
            for kind in COVERAGE_KINDS
        }
        for district_id in sorted(knowledge.districts)
    }
    channels = [
        (p.id, "e-mail" if p.referral.email else "webhook", p.referral.agreed_on)
        for p in sorted(knowledge.partners.values(), key=lambda p: p.id)
        if p.referral
    ]
    return Report(stale, missing, coverage, channels)


def _translation_problems(model: BaseModel, path: str = "") -> Iterator[str]:
    for name, value in model:
        where = f"{path}{name}"
        if isinstance(value, Translated) and value.de == value.en and len(value.de) > 20:
            yield f"{where}: German and English are the same text"
        elif isinstance(value, Keywords):
            absent = [lang for lang in SYNONYM_LANGUAGES if not getattr(value, lang)]
            if absent:
                yield f"{where}: no keywords in {', '.join(absent)}"
        elif isinstance(value, BaseModel):
            yield from _translation_problems(value, f"{where} → ")
        elif isinstance(value, list):
            for n, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from _translation_problems(item, f"{where} → {n + 1}. ")


def format_report(report: Report, today: dt.date) -> str:
    """The report as Markdown, for the terminal or a file."""
    lines = [f"# Knowledge report ({today})", ""]
    lines += [f"## Stale: checked more than {STALE_AFTER.days} days ago ({len(report.stale)})", ""]
    lines += [
        f"- {kind}/{rid}: last checked {date or 'never'}" for kind, rid, date in report.stale
    ] or ["None."]
    lines += ["", f"## Missing translations ({len(report.missing_translations)})", ""]
    lines += [
        f"- {kind}/{rid}: {problem}" for kind, rid, problem in report.missing_translations
    ] or ["None."]
    lines += ["", "## Coverage: local partners per district and kind of service", ""]
    header = ["district", *COVERAGE_KINDS]
    lines += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for district, row in report.coverage.items():
        lines.append(
            "| "
            + " | ".join([district, *(str(row[k]) if row[k] else "**0**" for k in COVERAGE_KINDS)])
            + " |"
        )
    lines += ["", f"## Gaps ({len(report.gaps)})", ""]
    lines += [f"- {district}: no {kind}" for district, kind in report.gaps] or ["None."]
    lines += ["", f"## Partners that receive referrals ({len(report.referral_channels)})", ""]
    lines += [
        f"- {pid}: by {how}, agreed on {agreed}" for pid, how, agreed in report.referral_channels
    ] or [
        "None: every referral waits in the staff view (/admin/cases) for the alliance team to hand it over."
    ]
    return "\n".join(lines) + "\n"
