"""The residence status and the history tab of a relais file, on a desktop:
coordination records a reception beneficiary, the file blocks until FEDASIL
answers, shows its conditions, and the history tab shows the change old → new."""

import os
from pathlib import Path

from playwright.sync_api import expect

from tests.browser.conftest import PASSWORD, login
from tests.factories.accounts import make_user
from tests.factories.relais import make_relais


def test_coordination_records_the_residence_status_and_reads_the_history(desktop):
    make_user(role="coordination", username="camille", password=PASSWORD)
    relais = make_relais(first_name="Samir", last_name="Haddad")
    login(desktop, "camille")
    desktop.goto(f"/relais/{relais.pk}/")
    desktop.get_by_role("link", name="Enregistrer le statut de séjour").click()
    desktop.get_by_label("Statut de séjour").select_option("reception")
    desktop.get_by_label("Déclaration à FEDASIL faite le").fill("2026-01-05")
    desktop.get_by_role("button", name="Enregistrer").click()
    expect(desktop.locator("#work-check")).to_contain_text(
        "la réponse de FEDASIL n'est pas encore reçue"
    )

    desktop.get_by_role("link", name="Enregistrer le statut de séjour").click()
    desktop.get_by_label("Réponse de FEDASIL reçue le").fill("2026-01-20")
    desktop.get_by_label("Réponse de FEDASIL", exact=True).select_option("conditions")
    desktop.get_by_role("button", name="Enregistrer").click()
    expect(desktop.locator(".invalid-feedback, .text-danger").first).to_contain_text(
        "Écrivez les conditions posées."
    )
    desktop.get_by_label("Conditions posées").fill("Sans indemnité.")
    desktop.get_by_role("button", name="Enregistrer").click()
    expect(desktop.get_by_test_id("fedasil-conditions")).to_contain_text(
        "Sans indemnité."
    )
    expect(desktop.locator("main")).not_to_contain_text("pas encore reçue")
    if folder := os.environ.get("TISSEURS_SCREENSHOTS"):
        desktop.screenshot(path=Path(folder) / "relais-file.png", full_page=True)

    desktop.get_by_role("link", name="Tout l'historique (ancien → nouveau)").click()
    history = desktop.locator("main table.history")
    expect(history).to_contain_text("réponse de FEDASIL : — → Accepté avec conditions")
    expect(history).to_contain_text("camille")
    if folder := os.environ.get("TISSEURS_SCREENSHOTS"):
        desktop.screenshot(path=Path(folder) / "relais-history.png", full_page=True)
