"""Read and validate the whole knowledge folder: every error at once, with file:line.

This is the one validation path: the CLI check, the database sync and the
running app server all call :func:`load_knowledge`.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError

from bot.knowledge.errors import KnowledgeError, KnowledgeInvalid
from bot.knowledge.index import KnowledgeBase
from bot.knowledge.schema import Message

logger = logging.getLogger(__name__)

#: Folder below ``knowledge/`` → the model each of its files must match.
KINDS: dict[str, type[BaseModel]] = {"messages": Message}


def load_knowledge(root: Path) -> KnowledgeBase:
    """Validate every file below ``root`` and build the runtime index.

    Raises:
        KnowledgeInvalid: with every error found, when any file is broken.
    """
    errors: list[KnowledgeError] = []
    records: dict[str, dict[str, Any]] = {kind: {} for kind in KINDS}
    digest = hashlib.sha256()
    if not root.is_dir():
        raise KnowledgeInvalid([KnowledgeError(root, None, "is not a folder")])
    for kind, path in _knowledge_files(root):
        raw = path.read_bytes()
        digest.update(str(path.relative_to(root)).encode() + b"\0" + raw)
        record = _parse(path, raw, KINDS[kind], errors)
        if record is not None:
            records[kind][record.id] = record
    if errors:
        raise KnowledgeInvalid(errors)
    return KnowledgeBase(messages=records["messages"], content_hash=digest.hexdigest())


def _knowledge_files(root: Path) -> Iterator[tuple[str, Path]]:
    for kind in sorted(KINDS):
        folder = root / kind
        if folder.is_dir():
            for path in sorted(folder.glob("*.yml")):
                yield kind, path


def _parse(path: Path, raw: bytes, model: type[BaseModel], errors: list[KnowledgeError]) -> Any:
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
        record = model.model_validate(dict(data))
    except ValidationError as exc:
        for problem in exc.errors():
            errors.append(_explain(path, data, problem))
        return None
    if record.id != path.stem:  # type: ignore[attr-defined]
        errors.append(
            KnowledgeError(
                path,
                _line_of(data, ("id",)),
                f"id '{record.id}' differs from the file name; "  # type: ignore[attr-defined]
                f"rename the file to '{record.id}.yml' or set 'id: {path.stem}'",  # type: ignore[attr-defined]
            )
        )
        return None
    return record


def _explain(path: Path, data: Any, problem: Any) -> KnowledgeError:
    loc = tuple(problem["loc"])
    field = " → ".join(str(part) for part in loc) or "file"
    if problem["type"] == "extra_forbidden":
        message = f"unknown key '{field}'; check its spelling or remove it"
    elif problem["type"] == "missing":
        message = f"'{field}' is missing; add it"
    elif problem["type"] == "value_error":
        # Our own validators already speak plain language.
        reason = str(problem["ctx"]["error"])
        message = f"{field}: {reason}" if loc else reason
    else:
        message = f"{field}: {problem['msg']}"
    return KnowledgeError(path, _line_of(data, loc), message)


def _line_of(data: Any, loc: tuple[Any, ...]) -> int | None:
    """The 1-based line of the deepest node of ``loc`` that exists in ``data``."""
    line = 1
    node = data
    for key in loc:
        lc = getattr(node, "lc", None)
        try:
            if lc is not None:
                line = lc.key(key)[0] + 1 if isinstance(node, dict) else lc.item(key)[0] + 1
            node = node[key]
        except (KeyError, IndexError, TypeError):
            break
    return line
