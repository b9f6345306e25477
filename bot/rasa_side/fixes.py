"""Fixes to Rasa 3.6.21 that are not configurable, applied before the server starts.

1. **Action responses are validated with a validator built once.** For every custom
   action call Rasa runs ``jsonschema.validate(response, schema)``, which checks the
   schema itself against its meta-schema and builds a new validator each time (36 ms
   a call on a response with six slot events, about 43 % of the server's CPU at 20
   concurrent conversations; issue 11). The same schema is checked once here and one
   validator is reused: the response is validated exactly as before, with the same
   error (``best_match``) and message when it is wrong.
"""

from __future__ import annotations

import functools
from typing import Any

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


def apply() -> None:
    """Apply every fix once (idempotent)."""
    global _applied
    if _applied:
        return
    from rasa.core.actions.action import RemoteAction

    RemoteAction._validate_action_result = _validate_action_result
    _applied = True
