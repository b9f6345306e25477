"""Notice when staff change a knowledge file, by polling the folder's fingerprint.

Polling works on every file system (network shares and container volumes
included), costs one ``stat`` per file, and needs no extra package. The walk
(:mod:`bot.knowledge.files`) never follows a link into a folder, so a link
loop or an unreadable entry is a reported error of the folder, never the end
of the watch.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections.abc import Awaitable, Callable
from pathlib import Path

from bot.knowledge.files import walk

logger = logging.getLogger(__name__)


def fingerprint(root: Path) -> str:
    """A hash of every entry's path, size and modification time below ``root``."""
    digest = hashlib.sha256()
    for entry in walk(root):
        relative = entry.path.relative_to(root)
        if entry.stat is not None:
            digest.update(f"{relative}\0{entry.stat.st_size}\0{entry.stat.st_mtime_ns}\0".encode())
        else:
            digest.update(f"{relative}\0{entry.oddity}\0".encode())
    return digest.hexdigest()


async def watch(
    root: Path,
    interval: float,
    on_change: Callable[[], Awaitable[object]],
    seen: str,
    on_problem: Callable[[str | None], None] = lambda problem: None,
) -> None:
    """Call ``on_change`` whenever the folder's fingerprint differs from ``seen``.

    ``seen`` is the fingerprint taken before the live version was read, so a
    change made while it was loading is not missed. Whatever goes wrong in one
    round is logged and told to ``on_problem`` (None once a round succeeds);
    the watch goes on until cancelled.
    """
    while True:
        await asyncio.sleep(interval)
        try:
            current = await asyncio.to_thread(fingerprint, root)
            if current != seen:
                await on_change()
                seen = current  # only now: a change whose reload failed is tried again
            on_problem(None)
        except Exception as exc:
            logger.exception("knowledge watch round failed")
            on_problem(f"the knowledge folder could not be watched: {type(exc).__name__}: {exc}")
