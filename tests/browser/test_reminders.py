"""A relais finds tomorrow's roster reminder on the phone home page, then turns
training reminders off on "My reminders"."""

from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from home.models import ReminderPreference
from tests.browser.conftest import PASSWORD, login
from tests.factories.accounts import make_user
from tests.factories.activites import at, make_activite, make_affectation
from tests.factories.relais import make_relais


def test_relais_sees_a_reminder_and_turns_a_kind_off(phone, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    user = make_user(role="relais", username="anna", password=PASSWORD)
    anna = make_relais(first_name="Anna", last_name="K", user=user)
    tomorrow = timezone.localdate() + timedelta(days=1)
    activite = make_activite(title="Tournée du triporteur", start=at(tomorrow, 10))
    make_affectation(activite, anna)
    call_command("daily")

    login(phone, "anna")
    phone.goto("/aujourdhui/")
    reminders = phone.locator("#reminders-panel")
    expect(reminders).to_contain_text("Demain à 10:00 : Tournée du triporteur.")
    assert phone.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )

    reminders.get_by_role("link", name="Choisir mes rappels").click()
    phone.get_by_label("Formation ou intervision demain").uncheck()
    phone.get_by_role("button", name="Enregistrer").click()
    expect(phone.locator(".alert-success")).to_be_visible()
    assert ReminderPreference.objects.get(user=user, kind="training").enabled is False
    assert ReminderPreference.objects.get(user=user, kind="roster").enabled is True
