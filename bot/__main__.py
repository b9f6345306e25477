"""`python -m bot …` runs the command-line interface."""

from __future__ import annotations

import sys

from bot.cli import main

sys.exit(main())
