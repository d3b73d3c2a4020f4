"""Sign-in events recorded from Django's own auth signals.

The house rule keeps business rules out of signals (docs/conventions.md §4). Recording
an event is not a rule, and these three signals are the one place Django reports
every sign-in, failure and sign-out, whichever view (ours, the admin's, a future 2FA
step) did it; wrapping the login view instead would miss the admin and axes' path."""

from django.contrib.auth.signals import (
    user_logged_in,
    user_logged_out,
    user_login_failed,
)
from django.dispatch import receiver

from tisseurs.audit.models import AuditKind
from tisseurs.audit.services import audit_log


@receiver(user_logged_in, dispatch_uid="audit_login")
def record_login(sender, request, user, **kwargs):
    audit_log(request, AuditKind.LOGIN, as_user=user)


@receiver(user_login_failed, dispatch_uid="audit_login_failed")
def record_login_failed(sender, credentials, request=None, **kwargs):
    # Django already masks the password in `credentials`; only the name is kept.
    username = str(credentials.get("username", ""))
    audit_log(request, AuditKind.LOGIN_FAILED, as_username=username)


@receiver(user_logged_out, dispatch_uid="audit_logout")
def record_logout(sender, request, user, **kwargs):
    if user is not None:
        audit_log(request, AuditKind.LOGOUT, as_user=user)
