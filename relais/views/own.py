"""The relais' own pages (phone): profile, documents, trainings, the note."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from relais import services
from relais.forms import ProfileForm
from relais.models import NoteVersion, Relais
from tisseurs.access import get_own_relais_or_404
from tisseurs.freshness.pages import cached_page
from tisseurs.roles import RELAIS, role_required

# The relais' own pages (phone) ------------------------------------------------------


@role_required(RELAIS)
@cached_page
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
@cached_page
def my_documents(request):
    relais = get_own_relais_or_404(request.user)
    return render(
        request,
        "relais/my_documents.html",
        {"relais": relais, "documents": relais.documents.all()},
    )


@role_required(RELAIS)
@cached_page
def my_trainings(request):
    relais = get_own_relais_or_404(request.user)
    attendances = list(relais.formation_attendances.select_related("formation"))
    hours = sum((a.hours for a in attendances if a.is_present), start=0)
    return render(
        request,
        "relais/my_trainings.html",
        {"relais": relais, "attendances": attendances, "hours": hours},
    )


@role_required(RELAIS)
@cached_page
def my_note(request):
    """The current information note in the relais' language (French where the
    note is not written in it), and "J'ai lu la note"."""
    relais = get_own_relais_or_404(request.user)
    version = NoteVersion.objects.current()
    if request.method == "POST":
        if version is not None:
            _acknowledgement, created = services.note_acknowledge_on_phone(
                relais=relais, version=version, user=request.user
            )
            if created:
                messages.success(request, _("Merci. Vous avez lu la note."))
        return redirect("relais:my_note")
    language = get_language()
    return render(
        request,
        "relais/my_note.html",
        {
            "relais": relais,
            "version": version,
            "items": version.items_in(language) if version else [],
            # Where the note is not written in the reader's language, it shows
            # in French: say so.
            "text_in_french": bool(version) and not version.is_written_in(language),
            "acknowledgement": relais.acknowledgement_of(version),
        },
    )
