"""Referral channels in the knowledge: schema rules and the staff report."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from bot.knowledge.report import build_report, format_report
from bot.knowledge.schema import Referral
from bot.knowledge.store import KnowledgeStore
from tests.referrals.conftest import EMAIL_PARTNER, WEBHOOK_PARTNER


def test_the_report_lists_the_partners_that_receive_referrals(
    referral_store: KnowledgeStore,
) -> None:
    report = build_report(referral_store.current, dt.date(2026, 11, 28))
    agreed = dt.date(2026, 11, 20)
    assert report.referral_channels == [
        (WEBHOOK_PARTNER, "webhook", agreed),
        (EMAIL_PARTNER, "e-mail", agreed),
    ]
    assert f"- {EMAIL_PARTNER}: by e-mail, agreed on 2026-11-20" in format_report(
        report, dt.date(2026, 11, 28)
    )


@pytest.mark.parametrize(
    ("channel", "message"),
    [
        ({}, "exactly one of 'email:' or 'webhook:'"),
        ({"email": "a@example.org", "webhook": "https://x.example/r", "secret_variable": "EMS_REFERRAL_SECRET_X"},
         "exactly one of"),
        ({"webhook": "http://x.example/r", "secret_variable": "EMS_REFERRAL_SECRET_X"}, "must be an https://"),
        ({"webhook": "https://x.example/r"}, "needs 'secret_variable: EMS_REFERRAL_SECRET_<NAME>'"),
        ({"email": "a@example.org", "secret_variable": "EMS_REFERRAL_SECRET_X"}, "belongs to a webhook"),
        ({"webhook": "https://x.example/r", "secret_variable": "the-secret-itself"}, "String should match pattern"),
    ],
)  # fmt: skip
def test_a_referral_channel_is_one_agreed_way(channel: dict[str, str], message: str) -> None:
    with pytest.raises(ValidationError, match=message.replace("(", r"\(")):
        Referral.model_validate({**channel, "agreed_on": "2026-11-20"})
