"""What the activity pages share: who reads the agenda, and service errors shown
on the form that sent them."""

from django.core.exceptions import ValidationError

from tisseurs.roles import COMITE, COORDINATION, DIRECTION

STAFF = (COORDINATION, DIRECTION, COMITE)


def add_errors(form, error: ValidationError) -> None:
    """Show a service's error on the form: on the field it names when the form has
    that field, otherwise above the form (a service may name a model field, such as
    `end`, that the form edits through other fields)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
