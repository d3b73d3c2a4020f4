"""Dashboard, comité reports and the COCOM export."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rapports import services
from rapports.forms import (
    QualitativeForm,
    RapportCreateForm,
    parse_period_from,
)
from rapports.models import Rapport
from rapports.periods import Period
from tisseurs.audit.models import AuditKind
from tisseurs.audit.services import audit_log
from tisseurs.downloads import download, serve_file
from tisseurs.freshness.pages import cached_page
from tisseurs.params import choice_param
from tisseurs.roles import COMITE, COORDINATION, DIRECTION, has_role, role_required

SHEETS = ("indicateurs", "detail", "definitions")


def _reports_for(user):
    reports = Rapport.objects.select_related("issued_by")
    if has_role(user, COORDINATION):
        return reports
    return reports.issued()


@role_required(COORDINATION)
@cached_page
def dashboard(request):
    period, form = parse_period_from(request.GET)
    items = services.figures(period, suppress=False)
    create_form = RapportCreateForm(
        initial={"start": period.start, "end": period.end, "period_kind": period.kind}
    )
    return render(
        request,
        "rapports/dashboard.html",
        {
            "form": form,
            "period": period,
            "previous": period.previous(),
            "sections": services.sections(items),
            "empty": all(item["is_zero"] for item in items),
            "create_form": create_form,
            "reports": Rapport.objects.all()[:10],
        },
    )


@role_required(COORDINATION, COMITE)
def rapport_list(request):
    return render(
        request, "rapports/rapport_list.html", {"reports": _reports_for(request.user)}
    )


@role_required(COORDINATION)
@require_POST
def rapport_create(request):
    form = RapportCreateForm(request.POST)
    if not form.is_valid():
        messages.error(
            request,
            " ".join(form.errors.get("__all__", []))
            or _("La période demandée n'est pas valable."),
        )
        return redirect("rapports:dashboard")
    rapport = form.save(commit=False)
    rapport.created_by = request.user
    rapport.save()
    messages.success(
        request, _("Brouillon de rapport créé : écrivez la partie qualitative.")
    )
    return redirect(rapport)


@role_required(COORDINATION, COMITE)
def rapport_detail(request, pk):
    rapport = get_object_or_404(_reports_for(request.user), pk=pk)
    form = None
    if has_role(request.user, COORDINATION) and not rapport.is_issued:
        form = QualitativeForm(request.POST or None, instance=rapport)
        if request.method == "POST" and form.is_valid():
            rapport.set_qualitative(form.cleaned_data["qualitative"])
            messages.success(request, _("Partie qualitative enregistrée."))
            return redirect(rapport)
    elif request.method == "POST":
        raise Http404
    period = Period(rapport.start, rapport.end, rapport.period_kind)
    return render(
        request,
        "rapports/rapport_detail.html",
        {"rapport": rapport, "form": form, "period": period},
    )


@role_required(COORDINATION)
def rapport_preview(request, pk):
    rapport = get_object_or_404(Rapport, pk=pk)
    audit_log(request, AuditKind.REPORT_PDF, rapport=rapport.pk, preview=True)
    pdf, _items = services.report_pdf(
        period=Period(rapport.start, rapport.end, rapport.period_kind),
        language=rapport.language,
        qualitative=rapport.qualitative,
    )
    return download(pdf, filename="apercu-rapport.pdf", inline=True)


@role_required(COORDINATION)
@require_POST
def rapport_issue(request, pk):
    rapport = get_object_or_404(Rapport, pk=pk)
    try:
        services.rapport_issue(rapport=rapport, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("Rapport émis : le PDF est enregistré et ne changera plus.")
        )
    return redirect(rapport)


@role_required(COORDINATION, COMITE)
def rapport_pdf(request, pk):
    rapport = get_object_or_404(_reports_for(request.user).issued(), pk=pk)
    audit_log(request, AuditKind.REPORT_PDF, rapport=rapport.pk, preview=False)
    return serve_file(rapport.pdf, as_attachment=True)


@role_required(COORDINATION, DIRECTION)
def export(request):
    period, form = parse_period_from(request.GET)
    if request.GET and not form.is_valid():
        return render(request, "rapports/export.html", {"form": form, "period": None})
    language = choice_param(request, "lang", ("fr", "nl"), "fr")
    output = choice_param(request, "output", ("xlsx", *SHEETS), "")
    stem = f"tisseurs-{period.start:%Y%m%d}-{period.end:%Y%m%d}"
    if output == "xlsx" or output in SHEETS:
        audit_log(
            request,
            AuditKind.COCOM_EXPORT,
            start=period.start,
            end=period.end,
            output=output,
            language=language,
        )
    if output == "xlsx":
        return download(
            services.export_xlsx(period, language=language), filename=f"{stem}.xlsx"
        )
    if output in SHEETS:
        return download(
            services.export_csv(period, language=language, sheet=output),
            filename=f"{stem}-{output}.csv",
        )
    return render(
        request,
        "rapports/export.html",
        {"form": form, "period": period, "query": period.as_query(), "sheets": SHEETS},
    )
