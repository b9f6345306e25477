"""Knowledge-file problems, told in plain language with file and line."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class KnowledgeError:
    """One problem in one knowledge file."""

    path: Path
    line: int | None
    message: str

    def format(self, root: Path | None = None) -> str:
        """``path:line message``, the path relative to ``root`` when given."""
        shown = self.path
        if root is not None and self.path.is_relative_to(root):
            shown = self.path.relative_to(root)
        where = f"{shown}:{self.line}" if self.line else str(shown)
        return f"{where} {self.message}"


class KnowledgeInvalid(Exception):
    """The knowledge folder has errors; nothing of it may go live."""

    def __init__(self, errors: list[KnowledgeError]) -> None:
        """Keep every error, sorted by file and line."""
        self.errors = sorted(errors, key=lambda e: (str(e.path), e.line or 0))
        super().__init__(f"{len(self.errors)} error(s) in the knowledge files")
