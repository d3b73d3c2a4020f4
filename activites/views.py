"""Activity pages: the coordination agenda and planning, the relais' schedule and
open places on the phone, counted attendance, the printable programme and the
calendar feeds."""

import calendar
from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from activites import ical, services
from activites.forms import (
    ActiviteEditForm,
    ActiviteForm,
    AgendaFilterForm,
    AssignForm,
    CancelForm,
    ContactPointForm,
    FrequentationForm,
    SerieForm,
    StopForm,
    WithdrawForm,
)
from activites.models import Activite, Affectation, CalendarToken, ContactPoint, Stop
from relais.models import Relais
from tisseurs.access import get_own_relais_or_404, get_scoped_or_404
from tisseurs.downloads import download
from tisseurs.months import next_month, parse_month, previous_month
from tisseurs.pdf import render_pdf
from tisseurs.roles import (
    COMITE,
    COORDINATION,
    DIRECTION,
    RELAIS,
    ROLES,
    has_role,
    role_required,
)

STAFF = (COORDINATION, DIRECTION, COMITE)
FEED_PAST_DAYS = 92
FEED_FUTURE_DAYS = 366


def _error_messages(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def _parse_day(value: str | None) -> date:
    try:
        return date.fromisoformat(value or "")
    except ValueError:
        return timezone.localdate()


# --- Coordination: agenda -------------------------------------------------------


def _agenda_rows(request, first: date, last: date):
    filters = AgendaFilterForm(request.GET or None)
    activites = filters.filter(Activite.objects.between(first, last).for_agenda())
    by_day: dict[date, list[Activite]] = {}
    for activite in activites:
        by_day.setdefault(activite.local_day, []).append(activite)
    return filters, by_day


def _querystring(request) -> str:
    query = request.GET.copy()
    for key in ("month", "week"):
        query.pop(key, None)
    return query.urlencode()


@role_required(*STAFF)
def agenda_month(request):
    month = parse_month(request.GET.get("month"))
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(
        month.year, month.month
    )
    filters, by_day = _agenda_rows(request, weeks[0][0], weeks[-1][-1])
    previous, following = previous_month(month), next_month(month)
    return render(
        request,
        "activites/agenda_month.html",
        {
            "month": month,
            "weeks": [[(day, by_day.get(day, [])) for day in week] for week in weeks],
            "filters": filters,
            "previous": previous,
            "following": following,
            "querystring": _querystring(request),
            "today": timezone.localdate(),
        },
    )


@role_required(*STAFF)
def agenda_week(request):
    day = _parse_day(request.GET.get("week"))
    monday = day - timedelta(days=day.weekday())
    sunday = monday + timedelta(days=6)
    filters, by_day = _agenda_rows(request, monday, sunday)
    return render(
        request,
        "activites/agenda_week.html",
        {
            "monday": monday,
            "sunday": sunday,
            "days": [
                (monday + timedelta(days=n), by_day.get(monday + timedelta(days=n), []))
                for n in range(7)
            ],
            "filters": filters,
            "previous": monday - timedelta(days=7),
            "following": monday + timedelta(days=7),
            "querystring": _querystring(request),
            "today": timezone.localdate(),
        },
    )


# --- Coordination: planning -----------------------------------------------------


@role_required(COORDINATION)
def activite_create(request):
    initial = {"day": _parse_day(request.GET.get("day")), "relais_needed": 2}
    form = ActiviteForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        activite = form.save()
        messages.success(request, _("Activité enregistrée."))
        return redirect(activite)
    return render(
        request, "activites/activite_form.html", {"form": form, "creating": True}
    )


@role_required(COORDINATION)
def serie_create(request):
    form = SerieForm(
        request.POST or None,
        initial={"day": timezone.localdate(), "relais_needed": 2},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            serie = services.serie_create(
                weekdays=data["weekdays"],
                first_day=data["day"],
                last_day=data["last_day"],
                start_time=data["start_time"],
                end_time=data["end_time"],
                values=form.values(),
                themes=data["themes"],
                partners=data["partners"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            count = serie.activites.count()
            messages.success(
                request,
                ngettext(
                    "Série enregistrée : %(count)s activité créée.",
                    "Série enregistrée : %(count)s activités créées.",
                    count,
                )
                % {"count": count},
            )
            return redirect(serie.activites.first())
    return render(request, "activites/serie_form.html", {"form": form})


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@role_required(COORDINATION)
def activite_edit(request, pk):
    activite = get_object_or_404(Activite, pk=pk)
    local_start = timezone.localtime(activite.start)
    form = ActiviteEditForm(
        request.POST or None,
        instance=activite,
        initial={
            "day": local_start.date(),
            "start_time": local_start.time(),
            "end_time": timezone.localtime(activite.end).time(),
        },
    )
    if not activite.serie_id:
        del form.fields["scope"]
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            changed = services.activite_update(
                activite=activite,
                values=form.values(),
                day=data["day"],
                start_time=data["start_time"],
                end_time=data["end_time"],
                themes=data["themes"],
                partners=data["partners"],
                following=data.get("scope") == "following",
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)s activité modifiée.",
                    "%(count)s activités modifiées.",
                    len(changed),
                )
                % {"count": len(changed)},
            )
            return redirect(activite)
    return render(
        request,
        "activites/activite_form.html",
        {"form": form, "activite": activite, "creating": False},
    )


@role_required(*STAFF)
def activite_detail(request, pk):
    """The activity with its roster; direction and comité read it, only
    coordination sees the planning buttons."""
    activite = get_object_or_404(
        Activite.objects.for_agenda().prefetch_related("themes", "partners"), pk=pk
    )
    return render(
        request,
        "activites/activite_detail.html",
        {
            "activite": activite,
            "assign_form": AssignForm(),
            "cancel_form": CancelForm(),
            "frequentation": getattr(activite, "frequentation", None),
        },
    )


@require_POST
@role_required(COORDINATION)
def activite_cancel(request, pk):
    activite = get_object_or_404(Activite, pk=pk)
    form = CancelForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Indiquez le motif de l'annulation."))
        return redirect(activite)
    try:
        activite.cancel(reason=form.cleaned_data["reason"])
    except ValidationError as error:
        _error_messages(request, error)
    else:
        messages.success(request, _("Activité annulée."))
    return redirect(activite)


@require_POST
@role_required(COORDINATION)
def affectation_assign(request, pk):
    activite = get_object_or_404(Activite, pk=pk)
    form = AssignForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choisissez un·e relais."))
        return redirect(activite)
    try:
        result = services.affectation_assign(
            activite=activite, relais=form.cleaned_data["relais"], by=request.user
        )
    except ValidationError as error:
        _error_messages(request, error)
    else:
        messages.success(
            request,
            _("%(name)s est confirmé·e.")
            % {"name": result.affectation.relais.display_name},
        )
        for warning in result.warnings:
            messages.warning(request, warning)
    return redirect(activite)


@require_POST
@role_required(COORDINATION)
def affectation_confirm(request, pk):
    affectation = get_scoped_or_404(
        Affectation.objects.select_related("relais", "activite"), request.user, pk=pk
    )
    try:
        result = services.affectation_confirm(affectation=affectation, by=request.user)
    except ValidationError as error:
        _error_messages(request, error)
    else:
        messages.success(
            request,
            _("%(name)s est confirmé·e.") % {"name": affectation.relais.display_name},
        )
        for warning in result.warnings:
            messages.warning(request, warning)
    return redirect(affectation.activite)


@require_POST
@role_required(COORDINATION)
def affectation_remove(request, pk):
    """Coordination takes a relais off the roster (with the reason, as a
    withdrawal: the gap shows)."""
    affectation = get_scoped_or_404(
        Affectation.objects.select_related("relais", "activite"), request.user, pk=pk
    )
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Dites-nous en quelques mots pourquoi."))
        return redirect(affectation.activite)
    try:
        services.affectation_withdraw(
            affectation=affectation, reason=form.cleaned_data["reason"]
        )
    except ValidationError as error:
        _error_messages(request, error)
    else:
        messages.success(
            request,
            _("%(name)s est retiré·e du planning.")
            % {"name": affectation.relais.display_name},
        )
    return redirect(affectation.activite)


# --- Coordination: contact points and stops --------------------------------------


@role_required(COORDINATION)
def contact_point_list(request):
    points = ContactPoint.objects.prefetch_related("stops")
    return render(request, "activites/contact_point_list.html", {"points": points})


@role_required(COORDINATION)
def contact_point_edit(request, pk=None):
    point = get_object_or_404(ContactPoint, pk=pk) if pk else None
    form = ContactPointForm(request.POST or None, instance=point)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Point de contact enregistré."))
        return redirect("activites:contact_point_list")
    return render(
        request, "activites/contact_point_form.html", {"form": form, "point": point}
    )


@role_required(COORDINATION)
def stop_edit(request, point_pk=None, pk=None):
    if pk:
        stop = get_object_or_404(Stop.objects.select_related("contact_point"), pk=pk)
        point = stop.contact_point
    else:
        point = get_object_or_404(
            ContactPoint, pk=point_pk, kind=ContactPoint.Kind.MOBILE
        )
        stop = Stop(contact_point=point)
    form = StopForm(request.POST or None, instance=stop)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Arrêt enregistré."))
        return redirect("activites:contact_point_list")
    return render(
        request,
        "activites/stop_form.html",
        {"form": form, "point": point, "stop": stop if pk else None},
    )


# --- Relais on the phone ----------------------------------------------------------


@role_required(RELAIS)
def my_schedule(request):
    relais = get_own_relais_or_404(request.user)
    now = timezone.now()
    mine = (
        Affectation.objects.filter(relais=relais)
        .exclude(status=Affectation.Status.WITHDRAWN)
        .exclude(activite__status=Activite.Status.CANCELLED)
        .select_related("activite", "activite__stop", "activite__contact_point")
    )
    upcoming = list(mine.filter(activite__end__gt=now).order_by("activite__start")[:30])
    to_report = list(
        mine.filter(
            status=Affectation.Status.CONFIRMED,
            activite__start__lte=now,
            activite__start__gte=now - timedelta(days=14),
            activite__frequentation__isnull=True,
        ).order_by("-activite__start")[:10]
    )
    return render(
        request,
        "activites/my_schedule.html",
        {"relais": relais, "upcoming": upcoming, "to_report": to_report},
    )


@role_required(RELAIS)
def open_slots(request):
    relais = get_own_relais_or_404(request.user)
    now = timezone.now()
    activites = list(
        Activite.objects.open_for_offers(now)
        .filter(start__lt=now + timedelta(days=42))
        .exclude(pk__in=Activite.objects.with_confirmed(relais).values("pk"))
        .for_agenda()[:60]
    )
    offered = {
        a.pk for a in activites if any(x.relais_id == relais.pk for x in a.offered)
    }
    return render(
        request,
        "activites/open_slots.html",
        {"activites": activites, "offered": offered},
    )


@require_POST
@role_required(RELAIS)
def affectation_offer(request, pk):
    relais = get_own_relais_or_404(request.user)
    activite = get_object_or_404(Activite, pk=pk)
    try:
        result = services.affectation_offer(activite=activite, relais=relais)
    except ValidationError as error:
        _error_messages(request, error)
    else:
        messages.success(
            request,
            _("Merci ! La coordination va confirmer votre place."),
        )
        for warning in result.warnings:
            messages.warning(request, warning)
    return redirect("activites:open_slots")


@role_required(RELAIS)
def affectation_withdraw(request, pk):
    affectation = get_scoped_or_404(
        Affectation.objects.select_related("activite", "relais"), request.user, pk=pk
    )
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.affectation_withdraw(
                affectation=affectation, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("C'est noté : la coordination est prévenue."))
            return redirect("activites:my_schedule")
    return render(
        request,
        "activites/withdraw_form.html",
        {"form": form, "affectation": affectation},
    )


# --- Attendance -------------------------------------------------------------------


@role_required(COORDINATION, RELAIS)
def frequentation_edit(request, pk):
    if has_role(request.user, COORDINATION):
        activite = get_object_or_404(Activite, pk=pk)
        back = activite.get_absolute_url()
    else:
        affectation = get_scoped_or_404(
            Affectation.objects.select_related("activite"),
            request.user,
            activite_id=pk,
            status=Affectation.Status.CONFIRMED,
        )
        activite = affectation.activite
        back = reverse("activites:my_schedule")
    instance = getattr(activite, "frequentation", None)
    form = FrequentationForm(
        request.POST or None,
        instance=instance,
        partners=activite.partners.all(),
    )
    if instance is None:
        form.instance.activite = activite
    if request.method == "POST" and form.is_valid():
        try:
            services.frequentation_save(
                activite=activite,
                values=form.values(),
                partners=form.cleaned_data["partners_present"],
                by=request.user,
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Merci, la fréquentation est enregistrée."))
            return redirect(back)
    template = (
        "activites/frequentation_form.html"
        if has_role(request.user, RELAIS) and not has_role(request.user, COORDINATION)
        else "activites/frequentation_form_coordination.html"
    )
    return render(request, template, {"form": form, "activite": activite, "back": back})


# --- Programme (PDF) ----------------------------------------------------------------


@role_required(COORDINATION)
def programme_pdf(request):
    month = parse_month(request.GET.get("month"))
    language = (
        request.GET.get("language")
        if request.GET.get("language")
        in (
            "fr",
            "nl",
        )
        else "fr"
    )
    last = next_month(month) - timedelta(days=1)
    activites = (
        Activite.objects.between(month, last)
        .exclude(kind__in=[Activite.Kind.COMITE, Activite.Kind.NETWORK])
        .select_related("contact_point", "stop")
        .prefetch_related("partners")
    )
    pdf = render_pdf(
        "activites_programme.html",
        {"month": month, "activites": activites},
        language=language,
    )
    return download(
        pdf, filename=f"programme-{month:%Y-%m}-{language}.pdf", inline=True
    )


# --- Calendar feeds -----------------------------------------------------------------


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
