"""The monthly cycle in a browser: a relais on a phone submits the month;
coordination returns it with a comment; the relais corrects and resubmits;
coordination validates and opens the PDF; direction downloads the payment files,
marks the SEPA file paid on a date and reads the fiche's history tab."""

import os
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

from django.utils import timezone
from playwright.sync_api import expect

from prestations.models import DefraiementSetting, FicheMensuelle, Prestation
from prestations.services.prestation import prestation_save
from prestations.services.sepa import NAMESPACE
from relais.models import Regime
from tests.browser.conftest import PASSWORD, PHONE, login
from tests.factories.accounts import make_user
from tests.factories.relais import make_iban, make_regime, make_relais


def _screenshot(page, name: str) -> None:
    """Save a screenshot to look at when TISSEURS_SCREENSHOTS names a folder."""
    if folder := os.environ.get("TISSEURS_SCREENSHOTS"):
        page.screenshot(path=Path(folder) / name, full_page=True)


def send_month(phone):
    """ "Envoyer mon mois", its confirmation page, and the second confirmation
    asked before the month's last day."""
    phone.get_by_role("link", name="Envoyer mon mois").click()
    expect(phone.locator("main")).to_contain_text("Total")
    phone.get_by_role("button", name="Envoyer mon mois").click()
    # Wait for the next page before looking for the second question: checking at
    # once may look at the page being left.
    again = phone.get_by_role("button", name="Oui, envoyer avant la fin du mois")
    sent = phone.get_by_text("Votre mois est envoyé")
    expect(again.or_(sent).first).to_be_visible()
    if again.is_visible():
        again.click()
    expect(phone.locator("main")).to_contain_text("Votre mois est envoyé")


def test_monthly_cycle_from_phone_to_payment(browser_context_for):
    today = timezone.localdate()
    relais = make_relais(
        first_name="Aïcha",
        last_name="Benali",
        iban=make_iban(1234567, bank="096", grouped=True),
    )
    relais.user.set_password(PASSWORD)
    relais.user.save()
    make_regime(relais, today.year, Regime.FORFAIT)
    prestation_save(
        prestation=Prestation(relais=relais, date=today, duration_minutes=90)
    )
    make_user(role="coordination", username="camille", password=PASSWORD)
    make_user(role="direction", username="luc", password=PASSWORD)
    DefraiementSetting.objects.update(
        payer_name="Tisseurs ASBL", payer_iban="BE62510007547061"
    )

    # The relais, on a phone, builds and submits the month.
    phone = browser_context_for(device=PHONE)
    login(phone, relais.user.username)
    phone.locator("nav.bottom-nav").get_by_text("Mon mois").click()
    expect(phone.locator("main")).to_contain_text("Forfait journalier")
    send_month(phone)

    # Coordination returns it with a comment.
    desktop = browser_context_for()
    login(desktop, "camille")
    desktop.goto("/prestations/fiches/")
    desktop.get_by_role("row", name="Aïcha Benali").get_by_role(
        "link", name="Ouvrir"
    ).click()
    desktop.get_by_label("Commentaire pour le relais").fill(
        "Ajoutez votre ticket de tram."
    )
    desktop.get_by_role("button", name="Renvoyer au relais").click()
    expect(desktop.locator("main")).to_contain_text("Fiche renvoyée au relais")

    # The relais sees the comment, adds the ticket and resubmits.
    phone.goto("/prestations/mon-mois/")
    expect(phone.locator("main")).to_contain_text("Ajoutez votre ticket de tram.")
    phone.get_by_role("link", name="Ajouter une dépense").click()
    phone.get_by_role("radio", name="Transport").check()
    phone.get_by_label("Moyen de transport").select_option("public")
    phone.get_by_label("Montant (€) (ticket, dépense)").fill("2.60")
    phone.get_by_role("button", name="Ajouter").click()
    expect(phone.locator("main")).to_contain_text("Dépense ajoutée")
    send_month(phone)

    # Coordination validates and opens the stored PDF.
    desktop.reload()
    desktop.get_by_role("button", name="Valider").click()
    expect(desktop.locator("main")).to_contain_text("Fiche validée")
    pdf_link = desktop.get_by_role("link", name="Ouvrir le PDF")
    response = desktop.request.get(pdf_link.get_attribute("href"))
    assert response.ok and response.body().startswith(b"%PDF")

    # Direction downloads the payment files and marks the month paid.
    direction = browser_context_for()
    login(direction, "luc")
    # Direction's home says which km rate to enter (the seed ends on 31/3/2026).
    if today > date(2026, 3, 1):
        expect(direction.get_by_test_id("km-rate-warning")).to_contain_text(
            "Enregistrez le taux de l'art. 74"
        )
    _screenshot(direction, "direction-home.png")
    direction.goto("/prestations/paiements/")
    expect(direction.locator("main")).to_contain_text("Aïcha Benali")
    with direction.expect_download() as download_info:
        direction.get_by_role("link", name="Fichier de virements SEPA").click()
    xml = open(download_info.value.path(), "rb").read()
    root = ET.fromstring(xml)
    amount = root.find(f".//{{{NAMESPACE}}}InstdAmt")
    assert amount.text == "27.60"
    creditor = root.find(f".//{{{NAMESPACE}}}CdtrAcct//{{{NAMESPACE}}}IBAN")
    assert creditor.text == "BE71096123456769"
    # What the bank reads is in the EPC character set: "Aïcha" becomes "Aicha".
    name = root.find(f".//{{{NAMESPACE}}}Cdtr/{{{NAMESPACE}}}Nm")
    assert name.text == "Aicha Benali"
    # The page now lists the file it produced, by the id the bank sees.
    msg_id = root.find(f".//{{{NAMESPACE}}}MsgId").text
    direction.reload()
    expect(
        direction.get_by_role("heading", name="Fichiers SEPA produits pour ce mois")
    ).to_be_visible()
    expect(direction.locator("main table").last).to_contain_text(msg_id)
    # Direction marks that file paid, on the date the bank paid it.
    row = direction.locator(f"main tr:has-text('{msg_id}')")
    row.get_by_label("Payé le").fill(today.isoformat())
    _screenshot(direction, "payments-mark-paid.png")
    row.get_by_role("button", name="Marquer payée la fiche de ce fichier").click()
    expect(direction.locator("main")).to_contain_text("1 fiche marquée payée.")
    fiche = FicheMensuelle.objects.get(relais=relais)
    assert fiche.status == FicheMensuelle.Status.PAID
    expect(direction.locator(f"#file-{fiche.payment_files.get().pk}")).to_contain_text(
        "Payé le"
    )
    # The paid fiche shows its file and date, and its history tab the changes.
    direction.goto(f"/prestations/fiches/{fiche.pk}/")
    expect(direction.get_by_test_id("paid-by-file")).to_contain_text(msg_id)
    direction.get_by_role("link", name="Historique des changements").click()
    history = direction.locator("main table.history")
    expect(history).to_contain_text("Validée → Payée")
    expect(history).to_contain_text("Ligne Transport")
    expect(history).to_contain_text("— → 2,60")
    _screenshot(direction, "fiche-history.png")
