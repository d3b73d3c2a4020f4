"""The relais' own pages (phone): profile, documents, trainings."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from relais import services
from relais.forms import ProfileForm
from relais.models import Relais
from tisseurs.access import get_own_relais_or_404
from tisseurs.roles import RELAIS, role_required

# The relais' own pages (phone) ------------------------------------------------------


@role_required(RELAIS)
def my_profile(request):
    relais = get_own_relais_or_404(
        request.user, Relais.objects.prefetch_related("spoken_languages")
    )
    form = ProfileForm(request.POST or None, instance=relais)
    if request.method == "POST" and form.is_valid():
        services.relais_save(form=form, languages=form.cleaned_data["languages"])
        messages.success(request, _("Votre profil est enregistré."))
        return redirect("relais:my_profile")
    return render(request, "relais/my_profile.html", {"relais": relais, "form": form})


@role_required(RELAIS)
def my_documents(request):
    relais = get_own_relais_or_404(request.user)
    return render(
        request,
        "relais/my_documents.html",
        {"relais": relais, "documents": relais.documents.all()},
    )


@role_required(RELAIS)
def my_trainings(request):
    relais = get_own_relais_or_404(request.user)
    attendances = list(relais.formation_attendances.select_related("formation"))
    hours = sum((a.hours for a in attendances if a.is_present), start=0)
    return render(
        request,
        "relais/my_trainings.html",
        {"relais": relais, "attendances": attendances, "hours": hours},
    )
