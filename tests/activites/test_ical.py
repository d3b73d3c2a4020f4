"""Calendar feeds, parsed back with icalendar: events, Brussels times, UIDs,
cancellations; revoked or unknown tokens answer 404."""

from datetime import date, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from activites import services
from activites.models import Activite
from tests.factories.activites import at, make_activite, make_affectation

pytestmark = pytest.mark.django_db


def parse(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def events(calendar):
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def feed_url(user, name="activites:feed_personal"):
    token = services.calendar_token_renew(user=user)
    return reverse(name, args=[token.token])


def test_personal_feed_lists_only_confirmed_activities_with_brussels_times(
    relais_anna, relais_bruno
):
    day = timezone.localdate() + timedelta(days=3)
    mine = make_activite(start=at(day, 14), title="Permanence", place="Local")
    make_affectation(mine, relais_anna)
    offered = make_activite(start=at(day, 18))
    make_affectation(offered, relais_anna, status="offered")
    make_affectation(make_activite(start=at(day, 9)), relais_bruno)
    calendar = parse(Client().get(feed_url(relais_anna.user)))
    found = events(calendar)
    assert list(found) == [f"activite-{mine.pk}@activites.tisseurs"]
    event = found[f"activite-{mine.pk}@activites.tisseurs"]
    start = event.decoded("DTSTART")
    assert start.tzinfo.key == "Europe/Brussels"
    assert (start.date(), start.time()) == (day, time(14))
    assert str(event["SUMMARY"]) == "Permanence"
    assert str(event["LOCATION"]) == "Local"
    assert str(event["STATUS"]) == "CONFIRMED"
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Brussels"]


def test_uid_stays_the_same_after_an_edit_and_cancellation_is_marked(relais_anna):
    activite = make_activite()
    make_affectation(activite, relais_anna)
    url = feed_url(relais_anna.user)
    before = set(events(parse(Client().get(url))))
    activite.title = "Nouveau titre"
    activite.save()
    activite.cancel(reason="Local inondé")
    after = events(parse(Client().get(url)))
    assert set(after) == before
    event = after[f"activite-{activite.pk}@activites.tisseurs"]
    assert str(event["STATUS"]) == "CANCELLED"
    assert "Local inondé" in str(event["DESCRIPTION"])


def test_coordination_feed_holds_every_activity_across_dst(coordination):
    # 24 and 31 March 2026, on both sides of the change to summer time.
    serie = services.serie_create(
        weekdays=[1],
        first_day=date(2026, 3, 24),
        last_day=date(2026, 3, 31),
        start_time=time(14),
        end_time=time(17),
        values={"kind": "permanence", "title": "Permanence", "place": "Local"},
    )
    with time_machine_at(date(2026, 3, 20)):
        calendar = parse(Client().get(feed_url(coordination, "activites:feed_all")))
    starts = sorted(e.decoded("DTSTART") for e in calendar.walk("VEVENT"))
    assert [s.hour for s in starts] == [14, 14]
    utc = [s.astimezone(ZoneInfo("UTC")).hour for s in starts]
    assert utc == [13, 12]
    assert serie.activites.count() == 2


def test_revoked_and_renewed_tokens_answer_404(relais_anna):
    old = feed_url(relais_anna.user)
    new = feed_url(relais_anna.user)  # renewing revokes the old one
    assert Client().get(old).status_code == 404
    assert Client().get(new).status_code == 200
    services.calendar_token_revoke(user=relais_anna.user)
    assert Client().get(new).status_code == 404


def test_feed_of_all_activities_is_for_coordination_tokens_only(relais_anna):
    assert (
        Client().get(feed_url(relais_anna.user, "activites:feed_all")).status_code
        == 404
    )


def test_feed_settings_page_creates_and_shows_the_url(anna_client):
    response = anna_client.post(reverse("activites:calendar_token_renew"), follow=True)
    token = anna_client.get(reverse("activites:calendar_feeds")).context["token"]
    assert token.token in response.content.decode()
    assert Activite.objects.count() == 0


def time_machine_at(day):
    import time_machine

    return time_machine.travel(at(day, 12), tick=False)


def test_feeds_are_bounded_in_time_and_queries(
    coordination, django_assert_max_num_queries
):
    from activites.models import Activite as A

    first = timezone.localdate() - timedelta(days=365 * 5)
    A.objects.bulk_create(
        A(
            kind="round",
            title=f"Tournée {n}",
            start=at(first + timedelta(days=n), 10),
            end=at(first + timedelta(days=n), 12),
            place="Place Liedts",
        )
        for n in range(0, 365 * 10, 5)
    )
    url = feed_url(coordination, "activites:feed_all")
    with django_assert_max_num_queries(4):
        response = Client().get(url)
    found = list(parse(response).walk("VEVENT"))
    assert 0 < len(found) < 100  # three months back, a year ahead
