"""Walk the knowledge folder the same way for reading and for watching, whatever lies in it.

Staff folders collect oddities: a link that points back at its own folder, a link to
nowhere, a folder named like a file, a file nobody may read. ``Path.rglob`` follows links
into folders (a loop recurses until the system refuses) and raises on the first unreadable
entry, so one such entry stopped the watcher for good. Here every entry is looked at
without following links into folders, and each oddity becomes a :class:`Oddity` the loader
reports with the file's path instead of an exception.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Oddity:
    """An entry below the knowledge folder that cannot be read as a knowledge file."""

    path: Path
    reason: str


@dataclass(frozen=True)
class Entry:
    """One entry met on the walk: a folder, a plain file (``stat`` set) or an oddity."""

    path: Path
    stat: os.stat_result | None = None
    oddity: Oddity | None = None
    is_folder: bool = False


def walk(root: Path) -> Iterator[Entry]:
    """Every entry below ``root`` in a stable order; links to folders are not followed.

    Links to files are followed (an editor or a deployment may use them); a link to a
    folder, a broken link and anything that is neither file nor folder is an oddity.
    """
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            children = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError as exc:
            yield Entry(folder, oddity=Oddity(folder, f"cannot be opened ({_why(exc)})"))
            continue
        folders = []
        for child in children:
            path = Path(child.path)
            try:
                own = child.stat(follow_symlinks=False)
                if stat.S_ISDIR(own.st_mode):
                    folders.append(path)
                    yield Entry(path, stat=own, is_folder=True)
                    continue
                target = child.stat() if stat.S_ISLNK(own.st_mode) else own
            except OSError as exc:
                yield Entry(path, oddity=Oddity(path, f"cannot be read ({_why(exc)})"))
                continue
            if stat.S_ISDIR(target.st_mode):
                yield Entry(
                    path,
                    oddity=Oddity(
                        path, "is a link to a folder; knowledge folders must be real folders"
                    ),
                )
            elif not stat.S_ISREG(target.st_mode):
                yield Entry(path, oddity=Oddity(path, "is not a regular file"))
            else:
                yield Entry(path, stat=target)
        # Depth first, in name order (the stack pops the last pushed first).
        stack.extend(reversed(folders))


def _why(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__
