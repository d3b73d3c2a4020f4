"""Coordination anonymises a relais who left: the file links to a confirmation page
listing what is erased and kept; unpaid validated money blocks it, with a link to the
sheet; once paid, the erasure goes through."""

import os
import re
from datetime import date

from playwright.sync_api import expect

from prestations.models import FicheMensuelle
from relais.models import Relais
from tests.browser.conftest import PASSWORD, login
from tests.factories.accounts import make_user
from tests.factories.prestations import make_fiche
from tests.factories.relais import make_relais

SHOTS = os.environ.get("TISSEURS_SCREENSHOTS", "")


def test_coordination_anonymises_after_the_last_payment(desktop):
    make_user(role="coordination", username="camille", password=PASSWORD)
    relais = make_relais(first_name="Nadia", last_name="Benali")
    Relais.objects.filter(pk=relais.pk).update(
        status=Relais.Status.LEFT, iban="BE71096123456769"
    )
    fiche = make_fiche(
        relais=relais, month=date(2026, 2, 1), status=FicheMensuelle.Status.VALIDATED
    )
    login(desktop, "camille")
    desktop.goto(relais.get_absolute_url())
    desktop.get_by_role("link", name="Anonymiser…").click()
    expect(desktop.get_by_role("heading", level=1)).to_contain_text("Anonymiser")
    expect(desktop.locator("main")).to_contain_text("Ce qui sera effacé, pour toujours")
    alert = desktop.locator(".alert-danger")
    expect(alert).to_contain_text("n'est pas encore payé")
    expect(
        desktop.get_by_role("button", name="Anonymiser définitivement")
    ).to_have_count(0)
    if SHOTS:
        desktop.screenshot(path=f"{SHOTS}/anonymise-blocked.png", full_page=True)
    alert.get_by_role("link", name="Février 2026").click()
    expect(desktop).to_have_url(re.compile(f"/prestations/fiches/{fiche.pk}/$"))

    FicheMensuelle.objects.filter(pk=fiche.pk).update(status="paid")
    desktop.go_back()
    desktop.reload()
    if SHOTS:
        desktop.screenshot(path=f"{SHOTS}/anonymise-confirm.png", full_page=True)
    desktop.get_by_role("button", name="Anonymiser définitivement").click()
    expect(desktop.locator(".alert-success")).to_contain_text("données personnelles")
    relais.refresh_from_db()
    assert relais.anonymised_at and relais.iban == ""
