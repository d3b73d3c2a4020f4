"""The second-factor pages: the code asked after the password, enrolling an
authenticator app, the recovery codes, and the coordination's list to reset a user's
second factor (lost phone)."""

import base64
import io
from functools import wraps
from urllib.parse import urlencode

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_static.models import StaticToken

from tisseurs.accounts.models import User
from tisseurs.params import next_param
from tisseurs.roles import COORDINATION, DIRECTION, ROLES, role_required
from tisseurs.twofactor.forms import TokenForm
from tisseurs.twofactor.services import (
    device_secret,
    pending_device,
    recovery_codes_renew,
    two_factor_enroll,
    two_factor_may_disable,
    two_factor_required,
    two_factor_reset,
    two_factor_throttled,
    two_factor_verify,
)

CODES_SESSION_KEY = "tisseurs_recovery_codes"


def signed_in(view):
    """Open a view to every signed-in user, a Django staff account without a role
    included: the second-factor steps must be reachable by whoever the middleware
    sends there. Anonymous visitors are already sent to the login page."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        return view(request, *args, **kwargs)

    wrapper.allowed_roles = frozenset(ROLES)
    return wrapper


def _qr_svg(text: str) -> str:
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


@signed_in
def verify(request):
    """The code asked after the password, from the app or a recovery code."""
    user = request.user
    next_url = next_param(request, "/")
    if not user.two_factor_enabled or user.is_verified():
        return redirect(next_url)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if two_factor_verify(request=request, token=form.cleaned_data["token"]):
            return redirect(next_url)
        if two_factor_throttled(user):
            form.add_error(
                "token",
                _(
                    "Trop de codes erronés. Réessayez dans 15 minutes, ou contactez "
                    "la coordination."
                ),
            )
        else:
            form.add_error("token", _("Ce code n'est pas valable. Réessayez."))
    return render(request, "twofactor/verify.html", {"form": form, "next": next_url})


@signed_in
def enroll(request):
    """Scan the QR code (or type the secret) in an authenticator app, then type the
    code it shows to confirm."""
    user = request.user
    next_url = next_param(request, "/")
    if user.two_factor_enabled:
        return redirect("account")
    device = pending_device(user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = two_factor_enroll(
            request=request, device=device, token=form.cleaned_data["token"]
        )
        if codes is not None:
            request.session[CODES_SESSION_KEY] = codes
            messages.success(request, _("La double authentification est activée."))
            query = urlencode({"next": next_url})
            return redirect(f"{reverse('two_factor_recovery_codes')}?{query}")
        form.add_error(
            "token",
            _(
                "Ce code n'est pas valable. Vérifiez l'heure du téléphone et "
                "tapez le code affiché maintenant."
            ),
        )
    return render(
        request,
        "twofactor/enroll.html",
        {
            "form": form,
            "qr": _qr_svg(device.config_url),
            "secret": device_secret(device),
            "required": two_factor_required(user),
            "next": next_url,
        },
    )


@signed_in
def recovery_codes(request):
    """The recovery codes, shown once after they are made; afterwards, how many are
    left and a button to make new ones."""
    if not request.user.two_factor_enabled:
        return redirect("account")
    codes = request.session.pop(CODES_SESSION_KEY, None)
    left = StaticToken.objects.filter(device__user=request.user).count()
    return render(
        request,
        "twofactor/recovery_codes.html",
        {"codes": codes, "left": left, "next": next_param(request, "")},
    )


@signed_in
@require_POST
def recovery_codes_new(request):
    if not request.user.two_factor_enabled:
        return redirect("account")
    request.session[CODES_SESSION_KEY] = recovery_codes_renew(request=request)
    return redirect("two_factor_recovery_codes")


@signed_in
@require_POST
def disable(request):
    """A relais who opted in switches the second factor off; staff cannot."""
    if not two_factor_may_disable(request.user):
        raise PermissionDenied
    two_factor_reset(request=request, user=request.user)
    messages.success(request, _("La double authentification est désactivée."))
    return redirect("account")


@role_required(COORDINATION, DIRECTION)
def user_list(request):
    """Every active account and whether it has a second factor, to reset it when
    someone lost their phone and their recovery codes."""
    users = (
        User.objects.filter(is_active=True)
        .prefetch_related("groups")
        .order_by("-two_factor_enabled", "username")
    )
    return render(request, "twofactor/user_list.html", {"users": users})


@role_required(COORDINATION, DIRECTION)
@require_POST
def user_reset(request, pk: int):
    user = get_object_or_404(User, pk=pk, is_active=True)
    if user.pk == request.user.pk:
        messages.error(
            request,
            _(
                "Vous ne pouvez pas réinitialiser votre propre double authentification "
                "ici : utilisez un code de secours, ou demandez à un·e collègue."
            ),
        )
    elif user.is_superuser and not request.user.is_superuser:
        messages.error(
            request,
            _("Seul·e un·e administrateur·rice peut réinitialiser ce compte."),
        )
    elif not user.two_factor_enabled:
        messages.info(request, _("Ce compte n'a pas de double authentification."))
    else:
        two_factor_reset(request=request, user=user)
        messages.success(
            request,
            _(
                "La double authentification de %(user)s est réinitialisée : un e-mail "
                "l'en informe."
            )
            % {"user": user},
        )
    return redirect("two_factor_users")
