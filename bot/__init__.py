"""The Ems-Achse welcome assistant: knowledge, referrals and the app server (app env)."""
