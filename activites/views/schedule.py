"""The relais on the phone: their schedule, the open places they may offer to
take, and withdrawing from one."""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import prefetch_related_objects
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from activites import services
from activites.forms import WithdrawForm
from activites.models import Activite, Affectation
from activites.views.common import add_errors
from relais.models import WORK_DATA, WorkContext
from tisseurs.access import get_own_relais_or_404, get_scoped_or_404
from tisseurs.flash import flash_errors
from tisseurs.freshness.pages import cached_page
from tisseurs.roles import RELAIS, role_required


@role_required(RELAIS)
@cached_page
def my_schedule(request):
    relais = get_own_relais_or_404(request.user)
    now = timezone.now()
    mine = (
        Affectation.objects.filter(relais=relais)
        .exclude(status=Affectation.Status.WITHDRAWN)
        .exclude(activite__status=Activite.Status.CANCELLED)
        .select_related("activite", "activite__stop", "activite__contact_point")
    )
    upcoming = list(mine.filter(activite__end__gt=now).order_by("activite__start")[:30])
    to_report = list(
        mine.filter(
            status=Affectation.Status.CONFIRMED,
            activite__start__lte=now,
            activite__start__gte=now - timedelta(days=14),
            activite__frequentation__isnull=True,
        ).order_by("-activite__start")[:10]
    )
    return render(
        request,
        "activites/my_schedule.html",
        {"relais": relais, "upcoming": upcoming, "to_report": to_report},
    )


@role_required(RELAIS)
@cached_page
def open_slots(request):
    relais = get_own_relais_or_404(request.user)
    now = timezone.now()
    candidates = list(
        Activite.objects.open_for_offers(now)
        .filter(start__lt=now + timedelta(days=42))
        .exclude(pk__in=Activite.objects.with_confirmed(relais).values("pk"))
        .for_agenda()[:60]
    )
    # Only the days the relais' legal file lets them work are offered.
    activites = []
    if candidates:
        prefetch_related_objects([relais], *WORK_DATA)
        context = WorkContext.load()
        activites = [
            a for a in candidates if relais.can_work_on(a.local_day, context=context).ok
        ]
    offered = {
        a.pk for a in activites if any(x.relais_id == relais.pk for x in a.offered)
    }
    return render(
        request,
        "activites/open_slots.html",
        {
            "activites": activites,
            "offered": offered,
            "hidden_count": len(candidates) - len(activites),
        },
    )


@require_POST
@role_required(RELAIS)
def affectation_offer(request, pk):
    relais = get_own_relais_or_404(request.user)
    activite = get_object_or_404(Activite, pk=pk)
    try:
        result = services.affectation_offer(activite=activite, relais=relais)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(
            request,
            _("Merci ! La coordination va confirmer votre place."),
        )
        for warning in result.warnings:
            messages.warning(request, warning)
    return redirect("activites:open_slots")


@role_required(RELAIS)
def affectation_withdraw(request, pk):
    affectation = get_scoped_or_404(
        Affectation.objects.select_related("activite", "relais"), request.user, pk=pk
    )
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.affectation_withdraw(
                affectation=affectation, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("C'est noté : la coordination est prévenue."))
            return redirect("activites:my_schedule")
    return render(
        request,
        "activites/withdraw_form.html",
        {"form": form, "affectation": affectation},
    )
