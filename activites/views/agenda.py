"""The coordination's agenda (month and week, filtered) and the printable
monthly programme; direction and comité read the agenda too."""

import calendar
from datetime import date, timedelta

from django.shortcuts import render
from django.utils import timezone

from activites.forms import AgendaFilterForm
from activites.models import Activite
from activites.views.common import STAFF
from relais.models import Formation
from tisseurs.downloads import download
from tisseurs.freshness.pages import cached_page
from tisseurs.months import month_nav, next_month
from tisseurs.params import choice_param, date_param, month_param
from tisseurs.pdf import render_pdf
from tisseurs.roles import COORDINATION, role_required


def _agenda_rows(request, first: date, last: date):
    """The filter form, and by day the activities then the trainings and
    intervisions (`relais.Formation`, which have a date but no time)."""
    filters = AgendaFilterForm(request.GET or None)
    activites = filters.filter(Activite.objects.between(first, last).for_agenda())
    by_day: dict[date, list[Activite]] = {}
    for activite in activites:
        by_day.setdefault(activite.local_day, []).append(activite)
    formations = filters.filter_formations(
        Formation.objects.filter(date__gte=first, date__lte=last).order_by(
            "date", "title"
        )
    )
    formations_by_day: dict[date, list[Formation]] = {}
    for formation in formations:
        formations_by_day.setdefault(formation.date, []).append(formation)
    return filters, by_day, formations_by_day


def _querystring(request) -> str:
    query = request.GET.copy()
    for key in ("month", "week"):
        query.pop(key, None)
    return query.urlencode()


@role_required(*STAFF)
@cached_page
def agenda_month(request):
    month = month_param(request)
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(
        month.year, month.month
    )
    filters, by_day, formations = _agenda_rows(request, weeks[0][0], weeks[-1][-1])
    return render(
        request,
        "activites/agenda_month.html",
        {
            **month_nav(month),
            "weeks": [
                [(day, by_day.get(day, []), formations.get(day, [])) for day in week]
                for week in weeks
            ],
            "filters": filters,
            "querystring": _querystring(request),
            "today": timezone.localdate(),
        },
    )


@role_required(*STAFF)
@cached_page
def agenda_week(request):
    day = date_param(request, "week")
    monday = day - timedelta(days=day.weekday())
    sunday = monday + timedelta(days=6)
    filters, by_day, formations = _agenda_rows(request, monday, sunday)
    return render(
        request,
        "activites/agenda_week.html",
        {
            "monday": monday,
            "sunday": sunday,
            "days": [
                (day, by_day.get(day, []), formations.get(day, []))
                for day in (monday + timedelta(days=n) for n in range(7))
            ],
            "filters": filters,
            "previous": monday - timedelta(days=7),
            "following": monday + timedelta(days=7),
            "querystring": _querystring(request),
            "today": timezone.localdate(),
        },
    )


@role_required(COORDINATION)
def programme_pdf(request):
    month = month_param(request)
    language = choice_param(request, "language", ("fr", "nl"), "fr")
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
