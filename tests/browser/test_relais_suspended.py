"""Coordination suspends a relais from the file's edit form: the relais, signed in on
their phone, is signed out at their next page and cannot sign in again, with a kind
message; coordination's home counts the suspension and keeps it in the alerts;
setting the relais back to active lets them in again."""

import os

from django.urls import reverse
from playwright.sync_api import expect

from relais.models import Relais
from tests.browser.conftest import PASSWORD, login
from tests.factories.accounts import make_user
from tests.factories.relais import make_relais

SHOTS = os.environ.get("TISSEURS_SCREENSHOTS", "")
MESSAGE = "Votre accès est suspendu. Contactez la coordination."


def _set_status(desktop, relais, label: str) -> None:
    desktop.goto(reverse("relais:relais_edit", args=[relais.pk]))
    desktop.select_option("select[name=status]", label=label)
    desktop.get_by_role("button", name="Enregistrer").click()
    desktop.wait_for_load_state("networkidle")


def test_a_suspended_relais_is_signed_out_and_let_back_in(desktop, phone):
    make_user(role="coordination", username="camille", password=PASSWORD)
    relais = make_relais(first_name="Nadia", last_name="Benali")
    relais.user.set_password(PASSWORD)
    relais.user.save()
    login(phone, relais.user.username)
    expect(phone.locator("main")).to_contain_text("Nadia")

    login(desktop, "camille")
    _set_status(desktop, relais, "Suspendu·e")
    relais.refresh_from_db()
    assert relais.status == Relais.Status.SUSPENDED

    # The relais' next page: signed out, told why.
    phone.reload()
    expect(phone.locator("input[name=password]")).to_be_visible()
    expect(phone.locator("main")).to_contain_text(MESSAGE)
    if SHOTS:
        phone.screenshot(path=f"{SHOTS}/suspended-signed-out.png", full_page=True)
    # And refused at login, with the same message.
    login(phone, relais.user.username)
    expect(phone.locator("main")).to_contain_text(MESSAGE)
    expect(phone.locator("input[name=password]")).to_be_visible()

    # Coordination's home: counted, and in the alerts.
    desktop.goto("/")
    expect(desktop.locator("#relais-heading + dl")).to_contain_text("Suspendu·e")
    expect(desktop.locator("#alerts-panel")).to_contain_text("Accès suspendu depuis")
    if SHOTS:
        desktop.screenshot(path=f"{SHOTS}/suspended-coordination.png", full_page=True)

    _set_status(desktop, relais, "Actif·ve")
    login(phone, relais.user.username)
    expect(phone.locator("input[name=password]")).to_have_count(0)
    expect(phone.locator("main")).to_contain_text("Nadia")
