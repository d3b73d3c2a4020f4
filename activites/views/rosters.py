"""Coordination keeps the roster of a whole series: put relais on every date to
come (or from a date, or one date) in one step, or take them off the rest of
it; and the overlap warnings the planning forms share."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from activites import services
from activites.forms import SerieRosterForm, SerieUnassignForm
from activites.models import Serie
from activites.views.common import add_errors
from tisseurs.params import id_param
from tisseurs.roles import COORDINATION, role_required


def overlap_confirmed(form, clashes) -> bool:
    """True when there is no overlap, or coordination ticked "Confirmer malgré
    le chevauchement" on the form that shows them."""
    return not clashes or bool(form.cleaned_data.get("confirm_overlap"))


def without_confirm(form):
    """The form to render: its confirm box is drawn by `_clashes.html`, next to
    the list of overlaps, and only when there are some."""
    form.fields.pop("confirm_overlap", None)
    return form


def _serie_and_activite(request, pk):
    serie = get_object_or_404(Serie, pk=pk)
    activite_pk = id_param(request, "activite")
    activite = serie.activites.filter(pk=activite_pk).first() if activite_pk else None
    return serie, activite


def _initial(activite):
    return {"from_day": activite.local_day if activite else timezone.localdate()}


def _page(request, serie, activite, *, assign_form=None, remove_form=None, clashes=()):
    dates = list(
        serie.activites.order_by("start").prefetch_related("affectations__relais")
    )
    query = f"?activite={activite.pk}" if activite else ""
    return render(
        request,
        "activites/serie_roster.html",
        {
            "serie": serie,
            "activite": activite,
            "title": dates[0].title if dates else str(serie),
            "dates": dates,
            "query": query,
            "assign_form": without_confirm(
                assign_form
                or SerieRosterForm(activite=activite, initial=_initial(activite))
            ),
            "remove_form": remove_form
            or SerieUnassignForm(
                activite=activite,
                serie=serie,
                initial=_initial(activite),
                prefix="remove",
            ),
            "clashes": clashes,
        },
    )


@role_required(COORDINATION)
def serie_roster(request, pk):
    serie, activite = _serie_and_activite(request, pk)
    return _page(request, serie, activite)


@require_POST
@role_required(COORDINATION)
def serie_assign(request, pk):
    serie, activite = _serie_and_activite(request, pk)
    form = SerieRosterForm(request.POST, activite=activite)
    if not form.is_valid():
        return _page(request, serie, activite, assign_form=form)
    relais = list(form.cleaned_data["relais"])
    targets = form.targets(activite)
    planned = [
        a for a in services.serie_targets(serie=serie, **targets) if a.is_planned
    ]
    clashes = services.relais_clashes(relais=relais, activites=planned)
    if not overlap_confirmed(form, clashes):
        return _page(request, serie, activite, assign_form=form, clashes=clashes)
    try:
        result = services.serie_assign(
            serie=serie, relais=relais, by=request.user, **targets
        )
    except ValidationError as error:
        add_errors(form, error)
        return _page(request, serie, activite, assign_form=form)
    for person in relais:
        count = result.count(person)
        messages.success(
            request,
            ngettext(
                "%(name)s : affecté·e à %(count)s date.",
                "%(name)s : affecté·e à %(count)s dates.",
                count,
            )
            % {"name": person.display_name, "count": count},
        )
    for skipped in result.skipped:
        messages.warning(
            request,
            _("%(name)s, %(day)s : pas affecté·e (%(reason)s).")
            % {
                "name": skipped.relais.display_name,
                "day": skipped.day.strftime("%d/%m/%Y"),
                "reason": skipped.reason,
            },
        )
    return redirect(_roster_url(serie, activite))


@require_POST
@role_required(COORDINATION)
def serie_unassign(request, pk):
    serie, activite = _serie_and_activite(request, pk)
    form = SerieUnassignForm(
        request.POST, activite=activite, serie=serie, prefix="remove"
    )
    if not form.is_valid():
        return _page(request, serie, activite, remove_form=form)
    relais = list(form.cleaned_data["relais"])
    try:
        counts = services.serie_unassign(
            serie=serie,
            relais=relais,
            reason=form.cleaned_data["reason"],
            **form.targets(activite),
        )
    except ValidationError as error:
        add_errors(form, error)
        return _page(request, serie, activite, remove_form=form)
    for person in relais:
        count = counts.get(person.pk, 0)
        messages.success(
            request,
            ngettext(
                "%(name)s : retiré·e de %(count)s date.",
                "%(name)s : retiré·e de %(count)s dates.",
                count,
            )
            % {"name": person.display_name, "count": count},
        )
    return redirect(_roster_url(serie, activite))


def _roster_url(serie, activite) -> str:
    url = reverse("activites:serie_roster", args=[serie.pk])
    return f"{url}?activite={activite.pk}" if activite else url
