"""Role home pages: the top of the stack, reading the apps below
(docs/architecture.md)."""

from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from activites import home as activites_home
from home import gdpr
from home.blocked import blocked_relais
from prestations.home import (
    coordination_month_summary,
    months_with_status,
    relais_month_summary,
    returned_fiche,
)
from prestations.models import FicheMensuelle
from prestations.services.legal import km_rate_warning
from rapports.models import Rapport
from relais.home import coordination_panel
from relais.models import Relais
from ressources.home import coordination_panel as ressources_panel
from tisseurs.audit.models import AuditKind
from tisseurs.audit.services import audit_log
from tisseurs.downloads import download
from tisseurs.params import choice_param
from tisseurs.roles import (
    COMITE,
    COORDINATION,
    DIRECTION,
    RELAIS,
    ROLES,
    primary_role,
    role_required,
)

HOME_URL_NAMES = {
    COORDINATION: "coordination_home",
    RELAIS: "relais_home",
    DIRECTION: "direction_home",
    COMITE: "comite_home",
}


@role_required(*ROLES)
def home(request):
    """Send each user to the home page of their role."""
    return redirect(HOME_URL_NAMES[primary_role(request.user)])


@role_required(RELAIS)
def relais_home(request):
    relais = Relais.objects.filter(user=request.user).first()
    today = timezone.localdate()
    return render(
        request,
        "home/relais_home.html",
        {
            "relais": relais,
            "relais_check": relais.can_work_on(today) if relais else None,
            "returned_fiche": returned_fiche(relais),
            "today": today,
            "next_activities": activites_home.relais_next_activities(relais),
            "month_summary": relais_month_summary(relais=relais, today=today)
            if relais
            else None,
        },
    )


@role_required(COORDINATION)
def coordination_home(request):
    status_counts = Relais.objects.status_counts()
    today = timezone.localdate()
    panel = coordination_panel(today)
    context, relais_rows = panel.pop("work_context"), panel.pop("relais_rows")
    return render(
        request,
        "home/coordination_home.html",
        {
            "status_counts": status_counts,
            "today": today,
            "roster_gaps": activites_home.coordination_gaps_this_week(),
            "pending_offers": activites_home.pending_offers_count(),
            "situations": coordination_month_summary(today=today),
            **panel,
            "fiche_months_to_validate": months_with_status(
                FicheMensuelle.Status.SUBMITTED
            ),
            "ressources": ressources_panel(),
            "blocked_relais": blocked_relais(context=context, relais=relais_rows),
        },
    )


@role_required(DIRECTION)
def direction_home(request):
    return render(
        request,
        "home/direction_home.html",
        {
            "active_relais": Relais.objects.active().count(),
            "today": timezone.localdate(),
            "fiche_months_to_pay": months_with_status(FicheMensuelle.Status.VALIDATED),
            "km_rate_warning": km_rate_warning(timezone.localdate()),
        },
    )


@role_required(COMITE)
def comite_home(request):
    return render(
        request,
        "home/comite_home.html",
        {
            "active_relais": Relais.objects.active().count(),
            "reports": Rapport.objects.issued()[:20],
            "today": timezone.localdate(),
        },
    )


@role_required(COORDINATION)
def relais_export(request, pk):
    """Everything the app holds on one relais, as JSON or (format=pdf) a PDF."""
    relais = get_object_or_404(Relais, pk=pk)
    output = choice_param(request, "format", ("pdf", "json"), "json")
    audit_log(request, AuditKind.GDPR_EXPORT, relais=relais.pk, format=output)
    if output == "pdf":
        return download(
            gdpr.relais_full_export_pdf(relais=relais, language=request.LANGUAGE_CODE),
            filename=f"relais-{pk}.pdf",
        )
    return download(
        gdpr.relais_full_export_json(relais=relais), filename=f"relais-{pk}.json"
    )


@role_required(*ROLES)
def help_page(request):
    return render(request, "home/help.html")
