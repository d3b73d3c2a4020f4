"""Two-factor authentication: who must have it, enrolling an authenticator app,
checking a code after the password, single-use recovery codes, and the reset by
coordination or direction.

A user's second factor is one confirmed `TOTPDevice` (the authenticator app) plus one
`StaticDevice` holding the recovery codes (django-otp deletes a recovery code once
used). `User.two_factor_enabled` says, without a query, whether the user has them.
Every change is in the audit trail and e-mailed to the user.
"""

import time
from base64 import b32encode

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tisseurs.audit.models import AuditKind
from tisseurs.audit.services import audit_log
from tisseurs.roles import COORDINATION, DIRECTION, has_role
from tisseurs.sessions import LOGIN_AT
from tisseurs.throttle import throttle_exceeded, throttle_hit

RECOVERY_CODE_COUNT = 10
TOTP_DIGITS = 6  # django-otp's default, what authenticator apps show
FAILURE_WINDOW = 15 * 60
DEVICE_NAME = "Tisseurs"


def two_factor_required(user) -> bool:
    """Whether `user` must enrol before any page: coordination, direction and Django
    staff, when the obligation is on (settings.TWO_FACTOR_REQUIRED)."""
    if not settings.TWO_FACTOR_REQUIRED:
        return False
    return bool(
        user.is_staff or user.is_superuser or has_role(user, COORDINATION, DIRECTION)
    )


def two_factor_may_disable(user) -> bool:
    """A user who may have 2FA or not (a relais who opted in) may switch it off."""
    return user.two_factor_enabled and not two_factor_required(user)


def pending_device(user) -> TOTPDevice:
    """The authenticator being enrolled (not confirmed yet): the same secret on each
    visit of the enrolment page, so a scanned QR code stays valid."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def device_secret(device: TOTPDevice) -> str:
    """The secret as the letters an authenticator app accepts typed in by hand,
    in groups of four."""
    text = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def _normalise(token: str) -> str:
    return "".join(str(token).split()).replace("-", "").lower()


def _throttle_subject(user) -> str:
    return str(user.pk)


def two_factor_throttled(user) -> bool:
    return throttle_exceeded(
        scope="otp",
        subject=_throttle_subject(user),
        limit=settings.TWO_FACTOR_FAILURE_LIMIT,
    )


def _failed(request, user, *, step: str) -> None:
    throttle_hit(scope="otp", subject=_throttle_subject(user), window=FAILURE_WINDOW)
    audit_log(request, AuditKind.TWO_FACTOR_FAILED, as_user=user, step=step)


def _new_recovery_codes(user) -> list[str]:
    device, _created = StaticDevice.objects.get_or_create(
        user=user, defaults={"name": DEVICE_NAME, "confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _i in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(
        StaticToken(device=device, token=code) for code in codes
    )
    return codes


def notify_two_factor_changed(*, user, what: str) -> None:
    """Tell `user` by e-mail, in their language, that their second factor changed;
    `what` is a translated sentence saying how."""
    if not user.email:
        return
    language = user.language or translation.get_language()
    with translation.override(language):
        subject = gettext("Votre double authentification Tisseurs a changé")
        body = render_to_string(
            "twofactor/changed_email.txt",
            {"user": user, "what": what, "when": timezone.localtime()},
        )
    send_mail(subject, body, None, [user.email])


def _keep_this_session(request) -> None:
    """After `sessions_valid_after` moved, the session that made the change stays."""
    request.session[LOGIN_AT] = time.time() + 1


@transaction.atomic
def two_factor_enroll(*, request, device: TOTPDevice, token: str) -> list[str] | None:
    """Confirm the authenticator being enrolled if `token` is its current code: the
    user's other sessions end, this one counts as verified, and the recovery codes
    are returned (shown once). None when the code is wrong."""
    user = request.user
    if device.user_id != user.pk or device.confirmed:
        return None
    if two_factor_throttled(user) or not device.verify_token(_normalise(token)):
        _failed(request, user, step="enrol")
        return None
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = _new_recovery_codes(user)
    user.two_factor_enabled = True
    user.sessions_valid_after = timezone.now()
    user.save(update_fields=["two_factor_enabled", "sessions_valid_after"])
    _keep_this_session(request)
    otp_login(request, device)
    audit_log(request, AuditKind.TWO_FACTOR_ENROLLED)
    notify_two_factor_changed(
        user=user,
        what=gettext("Une application d'authentification a été enregistrée."),
    )
    return codes


def two_factor_verify(*, request, token: str) -> bool:
    """Check the code typed after the password: a 6-digit code from the app, or one
    of the recovery codes (then used up). Throttled per user: after
    TWO_FACTOR_FAILURE_LIMIT wrong codes, every code is refused for 15 minutes."""
    user = request.user
    token = _normalise(token)
    if two_factor_throttled(user):
        _failed(request, user, step="throttled")
        return False
    if token.isdigit() and len(token) == TOTP_DIGITS:
        devices = TOTPDevice.objects.filter(user=user, confirmed=True)
        kind = AuditKind.TWO_FACTOR_VERIFIED
    else:
        devices = StaticDevice.objects.filter(user=user, confirmed=True)
        kind = AuditKind.TWO_FACTOR_RECOVERY
    for device in devices:
        with transaction.atomic():
            device = type(device).objects.select_for_update().get(pk=device.pk)
            accepted = device.verify_token(token)
        if accepted:
            otp_login(request, device)
            detail = {}
            if kind == AuditKind.TWO_FACTOR_RECOVERY:
                detail["codes_left"] = device.token_set.count()
            audit_log(request, kind, **detail)
            if kind == AuditKind.TWO_FACTOR_RECOVERY:
                notify_two_factor_changed(
                    user=user,
                    what=gettext(
                        "Un code de secours a été utilisé pour vous connecter."
                    ),
                )
            return True
    _failed(request, user, step="verify")
    return False


@transaction.atomic
def recovery_codes_renew(*, request) -> list[str]:
    """New recovery codes for the signed-in (verified) user; the old ones stop
    working."""
    codes = _new_recovery_codes(request.user)
    audit_log(request, AuditKind.TWO_FACTOR_ENROLLED, recovery_codes="renewed")
    notify_two_factor_changed(
        user=request.user,
        what=gettext(
            "De nouveaux codes de secours ont été créés ; les anciens ne "
            "fonctionnent plus."
        ),
    )
    return codes


@transaction.atomic
def two_factor_reset(*, request, user) -> None:
    """Remove `user`'s authenticator and recovery codes (lost phone, or a relais
    switching it off). They enrol again at their next sign-in if 2FA is required of
    them; their open sessions end."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    user.two_factor_enabled = False
    user.sessions_valid_after = timezone.now()
    user.save(update_fields=["two_factor_enabled", "sessions_valid_after"])
    if user.pk == request.user.pk:
        _keep_this_session(request)
    audit_log(request, AuditKind.TWO_FACTOR_RESET, user_id=user.pk)
    notify_two_factor_changed(
        user=user,
        what=gettext(
            "Votre application d'authentification et vos codes de secours ont été "
            "retirés de votre compte."
        ),
    )
