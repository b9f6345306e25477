"""The recognition finder: who decides, how it works, and where to get free advice."""

from __future__ import annotations

from bot.conversation.render import contact_block, source_line
from bot.conversation.state import Button, Reply
from bot.knowledge.index import KnowledgeBase
from bot.knowledge.required import TextId
from bot.knowledge.schema import CompetentBody, Profession

#: Partners that advise on recognition everywhere in Niedersachsen (fallback).
_ADVISERS = ("iq-netzwerk-niedersachsen", "hotline-arbeiten-und-leben")


def depends_on_place(profession: Profession) -> bool:
    """Whether who decides differs between districts (the chambers): only then is the place asked."""
    return any(body.districts for body in profession.competent_bodies)


def competent_bodies(
    profession: Profession, district: str | None, eu: bool | None
) -> list[CompetentBody]:
    """The bodies that decide for this district and origin (all origins while ``eu`` is unknown).

    Without a district, the bodies responsible everywhere in Niedersachsen.
    """
    local = [b for b in profession.competent_bodies if not b.districts or district in b.districts]
    if eu is None:
        return local
    wanted = "eu" if eu else "non-eu"
    return [b for b in local if b.origin in ("any", wanted)]


def answer(
    profession: Profession, district: str | None, place_name: str | None, eu: bool | None,
    knowledge: KnowledgeBase, language: str, buttons: tuple[Button, ...],
) -> list[Reply]:  # fmt: skip
    """The short recognition answer: regulated or not, who decides (with contact), the steps, advice.

    Without a place (who decides is the same everywhere in Niedersachsen) the advice is the
    statewide one; while the origin is unknown, every body is named with the origin it is for.
    """
    name = profession.name.in_language(language)
    lines = [
        knowledge.text(
            TextId.REGULATED if profession.regulated else TextId.NOT_REGULATED, language, name=name
        ),
        "",
    ]
    if place_name:
        lines.append(knowledge.text(TextId.COMPETENT_FOR, language, place=place_name))
    else:
        lines.append(knowledge.text(TextId.COMPETENT_STATEWIDE, language))
    for body in competent_bodies(profession, district, eu):
        partner = knowledge.partners.get(body.partner)
        if partner is None:
            continue
        lines.append(contact_block(partner, knowledge, language))
        if body.note:
            lines.append(body.note.in_language(language))
        lines.append("")
    lines += [knowledge.text(TextId.STEPS, language), profession.procedure.in_language(language)]
    first = Reply("\n".join(lines).strip())
    advice = [
        knowledge.text(
            TextId.COUNSELLING_NEAR if district else TextId.COUNSELLING_STATEWIDE, language
        )
    ]
    advice += [contact_block(p, knowledge, language) for p in advisers(district, knowledge)]
    advice += [
        "",
        knowledge.text(TextId.SUBSIDY, language),
        knowledge.text(TextId.FINDER, language),
        source_line(profession, knowledge, language),
    ]
    return [first, Reply("\n".join(advice), buttons)]


def more(profession: Profession, knowledge: KnowledgeBase, language: str) -> str | None:
    """Documents, fees, duration, compensation measures and notes, where the knowledge has them."""
    parts = []
    for key, value in (
        (TextId.DOCUMENTS, profession.documents), (TextId.FEES, profession.fees),
        (TextId.DURATION, profession.duration), (TextId.COMPENSATION, profession.compensation),
    ):  # fmt: skip
        if value:
            parts += [knowledge.text(key, language), value.in_language(language), ""]
    if profession.notes:
        parts.append(profession.notes.in_language(language))
    if profession.links:
        parts.append("\n".join(profession.links))
    return "\n".join(parts).strip() or None


def advisers(district: str | None, knowledge: KnowledgeBase, limit: int = 2) -> list:
    """Free counselling on recognition for the district: local first, then Niedersachsen-wide."""
    local = [
        p for p in knowledge.partners.values()
        if "recognition" in p.helps_with and district in p.coverage
        and p.kind in ("counselling", "migration-counselling", "welcome-centre")
    ]  # fmt: skip
    wide = [knowledge.partners[i] for i in _ADVISERS if i in knowledge.partners]
    return (sorted(local, key=lambda p: p.name) + wide)[:limit]
