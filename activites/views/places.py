"""Coordination keeps the contact points and the triporteur's stops."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from activites.forms import ContactPointForm, StopForm
from activites.models import ContactPoint, Stop
from tisseurs.roles import COORDINATION, role_required


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
