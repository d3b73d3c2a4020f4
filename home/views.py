"""Role home pages: the top of the stack, reading the apps below
(docs/architecture.md)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from activites import home as activites_home
from home import gdpr
from home.blocked import blocked_relais
from home.forms import ReminderPreferencesForm
from home.models import MessageRecipient, ReminderKind
from home.reminders import (
    enabled_kinds,
    kinds_for,
    reminder_preferences_set,
    reminders_shown,
)
from prestations.home import (
    coordination_month_summary,
    coordination_to_follow_up,
    months_with_status,
    relais_month_summary,
    returned_fiche,
)
from prestations.models import FicheMensuelle
from prestations.services.legal import km_rate_warning
from rapports.models import Rapport
from relais.home import coordination_panel, note_to_read
from relais.models import Relais, WorkContext
from ressources.home import coordination_panel as ressources_panel
from tisseurs.audit.models import AuditKind
from tisseurs.audit.services import audit_log
from tisseurs.downloads import download
from tisseurs.flash import flash_errors
from tisseurs.freshness.pages import cached_page
from tisseurs.i18n import user_language
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
@cached_page
def relais_home(request):
    relais = Relais.objects.with_work_data().filter(user=request.user).first()
    today = timezone.localdate()
    context = WorkContext.load()
    note = note_to_read(relais, today, note=context.note)
    reminders = reminders_shown(request.user, today=today)
    if note:
        # The note's own card (with its button) says it once: no reminder too.
        reminders = [r for r in reminders if r.kind != ReminderKind.NOTE_TO_ACKNOWLEDGE]
    return render(
        request,
        "home/relais_home.html",
        {
            "relais": relais,
            "relais_check": relais.can_work_on(today, context=context)
            if relais
            else None,
            "returned_fiche": returned_fiche(relais),
            "note_to_read": note,
            "today": today,
            "reminders": reminders,
            "unread_messages": list(MessageRecipient.objects.unread_for(relais))
            if relais
            else [],
            "next_activities": activites_home.relais_next_activities(relais),
            "month_summary": relais_month_summary(relais=relais, today=today)
            if relais
            else None,
        },
    )


@role_required(COORDINATION)
@cached_page
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
            "reminders": reminders_shown(request.user, today=today),
            "roster_gaps": activites_home.coordination_gaps_this_week(),
            "pending_offers": activites_home.pending_offers_count(),
            "situations": coordination_month_summary(today=today),
            "to_follow_up": coordination_to_follow_up(),
            **panel,
            "fiche_months_to_validate": months_with_status(
                FicheMensuelle.Status.SUBMITTED
            ),
            "ressources": ressources_panel(),
            "blocked_relais": blocked_relais(context=context, relais=relais_rows),
        },
    )


@role_required(DIRECTION)
@cached_page
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
@cached_page
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
            gdpr.relais_full_export_pdf(
                relais=relais,
                language=user_language(relais.user, request.LANGUAGE_CODE),
            ),
            filename=f"relais-{pk}.pdf",
        )
    return download(
        gdpr.relais_full_export_json(relais=relais), filename=f"relais-{pk}.json"
    )


@role_required(COORDINATION)
def relais_anonymise(request, pk):
    """Anonymise a relais who left: a page that lists what will be erased and what
    kept (GET), then the erasure itself (POST), refused while validated money is
    unpaid."""
    relais = get_object_or_404(Relais, pk=pk)
    if request.method == "POST":
        try:
            gdpr.relais_anonymise_checked(relais=relais)
        except ValidationError as error:
            flash_errors(request, error)
            return redirect("relais_anonymise", pk=relais.pk)
        messages.success(
            request,
            _(
                "Les données personnelles sont effacées ; le relais s'appelle "
                "désormais %(name)s."
            )
            % {"name": relais},
        )
        return redirect(relais)
    return render(
        request,
        "home/relais_anonymise.html",
        {"relais": relais, **gdpr.anonymise_preview(relais=relais)},
    )


@role_required(*ROLES)
def help_page(request):
    return render(request, "home/help.html")


@role_required(*ROLES)
def reminder_preferences(request):
    """Each person turns each kind of reminder of their role on or off."""
    kinds = kinds_for(request.user)
    form = ReminderPreferencesForm(
        request.POST or None,
        kinds=kinds,
        initial={"kinds": enabled_kinds(request.user)},
    )
    if request.method == "POST" and form.is_valid():
        reminder_preferences_set(user=request.user, enabled=form.cleaned_data["kinds"])
        messages.success(request, _("Vos préférences sont enregistrées."))
        return redirect("reminder_preferences")
    return render(
        request, "home/reminder_preferences.html", {"form": form, "kinds": kinds}
    )
