"""The fréquentation of an activity (counted, nobody named), entered by a
confirmed relais on the phone or by coordination."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from activites import services
from activites.forms import FrequentationForm
from activites.models import Activite, Affectation
from activites.views.common import add_errors
from tisseurs.access import get_scoped_or_404
from tisseurs.roles import COORDINATION, RELAIS, has_role, role_required


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
            add_errors(form, error)
        else:
            messages.success(request, _("Merci, la fréquentation est enregistrée."))
            return redirect(back)
    template = (
        "activites/frequentation_form.html"
        if has_role(request.user, RELAIS) and not has_role(request.user, COORDINATION)
        else "activites/frequentation_form_coordination.html"
    )
    return render(request, template, {"form": form, "activite": activite, "back": back})
