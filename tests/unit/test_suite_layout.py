"""The README's test command runs every test folder: a new tier cannot be left out by accident."""

from __future__ import annotations

import re

import tomli as tomllib  # the standard library has it from Python 3.11

from bot.settings import PROJECT_ROOT


def _testpaths() -> list[str]:
    config = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())
    return list(config["tool"]["pytest"]["ini_options"]["testpaths"])


def _test_recipe() -> list[str]:
    """The command lines of `make test`."""
    makefile = (PROJECT_ROOT / "Makefile").read_text()
    recipe = re.search(r"^test:.*\n((?:\t.*\n)+)", makefile, re.MULTILINE)
    assert recipe, "the Makefile has no 'test' target"
    return [line.strip().lstrip("@") for line in recipe.group(1).splitlines()]


def test_every_folder_with_tests_is_in_the_default_run() -> None:
    folders = sorted(
        f"tests/{folder.name}"
        for folder in (PROJECT_ROOT / "tests").iterdir()
        if folder.is_dir() and any(folder.rglob("test_*.py"))
    )
    missing = [folder for folder in folders if folder not in _testpaths()]
    assert missing == [], f"add {missing} to testpaths in pyproject.toml, or `make test` skips them"


def test_make_test_runs_pytest_on_its_testpaths_and_ci_runs_make_test() -> None:
    pytest_lines = [line for line in _test_recipe() if " -m pytest" in line]
    # Paths or -m/-k filters on the command line would override testpaths.
    assert pytest_lines == ["$(APP) -m pytest"], pytest_lines
    ci = (PROJECT_ROOT / ".ci" / "run").read_text()
    assert re.search(r"^exec make test$", ci, re.MULTILINE), (
        "`.ci/run` must call the README's test command"
    )
    readme = (PROJECT_ROOT / "README.md").read_text()
    assert "make test    # set up everything and run the whole test suite" in readme
