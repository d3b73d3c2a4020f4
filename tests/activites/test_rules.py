"""Roster rules, fréquentation consistency, the prestation pre-fill query."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from activites import services
from activites.models import Activite, Affectation, Frequentation
from relais.models import Relais
from tests.factories.activites import at, make_activite, make_affectation, make_stop
from tests.factories.relais import make_relais

pytestmark = pytest.mark.django_db


def test_coordination_assigns_a_relais_confirmed_at_once(coordination):
    activite = make_activite()
    relais = make_relais()
    result = services.affectation_assign(
        activite=activite, relais=relais, by=coordination
    )
    assert result.affectation.status == Affectation.Status.CONFIRMED
    assert result.affectation.confirmed_by == coordination
    assert result.warnings == []


def test_assignment_is_refused_when_the_relais_cannot_work_that_day(coordination):
    relais = make_relais(status=Relais.Status.PAUSED)
    with pytest.raises(ValidationError) as error:
        services.affectation_assign(
            activite=make_activite(), relais=relais, by=coordination
        )
    assert any("il faut être en activité" in m for m in error.value.messages)
    assert not Affectation.objects.exists()


def test_assignment_warns_about_an_overlapping_activity(coordination):
    relais = make_relais()
    first = make_activite()
    make_affectation(first, relais)
    second = make_activite(start=first.start + timedelta(hours=1), title="Tournée")
    result = services.affectation_assign(
        activite=second, relais=relais, by=coordination
    )
    assert len(result.warnings) == 1
    assert first.title in result.warnings[0]


def test_no_warning_for_a_cancelled_or_adjacent_activity(coordination):
    relais = make_relais()
    cancelled = make_activite()
    make_affectation(cancelled, relais)
    cancelled.cancel(reason="Pluie")
    same_time = make_activite(start=cancelled.start)
    result = services.affectation_assign(
        activite=same_time, relais=relais, by=coordination
    )
    assert result.warnings == []
    right_after = make_activite(start=same_time.end)
    result = services.affectation_assign(
        activite=right_after, relais=relais, by=coordination
    )
    assert result.warnings == []


def test_assignment_is_refused_when_every_place_is_taken(coordination):
    activite = make_activite(relais_needed=1)
    make_affectation(activite, make_relais())
    with pytest.raises(ValidationError, match="Toutes les places"):
        services.affectation_assign(
            activite=activite, relais=make_relais(), by=coordination
        )


def test_relais_offers_and_coordination_confirms(coordination):
    activite = make_activite()
    relais = make_relais()
    offer = services.affectation_offer(activite=activite, relais=relais).affectation
    assert offer.status == Affectation.Status.OFFERED
    with pytest.raises(ValidationError, match="déjà une place"):
        services.affectation_offer(activite=activite, relais=relais)
    services.affectation_confirm(affectation=offer, by=coordination)
    offer.refresh_from_db()
    assert offer.status == Affectation.Status.CONFIRMED
    assert Activite.objects.with_confirmed(relais).get() == activite


def test_relais_cannot_offer_for_a_started_activity():
    activite = make_activite(start=timezone.now() - timedelta(minutes=5))
    with pytest.raises(ValidationError, match="commencé"):
        services.affectation_offer(activite=activite, relais=make_relais())


def test_withdrawal_needs_a_reason_and_opens_the_place_again():
    activite = make_activite(relais_needed=1)
    affectation = make_affectation(activite, make_relais())
    with pytest.raises(ValidationError):
        services.affectation_withdraw(affectation=affectation, reason=" ")
    services.affectation_withdraw(affectation=affectation, reason="Enfant malade")
    activite = Activite.objects.for_agenda().get(pk=activite.pk)
    assert activite.open_slots == 1
    assert activite.withdrawn[0].withdraw_reason == "Enfant malade"
    gaps = services.roster_gaps(activite.local_day, activite.local_day)
    assert gaps == [activite]


def test_place_count_cannot_go_below_the_confirmed_relais():
    activite = make_activite(relais_needed=2)
    make_affectation(activite, make_relais())
    make_affectation(activite, make_relais())
    local_start = timezone.localtime(activite.start)
    values = {name: getattr(activite, name) for name in services.OCCURRENCE_FIELDS}
    with pytest.raises(ValidationError) as error:
        services.activite_update(
            activite=activite,
            values={**values, "relais_needed": 1},
            day=local_start.date(),
            start_time=local_start.time(),
            end_time=timezone.localtime(activite.end).time(),
        )
    assert error.value.message_dict["relais_needed"] == [
        "2 relais sont déjà confirmés : le nombre de relais nécessaires ne peut "
        "pas descendre en dessous."
    ]
    activite.refresh_from_db()
    assert activite.relais_needed == 2


@pytest.mark.parametrize(
    ("status", "question"),
    [("planned", "is_planned"), ("done", "is_done"), ("cancelled", "is_cancelled")],
)
def test_activity_status_questions_answer_one_status_each(status, question):
    activite = Activite(status=status)
    answers = {
        q: getattr(activite, q) for q in ("is_planned", "is_done", "is_cancelled")
    }
    assert answers == {q: q == question for q in answers}


@pytest.mark.parametrize(
    ("status", "question"),
    [
        ("offered", "is_offered"),
        ("confirmed", "is_confirmed"),
        ("withdrawn", "is_withdrawn"),
    ],
)
def test_affectation_status_questions_answer_one_status_each(status, question):
    affectation = Affectation(status=status)
    answers = {
        q: getattr(affectation, q)
        for q in ("is_offered", "is_confirmed", "is_withdrawn")
    }
    assert answers == {q: q == question for q in answers}


def test_activity_end_must_follow_start_in_clean_and_database():
    activite = make_activite()
    activite.end = activite.start
    with pytest.raises(ValidationError) as error:
        activite.full_clean()
    assert "end" in error.value.error_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        activite.save()


def test_cancelled_activity_must_carry_a_reason_in_the_database():
    activite = make_activite()
    activite.status = Activite.Status.CANCELLED
    with pytest.raises(IntegrityError), transaction.atomic():
        activite.save()


# --- Fréquentation --------------------------------------------------------------


def _past_activite():
    return make_activite(start=timezone.now() - timedelta(hours=4))


def test_frequentation_is_saved_and_marks_the_activity_done(coordination):
    activite = _past_activite()
    services.frequentation_save(
        activite=activite,
        values={
            "total": 12,
            "newcomers": 5,
            "age_counts": {"26-64": 8, "65+": 3},
            "gender_counts": {"f": 7, "m": 4},
            "languages": ["fr", "ary", "bg"],
        },
        by=coordination,
    )
    activite.refresh_from_db()
    assert activite.status == Activite.Status.DONE
    assert activite.frequentation.total == 12


@pytest.mark.parametrize(
    ("values", "fragment"),
    [
        ({"total": 3, "newcomers": 4}, "plus de nouvelles personnes"),
        ({"total": 3, "age_counts": {"65+": 4}}, "plus que le total"),
        ({"total": 5, "age_counts": {"65+": 3, "0-11": 3}}, "dépasse"),
        ({"total": 5, "gender_counts": {"f": 6}}, "plus que le total"),
        ({"total": 5, "age_counts": {"200+": 1}}, "Valeur inconnue"),
        ({"total": 5, "languages": ["klingon"]}, "Langue inconnue"),
    ],
)
def test_frequentation_numbers_must_add_up(coordination, values, fragment):
    activite = _past_activite()
    with pytest.raises(ValidationError) as error:
        services.frequentation_save(activite=activite, values=values, by=coordination)
    assert any(fragment in m for m in error.value.messages)
    assert not Frequentation.objects.exists()
    activite.refresh_from_db()
    assert activite.status == Activite.Status.PLANNED


def test_database_refuses_more_newcomers_than_total():
    with pytest.raises(IntegrityError), transaction.atomic():
        Frequentation.objects.create(activite=_past_activite(), total=1, newcomers=2)


def test_frequentation_cannot_be_entered_before_the_activity(coordination):
    with pytest.raises(ValidationError, match="après le début"):
        services.frequentation_save(
            activite=make_activite(), values={"total": 1}, by=coordination
        )


# --- Prestation pre-fill --------------------------------------------------------


def test_done_with_confirmed_lists_that_days_done_activities_of_the_relais():
    relais, other = make_relais(), make_relais()
    day = timezone.localdate() - timedelta(days=2)
    done = make_activite(start=at(day, 10), status=Activite.Status.DONE)
    make_affectation(done, relais)
    planned = make_activite(start=at(day, 14))
    make_affectation(planned, relais)
    offered_only = make_activite(start=at(day, 18), status=Activite.Status.DONE)
    make_affectation(offered_only, relais, status=Affectation.Status.OFFERED)
    others = make_activite(start=at(day, 8), status=Activite.Status.DONE)
    make_affectation(others, other)
    next_day = make_activite(start=at(day + timedelta(days=1), 10), status="done")
    make_affectation(next_day, relais)
    assert list(Activite.objects.done_with_confirmed(relais, day)) == [done]


def test_a_stop_gives_the_activity_its_contact_point_wherever_it_is_saved():
    stop = make_stop()
    activite = Activite(
        kind="round",
        title="Tournée",
        start=at(date(2026, 3, 10), 14),
        end=at(date(2026, 3, 10), 16),
        stop=stop,
    )
    activite.full_clean()
    assert activite.contact_point == stop.contact_point
