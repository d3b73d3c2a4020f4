"""Trainings and intervisions (relais.Formation) in the agenda (month and week)
and in the calendar feeds, as all-day events with a stable UID."""

from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from activites import services
from relais.models import Formation
from tests.factories.activites import at, make_activite, make_affectation
from tests.factories.relais import make_formation, make_formation_attendance

pytestmark = pytest.mark.django_db


def feed(user, name):
    token = services.calendar_token_renew(user=user)
    response = Client().get(reverse(name, args=[token.token]))
    assert response.status_code == 200
    calendar = Calendar.from_ical(response.content)
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def test_personal_feed_of_a_relais_has_every_formation_as_an_all_day_event(
    relais_anna,
):
    day = timezone.localdate() + timedelta(days=10)
    training = make_formation(
        title="Écoute active", date=day, place="Local", trainer="CBCS"
    )
    intervision = make_formation(
        kind=Formation.Kind.INTERVISION, title="Intervision de mars", date=day
    )
    mine = make_activite(start=at(day, 14))
    make_affectation(mine, relais_anna)
    found = feed(relais_anna.user, "activites:feed_personal")
    uid = f"formation-{training.pk}@activites.tisseurs"
    assert set(found) == {
        uid,
        f"formation-{intervision.pk}@activites.tisseurs",
        f"activite-{mine.pk}@activites.tisseurs",
    }
    event = found[uid]
    assert str(event["SUMMARY"]) == "Formation : Écoute active"
    assert event.decoded("DTSTART") == day
    assert event.decoded("DTEND") == day + timedelta(days=1)
    assert str(event["LOCATION"]) == "Local"
    assert "CBCS" in str(event["DESCRIPTION"])
    intervision_event = found[f"formation-{intervision.pk}@activites.tisseurs"]
    assert str(intervision_event["SUMMARY"]).startswith("Intervision : ")
    # The activity keeps its Brussels time beside the all-day formations.
    start = found[f"activite-{mine.pk}@activites.tisseurs"].decoded("DTSTART")
    assert start.tzinfo.key == "Europe/Brussels"
    # UIDs are stable: the same event on the next fetch.
    assert uid in feed(relais_anna.user, "activites:feed_personal")


def test_feed_of_all_activities_has_every_formation_in_the_window(coordination):
    today = timezone.localdate()
    recent = make_formation(date=today - timedelta(days=30))
    coming = make_formation(date=today + timedelta(days=100))
    too_old = make_formation(date=today - timedelta(days=400))
    found = feed(coordination, "activites:feed_all")
    assert f"formation-{recent.pk}@activites.tisseurs" in found
    assert f"formation-{coming.pk}@activites.tisseurs" in found
    assert f"formation-{too_old.pk}@activites.tisseurs" not in found


def test_personal_feed_of_staff_has_no_formations(coordination):
    make_formation(date=timezone.localdate() + timedelta(days=3))
    assert feed(coordination, "activites:feed_personal") == {}


def test_agenda_month_and_week_show_formations_linked_for_coordination(
    coordination_client, direction_client
):
    formation = make_formation(title="Premiers secours", date=date(2026, 3, 12))
    month = coordination_client.get(
        reverse("activites:agenda_month") + "?month=2026-03"
    )
    assert "Premiers secours" in month.text
    assert "agenda-formation" in month.text
    assert formation.get_absolute_url() in month.text
    week = coordination_client.get(
        reverse("activites:agenda_week") + "?week=2026-03-12"
    )
    assert "Premiers secours" in week.text
    assert formation.get_absolute_url() in week.text
    # Direction reads the agenda but not the formation's page: no link.
    read_only = direction_client.get(
        reverse("activites:agenda_week") + "?week=2026-03-12"
    )
    assert "Premiers secours" in read_only.text
    assert formation.get_absolute_url() not in read_only.text


def test_agenda_filters_hide_formations_or_keep_those_a_relais_attended(
    coordination_client, relais_anna
):
    attended = make_formation(title="Suivie", date=date(2026, 3, 12))
    make_formation(title="Pas suivie", date=date(2026, 3, 12))
    make_formation_attendance(attended, relais_anna)
    url = reverse("activites:agenda_week") + "?week=2026-03-12"
    by_kind = coordination_client.get(url + "&kind=permanence").text
    assert "Suivie" not in by_kind
    by_relais = coordination_client.get(url + f"&relais={relais_anna.pk}").text
    assert "Suivie" in by_relais
    assert "Pas suivie" not in by_relais


def test_calendar_page_offers_webcal_links_built_from_the_request_host(
    anna_client, relais_anna, coordination_client, coordination, settings
):
    settings.ALLOWED_HOSTS = ["tisseurs.example.be"]
    url = reverse("activites:calendar_feeds")
    token = services.calendar_token_renew(user=relais_anna.user).token
    page = anna_client.get(url, HTTP_HOST="tisseurs.example.be")
    feed_path = reverse("activites:feed_personal", args=[token])
    assert f'href="webcal://tisseurs.example.be{feed_path}"' in page.text
    assert f'value="http://tisseurs.example.be{feed_path}"' in page.text
    assert 'data-copy="feed-personal"' in page.text
    assert "js/copy_button.js" in page.text
    assert "feed-all" not in page.text  # the relais has no feed of everything
    services.calendar_token_renew(user=coordination)
    staff = coordination_client.get(url, HTTP_HOST="tisseurs.example.be")
    assert staff.text.count("webcal://tisseurs.example.be/") == 2
