"""The server side of the phone's outbox (static/js/outbox.js, docs/offline.md).

A relais' form sent by the phone's script carries a client-made UUID
(`client_uuid`) and the header `X-Tisseurs-Outbox` ("page" from the form itself, "1"
from the outbox in the background). The view then answers in JSON instead of a page:
200 with the URL to go to once saved (a replay of a key already stored answers the
same, and stores nothing), 400 with the form's errors, which the phone keeps so the
relais can correct the entry. Without the header (no JavaScript) the view answers
as always: a page, or a redirect.
"""

import uuid

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _

HEADER = "X-Tisseurs-Outbox"
FIELD = "client_uuid"


def client_key_field() -> models.UUIDField:
    """The model field that holds an entry's outbox key (`FIELD`): one per stored
    object, so a resent entry is never stored twice."""
    return models.UUIDField(
        _("clé d'envoi"),
        null=True,
        blank=True,
        unique=True,
        editable=False,
        help_text=_(
            "Donnée par le téléphone : un envoi répété n'enregistre qu'une fois."
        ),
    )


def wants_json(request) -> bool:
    """Sent by the phone's script: from the outbox ("1") or from the form the relais
    is on ("page")."""
    return request.headers.get(HEADER) in ("1", "page")


def in_background(request) -> bool:
    """Sent from the outbox, while the relais may be on any page: a flash message
    would show on some unrelated page later, so the views leave it out."""
    return request.headers.get(HEADER) == "1"


def client_key(request) -> uuid.UUID | None:
    """The idempotency key posted with the form, or None (absent or malformed: the
    form is then saved as a form without JavaScript is, once per post)."""
    value = request.POST.get(FIELD, "")
    try:
        return uuid.UUID(value) if value else None
    except (ValueError, AttributeError):
        return None


def saved(request, to, *, replay: bool = False, **kwargs):
    """The answer once the object is stored (or was already): a redirect, or for the
    outbox a JSON body with the URL the redirect would go to."""
    response = redirect(to, **kwargs)
    if wants_json(request):
        return JsonResponse({"url": response.url, "replay": replay})
    return response


def refused(form) -> JsonResponse:
    """The form's errors for the outbox: {field: [messages]}, `__all__` for the
    rest."""
    return JsonResponse(
        {
            "errors": {
                field: [error["message"] for error in errors]
                for field, errors in form.errors.get_json_data().items()
            }
        },
        status=400,
    )


def save_once(queryset, key: uuid.UUID | None, save):
    """Run `save()` (which stores an object carrying `key`) in a savepoint; when two
    sends of the same key race and the second hits the unique key, answer the object
    the first one stored. Returns (object or None, True when it was a replay).

    `queryset` is already scoped to the caller: a key stored by someone else is a
    404, never their object."""
    try:
        with transaction.atomic():
            return save(), False
    except ValidationError as error:
        # full_clean() saw the key the other send stored a moment ago.
        if key is None or FIELD not in getattr(error, "error_dict", {}):
            raise
    except IntegrityError:
        if key is None:
            raise
    existing = queryset.filter(client_uuid=key).first()
    if existing is None:
        raise Http404
    return existing, True


def stored(queryset, key: uuid.UUID | None):
    """The caller's object already stored under this key, if any. A key stored by
    someone else answers 404 (an idempotency key is never shared)."""
    if key is None:
        return None
    existing = queryset.filter(client_uuid=key).first()
    if existing is None and queryset.model.objects.filter(client_uuid=key).exists():
        raise Http404
    return existing
