"""The scoring of make bench-answers: what counts as holding the expected fact."""

from __future__ import annotations

from benchmarks.answers import Scenario, judge


def _scenario(**fields: object) -> Scenario:
    base: dict[str, object] = {
        "id": "en-local-001", "kind": "local", "language": "en", "turns": ["?"],
        "expect_any": ["04921 91550"], "expect_not": [], "source": "",
    }  # fmt: skip
    return Scenario(**{**base, **fields})  # type: ignore[arg-type]


def test_a_phone_number_matches_in_international_form() -> None:
    assert judge(_scenario(), "Phone: +49 4921 91550, web: https://www.vhs-emden.de") == []
    assert judge(_scenario(), "Phone: +49 4921 91551") == ["expected fact missing"]


def test_forbidden_phrases_and_the_wrong_language_fail() -> None:
    scenario = _scenario(expect_any=["Landesamt für Soziales"], expect_not=["Which town"])
    assert judge(scenario, "Which town do you live in? The Landesamt für Soziales …") == [
        "contains 'Which town'"
    ]
    assert judge(scenario, "Das Landesamt für Soziales ist zuständig, wo Sie auch wohnen.") == [
        "answered in de"
    ]
    assert judge(scenario, "") == ["no answer"]
