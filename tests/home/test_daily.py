"""`manage.py daily`: every reminder once however often it runs (locmem outbox),
in each person's language, on their home page, and not when they turned it off;
the purges run with it and each run is recorded."""

from datetime import date, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from home.models import DailyRun, ReminderKind, ReminderPreference, SentReminder
from prestations.models import FicheMensuelle, Situation
from tests.factories.accounts import make_user
from tests.factories.activites import at, make_activite, make_affectation
from tests.factories.prestations import make_fiche, make_prestation
from tests.factories.relais import (
    make_formation,
    make_insurance,
    make_note_version,
    make_relais,
)
from tisseurs.roles import COORDINATION

pytestmark = pytest.mark.django_db

TODAY = date(2027, 3, 8)  # after the 5th: February must have been sent


@pytest.fixture
def week(settings):
    """A coordinator, two relais, and one thing of each kind to remind."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    coordinator = make_user(role=COORDINATION, username="camille", language="nl")
    anna = make_relais(first_name="Anna", last_name="K")
    anna.user.language = "en"
    anna.user.save()
    bruno = make_relais(first_name="Bruno", last_name="M")
    # Anna's agreement ends in 20 days (the factory's open-ended one closes).
    anna.conventions.update(end_date=TODAY + timedelta(days=20))
    # An accident policy ends in 10 days, not renewed.
    make_insurance(
        kind="accident", valid_from=date(2026, 1, 1), valid_until=TODAY + timedelta(10)
    )
    # A new note version nobody has acknowledged.
    make_note_version(number=99, published_on=TODAY - timedelta(days=1))
    # Bruno went out in February and has not sent his month.
    make_prestation(relais=bruno, date=date(2027, 2, 10))
    # Anna sent February: coordination has a sheet waiting.
    make_prestation(relais=anna, date=date(2027, 2, 12))
    make_fiche(relais=anna, month=date(2027, 2, 1), status="submitted")
    # Bruno's January sheet came back for correction.
    make_fiche(relais=bruno, month=date(2027, 1, 1), status="returned")
    # Anna is on tomorrow's triporteur round; a training takes place tomorrow.
    activite = make_activite(title="Triporteur", start=at(TODAY + timedelta(1), 10))
    make_affectation(activite, anna)
    make_formation(title="Écoute active", date=TODAY + timedelta(days=1))
    return {"coordinator": coordinator, "anna": anna, "bruno": bruno}


def _kinds_of(user):
    return set(SentReminder.objects.filter(user=user).values_list("kind", flat=True))


def test_daily_sends_each_reminder_once(week):
    with time_machine.travel(TODAY, tick=False):
        call_command("daily", today=TODAY)
        first = len(mail.outbox)
        call_command("daily", today=TODAY)
    assert first == len(mail.outbox) == SentReminder.objects.count() > 0
    assert DailyRun.objects.filter(succeeded=True).count() == 2
    anna, bruno = week["anna"].user, week["bruno"].user
    assert _kinds_of(week["coordinator"]) == {
        ReminderKind.CONVENTION_EXPIRING,
        ReminderKind.INSURANCE_EXPIRING,
        ReminderKind.SHEETS_WAITING,
    }
    assert _kinds_of(anna) == {
        ReminderKind.CONVENTION_EXPIRING,
        ReminderKind.NOTE_TO_ACKNOWLEDGE,
        ReminderKind.ROSTER_TOMORROW,
        ReminderKind.TRAINING_TOMORROW,
    }
    assert _kinds_of(bruno) == {
        ReminderKind.NOTE_TO_ACKNOWLEDGE,
        ReminderKind.MONTH_NOT_SENT,
        ReminderKind.SHEET_RETURNED,
        ReminderKind.TRAINING_TOMORROW,
    }
    keys = list(SentReminder.objects.values_list("kind", "key", "user"))
    assert len(keys) == len(set(keys))


def test_reminders_are_written_in_each_persons_language(week):
    with time_machine.travel(TODAY, tick=False):
        call_command("daily", today=TODAY)
    to_anna = [m for m in mail.outbox if m.to == [week["anna"].user.email]]
    roster = next(m for m in to_anna if "Triporteur" in m.body)
    assert "Tomorrow at 10:00" in roster.body
    to_camille = [m for m in mail.outbox if m.to == [week["coordinator"].email]]
    assert any("wacht" in m.body or "wachten" in m.body for m in to_camille)


def test_a_kind_turned_off_is_neither_sent_nor_shown(week, client):
    anna = week["anna"].user
    ReminderPreference.objects.create(
        user=anna, kind=ReminderKind.TRAINING_TOMORROW, enabled=False
    )
    with time_machine.travel(TODAY, tick=False):
        call_command("daily", today=TODAY)
    assert ReminderKind.TRAINING_TOMORROW not in _kinds_of(anna)
    assert ReminderKind.ROSTER_TOMORROW in _kinds_of(anna)


def test_a_new_return_of_the_same_sheet_is_reminded_again(week):
    with time_machine.travel(TODAY, tick=False):
        call_command("daily", today=TODAY)
    fiche = FicheMensuelle.objects.get(status="returned")
    FicheMensuelle.objects.filter(pk=fiche.pk).update(version=fiche.version + 1)
    with time_machine.travel(TODAY, tick=False):
        call_command("daily", today=TODAY)
    assert SentReminder.objects.filter(kind=ReminderKind.SHEET_RETURNED).count() == 2


def test_no_month_reminder_before_the_sixth(week):
    with time_machine.travel(date(2027, 3, 5), tick=False):
        call_command("daily", today=date(2027, 3, 5))
    assert not SentReminder.objects.filter(kind=ReminderKind.MONTH_NOT_SENT).exists()


def test_daily_runs_the_situation_retention(week):
    old = Situation.objects.create(
        prestation=make_prestation(relais=week["bruno"], date=date(2019, 1, 7)),
        note="ancienne note",
        code="ABCDEF",
    )
    with time_machine.travel(TODAY, tick=False):
        call_command("daily", today=TODAY)
    old.refresh_from_db()
    assert (old.note, old.code) == ("", "")
    run = DailyRun.objects.get()
    assert run.report["situations"]["anonymised"] == 1


def test_home_page_lists_the_persons_reminders(week, client):
    with time_machine.travel(TODAY, tick=False):
        call_command("daily", today=TODAY)
        client.force_login(week["bruno"].user)
        page = client.get(reverse("relais_home")).content.decode()
    assert "renvoyée pour correction" in page
    assert "Triporteur" not in page  # Anna's roster, not Bruno's


def test_preferences_page_turns_a_kind_off_and_on(week, client):
    anna = week["anna"].user
    client.force_login(anna)
    url = reverse("reminder_preferences")
    page = client.get(url).content.decode()
    assert 'value="roster"' in page and "Place on tomorrow" in page
    assert 'value="sheets"' not in page  # coordination's, not hers
    kinds = [
        ReminderKind.CONVENTION_EXPIRING,
        ReminderKind.DOCUMENT_EXPIRING,
        ReminderKind.NOTE_TO_ACKNOWLEDGE,
        ReminderKind.MONTH_NOT_SENT,
        ReminderKind.SHEET_RETURNED,
        ReminderKind.ROSTER_TOMORROW,
    ]
    response = client.post(url, {"kinds": kinds})
    assert response.status_code == 302
    assert list(
        ReminderPreference.objects.filter(user=anna, enabled=False).values_list(
            "kind", flat=True
        )
    ) == [ReminderKind.TRAINING_TOMORROW]
    client.post(url, {"kinds": [*kinds, ReminderKind.TRAINING_TOMORROW]})
    assert not ReminderPreference.objects.filter(user=anna, enabled=False).exists()
