"""``python -m bot.rasa_side ARGS`` is ``rasa ARGS`` with :mod:`bot.rasa_side.fixes` applied."""

from __future__ import annotations

import sys

from bot.rasa_side import fixes


def main() -> None:
    """Apply the fixes, then hand the command line to Rasa's own entry point."""
    fixes.apply()
    from rasa.__main__ import main as rasa_main

    sys.argv[0] = "rasa"
    rasa_main()


if __name__ == "__main__":
    main()
