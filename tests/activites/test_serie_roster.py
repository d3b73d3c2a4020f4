"""Rosters over a series (assign or remove relais on many dates in one step) and
the overlap warnings of planning and assignment."""

from datetime import date, time, timedelta

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from activites import services
from activites.models import Activite, Affectation
from tests.factories.activites import (
    at,
    make_activite,
    make_affectation,
    make_contact_point,
)
from tests.factories.relais import (
    ensure_liability_insurance,
    make_acknowledgement,
    make_bare_relais,
    make_convention,
    make_relais,
)

pytestmark = pytest.mark.django_db

NOW = "2026-03-02 09:00 +01:00"  # a Monday
WEDNESDAYS = [date(2026, 3, 4) + timedelta(weeks=n) for n in range(19)]


def make_round(**values):
    return services.serie_create(
        weekdays=[2],
        first_day=WEDNESDAYS[0],
        last_day=WEDNESDAYS[-1],
        start_time=time(10),
        end_time=time(12),
        values={
            "kind": Activite.Kind.ROUND,
            "title": "Tournée du mercredi",
            "contact_point": None,
            "stop": None,
            "place": "Place Liedts",
            "description": "",
            "relais_needed": 2,
            **values,
        },
    )


def flashes(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


@time_machine.travel(NOW, tick=False)
def test_serie_assign_confirms_a_relais_on_all_19_wednesdays_in_one_step(
    coordination,
):
    serie = make_round()
    anna = make_relais(first_name="Anna")
    result = services.serie_assign(serie=serie, relais=[anna], by=coordination)
    assert result.count(anna) == 19
    assert result.skipped == []
    rows = Affectation.objects.filter(relais=anna)
    assert rows.count() == 19
    assert {r.status for r in rows} == {Affectation.Status.CONFIRMED}
    assert {r.confirmed_by for r in rows} == {coordination}


@time_machine.travel(NOW, tick=False)
def test_serie_assign_skips_assigned_withdrawn_full_cancelled_and_unworkable_days(
    coordination,
):
    serie = make_round()
    dates = list(serie.activites.order_by("start"))
    # The agreement ends after the 10th Wednesday.
    anna = make_bare_relais(first_name="Anna")
    make_convention(anna, end_date=WEDNESDAYS[9])
    make_acknowledgement(anna)
    ensure_liability_insurance()
    make_affectation(dates[0], anna)  # already assigned
    make_affectation(
        dates[1], anna, status=Affectation.Status.WITHDRAWN, withdraw_reason="Malade"
    )
    make_affectation(dates[2], anna, status=Affectation.Status.OFFERED)  # confirmed
    dates[3].cancel(reason="Pluie")
    for person in (make_relais(), make_relais()):
        make_affectation(dates[4], person)  # full

    result = services.serie_assign(serie=serie, relais=[anna], by=coordination)

    reasons = {s.day: s.reason for s in result.skipped}
    assert reasons[WEDNESDAYS[0]] == "déjà affecté·e"
    assert reasons[WEDNESDAYS[1]] == "s'est désisté·e pour cette date"
    assert reasons[WEDNESDAYS[3]] == "activité annulée"
    assert reasons[WEDNESDAYS[4]] == "complet"
    assert set(reasons) == {*WEDNESDAYS[:2], *WEDNESDAYS[3:5], *WEDNESDAYS[10:]}
    assert result.count(anna) == 6  # dates 2 (the offer), 5, 6, 7, 8, 9
    assert Affectation.objects.get(activite=dates[2], relais=anna).is_confirmed
    assert Affectation.objects.get(activite=dates[1], relais=anna).is_withdrawn


@time_machine.travel(NOW, tick=False)
def test_serie_assign_fills_places_in_order_and_skips_when_the_last_one_is_taken(
    coordination,
):
    serie = make_round(relais_needed=1)
    anna, bruno = make_relais(first_name="Anna"), make_relais(first_name="Bruno")
    result = services.serie_assign(serie=serie, relais=[anna, bruno], by=coordination)
    assert result.count(anna) == 19
    assert result.count(bruno) == 0
    assert {s.reason for s in result.skipped} == {"complet"}


@time_machine.travel(NOW, tick=False)
def test_serie_assign_from_a_date_leaves_earlier_dates_and_past_dates_alone(
    coordination,
):
    serie = make_round()
    anna = make_relais()
    result = services.serie_assign(
        serie=serie, relais=[anna], by=coordination, from_day=WEDNESDAYS[15]
    )
    assert result.count(anna) == 4
    days = sorted(a.activite.local_day for a in anna.affectations.all())
    assert days == WEDNESDAYS[15:]


def test_serie_assign_skips_past_dates(coordination):
    with time_machine.travel(NOW, tick=False):
        serie = make_round()
    anna = make_relais()
    with time_machine.travel("2026-06-25 09:00 +02:00", tick=False):
        result = services.serie_assign(serie=serie, relais=[anna], by=coordination)
    assert result.count(anna) == 2  # 1 and 8 July


@time_machine.travel(NOW, tick=False)
def test_serie_assign_refuses_without_relais_or_without_dates_to_come(coordination):
    serie = make_round()
    with pytest.raises(ValidationError):
        services.serie_assign(serie=serie, relais=[], by=coordination)
    with pytest.raises(ValidationError):
        services.serie_assign(
            serie=serie,
            relais=[make_relais()],
            by=coordination,
            from_day=date(2027, 1, 1),
        )


@time_machine.travel(NOW, tick=False)
def test_serie_unassign_withdraws_from_a_date_with_the_reason(coordination):
    serie = make_round()
    anna = make_relais()
    services.serie_assign(serie=serie, relais=[anna], by=coordination)
    counts = services.serie_unassign(
        serie=serie, relais=[anna], reason="Déménage", from_day=WEDNESDAYS[10]
    )
    assert counts == {anna.pk: 9}
    withdrawn = anna.affectations.filter(status=Affectation.Status.WITHDRAWN)
    assert withdrawn.count() == 9
    assert {a.withdraw_reason for a in withdrawn} == {"Déménage"}
    with pytest.raises(ValidationError):
        services.serie_unassign(serie=serie, relais=[anna], reason=" ")


# --- Overlaps -------------------------------------------------------------------


def test_place_clashes_finds_intersecting_times_at_the_same_point_only():
    local, other_point = make_contact_point(), make_contact_point()
    day = date(2026, 5, 6)
    make_activite(contact_point=local, start=at(day, 10), end=at(day, 12))
    make_activite(contact_point=other_point, start=at(day, 10), end=at(day, 12))
    cancelled = make_activite(contact_point=local, start=at(day, 11), end=at(day, 13))
    cancelled.cancel(reason="Pluie")
    touching = [(at(day, 12), at(day, 14))]
    inside = [(at(day, 11), at(day, 11, 30))]
    assert services.place_clashes(contact_point_id=local.pk, slots=touching) == []
    clashes = services.place_clashes(contact_point_id=local.pk, slots=inside)
    assert len(clashes) == 1
    assert "au même point de contact (10:00–12:00)" in str(clashes[0])
    assert services.place_clashes(contact_point_id=None, slots=inside) == []


def test_relais_clashes_names_the_relais_and_the_other_activity():
    anna = make_relais(first_name="Anna")
    day = date(2026, 5, 6)
    busy = make_activite(title="Atelier", start=at(day, 9), end=at(day, 11))
    make_affectation(busy, anna)
    target = make_activite(start=at(day, 10), end=at(day, 12))
    clashes = services.relais_clashes(relais=[anna], activites=[target])
    assert [c.other for c in clashes] == [busy]
    assert str(clashes[0]).startswith("Anna")
    assert services.relais_clashes(relais=[anna], activites=[busy]) == []


def activite_post(**overrides):
    return {
        "kind": "permanence",
        "title_fr": "Permanence bis",
        "day": "2026-05-06",
        "start_time": "11:00",
        "end_time": "13:00",
        "place": "",
        "description_fr": "",
        "relais_needed": "2",
        **overrides,
    }


def test_creating_an_overlapping_activity_warns_then_saves_when_confirmed(
    coordination_client,
):
    local = make_contact_point()
    day = date(2026, 5, 6)
    make_activite(
        title="Permanence", contact_point=local, start=at(day, 10), end=at(day, 12)
    )
    url = reverse("activites:activite_create")
    data = activite_post(contact_point=local.pk)
    page = coordination_client.post(url, data)
    assert page.status_code == 200
    assert "Attention : 1 chevauchement." in page.text
    assert "Confirmer malgré le chevauchement" in page.text
    assert 'value="Permanence bis"' in page.text  # what was typed stays
    assert Activite.objects.count() == 1
    saved = coordination_client.post(url, {**data, "confirm_overlap": "on"})
    assert saved.status_code == 302
    assert Activite.objects.count() == 2


def test_creating_an_activity_elsewhere_saves_without_warning(coordination_client):
    local = make_contact_point()
    day = date(2026, 5, 6)
    make_activite(contact_point=local, start=at(day, 10), end=at(day, 12))
    response = coordination_client.post(
        reverse("activites:activite_create"),
        activite_post(contact_point=make_contact_point().pk),
    )
    assert response.status_code == 302


def test_a_series_over_an_existing_activity_warns(coordination_client):
    local = make_contact_point()
    day = date(2026, 5, 13)
    make_activite(contact_point=local, start=at(day, 11), end=at(day, 12))
    data = activite_post(contact_point=local.pk, weekdays=["2"], last_day="2026-05-27")
    url = reverse("activites:serie_create")
    page = coordination_client.post(url, data)
    assert page.status_code == 200
    assert "13/05/2026" in page.text
    assert Activite.objects.count() == 1
    saved = coordination_client.post(url, {**data, "confirm_overlap": "on"})
    assert saved.status_code == 302
    assert Activite.objects.count() == 5  # the 4 Wednesdays of 6–27 May


def test_editing_an_activity_into_another_one_warns(coordination_client):
    local = make_contact_point()
    day = date(2026, 5, 6)
    make_activite(contact_point=local, start=at(day, 10), end=at(day, 12))
    mine = make_activite(contact_point=local, start=at(day, 14), end=at(day, 16))
    url = reverse("activites:activite_edit", args=[mine.pk])
    page = coordination_client.post(url, activite_post(contact_point=local.pk))
    assert "Attention : 1 chevauchement." in page.text
    mine.refresh_from_db()
    assert timezone.localtime(mine.start).hour == 14
    # Its own old times never count as a clash.
    same = activite_post(contact_point=local.pk, start_time="14:00", end_time="16:00")
    assert coordination_client.post(url, same).status_code == 302


def test_assigning_a_busy_relais_warns_then_confirms(coordination_client):
    anna = make_relais(first_name="Anna")
    day = timezone.localdate() + timedelta(days=3)
    make_affectation(make_activite(start=at(day, 9), end=at(day, 11)), anna)
    target = make_activite(start=at(day, 10), end=at(day, 12))
    url = reverse("activites:affectation_assign", args=[target.pk])
    page = coordination_client.post(url, {"relais": anna.pk})
    assert page.status_code == 200
    assert "Confirmer malgré le chevauchement" in page.text
    assert not target.affectations.exists()
    done = coordination_client.post(url, {"relais": anna.pk, "confirm_overlap": "on"})
    assert done.status_code == 302
    assert target.affectations.get().is_confirmed


# --- The series roster page -------------------------------------------------------


@time_machine.travel(NOW, tick=False)
def test_series_page_assigns_two_relais_and_lists_skipped_dates(coordination_client):
    serie = make_round()
    anna, bruno = make_relais(first_name="Anna"), make_relais(first_name="Bruno")
    serie.activites.order_by("start")[1].cancel(reason="Braderie")
    page = coordination_client.get(reverse("activites:serie_roster", args=[serie.pk]))
    assert page.status_code == 200
    assert "Tournée du mercredi" in page.text
    response = coordination_client.post(
        reverse("activites:serie_assign", args=[serie.pk]),
        {"relais": [anna.pk, bruno.pk], "scope": "all"},
    )
    assert response.status_code == 302
    messages = flashes(response)
    assert f"{anna.display_name} : affecté·e à 18 dates." in messages
    assert f"{bruno.display_name} : affecté·e à 18 dates." in messages
    assert (
        f"{anna.display_name}, 11/03/2026 : pas affecté·e (activité annulée)."
        in messages
    )


@time_machine.travel(NOW, tick=False)
def test_from_an_activity_this_date_only_or_from_this_date(coordination_client):
    serie = make_round()
    dates = list(serie.activites.order_by("start"))
    anna = make_relais()
    query = f"?activite={dates[5].pk}"
    url = reverse("activites:serie_assign", args=[serie.pk]) + query
    page = coordination_client.get(
        reverse("activites:serie_roster", args=[serie.pk]) + query
    )
    assert "Cette date seulement" in page.text
    coordination_client.post(url, {"relais": [anna.pk], "scope": "one"})
    assert anna.affectations.get().activite == dates[5]
    coordination_client.post(
        url, {"relais": [anna.pk], "scope": "from", "from_day": "2026-06-17"}
    )
    assert anna.affectations.count() == 1 + 4


@time_machine.travel(NOW, tick=False)
def test_series_assign_with_a_clash_redisplays_with_the_choice_kept(
    coordination_client,
):
    serie = make_round()
    anna = make_relais(first_name="Anna")
    day = WEDNESDAYS[3]
    make_affectation(make_activite(start=at(day, 11), end=at(day, 13)), anna)
    url = reverse("activites:serie_assign", args=[serie.pk])
    page = coordination_client.post(url, {"relais": [anna.pk], "scope": "all"})
    assert page.status_code == 200
    assert "25/03/2026 : déjà sur" in page.text
    assert "checked" in page.text
    assert not serie.activites.filter(affectations__relais=anna).exists()
    coordination_client.post(
        url, {"relais": [anna.pk], "scope": "all", "confirm_overlap": "on"}
    )
    assert serie.activites.filter(affectations__relais=anna).count() == 19


@time_machine.travel(NOW, tick=False)
def test_series_bad_input_redisplays_with_messages(coordination_client):
    serie = make_round()
    url = reverse("activites:serie_assign", args=[serie.pk])
    page = coordination_client.post(url, {"scope": "from", "from_day": ""})
    assert page.status_code == 200
    assert "Indiquez à partir de quel jour." in page.text
    remove = reverse("activites:serie_unassign", args=[serie.pk])
    page = coordination_client.post(remove, {"remove-scope": "all"})
    assert page.status_code == 200


@time_machine.travel(NOW, tick=False)
def test_series_page_removes_a_relais_from_the_rest(coordination_client, coordination):
    serie = make_round()
    anna = make_relais()
    services.serie_assign(serie=serie, relais=[anna], by=coordination)
    response = coordination_client.post(
        reverse("activites:serie_unassign", args=[serie.pk]),
        {
            "remove-relais": [anna.pk],
            "remove-scope": "from",
            "remove-from_day": "2026-06-17",
            "remove-reason": "Reprend un emploi",
        },
    )
    assert response.status_code == 302
    assert f"{anna.display_name} : retiré·e de 4 dates." in flashes(response)


def _roster_queries(client, serie):
    url = reverse("activites:serie_roster", args=[serie.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@time_machine.travel(NOW, tick=False)
def test_series_page_query_count_does_not_grow_with_dates_or_relais(
    coordination_client, coordination
):
    small = make_round()
    services.serie_assign(serie=small, relais=[make_relais()], by=coordination)
    few = _roster_queries(coordination_client, small)
    large = make_round(relais_needed=6)
    people = [make_relais() for _n in range(6)]
    services.serie_assign(serie=large, relais=people, by=coordination)
    many = _roster_queries(coordination_client, large)
    assert many == few
