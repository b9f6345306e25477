"""Reading a messenger's JSON body whose shape may be wrong, without ever failing with 500.

A body with a valid signature can still be malformed (a field that should be an object is a
string, a list is a number): issue 15 found both Telegram and Messenger webhooks answering
those with HTTP 500 and a traceback. The connectors read every nested field through these
helpers, which raise :class:`Malformed`; the webhook answers it with 400 and a log line.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any


class Malformed(ValueError):
    """An authenticated body whose shape the connector cannot read; the message says where."""


def obj(value: Any, where: str) -> Mapping[str, Any]:
    """``value`` as an object; absent (``None``) is an empty one."""
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise Malformed(f"{where} is {type(value).__name__}, not an object")
    return value


def items(value: Any, where: str) -> Sequence[Any]:
    """``value`` as a list; absent (``None``) is an empty one."""
    if value is None:
        return ()
    if not isinstance(value, list):
        raise Malformed(f"{where} is {type(value).__name__}, not a list")
    return value
