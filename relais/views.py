"""The relais file: coordination pages (desktop) and the relais' own pages (phone)."""

from pathlib import PurePath

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from relais import services
from relais.forms import (
    AcknowledgementForm,
    AttendanceForm,
    BenefitGateForm,
    ConventionForm,
    DocumentForm,
    FormationForm,
    InsurancePolicyForm,
    NoteVersionForm,
    ProfileForm,
    RegimeForm,
    RelaisFilterForm,
    RelaisForm,
)
from relais.home import relais_alerts
from relais.models import (
    BenefitGate,
    Convention,
    Document,
    Formation,
    InsurancePolicy,
    NoteVersion,
    Relais,
    RelaisRegime,
    WorkContext,
)
from tisseurs.access import get_own_relais_or_404, get_scoped_or_404
from tisseurs.downloads import download, serve_file
from tisseurs.roles import COORDINATION, DIRECTION, RELAIS, role_required

PAGE_SIZE = 50
HISTORY_ACTIONS = {
    "+": gettext_lazy("création"),
    "~": gettext_lazy("modification"),
    "-": gettext_lazy("suppression"),
}
FORM_TEMPLATE = "relais/form.html"


def _relais_or_404(request, pk) -> Relais:
    return get_scoped_or_404(Relais.objects.all(), request.user, relais_field="", pk=pk)


def _form_page(request, form, *, title, cancel_url, relais=None, multipart=False):
    return render(
        request,
        FORM_TEMPLATE,
        {
            "form": form,
            "title": title,
            "cancel_url": cancel_url,
            "relais": relais,
            "multipart": multipart,
        },
    )


# Coordination: the relais list and file ----------------------------------------


@role_required(COORDINATION)
def relais_list(request):
    filters = RelaisFilterForm(request.GET or None)
    rows = Relais.objects.all()
    only_alerts = False
    if filters.is_valid():
        data = filters.cleaned_data
        rows = rows.search(data["q"])
        if data["status"]:
            rows = rows.filter(status=data["status"])
        if data["language"]:
            rows = rows.speaking(data["language"])
        only_alerts = data["alerts"]
    today = timezone.localdate()
    context = WorkContext.load()
    if only_alerts:
        items = [
            (found.relais, found.messages)
            for found in relais_alerts(
                today,
                context=context,
                queryset=rows.prefetch_related("spoken_languages"),
            )
        ]
    else:
        items = None
    if items is None:
        page = Paginator(rows.with_legal_file(), PAGE_SIZE).get_page(
            request.GET.get("page")
        )
        items = [(r, r.alerts(today, context=context)) for r in page]
    else:
        page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
        items = list(page)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "relais/relais_list.html",
        {
            "filters": filters,
            "items": items,
            "page_obj": page,
            "querystring": query.urlencode(),
        },
    )


@role_required(COORDINATION)
def relais_create(request):
    form = RelaisForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        relais = services.relais_save(
            form=form, languages=form.cleaned_data["languages"]
        )
        messages.success(
            request, _("La fiche de %(name)s est créée.") % {"name": relais}
        )
        return redirect(relais)
    return _form_page(
        request,
        form,
        title=_("Nouveau relais"),
        cancel_url=reverse("relais:relais_list"),
    )


@role_required(COORDINATION)
def relais_edit(request, pk):
    relais = _relais_or_404(request, pk)
    form = RelaisForm(request.POST or None, instance=relais)
    if request.method == "POST" and form.is_valid():
        services.relais_save(form=form, languages=form.cleaned_data["languages"])
        messages.success(request, _("La fiche est enregistrée."))
        return redirect(relais)
    return _form_page(
        request,
        form,
        title=_("Modifier la fiche de %(name)s") % {"name": relais},
        cancel_url=relais.get_absolute_url(),
        relais=relais,
    )


def _timeline(relais, conventions, acknowledgements, gates, attendances, documents):
    events = []
    for c in conventions:
        events.append((c.start_date, _("Début de la convention"), str(c)))
        if c.confidentiality_accepted_on:
            events.append(
                (
                    c.confidentiality_accepted_on,
                    _("Clause de confidentialité signée"),
                    "",
                )
            )
        if c.end_date:
            events.append((c.end_date, _("Fin de la convention"), str(c)))
    for a in acknowledgements:
        events.append(
            (
                a.acknowledged_on,
                _("Note d'organisation signée"),
                _("Version %(number)s") % {"number": a.version.number},
            )
        )
    for g in gates:
        if g.filed_on:
            events.append((g.filed_on, g.get_kind_display(), _("Démarche faite")))
        if g.approved_on:
            events.append((g.approved_on, g.get_kind_display(), _("Réponse reçue")))
        if g.confirmed_on:
            events.append((g.confirmed_on, g.get_kind_display(), _("Reconfirmée")))
    for a in attendances:
        events.append((a.formation.date, a.formation.title, a.get_status_display()))
    for d in documents:
        events.append((d.uploaded_at.date(), _("Document déposé"), d.title))
    events.append((relais.status_since, _("Statut"), relais.get_status_display()))
    return sorted(events, key=lambda e: e[0], reverse=True)


HISTORY_SKIP = {"id", "created_at", "updated_at", "anonymised_at"}


def _history_rows(records, label, limit=30) -> list[dict]:
    """The last `limit` changes of one kind, each with the names of the fields it
    changed (compared with the previous record of the same object, no extra query)."""
    records = list(records.select_related("history_user")[: limit + 10])
    rows = []
    for index, record in enumerate(records[:limit]):
        previous = next((r for r in records[index + 1 :] if r.id == record.id), None)
        changed = []
        if previous is not None and record.history_type == "~":
            for field in record.instance_type._meta.fields:
                if field.name in HISTORY_SKIP:
                    continue
                if getattr(record, field.attname) != getattr(previous, field.attname):
                    changed.append(str(field.verbose_name))
        rows.append(
            {
                "record": record,
                "label": label,
                "action": HISTORY_ACTIONS.get(record.history_type, ""),
                "fields": changed,
            }
        )
    return rows


@role_required(COORDINATION)
def relais_detail(request, pk):
    relais = get_scoped_or_404(
        Relais.objects.with_legal_file().prefetch_related(
            "regimes", "documents", "acknowledgements__version"
        ),
        request.user,
        relais_field="",
        pk=pk,
    )
    today = timezone.localdate()
    context = WorkContext.load()
    conventions = list(relais.conventions.all())
    acknowledgements = list(relais.acknowledgements.all())
    gates = list(relais.gates.all())
    documents = list(relais.documents.all())
    attendances = list(relais.attendances.select_related("formation"))
    history = sorted(
        [
            *_history_rows(relais.history.all(), _("Fiche")),
            *_history_rows(
                Convention.history.filter(relais_id=relais.pk), _("Convention")
            ),
            *_history_rows(
                BenefitGate.history.filter(relais_id=relais.pk),
                _("Situation d'allocataire"),
            ),
        ],
        key=lambda row: row["record"].history_date,
        reverse=True,
    )[:40]
    return render(
        request,
        "relais/relais_detail.html",
        {
            "relais": relais,
            "check": relais.can_work_on(today, context=context),
            "alerts": relais.alerts(today, context=context),
            "current_note": context.note,
            "current_acknowledgement": relais.acknowledgement_of(context.note),
            "conventions": conventions,
            "acknowledgements": acknowledgements,
            "gates": gates,
            "documents": documents,
            "attendances": attendances,
            "regimes": list(relais.regimes.all()),
            "regime_form": RegimeForm(initial={"year": today.year}),
            "timeline": _timeline(
                relais, conventions, acknowledgements, gates, attendances, documents
            ),
            "history": history,
            "today": today,
        },
    )


@role_required(COORDINATION)
@require_POST
def relais_invite(request, pk):
    relais = _relais_or_404(request, pk)
    try:
        services.relais_invite(relais=relais, request=request)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Une invitation a été envoyée à %(email)s.") % {"email": relais.email},
        )
    return redirect(relais)


@role_required(COORDINATION, DIRECTION)
def bank_details(request):
    """Names and IBANs of the relais, for paying défraiements (coordination and
    direction only: never shown to relais)."""
    page = Paginator(
        Relais.objects.exclude(status=Relais.Status.LEFT), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    return render(request, "relais/bank_details.html", {"page_obj": page})


# Agreement, regime, note, gates -------------------------------------------------


@role_required(COORDINATION)
def convention_create(request, pk):
    relais = _relais_or_404(request, pk)
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
    return _form_page(
        request,
        form,
        title=_("Convention de volontariat de %(name)s") % {"name": relais},
        cancel_url=relais.get_absolute_url(),
        relais=relais,
        multipart=True,
    )


@role_required(COORDINATION)
@require_POST
def regime_set(request, pk):
    relais = _relais_or_404(request, pk)
    form = RegimeForm(request.POST, instance=RelaisRegime(relais=relais))
    if form.is_valid():
        services.relais_regime_set(relais=relais, **form.cleaned_data)
        messages.success(request, _("Le régime de défraiement est enregistré."))
    else:
        errors = [e for field_errors in form.errors.values() for e in field_errors]
        messages.error(request, " ".join(errors))
    return redirect(relais)


@role_required(COORDINATION)
def acknowledgement_create(request, pk):
    relais = _relais_or_404(request, pk)
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
    return _form_page(
        request,
        form,
        title=_("Note d'organisation signée par %(name)s") % {"name": relais},
        cancel_url=relais.get_absolute_url(),
        relais=relais,
        multipart=True,
    )


@role_required(COORDINATION)
def note_pdf(request, pk):
    relais = _relais_or_404(request, pk)
    version = NoteVersion.objects.current()
    if version is None:
        raise Http404
    language = request.GET.get("lang")
    if language not in ("fr", "nl"):
        language = "nl" if getattr(relais.user, "language", "") == "nl" else "fr"
    pdf = services.note_pdf(relais=relais, version=version, language=language)
    return download(
        pdf, filename=f"note-v{version.number}-{relais.pk}-{language}.pdf", inline=True
    )


@role_required(COORDINATION)
def gate_create(request, pk):
    relais = _relais_or_404(request, pk)
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
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("La situation est reconfirmée aujourd'hui."))
    return redirect(gate.relais)


def _gate_form(request, relais, gate):
    form = BenefitGateForm(request.POST or None, instance=gate)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("La situation d'allocataire est enregistrée."))
        return redirect(relais)
    return _form_page(
        request,
        form,
        title=_("Situation d'allocataire de %(name)s") % {"name": relais},
        cancel_url=relais.get_absolute_url(),
        relais=relais,
    )


# Documents ---------------------------------------------------------------------


@role_required(COORDINATION)
def document_upload(request, pk):
    relais = _relais_or_404(request, pk)
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        document = form.save(commit=False)
        document.relais = relais
        document.uploaded_by = request.user
        document.save()
        messages.success(request, _("Le document est déposé."))
        return redirect(relais)
    return _form_page(
        request,
        form,
        title=_("Déposer un document pour %(name)s") % {"name": relais},
        cancel_url=relais.get_absolute_url(),
        relais=relais,
        multipart=True,
    )


@role_required(COORDINATION, RELAIS)
def document_download(request, pk):
    """Serve a private file to coordination or to the relais it belongs to."""
    document = get_scoped_or_404(Document.objects.all(), request.user, pk=pk)
    suffix = PurePath(document.file.name).suffix
    name = f"{document.get_kind_display()}-{document.pk}{suffix}"
    return serve_file(document.file, filename=name)


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
    return _form_page(
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
    return _form_page(
        request,
        form,
        title=_("Police d'assurance"),
        cancel_url=reverse("relais:insurance_list"),
    )


# Trainings and intervisions ------------------------------------------------------


@role_required(COORDINATION)
def formation_list(request):
    page = Paginator(
        Formation.objects.annotate(attendance_count=Count("attendances")).order_by(
            *Formation._meta.ordering
        ),
        PAGE_SIZE,
    ).get_page(request.GET.get("page"))
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
    return _form_page(
        request,
        form,
        title=_("Formation ou intervision"),
        cancel_url=reverse("relais:formation_list"),
    )


@role_required(COORDINATION)
def formation_detail(request, pk):
    formation = get_object_or_404(Formation, pk=pk)
    form = AttendanceForm(request.POST or None, formation=formation)
    if request.method == "POST" and form.is_valid():
        services.attendance_set(form=form)
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


# GDPR ----------------------------------------------------------------------------


@role_required(COORDINATION)
@require_POST
def relais_anonymise(request, pk):
    relais = _relais_or_404(request, pk)
    try:
        services.relais_anonymise(relais=relais)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _(
                "Les données personnelles sont effacées ; le relais s'appelle "
                "désormais %(name)s."
            )
            % {"name": relais},
        )
    return redirect(relais)


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
    attendances = list(relais.attendances.select_related("formation"))
    hours = sum((a.hours for a in attendances if a.status == a.Status.PRESENT), start=0)
    return render(
        request,
        "relais/my_trainings.html",
        {"relais": relais, "attendances": attendances, "hours": hours},
    )
