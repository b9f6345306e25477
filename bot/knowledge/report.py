"""The staff report: records by the age of their sources, missing translations, coverage."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field

from pydantic import BaseModel

from bot.knowledge.index import KnowledgeBase
from bot.knowledge.required import MessageId
from bot.knowledge.schema import (
    SYNONYM_LANGUAGES,
    TRANSLATED_LANGUAGES,
    WIDE_COVERAGE,
    Keywords,
    Translated,
)
from bot.knowledge.translations import untranslated as untranslated_texts

#: A record whose sources are older than this is listed as old.
OLD_AFTER = dt.timedelta(days=2 * 365)

#: The kinds of service every district should have locally, in table order.
COVERAGE_KINDS = (
    "immigration-office", "employment-agency", "jobcenter", "chamber-of-commerce",
    "chamber-of-crafts", "migration-counselling", "youth-migration-service", "counselling",
    "language-school", "welcome-centre", "university",
)  # fmt: skip


@dataclass(frozen=True)
class Dated:
    """One record with the date of its sources and who confirmed it when."""

    kind: str
    id: str
    as_of: dt.date | None
    last_verified: dt.date | None = None
    verified_by: str | None = None


@dataclass(frozen=True)
class Report:
    """Everything staff should look at, computed from one knowledge version."""

    #: Every published record not confirmed by a person, oldest (or undated) source first.
    unconfirmed: list[Dated]
    #: The records a person confirmed (``knowledge confirm``), oldest confirmation first.
    confirmed: list[Dated]
    missing_translations: list[tuple[str, str, str]]
    coverage: dict[str, dict[str, int]]
    #: Partners with an agreed referral channel: (id, "e-mail" or "webhook", agreed on).
    referral_channels: list[tuple[str, str, dt.date]] = field(default_factory=list)
    #: For each kind of service: the partners serving all of Niedersachsen or Germany (often
    #: online), for the districts with no local one.
    fallbacks: dict[str, list[str]] = field(default_factory=dict)
    #: By language: the translation files staff have not reviewed yet (path, translated from).
    unreviewed: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    #: By language: the published texts with no translation into it ("topics/visa: title").
    untranslated: dict[str, list[str]] = field(default_factory=dict)

    @property
    def gaps(self) -> list[tuple[str, str]]:
        """(district, kind of service) pairs without any local partner."""
        return [(d, k) for d, row in self.coverage.items() for k, n in row.items() if n == 0]


def build_report(knowledge: KnowledgeBase, today: dt.date | None = None) -> Report:
    """Compute the report for ``knowledge`` as of ``today``."""
    today = today or dt.date.today()
    dated = [
        Dated(kind, record_id, record.as_of, record.last_verified, record.verified_by)
        for kind, records in knowledge.kinds().items()
        if kind not in _EDITORIAL
        for record_id, record in sorted(records.items())
    ]
    never = dt.date.min
    unconfirmed = sorted(
        (d for d in dated if d.last_verified is None),
        key=lambda d: (d.as_of or never, d.kind, d.id),
    )
    confirmed = sorted(
        (d for d in dated if d.last_verified is not None),
        key=lambda d: (d.last_verified or never, d.kind, d.id),
    )
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
    fallbacks = {
        kind: sorted(
            p.name
            for p in knowledge.partners.values()
            if p.kind == kind and set(p.coverage) & set(WIDE_COVERAGE)
        )
        for kind in COVERAGE_KINDS
    }
    unreviewed = {
        language: [
            (t.path, t.translated_from)
            for t in knowledge.translations
            if t.language == language and t.reviewed_by is None
        ]
        for language in TRANSLATED_LANGUAGES
    }
    untranslated = {
        language: [
            f"{kind}/{record_id}: {text}"
            for kind, records in knowledge.kinds().items()
            for record_id, record in sorted(records.items())
            # The notice for languages the assistant does not answer in is never said in one.
            if (kind, record_id) != ("messages", MessageId.OTHER_LANGUAGE.value)
            for text in untranslated_texts(record, language)
        ]
        for language in TRANSLATED_LANGUAGES
    }
    return Report(
        unconfirmed, confirmed, missing, coverage, channels, fallbacks, unreviewed, untranslated
    )


#: Kinds whose records are the team's own wording, with no outside source to date.
_EDITORIAL = ("messages", "texts", "aspects", "vocabulary")


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
    undated = [d for d in report.unconfirmed if d.as_of is None]
    old = [d for d in report.unconfirmed if d.as_of and today - d.as_of > OLD_AFTER]
    lines += [
        f"## Not confirmed by a person ({len(report.unconfirmed)}), oldest source first",
        "",
        f"{len(undated)} with no date of their source, {len(old)} with sources older than "
        f"{OLD_AFTER.days // 365} years. Compare a record with its live source, then run "
        '`python -m bot knowledge confirm <id> --by "<your name>"`.',
        "",
    ]
    lines += [f"- {d.kind}/{d.id}: source {d.as_of or 'undated'}" for d in report.unconfirmed] or [
        "None."
    ]
    lines += ["", f"## Confirmed by a person ({len(report.confirmed)})", ""]
    lines += [
        f"- {d.kind}/{d.id}: confirmed by {d.verified_by} on {d.last_verified} (source {d.as_of or 'undated'})"
        for d in report.confirmed
    ] or ["None."]
    lines += ["", f"## Missing translations ({len(report.missing_translations)})", ""]
    lines += [
        f"- {kind}/{rid}: {problem}" for kind, rid, problem in report.missing_translations
    ] or ["None."]
    lines += ["", "## Translations by language", ""]
    lines += [
        "Answers in a language staff have not reviewed say so in one line. Review a file, then "
        "set `reviewed_by: <your name>` and `reviewed_on: <date>` in it. A text with no "
        "translation is answered in English, with a line saying so.",
        "",
        "| language | unreviewed files | texts without translation |",
        "|---|---|---|",
    ]
    lines += [
        f"| {language} | {len(report.unreviewed.get(language, []))} | "
        f"{len(report.untranslated.get(language, []))} |"
        for language in TRANSLATED_LANGUAGES
    ]
    for language in TRANSLATED_LANGUAGES:
        waiting = report.unreviewed.get(language, [])
        lines += ["", f"### {language}: not reviewed ({len(waiting)})", ""]
        lines += [f"- {path} (translated from {source})" for path, source in waiting] or ["None."]
        missing_texts = report.untranslated.get(language, [])
        lines += ["", f"### {language}: no translation ({len(missing_texts)})", ""]
        lines += [f"- {text}" for text in missing_texts] or ["None."]
    lines += ["", "## Coverage: local partners per district and kind of service", ""]
    header = ["district", *COVERAGE_KINDS]
    lines += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for district, row in report.coverage.items():
        lines.append(
            "| "
            + " | ".join(
                [district, *(_cell(row[k], report.fallbacks.get(k)) for k in COVERAGE_KINDS)]
            )
            + " |"
        )
    lines += [
        "",
        "0 + wide: no local partner; answers say so and name the partners serving all of "
        "Niedersachsen or Germany. **0**: no partner at all; answers point to the official finder.",
    ]
    lines += ["", f"## Gaps ({len(report.gaps)})", ""]
    lines += [
        f"- {district}: no local {kind}; serving everywhere: "
        + (
            ", ".join(report.fallbacks[kind])
            if report.fallbacks.get(kind)
            else "none (official finder)"
        )
        for district, kind in report.gaps
    ] or ["None."]
    lines += ["", f"## Partners that receive referrals ({len(report.referral_channels)})", ""]
    lines += [
        f"- {pid}: by {how}, agreed on {agreed}" for pid, how, agreed in report.referral_channels
    ] or [
        "None: every referral waits in the staff view (/admin/cases) for the alliance team to hand it over."
    ]
    return "\n".join(lines) + "\n"


def _cell(count: int, fallbacks: list[str] | None) -> str:
    if count:
        return str(count)
    return "0 + wide" if fallbacks else "**0**"
