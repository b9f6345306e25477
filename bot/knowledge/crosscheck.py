"""Rules across files: references resolve, published records point at published ones,
a synonym names one profession only."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from string import Formatter
from typing import TYPE_CHECKING, Any, get_args

from bot.knowledge.errors import KnowledgeError
from bot.knowledge.normalise import normalise
from bot.knowledge.required import TEXT_PLACEHOLDERS, MessageId, ServiceId, TextId, VocabularyId
from bot.knowledge.schema import WIDE_COVERAGE, Aspect

if TYPE_CHECKING:
    from bot.knowledge.loader import Parsed

Parsed_ = dict[str, dict[str, "Parsed"]]

_NAMES = {
    "partners": "partner",
    "topics": "topic",
    "regions/districts": "district",
    "regions/municipalities": "municipality",
}


def crosscheck(
    parsed: Parsed_, broken: set[tuple[str, str]] | None = None, root: Path | None = None
) -> list[KnowledgeError]:
    """Every error between files, in plain language with file:line.

    References to a file that has errors of its own are not reported again.
    ``root`` is the knowledge folder, for naming a required file that is missing.
    """
    broken = broken or set()
    errors: list[KnowledgeError] = _required_messages(parsed, broken, root or Path("."))
    errors += _required_aspects(parsed, broken, root or Path("."))
    errors += _texts(parsed, broken, root or Path("."))

    def refer(item: Parsed, loc: tuple[Any, ...], target_kind: str, target: str | None) -> None:
        if target is None or (target_kind, target) in broken:
            return
        found = parsed[target_kind].get(target)
        label = _NAMES[target_kind]
        if found is None:
            errors.append(
                KnowledgeError(
                    item.path,
                    item.line(*loc),
                    f"{' → '.join(map(str, loc))}: there is no {label} '{target}'; check the spelling or add {target_kind}/{target}.yml",
                )
            )
        elif item.record.status == "published" and found.record.status != "published":
            errors.append(
                KnowledgeError(
                    item.path,
                    item.line(*loc),
                    f"{' → '.join(map(str, loc))}: {label} '{target}' is a draft; publish it or refer to another {label}",
                )
            )

    def offices(item: Parsed, offices: Any) -> None:
        for field, value in offices:
            refer(item, ("offices", field), "partners", value)

    for item in parsed["regions/districts"].values():
        offices(item, item.record.offices)
    for item in parsed["regions/municipalities"].values():
        record = item.record
        refer(item, ("district",), "regions/districts", record.district)
        refer(item, ("samtgemeinde",), "regions/municipalities", record.samtgemeinde)
        group = parsed["regions/municipalities"].get(record.samtgemeinde or "")
        if group is not None and (
            group.record.type != "samtgemeinde" or group.record.district != record.district
        ):
            errors.append(
                KnowledgeError(
                    item.path,
                    item.line("samtgemeinde"),
                    f"samtgemeinde: '{record.samtgemeinde}' is not a Samtgemeinde of {record.district}",
                )
            )
        offices(item, record.offices)
    for item in parsed["partners"].values():
        for n, area in enumerate(item.record.coverage):
            if area not in WIDE_COVERAGE:
                refer(item, ("coverage", n), "regions/districts", area)
    for item in parsed["professions"].values():
        for n, body in enumerate(item.record.competent_bodies):
            refer(item, ("competent_bodies", n, "partner"), "partners", body.partner)
            for m, district in enumerate(body.districts):
                refer(item, ("competent_bodies", n, "districts", m), "regions/districts", district)
    for item in parsed["topics"].values():
        for n, partner in enumerate(item.record.partners):
            refer(item, ("partners", n), "partners", partner)
    for item in parsed["services"].values():
        for n, topic in enumerate(item.record.topics):
            refer(item, ("topics", n), "topics", topic)
    for kind in ("topics", "professions"):
        for item in parsed[kind].values():
            for n, fact in enumerate(item.record.facts):
                for m, place in enumerate(fact.places):
                    target = (
                        "regions/districts"
                        if place in parsed["regions/districts"]
                        else "regions/municipalities"
                    )
                    refer(item, ("facts", n, "places", m), target, place)
    errors += _ambiguous_synonyms(parsed["professions"].values())
    return errors


def _required_messages(
    parsed: Parsed_, broken: set[tuple[str, str]], root: Path
) -> list[KnowledgeError]:
    errors = []
    for kind, ids, what in (
        ("messages", [m.value for m in MessageId], "message"),
        ("services", [s.value for s in ServiceId], "service"),
        ("vocabulary", [v.value for v in VocabularyId], "vocabulary"),
    ):
        for required in ids:
            found = parsed[kind].get(required)
            if found is None and (kind, required) not in broken:
                errors.append(
                    KnowledgeError(
                        root / kind / f"{required}.yml",
                        None,
                        f"is missing; the assistant needs this {what} (restore the file, "
                        "for example with 'git checkout', and reword it instead)",
                    )
                )
            elif found is not None and found.record.status != "published":
                errors.append(
                    KnowledgeError(
                        found.path,
                        found.line("status"),
                        f"status: the assistant needs this {what}, so it must stay 'published'",
                    )
                )
    return errors


def _required_aspects(
    parsed: Parsed_, broken: set[tuple[str, str]], root: Path
) -> list[KnowledgeError]:
    # Every aspect a fact may name needs its words, or no question could ever ask for it.
    errors = []
    for aspect in get_args(Aspect):
        found = parsed["aspects"].get(aspect)
        if found is None and ("aspects", aspect) not in broken:
            errors.append(
                KnowledgeError(
                    root / "aspects" / f"{aspect}.yml",
                    None,
                    "is missing; every aspect facts may name needs its words (restore the file)",
                )
            )
        elif found is not None and found.record.status != "published":
            errors.append(
                KnowledgeError(
                    found.path,
                    found.line("status"),
                    "status: an aspect's words must stay 'published'",
                )
            )
    return errors


def _ambiguous_synonyms(professions: Iterable[Parsed]) -> list[KnowledgeError]:
    errors = []
    owner: dict[tuple[str, str], str] = {}
    for item in professions:
        for language, words in item.record.synonyms:
            for n, word in enumerate(words):
                key = (language, normalise(word))
                first = owner.setdefault(key, item.record.id)
                if first != item.record.id:
                    errors.append(
                        KnowledgeError(
                            item.path,
                            item.line("synonyms", language, n),
                            f"synonyms → {language}: '{word}' already names the profession '{first}'; a word may name one profession only",
                        )
                    )
    return errors


def _texts(parsed: Parsed_, broken: set[tuple[str, str]], root: Path) -> list[KnowledgeError]:
    """Every text the code says is defined once, in a published file, with its placeholders."""
    errors = []
    known = {t.value for t in TextId}
    defined: dict[str, Parsed] = {}
    for item in parsed["texts"].values():
        for key, translated in item.record.texts.items():
            if key not in known:
                errors.append(
                    KnowledgeError(
                        item.path, item.line("texts", key),
                        f"texts → {key}: the assistant never says a text of this name; check the "
                        "spelling, or ask a developer to use a new one",
                    )
                )  # fmt: skip
                continue
            if key in defined:
                errors.append(
                    KnowledgeError(
                        item.path, item.line("texts", key),
                        f"texts → {key}: already defined in {defined[key].path.name}; keep one",
                    )
                )  # fmt: skip
                continue
            if item.record.status == "published":
                defined[key] = item
            wanted = TEXT_PLACEHOLDERS.get(TextId(key), frozenset())
            for language in ("de", "en"):  # translations are checked where they are read
                text = getattr(translated, language)
                used = _placeholders(text)
                if used != wanted:
                    errors.append(
                        KnowledgeError(
                            item.path, item.line("texts", key, language),
                            f"texts → {key} → {language}: "
                            + _placeholder_advice(wanted, used),
                        )
                    )  # fmt: skip
    if not any(kind == "texts" for kind, _ in broken):
        for key in sorted(known - set(defined)):
            errors.append(
                KnowledgeError(
                    root / "texts", None,
                    f"has no text '{key}'; the assistant needs it (restore it, for example "
                    "with 'git checkout', and reword it instead)",
                )
            )  # fmt: skip
    return errors


def _placeholders(text: str) -> frozenset[str] | None:
    """The ``{names}`` a text uses; None when its braces do not pair up."""
    try:
        return frozenset(name for _, name, _, _ in Formatter().parse(text) if name is not None)
    except ValueError:
        return None


def _placeholder_advice(wanted: frozenset[str], used: frozenset[str] | None) -> str:
    names = ", ".join(f"{{{name}}}" for name in sorted(wanted)) or "none"
    if used is None:
        return f"a brace {{ or }} has no partner; write placeholders as {names}"
    extra = ", ".join(f"{{{name}}}" for name in sorted(used - wanted))
    missing = ", ".join(f"{{{name}}}" for name in sorted(wanted - used))
    told = [f"must use the placeholders {names}"]
    if missing:
        told.append(f"{missing} is missing")
    if extra:
        told.append(f"{extra} is not one the assistant fills in")
    return "; ".join(told)
