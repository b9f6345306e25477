"""Does the assistant answer the question asked? The held-out scenarios, scored per class.

Usage: .venv/app/bin/python benchmarks/answers.py [--only ID_PREFIX]   (or: make bench-answers)
Starts our assistant on SQLite (training first if needed) and plays every conversation of
tests/scenarios/answers.yml through the REST channel, each as a new sender. The reply to the
last turn passes when it contains one of ``expect_any``, none of ``expect_not``, and is in the
scenario's language. The first-contact privacy notice is not part of a reply (the widget shows
it apart). Writes docs/benchmarks/answers.md with the score per class and language and every
miss with what the newcomer read; exits 1 when a language is below its target.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ruamel.yaml import YAML  # noqa: E402

from bot.knowledge.loader import load_knowledge  # noqa: E402
from bot.knowledge.required import MessageId  # noqa: E402
from bot.language import SUPPORTED, detect_language  # noqa: E402
from bot.ops.assistant import Assistant  # noqa: E402
from bot.ops.training import ensure_model  # noqa: E402
from bot.settings import Settings  # noqa: E402
from tests.support import say, settings_for  # noqa: E402

SCENARIOS = ROOT / "tests" / "scenarios" / "answers.yml"
#: A second set by another separate author, written after the first set's misses had been
#: fixed in the product: it measures how far those fixes carry to questions nobody studied.
SECOND = ROOT / "tests" / "scenarios" / "answers_second.yml"
#: Each set, what it is, in the report's order.
SETS = {
    SCENARIOS: "the issue's set (169 conversations); its misses were studied and fixed in the product",
    SECOND: "a second set (100 conversations) by another separate author, written after those fixes and "
    "not looked at while making them",
}
#: Issue 13: one set per further language, each by its own separate author (40 conversations).
LANGUAGE_SETS = {
    ROOT / "tests" / "scenarios" / f"answers_{language}.yml": language
    for language in SUPPORTED
    if language not in ("de", "en")
}
SETS.update(
    {
        path: f"the {language} set (40 conversations) by a separate author who saw neither the "
        "product nor the other sets"
        for path, language in LANGUAGE_SETS.items()
    }
)
#: A second set per further language by other separate authors, written after the first
#: language sets' misses had been fixed (2026-12-02): no target of its own, like SECOND.
SECOND_LANGUAGE_SETS = {
    ROOT / "tests" / "scenarios" / f"answers_second_{language}.yml": language
    for language in LANGUAGE_SETS.values()
}
SETS.update(
    {
        path: f"a second {language} set (30 conversations) by another separate author, written after "
        "the fixes for the first and not looked at while making them"
        for path, language in SECOND_LANGUAGE_SETS.items()
    }
)
REPORT = ROOT / "docs" / "benchmarks" / "answers.md"
#: Issue 12: at least 95 % in each of de and en; issue 13: at least 85 % in each further language.
TARGET = 0.95
LANGUAGE_TARGET = 0.85


@dataclass(frozen=True)
class Scenario:
    """One held-out conversation and what its last answer must hold."""

    id: str
    kind: str
    language: str
    turns: list[str]
    expect_any: list[str]
    expect_not: list[str]
    source: str


@dataclass(frozen=True)
class Result:
    """What the newcomer read after the last turn, and why it failed (empty: it passed)."""

    scenario: Scenario
    reply: str
    problems: list[str]

    @property
    def passed(self) -> bool:
        """Whether the reply met every expectation."""
        return not self.problems


def load_scenarios(path: Path = SCENARIOS) -> list[Scenario]:
    """The scenarios of ``path`` in file order."""
    data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    return [
        Scenario(
            id=item["id"],
            kind=item["class"],
            language=item["language"],
            turns=[str(t) for t in item["turns"]],
            expect_any=[str(e) for e in item["expect_any"]],
            expect_not=[str(e) for e in item.get("expect_not") or []],
            source=str(item.get("source", "")),
        )
        for item in data["scenarios"]
    ]


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text).casefold().strip()


_PHONE = re.compile(r"^\+?[\d ()/-]{6,}$")


def _digits(text: str) -> str:
    """A phone number's digits in national form: "+49 4921 91550" and "04921 91550" agree."""
    digits = re.sub(r"\D", "", text)
    return "0" + digits[2:] if text.strip().startswith("+49") else digits


def _holds(read: str, reply: str, expected: str) -> bool:
    if _normal(expected) in read:
        return True
    if _PHONE.match(expected.strip()):
        # The assistant writes numbers internationally; a national form names the same number.
        wanted = _digits(expected)
        return any(_digits(found) == wanted for found in re.findall(r"\+?\d[\d ()/-]{5,}\d", reply))
    return False


def judge(scenario: Scenario, reply: str) -> list[str]:
    """Why ``reply`` fails ``scenario`` (empty when it passes)."""
    problems = []
    read = _normal(reply)
    if not read:
        problems.append("no answer")
    elif not any(_holds(read, reply, expected) for expected in scenario.expect_any):
        problems.append("expected fact missing")
    problems += [f"contains {bad!r}" for bad in scenario.expect_not if _normal(bad) in read]
    language = detect_language(reply)
    if read and language is not None and language != scenario.language:
        problems.append(f"answered in {language}")
    return problems


def _read(replies: list[dict[str, object]], notices: tuple[str, ...]) -> str:
    parts = []
    for reply in replies:
        text = str(reply.get("text") or "")
        if text and not text.startswith(notices):
            parts.append(text)
        for button in reply.get("buttons") or []:  # type: ignore[attr-defined]
            parts.append(f"[{button.get('title', '')}]")
    return "\n".join(parts)


def play(scenarios: list[Scenario], model: Path, state: Path) -> list[Result]:
    """Every scenario through the REST channel of one running assistant."""
    # EMS_KNOWLEDGE_DIR measures another knowledge folder (a draft of staff's changes, say).
    chosen = {k: v for k, v in os.environ.items() if k == "EMS_KNOWLEDGE_DIR"}
    settings = settings_for(state, **chosen)
    knowledge = load_knowledge(settings.knowledge_dir)
    notices = tuple(knowledge.message(MessageId.PRIVACY_NOTICE, lang)[:60] for lang in SUPPORTED)
    results = []
    with Assistant(settings, model):
        for scenario in scenarios:
            replies: list[dict[str, object]] = []
            for turn in scenario.turns:
                replies = say(settings.rasa_url, f"scenario-{scenario.id}", turn)
            reply = _read(replies, notices)
            results.append(Result(scenario, reply, judge(scenario, reply)))
    return results


def report(results: list[Result], path: Path = SCENARIOS) -> tuple[str, dict[str, float]]:
    """The Markdown section for one set and its share passed per language."""
    by_cell: dict[tuple[str, str], list[Result]] = defaultdict(list)
    for result in results:
        by_cell[(result.scenario.kind, result.scenario.language)].append(result)
    kinds = list(dict.fromkeys(r.scenario.kind for r in results))
    languages = sorted({r.scenario.language for r in results})

    def share(items: list[Result]) -> str:
        passed = sum(r.passed for r in items)
        return f"{passed}/{len(items)} ({passed / len(items):.0%})" if items else "–"

    rows = [
        f"| {kind} | " + " | ".join(share(by_cell[(kind, lang)]) for lang in languages) + " |"
        for kind in kinds
    ]
    totals = {
        lang: sum(r.passed for r in results if r.scenario.language == lang)
        / max(1, sum(r.scenario.language == lang for r in results))
        for lang in languages
    }
    rows.append(
        "| **all** | "
        + " | ".join(
            f"**{share([r for r in results if r.scenario.language == lang])}**"
            for lang in languages
        )
        + " |"
    )
    misses = [
        f"- `{r.scenario.id}` ({'; '.join(r.problems)}): “{r.scenario.turns[-1]}” → "
        f"{_quote(r.reply)}; expected one of {r.scenario.expect_any}"
        for r in results
        if not r.passed
    ]
    text = f"""## `{path.relative_to(ROOT)}`: {SETS.get(path, "")}

| class | {" | ".join(languages)} |
|---|{"---|" * len(languages)}
{chr(10).join(rows)}

### Misses ({len(misses)})

{chr(10).join(misses) if misses else "None."}
"""
    return text, totals


def document(sections: list[str], conversations: int) -> str:
    """The whole report: how it was measured, then one section per set."""
    return f"""# Answers to the held-out scenarios

Measured by `make bench-answers` on {dt.date.today()}: {conversations} conversations in {len(sections)} sets, each
written by a separate author from the knowledge's topic titles and the fact sheets and never edited to
raise a score, through the REST channel of our assistant on SQLite. A reply passes when it holds one of
the expected facts (case and spacing ignored; a phone number in national form also matches the same number
written internationally), none of the forbidden phrases (for statewide questions: the place question) and
is in the scenario's language. Target (issue 12): ≥ {TARGET:.0%} in each language of the first set; (issue 13) ≥ {LANGUAGE_TARGET:.0%} in each further language's set; the
issue's benchmark. The second sets (German and English; then one per further language) have no target of
their own: their first run, before anyone had looked at their questions, measured how far the fixes made
for the first sets carry to questions nobody studied (`docs/benchmarks/history.md`); they are kept to show
that gap, and their misses are fixed in the product too.

{chr(10).join(sections)}"""


def _quote(reply: str) -> str:
    shown = reply.replace("\n", " ⏎ ")
    return f"“{shown[:220]}{'…' if len(shown) > 220 else ''}”" if shown else "(nothing)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="play only scenarios whose id starts with this")
    args = parser.parse_args()
    sets = {
        path: [s for s in load_scenarios(path) if not args.only or s.id.startswith(args.only)]
        for path in SETS
        if path.exists()
    }
    model, _ = ensure_model(Settings.from_env())
    sections, shares = [], []
    with tempfile.TemporaryDirectory(prefix="ems-answers-") as tmp:
        for path, scenarios in sets.items():
            if not scenarios:
                continue
            state = Path(tmp) / path.stem
            state.mkdir()
            section, totals = report(play(scenarios, model, state), path)
            sections.append(section)
            if path == SCENARIOS:  # the target; the second set shows how far it carries
                shares += [(share, TARGET) for share in totals.values()]
            elif path in LANGUAGE_SETS:
                shares += [(share, LANGUAGE_TARGET) for share in totals.values()]
    text = document(sections, sum(map(len, sets.values())))
    if not args.only:
        REPORT.write_text(text, encoding="utf-8")
    print(text)
    return 0 if all(share >= target for share, target in shares) else 1


if __name__ == "__main__":
    sys.exit(main())
