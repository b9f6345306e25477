"""Record that a person confirmed a knowledge record against its live source.

``python -m bot knowledge confirm <id> --by "<name>"`` writes ``last_verified`` (today) and
``verified_by`` into the record's file, keeping its comments and layout, and only if the
folder is still valid afterwards: answers then say the team checked the record, and the
staff report lists it as confirmed. Nothing else may set these fields (the schema requires
both together).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ruamel.yaml import YAML

from bot.knowledge.errors import KnowledgeInvalid
from bot.knowledge.loader import KINDS, load_knowledge


class NoSuchRecord(LookupError):
    """No knowledge file has that id."""


def confirm(root: Path, record_id: str, by: str, today: dt.date | None = None) -> Path:
    """Mark ``record_id`` as confirmed by ``by`` on ``today``; the file that was changed.

    Raises:
        NoSuchRecord: no file of any kind has this id.
        ValueError: ``by`` is empty.
        KnowledgeInvalid: the folder has errors (then nothing was changed).
    """
    if not by.strip():
        raise ValueError('say who confirmed the record: --by "<your name>"')
    path = _file_of(root, record_id)
    load_knowledge(root)  # refuse to write into a folder that is already broken
    original = path.read_text(encoding="utf-8")
    yaml = YAML()  # round trip: comments, order and quoting stay as staff wrote them
    yaml.preserve_quotes = True
    yaml.width = 4096
    data = yaml.load(original)
    day = today or dt.date.today()
    keys = list(data)
    # Beside the record's provenance; at the end of a draft that has none yet.
    after = next((keys.index(k) + 1 for k in ("as_of", "sources") if k in keys), len(keys))
    for offset, (key, value) in enumerate((("last_verified", day), ("verified_by", by.strip()))):
        if key in data:
            data[key] = value
        else:
            data.insert(after + offset, key, value)
    with path.open("w", encoding="utf-8") as out:
        yaml.dump(data, out)
    try:
        load_knowledge(root)
    except KnowledgeInvalid:
        path.write_text(original, encoding="utf-8")
        raise
    return path


def _file_of(root: Path, record_id: str) -> Path:
    found = [root / kind / f"{record_id}.yml" for kind in KINDS]
    existing = [p for p in found if p.is_file()]
    if not existing:
        raise NoSuchRecord(f"no knowledge file is called {record_id}.yml")
    if len(existing) > 1:
        names = ", ".join(str(p.relative_to(root)) for p in existing)
        raise NoSuchRecord(
            f"several files are called {record_id}.yml ({names}); confirm one by hand"
        )
    return existing[0]
