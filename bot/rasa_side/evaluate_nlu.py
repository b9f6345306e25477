"""``rasa test nlu`` over several test files with the model loaded once.

Usage (Rasa environment, from the project root)::

    python -m bot.rasa_side.evaluate_nlu --model MODEL --out DIR NAME=FILE [NAME=FILE …]

Each FILE's reports go to ``DIR/NAME/`` (``intent_report.json``, ``intent_errors.json``),
exactly as ``rasa test nlu --no-plot --out DIR/NAME --nlu FILE`` writes them: it calls the
same evaluation, :func:`rasa.nlu.test.run_evaluation`, with the same processor. Loading the
eight-language model takes most of a ``rasa test nlu`` run, so one load for all eight held-out
sets saves about three minutes of every ``make test``. It imports ``rasa``, hence lives here.
"""

from __future__ import annotations

import argparse
import asyncio
from pathlib import Path


async def evaluate(model: Path, out: Path, test_files: dict[str, Path]) -> None:
    """Write the reports of every file in ``test_files`` below ``out``, each in its name's folder."""
    from rasa.core.agent import Agent
    from rasa.nlu.test import run_evaluation

    processor = Agent.load(model_path=str(model)).processor
    for name, test_file in test_files.items():
        target = out / name
        target.mkdir(parents=True, exist_ok=True)
        await run_evaluation(
            str(test_file), processor, output_directory=str(target), errors=True,
            disable_plotting=True, report_as_dict=True,
        )  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("test_files", nargs="+", metavar="NAME=FILE")
    arguments = parser.parse_args()
    named = dict(argument.split("=", 1) for argument in arguments.test_files)
    files = {name: Path(path) for name, path in named.items()}
    asyncio.run(evaluate(arguments.model, arguments.out, files))


if __name__ == "__main__":
    main()
