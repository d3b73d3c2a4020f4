"""Coordination: trainings, intervisions and who attended them."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from relais import services
from relais.forms import AttendanceSheet, FormationForm
from relais.models import Formation, FormationAttendance
from relais.views.common import PAGE_SIZE, form_page
from tisseurs.flash import flash_errors
from tisseurs.params import page_param
from tisseurs.roles import COORDINATION, role_required

# Trainings and intervisions ------------------------------------------------------


@role_required(COORDINATION)
def formation_list(request):
    page = Paginator(
        Formation.objects.annotate(
            attendance_count=Count(
                "attendances",
                filter=Q(attendances__status=FormationAttendance.Status.PRESENT),
            )
        ).order_by(*Formation._meta.ordering),
        PAGE_SIZE,
    ).get_page(page_param(request))
    return render(request, "relais/formation_list.html", {"page_obj": page})


@role_required(COORDINATION)
def formation_create(request):
    return _formation_form(request, Formation())


@role_required(COORDINATION)
def formation_edit(request, pk):
    return _formation_form(request, get_object_or_404(Formation, pk=pk))


def _formation_form(request, formation):
    form = FormationForm(request.POST or None, instance=formation)
    if request.method == "POST" and form.is_valid():
        formation = form.save()
        messages.success(request, _("La session est enregistrée."))
        return redirect(formation)
    return form_page(
        request,
        form,
        title=_("Formation ou intervision"),
        cancel_url=reverse("relais:formation_list"),
    )


@role_required(COORDINATION)
def formation_detail(request, pk):
    """The session, and its attendance sheet: every active relais on one form."""
    formation = get_object_or_404(Formation, pk=pk)
    sheet = AttendanceSheet(request.POST or None, formation=formation)
    if request.method == "POST" and sheet.is_valid():
        try:
            services.formation_attendances_save(formation=formation, lines=sheet.lines)
        except ValidationError as error:
            flash_errors(request, error)
        else:
            messages.success(request, _("Les présences sont enregistrées."))
            return redirect(formation)
    present = [row for row in sheet if row.attendance and row.attendance.is_present]
    return render(
        request,
        "relais/formation_detail.html",
        {
            "formation": formation,
            "sheet": sheet,
            "present_count": len(present),
        },
    )
