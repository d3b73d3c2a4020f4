"""Calendar feeds: each user's secret, revocable feed address, and the iCal
feeds it serves (no login: calendar apps cannot sign in)."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from activites import ical, services
from activites.models import Activite, CalendarToken
from relais.models import Relais
from tisseurs.downloads import download
from tisseurs.roles import COORDINATION, ROLES, has_role, role_required

FEED_PAST_DAYS = 92
FEED_FUTURE_DAYS = 366


@role_required(*ROLES)
def calendar_feeds(request):
    token = services.calendar_token_for(request.user)
    urls = {}
    if token:
        urls["personal"] = request.build_absolute_uri(
            reverse("activites:feed_personal", args=[token.token])
        )
        if has_role(request.user, COORDINATION):
            urls["all"] = request.build_absolute_uri(
                reverse("activites:feed_all", args=[token.token])
            )
    return render(
        request, "activites/calendar_feeds.html", {"token": token, "urls": urls}
    )


@require_POST
@role_required(*ROLES)
def calendar_token_renew(request):
    services.calendar_token_renew(user=request.user)
    messages.success(
        request,
        _("Nouvelle adresse d'agenda créée. L'ancienne ne fonctionne plus."),
    )
    return redirect("activites:calendar_feeds")


@require_POST
@role_required(*ROLES)
def calendar_token_revoke(request):
    services.calendar_token_revoke(user=request.user)
    messages.success(request, _("L'adresse d'agenda est désactivée."))
    return redirect("activites:calendar_feeds")


def _feed_user(token: str):
    found = (
        CalendarToken.objects.filter(token=token, revoked_at__isnull=True)
        .select_related("user")
        .first()
    )
    if found is None or not found.user.is_active:
        raise Http404
    return found.user


def _feed_window(queryset):
    today = timezone.localdate()
    return queryset.between(
        today - timedelta(days=FEED_PAST_DAYS), today + timedelta(days=FEED_FUTURE_DAYS)
    ).select_related("contact_point", "stop")


def _ics(payload: bytes) -> HttpResponse:
    return download(payload, filename="tisseurs.ics", inline=True)


@login_not_required
def feed_personal(request, token):
    """The confirmed activities of the token's owner (no login: calendar apps
    cannot sign in; the secret URL is the key, revocable)."""
    user = _feed_user(token)
    relais = Relais.objects.filter(user=user).first()
    activites = (
        _feed_window(Activite.objects.with_confirmed(relais))
        if relais
        else Activite.objects.none()
    )
    return _ics(ical.build_calendar(activites, name=_("Mes activités · Tisseurs")))


@login_not_required
def feed_all(request, token):
    """Every activity, for coordination (404 for any other token)."""
    user = _feed_user(token)
    if not has_role(user, COORDINATION):
        raise Http404
    return _ics(
        ical.build_calendar(
            _feed_window(Activite.objects.all()), name=_("Activités · Tisseurs")
        )
    )
