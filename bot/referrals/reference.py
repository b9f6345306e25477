"""Case numbers a person can read out on the phone."""

from __future__ import annotations

import secrets

#: No 0/O, 1/I/L, 5/S or 8/B, which people confuse when they read or say them.
_ALPHABET = "ACDEFGHJKMNPQRTUVWXY234679"
PREFIX = "EA"


def new_reference() -> str:
    """A fresh random case number like ``EA-7K3F-9QXM`` (26^8, about 2^37 possibilities)."""
    chars = "".join(secrets.choice(_ALPHABET) for _ in range(8))
    return f"{PREFIX}-{chars[:4]}-{chars[4:]}"


def normalise_reference(text: str) -> str:
    """A case number as people type it ("ea 7k3f 9qxm") in its printed form."""
    compact = "".join(c for c in text.upper() if c.isalnum())
    if compact.startswith(PREFIX):
        compact = compact[len(PREFIX) :]
    return f"{PREFIX}-{compact[:4]}-{compact[4:]}"
