"""Answers that support every flow: help, fallback, human contact, feedback, privacy, referral entry points.

A base class of :class:`bot.conversation.dialogue.Dialogue`, kept apart so that each
module stays small; it holds no state of its own.
"""

from __future__ import annotations

from bot.conversation.referral import Referrals
from bot.conversation.render import contact_block
from bot.conversation.services import partners_for
from bot.conversation.state import Button, Outcome, State, Turn
from bot.conversation.steps import Step
from bot.conversation.understand import eu_origin, service_kind
from bot.feedback import StoreFeedback, is_helpful
from bot.knowledge.index import KnowledgeBase
from bot.knowledge.required import MessageId, ServiceId, TextId
from bot.knowledge.resolve import Resolution, Resolver
from bot.language import SUPPORTED
from bot.privacy.notice import with_periods

_HELP_INTENTS = (
    "ask_recognition",
    "find_service",
    "ask_visa",
    "ask_jobs",
    "ask_language_course",
    "human_contact",
)
#: Intents that never appear as buttons of a clarifying question.
_NOT_OFFERED = {
    "nlu_fallback",
    "out_of_scope",
    "affirm",
    "deny",
    "inform",
    "more",
    "feedback",
    "greet",
    "goodbye",
    "thank",
    "cancel",
    "add_to_case",
    "delete_my_data",
}


#: The questions a clarifying answer may offer as buttons, with their titles' text keys.
INTENT_BUTTONS: dict[str, TextId] = {
    key.value.removeprefix("button_"): key for key in TextId if key.value.startswith("button_")
}


class SupportAnswers:
    """Help, fallback, human contact, feedback, privacy and the referral entry points."""

    knowledge: KnowledgeBase
    resolver: Resolver
    referrals: Referrals
    conversation_days: int
    case_days: int

    def privacy_notice(
        self, language: str, message_id: MessageId = MessageId.PRIVACY_NOTICE
    ) -> str:
        """A privacy message with the configured retention periods filled in."""
        text = self.knowledge.message(message_id, language)
        return with_periods(text, self.conversation_days, self.case_days)

    def _absorb(self, turn: Turn, state: State, resolution: Resolution) -> State:
        """Remember the profession, place, service and EU origin the message names."""
        changes: dict[str, object] = {}
        profession = resolution.best("profession")
        if profession:
            changes["profession"] = profession.id
        place = resolution.best("place")
        if place:
            changes["place"] = place.id
        kind = service_kind(turn, resolution, self.resolver)
        if kind:
            changes["service"] = kind
        eu = eu_origin(turn)
        if eu is not None and turn.intent not in ("affirm", "deny"):
            changes["eu_qualification"] = eu
        return state.with_(**changes)

    def _feedback_buttons(self, language: str) -> tuple[Button, ...]:
        return (
            Button(
                self.knowledge.text(TextId.HELPFUL, language), '/feedback{"feedback_value":"up"}'
            ),
            Button(
                self.knowledge.text(TextId.NOT_HELPFUL, language),
                '/feedback{"feedback_value":"down"}',
            ),
        )

    def _feedback(self, turn: Turn, state: State) -> Outcome:
        if state.last_topic is None:
            # No answer was given in this conversation: a rating would be about nothing.
            return Outcome(state).say(
                self.knowledge.text(TextId.FEEDBACK_NOTHING_TO_RATE, state.language)
            )
        helpful = is_helpful(turn.entity("feedback_value"), turn.text)
        outcome = Outcome(state).say(self.knowledge.text(TextId.FEEDBACK_THANKS, state.language))
        outcome.effects.append(StoreFeedback(state.last_topic.slot(), helpful, state.language))
        return outcome

    def _privacy(self, turn: Turn, state: State) -> Outcome:
        return Outcome(state).say(self.privacy_notice(state.language, MessageId.PRIVACY))

    def _request_referral(self, turn: Turn, state: State) -> Outcome:
        state = self._absorb(turn, state, self.resolver.resolve(turn.text))
        return self.referrals.start(turn, state)

    def _add_to_case(self, turn: Turn, state: State) -> Outcome:
        return self.referrals.add_to_case(state)

    def _delete_my_data(self, turn: Turn, state: State) -> Outcome:
        return self.referrals.ask_erase(state)

    def _cancel(self, turn: Turn, state: State) -> Outcome:
        return self.referrals.cancel(state)

    def _referral_button(self, language: str) -> Button:
        return Button(self.knowledge.text(TextId.REFER_ME, language), "/request_referral")

    def _help(self, turn: Turn, state: State) -> Outcome:
        return Outcome(state).say(
            self.knowledge.message(MessageId.HELP, state.language),
            self._help_buttons(state.language),
        )

    def _out_of_scope(self, turn: Turn, state: State) -> Outcome:
        language = state.language
        text = f"{self.knowledge.message(MessageId.OUT_OF_SCOPE, language)}\n\n{self.knowledge.message(MessageId.HELP, language)}"
        return Outcome(state).say(text, self._help_buttons(language))

    def _human_contact(self, turn: Turn, state: State) -> Outcome:
        resolution = self.resolver.resolve(turn.text)
        state = self._absorb(turn, state, resolution)
        language = state.language
        place = state.place
        found = []
        if place:
            found = partners_for(
                ServiceId.WELCOME_CENTRE.value, place, self.knowledge, 1
            ) + partners_for(ServiceId.COUNSELLING.value, place, self.knowledge, 2)
        found += [
            self.knowledge.partners[p]
            for p in ("hotline-arbeiten-und-leben",)
            if p in self.knowledge.partners
        ]
        blocks = [self.knowledge.text(TextId.HUMAN_CONTACT, language)] + [
            contact_block(p, self.knowledge, language) + "\n" for p in found
        ]
        offer = (self._referral_button(language),) if place else ()
        outcome = Outcome(state).say("\n".join(blocks).strip(), offer)
        if not place:
            outcome.say(self.knowledge.text(TextId.ASK_PLACE, language))
            outcome.state = state.with_(
                pending=Step.SERVICE_PLACE,
                service=ServiceId.COUNSELLING.value,
                last_request="service",
            )
        return outcome

    def _nlu_fallback(self, turn: Turn, state: State) -> Outcome:
        """Not understood: ask back with buttons for the likely questions; never guess a fact."""
        language = state.language
        offered = [
            r["name"]
            for r in turn.intent_ranking
            if r.get("name") not in _NOT_OFFERED and r.get("name") in INTENT_BUTTONS
        ][:3]
        for intent in _HELP_INTENTS:
            if len(offered) >= 3:
                break
            if intent not in offered:
                offered.append(intent)
        buttons = tuple(self._intent_button(i, language) for i in offered)
        return Outcome(state).say(
            self.knowledge.message(MessageId.NOT_UNDERSTOOD, language), buttons
        )

    def _language_buttons(self) -> tuple[Button, ...]:
        """One button per language the assistant answers in, each named in itself."""
        return tuple(
            Button(
                self.knowledge.endonym(language),
                f'/switch_language{{"language":"{language}"}}',
            )
            for language in SUPPORTED
        )

    def _help_buttons(self, language: str) -> tuple[Button, ...]:
        return tuple(self._intent_button(i, language) for i in _HELP_INTENTS)

    def _intent_button(self, intent: str, language: str) -> Button:
        """A button that asks the question ``intent`` stands for."""
        return Button(self.knowledge.text(INTENT_BUTTONS[intent], language), f"/{intent}")
