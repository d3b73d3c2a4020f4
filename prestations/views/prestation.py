"""Prestation views: the relais' phone flow (outings, situations, orientations) and
the coordination lists. Each view: scoped getter, form, service, message, redirect."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Sum
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from prestations.forms.prestation import (
    OrientationOutcomeFormSet,
    PrestationFilterForm,
    PrestationQuickForm,
    SituationFilterForm,
    SituationForm,
)
from prestations.models import Prestation, Situation, month_start
from prestations.services import exports
from prestations.services import prestation as services
from tisseurs.access import get_own_relais_or_404, get_scoped_or_404
from tisseurs.audit.models import AuditKind
from tisseurs.audit.services import audit_log
from tisseurs.downloads import download, serve_file
from tisseurs.exports import FILE_FORMATS, sheet_file
from tisseurs.flash import flash_errors
from tisseurs.money import money_sum
from tisseurs.months import month_nav, next_month
from tisseurs.params import choice_param, id_param, month_param, page_param
from tisseurs.roles import COORDINATION, DIRECTION, RELAIS, has_role, role_required

SITUATIONS_PER_PAGE = 50
PRESTATIONS_PER_PAGE = 100


def _refuse_closed(request, prestation: Prestation) -> bool:
    """Flash why the month is closed; True when it is."""
    if services.month_is_open(relais=prestation.relais, day=prestation.date):
        return False
    flash_errors(request, services.month_closed_error(prestation.date))
    return True


# --- Relais: the phone flow -------------------------------------------------------


@role_required(RELAIS)
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
    if request.method == "POST":
        form = PrestationQuickForm(request.POST, request.FILES, instance=prestation)
        if form.is_valid():
            try:
                notes = services.prestation_save(
                    prestation=form.instance, by=request.user
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Sortie enregistrée."))
                _warn_lines(request, notes)
                if "add_situation" in request.POST:
                    return redirect("prestations:situation_add", pk=prestation.pk)
                return redirect(prestation)
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
        },
    )


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
    if request.method == "POST":
        form = PrestationQuickForm(request.POST, request.FILES, instance=prestation)
        if form.is_valid():
            try:
                notes = services.prestation_save(
                    prestation=form.instance, by=request.user
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request, _("Sortie modifiée : votre mois est mis à jour.")
                )
                _warn_lines(request, notes)
                return redirect(prestation)
    else:
        form = PrestationQuickForm(instance=prestation)
    return render(
        request,
        "prestations/prestation_form.html",
        {"form": form, "prestation": prestation},
    )


@require_POST
@role_required(RELAIS)
def prestation_delete(request, pk):
    prestation = get_scoped_or_404(Prestation.objects.all(), request.user, pk=pk)
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
    if _refuse_closed(request, prestation):
        return redirect(prestation)
    situation = Situation(prestation=prestation)
    if request.method == "POST":
        form = SituationForm(request.POST, instance=situation)
        if form.is_valid() and _save_situation(form):
            messages.success(
                request,
                _("Situation enregistrée (code : %(code)s).") % {"code": situation.code}
                if situation.code
                else _("Situation enregistrée."),
            )
            if "another" in request.POST:
                return redirect("prestations:situation_add", pk=prestation.pk)
            return redirect(prestation)
    else:
        form = SituationForm(instance=situation)
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


def _save_situation(form: SituationForm) -> bool:
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
        form.add_error(None, error)
        return False
    return True


@require_POST
@role_required(RELAIS)
def situation_delete(request, pk):
    situation = get_scoped_or_404(
        Situation.objects.select_related("prestation__relais"),
        request.user,
        relais_field="prestation__relais",
        pk=pk,
    )
    prestation = situation.prestation
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
                return redirect("prestations:situation_list")
            return redirect(situation.prestation)
    else:
        formset = OrientationOutcomeFormSet(queryset=queryset)
    return render(
        request,
        "prestations/orientation_outcomes.html",
        {"formset": formset, "situation": situation},
    )


# --- Coordination ------------------------------------------------------------------


@role_required(COORDINATION)
def situation_list(request):
    """All situations of one month, filtered; paged by month, then by 50."""
    form = SituationFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    month = filters.get("month") or month_start(timezone.localdate())
    month = month_start(month)
    situations = Situation.objects.in_period(month, next_month(month))
    if filters.get("theme"):
        situations = situations.filter(themes=filters["theme"])
    if filters.get("language"):
        situations = situations.filter(language=filters["language"])
    if filters.get("outcome"):
        situations = situations.filter(orientations__outcome=filters["outcome"])
    if filters.get("follow_up"):
        situations = situations.filter(follow_up_needed=True)
    situations = situations.distinct().for_listing()
    page = Paginator(situations, SITUATIONS_PER_PAGE).get_page(page_param(request))
    audit_log(
        request,
        AuditKind.SITUATIONS_LIST,
        **{**filters, "month": month},
        page=page.number,
        count=page.paginator.count,
    )
    querystring = request.GET.copy()
    querystring.pop("page", None)
    month_query = querystring.copy()
    month_query.pop("month", None)
    return render(
        request,
        "prestations/situation_list.html",
        {
            "form": form,
            "page_obj": page,
            "querystring": querystring.urlencode(),
            "month_query": month_query.urlencode(),
            **month_nav(month),
        },
    )


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
