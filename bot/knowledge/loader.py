"""Read and validate the whole knowledge folder: every error at once, with file:line.

This is the one validation path: the CLI check, the database sync and the
running app server all call :func:`load_knowledge`.
"""

from __future__ import annotations

import hashlib
import logging
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from bot.knowledge import schema
from bot.knowledge.crosscheck import crosscheck
from bot.knowledge.errors import KnowledgeError, KnowledgeInvalid
from bot.knowledge.files import walk
from bot.knowledge.index import KnowledgeBase
from bot.knowledge.translations import (
    FOLDER as TRANSLATIONS,
)
from bot.knowledge.translations import (
    KEEP_IN_GERMAN,
    KeepInGerman,
    TranslationFile,
    TranslationInfo,
    apply_translations,
    place_of,
    read_translation,
)

logger = logging.getLogger(__name__)

#: Folder below ``knowledge/`` → the model each of its files must match.
KINDS: dict[str, type[schema.Record]] = {
    "messages": schema.Message,
    "texts": schema.TextGroup,
    "aspects": schema.AspectWords,
    "vocabulary": schema.Vocabulary,
    "services": schema.Service,
    "regions/districts": schema.District,
    "regions/municipalities": schema.Municipality,
    "partners": schema.Partner,
    "professions": schema.Profession,
    "topics": schema.Topic,
}


@dataclass(frozen=True)
class Parsed:
    """One valid record and the file it came from (whose lines an error names)."""

    kind: str
    path: Path
    record: Any

    def line(self, *loc: str | int) -> int | None:
        """The line of the field at ``loc`` in this record's file (read again, with lines)."""
        return _line_in_file(self.path, loc)


def load_knowledge(root: Path, cache: ParseCache | None = None) -> KnowledgeBase:
    """Validate every file below ``root`` and build the runtime index.

    ``cache`` keeps the files parsed by an earlier call; only files whose bytes
    changed are parsed again (parsing is nine tenths of a load).

    Raises:
        KnowledgeInvalid: with every error found, when any file is broken.
    """
    if not root.is_dir():
        raise KnowledgeInvalid([KnowledgeError(root, None, "is not a folder")])
    errors: list[KnowledgeError] = []
    parsed: dict[str, dict[str, Parsed]] = {kind: {} for kind in KINDS}
    broken: set[tuple[str, str]] = set()  # (kind, file stem) of files with errors
    digest = hashlib.sha256()
    fresh_cache: ParseCache = {}
    translations: list[TranslationFile] = []
    keep_in_german: KeepInGerman | None = None
    files: list[tuple[str, Path, bytes]] = []
    for kind, path in _knowledge_files(root, errors):
        try:
            raw = path.read_bytes()
        except OSError as exc:
            errors.append(KnowledgeError(path, None, f"cannot be read ({exc.strerror or exc})"))
            broken.add((kind, path.stem))
            continue
        digest.update(str(path.relative_to(root)).encode() + b"\0" + raw + b"\0")
        files.append((kind, path, raw))
    content_hash = digest.hexdigest()
    known = None if errors else _BUILT.get(root, content_hash)
    if known is not None:
        knowledge, parsed_files = known
        if cache is not None:
            cache.clear()
            cache.update(parsed_files)
        return knowledge
    for kind, path, raw in files:
        key = (kind, path, hashlib.sha256(raw).digest())
        outcome = cache.get(key) if cache is not None else None
        if outcome is None:
            outcome = _parse_safely(kind, path, raw, root)
        fresh_cache[key] = outcome
        if isinstance(outcome, list):
            errors.extend(outcome)
            broken.add((kind, path.stem))
            continue
        if isinstance(outcome, TranslationFile):
            translations.append(outcome)
            continue
        if isinstance(outcome, KeepInGerman):
            keep_in_german = outcome
            continue
        item = outcome
        twin = parsed[kind].get(item.record.id)
        if twin is not None:
            errors.append(
                KnowledgeError(
                    path,
                    item.line("id"),
                    f"id '{item.record.id}' is already used by {twin.path.relative_to(root)}; give one of them another id",
                )
            )
            continue
        parsed[kind][item.record.id] = item
    if cache is not None:
        # Keep only this version's files, so the cache never outgrows the folder.
        cache.clear()
        cache.update(fresh_cache)
    infos = _translate(parsed, broken, translations, keep_in_german, root, errors)
    errors += crosscheck(parsed, broken, root)
    if errors:
        raise KnowledgeInvalid(errors)
    records = {kind: {i: p.record for i, p in items.items()} for kind, items in parsed.items()}
    knowledge = KnowledgeBase.build(records, content_hash=content_hash, translations=infos)
    _BUILT.put(root, content_hash, (knowledge, fresh_cache))
    return knowledge


class _BuiltVersions:
    """The versions this process built last, by folder and content hash.

    Loading a folder whose bytes have not changed returns the version built from them (it is
    immutable): a second app server in one process, or a check after a reload, costs reading
    the files, not parsing and validating them again.
    """

    _KEEP = 2

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._versions: dict[tuple[Path, str], tuple[KnowledgeBase, ParseCache]] = {}

    def get(self, root: Path, content_hash: str) -> tuple[KnowledgeBase, ParseCache] | None:
        with self._lock:
            return self._versions.get((root.resolve(), content_hash))

    def put(self, root: Path, content_hash: str, built: tuple[KnowledgeBase, ParseCache]) -> None:
        with self._lock:
            self._versions[(root.resolve(), content_hash)] = built
            while len(self._versions) > self._KEEP:
                del self._versions[next(iter(self._versions))]


_BUILT = _BuiltVersions()


def _translate(
    parsed: dict[str, dict[str, Parsed]],
    broken: set[tuple[str, str]],
    translations: list[TranslationFile],
    keep_in_german: KeepInGerman | None,
    root: Path,
    errors: list[KnowledgeError],
) -> tuple[TranslationInfo, ...]:
    """Put each translation into its record (in ``parsed``); what is wrong goes to ``errors``."""
    if translations and keep_in_german is None:
        errors.append(
            KnowledgeError(
                root / TRANSLATIONS / KEEP_IN_GERMAN,
                None,
                "is missing: it lists the German office names every translation keeps",
            )
        )
    terms = keep_in_german.terms if keep_in_german else []
    infos = []
    for translation in sorted(translations, key=lambda t: str(t.path)):
        record_id = translation.header.id
        item = parsed[translation.kind].get(record_id)
        if item is None:
            if (translation.kind, record_id) not in broken:
                errors.append(
                    KnowledgeError(
                        translation.path,
                        None,
                        f"translates knowledge/{translation.kind}/{record_id}.yml, which does "
                        "not exist; rename or delete the translation",
                    )
                )
            continue
        record, problems = apply_translations(
            item.record, item.path, translation, terms, _line_in_file
        )
        errors += problems
        parsed[translation.kind][record_id] = Parsed(item.kind, item.path, record)
        infos.append(
            TranslationInfo(
                language=translation.language,
                kind=translation.kind,
                record_id=record_id,
                path=str(translation.path.relative_to(root)),
                translated_from=translation.header.translated_from,
                reviewed_by=translation.header.reviewed_by,
                reviewed_on=translation.header.reviewed_on,
            )
        )
    return tuple(infos)


#: What parsing one file gave, by (kind, path, SHA-256 of its bytes): the record or its errors.
ParseCache = dict[
    tuple[str, Path, bytes], "Parsed | TranslationFile | KeepInGerman | list[KnowledgeError]"
]


def _knowledge_files(root: Path, errors: list[KnowledgeError]) -> Iterator[tuple[str, Path]]:
    """The ``.yml`` files of each kind's folder; every oddity met on the way is an error."""
    for entry in walk(root):
        relative = entry.path.relative_to(root)
        if any(part.startswith("_") for part in relative.parts):
            continue  # templates and other files staff keep beside the records
        if entry.oddity is not None:
            errors.append(KnowledgeError(entry.path, None, entry.oddity.reason))
            continue
        if entry.path.suffix in (".yml", ".yaml") and entry.is_folder:
            errors.append(
                KnowledgeError(
                    entry.path, None, "is a folder named like a knowledge file; rename it"
                )
            )
            continue
        if entry.is_folder:
            continue
        if entry.path.suffix == ".yaml":
            errors.append(
                KnowledgeError(entry.path, None, "ends in .yaml and is not read; rename it to .yml")
            )
            continue
        if entry.path.suffix != ".yml":
            continue
        if relative.parts[0] == TRANSLATIONS:
            yield TRANSLATIONS, entry.path
            continue
        kind = _kind_of(relative)
        if kind is None:
            errors.append(
                KnowledgeError(
                    entry.path,
                    None,
                    f"is not in a folder the assistant reads; move it into one of {', '.join(KINDS)}",
                )
            )
            continue
        yield kind, entry.path


def _kind_of(relative: Path) -> str | None:
    # The longest folder name wins: regions/districts before a hypothetical regions.
    folder = relative.parent.as_posix()
    matches = [kind for kind in KINDS if folder == kind or folder.startswith(f"{kind}/")]
    return max(matches, key=len) if matches else None


def _parse_safely(
    kind: str, path: Path, raw: bytes, root: Path
) -> Parsed | TranslationFile | KeepInGerman | list[KnowledgeError]:
    """:func:`_parse`, with anything unforeseen in a file told as that file's error.

    A knowledge file is staff input: whatever is in it must end as a message with the
    file's name (in ``make check``, ``/health`` and the staff page), never as a
    traceback that stops the check or the reload.
    """
    errors: list[KnowledgeError] = []
    try:
        if kind == TRANSLATIONS:
            return _parse_translation(path, raw, root)
        parsed = _parse(kind, path, raw, errors)
    except RecursionError:
        return [KnowledgeError(path, None, "nests lists or brackets too deeply to be read")]
    except Exception as exc:
        logger.warning("unexpected problem reading %s", path, exc_info=True)
        return [KnowledgeError(path, None, f"cannot be read ({type(exc).__name__}: {exc})")]
    return parsed if parsed is not None else errors


def _read_yaml(path: Path, raw: bytes, errors: list[KnowledgeError], fast: bool = False) -> Any:
    """The YAML of a knowledge file, or ``None`` with the reason in ``errors``."""
    if len(raw) > MAX_FILE_BYTES:
        errors.append(
            KnowledgeError(
                path,
                None,
                f"is {len(raw) / 1e6:.1f} MB; a knowledge file holds one record of a few KB, "
                "so something was pasted in by mistake",
            )
        )
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        errors.append(KnowledgeError(path, None, "is not UTF-8 text; save it as UTF-8"))
        return None
    control = _CONTROL.search(text)
    if control:
        errors.append(
            KnowledgeError(
                path,
                text.count("\n", 0, control.start()) + 1,
                f"holds the invisible control character U+{ord(control.group()):04X}; delete it "
                "(it often comes with text copied from a PDF or a word processor)",
            )
        )
        return None
    try:
        data = _fast_yaml().load(text) if fast else _yaml().load(text)
    except YAMLError as exc:
        if fast:  # libyaml words its errors otherwise: every file's are told in ruamel's words
            return _read_yaml(path, raw, errors)
        line = (
            exc.problem_mark.line + 1
            if isinstance(exc, MarkedYAMLError) and exc.problem_mark
            else None
        )
        problem = exc.problem if isinstance(exc, MarkedYAMLError) else exc
        errors.append(KnowledgeError(path, line, f"is not valid YAML: {problem}"))
        return None
    if not isinstance(data, dict):
        errors.append(KnowledgeError(path, 1, "must be a set of 'key: value' lines"))
        return None
    return data


def _parse_translation(
    path: Path, raw: bytes, root: Path
) -> TranslationFile | KeepInGerman | list[KnowledgeError]:
    errors: list[KnowledgeError] = []
    # There are six files of translations per record: libyaml's safe loader reads them ten
    # times faster than the round-trip one, which is needed only for an error's line.
    data = _read_yaml(path, raw, errors, fast=True)
    if data is None:
        return errors
    relative = path.relative_to(root / TRANSLATIONS)
    if relative.as_posix() == KEEP_IN_GERMAN:
        try:
            return KeepInGerman.model_validate(_plain(data))
        except ValidationError as exc:
            return [_explain(path, data, problem) for problem in exc.errors()]
    place = place_of(Path(TRANSLATIONS) / relative, tuple(KINDS))
    if isinstance(place, str):
        return [KnowledgeError(path, None, place)]
    language, kind = place
    return read_translation(language, kind, path, data, _line_in_file)


def _parse(kind: str, path: Path, raw: bytes, errors: list[KnowledgeError]) -> Parsed | None:
    # libyaml's safe loader reads a file ten times faster than the round-trip one, whose
    # line numbers only an error needs: a file with one is read again with them.
    data = _read_yaml(path, raw, errors, fast=True)
    if data is None:
        return None
    try:
        record = KINDS[kind].model_validate(_plain(data))
    except _TooLarge:
        errors.append(
            KnowledgeError(
                path,
                None,
                f"expands to more than {MAX_VALUES:,} values; remove the repeated aliases (*name)",
            )
        )
        return None
    except ValidationError as exc:
        with_lines = _read_yaml(path, raw, [])
        errors.extend(_explain(path, with_lines, problem) for problem in exc.errors())
        return None
    if record.id != path.stem:
        errors.append(
            KnowledgeError(
                path,
                _line_in_file(path, ("id",)),
                f"id '{record.id}' differs from the file name; "
                f"rename the file to '{record.id}.yml' or set 'id: {path.stem}'",
            )
        )
        return None
    return Parsed(kind, path, record)


#: Characters YAML refuses (and a reader cannot see): C0 controls but tab and newlines, DEL, C1.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f]")


class _DatesAsText(RoundTripConstructor):
    """Dates stay text, so that pydantic checks them and an impossible one is told with its line."""


_DatesAsText.add_constructor("tag:yaml.org,2002:timestamp", RoundTripConstructor.construct_yaml_str)


#: One reader of each kind per thread: ruamel builds classes for every ``YAML()``, which
#: cost as much as reading a small file (a reload runs in its own thread).
_READERS = threading.local()


def _fast_yaml() -> YAML:
    """libyaml's safe loader, dates kept as text (values only, no line numbers)."""
    reader = getattr(_READERS, "fast", None)
    if reader is None:
        reader = YAML(typ="safe")
        reader.constructor.add_constructor(
            "tag:yaml.org,2002:timestamp", reader.constructor.__class__.construct_yaml_str
        )
        _READERS.fast = reader
    return reader


def _line_in_file(path: Path, loc: tuple[Any, ...]) -> int | None:
    """The line of ``loc`` in a file read with :func:`_fast_yaml` (read again, with lines)."""
    try:
        return line_of(_yaml().load(path.read_text(encoding="utf-8")), loc)
    except (OSError, UnicodeDecodeError, YAMLError):
        return None


def _yaml() -> YAML:
    """The round-trip loader: values with their line numbers, dates kept as text."""
    reader = getattr(_READERS, "round_trip", None)
    if reader is None:
        reader = YAML(typ="rt")
        reader.Constructor = _DatesAsText
        _READERS.round_trip = reader
    return reader


class _TooLarge(Exception):
    """A file expands to more values than any record has (aliases repeated in aliases)."""


def _plain(data: Any, budget: list[int] | None = None) -> Any:
    """ruamel's commented containers as plain dicts and lists for pydantic.

    YAML aliases are expanded here, so a few lines that repeat aliases of
    aliases would expand to billions of values: the expansion stops at
    :data:`MAX_VALUES`.
    """
    budget = budget if budget is not None else [MAX_VALUES]
    budget[0] -= 1
    if budget[0] < 0:
        raise _TooLarge
    if isinstance(data, dict):
        return {str(k): _plain(v, budget) for k, v in data.items()}
    if isinstance(data, list):
        return [_plain(v, budget) for v in data]
    if isinstance(data, str):
        return str(data)  # ruamel's scalar string types
    return data


#: More values than the largest record holds by far (a profession: a few hundred).
MAX_VALUES = 20_000
#: Larger than any knowledge file by far (the largest is about 10 KB).
MAX_FILE_BYTES = 1_000_000


def _explain(path: Path, data: Any, problem: Any) -> KnowledgeError:
    loc = tuple(problem["loc"])
    field = " → ".join(str(part) for part in loc) or "file"
    kind = problem["type"]
    if kind == "extra_forbidden":
        message = f"unknown key '{field}'; check its spelling or remove it"
    elif kind == "missing":
        message = f"'{field}' is missing; add it"
    elif kind == "value_error":
        # Our own validators already speak plain language.
        reason = str(problem["ctx"]["error"])
        message = f"{field}: {reason}" if loc else reason
    elif kind == "literal_error":
        message = (
            f"{field}: '{problem['input']}' is not allowed; use one of {problem['ctx']['expected']}"
        )
    elif kind.startswith("date"):
        message = f"{field}: '{problem['input']}' is not a date; write it like 2026-11-28"
    elif kind == "too_short":
        message = f"'{field}' is empty; add at least one entry"
    elif kind == "string_pattern_mismatch" and problem["ctx"]["pattern"] == schema.ID_PATTERN:
        # Every id and every reference to one share this pattern.
        message = f"{field}: '{problem['input']}' is not an id; ids are lower-case words joined by '-', like 'landkreis-leer'"
    else:
        message = f"{field}: {problem['msg']}"
    return KnowledgeError(path, line_of(data, loc), message)


def line_of(data: Any, loc: tuple[Any, ...]) -> int | None:
    """The 1-based line of the deepest node of ``loc`` that exists in ``data``."""
    line = 1
    node = data
    for key in loc:
        lc = getattr(node, "lc", None)
        try:
            if lc is not None:
                position = lc.key(key) if isinstance(node, dict) else lc.item(key)
                line = position[0] + 1
            node = node[key]
        except (KeyError, IndexError, TypeError):
            break
    return line
