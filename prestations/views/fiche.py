"""Fiche pages: the relais' month, coordination's month overview, the nominative
list and the legal parameters (direction's payments are in `payment.py`)."""

from datetime import date, timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from prestations.forms.fiche import (
    ClaimForm,
    CommentForm,
    DefraiementSettingForm,
    KmRateForm,
    LegalParameterForm,
    OtherOrganisationAmountForm,
    SubmitForm,
    VersionForm,
)
from prestations.models import (
    DefraiementLine,
    DefraiementSetting,
    FicheMensuelle,
    KmRate,
    LegalParameter,
    OtherOrganisationAmount,
    Prestation,
)
from prestations.services import derived, exports, legal, payment, receipts
from prestations.services import fiche as fiche_services
from tisseurs import history, outbox
from tisseurs.access import get_own_relais_or_404, get_scoped_or_404
from tisseurs.audit.models import AuditKind
from tisseurs.audit.services import audit_log
from tisseurs.downloads import download, serve_file
from tisseurs.exports import sheet_file
from tisseurs.flash import flash_errors
from tisseurs.freshness.pages import cached_page
from tisseurs.months import month_nav
from tisseurs.params import choice_param, ids_param, month_param, text_param, year_param
from tisseurs.pdf import render_pdf
from tisseurs.roles import COORDINATION, DIRECTION, RELAIS, role_required

Status = FicheMensuelle.Status


# --- Relais -------------------------------------------------------------------------


def _own_fiche(request, month: date) -> FicheMensuelle:
    relais = get_own_relais_or_404(request.user)
    return fiche_services.fiche_for(relais=relais, month=month)


@role_required(RELAIS)
@cached_page
def fiche_mine(request):
    relais = get_own_relais_or_404(request.user)
    month = month_param(request)
    fiche = FicheMensuelle.objects.filter(
        relais=relais, month=month
    ).first() or FicheMensuelle(relais=relais, month=month)
    return render(
        request,
        "prestations/fiche_mine.html",
        {
            "fiche": fiche,
            "summary": fiche_services.fiche_summary(fiche) if fiche.pk else None,
            "prestation_count": Prestation.objects.for_relais(relais)
            .in_month(month)
            .count(),
            "paid_file": payment.paying_file(fiche) if fiche.is_paid else None,
            **month_nav(month),
        },
    )


def _mine_url(month: date) -> str:
    return f"{reverse('prestations:fiche_mine')}?month={month:%Y-%m}"


@role_required(RELAIS)
def fiche_claim_add(request):
    month = month_param(request)
    if request.method == "POST":
        key = outbox.client_key(request)
        mine = DefraiementLine.objects.filter(
            fiche__relais=get_own_relais_or_404(request.user)
        )
        if outbox.stored(mine, key) is not None:
            return outbox.saved(request, _mine_url(month), replay=True)
        fiche = _own_fiche(request, month)
    else:
        relais = get_own_relais_or_404(request.user)
        fiche = FicheMensuelle.objects.filter(
            relais=relais, month=month
        ).first() or FicheMensuelle(relais=relais, month=month)
    form = ClaimForm(
        request.POST or None,
        request.FILES or None,
        initial={"version": fiche.version, "date": timezone.localdate()},
    )
    kept = None
    if request.method == "POST":
        valid = form.is_valid()
        kept = receipts.kept_for_form(
            form, field="receipt", relais=fiche.relais, valid=valid
        )
    if request.method == "POST" and valid:
        data = form.cleaned_data
        receipt = data["receipt"] or (receipts.kept_file(kept) if kept else None)
        try:
            result, replay = outbox.save_once(
                mine,
                key,
                lambda: derived.defraiement_claim_add(
                    fiche=fiche,
                    by=request.user,
                    kind=data["kind"],
                    day=data["date"],
                    amount=data["amount"],
                    transport_mode=data["transport_mode"] or "",
                    km=data["km"],
                    purpose=data["purpose"],
                    receipt=receipt,
                    version=data["version"],
                    client_uuid=key,
                ),
            )
        except ValidationError as error:
            form.add_error(None, error)
            if data["receipt"]:  # refused by the rules: keep the new photo too
                kept = receipts.kept_for_form(
                    form, field="receipt", relais=fiche.relais, valid=False
                )
        else:
            if kept and not data["receipt"]:
                receipts.discard_kept(kept)
            if replay or outbox.in_background(request):
                return outbox.saved(request, _mine_url(month), replay=replay)
            messages.success(request, _("Dépense ajoutée à votre mois."))
            for warning in result[1]:
                messages.warning(request, warning)
            return outbox.saved(request, _mine_url(month))
        finally:
            if kept and not data["receipt"]:
                receipt.close()
    if request.method == "POST" and outbox.wants_json(request):
        return outbox.refused(form)
    return render(
        request,
        "prestations/fiche_claim_form.html",
        {"form": form, "fiche": fiche, "month": month, "kept_receipt": kept},
    )


@role_required(RELAIS)
def fiche_submit(request):
    """ "Envoyer mon mois": a confirmation page with the month's totals; before the
    month's last day it says so and asks a second time."""
    month = month_param(request)
    relais = get_own_relais_or_404(request.user)
    fiche = FicheMensuelle.objects.filter(relais=relais, month=month).first()
    if fiche is None or not fiche.is_open:
        return redirect(_mine_url(month))
    form = SubmitForm(request.POST or None)
    early = not fiche_services.month_is_over(fiche)
    ask_again = False
    if request.method == "POST":
        try:
            if not form.is_valid():
                raise fiche_services.stale_error()
            data = form.cleaned_data
            if early and not data["early_confirmed"]:
                ask_again = True
            else:
                fiche_services.fiche_submit(
                    fiche=fiche,
                    by=request.user,
                    version=data["version"],
                    early_confirmed=data["early_confirmed"],
                )
                messages.success(
                    request, _("Votre mois est envoyé à la coordination. Merci !")
                )
                return redirect(_mine_url(month))
        except ValidationError as error:
            flash_errors(request, error)
            return redirect(_mine_url(month))
    return render(
        request,
        "prestations/fiche_submit_confirm.html",
        {
            "fiche": fiche,
            "month": month,
            "summary": fiche_services.fiche_summary(fiche),
            "early": early,
            "ask_again": ask_again,
            "last_day": fiche.month_end - timedelta(days=1),
        },
    )


@role_required(RELAIS)
def fiche_line_delete(request, pk):
    """Delete an expense line: GET asks on a page of its own, POST deletes."""
    line = get_scoped_or_404(
        DefraiementLine.objects.select_related("fiche"),
        request.user,
        relais_field="fiche__relais",
        staff_roles=(),
        pk=pk,
    )
    if request.method != "POST":
        return render(
            request,
            "prestations/confirm_delete.html",
            {
                "title": _("Supprimer cette dépense ?"),
                "what": _("%(kind)s du %(date)s : %(amount)s €")
                % {
                    "kind": line.get_kind_display(),
                    "date": formats.date_format(line.date, "DATE_FORMAT"),
                    "amount": formats.number_format(line.amount, 2),
                },
                "version": line.fiche.version,
                "cancel_url": _mine_url(line.fiche.month),
            },
        )
    form = VersionForm(request.POST)
    try:
        notes = derived.defraiement_claim_delete(
            line=line,
            by=request.user,
            version=form.cleaned_data["version"] if form.is_valid() else -1,
        )
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, _("Ligne supprimée."))
        for note in notes:
            messages.warning(request, note)
    return redirect(_mine_url(line.fiche.month))


@role_required(COORDINATION, DIRECTION, RELAIS)
def fiche_line_receipt(request, pk):
    line = get_scoped_or_404(
        DefraiementLine.objects.exclude(receipt="").select_related("fiche__relais"),
        request.user,
        relais_field="fiche__relais",
        staff_roles=(COORDINATION, DIRECTION),
        pk=pk,
    )
    if line.fiche.relais.user_id != request.user.pk:
        audit_log(request, AuditKind.RELAIS_DOCUMENT, receipt=line.pk)
    return serve_file(line.receipt)


@role_required(RELAIS)
def fiche_other_amounts(request):
    """Flat-rate amounts the relais receives from other organisations: they count
    toward the same yearly ceiling."""
    relais = get_own_relais_or_404(request.user)
    form = OtherOrganisationAmountForm(
        request.POST or None, initial={"year": timezone.localdate().year}
    )
    if request.method == "POST" and form.is_valid():
        form.instance.relais = relais
        form.save()
        messages.success(request, _("Montant déclaré. Merci !"))
        return redirect("prestations:fiche_other_amounts")
    return render(
        request,
        "prestations/fiche_other_amounts.html",
        {
            "form": form,
            "amounts": OtherOrganisationAmount.objects.filter(relais=relais),
        },
    )


# --- Coordination -------------------------------------------------------------------


def _fiche_or_404(request, pk, staff_roles=(COORDINATION,)) -> FicheMensuelle:
    return get_scoped_or_404(
        FicheMensuelle.objects.select_related("relais__user"),
        request.user,
        staff_roles=staff_roles,
        pk=pk,
    )


@role_required(COORDINATION)
@cached_page
def fiche_overview(request):
    month = month_param(request)
    rows = fiche_services.fiche_overview_rows(month)
    return render(
        request,
        "prestations/fiche_overview.html",
        {
            "rows": rows,
            **month_nav(month),
            "missing_count": sum(1 for row in rows if row["fiche"] is None),
            "submitted_count": sum(
                1 for row in rows if row["fiche"] and row["fiche"].is_submitted
            ),
        },
    )


@role_required(COORDINATION, DIRECTION, RELAIS)
def fiche_detail(request, pk):
    fiche = _fiche_or_404(request, pk, staff_roles=(COORDINATION, DIRECTION))
    return render(
        request,
        "prestations/fiche_detail.html",
        {
            "fiche": fiche,
            "summary": fiche_services.fiche_summary(fiche),
            "transitions": fiche.transitions.select_related("by"),
            "documents": fiche.documents.all(),
            "other_amounts": OtherOrganisationAmount.objects.filter(
                relais=fiche.relais, year=fiche.month.year
            ),
            "comment_form": CommentForm(initial={"version": fiche.version}),
            "paid_file": payment.paying_file(fiche) if fiche.is_paid else None,
        },
    )


def _transition_view(request, pk, action):
    fiche = _fiche_or_404(request, pk)
    form = (
        CommentForm(request.POST) if action != "validate" else VersionForm(request.POST)
    )
    if not form.is_valid():
        if "version" in form.errors:
            flash_errors(request, fiche_services.stale_error())
        else:
            messages.error(request, _("Écrivez un commentaire ou une raison."))
        return redirect("prestations:fiche_detail", pk=fiche.pk)
    data = form.cleaned_data
    try:
        if action == "validate":
            fiche_services.fiche_validate(
                fiche=fiche, by=request.user, version=data["version"]
            )
            messages.success(
                request,
                _("Fiche validée : son PDF est enregistré et ne changera plus."),
            )
        elif action == "return":
            fiche_services.fiche_return(
                fiche=fiche,
                by=request.user,
                comment=data["comment"],
                version=data["version"],
            )
            messages.success(
                request, _("Fiche renvoyée au relais avec votre commentaire.")
            )
        else:
            fiche_services.fiche_reopen(
                fiche=fiche,
                by=request.user,
                reason=data["comment"],
                version=data["version"],
            )
            messages.success(request, _("Fiche rouverte : le relais peut la corriger."))
    except ValidationError as error:
        flash_errors(request, error)
    return redirect("prestations:fiche_detail", pk=fiche.pk)


@role_required(COORDINATION)
@require_POST
def fiche_validate(request, pk):
    return _transition_view(request, pk, "validate")


@role_required(COORDINATION)
@require_POST
def fiche_return(request, pk):
    return _transition_view(request, pk, "return")


@role_required(COORDINATION)
@require_POST
def fiche_reopen(request, pk):
    return _transition_view(request, pk, "reopen")


@role_required(COORDINATION)
@require_POST
def fiche_bulk(request):
    month = month_param(request)
    action = choice_param(request, "action", ("validate", "return"), "")
    comment = text_param(request, "comment", max_length=2000)
    fiches = (
        FicheMensuelle.objects.in_month(month)
        .filter(pk__in=ids_param(request, "fiche"), status=Status.SUBMITTED)
        .select_related("relais__user")
    )
    if action not in ("validate", "return"):
        raise Http404
    done, problems = fiche_services.fiche_bulk(
        fiches=list(fiches), by=request.user, action=action, comment=comment
    )
    messages.success(
        request,
        ngettext("%(count)d fiche traitée.", "%(count)d fiches traitées.", done)
        % {"count": done},
    )
    for problem in problems:
        messages.error(request, problem)
    return redirect(f"{reverse('prestations:fiche_overview')}?month={month:%Y-%m}")


@role_required(COORDINATION, DIRECTION, RELAIS)
def fiche_pdf(request, pk):
    fiche = _fiche_or_404(request, pk, staff_roles=(COORDINATION, DIRECTION))
    document = fiche.documents.first()
    if document is None:
        raise Http404
    if fiche.relais.user_id != request.user.pk:
        audit_log(
            request,
            AuditKind.FICHE_PDF,
            fiche=fiche.pk,
            relais=fiche.relais_id,
            month=fiche.month,
        )
    return serve_file(document.file)


# --- Direction ----------------------------------------------------------------------


@role_required(DIRECTION, COORDINATION)
def nominative_list(request):
    year = year_param(request)
    export = choice_param(request, "format", ("csv", "pdf"), "")
    if export == "csv":
        sheet = exports.nominative_sheet(year=year)
        audit_log(
            request,
            AuditKind.NOMINATIVE_LIST,
            year=year,
            format="csv",
            count=len(sheet.rows),
        )
        return download(
            sheet_file(sheet, extension="csv"),
            filename=f"liste-nominative-{year}.csv",
        )
    people = payment.nominative_list(year)
    audit_log(
        request,
        AuditKind.NOMINATIVE_LIST,
        year=year,
        format="pdf" if export == "pdf" else "page",
        count=len(people),
    )
    context = {"people": people, "year": year, "issued_at": timezone.now()}
    if export == "pdf":
        pdf = render_pdf(
            "fiche_nominative_list.html", context, language=request.LANGUAGE_CODE
        )
        return download(pdf, filename=f"liste-nominative-{year}.pdf")
    return render(request, "prestations/fiche_nominative_list.html", context)


@role_required(DIRECTION)
def parameters(request):
    which = choice_param(request, "form", ("legal", "setting", "rate"), "")
    legal_form = LegalParameterForm(
        request.POST if which == "legal" else None, prefix="legal"
    )
    setting_form = DefraiementSettingForm(
        request.POST if which == "setting" else None,
        prefix="setting",
    )
    rate_form = KmRateForm(request.POST if which == "rate" else None, prefix="rate")
    if request.method == "POST":
        if which == "rate" and rate_form.is_valid():
            rate_form.save()
            messages.success(request, _("Taux kilométrique enregistré."))
            return redirect("prestations:parameters")
        if which == "legal" and legal_form.is_valid():
            legal_form.save()
            messages.success(request, _("Paramètres légaux enregistrés."))
            return redirect("prestations:parameters")
        if which == "setting" and setting_form.is_valid():
            data = setting_form.cleaned_data
            try:
                legal.defraiement_setting_create(by=request.user, **data)
            except ValidationError as error:
                setting_form.add_error(None, error)
            else:
                messages.success(request, _("Réglage enregistré."))
                return redirect("prestations:parameters")
    return render(
        request,
        "prestations/fiche_parameters.html",
        {
            "legal_parameters": LegalParameter.objects.all(),
            "km_rates": KmRate.objects.all(),
            "settings_rows": DefraiementSetting.objects.all(),
            "legal_form": legal_form,
            "setting_form": setting_form,
            "rate_form": rate_form,
            "km_rate_warning": legal.km_rate_warning(timezone.localdate()),
            "history_entries": history.merged(
                history.entries(LegalParameter.history.all()),
                history.entries(KmRate.history.all()),
                history.entries(DefraiementSetting.history.all()),
                limit=50,
            ),
            "today": timezone.localdate(),
            "formats": formats,
        },
    )
