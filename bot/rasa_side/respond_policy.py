"""The one dialogue policy: every user message is answered by ``action_respond``.

Rasa loads this policy by module path from ``config.yml``, so it runs inside the Rasa server
and ``rasa train`` (the Rasa environment). The dialogue lives in ``bot/conversation`` and is
reached through the one custom action (``actions/respond.py``); Rasa only has to call that
action once per message and then wait (docs/decisions/0001-dialogue-in-code.md).

What it predicts, from the latest user message or action the tracker still applies:

- after a user message: ``action_respond``, whatever the intent (``nlu_fallback`` too: the
  dialogue asks back) — except Rasa's default intents ``/restart``, ``/back`` and
  ``/session_start``, which run Rasa's own default actions exactly as ``RulePolicy`` runs
  them (the same ``DEFAULT_ACTION_MAPPINGS``);
- after any action (``action_respond``, a default action, a message undone by
  ``/back``): ``action_listen``. So a turn is one action, never a loop.

Why not ``RulePolicy``: a rule names an intent, so "every intent" is either one rule per
intent (the 38 rules this replaces, kept in step with the domain by a test) or the core
fallback, whose prediction means "no rule matched" (confidence 0.3 in every tracker, and
``/back`` would answer the message before the undone one again). This states the rule
itself, reads no features and trains nothing.

Session starts and restarts stay Rasa's: the processor runs ``action_session_start`` itself
for a new or expired conversation and as the follow-up of ``action_restart`` (follow-up
actions are taken before any policy is asked), and it stops predicting after
``action_listen`` and ``action_session_start``. The lock store is untouched too: the policy
keeps no state of its own, it reads the tracker the processor loaded under the
conversation's lock.
"""

from __future__ import annotations

from typing import Any

from rasa.core.constants import POLICY_PRIORITY, RULE_POLICY_PRIORITY
from rasa.core.policies.policy import Policy, PolicyPrediction, SupportedData
from rasa.core.policies.rule_policy import DEFAULT_ACTION_MAPPINGS
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.shared.core.constants import (
    ACTION_LISTEN_NAME,
    ACTION_SESSION_START_NAME,
    RULE_SNIPPET_ACTION_NAME,
)
from rasa.shared.core.domain import Domain, InvalidDomain
from rasa.shared.core.events import ActionExecuted, ActionExecutionRejected, UserUttered
from rasa.shared.core.generator import TrackerWithCachedStates
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.exceptions import InvalidConfigException
from rasa.shared.nlu.constants import INTENT_NAME_KEY

#: The one custom action (``actions/names.py``: ``ACTION_RESPOND``).
ACTION_RESPOND = "action_respond"

#: The actions training data may name: the answer, waiting, and what Rasa adds itself.
ALLOWED_IN_TRAINING_DATA = frozenset(
    {ACTION_RESPOND, ACTION_LISTEN_NAME, ACTION_SESSION_START_NAME, RULE_SNIPPET_ACTION_NAME}
)


# No end-to-end support: the policy never reads the message text or any feature.
@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT], is_trainable=True
)
class RespondPolicy(Policy):
    """``action_respond`` after every user message, ``action_listen`` after every action."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """The priority Rasa requires of every policy (RulePolicy's: this one replaces it)."""
        return {POLICY_PRIORITY: RULE_POLICY_PRIORITY}

    @staticmethod
    def supported_data() -> SupportedData:
        """Rules and stories, only to refuse those that name another action (see ``train``)."""
        return SupportedData.ML_AND_RULE_DATA

    def train(
        self,
        training_trackers: list[TrackerWithCachedStates],
        domain: Domain,
        **kwargs: Any,
    ) -> Resource:
        """Learn nothing; refuse training data and domains this policy would contradict.

        Rasa trains a dialogue model only when there are rules or stories, so
        ``data/rules/respond.yml`` holds the one rule this policy carries out. A rule or
        story that names another action would never run: training fails and says so.

        Raises:
            InvalidDomain: the domain lacks ``action_respond``.
            InvalidConfigException: the training data names another action.
        """
        if ACTION_RESPOND not in domain.action_names_or_texts:
            raise InvalidDomain(
                f"{type(self).__name__} answers every message with '{ACTION_RESPOND}', "
                "but domain.yml does not list it under 'actions'."
            )
        named = {
            event.action_name or event.action_text
            for tracker in training_trackers
            for event in tracker.events
            if isinstance(event, ActionExecuted)
        }
        others = sorted(str(name) for name in named - ALLOWED_IN_TRAINING_DATA)
        if others:
            raise InvalidConfigException(
                f"{type(self).__name__} answers every message with '{ACTION_RESPOND}', so "
                f"the rules or stories naming {', '.join(others)} would never run. Decide it "
                "in bot/conversation instead (docs/decisions/0001-dialogue-in-code.md)."
            )
        with self._model_storage.write_to(self._resource):
            pass  # nothing to store; the resource exists for Rasa's model package
        return self._resource

    def predict_action_probabilities(
        self,
        tracker: DialogueStateTracker,
        domain: Domain,
        rule_only_data: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> PolicyPrediction:
        """The next action: see the module docstring."""
        probabilities = self._default_predictions(domain)
        probabilities[domain.index_for_action(next_action(tracker))] = 1.0
        return self._prediction(probabilities)


def next_action(tracker: DialogueStateTracker) -> str:
    """The action to run now: the answer to a new user message, otherwise listening."""
    for event in reversed(tracker.applied_events()):
        if isinstance(event, UserUttered):
            intent = event.intent.get(INTENT_NAME_KEY)
            return DEFAULT_ACTION_MAPPINGS.get(intent, ACTION_RESPOND)
        if isinstance(event, ActionExecuted | ActionExecutionRejected):
            return ACTION_LISTEN_NAME
    return ACTION_LISTEN_NAME
