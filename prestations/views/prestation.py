"""Prestation views: the relais' phone flow (outings, situations, orientations) and
the coordination lists. Each view: scoped getter, form, service, message, redirect."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Sum
from django.http import Http404, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from prestations.forms.prestation import (
    OrientationOutcomeFormSet,
    PrestationFilterForm,
    PrestationQuickForm,
    SituationForm,
)
from prestations.models import Prestation, Situation, month_start
from prestations.services import exports, receipts
from prestations.services import prestation as services
from prestations.views.rows import prestation_rows
from tisseurs import outbox
from tisseurs.access import get_own_relais_or_404, get_scoped_or_404
from tisseurs.audit.models import AuditKind
from tisseurs.audit.services import audit_log
from tisseurs.downloads import download, serve_file
from tisseurs.exports import FILE_FORMATS, sheet_file
from tisseurs.flash import flash_errors
from tisseurs.freshness.pages import cached_page
from tisseurs.money import money_sum
from tisseurs.months import month_nav
from tisseurs.params import choice_param, id_param, month_param, page_param
from tisseurs.roles import COORDINATION, DIRECTION, RELAIS, has_role, role_required

PRESTATIONS_PER_PAGE = 100


def _refuse_closed(request, prestation: Prestation) -> bool:
    """Flash why the month is closed; True when it is."""
    if services.month_is_open(relais=prestation.relais, day=prestation.date):
        return False
    flash_errors(request, services.month_closed_error(prestation.date))
    return True


# --- Relais: the phone flow -------------------------------------------------------


@role_required(RELAIS)
@cached_page
def prestation_quick(request):
    """Log an outing ("Noter une sortie"): today, the last place and kind
    pre-selected."""
    relais = get_own_relais_or_404(request.user)
    prestation = Prestation(relais=relais)
    today = timezone.localdate()
    to_log = services.activites_to_log(relais=relais, day=today)
    prefill = {}
    activite_id = id_param(request, "activite")
    if activite_id is not None:
        activite = next((a for a in to_log if a.pk == activite_id), None)
        if activite is None:
            raise Http404
        prefill = services.prestation_initial_from_activite(activite=activite)
    kept = None
    if request.method == "POST":
        key = outbox.client_key(request)
        mine = Prestation.objects.for_relais(relais)
        if (existing := outbox.stored(mine, key)) is not None:
            return _prestation_saved(request, existing, replay=True)
        form = PrestationQuickForm(request.POST, request.FILES, instance=prestation)
        valid = form.is_valid()
        kept = _kept_receipt(form, relais, valid=valid)
        if valid:
            form.instance.client_uuid = key
            saved = _save_prestation(form, kept, mine=mine, key=key, by=request.user)
            if saved is not None:
                if kept:
                    receipts.discard_kept(kept)
                return _prestation_saved(request, *saved)
        if outbox.wants_json(request):
            return outbox.refused(form)
        kept = _still_kept(form, relais)
    else:
        form = PrestationQuickForm(
            instance=prestation,
            initial={
                "date": today,
                **services.last_choices(relais=relais),
                **prefill,
            },
        )
    return render(
        request,
        "prestations/prestation_form.html",
        {
            "form": form,
            "relais": relais,
            "to_log": [] if prefill else to_log,
            "prefilled": bool(prefill),
            "kept_receipt": kept,
        },
    )


def _prestation_saved(request, prestation, replay: bool, notes=()):
    """Saved (or already saved under the same outbox key): on to its situations or
    its page."""
    if not replay and not outbox.in_background(request):
        messages.success(request, _("Sortie enregistrée."))
        _warn_lines(request, notes)
    if "add_situation" in request.POST:
        return outbox.saved(
            request, "prestations:situation_add", pk=prestation.pk, replay=replay
        )
    return outbox.saved(request, prestation, replay=replay)


def _warn_lines(request, notes: list[str]) -> None:
    """Why an outing got no défraiement line (a rule refused it)."""
    for note in notes:
        messages.warning(
            request, _("Pas de défraiement : %(reason)s") % {"reason": note}
        )


@role_required(RELAIS)
def prestation_edit(request, pk):
    prestation = get_scoped_or_404(Prestation.objects.all(), request.user, pk=pk)
    if _refuse_closed(request, prestation):
        return redirect(prestation)
    kept = None
    if request.method == "POST":
        form = PrestationQuickForm(request.POST, request.FILES, instance=prestation)
        valid = form.is_valid()
        kept = _kept_receipt(form, prestation.relais, valid=valid)
        saved = valid and _save_prestation(
            form, kept, mine=None, key=None, by=request.user
        )
        if saved:
            if kept:
                receipts.discard_kept(kept)
            messages.success(request, _("Sortie modifiée : votre mois est mis à jour."))
            _warn_lines(request, saved[2])
            return redirect(prestation)
        kept = _still_kept(form, prestation.relais)
    else:
        form = PrestationQuickForm(instance=prestation)
    return render(
        request,
        "prestations/prestation_form.html",
        {"form": form, "prestation": prestation, "kept_receipt": kept},
    )


def _save_prestation(
    form: PrestationQuickForm, kept: dict | None, *, mine, key, by
) -> tuple | None:
    """Save a valid form, with the receipt kept by an earlier refused save when
    no new one was chosen, once per outbox key (`mine`: the relais' outings).
    Returns (prestation, replay, notes on its défraiement lines), or None when the
    service refused it (the form then carries why, and a new receipt is kept too)."""
    if kept and not form.files.get("travel_receipt"):
        receipts.attach_kept_receipt(prestation=form.instance, kept=kept)
    notes = []

    def store():
        notes.extend(services.prestation_save(prestation=form.instance, by=by))
        return form.instance

    try:
        prestation, replay = outbox.save_once(mine, key, store)
        return prestation, replay, notes
    except ValidationError as error:
        form.add_error(None, error)
        if form.files.get("travel_receipt"):
            _kept_receipt(form, form.instance.relais, valid=False)
        return None


def _still_kept(form: PrestationQuickForm, relais):
    """What the page shows as already attached, once the save is refused."""
    return receipts.kept_receipt(relais=relais, token=form.data.get("kept_receipt"))


def _kept_receipt(form: PrestationQuickForm, relais, *, valid: bool):
    return receipts.kept_for_form(
        form, field="travel_receipt", relais=relais, valid=valid
    )


@role_required(RELAIS)
def prestation_delete(request, pk):
    """Delete an outing: GET asks on a page of its own (works without JavaScript),
    POST deletes it with its situations."""
    prestation = get_scoped_or_404(Prestation.objects.all(), request.user, pk=pk)
    if request.method != "POST":
        if _refuse_closed(request, prestation):
            return redirect(prestation)
        count = prestation.situations.count()
        return render(
            request,
            "prestations/confirm_delete.html",
            {
                "title": _("Supprimer cette sortie ?"),
                "what": _("Sortie du %(date)s · %(place)s")
                % {
                    "date": date_format(prestation.date, "DATE_FORMAT"),
                    "place": prestation.get_place_display(),
                },
                "consequence": ngettext(
                    "Sa situation sera supprimée aussi.",
                    "Ses %(count)d situations seront supprimées aussi.",
                    count,
                )
                % {"count": count}
                if count
                else "",
                "cancel_url": prestation.get_absolute_url(),
            },
        )
    try:
        notes = services.prestation_delete(prestation=prestation, by=request.user)
    except ValidationError as error:
        flash_errors(request, error)
        return redirect(prestation)
    messages.success(request, _("Sortie supprimée, avec ses lignes de défraiement."))
    _warn_lines(request, notes)
    return redirect("prestations:prestation_mine")


@role_required(RELAIS, COORDINATION)
def prestation_detail(request, pk):
    prestation = get_scoped_or_404(
        Prestation.objects.select_related("relais", "activite"), request.user, pk=pk
    )
    situations = prestation.situations.prefetch_related(
        "themes", "orientations__service"
    )
    is_owner = prestation.relais.user_id == request.user.pk
    if not is_owner:  # staff reading a relais' notes: recorded (ids only)
        audit_log(
            request,
            AuditKind.SITUATION_VIEW,
            prestation=prestation.pk,
            situations=[situation.pk for situation in situations],
        )
    return render(
        request,
        "prestations/prestation_detail.html",
        {
            "prestation": prestation,
            "situations": situations,
            "is_owner": is_owner,
            "month_open": is_owner
            and services.month_is_open(relais=prestation.relais, day=prestation.date),
        },
    )


@role_required(RELAIS, COORDINATION, DIRECTION)
def prestation_receipt(request, pk):
    """The travel receipt, served only to its relais and to staff."""
    prestation = get_scoped_or_404(
        Prestation.objects.select_related("relais"),
        request.user,
        staff_roles=(COORDINATION, DIRECTION),
        pk=pk,
    )
    if prestation.relais.user_id != request.user.pk:
        audit_log(request, AuditKind.RELAIS_DOCUMENT, prestation_receipt=prestation.pk)
    return serve_file(prestation.travel_receipt)


@role_required(RELAIS)
@cached_page
def prestation_mine(request):
    """The relais' own outings of one month ("Mes sorties")."""
    relais = get_own_relais_or_404(request.user)
    month = month_param(request)
    prestations = (
        Prestation.objects.for_relais(relais)
        .in_month(month)
        .with_situation_count()
        .order_by("-date", "-start_time", "-pk")
    )
    return render(
        request,
        "prestations/prestation_mine.html",
        {
            "prestations": prestations,
            "month_open": services.month_is_open(relais=relais, day=month),
            **month_nav(month),
        },
    )


@role_required(RELAIS)
def situation_add(request, pk):
    """Add situations one after another to an outing ("another" / "done")."""
    prestation = get_scoped_or_404(Prestation.objects.all(), request.user, pk=pk)
    key = outbox.client_key(request) if request.method == "POST" else None
    mine = Situation.objects.filter(prestation__relais=prestation.relais)
    if (existing := outbox.stored(mine, key)) is not None:
        return _situation_saved(request, existing, replay=True)
    # The outbox gets the closed month as an error of the entry (from the service).
    if not outbox.wants_json(request) and _refuse_closed(request, prestation):
        return redirect(prestation)
    situation = Situation(prestation=prestation)
    if request.method == "POST":
        form = SituationForm(request.POST, instance=situation)
        if form.is_valid():
            form.instance.client_uuid = key
            try:
                situation, replay = outbox.save_once(
                    mine, key, lambda: _save_situation(form, raise_error=True)
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return _situation_saved(request, situation, replay=replay)
        if outbox.wants_json(request):
            return outbox.refused(form)
    else:
        language = services.last_situation_language(relais=prestation.relais)
        form = SituationForm(
            instance=situation, initial={"language": language} if language else {}
        )
    return render(
        request,
        "prestations/situation_form.html",
        {
            "form": form,
            "prestation": prestation,
            "count": prestation.situations.count(),
        },
    )


@role_required(RELAIS)
def situation_add_pending(request, key):
    """A situation for an outing named by its outbox key: the form a phone opens
    right after keeping an outing offline (the service worker keeps one copy for
    every key). Once the outing has arrived, this is `situation_add`; before, the
    form shows without it, and a post answers 409 so the outbox tries again later
    (the outing goes first)."""
    relais = get_own_relais_or_404(request.user)
    prestation = Prestation.objects.for_relais(relais).filter(client_uuid=key).first()
    if prestation is not None:
        return situation_add(request, pk=prestation.pk)
    if request.method == "POST":
        return JsonResponse({"waiting_for": str(key)}, status=409)
    return render(
        request,
        "prestations/situation_form.html",
        {"form": SituationForm(instance=Situation()), "pending": True},
    )


@role_required(RELAIS)
def situation_edit(request, pk):
    situation = get_scoped_or_404(
        Situation.objects.select_related("prestation__relais"),
        request.user,
        relais_field="prestation__relais",
        pk=pk,
    )
    prestation = situation.prestation
    if _refuse_closed(request, prestation):
        return redirect(prestation)
    if request.method == "POST":
        form = SituationForm(request.POST, instance=situation)
        if form.is_valid() and _save_situation(form):
            messages.success(request, _("Situation modifiée."))
            return redirect(prestation)
    else:
        form = SituationForm(instance=situation)
    return render(
        request,
        "prestations/situation_form.html",
        {"form": form, "prestation": prestation, "situation": situation},
    )


def _situation_saved(request, situation: Situation, *, replay: bool):
    if not replay and not outbox.in_background(request):
        messages.success(
            request,
            _("Situation enregistrée (code : %(code)s).") % {"code": situation.code}
            if situation.code
            else _("Situation enregistrée."),
        )
    if "another" in request.POST:
        return outbox.saved(
            request,
            "prestations:situation_add",
            pk=situation.prestation_id,
            replay=replay,
        )
    return outbox.saved(request, situation.prestation, replay=replay)


def _save_situation(form: SituationForm, *, raise_error: bool = False):
    """Save the form's situation; a refusal goes on the form (False), or is raised
    when `raise_error` (then the situation is returned)."""
    try:
        services.situation_save(
            situation=form.instance,
            themes=form.cleaned_data["themes"],
            services=form.cleaned_data["services"],
            other_text=form.cleaned_data["other_orientation"],
            accompanied=form.cleaned_data["accompanied"],
            give_code=form.cleaned_data["give_code"],
        )
    except ValidationError as error:
        if raise_error:
            raise
        form.add_error(None, error)
        return False
    return form.instance if raise_error else True


@role_required(RELAIS)
def situation_delete(request, pk):
    """Delete a situation: GET asks on a page of its own, POST deletes."""
    situation = get_scoped_or_404(
        Situation.objects.select_related("prestation__relais"),
        request.user,
        relais_field="prestation__relais",
        pk=pk,
    )
    prestation = situation.prestation
    if request.method != "POST":
        if _refuse_closed(request, prestation):
            return redirect(prestation)
        return render(
            request,
            "prestations/confirm_delete.html",
            {
                "title": _("Supprimer cette situation ?"),
                "what": _("Une situation de la sortie du %(date)s.")
                % {"date": date_format(prestation.date, "DATE_FORMAT")},
                "consequence": _("Ses orientations seront supprimées aussi.")
                if situation.orientations.exists()
                else "",
                "cancel_url": reverse(
                    "prestations:situation_edit", args=[situation.pk]
                ),
            },
        )
    try:
        services.situation_delete(situation=situation)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, _("Situation supprimée."))
    return redirect(prestation)


@role_required(RELAIS, COORDINATION)
def orientation_outcomes(request, pk):
    """What became of a situation's orientations (relais: own; coordination: all).
    Allowed after the month is closed: outcomes change no amount."""
    situation = get_scoped_or_404(
        Situation.objects.select_related("prestation__relais"),
        request.user,
        relais_field="prestation__relais",
        pk=pk,
    )
    queryset = situation.orientations.select_related("service")
    if situation.prestation.relais.user_id != request.user.pk:
        audit_log(request, AuditKind.SITUATION_VIEW, situation=situation.pk)
    if request.method == "POST":
        formset = OrientationOutcomeFormSet(request.POST, queryset=queryset)
        if formset.is_valid():
            for form in formset:
                if not form.has_changed():
                    continue
                services.orientation_set_outcome(
                    orientation=form.instance,
                    outcome=form.cleaned_data["outcome"],
                    accompanied=form.cleaned_data["is_accompanied"],
                    user=request.user,
                )
            messages.success(request, _("Résultats enregistrés."))
            if has_role(request.user, COORDINATION):
                return redirect("prestations:situation_detail", pk=situation.pk)
            return redirect(situation.prestation)
    else:
        formset = OrientationOutcomeFormSet(queryset=queryset)
    return render(
        request,
        "prestations/orientation_outcomes.html",
        {"formset": formset, "situation": situation},
    )


@role_required(RELAIS)
def outbox_page(request):
    """What waits on this phone to be sent ("En attente d'envoi"): listed by
    static/js/outbox.js from the phone's own storage; the server holds none of it.
    Asked by the outbox itself, it answers a fresh CSRF token (a page kept offline
    may carry one from before a new login)."""
    if outbox.wants_json(request):
        return JsonResponse({"csrf": get_token(request)})
    return render(request, "prestations/outbox.html")


# --- Coordination ------------------------------------------------------------------


def _filtered_prestations(request):
    """The month's prestations, for the relais chosen in `?relais=` (or all)."""
    form = PrestationFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    month = month_start(filters.get("month") or timezone.localdate())
    prestations = Prestation.objects.in_month(month)
    if filters.get("relais"):
        prestations = prestations.filter(relais=filters["relais"])
    return form, month, prestations


@role_required(COORDINATION)
@cached_page
def prestation_list(request):
    """Prestations of one month, for one relais or all, with totals."""
    form, month, prestations = _filtered_prestations(request)
    totals = prestations.aggregate(
        count=Count("pk"),
        people=Sum("people_met"),
        km=Sum("travel_km"),
        tickets=money_sum("travel_ticket_amount"),
        days=Count("date", distinct=True),
        relais_count=Count("relais", distinct=True),
    )
    prestations = (
        prestations.select_related("relais")
        .with_situation_count()
        .order_by("relais", "date", "start_time")
    )
    page = Paginator(prestations, PRESTATIONS_PER_PAGE).get_page(page_param(request))
    querystring = request.GET.copy()
    querystring.pop("page", None)
    month_query = querystring.copy()
    month_query.pop("month", None)
    return render(
        request,
        "prestations/prestation_list.html",
        {
            "form": form,
            "page_obj": page,
            "rows": prestation_rows(page),
            "totals": totals,
            "querystring": querystring.urlencode(),
            "month_query": month_query.urlencode(),
            **month_nav(month),
        },
    )


@role_required(COORDINATION, DIRECTION)
def prestation_export(request):
    """The month's prestations as CSV or XLSX, for accounting (no notes)."""
    form, month, prestations = _filtered_prestations(request)
    extension = choice_param(request, "format", FILE_FORMATS, "csv")
    sheet = exports.prestations_sheet(prestations=prestations, month=month)
    relais = form.cleaned_data.get("relais") if form.is_valid() else None
    audit_log(
        request,
        AuditKind.PRESTATIONS_EXPORT,
        month=month,
        relais=relais,
        format=extension,
        count=len(sheet.rows),
    )
    return download(
        sheet_file(sheet, extension=extension),
        filename=f"prestations-{month:%Y-%m}.{extension}",
    )
