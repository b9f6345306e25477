"""The contract for knowledge files: pydantic models, unknown keys forbidden."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

Status = Literal["draft", "published"]


class Record(BaseModel):
    """Fields every knowledge record carries."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    status: Status
    source: str | None = None
    last_verified: dt.date | None = None

    @model_validator(mode="after")
    def _published_needs_provenance(self) -> Record:
        if self.status == "published" and not (self.source and self.last_verified):
            raise ValueError(
                "a published record needs both 'source' and 'last_verified'; "
                "add them, or set 'status: draft'"
            )
        return self


class Translated(BaseModel):
    """A text in German and English, side by side."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    de: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def in_language(self, language: str) -> str:
        """The text in ``language``, German when that language is missing."""
        return self.en if language == "en" else self.de


class Message(Record):
    """A fixed message of the assistant (greeting, goodbye …) that staff may reword."""

    text: Translated
