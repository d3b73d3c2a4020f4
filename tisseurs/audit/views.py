"""Direction's view of the audit trail: a filtered page and its export."""

from datetime import datetime, time, timedelta

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from tisseurs.audit.forms import AuditFilterForm
from tisseurs.audit.models import AuditEntry, AuditKind
from tisseurs.audit.services import audit_log, retention_months
from tisseurs.downloads import download
from tisseurs.exports import FILE_FORMATS, Column, Sheet, sheet_file
from tisseurs.exports.cells import DATETIME
from tisseurs.params import choice_param, page_param
from tisseurs.roles import DIRECTION, role_required

ENTRIES_PER_PAGE = 50


def _day_start(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def _filtered(form: AuditFilterForm):
    """The entries the valid filters select (all of them when the form is invalid:
    its errors are shown and nothing is hidden by a half-read filter)."""
    entries = AuditEntry.objects.for_listing()
    filters = form.cleaned_data if form.is_valid() else {}
    if filters.get("kind"):
        entries = entries.filter(kind=filters["kind"])
    if filters.get("user"):
        entries = entries.filter(user=filters["user"])
    if filters.get("start"):
        entries = entries.filter(at__gte=_day_start(filters["start"]))
    if filters.get("end"):
        entries = entries.filter(at__lt=_day_start(filters["end"] + timedelta(days=1)))
    return entries, filters


def _sheet(entries) -> Sheet:
    return Sheet(
        title=_("Journal d'accès"),
        columns=[
            Column(_("Moment"), DATETIME),
            _("Identifiant"),
            _("Type"),
            _("Détail"),
            _("Adresse IP"),
        ],
        rows=[
            [
                timezone.localtime(entry.at).replace(tzinfo=None),
                entry.username,
                entry.get_kind_display(),
                entry.detail_text,
                entry.ip_address,
            ]
            for entry in entries
        ],
    )


@role_required(DIRECTION)
def audit_list(request):
    """Who read or exported what, newest first, filtered; CSV or XLSX on demand."""
    form = AuditFilterForm(request.GET or None)
    entries, filters = _filtered(form)
    extension = choice_param(request, "format", FILE_FORMATS, "")
    if extension:
        sheet = _sheet(entries)
        audit_log(
            request,
            AuditKind.AUDIT_EXPORT,
            format=extension,
            count=len(sheet.rows),
            **filters,
        )
        content = sheet_file(sheet, extension=extension)
        stamp = timezone.localdate()
        return download(content, filename=f"journal-acces-{stamp:%Y-%m-%d}.{extension}")
    page = Paginator(entries, ENTRIES_PER_PAGE).get_page(page_param(request))
    querystring = request.GET.copy()
    querystring.pop("page", None)
    querystring.pop("format", None)
    return render(
        request,
        "audit/audit_list.html",
        {
            "form": form,
            "page_obj": page,
            "querystring": querystring.urlencode(),
            "retention_months": retention_months(),
        },
    )
