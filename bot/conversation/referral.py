"""Referral to a partner: propose, explain, ask consent, collect, confirm — and the case afterwards.

Contact data enters the state only after the person agreed; cancelling at any step
forgets all of it. The case itself is stored by the action adapter carrying out the
:class:`CreateCase` effect.
"""

from __future__ import annotations

from bot.contact import InvalidContact, parse_contact, valid_name
from bot.conversation.render import contact_block
from bot.conversation.services import finder_for, partners_for
from bot.conversation.state import Button, Outcome, State, Turn
from bot.conversation.steps import Step
from bot.conversation.understand import place_name, service_kind
from bot.knowledge.index import KnowledgeBase
from bot.knowledge.normalise import normalise
from bot.knowledge.required import ServiceId, TextId
from bot.knowledge.resolve import Resolver
from bot.knowledge.schema import Partner, Translated
from bot.language import choose_language
from bot.privacy.requests import EraseMyData
from bot.referrals.reference import new_reference
from bot.referrals.requests import AttachToCase, CreateCase

#: Steps that take free text: whatever NLU made of it, it is the answer.
FREE_TEXT_STEPS = frozenset(
    {Step.REFERRAL_NAME, Step.REFERRAL_CONTACT, Step.REFERRAL_DESCRIPTION, Step.CASE_NOTE}
)
_CANCEL_WORDS = frozenset(
    {
        "abbrechen",
        "abbruch",
        "stop",
        "stopp",
        "cancel",
        "halt",
        "vergiss es",
        "never mind",
        "nein",
        "no",
    }
)
_DRAFT = dict(
    referral_need=None, referral_partner=None, referral_name=None, referral_contact=None,
    referral_description=None, pending=None,
)  # fmt: skip
#: Partner kinds that receive referrals when the need's own kind has none for the place.
_FALLBACK_NEEDS = (ServiceId.WELCOME_CENTRE.value, ServiceId.COUNSELLING.value)


def is_cancel(turn: Turn) -> bool:
    """Whether the message aborts what is in progress."""
    return turn.intent == "cancel" or normalise(turn.text).strip() in _CANCEL_WORDS


def forget_draft(state: State) -> State:
    """The state without any referral draft (and so without contact data)."""
    return state.with_(**_DRAFT)


class Referrals:
    """The referral conversation over one knowledge version."""

    def __init__(self, knowledge: KnowledgeBase, resolver: Resolver, case_days: int) -> None:
        """Refer to partners of ``knowledge``; closed cases are kept ``case_days`` days."""
        self.knowledge = knowledge
        self.resolver = resolver
        self.case_days = case_days

    # --- proposing a partner -----------------------------------------------------

    def start(self, turn: Turn, state: State) -> Outcome:
        """A request to be referred: find the need, the place and the partner, then ask consent."""
        language = state.language
        need = self._need(turn, state)
        if need is None:
            buttons = tuple(
                Button(
                    label.in_language(language),
                    f'/request_referral{{"topic":"{label.en}"}}',
                )
                for label in self._referable().values()
            )
            return Outcome(state.with_(pending=Step.REFERRAL_NEED)).say(
                self.knowledge.text(TextId.ASK_NEED, language), buttons
            )
        state = state.with_(referral_need=need)
        if not state.place:
            return Outcome(state.with_(pending=Step.REFERRAL_PLACE)).say(
                self.knowledge.text(TextId.ASK_PLACE, language)
            )
        partner = self.partner_for(need, state.place)
        if partner is None:
            where = place_name(state.place, self.knowledge)
            text = self.knowledge.text(
                TextId.NO_PARTNER,
                language,
                place=where,
                finder=finder_for(ServiceId.COUNSELLING.value, self.knowledge),
            )
            return Outcome(forget_draft(state)).say(text)
        via = "" if partner.referral else self.knowledge.text(TextId.VIA_STAFF, language)
        buttons = (
            Button(self.knowledge.text(TextId.CONSENT_YES, language), "/affirm"),
            Button(self.knowledge.text(TextId.CONSENT_NO, language), "/deny"),
        )
        text = self.knowledge.text(
            TextId.OFFER, language, partner=partner.name, via=via, case_days=str(self.case_days)
        )
        state = state.with_(referral_partner=partner.id, pending=Step.REFERRAL_CONSENT)
        return Outcome(state).say(text, buttons)

    def _need(self, turn: Turn, state: State) -> str | None:
        kind = self._service(turn) or state.referral_need
        if kind is None and state.last_request == "recognition":
            kind = "counselling"
        if kind is None:
            kind = state.service
        if kind is None:
            return None
        return kind if kind in self._referable() else ServiceId.COUNSELLING.value

    def _referable(self) -> dict[str, Translated]:
        """The services a request can be passed on to, with their button labels."""
        return {
            kind: service.referral_label
            for kind, service in self.knowledge.services.items()
            if service.referral_label is not None
        }

    def _service(self, turn: Turn) -> str | None:
        return service_kind(turn, self.resolver.resolve(turn.text), self.resolver)

    def partner_for(self, need: str, place: str) -> Partner | None:
        """The partner to refer to: one with a referral channel first, else one staff forward to."""
        candidates = partners_for(need, place, self.knowledge, limit=20)
        for fallback in _FALLBACK_NEEDS:
            if fallback != need:
                candidates += partners_for(fallback, place, self.knowledge, limit=20)
        with_channel = [p for p in candidates if p.referral]
        chosen = with_channel or candidates
        return chosen[0] if chosen else None

    # --- the steps after the offer -----------------------------------------------

    def step(self, turn: Turn, state: State) -> Outcome | None:
        """The answer to the pending referral question, or None if the message is about something else."""
        step = state.pending
        if step in FREE_TEXT_STEPS and is_cancel(turn):
            # Unlike a name or a contact, "never mind, don't send it" is written in a language.
            return self.cancel(state.with_(language=choose_language(turn.text, state.language)))
        if step == Step.REFERRAL_NEED:
            return self.start(turn, state) if self._service(turn) else None
        if step == Step.REFERRAL_CONSENT:
            if turn.intent == "affirm":
                return Outcome(state.with_(pending=Step.REFERRAL_NAME)).say(
                    self.knowledge.text(TextId.ASK_NAME, state.language)
                )
            if turn.intent in ("deny", "cancel"):
                return self._declined(state)
            return None
        if step == Step.REFERRAL_NAME:
            return self._name(turn, state)
        if step == Step.REFERRAL_CONTACT:
            return self._contact(turn, state)
        if step == Step.REFERRAL_DESCRIPTION:
            return self._description(turn, state)
        if step == Step.REFERRAL_CONFIRM:
            if turn.intent == "affirm":
                return self._create(state)
            if turn.intent in ("deny", "cancel"):
                return self.cancel(state)
            return None
        if step == Step.CASE_NOTE:
            return self._note(turn, state)
        return None

    def _declined(self, state: State) -> Outcome:
        language = state.language
        partner = self.knowledge.partners.get(state.referral_partner or "")
        outcome = Outcome(forget_draft(state)).say(self.knowledge.text(TextId.DECLINED, language))
        if partner:
            outcome.say(
                f"{self.knowledge.text(TextId.DIRECT, language)}\n{contact_block(partner, self.knowledge, language)}"
            )
        return outcome

    def _name(self, turn: Turn, state: State) -> Outcome:
        name = valid_name(turn.text)
        if name is None:
            return Outcome(state).say(self.knowledge.text(TextId.BAD_NAME, state.language))
        partner = self._partner_name(state)
        return Outcome(state.with_(referral_name=name, pending=Step.REFERRAL_CONTACT)).say(
            self.knowledge.text(TextId.ASK_CONTACT, state.language, partner=partner)
        )

    def _contact(self, turn: Turn, state: State) -> Outcome:
        try:
            contact = parse_contact(turn.text)
        except InvalidContact as error:
            reason = "neither" if error.reason == "empty" else error.reason
            return Outcome(state).say(
                self.knowledge.text(TextId(f"bad_contact_{reason}"), state.language)
            )
        state = state.with_(referral_contact=contact.value, pending=Step.REFERRAL_DESCRIPTION)
        return Outcome(state).say(self.knowledge.text(TextId.ASK_DESCRIPTION, state.language))

    def _description(self, turn: Turn, state: State) -> Outcome:
        description = turn.text.strip()
        if not 3 <= len(description) <= 1000:
            return Outcome(state).say(self.knowledge.text(TextId.BAD_DESCRIPTION, state.language))
        state = state.with_(referral_description=description, pending=Step.REFERRAL_CONFIRM)
        language = state.language
        context = self._context_line(state)
        text = self.knowledge.text(
            TextId.SUMMARY, language, partner=self._partner_name(state), name=state.referral_name or "",
            contact=state.referral_contact or "", description=description, context=context,
        )  # fmt: skip
        buttons = (
            Button(self.knowledge.text(TextId.SEND, language), "/affirm"),
            Button(self.knowledge.text(TextId.CANCEL, language), "/cancel"),
        )
        return Outcome(state).say(text, buttons)

    def _context_line(self, state: State) -> str:
        parts = []
        profession = self.knowledge.professions.get(state.profession or "")
        if profession:
            parts.append(profession.name.in_language(state.language))
        if state.place:
            parts.append(place_name(state.place, self.knowledge))
        return ", ".join(parts)

    def _create(self, state: State) -> Outcome:
        reference = new_reference()
        effect = CreateCase(
            reference=reference,
            partner_id=state.referral_partner or "",
            need=state.referral_need or "counselling",
            profession_id=state.profession,
            place_id=state.place,
            language=state.language,
            name=state.referral_name or "",
            contact=state.referral_contact or "",
            description=state.referral_description or "",
        )
        language = state.language
        mail = self.knowledge.text(TextId.SENT_MAIL, language) if "@" in effect.contact else ""
        text = self.knowledge.text(
            TextId.SENT, language, reference=reference, partner=self._partner_name(state),
            contact=effect.contact, mail=mail,
        )  # fmt: skip
        outcome = Outcome(forget_draft(state).with_(case_reference=reference)).say(text)
        outcome.effects.append(effect)
        return outcome

    def cancel(self, state: State) -> Outcome:
        """Abort what is in progress and forget any draft."""
        if not state.pending:
            return Outcome(state).say(self.knowledge.text(TextId.NOTHING_TO_CANCEL, state.language))
        return Outcome(forget_draft(state)).say(
            self.knowledge.text(TextId.CANCELLED, state.language)
        )

    def _partner_name(self, state: State) -> str:
        partner = self.knowledge.partners.get(state.referral_partner or "")
        return partner.name if partner else "Fachkräftebündnis Ems-Achse"

    # --- after the case ------------------------------------------------------------

    def add_to_case(self, state: State) -> Outcome:
        """Ask what to add to this conversation's case (or offer a referral if there is none)."""
        language = state.language
        if not state.case_reference:
            button = Button(self.knowledge.text(TextId.REFER_ME, language), "/request_referral")
            return Outcome(state).say(self.knowledge.text(TextId.NO_CASE, language), (button,))
        # The partner's name is not kept with the case reference; the staff view has it.
        partner = self.knowledge.text(TextId.THE_SERVICE, language)
        return Outcome(state.with_(pending=Step.CASE_NOTE)).say(
            self.knowledge.text(
                TextId.ASK_NOTE, language, reference=state.case_reference, partner=partner
            )
        )

    def _note(self, turn: Turn, state: State) -> Outcome:
        text = turn.text.strip()
        if not 1 <= len(text) <= 1000 or not state.case_reference:
            return Outcome(state).say(self.knowledge.text(TextId.BAD_DESCRIPTION, state.language))
        outcome = Outcome(state.with_(pending=None)).say(
            self.knowledge.text(TextId.NOTE_ADDED, state.language, reference=state.case_reference)
        )
        outcome.effects.append(AttachToCase(state.case_reference, text))
        return outcome

    # --- privacy -------------------------------------------------------------------

    def ask_erase(self, state: State) -> Outcome:
        """Confirm before erasing; any referral draft is forgotten at once (consent withdrawn)."""
        language = state.language
        buttons = (
            Button(self.knowledge.text(TextId.ERASE_YES, language), "/affirm"),
            Button(self.knowledge.text(TextId.ERASE_NO, language), "/deny"),
        )
        return Outcome(forget_draft(state).with_(pending=Step.PRIVACY_ERASE)).say(
            self.knowledge.text(TextId.ASK_ERASE, language), buttons
        )

    def erase_step(self, turn: Turn, state: State) -> Outcome | None:
        """The answer to "delete everything?"."""
        if turn.intent == "affirm":
            outcome = Outcome(State(language=state.language, privacy_noticed=True))
            outcome.effects.append(EraseMyData())
            return outcome.say(self.knowledge.text(TextId.ERASED, state.language), erased=True)
        if turn.intent in ("deny", "cancel"):
            return Outcome(state.with_(pending=None)).say(
                self.knowledge.text(TextId.KEPT, state.language)
            )
        return None


def not_saved(before: State, failed: Outcome, knowledge: KnowledgeBase) -> Outcome:
    """The turn's answer when its effects could not be stored: say so and keep what was there.

    A referral stays at its confirmation, so "Send" tries again; nothing was sent.
    """
    language = failed.state.language
    state = before.with_(language=language, privacy_noticed=True)
    buttons: tuple[Button, ...] = ()
    if before.pending == Step.REFERRAL_CONFIRM:
        buttons = (
            Button(knowledge.text(TextId.SEND, language), "/affirm"),
            Button(knowledge.text(TextId.CANCEL, language), "/cancel"),
        )
    outcome = Outcome(state.with_(offered=tuple(b.payload for b in buttons)))
    return outcome.say(knowledge.text(TextId.NOT_SAVED, language), buttons)
