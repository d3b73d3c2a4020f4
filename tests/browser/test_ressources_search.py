"""A relais on a phone finds a mental-health service that speaks Arabic and can
call it; coordination imports the official HSDS example after a dry run."""

from datetime import time
from pathlib import Path

from playwright.sync_api import expect

from ressources.models import Service
from tests.browser.conftest import PASSWORD, login
from tests.factories.accounts import make_user
from tests.factories.relais import make_relais
from tests.factories.ressources import make_service

EXAMPLE = Path(__file__).resolve().parents[1] / "data" / "hsds-3.0" / "examples-csv"


def test_relais_searches_filters_and_calls_from_a_card(phone):
    relais = make_relais(first_name="Aïcha", preferred_name="Aïcha")
    relais.user.set_password(PASSWORD)
    relais.user.save()
    make_service(
        name="Service de santé mentale Le Méridien",
        themes=["sante-mentale"],
        languages=["fr", "ar"],
        address=("Rue du Méridien 68", "1210", "Saint-Josse-ten-Noode"),
        phone="02 218 56 08",
        hours=[(d, time(9), time(17)) for d in range(1, 6)],
    )
    make_service(
        name="Santé mentale Ulysse", themes=["sante-mentale"], languages=["es"]
    )
    make_service(name="Épicerie sociale", themes=["alimentation"], languages=["ar"])
    login(phone, relais.user.username)
    phone.locator("nav.bottom-nav").get_by_text("Ressources").click()
    phone.get_by_label("Chercher").fill("sante mentale")
    phone.get_by_role("button", name="Chercher").click()
    results = phone.locator(".resource-result")
    expect(results).to_have_count(2)
    phone.locator("details.filters-panel summary").click()
    phone.get_by_label("Langue parlée").select_option("ar")
    phone.get_by_role("button", name="Appliquer").click()
    expect(results).to_have_count(1)
    expect(results.first).to_contain_text("Arabe")
    results.first.get_by_role(
        "link", name="Service de santé mentale Le Méridien"
    ).click()
    expect(phone.get_by_role("heading", level=1)).to_have_text(
        "Service de santé mentale Le Méridien"
    )
    call = phone.get_by_role("link", name="Appeler le 02 218 56 08")
    expect(call).to_be_visible()
    expect(call).to_have_attribute("href", "tel:+3222185608")
    expect(phone.locator(".resource-qr img")).to_be_visible()


def test_coordination_imports_the_hsds_example_after_a_dry_run(desktop):
    make_user(role="coordination", username="camille", password=PASSWORD)
    login(desktop, "camille")
    desktop.goto("/ressources/liste/")
    desktop.get_by_role("link", name="Import HSDS").click()
    desktop.set_input_files(
        "input[type=file]", [str(p) for p in sorted(EXAMPLE.iterdir())]
    )
    desktop.get_by_role("button", name="Voir l'aperçu").click()
    expect(desktop.locator(".hsds-counts")).to_contain_text("services")
    assert not Service.objects.exists()
    desktop.get_by_role("button", name="Confirmer l'import").click()
    expect(desktop.locator(".alert-success")).to_contain_text("Import terminé")
    expect(desktop.locator("main")).to_contain_text("Community Counselling")
    assert Service.objects.get().name == "Community Counselling"
