"""Coordination: the relais list and file, invitations, bank details, documents.
(Anonymising a relais reads the money side too: home/gdpr.py.)"""

from html import escape
from pathlib import PurePath

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from relais import services
from relais.forms import (
    DocumentEditForm,
    DocumentForm,
    JournalEntryForm,
    RegimeForm,
    RelaisFilterForm,
    RelaisForm,
)
from relais.home import relais_alerts
from relais.models import (
    BenefitGate,
    Convention,
    Document,
    JournalEntry,
    Relais,
    RelaisRegime,
    ResidenceStatus,
    WorkContext,
)
from relais.views.common import PAGE_SIZE, form_page, relais_or_404
from tisseurs import history
from tisseurs.access import get_scoped_or_404
from tisseurs.audit.models import AuditKind
from tisseurs.audit.services import audit_log
from tisseurs.downloads import serve_file
from tisseurs.flash import flash_errors
from tisseurs.freshness.pages import cached_page
from tisseurs.i18n import ALL_LANGUAGES, relais_language_choices
from tisseurs.params import choice_param, id_url, page_param
from tisseurs.roles import COORDINATION, DIRECTION, RELAIS, role_required
from tisseurs.rows import Labels, safe_rows

HISTORY_ACTIONS = {
    "+": gettext_lazy("création"),
    "~": gettext_lazy("modification"),
    "-": gettext_lazy("suppression"),
}


# Coordination: the relais list and file ----------------------------------------


def _rows(items) -> list[SafeString]:
    """The rows of the relais list, drawn here rather than by the template (about
    0.1 ms a row there): the same markup, every value escaped as it escapes them."""
    file_url = id_url("relais:relais_detail")
    label = Labels()
    rows = []
    for relais, alerts in items:
        listed = "".join(f"<li>{conditional_escape(alert)}</li>" for alert in alerts)
        rows.append(
            f'<tr>\n<td><a href="{escape(file_url(relais.pk))}">'
            f"{escape(relais.display_name)}</a></td>\n"
            f'<td><span class="badge status-badge status-{escape(relais.status)}">'
            f"{label(relais, 'status')}</span></td>\n"
            f"<td>{', '.join(conditional_escape(n) for n in relais.language_names)}"
            f"</td>\n<td>{escape(relais.phone_display)}</td>\n<td>"
            + (f'<ul class="mb-0 small text-danger">{listed}</ul>' if alerts else "")
            + "</td>\n</tr>"
        )
    return safe_rows(rows)


@role_required(COORDINATION)
@cached_page
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
                queryset=rows.for_list(),
            )
        ]
    else:
        items = None
    if items is None:
        page = Paginator(rows.for_list(), PAGE_SIZE).get_page(page_param(request))
        items = [(r, r.alerts(today, context=context)) for r in page]
    else:
        page = Paginator(items, PAGE_SIZE).get_page(page_param(request))
        items = list(page)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "relais/relais_list.html",
        {
            "filters": filters,
            "items": items,
            "rows": _rows(items),
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
    return form_page(
        request,
        form,
        title=_("Nouveau relais"),
        cancel_url=reverse("relais:relais_list"),
    )


@role_required(COORDINATION)
def relais_edit(request, pk):
    relais = relais_or_404(request, pk)
    form = RelaisForm(request.POST or None, instance=relais)
    if request.method == "POST" and form.is_valid():
        services.relais_save(form=form, languages=form.cleaned_data["languages"])
        messages.success(request, _("La fiche est enregistrée."))
        return redirect(relais)
    return form_page(
        request,
        form,
        title=_("Modifier la fiche de %(name)s") % {"name": relais},
        cancel_url=relais.get_absolute_url(),
        relais=relais,
    )


def _timeline(
    relais, conventions, acknowledgements, gates, formation_attendances, documents
):
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
                _("Note d'organisation lue sur le téléphone")
                if a.on_phone
                else _("Note d'organisation signée"),
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
    for a in formation_attendances:
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
    formation_attendances = list(
        relais.formation_attendances.select_related("formation")
    )
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
            *_history_rows(
                ResidenceStatus.history.filter(relais_id=relais.pk),
                _("Statut de séjour"),
            ),
            *_history_rows(
                RelaisRegime.history.filter(relais_id=relais.pk),
                _("Régime de défraiement"),
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
            "formation_attendances": formation_attendances,
            "training_hours": sum(
                (a.hours for a in formation_attendances if a.is_present), start=0
            ),
            "regimes": list(relais.regimes.all()),
            "regime_changes": list(relais.regime_changes.select_related("changed_by")),
            "regime_form": RegimeForm(initial={"year": today.year}),
            "timeline": _timeline(
                relais,
                conventions,
                acknowledgements,
                gates,
                formation_attendances,
                documents,
            ),
            "history": history,
            "today": today,
            "relais_languages": relais_language_choices(),
            "journal": [
                (entry, entry.can_edit(request.user, today=today))
                for entry in JournalEntry.objects.for_relais(relais)
            ],
            "journal_form": JournalEntryForm(),
        },
    )


def relais_history_entries(relais) -> list:
    """Every recorded change of the relais' file, old → new: the file itself, its
    agreements, benefit gates, residence status and yearly regimes."""
    return history.merged(
        history.entries(relais.history.all(), describe=lambda r: _("Fiche relais")),
        history.entries(Convention.history.filter(relais_id=relais.pk)),
        history.entries(BenefitGate.history.filter(relais_id=relais.pk)),
        history.entries(ResidenceStatus.history.filter(relais_id=relais.pk)),
        history.entries(
            RelaisRegime.history.filter(relais_id=relais.pk),
            describe=lambda r: _("Régime %(year)s") % {"year": r.year},
        ),
    )


@role_required(COORDINATION)
def relais_history(request, pk):
    relais = relais_or_404(request, pk)
    return render(
        request,
        "relais/relais_history.html",
        {"relais": relais, "history_entries": relais_history_entries(relais)},
    )


@role_required(COORDINATION)
@require_POST
def relais_invite(request, pk):
    relais = relais_or_404(request, pk)
    try:
        services.relais_invite(
            relais=relais,
            request=request,
            language=choice_param(request, "language", ALL_LANGUAGES, ""),
        )
    except ValidationError as exc:
        flash_errors(request, exc)
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
    page = Paginator(Relais.objects.not_left(), PAGE_SIZE).get_page(page_param(request))
    audit_log(
        request, AuditKind.IBAN_LIST, page=page.number, count=page.paginator.count
    )
    return render(request, "relais/bank_details.html", {"page_obj": page})


# Documents ---------------------------------------------------------------------


@role_required(COORDINATION)
def document_upload(request, pk):
    relais = relais_or_404(request, pk)
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        services.document_save(form=form, relais=relais, user=request.user)
        messages.success(request, _("Le document est déposé."))
        return redirect(relais)
    return form_page(
        request,
        form,
        title=_("Déposer un document pour %(name)s") % {"name": relais},
        cancel_url=relais.get_absolute_url(),
        relais=relais,
        multipart=True,
    )


@role_required(COORDINATION)
def document_edit(request, pk):
    """Change a stored document's title, kind or expiry date."""
    document = get_scoped_or_404(
        Document.objects.select_related("relais"), request.user, pk=pk
    )
    form = DocumentEditForm(request.POST or None, instance=document)
    if request.method == "POST" and form.is_valid():
        services.document_update(form=form)
        messages.success(request, _("Le document est enregistré."))
        return redirect(document.relais)
    return form_page(
        request,
        form,
        title=_("Modifier le document « %(title)s »") % {"title": document.title},
        cancel_url=document.relais.get_absolute_url(),
        relais=document.relais,
    )


@role_required(COORDINATION, RELAIS)
def document_download(request, pk):
    """Serve a private file to coordination or to the relais it belongs to."""
    document = get_scoped_or_404(
        Document.objects.select_related("relais"), request.user, pk=pk
    )
    if document.relais.user_id != request.user.pk:
        audit_log(
            request,
            AuditKind.RELAIS_DOCUMENT,
            document=document.pk,
            relais=document.relais_id,
            document_kind=document.kind,
        )
    suffix = PurePath(document.file.name).suffix
    name = f"{document.get_kind_display()}-{document.pk}{suffix}"
    return serve_file(document.file, filename=name)
