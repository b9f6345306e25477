"""The privacy texts staff write with ``{conversation_days}`` and ``{case_days}`` placeholders."""

from __future__ import annotations


def with_periods(text: str, conversation_days: int, case_days: int) -> str:
    """``text`` with the configured retention periods filled in (other braces stay as written)."""
    return text.replace("{conversation_days}", str(conversation_days)).replace(
        "{case_days}", str(case_days)
    )
