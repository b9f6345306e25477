"""The time as the referral tables store it: naive UTC, the same on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt


def utc_now() -> dt.datetime:
    """Now, in UTC, without tzinfo."""
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
