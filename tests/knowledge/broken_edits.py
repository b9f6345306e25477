"""Kinds of broken knowledge edits staff (and their editors and file systems) make.

Shared by ``tests/knowledge/test_broken_edits.py`` (on the fixture knowledge, through
the one validation path and ``make check``) and ``benchmarks/faults.py`` (on the real
knowledge, through a running app server's watcher). Every edit works on any knowledge
folder: it picks the first file of a kind, and every change is undone exactly.
"""

from __future__ import annotations

import io
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML


class Editor:
    """Changes files below a knowledge folder and remembers how to undo each change."""

    def __init__(self, root: Path) -> None:
        """Edits go below ``root``."""
        self.root = root
        self._undo: list[Callable[[], None]] = []

    def first(self, folder: str) -> str:
        """The first record file of ``folder`` (relative to the root), by name."""
        return sorted(
            p.relative_to(self.root).as_posix() for p in (self.root / folder).glob("*.yml")
        )[0]

    def _remember(self, rel: str) -> Path:
        path = self.root / rel
        if path.is_symlink() or path.exists():
            if path.is_dir() and not path.is_symlink():
                raise ValueError(f"{rel} is a folder; edits change files only")
            before = path.read_bytes()
            self._undo.append(lambda: (_remove(path), path.write_bytes(before)))
        else:
            self._undo.append(lambda: _remove(path))
        return path

    def write(self, rel: str, content: str | bytes) -> None:
        """Replace (or create) ``rel`` with ``content``."""
        folder = (self.root / rel).parent
        if not folder.exists():
            folder.mkdir(parents=True)
            self._undo.append(lambda: shutil.rmtree(folder))
        path = self._remember(rel)
        _remove(path)
        path.write_bytes(content.encode() if isinstance(content, str) else content)

    def replace(self, rel: str, old: str, new: str) -> None:
        """Replace the first ``old`` in ``rel`` by ``new``."""
        text = (self.root / rel).read_text()
        if old not in text:
            raise ValueError(f"{old!r} not in {rel}")
        self.write(rel, text.replace(old, new, 1))

    def delete(self, rel: str) -> None:
        """Remove the file ``rel``."""
        path = self._remember(rel)
        _remove(path)

    def set_key(self, rel: str, keys: tuple[str | int, ...], value: Any) -> None:
        """Set the YAML value at ``keys`` (round trip: the rest of the file stays as it was)."""
        yaml = YAML(typ="rt")
        data = yaml.load((self.root / rel).read_text())
        node = data
        for key in keys[:-1]:
            node = node[key]
        node[keys[-1]] = value
        buffer = io.StringIO()
        yaml.dump(data, buffer)
        self.write(rel, buffer.getvalue())

    def drop_key(self, rel: str, key: str) -> None:
        """Remove the top-level ``key``."""
        yaml = YAML(typ="rt")
        data = yaml.load((self.root / rel).read_text())
        del data[key]
        buffer = io.StringIO()
        yaml.dump(data, buffer)
        self.write(rel, buffer.getvalue())

    def special(self, rel: str, make: Callable[[Path], None]) -> None:
        """Create a special entry (folder, link, pipe) at a new path ``rel``."""
        path = self.root / rel
        if path.exists() or path.is_symlink():
            raise ValueError(f"{rel} exists")
        self._undo.append(lambda: _remove(path))
        make(path)

    def undo(self) -> None:
        """Undo every change, newest first."""
        while self._undo:
            self._undo.pop()()


def _remove(path: Path) -> None:
    if path.is_symlink() or path.is_file() or (path.exists() and not path.is_dir()):
        path.unlink()
    elif path.is_dir():
        shutil.rmtree(path)


@dataclass(frozen=True)
class BrokenEdit:
    """One kind of broken edit: what it does to a folder, in words and in code."""

    name: str
    apply: Callable[[Editor], None]


def _message(name: str) -> str:
    return f"messages/{name}.yml"


def _bomb(depth: int) -> str:
    # Nine levels of ten aliases: a thousand million strings if expanded naively.
    lines = ['id: "x"', 'a0: &a0 ["lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, depth)]
    return "\n".join(lines) + "\n"


def _duplicate_synonym(ed: Editor) -> None:
    source = ed.first("professions")
    text = (ed.root / source).read_text()
    stem = Path(source).stem
    ed.write(f"professions/{stem}-copy.yml", text.replace(f"id: {stem}", f"id: {stem}-copy", 1))


def _draft_referenced_partner(ed: Editor) -> None:
    yaml = YAML(typ="safe")
    for path in sorted((ed.root / "topics").glob("*.yml")):
        partners = yaml.load(path.read_text()).get("partners") or []
        if partners:
            ed.set_key(f"partners/{partners[0]}.yml", ("status",), "draft")
            return
    raise ValueError("no topic names a partner")


EDITS: list[BrokenEdit] = [
    # Required messages removed or unpublished.
    *[
        BrokenEdit(f"delete {name}", lambda ed, n=name: ed.delete(_message(n)))
        for name in (
            "greeting",
            "privacy-notice",
            "technical-problem",
            "message-too-long",
            "text-only",
        )
    ],
    BrokenEdit(
        "greeting set to draft", lambda ed: ed.set_key(_message("greeting"), ("status",), "draft")
    ),
    BrokenEdit(
        "privacy notice set to draft",
        lambda ed: ed.set_key(_message("privacy-notice"), ("status",), "draft"),
    ),
    # What is in a file is not a record.
    BrokenEdit("empty file", lambda ed: ed.write(_message("greeting"), "")),
    BrokenEdit("only a comment", lambda ed: ed.write(_message("greeting"), "# nothing yet\n")),
    BrokenEdit("a list at the top", lambda ed: ed.write(_message("greeting"), "- id: greeting\n")),
    BrokenEdit("a bare word", lambda ed: ed.write(_message("greeting"), "greeting\n")),
    BrokenEdit(
        "NUL character", lambda ed: ed.replace(_message("greeting"), "status", "sta\x00tus")
    ),
    BrokenEdit(
        "bell character", lambda ed: ed.replace(_message("greeting"), "status", "\x07status")
    ),
    BrokenEdit(
        "not UTF-8 (Latin-1)",
        lambda ed: ed.write(
            _message("greeting"),
            (ed.root / _message("greeting")).read_text().encode("latin-1", "replace")
            + "Grüße\n".encode("latin-1"),
        ),
    ),
    BrokenEdit(
        "UTF-16",
        lambda ed: ed.write(
            _message("greeting"), (ed.root / _message("greeting")).read_text().encode("utf-16")
        ),
    ),
    BrokenEdit(
        "tab indentation",
        lambda ed: ed.replace(_message("greeting"), "text:\n  de:", "text:\n\tde:"),
    ),
    BrokenEdit(
        "unclosed quote",
        lambda ed: ed.replace(_message("greeting"), "status: published", 'status: "published'),
    ),
    BrokenEdit(
        "duplicate key",
        lambda ed: ed.replace(
            _message("greeting"), "status: published", "status: published\nstatus: draft"
        ),
    ),
    BrokenEdit(
        "20,000 nested brackets",
        lambda ed: ed.write(_message("greeting"), "id: " + "[" * 20000 + "]" * 20000 + "\n"),
    ),
    BrokenEdit("alias bomb", lambda ed: ed.write(_message("greeting"), _bomb(9))),
    BrokenEdit(
        "file of 3 MB",
        lambda ed: ed.write(
            _message("greeting"),
            (ed.root / _message("greeting")).read_text() + "# " + "x" * 3_000_000 + "\n",
        ),
    ),
    # The file system.
    BrokenEdit("folder named x.yml", lambda ed: ed.special("topics/x.yml", lambda p: p.mkdir())),
    BrokenEdit(
        "file ending .yaml",
        lambda ed: ed.write("topics/new-topic.yaml", (ed.root / ed.first("topics")).read_text()),
    ),
    BrokenEdit("link loop", lambda ed: ed.special("topics/loop", lambda p: p.symlink_to("."))),
    BrokenEdit(
        "link to a missing file",
        lambda ed: ed.special("topics/gone.yml", lambda p: p.symlink_to("nowhere.yml")),
    ),
    BrokenEdit("named pipe", lambda ed: ed.special("topics/pipe.yml", lambda p: os.mkfifo(p))),
    BrokenEdit(
        "file outside every kind's folder",
        lambda ed: ed.write("stray.yml", (ed.root / _message("greeting")).read_text()),
    ),
    BrokenEdit(
        "id differs from the file name",
        lambda ed: ed.set_key(ed.first("topics"), ("id",), "other-id"),
    ),
    BrokenEdit(
        "the same id twice",
        lambda ed: ed.write(
            f"topics/more/{Path(ed.first('topics')).name}",
            (ed.root / ed.first("topics")).read_text(),
        ),
    ),
    # Keys and values.
    BrokenEdit("unknown key", lambda ed: ed.set_key(ed.first("partners"), ("colour",), "blue")),
    BrokenEdit("missing name", lambda ed: ed.drop_key(ed.first("partners"), "name")),
    BrokenEdit("status maybe", lambda ed: ed.set_key(ed.first("partners"), ("status",), "maybe")),
    BrokenEdit(
        "impossible date",
        lambda ed: ed.set_key(ed.first("partners"), ("as_of",), "2026-13-45"),
    ),
    BrokenEdit(
        "date in words",
        lambda ed: ed.set_key(ed.first("partners"), ("as_of",), "yesterday"),
    ),
    BrokenEdit(
        "published without sources", lambda ed: ed.drop_key(ed.first("partners"), "sources")
    ),
    BrokenEdit(
        "confirmed by nobody",
        lambda ed: ed.replace(
            ed.first("partners"), "\nsources:", "\nlast_verified: 2026-11-28\nsources:"
        ),
    ),
    BrokenEdit(
        "phone without country code",
        lambda ed: ed.set_key(ed.first("partners"), ("contact",), {"phone": ["0491 123456"]}),
    ),
    BrokenEdit(
        "impossible phone number",
        lambda ed: ed.set_key(ed.first("partners"), ("contact",), {"phone": ["+49 12"]}),
    ),
    BrokenEdit(
        "malformed e-mail",
        lambda ed: ed.set_key(
            ed.first("partners"), ("contact",), {"email": ["info(at)example.de"]}
        ),
    ),
    BrokenEdit(
        "web address without https",
        lambda ed: ed.set_key(ed.first("partners"), ("contact",), {"web": "www.example.de"}),
    ),
    BrokenEdit(
        "four-digit postal code",
        lambda ed: ed.set_key(
            ed.first("partners"), ("contact",), {"address": {"postal_code": "2678", "city": "Leer"}}
        ),
    ),
    BrokenEdit(
        "unknown partner kind", lambda ed: ed.set_key(ed.first("partners"), ("kind",), "embassy")
    ),
    BrokenEdit(
        "unknown need", lambda ed: ed.set_key(ed.first("partners"), ("helps_with",), ["everything"])
    ),
    BrokenEdit("empty coverage", lambda ed: ed.set_key(ed.first("partners"), ("coverage",), [])),
    BrokenEdit(
        "coverage of an unknown district",
        lambda ed: ed.set_key(ed.first("partners"), ("coverage",), ["landkreis-atlantis"]),
    ),
    BrokenEdit("a number as the name", lambda ed: ed.set_key(ed.first("partners"), ("name",), 123)),
    BrokenEdit(
        "a list as a text",
        lambda ed: ed.set_key(ed.first("partners"), ("description", "de"), ["eins", "zwei"]),
    ),
    BrokenEdit(
        "empty German text", lambda ed: ed.set_key(ed.first("partners"), ("description", "de"), "")
    ),
    BrokenEdit(
        "English text missing",
        lambda ed: ed.set_key(ed.first("partners"), ("description",), {"de": "Nur Deutsch"}),
    ),
    BrokenEdit(
        "an id with capitals",
        lambda ed: ed.set_key(ed.first("partners"), ("coverage",), ["Landkreis Leer"]),
    ),
    BrokenEdit(
        "referral webhook over http",
        lambda ed: ed.set_key(
            ed.first("partners"),
            ("referral",),
            {
                "webhook": "http://example.de/hook",
                "secret_variable": "EMS_REFERRAL_SECRET_X",
                "agreed_on": "2026-01-01",
            },
        ),
    ),
    BrokenEdit(
        "unknown language key",
        lambda ed: ed.set_key(_message("greeting"), ("translations",), {"xx": "Hallo"}),
    ),
    BrokenEdit(
        "topic names a missing partner",
        lambda ed: ed.set_key(ed.first("topics"), ("partners",), ["no-such-partner"]),
    ),
    BrokenEdit("a referenced partner set to draft", _draft_referenced_partner),
    BrokenEdit(
        "topic without keywords",
        lambda ed: ed.set_key(ed.first("topics"), ("keywords",), {"de": [], "en": []}),
    ),
    BrokenEdit(
        "regulated: perhaps",
        lambda ed: ed.set_key(ed.first("professions"), ("regulated",), "perhaps"),
    ),
    BrokenEdit("a synonym naming two professions", _duplicate_synonym),
    BrokenEdit(
        "municipality in an unknown district",
        lambda ed: ed.set_key(
            ed.first("regions/municipalities"), ("district",), "landkreis-atlantis"
        ),
    ),
    BrokenEdit(
        "district with a wrong AGS",
        lambda ed: ed.set_key(ed.first("regions/districts"), ("ags",), "12"),
    ),
]
