"""Read and validate the whole knowledge folder: every error at once, with file:line.

This is the one validation path: the CLI check, the database sync and the
running app server all call :func:`load_knowledge`.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError

from bot.knowledge import schema
from bot.knowledge.crosscheck import crosscheck
from bot.knowledge.errors import KnowledgeError, KnowledgeInvalid
from bot.knowledge.index import KnowledgeBase

logger = logging.getLogger(__name__)

#: Folder below ``knowledge/`` → the model each of its files must match.
KINDS: dict[str, type[schema.Record]] = {
    "messages": schema.Message,
    "regions/districts": schema.District,
    "regions/municipalities": schema.Municipality,
    "partners": schema.Partner,
    "professions": schema.Profession,
    "topics": schema.Topic,
}


@dataclass(frozen=True)
class Parsed:
    """One valid record with the YAML it came from (for line numbers)."""

    kind: str
    path: Path
    record: Any
    data: Any

    def line(self, *loc: str | int) -> int | None:
        """The line of the field at ``loc`` in this record's file."""
        return line_of(self.data, loc)


def load_knowledge(root: Path) -> KnowledgeBase:
    """Validate every file below ``root`` and build the runtime index.

    Raises:
        KnowledgeInvalid: with every error found, when any file is broken.
    """
    if not root.is_dir():
        raise KnowledgeInvalid([KnowledgeError(root, None, "is not a folder")])
    errors: list[KnowledgeError] = []
    parsed: dict[str, dict[str, Parsed]] = {kind: {} for kind in KINDS}
    broken: set[tuple[str, str]] = set()  # (kind, file stem) of files with errors
    digest = hashlib.sha256()
    for kind, path in _knowledge_files(root):
        raw = path.read_bytes()
        digest.update(str(path.relative_to(root)).encode() + b"\0" + raw + b"\0")
        item = _parse(kind, path, raw, errors)
        if item is None:
            broken.add((kind, path.stem))
            continue
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
    errors += [
        KnowledgeError(stray, None, "ends in .yaml and is not read; rename it to .yml")
        for stray in sorted(root.rglob("*.yaml"))
    ]
    errors += crosscheck(parsed, broken)
    if errors:
        raise KnowledgeInvalid(errors)
    records = {kind: {i: p.record for i, p in items.items()} for kind, items in parsed.items()}
    return KnowledgeBase.build(records, content_hash=digest.hexdigest())


def _knowledge_files(root: Path) -> Iterator[tuple[str, Path]]:
    for kind in KINDS:
        folder = root / kind
        if folder.is_dir():
            for path in sorted(folder.rglob("*.yml")):
                # Nested kinds (regions/districts) are walked on their own.
                if not any(part.startswith("_") for part in path.relative_to(root).parts):
                    yield kind, path


def _parse(kind: str, path: Path, raw: bytes, errors: list[KnowledgeError]) -> Parsed | None:
    try:
        data = YAML(typ="rt").load(raw.decode("utf-8"))
    except UnicodeDecodeError:
        errors.append(KnowledgeError(path, None, "is not UTF-8 text; save it as UTF-8"))
        return None
    except MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        errors.append(KnowledgeError(path, line, f"is not valid YAML: {exc.problem}"))
        return None
    if not isinstance(data, dict):
        errors.append(KnowledgeError(path, 1, "must be a set of 'key: value' lines"))
        return None
    try:
        record = KINDS[kind].model_validate(_plain(data))
    except ValidationError as exc:
        errors.extend(_explain(path, data, problem) for problem in exc.errors())
        return None
    if record.id != path.stem:
        errors.append(
            KnowledgeError(
                path,
                line_of(data, ("id",)),
                f"id '{record.id}' differs from the file name; "
                f"rename the file to '{record.id}.yml' or set 'id: {path.stem}'",
            )
        )
        return None
    return Parsed(kind, path, record, data)


def _plain(data: Any) -> Any:
    """ruamel's commented containers as plain dicts and lists for pydantic."""
    if isinstance(data, dict):
        return {str(k): _plain(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_plain(v) for v in data]
    return data


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
