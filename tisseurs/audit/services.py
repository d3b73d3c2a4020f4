"""`audit_log`, the one function that writes the audit trail, and the purge."""

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from tisseurs.audit.models import AuditEntry, AuditKind
from tisseurs.clientip import client_address as _client_address

DEFAULT_RETENTION_MONTHS = 12


def _plain(value: Any) -> Any:
    """A JSON-ready form of a filter value: dates as ISO text, model rows as their
    primary key, lists item by item. Nothing else is turned into text silently."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list | tuple | set | frozenset):
        return [_plain(item) for item in value]
    if hasattr(value, "pk"):
        return value.pk
    return value


def client_address(request) -> str | None:
    """The address the request came from (tisseurs/clientip.py: behind the proxies
    named in TRUSTED_PROXY, the client's address they forward)."""
    return _client_address(request)


def audit_log(
    request,
    kind: AuditKind | str,
    /,
    *,
    as_user=None,
    as_username: str = "",
    **detail: Any,
) -> AuditEntry:
    """Record that `request.user` (or `as_user`, at sign-in) read or exported `kind`.

    `detail` holds what was asked (filters, period, object ids, counts), never the
    data itself: callers pass ids and numbers, not names, IBANs or note text. The
    first two arguments are positional-only, so a filter may be called `kind`."""
    user, username = as_user, as_username
    if user is None:
        user = getattr(request, "user", None)
    if user is not None and not user.is_authenticated:
        user = None
    if user is not None and not username:
        username = user.get_username()
    with transaction.atomic():
        return AuditEntry.objects.create(
            user=user,
            username=username[:150],
            kind=AuditKind(kind),
            detail={key: _plain(value) for key, value in detail.items()},
            ip_address=client_address(request) if request is not None else None,
        )


def retention_months() -> int:
    return int(getattr(settings, "AUDIT_RETENTION_MONTHS", DEFAULT_RETENTION_MONTHS))


def audit_purge(*, now: datetime | None = None) -> int:
    """Delete the entries older than the retention period; the number deleted."""
    cutoff = (now or timezone.now()) - relativedelta(months=retention_months())
    with transaction.atomic():
        deleted, _by_model = AuditEntry.objects.older_than(cutoff).delete()
    return deleted
