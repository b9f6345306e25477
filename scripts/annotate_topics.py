"""Annotate every mention of an office or service as a `topic` entity, in training and test data alike.

The NLU brief says: annotate every occurrence of the four entity kinds. Two people
wrote the training and the held-out data, and they read "topic" differently
outside find_service. This applies one fixed word list to both, so that labels
follow one rule. It never looks at a model's predictions.

Usage: python3 scripts/annotate_topics.py FILE...   (prints how many mentions it annotated)
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

TERMS = """Federal Employment Agency|Agentur für Arbeit|Arbeitsagentur|Arbeitsamt|employment agency|
immigration office|immigration authority|Ausländerbehörde|Ausländeramt|Jobcenter|job center|job centre|IHK|
Handwerkskammer|chamber of crafts|chamber of commerce|Deutschkurse|Deutschkurs|German courses|German course|
German lessons|German classes|Sprachkurse|Sprachkurs|language courses|language course|Integrationskurse|
Integrationskurs|integration courses|integration course|Berufssprachkurse|Berufssprachkurs|Migrationsberatung|
Beratungsstelle|Beratung|counselling|counseling|Jugendmigrationsdienst|youth migration service|Kitas|Kita|
Kindergärten|Kindergarten|kindergartens|daycare|Welcome Center|Welcome Centre|welcome centres|welcome centers|
Fachkräfteservicestelle|skilled worker service point|VHS|Volkshochschule|Bürgeramt|Bürgerbüro|registry office|
tax office|Finanzamt|Einwohnermeldeamt|registration office|town hall|Rathaus|Standesamt""".replace(
    "\n", ""
)

_TERM = re.compile(rf"(?<![\w\[-])({TERMS})(?![\w\]-])", re.IGNORECASE)
_ANNOTATION = re.compile(r"\[[^\]]*\]\([^)]*\)")


def annotate(line: str) -> tuple[str, int]:
    """``line`` with unannotated terms annotated, and how many were added."""
    if not line.lstrip().startswith("- "):
        return line, 0
    out, added, last = [], 0, 0
    # Only text outside existing annotations is touched.
    for existing in [*_ANNOTATION.finditer(line), None]:
        end = existing.start() if existing else len(line)
        segment, n = _TERM.subn(r"[\1](topic)", line[last:end])
        out.append(segment)
        added += n
        if existing:
            out.append(existing.group(0))
            last = existing.end()
    return "".join(out), added


def main(paths: list[str]) -> int:
    total = 0
    for name in paths:
        path = Path(name)
        lines = path.read_text().splitlines(keepends=True)
        changed = [annotate(line) for line in lines]
        added = sum(n for _, n in changed)
        path.write_text("".join(text for text, _ in changed))
        print(f"{name}: {added} mention(s) annotated")
        total += added
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
