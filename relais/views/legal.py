"""Coordination: the legal file of a relais (agreement, regime, note, benefit gates)
and of the organisation (note versions, insurance policies)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from relais import services
from relais.forms import (
    AcknowledgementForm,
    BenefitGateForm,
    ConventionForm,
    ConventionSignedForm,
    InsurancePolicyForm,
    NoteVersionForm,
    ResidenceStatusForm,
)
from relais.models import (
    BenefitGate,
    Convention,
    InsurancePolicy,
    NoteVersion,
    ResidenceStatus,
)
from relais.views.common import form_page, relais_or_404
from tisseurs.access import get_scoped_or_404
from tisseurs.downloads import download
from tisseurs.flash import flash_errors
from tisseurs.i18n import ALL_LANGUAGES, user_language
from tisseurs.params import choice_param
from tisseurs.roles import COORDINATION, role_required

# Agreement, regime, note, gates -------------------------------------------------


@role_required(COORDINATION)
def convention_create(request, pk):
    relais = relais_or_404(request, pk)
    return _convention_form(request, relais, Convention(relais=relais))


@role_required(COORDINATION)
def convention_edit(request, pk):
    convention = get_scoped_or_404(
        Convention.objects.select_related("relais"), request.user, pk=pk
    )
    return _convention_form(request, convention.relais, convention)


def _convention_form(request, relais, convention):
    form = ConventionForm(
        request.POST or None, request.FILES or None, instance=convention
    )
    if request.method == "POST" and form.is_valid():
        services.convention_save(
            form=form,
            relais=relais,
            signed_file=form.cleaned_data.get("signed_file"),
            user=request.user,
        )
        messages.success(request, _("La convention est enregistrée."))
        return redirect(relais)
    return form_page(
        request,
        form,
        title=_("Convention de volontariat de %(name)s") % {"name": relais},
        cancel_url=relais.get_absolute_url(),
        relais=relais,
        multipart=True,
    )


@role_required(COORDINATION)
def convention_upload(request, pk):
    """Upload the signed scan of an agreement generated from the relais file."""
    convention = get_scoped_or_404(
        Convention.objects.select_related("relais"), request.user, pk=pk
    )
    relais = convention.relais
    posted = request.method == "POST"
    form = ConventionSignedForm(
        request.POST if posted else None, request.FILES if posted else None
    )
    if posted and form.is_valid():
        services.convention_attach_signed(
            convention=convention,
            signed_file=form.cleaned_data["signed_file"],
            user=request.user,
        )
        messages.success(request, _("La convention signée est déposée."))
        return redirect(relais)
    return form_page(
        request,
        form,
        title=_("Déposer la convention signée : %(convention)s")
        % {"convention": convention},
        cancel_url=relais.get_absolute_url(),
        relais=relais,
        multipart=True,
    )


@role_required(COORDINATION)
def acknowledgement_create(request, pk):
    relais = relais_or_404(request, pk)
    form = AcknowledgementForm(
        request.POST or None,
        request.FILES or None,
        initial={
            "version": NoteVersion.objects.current(),
            "acknowledged_on": timezone.localdate(),
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.acknowledgement_record(
            relais=relais,
            version=data["version"],
            acknowledged_on=data["acknowledged_on"],
            signed_file=data.get("signed_file"),
            user=request.user,
        )
        messages.success(request, _("La signature de la note est enregistrée."))
        return redirect(relais)
    return form_page(
        request,
        form,
        title=_("Note d'organisation signée par %(name)s") % {"name": relais},
        cancel_url=relais.get_absolute_url(),
        relais=relais,
        multipart=True,
    )


@role_required(COORDINATION)
def note_pdf(request, pk):
    relais = relais_or_404(request, pk)
    version = NoteVersion.objects.current()
    if version is None:
        raise Http404
    own = user_language(relais.user)
    language = choice_param(request, "lang", ALL_LANGUAGES, own)
    pdf = services.note_pdf(relais=relais, version=version, language=language)
    return download(
        pdf, filename=f"note-v{version.number}-{relais.pk}-{language}.pdf", inline=True
    )


@role_required(COORDINATION)
def gate_create(request, pk):
    relais = relais_or_404(request, pk)
    return _gate_form(request, relais, BenefitGate(relais=relais))


@role_required(COORDINATION)
def gate_edit(request, pk):
    gate = get_scoped_or_404(
        BenefitGate.objects.select_related("relais"), request.user, pk=pk
    )
    return _gate_form(request, gate.relais, gate)


@role_required(COORDINATION)
@require_POST
def gate_confirm(request, pk):
    gate = get_scoped_or_404(
        BenefitGate.objects.select_related("relais"), request.user, pk=pk
    )
    try:
        gate.confirm(on=timezone.localdate())
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, _("La situation est reconfirmée aujourd'hui."))
    return redirect(gate.relais)


def _gate_form(request, relais, gate):
    form = BenefitGateForm(request.POST or None, instance=gate)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("La situation d'allocataire est enregistrée."))
        return redirect(relais)
    return form_page(
        request,
        form,
        title=_("Situation d'allocataire de %(name)s") % {"name": relais},
        cancel_url=relais.get_absolute_url(),
        relais=relais,
    )


@role_required(COORDINATION)
def residence_edit(request, pk):
    """Record or change the residence status of a non-EU relais."""
    relais = relais_or_404(request, pk)
    status = ResidenceStatus.objects.filter(relais=relais).first()
    form = ResidenceStatusForm(
        request.POST or None, instance=status or ResidenceStatus(relais=relais)
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Le statut de séjour est enregistré."))
        return redirect(relais)
    return form_page(
        request,
        form,
        title=_("Statut de séjour de %(name)s") % {"name": relais},
        cancel_url=relais.get_absolute_url(),
        relais=relais,
    )


# Organisation: note versions, insurance ------------------------------------------


@role_required(COORDINATION)
def note_list(request):
    return render(
        request,
        "relais/note_list.html",
        {"versions": NoteVersion.objects.all()},
    )


@role_required(COORDINATION)
def note_create(request):
    current = NoteVersion.objects.current()
    initial = {}
    if current:
        initial = {name: getattr(current, name) for name in NoteVersionForm.Meta.fields}
        initial["published_on"] = timezone.localdate()
    form = NoteVersionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        version = services.note_version_create(form=form)
        messages.success(
            request,
            _(
                "La version %(number)s de la note est enregistrée. Chaque relais "
                "doit la signer."
            )
            % {"number": version.number},
        )
        return redirect("relais:note_list")
    return form_page(
        request,
        form,
        title=_("Nouvelle version de la note d'organisation"),
        cancel_url=reverse("relais:note_list"),
    )


@role_required(COORDINATION)
def insurance_list(request):
    return render(
        request,
        "relais/insurance_list.html",
        {"policies": InsurancePolicy.objects.all(), "today": timezone.localdate()},
    )


@role_required(COORDINATION)
def insurance_create(request):
    return _insurance_form(request, InsurancePolicy())


@role_required(COORDINATION)
def insurance_edit(request, pk):
    return _insurance_form(request, get_object_or_404(InsurancePolicy, pk=pk))


def _insurance_form(request, policy):
    form = InsurancePolicyForm(request.POST or None, instance=policy)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("La police d'assurance est enregistrée."))
        return redirect("relais:insurance_list")
    return form_page(
        request,
        form,
        title=_("Police d'assurance"),
        cancel_url=reverse("relais:insurance_list"),
    )
