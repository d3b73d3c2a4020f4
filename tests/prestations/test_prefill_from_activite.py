"""A confirmed relais' presence at a done activity pre-fills their prestation."""

from datetime import time, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from activites.models import Activite, Affectation
from prestations.models import Kind, Place, Prestation
from prestations.services import prestation as services
from tests.factories.activites import at, make_activite, make_affectation, make_stop

pytestmark = pytest.mark.django_db

TODAY = timezone.datetime(2026, 3, 10, 18, 0).date()


@pytest.fixture
def round_today(relais_anna):
    activite = make_activite(
        kind=Activite.Kind.ROUND,
        title="Tournée place Liedts",
        start=at(TODAY, 14),
        end=at(TODAY, 16, 30),
        stop=make_stop(),
        place="",
        status=Activite.Status.DONE,
    )
    make_affectation(activite, relais_anna)
    return activite


def test_initial_values_come_from_the_activity(round_today):
    initial = services.prestation_initial_from_activite(activite=round_today)
    assert initial == {
        "activite": round_today.pk,
        "date": TODAY,
        "start_time": time(14, 0),
        "end_time": time(16, 30),
        "place": Place.MOBILE,
        "kind": Kind.OUTREACH_ROUND,
    }


def test_done_or_started_activities_with_a_confirmed_place_are_offered(
    relais_anna, relais_bruno, round_today
):
    """From its start time, a planned activity is offered: the relais need not wait
    for coordination to mark it done. Not before, and never once cancelled."""
    started = make_activite(start=at(TODAY, 9))
    make_affectation(started, relais_anna)
    later = make_activite(start=at(TODAY, 15))
    make_affectation(later, relais_anna)
    cancelled = make_activite(
        start=at(TODAY, 8), status=Activite.Status.CANCELLED, cancel_reason="Pluie"
    )
    make_affectation(cancelled, relais_anna)
    offered = make_activite(start=at(TODAY, 10), status=Activite.Status.DONE)
    make_affectation(offered, relais_anna, status=Affectation.Status.OFFERED)
    noon = at(TODAY, 12)
    assert services.activites_to_log(relais=relais_anna, day=TODAY, now=noon) == [
        started,
        round_today,
    ]
    assert services.activites_to_log(
        relais=relais_anna, day=TODAY, now=at(TODAY, 15)
    ) == [started, round_today, later]
    assert services.activites_to_log(relais=relais_bruno, day=TODAY, now=noon) == []


def test_an_activity_already_logged_is_not_offered_again(relais_anna, round_today):
    Prestation.objects.create(relais=relais_anna, date=TODAY, activite=round_today)
    assert services.activites_to_log(relais=relais_anna, day=TODAY) == []


def test_a_prestation_cannot_claim_an_activity_of_another_relais(
    relais_anna, relais_bruno, round_today
):
    prestation = Prestation(
        relais=relais_bruno,
        date=TODAY,
        activite=round_today,
        place="mobile",
        kind="round",
    )
    with pytest.raises(ValidationError, match="confirmé"):
        services.prestation_save(prestation=prestation)


@time_machine.travel(timezone.make_aware(timezone.datetime(2026, 3, 10, 18, 0)))
def test_log_page_offers_and_prefills_the_activity(anna_client, round_today):
    page = anna_client.get(reverse("prestations:prestation_quick"))
    assert "Tournée place Liedts" in page.text
    prefilled = anna_client.get(
        reverse("prestations:prestation_quick") + f"?activite={round_today.pk}"
    )
    form = prefilled.context["form"]
    assert form.initial["start_time"] == time(14, 0)
    assert form.initial["place"] == Place.MOBILE
    assert f'name="activite" value="{round_today.pk}"' in prefilled.text


@time_machine.travel(timezone.make_aware(timezone.datetime(2026, 3, 10, 18, 0)))
def test_another_relais_cannot_prefill_from_my_activity(bruno_client, round_today):
    response = bruno_client.get(
        reverse("prestations:prestation_quick") + f"?activite={round_today.pk}"
    )
    assert response.status_code == 404


def test_yesterday_is_not_offered_today(relais_anna, round_today):
    assert services.activites_to_log(relais=relais_anna, day=TODAY + timedelta(1)) == []
