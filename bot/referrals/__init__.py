"""Referrals: contact validation, case records, the outbox and its delivery to partners."""
