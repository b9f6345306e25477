"""What a partner and a newcomer receive: the German case summary, the webhook JSON, the confirmation.

Partners read German (their letters are written here, for the alliance's partners, not
in the staff-edited catalogue); the newcomer gets the confirmation in the conversation's
language, from ``knowledge/texts/referral.yml``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from bot.db.models import ReferralCase
from bot.knowledge.index import KnowledgeBase
from bot.knowledge.required import TextId

_NEEDS_DE = {
    "counselling": "Beratung (Migration, Anerkennung)",
    "welcome-centre": "Welcome Center / Ankommen in der Region",
    "chamber-of-commerce": "IHK-Beruf, Anerkennung oder Ausbildung",
    "chamber-of-crafts": "Handwerksberuf, Anerkennung oder Ausbildung",
    "language-school": "Deutschkurs",
    "immigration-office": "Aufenthalt",
    "employment-agency": "Arbeit und Jobsuche",
    "jobcenter": "Jobcenter",
}


@dataclass(frozen=True)
class Letter:
    """A subject and a plain-text body."""

    subject: str
    body: str


def _facts(case: ReferralCase, knowledge: KnowledgeBase) -> list[tuple[str, str]]:
    profession = knowledge.professions.get(case.profession_id or "")
    place = case.place_id or ""
    where = (
        knowledge.municipalities[place].name
        if place in knowledge.municipalities
        else knowledge.districts[place].name
        if place in knowledge.districts
        else "–"
    )
    return [
        ("Fallnummer", case.reference),
        ("Name", case.name),
        ("Kontakt", case.contact),
        ("Anliegen", _NEEDS_DE.get(case.need, case.need)),
        ("Beruf", profession.name.in_language("de") if profession else "–"),
        ("Ort", where),
        ("Sprache im Chat", knowledge.language_name(case.language, "de")),
    ]


def partner_letter(case: ReferralCase, knowledge: KnowledgeBase) -> Letter:
    """The German summary a partner receives by e-mail."""
    lines = [
        f"Guten Tag,\n\nüber den Willkommens-Assistenten des Fachkräftebündnisses Ems-Achse bittet eine "
        f"Person um Kontakt durch {case.partner_name}. Sie hat der Weitergabe dieser Angaben zugestimmt.\n",
    ]
    lines += [f"{label}: {value}" for label, value in _facts(case, knowledge)]
    lines += [
        "",
        "Beschreibung in eigenen Worten:",
        case.description,
        "",
        "Bitte melden Sie sich über den angegebenen Kontakt. Die Person kann sich mit der Fallnummer auf "
        "diese Anfrage beziehen. Bitte löschen Sie die Angaben, wenn sie nicht mehr gebraucht werden oder "
        "die Person es wünscht.",
        "",
        "Diese Nachricht wurde automatisch erstellt.",
    ]
    return Letter(
        f"Neue Anfrage {case.reference}: {_NEEDS_DE.get(case.need, case.need)}", "\n".join(lines)
    )


def partner_payload(case: ReferralCase, knowledge: KnowledgeBase) -> str:
    """The JSON a partner's webhook receives: the same facts, machine-readable, plus the German text."""
    letter = partner_letter(case, knowledge)
    return json.dumps(
        {
            "type": "referral",
            "reference": case.reference,
            "created_at": case.created_at.isoformat() + "Z",
            "partner_id": case.partner_id,
            "need": case.need,
            "profession_id": case.profession_id,
            "place_id": case.place_id,
            "language": case.language,
            "person": {"name": case.name, "contact": case.contact},
            "description": case.description,
            "summary_de": letter.body,
        },
        ensure_ascii=False,
    )


def note_letter(case: ReferralCase, text: str) -> Letter:
    """The German e-mail that forwards a later message of the newcomer."""
    body = (
        f"Guten Tag,\n\nzu Fall {case.reference} ({case.name}) hat die Person eine Ergänzung geschickt:\n\n"
        f"{text}\n\nDiese Nachricht wurde automatisch erstellt."
    )
    return Letter(f"Ergänzung zu Anfrage {case.reference}", body)


def note_payload(case: ReferralCase, text: str) -> str:
    """The JSON a partner's webhook receives for a later message."""
    return json.dumps(
        {"type": "note", "reference": case.reference, "text": text}, ensure_ascii=False
    )


def confirmation_letter(case: ReferralCase, knowledge: KnowledgeBase) -> Letter:
    """The confirmation the newcomer receives at their e-mail address, in their language."""
    values = {"reference": case.reference, "partner": case.partner_name, "name": case.name}
    return Letter(
        knowledge.text(TextId.CONFIRMATION_SUBJECT, case.language, **values),
        knowledge.text(TextId.CONFIRMATION_BODY, case.language, **values),
    )
