"""Which aspect a question asks for, and the dialogue answering that aspect (fixture knowledge)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from bot.conversation.aspects import aspects_in
from bot.conversation.dialogue import Dialogue
from bot.conversation.state import State, Turn
from bot.knowledge.schema import Fact, Translated
from bot.knowledge.store import KnowledgeStore
from bot.settings import PROJECT_ROOT
from tests.support import SHARED_CACHE

FIXTURE = PROJECT_ROOT / "tests" / "fixtures" / "knowledge"


@pytest.fixture(scope="module")
def store() -> KnowledgeStore:
    knowledge = KnowledgeStore(FIXTURE, cache_dir=SHARED_CACHE)
    knowledge.load()
    return knowledge


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Was kostet die Anmeldung?", ["cost"]),
        ("Wie hoch sind die Verfahrenskosten?", ["cost"]),  # a compound ending in a word
        ("How long does it take and what does it cost?", ["duration", "cost"]),  # in order
        ("Welche Unterlagen brauche ich?", ["documents"]),
        ("Braucht meine Frau Deutschkenntnisse?", ["requirements"]),
        ("Bis wann muss ich mich anmelden?", ["deadline"]),
        ("Hallo", []),
    ],
)
def test_the_aspects_a_question_asks_for(
    store: KnowledgeStore, text: str, expected: list[str]
) -> None:
    assert aspects_in(text, store.current) == expected


def _fact(aspect: str, text: str, **fields: list[str]) -> Fact:
    return Fact(
        aspect=aspect, text=Translated(de=text, en=text), source="https://www.example.de", **fields
    )  # type: ignore[arg-type]  # (aspect: a Literal)


def _dialogue(store: KnowledgeStore) -> Dialogue:
    return Dialogue(store.current, store.live.resolver)


def test_a_question_for_one_aspect_gets_that_fact_with_its_source_and_date(
    store: KnowledgeStore,
) -> None:
    outcome = _dialogue(store).handle(
        Turn("Bis wann muss ich die Anmeldung machen?", "ask_registration"),
        State(language="de", privacy_noticed=True),
    )
    text = "\n".join(r.text for r in outcome.replies)
    assert "innerhalb von 2 Wochen" in text
    assert "Quelle: https://www.example.de/anmeldung (Stand: 03/2025)" in text
    assert "Melden Sie sich beim Bürgeramt an." not in text  # not the general summary
    assert "Mehr zu „Wohnsitz anmelden“" in text


def test_a_general_question_gets_the_summary(store: KnowledgeStore) -> None:
    outcome = _dialogue(store).handle(
        Turn("Wie funktioniert die Anmeldung?", "ask_registration"),
        State(language="de", privacy_noticed=True),
    )
    assert outcome.replies[0].text.startswith("Melden Sie sich beim Bürgeramt an.")


def test_a_short_follow_up_asks_for_an_aspect_of_the_last_answer(store: KnowledgeStore) -> None:
    dialogue = _dialogue(store)
    first = dialogue.handle(
        Turn("How do I register my address?", "ask_registration"),
        State(language="en", privacy_noticed=True),
    )
    follow = dialogue.handle(Turn("and which documents?", "nlu_fallback"), first.state)
    text = "\n".join(r.text for r in follow.replies)
    assert "landlord's confirmation" in text and "(as of 06/2024)" in text


def test_a_topic_named_clearly_is_answered_without_its_intent(store: KnowledgeStore) -> None:
    outcome = _dialogue(store).handle(
        Turn("Anmeldung Bürgeramt", "nlu_fallback"), State(language="de", privacy_noticed=True)
    )
    assert outcome.replies[0].text.startswith("Melden Sie sich beim Bürgeramt an.")


def test_a_fact_with_keywords_is_given_only_when_the_question_uses_one() -> None:
    from bot.conversation.aspects import facts_for

    record = SimpleNamespace(
        facts=[
            _fact("threshold", "blocked account", keywords=["Sperrkonto"]),
            _fact("threshold", "points", keywords=["Punkte"]),
            _fact("threshold", "general"),
        ]
    )

    assert [
        f.text.de for f in facts_for(record, ["threshold"], "Wie viel auf dem Sperrkonto?")
    ] == [  # type: ignore[arg-type]
        "blocked account"
    ]
    assert [
        f.text.de for f in facts_for(record, ["threshold"], "Wie viele Punkte mindestens?")
    ] == [  # type: ignore[arg-type]
        "points"
    ]
    assert [f.text.de for f in facts_for(record, ["threshold"], "Mindestens?")] == ["general"]  # type: ignore[arg-type]


def test_and_for_another_topic_keeps_the_aspect_asked_before(store: KnowledgeStore) -> None:
    from bot.conversation.aspects import carries_over

    knowledge = store.current
    assert carries_over("and for the opportunity card?", knowledge)
    assert carries_over("Und bei Ärzten?", knowledge)
    assert not carries_over("What is the EU Blue Card?", knowledge)
    # In the further languages too (knowledge/vocabulary/follow-up.yml).
    assert carries_over("¿Y para la Chancenkarte?", knowledge)
    assert carries_over("а для лікарів?", knowledge)
    assert carries_over("peki hemşireler için?", knowledge)
    assert carries_over("còn bác sĩ thì sao?", knowledge)
    assert not carries_over("Almanya'da Blaue Karte nedir?", knowledge)
    dialogue = _dialogue(store)
    first = dialogue.handle(
        Turn("Bis wann muss ich mich anmelden?", "ask_registration"),
        State(language="de", privacy_noticed=True),
    )
    assert first.state.asked == ("deadline",)
    again = dialogue.handle(Turn("und für die Anmeldung?", "ask_registration"), first.state)
    assert "innerhalb von 2 Wochen" in again.replies[0].text


def test_a_fact_for_a_place_is_given_only_to_people_there() -> None:
    from bot.conversation.aspects import facts_for

    record = SimpleNamespace(
        facts=[
            _fact("deadline", "Leer", places=["leer-ostfriesland"]),
            _fact("deadline", "Lingen", places=["lingen-ems"]),
        ]
    )
    asked = ["deadline"]
    leer = frozenset({"leer-ostfriesland", "landkreis-leer"})
    assert [f.text.de for f in facts_for(record, asked, "", leer)] == ["Leer"]  # type: ignore[arg-type]
    assert facts_for(record, asked, "", frozenset({"meppen", "landkreis-emsland"})) == []  # type: ignore[arg-type]
    assert facts_for(record, asked) == []  # type: ignore[arg-type]


def test_a_specific_keyword_names_its_fact_without_an_aspect_word() -> None:
    from bot.conversation.aspects import named_facts

    dual = _fact("requirements", "dual", keywords=["give up", "keep"])
    record = SimpleNamespace(facts=[dual])
    assert named_facts(record, "Do I have to give up my citizenship?") == [dual]  # type: ignore[arg-type]
    assert named_facts(record, "Can I keep it?") == []  # type: ignore[arg-type]  # a short word alone is not enough


def test_an_aspect_without_a_fact_is_answered_by_the_line_of_the_details_about_it(
    store: KnowledgeStore,
) -> None:
    # The fixture topic has no cost fact; its details have one line on costs.
    outcome = _dialogue(store).handle(
        Turn("What does the registration cost?", "ask_registration"),
        State(language="en", privacy_noticed=True),
    )
    (reply,) = outcome.replies
    assert reply.text.startswith(
        "Registering is free; a registration certificate costs a small fee."
    )
    assert "Monday to Friday" not in reply.text  # the other line of the details
    assert "Source: " in reply.text
    assert "Register at the citizens' office." not in reply.text  # not the summary


def test_a_question_for_an_aspect_the_topic_does_not_know_gets_the_summary(
    store: KnowledgeStore,
) -> None:
    outcome = _dialogue(store).handle(
        Turn("Who is the contact for registration?", "ask_registration"),
        State(language="en", privacy_noticed=True),
    )
    assert outcome.replies[0].text.startswith("Register at the citizens' office.")
