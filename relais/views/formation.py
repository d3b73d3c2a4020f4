"""Coordination: trainings, intervisions and who attended them."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from relais import services
from relais.forms import FormationAttendanceForm, FormationForm
from relais.models import Formation
from relais.views.common import PAGE_SIZE, form_page
from tisseurs.params import page_param
from tisseurs.roles import COORDINATION, role_required

# Trainings and intervisions ------------------------------------------------------


@role_required(COORDINATION)
def formation_list(request):
    page = Paginator(
        Formation.objects.annotate(attendance_count=Count("attendances")).order_by(
            *Formation._meta.ordering
        ),
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
    formation = get_object_or_404(Formation, pk=pk)
    form = FormationAttendanceForm(request.POST or None, formation=formation)
    if request.method == "POST" and form.is_valid():
        services.formation_attendance_set(form=form)
        messages.success(request, _("La présence est enregistrée."))
        return redirect(formation)
    return render(
        request,
        "relais/formation_detail.html",
        {
            "formation": formation,
            "attendances": formation.attendances.select_related("relais"),
            "form": form,
        },
    )
