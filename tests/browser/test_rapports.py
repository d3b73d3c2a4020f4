"""Coordination picks a quarter, reads the dashboard, writes the qualitative part,
issues the report; the comité account then downloads it."""

from datetime import date, time

from playwright.sync_api import expect

from tests.browser.conftest import PASSWORD, login
from tests.factories.accounts import make_user
from tests.factories.prestations import make_prestation
from tests.factories.relais import make_relais


def test_coordination_issues_a_report_and_the_comite_downloads_it(
    desktop, browser_context_for
):
    make_user(role="coordination", username="camille", password=PASSWORD)
    make_user(role="comite", username="nadia", password=PASSWORD)
    relais = make_relais()
    for day in (5, 12, 19):
        make_prestation(
            relais=relais,
            date=date(2026, 2, day),
            start_time=time(14, 0),
            end_time=time(16, 0),
        )

    login(desktop, "camille")
    desktop.get_by_role("link", name="Indicateurs").click()
    desktop.select_option("select[name=kind]", "quarter")
    desktop.fill("input[name=year]", "2026")
    desktop.fill("input[name=quarter]", "1")
    desktop.get_by_role("button", name="Afficher").click()
    expect(desktop.get_by_role("heading", level=1)).to_have_text(
        "Indicateurs : T1 2026"
    )
    expect(desktop.locator('[data-indicator="prestations"]')).to_have_text("3")
    expect(desktop.locator('[data-indicator="heures"]')).to_have_text("6,0")

    desktop.get_by_role("button", name="Préparer le rapport (T1 2026)").click()
    desktop.fill("textarea[name=qualitative]", "Trois permanences très suivies.")
    desktop.get_by_role("button", name="Enregistrer").click()
    expect(desktop.locator(".alert-success")).to_contain_text("Partie qualitative")
    desktop.get_by_role("button", name="Émettre le rapport").click()
    expect(desktop.locator(".alert-success")).to_contain_text("Rapport émis")

    comite = browser_context_for()
    login(comite, "nadia")
    expect(comite.get_by_role("heading", level=1)).to_contain_text("Comité de pilotage")
    with comite.expect_download() as download_info:
        comite.get_by_role("link", name="Télécharger le PDF").click()
    path = download_info.value.path()
    with open(path, "rb") as pdf:
        assert pdf.read(4) == b"%PDF"
