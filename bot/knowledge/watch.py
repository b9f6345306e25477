"""Notice when staff change a knowledge file, by polling the folder's fingerprint.

Polling works on every file system (network shares and container volumes
included), costs one ``stat`` per file, and needs no extra package.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections.abc import Awaitable, Callable
from pathlib import Path

logger = logging.getLogger(__name__)


def fingerprint(root: Path) -> str:
    """A hash of every file's path, size and modification time below ``root``."""
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        try:
            stat = path.stat()
        except FileNotFoundError:  # removed while we looked
            continue
        digest.update(f"{path.relative_to(root)}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    return digest.hexdigest()


async def watch(
    root: Path, interval: float, on_change: Callable[[], Awaitable[object]], seen: str
) -> None:
    """Call ``on_change`` whenever the folder's fingerprint differs from ``seen``.

    ``seen`` is the fingerprint taken before the live version was read, so a
    change made while it was loading is not missed. Runs until cancelled.
    """
    while True:
        await asyncio.sleep(interval)
        current = await asyncio.to_thread(fingerprint, root)
        if current != seen:
            seen = current
            try:
                await on_change()
            except Exception:
                # A failed reload is reported by the store; the watch goes on.
                logger.exception("knowledge reload after a change failed")
