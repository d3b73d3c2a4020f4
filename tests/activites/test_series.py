"""Weekly series: creation, edit one, edit this and following, cancel one, and the
wall-clock times across the daylight-saving change (Europe/Brussels)."""

from datetime import UTC, date, time, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from activites import services
from activites.models import Activite

pytestmark = pytest.mark.django_db

VALUES = {
    "kind": Activite.Kind.PERMANENCE,
    "title": "Permanence du mardi",
    "contact_point": None,
    "stop": None,
    "place": "Local rue de Brabant",
    "description": "",
    "relais_needed": 2,
}


def make_serie(first=date(2026, 3, 3), last=date(2026, 4, 14), weekdays=(1,)):
    return services.serie_create(
        weekdays=list(weekdays),
        first_day=first,
        last_day=last,
        start_time=time(14),
        end_time=time(17),
        values=VALUES,
    )


def local_hours(activites):
    return [
        (timezone.localtime(a.start).hour, timezone.localtime(a.end).hour)
        for a in activites
    ]


def test_serie_creates_one_activity_per_tuesday_until_the_last_day():
    serie = make_serie()
    days = [a.local_day for a in serie.activites.all()]
    assert days == [date(2026, 3, 3) + timedelta(weeks=n) for n in range(7)]
    assert all(day.weekday() == 1 for day in days)


def test_serie_keeps_wall_clock_times_across_the_spring_dst_change():
    # Summer time starts on Sunday 29 March 2026 in Brussels.
    serie = make_serie()
    activites = list(serie.activites.all())
    assert local_hours(activites) == [(14, 17)] * 7
    utc_hours = {a.start.astimezone(UTC).hour for a in activites}
    assert utc_hours == {13, 12}  # 14:00 CET = 13:00 UTC, 14:00 CEST = 12:00 UTC


def test_serie_across_autumn_dst_change_keeps_14h():
    serie = make_serie(first=date(2026, 10, 20), last=date(2026, 11, 3))
    assert local_hours(serie.activites.all()) == [(14, 17)] * 3


def test_serie_on_two_weekdays():
    serie = make_serie(last=date(2026, 3, 12), weekdays=(1, 3))
    assert [a.local_day.day for a in serie.activites.all()] == [3, 5, 10, 12]


def test_serie_refuses_end_before_start_and_saves_nothing():
    with pytest.raises(ValidationError) as error:
        services.serie_create(
            weekdays=[1],
            first_day=date(2026, 3, 3),
            last_day=date(2026, 3, 31),
            start_time=time(17),
            end_time=time(14),
            values=VALUES,
        )
    assert "end_time" in error.value.error_dict
    assert not Activite.objects.exists()


def test_edit_one_occurrence_leaves_the_others():
    serie = make_serie()
    second = serie.activites.all()[1]
    services.activite_update(
        activite=second,
        values={**VALUES, "title": "Permanence spéciale"},
        day=second.local_day,
        start_time=time(10),
        end_time=time(12),
    )
    titles = list(serie.activites.values_list("title", flat=True))
    assert titles.count("Permanence spéciale") == 1
    assert local_hours(serie.activites.all())[1] == (10, 12)
    assert local_hours(serie.activites.all())[2] == (14, 17)


def test_edit_this_and_following_moves_the_rest_to_a_new_serie():
    serie = make_serie()
    activites = list(serie.activites.all())
    fourth = activites[3]  # 24 March, before the DST change
    changed = services.activite_update(
        activite=fourth,
        values={**VALUES, "title": "Permanence (nouvel horaire)"},
        day=fourth.local_day,
        start_time=time(15),
        end_time=time(18),
        following=True,
    )
    assert len(changed) == 4
    serie.refresh_from_db()
    assert serie.last_day == date(2026, 3, 23)
    assert serie.activites.count() == 3
    new_serie = changed[0].serie
    assert new_serie != serie
    assert local_hours(new_serie.activites.all()) == [(15, 18)] * 4  # across DST
    assert set(new_serie.activites.values_list("title", flat=True)) == {
        "Permanence (nouvel horaire)"
    }
    assert local_hours(serie.activites.all()) == [(14, 17)] * 3


def test_edit_following_skips_cancelled_occurrences():
    serie = make_serie()
    activites = list(serie.activites.all())
    activites[5].cancel(reason="Congé")
    services.activite_update(
        activite=activites[3],
        values={**VALUES, "title": "Nouveau titre"},
        day=activites[3].local_day,
        start_time=time(14),
        end_time=time(17),
        following=True,
    )
    activites[5].refresh_from_db()
    assert activites[5].title == "Permanence du mardi"
    assert activites[5].status == Activite.Status.CANCELLED


def test_cancel_one_occurrence_needs_a_reason_and_keeps_the_rest():
    serie = make_serie()
    first = serie.activites.first()
    with pytest.raises(ValidationError):
        first.cancel(reason="  ")
    first.cancel(reason="Local fermé")
    statuses = list(serie.activites.values_list("status", flat=True))
    assert statuses.count(Activite.Status.CANCELLED) == 1
    assert statuses.count(Activite.Status.PLANNED) == 6
