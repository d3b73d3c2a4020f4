"""Coordination records the attendance of a whole training in one submit on a
desktop: an excused relais gets 0 hours, only presences count hours; then edits a
document's expiry date and sees the badge."""

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.axe import axe_violations
from tests.browser.conftest import PASSWORD, login
from tests.factories.accounts import make_user
from tests.factories.relais import (
    make_document,
    make_formation,
    make_formation_attendance,
    make_relais,
)

SHOTS = "/tmp/shots/trainings"


def test_coordination_records_a_whole_training_in_one_submit(desktop):
    make_user(role="coordination", username="camille", password=PASSWORD)
    anna = make_relais(first_name="Anna", last_name="Dupont")
    bruno = make_relais(first_name="Bruno", last_name="Martin")
    chris = make_relais(first_name="Chris", last_name="Peeters")
    formation = make_formation(
        title="Écoute active", duration_hours=Decimal("3"), date=date(2026, 11, 20)
    )
    login(desktop, "camille")
    desktop.goto(formation.get_absolute_url())

    desktop.get_by_label("Anna Dupont", exact=True).select_option("present")
    expect(desktop.locator(f"#id_r{anna.pk}-hours")).to_have_value("3.0")
    desktop.get_by_label("Bruno Martin", exact=True).select_option("excused")
    # the page sets an absence's hours to 0 as soon as it is chosen
    expect(desktop.locator(f"#id_r{bruno.pk}-hours")).to_have_value("0")
    desktop.get_by_label("Chris Peeters", exact=True).select_option("absent")
    desktop.locator(f"#id_r{anna.pk}-hours").fill("2.5")
    desktop.screenshot(path=f"{SHOTS}/attendance_filled.png", full_page=True)
    desktop.get_by_role("button", name="Enregistrer les présences").click()

    expect(desktop.locator(".alert-success").first).to_contain_text(
        "Les présences sont enregistrées."
    )
    expect(desktop.locator("#attendance-summary")).to_contain_text(
        "1 présence enregistrée."
    )
    rows = {a.relais_id: (a.status, a.hours) for a in formation.attendances.all()}
    assert rows == {
        anna.pk: ("present", Decimal("2.5")),
        bruno.pk: ("excused", Decimal(0)),
        chris.pk: ("absent", Decimal(0)),
    }
    assert axe_violations(desktop) == []
    desktop.screenshot(path=f"{SHOTS}/attendance_saved.png", full_page=True)

    desktop.goto(anna.get_absolute_url())
    expect(desktop.locator("#training-hours")).to_contain_text(
        "2,5 heures de formation suivies"
    )
    desktop.goto(bruno.get_absolute_url())
    expect(desktop.locator("#training-hours")).to_contain_text(
        "0 heures de formation suivies"
    )


def test_coordination_sets_a_document_expiry_and_sees_the_badge(desktop):
    make_user(role="coordination", username="camille", password=PASSWORD)
    anna = make_relais(first_name="Anna", last_name="Dupont")
    make_document(anna, title="Titre de séjour")
    login(desktop, "camille")
    desktop.goto(anna.get_absolute_url())
    desktop.locator("#documents").get_by_role("link", name="modifier").click()
    soon = timezone.localdate() + timedelta(days=10)
    desktop.locator("#id_expires_on").fill(soon.isoformat())
    desktop.get_by_role("button", name="Enregistrer").click()
    expect(desktop.locator(".alert-success").first).to_contain_text(
        "Le document est enregistré."
    )
    expect(desktop.locator("#documents")).to_contain_text("expire bientôt")
    expect(desktop.locator("#relais-alerts")).to_contain_text(
        "Le document « Titre de séjour » expire le"
    )
    desktop.screenshot(path=f"{SHOTS}/relais_file_documents.png", full_page=True)


def test_a_relais_reads_their_trainings_and_documents_on_a_phone(phone):
    user = make_user(role="relais", username="anna", password=PASSWORD)
    anna = make_relais(first_name="Anna", last_name="Dupont", user=user)
    listening = make_formation(title="Écoute active", duration_hours=Decimal("3"))
    privacy = make_formation(title="Secret professionnel", duration_hours=Decimal("2"))
    make_formation_attendance(listening, anna)
    make_formation_attendance(privacy, anna, status="excused", hours=0)
    make_document(
        anna,
        title="Titre de séjour",
        expires_on=timezone.localdate() + timedelta(days=20),
    )
    login(phone, "anna")
    phone.goto("/relais/moi/formations/")
    expect(phone.locator("main")).to_contain_text("3,0 heures de formation suivies.")
    expect(phone.locator("main")).to_contain_text("Présence : oui (3,0 h)")
    expect(phone.locator("main")).to_contain_text("Présence : non, absence excusée")
    assert axe_violations(phone) == []
    phone.screenshot(path=f"{SHOTS}/my_trainings_phone.png", full_page=True)
    phone.goto("/relais/moi/documents/")
    expect(phone.locator("main")).to_contain_text("Valable jusqu'au")
    assert axe_violations(phone) == []
    phone.screenshot(path=f"{SHOTS}/my_documents_phone.png", full_page=True)
