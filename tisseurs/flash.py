"""One way to tell the user why an action was refused: each message of a service's
ValidationError becomes its own flash message (a form shows them with
`form.add_error(None, error)` instead)."""

from django.contrib import messages
from django.core.exceptions import ValidationError


def flash_errors(request, error: ValidationError) -> None:
    """Flash every message of `error`, in order, as an error."""
    for message in error.messages:
        messages.error(request, message)
