"""One turn of the conversation: understand the message in context, answer from the knowledge.

Pure logic over a :class:`State` and a :class:`Turn`; the Rasa actions are thin
adapters around :meth:`Dialogue.handle`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace

from bot.channel_contract import CUT_FROM_METADATA, NO_TEXT_METADATA
from bot.conversation import aspects, recognition, steps, topics
from bot.conversation.choices import offered_payloads, pressed
from bot.conversation.referral import FREE_TEXT_STEPS, Referrals, forget_draft, is_cancel
from bot.conversation.render import contact_block, source_line
from bot.conversation.services import (
    finder_for,
    local_partners,
    partners_for,
    statewide_partners,
    wide_partners,
)
from bot.conversation.state import Button, Outcome, Reply, State, Turn
from bot.conversation.steps import Flow, Step
from bot.conversation.support import SupportAnswers
from bot.conversation.understand import district_of, place_name, turn_names_place
from bot.knowledge import translation_use
from bot.knowledge.index import KnowledgeBase
from bot.knowledge.normalise import normalise
from bot.knowledge.required import MessageId, TextId
from bot.knowledge.resolve import Resolution, Resolver
from bot.knowledge.schema import Fact, Topic
from bot.language import (
    SUPPORTED,
    asks_about_languages,
    choose_language,
    foreign_language,
    names_a_language,
    requested_language,
)

#: Intents answered by one fixed message of knowledge/messages/.
_MESSAGES = {
    "greet": MessageId.GREETING, "goodbye": MessageId.GOODBYE, "thank": MessageId.THANKS,
    "bot_challenge": MessageId.BOT_CHALLENGE, "switch_language": MessageId.LANGUAGE_SWITCHED,
}  # fmt: skip
#: Intents that start something new rather than ask more about the last answer.
_NEW_REQUEST = frozenset({
    "request_referral", "add_to_case", "delete_my_data", "cancel", "privacy", "human_contact",
    "feedback", "switch_language",
})  # fmt: skip
#: How many partners a service answer lists.
_SHOWN = 3
#: A follow-up about one aspect of the last answer is short ("und was kostet das?",
#: "and how many years do I need to have lived here?") and names nothing of its own.
_FOLLOW_UP_WORDS = 12


class Dialogue(SupportAnswers):
    """Answers one turn from one knowledge version."""

    def __init__(
        self,
        knowledge: KnowledgeBase,
        resolver: Resolver,
        *,
        conversation_days: int = 30,
        case_days: int = 180,
    ) -> None:
        """Use ``knowledge`` and its ``resolver``; the retention periods go into the privacy notice."""
        self.knowledge = knowledge
        self.resolver = resolver
        self.conversation_days = conversation_days
        self.case_days = case_days
        self.referrals = Referrals(knowledge, resolver, case_days)
        self._also = {aspect: record.also for aspect, record in knowledge.aspects.items()}

    def handle(self, turn: Turn, state: State) -> Outcome:
        """The replies to ``turn`` and the conversation state after it."""
        turn = pressed(turn, state)
        with translation_use.tracking() as used:
            outcome = self._answer(turn, state)
        self._say_translation_status(outcome, used)
        return self._finish(turn, outcome)

    def _say_translation_status(
        self, outcome: Outcome, used: translation_use.TranslationUse
    ) -> None:
        """One line under an answer whose texts are unreviewed translations, or partly English."""
        language = outcome.state.language
        if not outcome.replies:
            return
        if language in used.missing:
            name = self.knowledge.language_name(language, language)
            line = self.knowledge.text(TextId.TRANSLATION_MISSING, language, language=name)
        elif language in used.unreviewed:
            line = self.knowledge.text(TextId.TRANSLATION_UNREVIEWED, language)
        else:
            return
        last = outcome.replies[-1]
        outcome.replies[-1] = replace(last, text=f"{last.text}\n\n{line}")

    def _finish(self, turn: Turn, outcome: Outcome) -> Outcome:
        """The privacy notice on first contact, and the buttons a number may press next."""
        state = outcome.state
        if not state.privacy_noticed:
            if not turn.metadata.get("privacy_notice_shown"):
                outcome.replies.insert(0, Reply(self.privacy_notice(state.language)))
            state = state.with_(privacy_noticed=True)
        outcome.state = state.with_(offered=offered_payloads(outcome.replies))
        return outcome

    def _answer(self, turn: Turn, state: State) -> Outcome:
        if turn.metadata.get(NO_TEXT_METADATA) and not turn.text.strip():
            return Outcome(state).say(self.knowledge.message(MessageId.TEXT_ONLY, state.language))
        if turn.metadata.get(CUT_FROM_METADATA):
            # Only the first part arrived (EMS_MAX_MESSAGE_CHARS): ask for less, keep the state.
            language = foreign_language(turn.text) or choose_language(turn.text, state.language)
            return Outcome(state).say(self.knowledge.message(MessageId.MESSAGE_TOO_LONG, language))
        if state.pending in FREE_TEXT_STEPS:
            # Names, contacts and descriptions are answers in any language and to any NLU intent.
            answered = self.referrals.step(turn, state)
            if answered is not None:
                return answered
        # A pressed button sends its payload ("/delete_my_data"): no words to tell the language by.
        written = "" if turn.text.startswith("/") else turn.text
        phrases = self.resolver.resolve(written).language() if written else None
        foreign = foreign_language(written, phrases)
        if foreign and turn.intent not in ("feedback", "more"):
            return Outcome(state).say(self.knowledge.message(MessageId.OTHER_LANGUAGE, foreign))
        ui_language = turn.metadata.get("ui_language")
        if not state.privacy_noticed and ui_language in SUPPORTED:
            # The first message: the widget's chosen language is the conversation's so far.
            state = state.with_(language=ui_language)
        before_language = state.language
        state = state.with_(language=choose_language(written, state.language, phrases))
        # The widget's and messengers' switch buttons name the language in their payload.
        switched = turn.entity("language") if turn.intent == "switch_language" else None
        if switched in SUPPORTED:
            state = state.with_(language=switched)
        if state.pending is not None and state.pending.flow in (
            Flow.REFERRAL,
            Flow.CASE,
            Flow.PRIVACY,
        ):
            answered = self._pending_referral(turn, state)
            if answered is not None:
                return answered
            # The person moved on to something else: forget the draft and its contact data.
            state = forget_draft(state)
        intent = turn.intent or "nlu_fallback"
        if intent == "switch_language" and not (requested_language(written) or switched):
            if not names_a_language(written) and asks_about_languages(written):
                # "Do you speak other languages?": offer the eight (messengers have no menu).
                choose = self.knowledge.text(TextId.CHOOSE_LANGUAGE, state.language)
                return Outcome(state).say(choose, self._language_buttons())
            # "Does he need to speak German?" names a language without asking for it.
            intent = "nlu_fallback"
        if intent == "switch_language" or requested_language(written):
            repeated = self._switched(turn, state, before_language)
            if repeated is not None:
                return repeated
        no_case = intent == "add_to_case" and state.case_reference is None
        if intent not in _NEW_REQUEST or no_case:
            # "Und bis wann?" is no goodbye when the last answer has a deadline, and
            # "а до якого числа треба подати заявку?" adds to no case when there is none.
            follow_up = self._aspect_follow_up(turn, state)
            if follow_up is not None:
                return follow_up
        overruled = self._words_over_intent(turn, state, intent, written)
        if overruled is not None:
            return overruled
        if intent in _MESSAGES:
            return Outcome(state).say(self.knowledge.message(_MESSAGES[intent], state.language))
        flow = FLOWS.get(intent)
        if flow is not None:
            return flow(self, turn, state)
        if intent in topics.TOPICS_FOR_INTENT:
            return self._topic(turn, state, intent)
        return self._nlu_fallback(turn, state)

    def _words_over_intent(
        self, turn: Turn, state: State, intent: str, written: str
    ) -> Outcome | None:
        """Where the message's words clearly name what NLU's intent misses, the words win.

        - A greeting before a question is no greeting only ("السلام عليكم، أسكن في فيتموند
          وأحتاج موعدا في دائرة الأجانب").
        - An addition to a case, when there is none, is a question when it names a topic
          ("Cât timp mai e valabil permisul …?"); one that names only the counsellor is told
          there is no case yet.
        - A message NLU has no intent for may name a service or topic (``_unrecognised``).
        - A short one naming a place after an answer continues that answer ("а в Емдені?"):
          NLU is unsure of a bare place, the dialogue is not.

        ``written`` is the message's text, empty for a pressed button's payload.
        """
        if intent == "add_to_case" and state.case_reference is None:
            resolution = self.resolver.resolve(turn.text)
            topic = topics.clearly_named(resolution, self.knowledge)
            if topic is None:
                return None
            return self._answer_topic(turn, self._absorb(turn, state, resolution), topic)
        greeting_before_question = intent == "greet" and len(written.split()) > 3
        named = self._unrecognised(
            turn, state, "nlu_fallback" if greeting_before_question else intent
        )
        if named is not None:
            return named
        if (
            intent in ("nlu_fallback", "out_of_scope")
            and len(written.split()) <= 5
            and state.last_request is not None
            and self.resolver.resolve(turn.text).best("place") is not None
        ):
            return self._inform(turn, state)
        return None

    def _unrecognised(self, turn: Turn, state: State, intent: str) -> Outcome | None:
        """A question NLU has no intent for may still name a service or topic clearly: answer it.

        Services and topics staff add need no new intent: their words make them reachable.
        A service wins when the message names a place or asks where; else a topic.
        """
        if intent not in ("nlu_fallback", "out_of_scope"):
            return None
        resolution = self.resolver.resolve(turn.text)
        service = topics.clearly_named_service(resolution)
        topic = topics.clearly_named(resolution, self.knowledge)
        local = resolution.best("place") is not None or "where" in aspects.aspects_in(
            turn.text, self.knowledge
        )
        if service is not None and (local or topic is None):
            return self._find_service(turn, state)
        if _clear_profession(resolution) and (topic is None or topics.about_recognition(topic)):
            # "Ingeneur aus Ägypten, wer erlaubt mir die Berufsbezeichung?"
            return self._ask_recognition(turn, state)
        if topic is not None:
            return self._answer_topic(turn, self._absorb(turn, state, resolution), topic)
        return None

    def _places(self, state: State) -> frozenset[str]:
        """The conversation's place with what contains it: municipality, Samtgemeinde, district."""
        if state.place is None:
            return frozenset()
        found = {state.place}
        municipality = self.knowledge.municipalities.get(state.place)
        if municipality is not None:
            found |= {municipality.district, *(filter(None, [municipality.samtgemeinde]))}
        return frozenset(found)

    def _other_topic(self, turn: Turn, state: State, resolution: Resolution) -> Outcome | None:
        """A profession named beside a clear non-recognition topic is not a recognition question.

        "Lkw-Fahrer … wie lange gilt mein Führerschein?" asks about the driving licence.
        """
        profession = resolution.best("profession")
        if profession is not None:
            # "childcare assistant" names a profession, not the childcare topic.
            inside = normalise(profession.phrase)
            resolution = replace(
                resolution,
                topics=[m for m in resolution.topics if normalise(m.phrase) not in inside],
            )
        other = topics.clearly_named(resolution, self.knowledge)
        if other is None or topics.about_recognition(other):
            return None  # a topic about recognition itself: the profession's answer is better
        return self._answer_topic(turn, self._absorb(turn, state, resolution), other)

    def _profession_answers(self, turn: Turn, resolution: Resolution, topic: Topic) -> bool:
        """Whether the profession the message names answers it better than ``topic`` would.

        It does when the message names neither ``topic`` (the intent's usual one) nor
        another topic clearly: "What does the LS charge for the permit to work as a nurse?"
        is about the nurse's recognition; "We want to hire welders from abroad, where do
        employers get help?" names the employers' topic and stays an employer question.
        """
        if not _clear_profession(resolution):
            return False
        # A topic about recognition itself ("für die Anerkennung", "Berufsbezeichnung") is
        # what the profession's answer gives, with who decides.
        others = replace(
            resolution,
            topics=[
                m
                for m in resolution.topics
                if m.id in self.knowledge.topics
                and not topics.about_recognition(self.knowledge.topics[m.id])
            ],
        )
        if topics.about_recognition(topic):
            return topics.clearly_named(others, self.knowledge) is None
        return all(m.id != topic.id for m in others.topics) and (
            topics.clearly_named(others, self.knowledge) is None
        )

    def _switched(self, turn: Turn, state: State, before: str) -> Outcome | None:
        """A language request: answer what it also asks, else repeat the last answer in it."""
        rest = self._unrecognised(turn, state, "nlu_fallback")
        if rest is not None:
            return rest  # "kann ich auf Deutsch fragen? wie lange gilt mein Führerschein?"
        if state.language == before:
            return None
        kind, record_id = (
            (state.last_topic.kind, state.last_topic.id) if state.last_topic else ("", "")
        )
        if kind == "profession" and state.profession == record_id:
            return self._recognition(state)
        if kind == "topic" and record_id in self.knowledge.topics:
            # The same answer again, in the new language: the facts asked for, else the summary.
            topic = self.knowledge.topics[record_id]
            return self._answer_topic(Turn(""), state, topic, list(state.asked))
        if kind == "service" and state.service and state.place:
            return self._service(state)
        return None

    def _pending_referral(self, turn: Turn, state: State) -> Outcome | None:
        """The answer to a referral or privacy question, or None if the message is about something else."""
        if state.pending == Step.PRIVACY_ERASE:
            return self.referrals.erase_step(turn, state)
        if state.pending == Step.REFERRAL_PLACE:
            if is_cancel(turn):
                return self.referrals.cancel(state)
            state = self._absorb(turn, state, self.resolver.resolve(turn.text))
            return self.referrals.start(turn, state) if state.place else None
        return self.referrals.step(turn, state)

    # --- what the message tells us -------------------------------------------------

    # --- flows ----------------------------------------------------------------------

    def _ask_recognition(self, turn: Turn, state: State) -> Outcome:
        resolution = self.resolver.resolve(turn.text)
        other = self._other_topic(turn, state, resolution)
        if other is not None:
            return other
        state = self._absorb(turn, state, resolution).with_(last_request="recognition")
        if not state.profession:
            overview = topics.pick_topic("ask_recognition", resolution, self.knowledge)
            asked = aspects.aspects_in(turn.text, self.knowledge)
            facts = (
                aspects.facts_for(overview, asked, turn.text, also=self._also) if overview else []
            )
            if overview and facts:
                # "Welche Unterlagen brauche ich für die Anerkennung?": the facts, then who decides.
                outcome = self._facts(
                    state.with_(last_topic=steps.topic(overview.id), asked=tuple(asked)),
                    overview.title.in_language(state.language), facts,
                )  # fmt: skip
                outcome.state = outcome.state.with_(pending=Step.RECOGNITION_PROFESSION)
                return outcome.say(self.knowledge.text(TextId.ASK_PROFESSION, state.language))
            outcome = Outcome(state.with_(pending=Step.RECOGNITION_PROFESSION))
            if overview:
                outcome.say(overview.answer.short.in_language(state.language))
            return outcome.say(self.knowledge.text(TextId.ASK_PROFESSION, state.language))
        return self._recognition(
            state, tuple(aspects.aspects_in(turn.text, self.knowledge)), turn.text
        )

    def _recognition(
        self, state: State, asked: tuple[str, ...] = (), asked_in: str = ""
    ) -> Outcome:
        language = state.language
        profession = self.knowledge.professions.get(state.profession or "")
        if profession is None:
            # Keep asking: the next message may name a profession we know.
            return Outcome(state.with_(pending=Step.RECOGNITION_PROFESSION, profession=None)).say(
                self.knowledge.text(TextId.UNKNOWN_PROFESSION, language)
            )
        # Answer first: the place is asked only where who decides depends on it (the chambers).
        if not state.place and recognition.depends_on_place(profession):
            return Outcome(state.with_(pending=Step.RECOGNITION_PLACE)).say(
                self.knowledge.text(TextId.ASK_PLACE, language)
            )
        district = district_of(state.place, self.knowledge) if state.place else None
        if state.place and district is None:
            return Outcome(state.with_(pending=Step.RECOGNITION_PLACE, place=None)).say(
                self.knowledge.text(TextId.OUTSIDE_REGION, language)
            )
        buttons = (
            Button(self.knowledge.text(TextId.MORE, language), "/more"),
            *self._feedback_buttons(language),
        )
        where = place_name(state.place, self.knowledge) if state.place else None
        replies = recognition.answer(
            profession, district, where, state.eu_qualification, self.knowledge, language, buttons,
        )  # fmt: skip
        state = state.with_(pending=None, last_topic=steps.profession(profession.id))
        # What the question asked for (documents, fees, duration) comes first.
        first = aspects.profession_aspects(
            profession,
            self.knowledge,
            list(asked),
            language,
            asked_in,
            self._places(state),
            self._also,
        )
        if first:
            replies.insert(0, Reply("\n".join(first)))
        return Outcome(state, replies)

    def _find_service(self, turn: Turn, state: State) -> Outcome:
        resolution = self.resolver.resolve(turn.text)
        state = self._absorb(turn, state, resolution).with_(last_request="service")
        topic = topics.clearly_named(resolution, self.knowledge)
        if not state.service and topic is not None:
            # "Who handles naturalisation in Papenburg?" names no kind of office, but a topic.
            return self._answer_topic(turn, state, topic)
        return self._service(state)

    def _service(self, state: State) -> Outcome:
        language = state.language
        if not state.service:
            return Outcome(state.with_(pending=Step.SERVICE_KIND)).say(
                self.knowledge.text(TextId.ASK_SERVICE, language)
            )
        service = self.knowledge.services[state.service]
        name = service.name.in_language(language)
        heading = TextId.SERVICE_IN
        if not state.place:
            wide = statewide_partners(state.service, self.knowledge)
            if wide is None:
                return Outcome(state.with_(pending=Step.SERVICE_PLACE)).say(
                    self.knowledge.text(TextId.ASK_PLACE, language)
                )
            # Answer first: a service that is the same for everyone (a hotline) needs no place.
            where = self.knowledge.text(TextId.EVERYWHERE, language)
            found = wide
        else:
            where = place_name(state.place, self.knowledge)
            found = local_partners(state.service, state.place, self.knowledge)[:_SHOWN]
            if not found:
                # No local office is known: say so, and name who helps statewide or online.
                found = wide_partners(state.service, self.knowledge)[:_SHOWN]
                heading = TextId.SERVICE_NOT_LOCAL
        outcome = Outcome(state.with_(pending=None, last_topic=steps.service(state.service)))
        if not found:
            return outcome.say(
                self.knowledge.text(
                    TextId.NO_SERVICE,
                    language,
                    place=where,
                    finder=finder_for(state.service, self.knowledge),
                )
            )
        blocks = [self.knowledge.text(heading, language, service=name, place=where)]
        for partner in found:
            blocks.append(contact_block(partner, self.knowledge, language))
            if partner.notes:
                blocks.append(partner.notes.in_language(language))
            blocks.append(source_line(partner, self.knowledge, language))
            blocks.append("")
        buttons = self._feedback_buttons(language)
        if service.offer_referral:
            buttons = (self._referral_button(language), *buttons)
        return outcome.say("\n".join(blocks).strip(), buttons)

    def _topic(self, turn: Turn, state: State, intent: str) -> Outcome:
        resolution = self.resolver.resolve(turn.text)
        state = self._absorb(turn, state, resolution)
        topic = topics.pick_topic(intent, resolution, self.knowledge)
        if topic is None:
            return self._nlu_fallback(turn, state)
        asked = aspects.aspects_in(turn.text, self.knowledge)
        if self._profession_answers(turn, resolution, topic):
            # "What does the LS charge for the permit to work as a nurse?": the nurse's
            # recognition fees, not the intent's usual topic (the work visa).
            return self._ask_recognition(turn, state)
        if not asked and aspects.carries_over(turn.text, self.knowledge):
            asked = list(state.asked)  # "and for the opportunity card?" asks the same again
        named_itself = any(m.id == topic.id for m in resolution.topics)
        if (
            not named_itself
            and topics.clearly_named_service(resolution) is not None
            and resolution.best("place") is not None
        ):
            # "Wittmund'daki yabancılar dairesine nasıl ulaşabilirim?" read as an employers'
            # question: an office and a place named, and not the intent's topic, ask for it.
            return self._find_service(turn, state)
        places = self._places(self._absorb(turn, state, resolution))
        if (
            asked
            and not named_itself
            and not aspects.facts_for(topic, asked, turn.text, places, self._also)
        ):
            # The intent's usual topic, not named in the message, lacks the fact asked for;
            # another topic the message names has it.
            for match in resolution.topics:
                other = self.knowledge.topics.get(match.id)
                if (
                    match.score >= topics.CLEAR_MATCH
                    and other
                    and aspects.facts_for(other, asked, turn.text, places, self._also)
                ):
                    return self._answer_topic(turn, state, other)
        return self._answer_topic(turn, state, topic)

    def _answer_topic(
        self, turn: Turn, state: State, topic: Topic, wanted: list[str] | None = None
    ) -> Outcome:
        """The facts the question (or ``wanted``) asks for, else the topic's short answer."""
        if wanted is None:
            wanted = aspects.aspects_in(turn.text, self.knowledge)
        if not wanted and aspects.carries_over(turn.text, self.knowledge):
            wanted = list(state.asked)
        follow_up = aspects.carries_over(turn.text, self.knowledge) or not turn.text
        # A follow-up keeps what the question before it named ("mitversichert").
        text = f"{turn.text} {' '.join(state.keywords)}" if follow_up else turn.text
        state = state.with_(
            last_request="topic",
            last_topic=steps.topic(topic.id),
            pending=None,
            asked=tuple(wanted),
            keywords=aspects.keywords_used(topic, text),
        )
        asked = aspects.facts_for(topic, wanted, text, self._places(state), self._also)
        if not asked:
            # "Does she need her own health insurance or is she covered with me?" asks for
            # "need" (requirements), but names the fact on family insurance.
            asked = aspects.named_facts(topic, text)
        if asked:
            outcome = self._facts(state, topic.title.in_language(state.language), asked)
            return self._with_town_office(outcome, topic, wanted)
        details = aspects.detail_lines(topic, wanted, turn.text, self.knowledge, state.language)
        if details:
            return self._details(state, topic, details)
        reply = topics.short_answer(
            topic, self.knowledge, state.language, self._feedback_buttons(state.language)
        )
        outcome = self._with_town_office(Outcome(state, [reply]), topic, wanted)
        places = self._places(state)
        local = [fact for fact in topic.facts if set(fact.places) & places] if not wanted else []
        if local:
            # "Kita-Anmeldung in Aurich": the summary, then what is known for Aurich.
            outcome.say("\n".join(aspects.fact_lines(local, self.knowledge, state.language)))
        here = self._topic_here(state) if turn_names_place(turn, self.resolver) else None
        if here is not None:
            outcome.replies += here.replies  # "Deutsch lernen in Papenburg": the VHS there too
        return outcome

    def _facts(self, state: State, title: str, facts: list[Fact]) -> Outcome:
        """The facts a question asked for, with their sources, and a pointer to the rest."""
        language = state.language
        lines = [
            *aspects.fact_lines(facts, self.knowledge, language),
            "",
            self.knowledge.text(TextId.FACT_MORE, language, title=title),
        ]
        buttons = (
            Button(self.knowledge.text(TextId.MORE, language), "/more"),
            *self._feedback_buttons(language),
        )
        return Outcome(state).say("\n".join(lines), buttons)

    def _with_town_office(self, outcome: Outcome, topic: Topic, asked: list[str]) -> Outcome:
        """The answer, and which town hall serves the conversation's place for this topic."""
        place = self.knowledge.municipalities.get(outcome.state.place or "")
        if not topic.served_by_the_municipality or place is None or asked not in ([], ["where"]):
            return outcome
        language = outcome.state.language
        samtgemeinde = self.knowledge.municipalities.get(place.samtgemeinde or "")
        if samtgemeinde is not None:
            line = self.knowledge.text(
                TextId.TOWN_OFFICE_SAMTGEMEINDE, language, place=place.name,
                samtgemeinde=samtgemeinde.name,
            )  # fmt: skip
        else:
            line = self.knowledge.text(TextId.TOWN_OFFICE, language, place=place.name)
        return outcome.say(line)

    def _details(self, state: State, topic: Topic, lines: list[str]) -> Outcome:
        """The lines of a topic's details that answer the question, with the topic's source."""
        language = state.language
        text = "\n".join([
            *lines,
            source_line(topic, self.knowledge, language),
            "",
            self.knowledge.text(TextId.FACT_MORE, language, title=topic.title.in_language(language)),
        ])  # fmt: skip
        buttons = (
            Button(self.knowledge.text(TextId.MORE, language), "/more"),
            *self._feedback_buttons(language),
        )
        return Outcome(state).say(text, buttons)

    def _aspect_follow_up(self, turn: Turn, state: State) -> Outcome | None:
        """ "Und was kostet das?" after an answer: that aspect of the record answered last."""
        asked = aspects.aspects_in(turn.text, self.knowledge)
        if not asked and aspects.carries_over(turn.text, self.knowledge):
            asked = list(state.asked)  # "and next year, 2027?"
        kind, record_id = (
            (state.last_topic.kind, state.last_topic.id) if state.last_topic else ("", "")
        )
        last = self.knowledge.topics.get(record_id) if kind == "topic" else None
        if last is not None and aspects.carries_over(turn.text, self.knowledge):
            # "and my wife?" after health insurance: the last topic's fact on spouses, though
            # "wife" also names family reunification.
            chosen = [
                f
                for f in aspects.facts_for(last, asked, turn.text, self._places(state), self._also)
                if f.keywords
            ] or (aspects.named_facts(last, turn.text) if not asked else [])
            if chosen:
                return self._facts(state, last.title.in_language(state.language), chosen)
        if not asked or len(turn.text.split()) > _FOLLOW_UP_WORDS:
            return None
        named = self.resolver.resolve(turn.text)
        question = turn.intent in topics.TOPICS_FOR_INTENT or turn.intent in (
            "ask_recognition", "find_service",
        )  # fmt: skip
        if question and (named.best("topic") or named.best("profession") or named.best("service")):
            return None  # a question of its own ("what does the integration course cost?")
        if kind == "service" and record_id in self.knowledge.services:
            if {"contact", "where"} & set(asked) and state.place:
                return self._service(state.with_(service=record_id))  # the offices again
            # "Und bis wann?" after the Kita office: the facts of the service's topic.
            kind, record_id = "topic", next(iter(self.knowledge.services[record_id].topics), "")
        if kind == "topic" and record_id in self.knowledge.topics:
            topic = self.knowledge.topics[record_id]
            text = f"{turn.text} {' '.join(state.keywords)}"  # "bis zu welchem Einkommen?"
            facts = aspects.facts_for(topic, asked, text, self._places(state), self._also)
            if facts:
                return self._facts(state, topic.title.in_language(state.language), facts)
            details = aspects.detail_lines(topic, asked, turn.text, self.knowledge, state.language)
            return self._details(state, topic, details) if details else None
        if kind == "profession" and record_id in self.knowledge.professions:
            profession = self.knowledge.professions[record_id]
            lines = aspects.profession_aspects(
                profession,
                self.knowledge,
                asked,
                state.language,
                turn.text,
                self._places(state),
                self._also,
            )
            if not lines and {"contact", "where"} & set(asked):
                # "Und die Telefonnummer?": the contact of whoever decides.
                district = district_of(state.place, self.knowledge) if state.place else None
                bodies = recognition.competent_bodies(profession, district, state.eu_qualification)
                lines = [
                    contact_block(
                        self.knowledge.partners[b.partner], self.knowledge, state.language
                    )
                    for b in bodies
                    if b.partner in self.knowledge.partners
                ]
            return Outcome(state).say("\n\n".join(lines)) if lines else None
        return None

    def _more(self, turn: Turn, state: State) -> Outcome:
        kind, record_id = (
            (state.last_topic.kind, state.last_topic.id) if state.last_topic else ("", "")
        )
        text = None
        district = district_of(state.place, self.knowledge) if state.place else None
        if kind == "topic" and record_id in self.knowledge.topics:
            text = topics.more_answer(
                self.knowledge.topics[record_id], district, self.knowledge, state.language
            )
        elif kind == "profession" and record_id in self.knowledge.professions:
            text = recognition.more(
                self.knowledge.professions[record_id], self.knowledge, state.language
            )
        return Outcome(state).say(text or self.knowledge.text(TextId.NO_MORE, state.language))

    def _inform(self, turn: Turn, state: State) -> Outcome:
        """Facts without a question: an answer to our question, a follow-up or a correction."""
        resolution = self.resolver.resolve(turn.text)
        before = state
        state = self._absorb(turn, state, resolution)
        pending = state.pending.flow if state.pending else None
        new_profession = state.profession != before.profession and state.profession is not None
        changed = any(
            getattr(state, f) != getattr(before, f)
            for f in ("place", "eu_qualification", "service")
        )
        if not pending and new_profession:
            other = self._other_topic(turn, before, resolution)
            if other is not None:
                return other
        if pending is Flow.RECOGNITION or (not pending and new_profession):
            return self._recognition(state.with_(last_request="recognition"))
        if pending is Flow.SERVICE or (changed and state.last_request == "service"):
            return self._service(state)
        if not pending and state.service is not None and state.service != before.service:
            # "أنا ساكنة في أوريش، أي وكالة عمل مسؤولة عني؟": naming an office asks for it.
            return self._find_service(turn, before)
        if changed and state.last_request == "recognition":
            return self._recognition(state)
        if (
            changed
            and state.place
            and state.place != before.place
            and state.last_request == "topic"
        ):
            local = self._topic_here(state)
            if local is not None:
                return local
        named = topics.clearly_named(resolution, self.knowledge)
        if named is not None:
            # "We arrive in Emden next month. What should we do in the first days?"
            return self._answer_topic(turn, state, named)
        if changed and state.place and state.place != before.place:
            where = place_name(state.place, self.knowledge)
            noted = self.knowledge.text(TextId.PLACE_NOTED, state.language, place=where)
            return Outcome(state).say(noted, self._help_buttons(state.language))
        return self._nlu_fallback(turn, state)

    def _topic_here(self, state: State) -> Outcome | None:
        """ "In Aurich" after a topic answer: who helps with that topic in that place.

        The service that names the topic (knowledge/services/: ``topic``) finds the offices,
        as when the question had asked for them; else the topic's own partners there.
        """
        kind, record_id = (
            (state.last_topic.kind, state.last_topic.id) if state.last_topic else ("", "")
        )
        topic = self.knowledge.topics.get(record_id) if kind == "topic" else None
        district = district_of(state.place, self.knowledge) if state.place else None
        if topic is None or district is None or state.place is None:
            return None
        service = next(
            (k for k, s in self.knowledge.services.items() if topic.id in s.topics), None
        )
        if service is not None and partners_for(service, state.place, self.knowledge):
            outcome = self._service(state.with_(service=service))
            outcome.state = outcome.state.with_(last_topic=state.last_topic)
            return outcome
        found = topics.local_partners(topic, district, self.knowledge)
        if not found:
            return None
        language = state.language
        where = place_name(state.place, self.knowledge)
        blocks = [
            self.knowledge.text(
                TextId.TOPIC_IN, language, topic=topic.title.in_language(language), place=where
            )
        ]
        for partner in found:
            blocks += [
                contact_block(partner, self.knowledge, language),
                source_line(partner, self.knowledge, language),
                "",
            ]
        return Outcome(state).say("\n".join(blocks).strip(), self._feedback_buttons(language))


def _clear_profession(resolution: Resolution) -> bool:
    """Whether the message names a profession beyond doubt (a typo allowed: "Ingeneur")."""
    profession = resolution.best("profession")
    return profession is not None and profession.score >= 0.9


#: What answers an intent: one flow of the dialogue (its typed steps are in ``steps.py``).
#: Besides these, the intents of ``_MESSAGES`` get their fixed message and those of
#: ``topics.TOPICS_FOR_INTENT`` a topic answer; anything else is not understood.
Answer = Callable[[Dialogue, Turn, State], Outcome]
FLOWS: Mapping[str, Answer] = {
    "ask_recognition": Dialogue._ask_recognition,
    "find_service": Dialogue._find_service,
    "more": Dialogue._more,
    "inform": Dialogue._inform,
    "affirm": Dialogue._inform,
    "deny": Dialogue._inform,
    "help": Dialogue._help,
    "out_of_scope": Dialogue._out_of_scope,
    "human_contact": Dialogue._human_contact,
    "nlu_fallback": Dialogue._nlu_fallback,
    "feedback": Dialogue._feedback,
    "request_referral": Dialogue._request_referral,
    "add_to_case": Dialogue._add_to_case,
    "delete_my_data": Dialogue._delete_my_data,
    "cancel": Dialogue._cancel,
    "privacy": Dialogue._privacy,
}

#: Every intent the dialogue answers with something other than "not understood".
ANSWERED_INTENTS = frozenset(FLOWS) | frozenset(_MESSAGES) | frozenset(topics.TOPICS_FOR_INTENT)
