"""Code that runs inside the Rasa server (the Rasa environment, Python 3.10, rasa 3.6.21).

It lives apart from the app's code because it imports ``rasa``, which the app
environment does not have. ``python -m bot.rasa_side`` starts ``rasa`` with the fixes of
:mod:`bot.rasa_side.fixes` applied; the connectors in ``bot/channels`` are the other
Rasa-side code.
"""
