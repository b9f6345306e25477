"""Fixes to Rasa 3.6.21 that are not configurable, applied before the server starts.

1. **Action responses are validated with a validator built once.** For every custom
   action call Rasa runs ``jsonschema.validate(response, schema)``, which checks the
   schema itself against its meta-schema and builds a new validator each time (36 ms
   a call on a response with six slot events, about 43 % of the server's CPU at 20
   concurrent conversations; issue 11). The same schema is checked once here and one
   validator is reused: the response is validated exactly as before, with the same
   error (``best_match``) and message when it is wrong.
2. **Event types are looked up in a table built once.** ``Event.resolve_by_type`` walks
   every subclass of ``Event`` (``all_subclasses``, with ``inspect.isabstract`` on each)
   for every event it deserialises: 7 % of the server's CPU at 20 concurrent
   conversations after fix 1 (py-spy, docs/benchmarks/latency.md). The table keeps the
   first class of each type name in the same order, so the same class is found; an
   unknown name looks again (a class defined since) before failing the same way.
3. **Objects loaded at start-up are left out of garbage collection.** Every full
   collection walked the whole heap: TensorFlow, the loaded model and the domain, hundreds
   of thousands of objects that live as long as the server. That was 13 % of the server's
   CPU at 20 concurrent conversations (py-spy --native, docs/benchmarks/latency.md).
   Once the model is loaded they are collected once and frozen (``gc.freeze``); objects
   created while serving are collected as before.
4. **The action server gets the latest turn's events, not the whole conversation.** Rasa
   sends every event since the session started with every action call, so the request
   grows with each turn: after about 65 turns it passed the app server's 256 KB body
   limit and every later turn of that conversation went unanswered (HTTP 413, seen in
   ``make bench-latency``), and encoding it was the largest cost of the call. Our actions
   read the slots, the latest message and the latest user event (``actions/base.py``),
   so the events sent start at the latest user message; everything else in the request
   is what Rasa sends.
5. **A message longer than ``EMS_MAX_MESSAGE_CHARS`` is cut before anything reads it.**
   No channel limits a message's length, and one message of 100 KB drove the Rasa server
   past 9 GB (issue 15). Every channel's message passes through ``UserMessage``; there
   the text is cut to the limit and the message's metadata records its length, so NLU and
   the tracker store see only the cut text and the dialogue asks for a shorter message.
6. **No turn goes unanswered when the action server fails.** When the call to the app
   server fails (down, refused, timed out, an error status), Rasa logs the error and sends
   nothing, so the newcomer sees silence. The failed call now sends the catalogue's
   ``technical-problem`` message in the conversation's language instead (read from
   ``knowledge/messages/technical-problem.yml`` when it is needed, since the app server
   that serves the catalogue is the part that failed). The person's message stays in the
   tracker, so the conversation goes on when the app server is back.
7. **When the tracker store is down, the turn is refused; it is never answered from an
   empty copy.** Rasa wraps every tracker store in a ``FailSafeTrackerStore``: when the
   database fails, a load returns nothing (the conversation starts again: privacy notice,
   context gone) and a save goes to memory (lost). A 20 s PostgreSQL outage left 195
   answered turns unstored (issue 15). Now our store retries for about 7 s
   (``bot/rasa_side/tracker_store.py``) and then raises, the wrapper passes the error on,
   and the turn is answered with the technical-problem message only. The replies of a turn
   are held back until its tracker is saved, so an answer a person has seen is always
   stored.
8. **No log holds message text.** ``docs/privacy.md`` promises it, but Rasa logs a person's
   text in several places: the REST channel when handling fails
   (``rest.message.received.failure text=…``), the message parser when a message starts
   with ``/`` but names no intent (``message.parsing.failed user_text=…`` and a warning
   quoting the whole line), the processor at debug level (``parse_data_text``). Found by
   the fuzz run in ``tests/integration/test_fuzz_logs.py``. Those loggers now drop the
   text fields and keep everything else (the event, the traceback), and the parser's
   warning says what happened without the line.
"""

from __future__ import annotations

import functools
import gc
import importlib
import logging
from typing import Any

logger = logging.getLogger(__name__)

_applied = False


@functools.cache
def _action_response_validator() -> Any:
    from jsonschema.validators import validator_for
    from rasa.core.actions.action import RemoteAction

    schema = RemoteAction.action_response_format_spec()
    validator_class = validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)


def _validate_action_result(self: Any, result: dict[str, Any]) -> bool:
    """Rasa's ``RemoteAction._validate_action_result`` with the validator built once."""
    from jsonschema.exceptions import best_match
    from rasa.shared.constants import DOCS_BASE_URL

    error = best_match(_action_response_validator().iter_errors(result))
    if error is not None:
        error.message += (
            ". Failed to validate Action server response from API, "
            "make sure your response from the Action endpoint is valid. "
            f"For more information about the format visit {DOCS_BASE_URL}/custom-actions"
        )
        raise error
    return True


@functools.cache
def _event_types() -> dict[str, Any]:
    import rasa.shared.utils.common
    from rasa.shared.core.events import Event

    table: dict[str, Any] = {}
    for cls in rasa.shared.utils.common.all_subclasses(Event):
        table.setdefault(cls.type_name, cls)
    return table


def _resolve_by_type(type_name: str, default: Any = None) -> Any:
    """Rasa's ``Event.resolve_by_type`` with the subclasses looked up once."""
    cls = _event_types().get(type_name)
    if cls is None:
        _event_types.cache_clear()
        cls = _event_types().get(type_name)
    if cls is not None:
        return cls
    if type_name == "topic":
        return None  # as Rasa: old TopicSet events
    if default is not None:
        return default
    raise ValueError(f"Unknown event name '{type_name}'.")


def _action_call_format(self: Any, tracker: Any, domain: Any) -> dict[str, Any]:
    """Rasa's ``RemoteAction._action_call_format``, with the events of the latest turn only."""
    import rasa
    from rasa.shared.core.events import UserUttered
    from rasa.shared.core.trackers import EventVerbosity

    state = tracker.current_state(EventVerbosity.NONE)
    events = list(tracker.events)
    start = next(
        (i for i in range(len(events) - 1, -1, -1) if isinstance(events[i], UserUttered)), 0
    )
    state["events"] = [event.as_dict() for event in events[start:]]
    result = {
        "next_action": self._name,
        "sender_id": tracker.sender_id,
        "tracker": state,
        "version": rasa.__version__,
    }
    if not self._is_selective_domain_enabled() or domain.does_custom_action_explicitly_need_domain(
        self.name()
    ):
        result["domain"] = domain.as_dict()
    return result


def _cutting(init: Any, limit: int) -> Any:
    """``UserMessage.__init__``, then the text cut to ``limit`` characters (see fix 5)."""
    from bot.channel_contract import CUT_FROM_METADATA, cut

    @functools.wraps(init)
    def init_and_cut(self: Any, *args: Any, **kwargs: Any) -> None:
        init(self, *args, **kwargs)
        if isinstance(self.text, str):
            self.text, cut_from = cut(self.text, limit)
            if cut_from is not None:
                self.metadata = {**(self.metadata or {}), CUT_FROM_METADATA: cut_from}

    return init_and_cut


TECHNICAL_PROBLEM = "technical-problem"


def technical_problem_text(language: str | None) -> str | None:
    """The ``technical-problem`` message in ``language`` (German if it has none), or None."""
    import yaml

    from bot.settings import Settings

    path = Settings.from_env().knowledge_dir / "messages" / f"{TECHNICAL_PROBLEM}.yml"
    try:
        record = yaml.safe_load(path.read_text(encoding="utf-8"))
        texts = {**record["text"], **(record.get("translations") or {})}
    except (OSError, yaml.YAMLError, TypeError, KeyError) as error:
        logger.error("cannot read %s (%s): the person gets no answer", path, error)
        return None
    text = texts.get(language or "de") or texts.get("de")
    return text if isinstance(text, str) and text.strip() else None


def _never_silent(run: Any) -> Any:
    """``RemoteAction.run``, answering with the technical-problem message when it fails."""

    @functools.wraps(run)
    async def run_or_apologise(
        self: Any, output_channel: Any, nlg: Any, tracker: Any, domain: Any
    ) -> Any:
        from rasa.core.actions.action import ActionExecutionRejection
        from rasa.shared.core.events import BotUttered

        try:
            return await run(self, output_channel, nlg, tracker, domain)
        except ActionExecutionRejection:
            raise  # a form's own signal, handled by Rasa
        except Exception as error:
            # Rasa's message names the action and the server, never the person's text.
            logger.error(
                "action %s failed (%s); answering with the technical-problem message",
                self.name(),
                error,
            )
            text = technical_problem_text(tracker.get_slot("language"))
            if text is None:
                raise
            return [BotUttered(text, metadata={TECHNICAL_PROBLEM: True})]

    return run_or_apologise


def _store_or_fail(primary_call: str) -> Any:
    """A ``FailSafeTrackerStore`` method that calls the primary store and never falls back."""

    async def call(self: Any, *args: Any, **kwargs: Any) -> Any:
        from bot.rasa_side.tracker_store import TrackerStoreUnavailable

        try:
            return await getattr(self._tracker_store, primary_call)(*args, **kwargs)
        except TrackerStoreUnavailable:
            raise
        except Exception as error:
            raise TrackerStoreUnavailable(f"the tracker store failed: {error}") from error

    call.__name__ = primary_call
    return call


def _answered_only_when_stored(handle_message: Any) -> Any:
    """``MessageProcessor.handle_message`` holding the replies back until the turn is saved."""

    @functools.wraps(handle_message)
    async def handle(self: Any, message: Any) -> Any:
        from rasa.core.channels.channel import CollectingOutputChannel

        from bot.language import choose_language
        from bot.rasa_side.tracker_store import TrackerStoreUnavailable

        channel = message.output_channel
        collecting = isinstance(channel, CollectingOutputChannel)
        held = channel if collecting else CollectingOutputChannel()
        message.output_channel = held
        try:
            result = await handle_message(self, message)
        except TrackerStoreUnavailable as error:
            logger.error("turn refused: %s", error)
            held.messages.clear()
            text = technical_problem_text(choose_language(message.text or "", None))
            if text is not None and channel is not None:
                await channel.send_text_message(message.sender_id, text)
            return None
        finally:
            message.output_channel = channel
        if not collecting and channel is not None:
            for reply in held.messages:
                await channel.send_response(
                    message.sender_id, {k: v for k, v in reply.items() if k != "recipient_id"}
                )
        return result

    return handle


#: Fields of Rasa's structured log events that hold a person's text (fix 8).
TEXT_FIELDS = frozenset({"text", "user_text", "parse_data_text"})
#: Modules whose ``structlogger`` logs one of them.
TEXT_LOGGING_MODULES = (
    "rasa.core.channels.rest",
    "rasa.core.processor",
    "rasa.shared.core.training_data.story_reader.yaml_story_reader",
)
#: What the message parser's warning says instead of quoting the person's line.
PARSE_WARNING = (
    "A message starting with '/' did not name a known intent in the expected form; "
    "it is read as ordinary text (its text is not logged)."
)


class _WithoutText:
    """A structlog logger whose calls lose their :data:`TEXT_FIELDS` (see fix 8)."""

    def __init__(self, logger: Any) -> None:
        self._logger = logger

    def __getattr__(self, name: str) -> Any:
        method = getattr(self._logger, name)
        if not callable(method):
            return method

        def without_text(*args: Any, **kwargs: Any) -> Any:
            for field in TEXT_FIELDS:
                kwargs.pop(field, None)
            return method(*args, **kwargs)

        return without_text


def _without_quoted_lines(raise_warning: Any) -> Any:
    """``raise_warning``, but the parser's "Failed to parse arguments in line '…'" loses the line."""

    @functools.wraps(raise_warning)
    def warn(message: str, *args: Any, **kwargs: Any) -> Any:
        if message.startswith("Failed to parse arguments in line"):
            message = PARSE_WARNING
        return raise_warning(message, *args, **kwargs)

    return warn


def _freezing_after(load_agent: Any) -> Any:
    """``load_agent`` (Rasa's start-up listener), then collect and freeze what it loaded."""

    @functools.wraps(load_agent)
    async def load_then_freeze(*args: Any, **kwargs: Any) -> Any:
        agent = await load_agent(*args, **kwargs)
        gc.collect()
        gc.freeze()
        return agent

    return load_then_freeze


def apply() -> None:
    """Apply every fix once (idempotent)."""
    global _applied
    if _applied:
        return
    import rasa.core.run
    import rasa.shared.utils.io
    from rasa.core.actions.action import RemoteAction
    from rasa.core.channels.channel import UserMessage
    from rasa.core.processor import MessageProcessor
    from rasa.core.tracker_store import FailSafeTrackerStore
    from rasa.shared.core.events import Event

    from bot.settings import Settings

    RemoteAction._validate_action_result = _validate_action_result
    RemoteAction._action_call_format = _action_call_format
    RemoteAction.run = _never_silent(RemoteAction.run)
    Event.resolve_by_type = staticmethod(_resolve_by_type)
    # serve_application registers this listener by its module-level name when it runs
    rasa.core.run.load_agent_on_start = _freezing_after(rasa.core.run.load_agent_on_start)
    for name in TEXT_LOGGING_MODULES:
        module = importlib.import_module(name)
        module.structlogger = _WithoutText(module.structlogger)  # type: ignore[attr-defined]
    rasa.shared.utils.io.raise_warning = _without_quoted_lines(rasa.shared.utils.io.raise_warning)
    for method in ("retrieve", "retrieve_full_tracker", "save"):
        setattr(FailSafeTrackerStore, method, _store_or_fail(method))
    MessageProcessor.handle_message = _answered_only_when_stored(MessageProcessor.handle_message)
    UserMessage.__init__ = _cutting(UserMessage.__init__, Settings.from_env().max_message_chars)
    _applied = True
