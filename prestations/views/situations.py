"""Coordination's side of situations: the filtered list and its export (with the
small-cell rule), one situation's page (outcomes, follow-up notes, closing the
follow-up). The relais' phone flow is in `prestation.py`."""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from prestations.forms.prestation import (
    FollowUpNoteForm,
    OrientationOutcomeFormSet,
    SituationFilterForm,
)
from prestations.models import Situation
from prestations.services import exports
from prestations.views.rows import situation_rows
from tisseurs.access import get_scoped_or_404
from tisseurs.audit.models import AuditKind
from tisseurs.audit.services import audit_log
from tisseurs.downloads import download
from tisseurs.exports import FILE_FORMATS, sheet_file
from tisseurs.flash import flash_errors
from tisseurs.freshness.pages import audited, cached_page
from tisseurs.months import month_nav
from tisseurs.params import choice_param, page_param
from tisseurs.roles import COORDINATION, role_required

SITUATIONS_PER_PAGE = 50


def _filtered(request):
    form = SituationFilterForm(request.GET or None)
    start, end, whole_month = form.period(timezone.localdate())
    situations = form.filter(Situation.objects.in_period(start, end))
    return form, start, end, whole_month, situations


@role_required(COORDINATION)
@cached_page
def situation_list(request):
    """The situations of a month (or two dates), filtered; paged by 50."""
    form, start, end, whole_month, situations = _filtered(request)
    page = Paginator(situations.for_listing(), SITUATIONS_PER_PAGE).get_page(
        page_param(request)
    )
    querystring = request.GET.copy()
    querystring.pop("page", None)
    month_query = querystring.copy()
    for name in ("month", "start", "end"):
        month_query.pop(name, None)
    response = render(
        request,
        "prestations/situation_list.html",
        {
            "form": form,
            "page_obj": page,
            "rows": situation_rows(page),
            "querystring": querystring.urlencode(),
            "month_query": month_query.urlencode(),
            "whole_month": whole_month,
            "period_start": start,
            "period_last": end - timedelta(days=1),
            **month_nav(start),
        },
    )
    # Recorded at each reading, from the cache too.
    return audited(
        request,
        response,
        AuditKind.SITUATIONS_LIST,
        **form.audit_detail(),
        period=f"{start:%Y-%m-%d}/{end:%Y-%m-%d}",
        page=page.number,
        count=page.paginator.count,
    )


@role_required(COORDINATION)
def situation_export(request):
    """The filtered list as CSV or XLSX: no code, no note, and describing values
    shared by fewer than five people masked."""
    form, start, end, _whole_month, situations = _filtered(request)
    extension = choice_param(request, "format", FILE_FORMATS, "csv")
    sheet = exports.situations_sheet(situations=situations, start=start, end=end)
    audit_log(
        request,
        AuditKind.SITUATIONS_EXPORT,
        **form.audit_detail(),
        period=f"{start:%Y-%m-%d}/{end:%Y-%m-%d}",
        format=extension,
        count=len(sheet.rows),
    )
    return download(
        sheet_file(sheet, extension=extension),
        filename=f"situations-{start:%Y-%m-%d}.{extension}",
    )


def _situation(request, pk) -> Situation:
    return get_scoped_or_404(
        Situation.objects.select_related(
            "prestation__relais", "follow_up_closed_by"
        ).prefetch_related("themes"),
        request.user,
        relais_field="prestation__relais",
        pk=pk,
    )


@role_required(COORDINATION)
def situation_detail(request, pk):
    """One situation for coordination: what was noted, each orientation's outcome
    (saved through `orientation_outcomes`), the follow-up notes and closing."""
    situation = _situation(request, pk)
    audit_log(request, AuditKind.SITUATION_VIEW, situation=situation.pk)
    formset = OrientationOutcomeFormSet(
        queryset=situation.orientations.select_related("service")
    )
    return render(
        request,
        "prestations/situation_detail.html",
        {
            "situation": situation,
            "formset": formset,
            "follow_ups": situation.follow_ups.select_related("created_by"),
            "note_form": FollowUpNoteForm(),
        },
    )


@require_POST
@role_required(COORDINATION)
def situation_follow_up_add(request, pk):
    situation = _situation(request, pk)
    form = FollowUpNoteForm(request.POST)
    if form.is_valid():
        note = form.save(commit=False)
        note.situation, note.created_by = situation, request.user
        note.save()
        messages.success(request, _("Note de suivi ajoutée."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("prestations:situation_detail", pk=situation.pk)


@require_POST
@role_required(COORDINATION)
def situation_follow_up_close(request, pk):
    situation = _situation(request, pk)
    try:
        situation.close_follow_up(by=request.user)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, _("Suivi clôturé."))
    return redirect("prestations:situation_detail", pk=situation.pk)
