"""The relais file in a browser: coordination builds a new relais' legal file on a
desktop until the alert disappears; a relais edits their languages on a phone."""

from playwright.sync_api import expect

from tests.browser.conftest import PASSWORD, login
from tests.factories.accounts import make_user
from tests.factories.relais import (
    ensure_liability_insurance,
    make_languages,
    make_note_version,
    make_relais,
)


def test_coordination_completes_a_new_relais_file(desktop, tmp_path):
    make_user(role="coordination", username="camille", password=PASSWORD)
    make_note_version()
    ensure_liability_insurance()
    login(desktop, "camille")

    desktop.get_by_role("link", name="Relais", exact=True).click()
    desktop.get_by_role("link", name="Nouveau relais").click()
    desktop.locator("#id_first_name").fill("Gülşen")
    desktop.locator("#id_last_name").fill("Öztürk")
    desktop.locator("#id_phone").fill("0470 12 34 56")
    desktop.locator("#id_status").select_option("active")
    desktop.get_by_label("Turc").check()
    desktop.get_by_role("button", name="Enregistrer").click()
    expect(desktop.locator(".alert-success")).to_contain_text("Öztürk")
    expect(desktop.locator("#work-check")).to_contain_text("Aucune convention")

    desktop.get_by_role("link", name="Tableau de bord").click()
    expect(desktop.locator("#alerts-panel")).to_contain_text("Öztürk")
    desktop.locator("#alerts-panel").get_by_role("link", name="Gülşen Öztürk").click()

    desktop.get_by_role("link", name="Nouvelle convention").click()
    desktop.locator("#id_start_date").fill("2026-01-01")
    desktop.locator("#id_confidentiality_accepted_on").fill("2026-01-01")
    signed = tmp_path / "convention.pdf"
    signed.write_bytes(b"%PDF-1.4 convention signee")
    desktop.locator("#id_signed_file").set_input_files(signed)
    desktop.get_by_role("button", name="Enregistrer").click()
    expect(desktop.locator(".alert-success")).to_contain_text(
        "convention est enregistrée"
    )
    expect(desktop.get_by_role("link", name="convention signée")).to_be_visible()

    href = desktop.get_by_role("link", name="Imprimer la note (NL)").get_attribute(
        "href"
    )
    pdf = desktop.request.get(href)
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")

    desktop.get_by_role("link", name="Enregistrer la signature").click()
    desktop.get_by_role("button", name="Enregistrer").click()
    expect(
        desktop.get_by_text("La signature de la note est enregistrée.")
    ).to_be_visible()
    expect(desktop.get_by_text("Peut sortir aujourd'hui")).to_be_visible()

    desktop.get_by_role("link", name="Tableau de bord").click()
    expect(desktop.locator("#alerts-panel")).not_to_contain_text("Öztürk")
    expect(desktop.locator("#alerts-panel")).to_contain_text("Rien à signaler")


def test_relais_edits_languages_on_a_phone(phone):
    relais = make_relais(first_name="Radka")
    make_languages(relais, "bg")
    relais.user.set_password(PASSWORD)
    relais.user.save()
    login(phone, relais.user.username)

    phone.get_by_role("link", name="Mon profil et mes langues").click()
    expect(phone.get_by_label("Bulgare")).to_be_checked()
    phone.get_by_label("Romani").check()
    phone.get_by_label("Bulgare").uncheck()
    phone.locator("#id_phone").fill("+359 88 123 4567")
    phone.get_by_role("button", name="Enregistrer").click()
    expect(phone.locator(".alert-success")).to_contain_text("profil est enregistré")
    expect(phone.get_by_label("Romani")).to_be_checked()
    expect(phone.get_by_label("Bulgare")).not_to_be_checked()
    relais.refresh_from_db()
    assert relais.language_codes == ["rom"]
    assert relais.phone == "+359881234567"
