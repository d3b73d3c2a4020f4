"""Coordination plans activities (one or a weekly series), edits or cancels
them and keeps their roster; direction and comité read an activity."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from activites import services
from activites.forms import (
    ActiviteEditForm,
    ActiviteForm,
    AssignForm,
    CancelForm,
    SerieForm,
    WithdrawForm,
)
from activites.models import Activite, Affectation
from activites.services import local_datetime
from activites.views.common import STAFF, add_errors
from activites.views.rosters import overlap_confirmed, without_confirm
from tisseurs.access import get_scoped_or_404
from tisseurs.flash import flash_errors
from tisseurs.params import date_param
from tisseurs.roles import COORDINATION, role_required


@role_required(COORDINATION)
def activite_create(request):
    initial = {"day": date_param(request, "day"), "relais_needed": 2}
    form = ActiviteForm(request.POST or None, initial=initial)
    clashes = []
    if request.method == "POST" and form.is_valid():
        clashes = services.place_clashes(
            contact_point_id=form.contact_point_id(),
            slots=[(form.instance.start, form.instance.end)],
        )
        if overlap_confirmed(form, clashes):
            activite = form.save()
            messages.success(request, _("Activité enregistrée."))
            return redirect(activite)
    return render(
        request,
        "activites/activite_form.html",
        {"form": without_confirm(form), "creating": True, "clashes": clashes},
    )


@role_required(COORDINATION)
def serie_create(request):
    form = SerieForm(
        request.POST or None,
        initial={"day": timezone.localdate(), "relais_needed": 2},
    )
    clashes = []
    if request.method == "POST" and form.is_valid():
        clashes = services.place_clashes(
            contact_point_id=form.contact_point_id(),
            slots=services.serie_slots(**form.schedule()),
        )
    if form.is_bound and form.is_valid() and overlap_confirmed(form, clashes):
        data = form.cleaned_data
        try:
            serie = services.serie_create(
                **form.schedule(),
                values=form.values(),
                themes=data["themes"],
                partners=data["partners"],
            )
        except ValidationError as error:
            add_errors(form, error)
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
    return render(
        request,
        "activites/serie_form.html",
        {"form": without_confirm(form), "clashes": clashes},
    )


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
    clashes = []
    if request.method == "POST" and form.is_valid():
        clashes = _edit_clashes(activite, form)
    if form.is_bound and form.is_valid() and overlap_confirmed(form, clashes):
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
            add_errors(form, error)
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
        {
            "form": without_confirm(form),
            "activite": activite,
            "creating": False,
            "clashes": clashes,
        },
    )


def _edit_clashes(activite, form):
    """Overlaps at the contact point of the edited activity (and of the later
    occurrences of its series when the edit applies to them too)."""
    data = form.cleaned_data
    stored = Activite.objects.get(pk=activite.pk)
    changed = [(stored, data["day"])]
    if data.get("scope") == "following" and stored.serie_id:
        changed += [
            (later, later.local_day)
            for later in stored.serie.activites.filter(
                start__gt=stored.start, status=Activite.Status.PLANNED
            )
        ]
    return services.place_clashes(
        contact_point_id=form.contact_point_id(),
        slots=[
            (
                local_datetime(day, data["start_time"]),
                local_datetime(day, data["end_time"]),
            )
            for _occurrence, day in changed
        ],
        exclude=[occurrence.pk for occurrence, _day in changed],
    )


@role_required(*STAFF)
def activite_detail(request, pk):
    """The activity with its roster; direction and comité read it, only
    coordination sees the planning buttons."""
    return _detail(request, pk)


def _detail(request, pk, *, assign_form=None, clashes=()):
    activite = get_object_or_404(
        Activite.objects.for_agenda().prefetch_related("themes", "partners"), pk=pk
    )
    return render(
        request,
        "activites/activite_detail.html",
        {
            "activite": activite,
            "assign_form": without_confirm(assign_form or AssignForm()),
            "cancel_form": CancelForm(),
            "frequentation": getattr(activite, "frequentation", None),
            "clashes": clashes,
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
        flash_errors(request, error)
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
    clashes = services.relais_clashes(
        relais=[form.cleaned_data["relais"]], activites=[activite]
    )
    if not overlap_confirmed(form, clashes):
        return _detail(request, pk, assign_form=form, clashes=clashes)
    try:
        result = services.affectation_assign(
            activite=activite, relais=form.cleaned_data["relais"], by=request.user
        )
    except ValidationError as error:
        flash_errors(request, error)
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
        flash_errors(request, error)
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
        flash_errors(request, error)
    else:
        messages.success(
            request,
            _("%(name)s est retiré·e du planning.")
            % {"name": affectation.relais.display_name},
        )
    return redirect(affectation.activite)
