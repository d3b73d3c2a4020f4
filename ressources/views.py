"""Directory pages: search (phone and desktop), resource card, contributions,
verification, HSDS import/export, carte sociale."""

import base64
import io
from collections import defaultdict

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from django.views.decorators.http import require_POST

from ressources import hsds, services
from ressources.forms import (
    HsdsUploadForm,
    RejectForm,
    ScheduleFormSet,
    SearchForm,
    SelectionForm,
    ServiceForm,
    SuggestionForm,
)
from ressources.models import Service, Suggestion, Theme
from ressources.text import normalize
from tisseurs.access import get_scoped_or_404, scope
from tisseurs.downloads import download
from tisseurs.flash import flash_errors
from tisseurs.freshness.pages import cached_page
from tisseurs.i18n import ALL_LANGUAGES
from tisseurs.params import choice_param, id_param, next_param, page_param, text_param
from tisseurs.pdf import render_pdf
from tisseurs.roles import COORDINATION, RELAIS, role_required

PAGE_SIZE = 20
READERS = (COORDINATION, RELAIS)


def _search(request, *, page_size: int = PAGE_SIZE):
    form = SearchForm(request.GET or None)
    now = timezone.now()
    queryset = form.filter(Service.objects.active(), now=now).with_card_data()
    page = Paginator(queryset.order_by("name_fr", "pk"), page_size).get_page(
        page_param(request)
    )
    params = request.GET.copy()
    params.pop("page", None)
    return {"form": form, "page": page, "now": now, "querystring": params.urlencode()}


@role_required(*READERS)
@cached_page
def search(request):
    """The relais' phone search."""
    return render(request, "ressources/search.html", _search(request))


@role_required(COORDINATION)
def service_list(request):
    """The coordination's desktop search, with the records to check."""
    context = _search(request, page_size=25)
    context["pending_count"] = Suggestion.objects.pending().count()
    return render(request, "ressources/service_list.html", context)


def qr_data_uri(text: str) -> str:
    """An SVG QR code of `text` as a `data:` URI (no network, prints sharply)."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=10)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


def card_text(service: Service) -> str:
    lines = [service.display_name]
    if service.location:
        lines.append(service.location.one_line)
    if service.phone:
        lines.append(service.phone.number)
    return "\n".join(lines)


@role_required(*READERS)
def service_detail(request, pk: int):
    """The resource card: phone-readable, printable on A6/A4, with a QR code."""
    service = get_object_or_404(
        Service.objects.with_card_data().prefetch_related("contacts"), pk=pk
    )
    return render(
        request,
        "ressources/service_detail.html",
        {
            "service": service,
            "qr_code": qr_data_uri(card_text(service)),
            "now": timezone.now(),
            "format": choice_param(request, "format", ("a4", "a6"), "a6"),
        },
    )


@role_required(*READERS)
def picker_search(request):
    """JSON for the orientation picker's search-as-you-type."""
    term = text_param(request, "q")
    results = []
    if term:
        queryset = (
            Service.objects.active()
            .search(term)
            .order_by("name_fr", "pk")
            .select_related("organization")[:30]
        )
        results = [{"id": s.pk, "name": s.display_name} for s in queryset]
    return JsonResponse({"results": results})


def _save_service_form(request, service: Service | None):
    form = ServiceForm(request.POST or None, instance=service)
    formset = ScheduleFormSet(request.POST or None, instance=form.instance)
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            with transaction.atomic():
                saved = services.service_save(
                    service=form.save(commit=False),
                    themes=form.cleaned_data["themes"],
                    languages=form.cleaned_data["languages"],
                )
                services.service_set_address(
                    service=saved,
                    address_1=form.cleaned_data["address_1"],
                    postal_code=form.cleaned_data["postal_code"],
                    city=form.cleaned_data["city"],
                )
                services.service_set_phone(
                    service=saved, number=form.cleaned_data["phone"]
                )
                formset.instance = saved
                formset.save()
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("La ressource est enregistrée."))
            return redirect(saved)
    return render(
        request,
        "ressources/service_form.html",
        {"form": form, "formset": formset, "service": service},
    )


@role_required(COORDINATION)
def service_create(request):
    return _save_service_form(request, None)


@role_required(COORDINATION)
def service_update(request, pk: int):
    service = get_object_or_404(Service.objects.with_card_data(), pk=pk)
    return _save_service_form(request, service)


@role_required(COORDINATION)
@require_POST
def service_verify(request, pk: int):
    service = get_object_or_404(Service, pk=pk)
    services.service_verify(service=service, by=request.user)
    messages.success(
        request,
        _("« %(name)s » est marquée vérifiée aujourd'hui.")
        % {"name": service.display_name},
    )
    return redirect(next_param(request, default=service.get_absolute_url()))


@role_required(COORDINATION)
def to_verify(request):
    """Records nobody checked for twelve months: the coordination's to-do list."""
    queryset = (
        Service.objects.active()
        .to_verify()
        .select_related("organization", "verified_by")
        .order_by("verified_on", "name_fr")
    )
    page = Paginator(queryset, 50).get_page(page_param(request))
    return render(request, "ressources/to_verify.html", {"page": page})


# Contributions ---------------------------------------------------------------


@role_required(RELAIS)
def suggestion_create(request):
    """A relais proposes a new resource, or (with ?service=) a correction."""
    target = None
    service_id = id_param(request, "service")
    if service_id:
        target = get_object_or_404(Service, pk=service_id)
    kind = Suggestion.Kind.CORRECTION if target else Suggestion.Kind.NEW
    form = SuggestionForm(
        request.POST or None,
        kind=kind,
        instance=Suggestion(kind=kind, service=target),
    )
    if request.method == "POST" and form.is_valid():
        suggestion = form.save(commit=False)
        suggestion.languages = form.cleaned_data["languages"]
        services.suggestion_create(
            suggestion=suggestion, by=request.user, themes=form.cleaned_data["themes"]
        )
        messages.success(
            request, _("Merci ! La coordination va regarder votre proposition.")
        )
        return redirect("ressources:suggestion_mine")
    return render(
        request,
        "ressources/suggestion_form.html",
        {"form": form, "target": target, "kind": kind},
    )


@role_required(RELAIS)
def suggestion_mine(request):
    """The relais' own suggestions and what became of them."""
    suggestions = scope(
        Suggestion.objects.select_related("service"),
        request.user,
        relais_field="",
        staff_roles=(),
    )
    return render(
        request,
        "ressources/suggestion_mine.html",
        {"suggestions": suggestions[:50]},
    )


@role_required(COORDINATION)
def suggestion_review(request):
    pending = (
        Suggestion.objects.pending()
        .select_related("service", "user")
        .prefetch_related("themes")
        .order_by("created_at")
    )
    done = (
        Suggestion.objects.exclude(status=Suggestion.Status.PENDING)
        .select_related("service", "user", "reviewed_by", "created_service")
        .order_by("-reviewed_at")[:20]
    )
    return render(
        request,
        "ressources/suggestion_review.html",
        {"pending": pending, "done": done, "reject_form": RejectForm()},
    )


@role_required(COORDINATION)
@require_POST
def suggestion_accept(request, pk: int):
    suggestion = get_scoped_or_404(Suggestion.objects.all(), request.user, pk=pk)
    try:
        service = services.suggestion_accept(suggestion=suggestion, by=request.user)
    except ValidationError as error:
        flash_errors(request, error)
        return redirect("ressources:suggestion_review")
    messages.success(
        request,
        _("Proposition acceptée : « %(name)s » est à jour.")
        % {"name": service.display_name},
    )
    return redirect("ressources:suggestion_review")


@role_required(COORDINATION)
@require_POST
def suggestion_reject(request, pk: int):
    suggestion = get_scoped_or_404(Suggestion.objects.all(), request.user, pk=pk)
    form = RejectForm(request.POST)
    if form.is_valid():
        try:
            services.suggestion_reject(
                suggestion=suggestion,
                by=request.user,
                reason=form.cleaned_data["rejection_reason"],
            )
        except ValidationError as error:
            flash_errors(request, error)
        else:
            messages.success(
                request, _("Proposition refusée ; le relais verra la raison.")
            )
    else:
        messages.error(request, _("Expliquez au relais pourquoi vous refusez."))
    return redirect("ressources:suggestion_review")


# HSDS import and export ------------------------------------------------------


@role_required(COORDINATION)
def hsds_import(request):
    """Upload an HSDS package; the page shows a dry run before anything is written."""
    form = HsdsUploadForm(request.POST or None, request.FILES or None)
    report = token = None
    if request.method == "POST" and form.is_valid():
        try:
            report, token = hsds.upload_preview(form.cleaned_data["files"])
        except ValidationError as error:
            form.add_error("files", error)
    return render(
        request,
        "ressources/hsds_import.html",
        {"form": form, "report": report, "token": token},
    )


@role_required(COORDINATION)
@require_POST
def hsds_import_confirm(request):
    report = hsds.upload_import(text_param(request, "token", max_length=64))
    if report is None:
        messages.error(
            request, _("Ce paquet n'est plus disponible : envoyez-le à nouveau.")
        )
        return redirect("ressources:hsds_import")
    if not report.ok:
        return render(
            request,
            "ressources/hsds_import.html",
            {"form": HsdsUploadForm(), "report": report},
        )
    created = sum(report.created.values())
    updated = sum(report.updated.values())
    messages.success(
        request,
        _("Import terminé : %(created)s créé(s), %(updated)s mis à jour.")
        % {"created": created, "updated": updated},
    )
    return redirect("ressources:service_list")


@role_required(COORDINATION)
def hsds_export(request):
    """The whole directory as an HSDS 3.0 package (zip)."""
    return download(
        hsds.export_zip(),
        filename=f"ressources-hsds-{timezone.localdate():%Y-%m-%d}.zip",
    )


@role_required(COORDINATION, RELAIS)
def carte_sociale(request):
    """The printable booklet of active resources grouped by theme, in the reader's
    language unless `?language=` asks for another."""
    own = request.LANGUAGE_CODE if request.LANGUAGE_CODE in ALL_LANGUAGES else "fr"
    language = choice_param(request, "language", ALL_LANGUAGES, own)
    services_by_theme = defaultdict(list)
    for service in Service.objects.active().with_card_data().order_by("name_fr"):
        for theme in service.themes.all():
            services_by_theme[theme.pk].append(service)
    themes = Theme.objects.filter(pk__in=services_by_theme)
    with override(language):  # alphabetical in the booklet's language
        for services in services_by_theme.values():
            services.sort(key=lambda service: normalize(service.name))
    groups = [(theme, services_by_theme[theme.pk]) for theme in themes]
    pdf = render_pdf(
        "carte_sociale.html",
        {"groups": groups, "today": timezone.localdate()},
        language=language,
    )
    return download(pdf, filename=f"carte-sociale-{language}.pdf", inline=True)


@role_required(*READERS)
def selection(request):
    """Pick a few resources (the orientation picker) and print them on one sheet."""
    form = SelectionForm(request.GET or None)
    chosen = []
    if request.GET and form.is_valid():
        chosen = list(
            Service.objects.filter(pk__in=form.cleaned_data["services"])
            .with_card_data()
            .order_by("name_fr")
        )
    return render(
        request,
        "ressources/selection.html",
        {
            "form": form,
            "cards": [(s, qr_data_uri(card_text(s))) for s in chosen],
        },
    )
