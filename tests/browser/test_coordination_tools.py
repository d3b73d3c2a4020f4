"""Coordination's everyday tools in a browser: the search box in the menu, the
journal on a relais file, and a message to every relais read on a phone."""

import os
import re

from playwright.sync_api import expect

from activites.models import Activite
from home.models import MessageRecipient
from relais.models import JournalEntry
from tests.browser.axe import axe_violations
from tests.browser.conftest import PASSWORD, login
from tests.factories.accounts import make_user
from tests.factories.activites import make_activite
from tests.factories.relais import make_relais
from tisseurs.roles import RELAIS

SHOTS = os.environ.get("TISSEURS_SCREENSHOTS", "")


def _coordinator():
    return make_user(role="coordination", username="camille", password=PASSWORD)


def test_coordination_searches_and_opens_a_result(desktop):
    _coordinator()
    elodie = make_relais(first_name="Élodie", last_name="Vandamme")
    make_activite(title="Café-rencontre du jeudi", place="Maison médicale")
    login(desktop, "camille")
    search = desktop.get_by_role("search").get_by_label("Rechercher")
    search.fill("elodie")
    search.press("Enter")
    expect(desktop.get_by_role("heading", level=1)).to_have_text("Recherche")
    results = desktop.locator("#results-relais")
    expect(results).to_contain_text("1")
    desktop.fill("#search-q", "CAFE")
    desktop.get_by_role("button", name="Chercher").last.click()
    expect(desktop.locator("#results-activities")).to_contain_text(
        "Café-rencontre du jeudi"
    )
    if SHOTS:
        desktop.screenshot(path=f"{SHOTS}/search.png", full_page=True)
    assert axe_violations(desktop) == []
    desktop.fill("#search-q", "élodie")
    desktop.get_by_role("button", name="Chercher").last.click()
    desktop.locator("#results-relais").get_by_role("link", name="Élodie").click()
    expect(desktop).to_have_url(re.compile(re.escape(elodie.get_absolute_url()) + "$"))
    assert Activite.objects.count() == 1


def test_coordination_writes_a_journal_entry(desktop):
    _coordinator()
    relais = make_relais(first_name="Nadia", last_name="Benali")
    login(desktop, "camille")
    desktop.goto(relais.get_absolute_url())
    journal = desktop.locator("#journal")
    journal.get_by_label("Type").select_option("call")
    journal.get_by_label("Texte").fill("Elle souhaite réduire à 2 sorties par mois.")
    journal.get_by_role("button", name="Ajouter au journal").click()
    expect(desktop.locator(".alert-success").first).to_contain_text(
        "ajoutée au journal"
    )
    expect(desktop.locator("#journal .journal-text")).to_have_text(
        "Elle souhaite réduire à 2 sorties par mois."
    )
    if SHOTS:
        desktop.locator("#journal").screenshot(path=f"{SHOTS}/journal.png")
    entry = JournalEntry.objects.get()
    assert entry.author.username == "camille"


def test_coordination_sends_to_all_and_a_relais_reads_it_on_the_phone(desktop, phone):
    _coordinator()
    make_relais(
        first_name="Yasmina",
        last_name="El Idrissi",
        email="yasmina@example.org",
        user=make_user(role=RELAIS, username="yasmina", password=PASSWORD),
    )
    login(desktop, "camille")
    desktop.get_by_role("link", name="Messages").click()
    desktop.get_by_role("link", name="Écrire un message").click()
    desktop.get_by_label("Objet").fill("Réunion de jeudi")
    desktop.get_by_label("Message").fill("Rendez-vous jeudi à 14 h à la Maison.")
    desktop.get_by_label("Tous les relais actifs").check()
    if SHOTS:
        desktop.screenshot(path=f"{SHOTS}/message-form.png", full_page=True)
    desktop.get_by_role("button", name="Envoyer").click()
    expect(desktop.locator(".alert-success")).to_contain_text("envoyé à 1 relais")
    expect(desktop.get_by_role("heading", level=2)).to_contain_text("Lu par 0")

    login(phone, "yasmina")
    panel = phone.locator(".message-panel")
    expect(panel).to_contain_text("Réunion de jeudi")
    expect(panel.locator("p[dir=auto]")).to_have_text(
        "Rendez-vous jeudi à 14 h à la Maison."
    )
    assert axe_violations(phone) == []
    if SHOTS:
        phone.screenshot(path=f"{SHOTS}/relais-home-message.png", full_page=True)
    panel.get_by_role("button", name="J'ai lu").click()
    expect(phone.locator(".message-panel")).to_have_count(0)
    assert MessageRecipient.objects.get().is_read

    desktop.reload()
    expect(desktop.get_by_role("heading", level=2)).to_contain_text("Lu par 1")
    if SHOTS:
        desktop.screenshot(path=f"{SHOTS}/message-detail.png", full_page=True)
