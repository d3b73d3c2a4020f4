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
from relais.models import Formation, Relais
from tisseurs.downloads import download
from tisseurs.roles import COORDINATION, ROLES, has_role, role_required

FEED_PAST_DAYS = 92
FEED_FUTURE_DAYS = 366


@role_required(*ROLES)
def calendar_feeds(request):
    token = services.calendar_token_for(request.user)
    feeds = []
    if token:
        feeds.append(
            _feed(request, "personal", "feed_personal", token, _("Mes activités"))
        )
        if has_role(request.user, COORDINATION):
            feeds.append(
                _feed(
                    request,
                    "all",
                    "feed_all",
                    token,
                    _("Toutes les activités et formations (coordination)"),
                )
            )
    return render(
        request, "activites/calendar_feeds.html", {"token": token, "feeds": feeds}
    )


def _feed(request, key: str, name: str, token, label: str) -> dict:
    """One feed address: the https one to copy, and the same with `webcal://`,
    which phones and desktop calendar apps open as "subscribe" (built from the
    host the request came in by, like the copied address)."""
    path = reverse(f"activites:{name}", args=[token.token])
    return {
        "key": key,
        "label": label,
        "url": request.build_absolute_uri(path),
        "webcal": f"webcal://{request.get_host()}{path}",
    }


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


def _formations():
    """Every training and intervision of the feed window. There is no
    registration before a session (attendance is recorded afterwards), so every
    relais' feed carries them all: each relais is invited to each session."""
    today = timezone.localdate()
    return Formation.objects.filter(
        date__gte=today - timedelta(days=FEED_PAST_DAYS),
        date__lte=today + timedelta(days=FEED_FUTURE_DAYS),
    ).order_by("date", "pk")


def _ics(payload: bytes) -> HttpResponse:
    return download(payload, filename="tisseurs.ics", inline=True)


@login_not_required
def feed_personal(request, token):
    """The confirmed activities of the token's owner, and for a relais every
    training and intervision (no login: calendar apps cannot sign in; the secret
    URL is the key, revocable)."""
    user = _feed_user(token)
    relais = Relais.objects.filter(user=user).first()
    activites = (
        _feed_window(Activite.objects.with_confirmed(relais))
        if relais
        else Activite.objects.none()
    )
    return _ics(
        ical.build_calendar(
            activites,
            formations=_formations() if relais else (),
            name=_("Mes activités · Tisseurs"),
        )
    )


@login_not_required
def feed_all(request, token):
    """Every activity, training and intervision, for coordination (404 for any
    other token)."""
    user = _feed_user(token)
    if not has_role(user, COORDINATION):
        raise Http404
    return _ics(
        ical.build_calendar(
            _feed_window(Activite.objects.all()),
            formations=_formations(),
            name=_("Activités · Tisseurs"),
        )
    )
