"""The volunteer agreement and the information note in a browser: coordination
generates a relais' agreement and uploads the signed scan at desktop size; a relais
reads the note and acknowledges it on a phone."""

from django.utils import timezone
from playwright.sync_api import expect

from home.reminders import reminders_send
from tests.browser.conftest import PASSWORD, login
from tests.factories.accounts import make_user
from tests.factories.relais import make_note_version, make_relais
from tests.pdf import pdf_text

SHOTS = "/tmp/shots/agreement"


def test_coordination_generates_the_agreement_and_uploads_the_signed_scan(
    desktop, tmp_path
):
    make_user(role="coordination", username="camille", password=PASSWORD)
    relais = make_relais(first_name="Jan", last_name="Peeters")
    relais.user.language = "nl"
    relais.user.save(update_fields=["language"])
    login(desktop, "camille")
    desktop.get_by_role("link", name="Relais", exact=True).click()
    desktop.get_by_role("link", name="Jan Peeters").click()
    expect(desktop.get_by_text("Signature attendue")).to_be_visible()
    desktop.screenshot(path=f"{SHOTS}/desktop-relais-file-awaiting.png", full_page=True)

    href = desktop.get_by_role(
        "link", name="Générer la convention (PDF)"
    ).get_attribute("href")
    pdf = desktop.request.get(href)
    assert pdf.headers["content-type"] == "application/pdf"
    text = " ".join(pdf_text(pdf.body()).split())
    assert "Vrijwilligersovereenkomst" in text  # the relais' language, not Camille's
    assert "Jan Peeters" in text

    desktop.get_by_role("link", name="Déposer la convention signée").click()
    desktop.get_by_role("button", name="Enregistrer").click()
    expect(desktop.locator("#id_signed_file")).to_have_class("form-control is-invalid")
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(b"%PDF-1.4 convention signee")
    desktop.locator("#id_signed_file").set_input_files(scan)
    desktop.get_by_role("button", name="Enregistrer").click()
    expect(desktop.get_by_text("La convention signée est déposée.")).to_be_visible()
    expect(desktop.get_by_role("link", name="convention signée (scan)")).to_be_visible()
    expect(desktop.get_by_text("Signature attendue")).to_have_count(0)
    desktop.screenshot(path=f"{SHOTS}/desktop-relais-file-signed.png", full_page=True)


def test_relais_reads_and_acknowledges_the_note_on_a_phone(phone):
    relais = make_relais(first_name="Amina")
    relais.user.set_password(PASSWORD)
    relais.user.save()
    make_note_version(
        secrecy="Vous gardez secret ce que vous apprenez sur les personnes."
    )
    reminders_send(today=timezone.localdate())  # what `manage.py daily` does
    login(phone, relais.user.username)

    expect(phone.get_by_text("attend votre lecture")).to_be_visible()
    # The card says it once: the reminder sent is not listed beside it.
    expect(phone.get_by_text("est à lire et à signer")).to_have_count(0)
    phone.screenshot(path=f"{SHOTS}/phone-home-note-card.png", full_page=True)
    phone.get_by_role("link", name="Lire la note").click()
    expect(phone.get_by_role("heading", name="La note d'organisation")).to_be_visible()
    expect(phone.get_by_text("Vous gardez secret ce que vous apprenez")).to_be_visible()
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    phone.screenshot(path=f"{SHOTS}/phone-note.png", full_page=True)

    phone.get_by_role("button", name="J'ai lu la note").click()
    expect(phone.get_by_text("Merci. Vous avez lu la note.")).to_be_visible()
    expect(phone.get_by_text("Vous avez lu cette note le")).to_be_visible()
    expect(phone.get_by_role("button", name="J'ai lu la note")).to_have_count(0)
    phone.screenshot(path=f"{SHOTS}/phone-note-read.png", full_page=True)

    phone.get_by_role("link", name="Aujourd'hui").click()
    expect(phone.get_by_text("attend votre lecture")).to_have_count(0)
    expect(phone.get_by_text("est à lire et à signer")).to_have_count(0)
