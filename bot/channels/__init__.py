"""Rasa-side messenger connectors: Telegram, Facebook Messenger and WhatsApp through Twilio.

Loaded only by the Rasa server (rasa environment) from the credentials the launcher renders
(``bot/ops/credentials.py``); the app environment never imports the connector modules.
Only :mod:`bot.channels.text` and :mod:`bot.channels.signatures` are free of Rasa imports.
"""
