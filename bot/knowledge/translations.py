"""Translations of the knowledge: ``knowledge/translations/<language>/<folder>/<id>.yml``.

Staff write every record in German and English. A record's texts in another language
live in a file of the same path below ``translations/<language>/``, holding only those
texts in the record's own structure (``title:``, ``answer: short:``, ``facts: - text:``),
with where they came from (``translated_from``) and who reviewed them (``reviewed_by``,
``reviewed_on``; empty until staff have). Keeping them apart lets one translator work
on one language without touching the records, and keeps the records readable.

:func:`apply_translations` puts each text into its record's :class:`~bot.knowledge.schema.Translated`
and checks, with the translation's file:line, that it keeps every fact of its source
(:mod:`bot.knowledge.factcheck`), every placeholder of a catalogue text, and that it
translates a text the record has.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ValidationError

from bot.knowledge import schema
from bot.knowledge.errors import KnowledgeError
from bot.knowledge.factcheck import differences

#: The file of German office names every translation keeps (``translations/keep-in-german.yml``).
KEEP_IN_GERMAN = "keep-in-german.yml"
FOLDER = "translations"


class TranslationHeader(schema.Strict):
    """The fields of a translation file that are not texts."""

    id: schema.RecordId
    translated_from: Literal["de", "en"]
    #: Who of the staff reviewed this translation, and when; empty until then.
    reviewed_by: schema.Text | None = None
    reviewed_on: dt.date | None = None


class KeepInGerman(schema.Strict):
    """German office names that stay in German beside every translation."""

    terms: list[schema.Text]


_HEADER_KEYS = frozenset(TranslationHeader.model_fields)

#: The line of the field at a location in a file (read again only when there is an error).
LineIn = Callable[[Path, tuple[Any, ...]], "int | None"]


@dataclass(frozen=True)
class TranslationFile:
    """One valid translation file: its header, its texts and the YAML (for line numbers)."""

    language: str
    kind: str
    path: Path
    header: TranslationHeader
    data: Any

    @property
    def reviewed(self) -> bool:
        """Whether staff have reviewed this translation."""
        return self.header.reviewed_by is not None


@dataclass(frozen=True)
class TranslationInfo:
    """What the staff report lists of a translation file."""

    language: str
    kind: str
    record_id: str
    path: str
    translated_from: str
    reviewed_by: str | None
    reviewed_on: dt.date | None


def place_of(relative: Path, kinds: tuple[str, ...]) -> tuple[str, str] | str:
    """(language, kind) of a translation file below ``translations/``, or why it has none."""
    parts = relative.parts
    if len(parts) < 3:
        return (
            f"is not in a language folder; move it to translations/<language>/<folder>/ "
            f"(languages: {', '.join(schema.TRANSLATED_LANGUAGES)})"
        )
    language = parts[1]
    if language not in schema.TRANSLATED_LANGUAGES:
        return f"'{language}' is not a language translations are read for; use one of " + ", ".join(
            schema.TRANSLATED_LANGUAGES
        )
    folder = Path(*parts[2:-1]).as_posix()
    matches = [kind for kind in kinds if folder == kind]
    if not matches:
        return f"translates no knowledge folder; move it into translations/{language}/<one of {', '.join(kinds)}>/"
    return language, matches[0]


def read_translation(
    language: str, kind: str, path: Path, data: Any, line_in: LineIn
) -> TranslationFile | list[KnowledgeError]:
    """Check a translation file's header; its texts are checked against the record."""
    if not isinstance(data, dict):
        return [KnowledgeError(path, 1, "must be a set of 'key: value' lines")]
    header_data = {str(k): v for k, v in data.items() if k in _HEADER_KEYS}
    try:
        header = TranslationHeader.model_validate(
            {k: (str(v) if v is not None else None) for k, v in header_data.items()}
        )
    except ValidationError as exc:
        return [
            KnowledgeError(
                path,
                line_in(path, tuple(problem["loc"])),
                f"{' → '.join(map(str, problem['loc'])) or 'file'}: {problem['msg']}"
                + (
                    "; write 'translated_from: de' (or en), the language it was translated from"
                    if problem["loc"] == ("translated_from",)
                    else ""
                ),
            )
            for problem in exc.errors()
        ]
    if header.id != path.stem:
        return [
            KnowledgeError(
                path,
                line_in(path, ("id",)),
                f"id '{header.id}' differs from the file name; the file translates the record "
                f"'{path.stem}'",
            )
        ]
    return TranslationFile(language, kind, path, header, data)


def apply_translations(
    record: schema.Record,
    source: Path,
    translation: TranslationFile,
    keep_in_german: list[str],
    line_in: LineIn,
) -> tuple[schema.Record, list[KnowledgeError]]:
    """``record`` with the texts of ``translation`` in it, and what is wrong with them."""
    errors: list[KnowledgeError] = []
    texts = {k: v for k, v in translation.data.items() if k not in _HEADER_KEYS}
    context = _Context(translation, source, keep_in_german, line_in, errors)
    updated = context.into_model(record, texts, ())
    assert isinstance(updated, schema.Record)
    return updated, errors


@dataclass
class _Context:
    translation: TranslationFile
    source: Path
    keep_in_german: list[str]
    line_in: LineIn
    errors: list[KnowledgeError]

    def error(self, loc: tuple[Any, ...], message: str) -> None:
        where = " → ".join(str(part + 1 if isinstance(part, int) else part) for part in loc)
        self.errors.append(
            KnowledgeError(
                self.translation.path,
                self.line_in(self.translation.path, loc),
                f"{where}: {message}" if where else message,
            )
        )

    def into_model(self, model: BaseModel, node: Any, loc: tuple[Any, ...]) -> BaseModel:
        if not isinstance(node, dict):
            self.error(loc, "must hold the record's texts as 'key: text' lines")
            return model
        update = {}
        for key, value in node.items():
            name = str(key)
            here = (*loc, name)
            current = getattr(model, name, None) if name in type(model).model_fields else None
            if current is None:
                self.error(here, f"{self._source_name()} has no text '{name}' here; remove it")
                continue
            translated = self.into(current, value, here)
            if translated is not current:
                update[name] = translated
        return model.model_copy(update=update) if update else model

    def into(self, current: Any, node: Any, loc: tuple[Any, ...]) -> Any:
        if isinstance(current, schema.Translated):
            return self.into_text(current, node, loc)
        if isinstance(current, BaseModel):
            return self.into_model(current, node, loc)
        if isinstance(current, list):
            if not isinstance(node, list) or len(node) != len(current):
                self.error(
                    loc,
                    f"must be a list of {len(current)} entries, one per entry of the record "
                    "(write {} for an entry without texts)",
                )
                return current
            items = [
                item if entry in ({}, None) else self.into(item, entry, (*loc, n))
                for n, (item, entry) in enumerate(zip(current, node, strict=True))
            ]
            return (
                items if any(a is not b for a, b in zip(items, current, strict=True)) else current
            )
        if isinstance(current, dict):
            if not isinstance(node, dict):
                self.error(loc, "must hold the texts as 'key: text' lines")
                return current
            changed = dict(current)
            for key, value in node.items():
                if key not in current:
                    self.error((*loc, key), f"{self._source_name()} has no text '{key}'; remove it")
                    continue
                changed[key] = self.into(current[key], value, (*loc, key))
            return changed
        self.error(loc, f"is not a text in {self._source_name()}; remove it")
        return current

    def into_text(self, current: schema.Translated, node: Any, loc: tuple[Any, ...]) -> Any:
        language = self.translation.language
        if not isinstance(node, str) or not node.strip():
            self.error(loc, "must be the translated text; delete the line to leave it untranslated")
            return current
        text = str(node).strip()
        if text in (current.de, current.en) and len(text.split()) >= 4:
            # A name ("IHK Ostfriesland und Papenburg") may stay as it is; a sentence may not.
            self.error(
                loc,
                "is still the German or English text; translate it, or delete the line to "
                "leave it untranslated (answers then show the English text)",
            )
            return current
        source = getattr(current, self.translation.header.translated_from)
        for problem in differences(source, text, current.de, self.keep_in_german):
            self.error(loc, f"the translation changes a fact: {problem}")
        wanted, used = _placeholders(source), _placeholders(text)
        if wanted != used:
            self.error(
                loc,
                "keep the placeholders exactly as in the source: "
                + ", ".join(f"{{{p}}}" for p in sorted(wanted))
                + (f" (found {', '.join(f'{{{p}}}' for p in sorted(used))})" if used else ""),
            )
        unreviewed = current.unreviewed
        if not self.translation.reviewed:
            unreviewed = unreviewed | {language}
        return current.model_copy(update={language: text, "unreviewed": unreviewed})

    def _source_name(self) -> str:
        return f"{self.source.parent.name}/{self.source.name}"


_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def _placeholders(text: str) -> frozenset[str]:
    return frozenset(_PLACEHOLDER.findall(text))


def untranslated(model: BaseModel, language: str, path: str = "") -> list[str]:
    """The texts of a record that have no translation into ``language`` (for the report)."""
    missing: list[str] = []
    for name, value in model:
        where = f"{path}{name}"
        if isinstance(value, schema.Translated):
            if value.translation(language) is None:
                missing.append(where)
        elif isinstance(value, BaseModel):
            missing += untranslated(value, language, f"{where} → ")
        elif isinstance(value, list):
            for n, item in enumerate(value):
                if isinstance(item, BaseModel):
                    missing += untranslated(item, language, f"{where} → {n + 1}. ")
        elif isinstance(value, dict):
            for key, item in value.items():
                if isinstance(item, schema.Translated) and item.translation(language) is None:
                    missing.append(f"{where} → {key}")
    return missing
