"""The relais' phone never loses an entry: the outbox, drafts and an expired session,
in Chromium at phone size (docs/offline.md). Service workers run on
http://localhost in Chromium, so the live server is enough."""

import re
import time

from django.utils import timezone
from playwright.sync_api import expect

from prestations.models import DefraiementLine, Prestation, Situation
from relais.models import Regime
from tests.browser.conftest import PASSWORD, login
from tests.factories.prestations import make_prestation
from tests.factories.relais import make_regime, make_relais

QUICK = "/prestations/sortie/"
OUTBOX = "/prestations/hors-ligne/"


def relais_on(phone):
    relais = make_relais(first_name="Aïcha")
    relais.user.set_password(PASSWORD)
    relais.user.save()
    login(phone, relais.user.username)
    return relais


# The service worker has kept the outing form, the outbox page and the situation
# form of a waiting outing (page.evaluate awaits the promise; wait_for_function
# would take the promise itself as true).
PAGES_KEPT = """caches.open('tisseurs-pages').then(c => c.keys()).then(keys =>
    keys.some(r => r.url.endsWith('/prestations/hors-ligne/'))
    && keys.some(r => r.url.endsWith('/prestations/sortie/'))
    && keys.some(r => r.url.includes('/cle/00000000-0000-0000-0000-000000000000/')))"""


def wait_for_worker(page):
    """The service worker controls the page, and has kept the relais pages."""
    page.goto("/aujourdhui/")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    deadline = time.monotonic() + 20
    while not page.evaluate(PAGES_KEPT):
        assert time.monotonic() < deadline, "the service worker kept no pages"
        time.sleep(0.2)


def eventually(check, timeout=15):
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.2)


def fill_bare_outing(page):
    page.get_by_text("Point mobile (triporteur)").click()
    page.get_by_text("Tournée de rue").click()
    page.locator("input[name=people_met]").fill("4")


def test_an_outing_saved_offline_arrives_exactly_once(offline_phone):
    phone = offline_phone
    relais = relais_on(phone)
    wait_for_worker(phone)
    phone.goto(QUICK)
    fill_bare_outing(phone)

    phone.context.set_offline(True)
    phone.get_by_role("button", name="Enregistrer (pas de situation)").click()
    expect(phone).to_have_url(re.compile(f"{OUTBOX}$"))
    expect(phone.get_by_role("heading", level=1)).to_have_text("En attente d'envoi")
    expect(phone.locator("[data-outbox-status]")).to_have_text(
        "1 sortie en attente d'envoi"
    )
    expect(phone.locator(".outbox-entry")).to_have_count(1)
    expect(phone.locator(".outbox-entry")).to_contain_text("En attente d'envoi")
    assert not Prestation.objects.exists()

    # Still offline: the page opens from the phone, the entry still waits.
    phone.reload()
    expect(phone.locator(".outbox-entry")).to_have_count(1)
    assert not Prestation.objects.exists()

    phone.context.set_offline(False)
    eventually(lambda: Prestation.objects.filter(relais=relais).count() == 1)
    expect(phone.locator(".outbox-entry")).to_have_count(0)
    expect(phone.locator("[data-outbox-status]")).to_have_text(
        "Rien n'attend : tout est envoyé."
    )
    # Sending again (another tab, a lost answer) stores nothing more.
    phone.get_by_role("button", name="Envoyer maintenant").click()
    phone.evaluate("window.tisseursOutbox.flush(true)")
    prestation = Prestation.objects.get(relais=relais)
    assert prestation.people_met == 4 and prestation.client_uuid is not None


# What the phone would hold had the answer been lost on the way back: the same
# entry, with its key, still waiting in the outbox.
KEEP_AS_SENT = """() => {
  const form = document.querySelector('form[data-outbox]');
  const fields = [...new FormData(form)]
    .filter(([name]) => name !== 'csrfmiddlewaretoken');
  fields.push(['done', '1']);
  window.__sent = {fields, key: form.querySelector('[name=client_uuid]').value,
                   url: location.pathname};
  sessionStorage.setItem('sent', JSON.stringify(window.__sent));
}"""
PUT_BACK = """() => new Promise(resolve => {
  const sent = JSON.parse(sessionStorage.getItem('sent'));
  const user = document.querySelector('meta[name=tisseurs-offline]').dataset.user;
  const open = indexedDB.open('tisseurs', 1);
  open.onsuccess = () => {
    const tx = open.result.transaction('outbox', 'readwrite');
    tx.objectStore('outbox').put({id: sent.key, user, kind: 'sortie', url: sent.url,
      page: sent.url, label: '', fields: sent.fields, status: 'waiting', errors: {},
      createdAt: Date.now()});
    tx.oncomplete = () => resolve(sent.key);
  };
})"""


def test_an_entry_sent_again_after_a_lost_answer_is_stored_once(offline_phone):
    phone = offline_phone
    """The server stored the outing but the phone never heard: the entry waits
    again and is resent; the server answers the stored outing."""
    relais = relais_on(phone)
    phone.goto(QUICK)
    fill_bare_outing(phone)
    phone.evaluate(KEEP_AS_SENT)
    phone.get_by_role("button", name="Enregistrer (pas de situation)").click()
    expect(phone.get_by_role("heading", level=1)).not_to_have_text("Noter une sortie")
    key = phone.evaluate(PUT_BACK)
    posts = []
    phone.on("request", lambda r: posts.append(r.url) if r.method == "POST" else None)
    phone.goto(OUTBOX)
    # Listed, resent at once, answered as stored, and gone from the list.
    expect(phone.locator("[data-outbox-status]")).to_have_text(
        "Rien n'attend : tout est envoyé."
    )
    assert [url.removeprefix(phone.url.split("/prestations")[0]) for url in posts] == [
        QUICK
    ]
    prestation = Prestation.objects.get(relais=relais)
    assert str(prestation.client_uuid) == key


def test_a_situation_saved_offline_waits_then_arrives(offline_phone):
    phone = offline_phone
    relais = relais_on(phone)
    prestation = make_prestation(relais=relais)
    wait_for_worker(phone)
    url = f"/prestations/sortie/{prestation.pk}/situation/"
    phone.goto(url)
    phone.locator(".tile label").first.click()
    phone.get_by_label("Langue utilisée").select_option("ar")
    phone.get_by_label("J'ai dit à la personne ce que je note").check()
    phone.context.set_offline(True)
    phone.get_by_role("button", name="Enregistrer, c'est fini").click()
    expect(phone.locator(".outbox-entry")).to_have_count(1)
    expect(phone.locator("[data-outbox-status]")).to_have_text(
        "1 situation en attente d'envoi"
    )
    # The relais home shows it too, with its count.
    phone.goto("/aujourdhui/")
    expect(phone.locator("[data-outbox-link]")).to_be_visible()
    expect(phone.locator("[data-outbox-count]")).to_have_text("1")
    expect(phone.locator("[data-outbox-banner]")).to_contain_text(
        "1 situation en attente d'envoi"
    )
    phone.context.set_offline(False)  # the network is back: sent on its own
    eventually(lambda: Situation.objects.filter(prestation=prestation).count() == 1)
    expect(phone.locator("[data-outbox-link]")).to_be_hidden()
    assert Situation.objects.get().language == "ar"


def test_a_refused_entry_stays_to_correct_and_opens_with_its_errors(offline_phone):
    phone = offline_phone
    relais = relais_on(phone)
    wait_for_worker(phone)
    phone.goto(QUICK)
    fill_bare_outing(phone)
    phone.get_by_text("Voiture").click()  # without kilometres: refused once sent
    phone.context.set_offline(True)
    phone.get_by_role("button", name="Enregistrer (pas de situation)").click()
    expect(phone.locator(".outbox-entry")).to_have_count(1)
    phone.context.set_offline(False)
    phone.get_by_role("button", name="Envoyer maintenant").click()
    entry = phone.locator(".outbox-entry")
    expect(entry).to_contain_text("À corriger")
    expect(entry).to_contain_text("kilomètres")
    assert not Prestation.objects.exists()

    entry.get_by_role("link", name="Corriger").click()
    expect(phone.locator(".outbox-errors")).to_be_focused()
    expect(phone.locator(".outbox-errors")).to_contain_text("kilomètres")
    expect(phone.locator("input[name=people_met]")).to_have_value("4")
    phone.locator("input[name=travel_km]").fill("12")
    phone.get_by_role("button", name="Enregistrer (pas de situation)").click()
    expect(phone.get_by_role("heading", level=1)).not_to_have_text("Noter une sortie")
    prestation = Prestation.objects.get(relais=relais)
    assert prestation.travel_km == 12 and prestation.people_met == 4
    phone.goto(OUTBOX)
    expect(phone.locator(".outbox-entry")).to_have_count(0)


def test_a_draft_survives_a_reload(offline_phone):
    phone = offline_phone
    relais_on(phone)
    phone.goto(QUICK)
    fill_bare_outing(phone)
    phone.locator("textarea[name=note]").fill("Beaucoup de monde à la gare")
    phone.wait_for_timeout(500)
    phone.reload()
    expect(phone.locator(".outbox-notice")).to_contain_text("Brouillon repris")
    expect(phone.locator("input[name=people_met]")).to_have_value("4")
    expect(phone.locator("textarea[name=note]")).to_have_value(
        "Beaucoup de monde à la gare"
    )
    expect(phone.get_by_label("Tournée de rue")).to_be_checked()
    phone.get_by_role("button", name="Enregistrer (pas de situation)").click()
    expect(phone.get_by_role("heading", level=1)).not_to_have_text("Noter une sortie")
    # Saved: the draft is gone.
    phone.goto(QUICK)
    expect(phone.locator(".outbox-notice")).to_have_count(0)
    expect(phone.locator("textarea[name=note]")).to_have_value("")


def test_an_expired_session_returns_to_the_form_with_its_draft(offline_phone):
    phone = offline_phone
    relais = relais_on(phone)
    phone.goto(QUICK)
    fill_bare_outing(phone)
    phone.locator("textarea[name=note]").fill("Distribution de soupe")
    phone.wait_for_timeout(500)
    phone.context.clear_cookies(name="sessionid")  # the session ended meanwhile
    phone.get_by_role("button", name="Enregistrer (pas de situation)").click()
    expect(phone.locator("input[name=password]")).to_be_visible()
    assert not Prestation.objects.exists()

    phone.fill("input[name=username]", relais.user.username)
    phone.fill("input[name=password]", PASSWORD)
    phone.click("button[type=submit]")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Noter une sortie")
    expect(phone.locator("textarea[name=note]")).to_have_value("Distribution de soupe")
    expect(phone.locator("input[name=people_met]")).to_have_value("4")
    phone.get_by_role("button", name="Enregistrer (pas de situation)").click()
    expect(phone.get_by_role("heading", level=1)).not_to_have_text("Noter une sortie")
    assert Prestation.objects.get(relais=relais).note == "Distribution de soupe"


def test_signing_out_clears_what_waits_on_the_phone(offline_phone):
    phone = offline_phone
    relais_on(phone)
    wait_for_worker(phone)
    phone.goto(QUICK)
    fill_bare_outing(phone)
    phone.context.set_offline(True)
    phone.get_by_role("button", name="Enregistrer (pas de situation)").click()
    expect(phone.locator(".outbox-entry")).to_have_count(1)
    # Back online, but the server cannot be reached: the entry still waits.
    phone.route("**/prestations/sortie/", lambda route: route.abort())
    phone.context.set_offline(False)
    phone.once("dialog", lambda dialog: dialog.accept())
    phone.get_by_role("button", name="Se déconnecter").click()
    expect(phone.locator("input[name=password]")).to_be_visible()
    left = phone.evaluate(
        """new Promise(resolve => {
             const open = indexedDB.open('tisseurs', 1);
             open.onsuccess = () => {
               const store = open.result.transaction('outbox').objectStore('outbox');
               const request = store.count();
               request.onsuccess = () => resolve(request.result);
             };
           }).then(n => caches.has('tisseurs-pages').then(pages => [n, pages]))"""
    )
    assert left == [0, False]
    assert not Prestation.objects.exists()


def test_a_receipt_photo_waits_with_its_outing_and_a_big_one_is_said(offline_phone):
    phone = offline_phone
    relais = relais_on(phone)
    wait_for_worker(phone)
    phone.goto(QUICK)
    fill_bare_outing(phone)
    phone.get_by_text("Transports en commun").click()
    phone.locator("input[name=travel_ticket_amount]").fill("2.10")
    photo = {"name": "ticket.jpg", "mimeType": "image/jpeg", "buffer": b"\xff\xd8\xff"}
    phone.locator("input[name=travel_receipt]").set_input_files(photo)
    phone.context.set_offline(True)
    phone.get_by_role("button", name="Enregistrer (pas de situation)").click()
    expect(phone.locator(".outbox-entry")).to_have_count(1)

    # A photo over 5 MB does not wait on the phone: the outing does, and it says so.
    phone.goto(QUICK)
    fill_bare_outing(phone)
    big = {**photo, "buffer": b"\xff\xd8\xff" + b"\0" * (6 * 1024 * 1024)}
    phone.locator("input[name=travel_receipt]").set_input_files(big)
    phone.get_by_role("button", name="Enregistrer (pas de situation)").click()
    expect(phone.locator(".outbox-entry")).to_have_count(2)
    expect(phone.locator("main .alert-warning").first).to_contain_text("plus de 5 Mo")
    expect(phone.locator(".outbox-entry").nth(1)).to_contain_text("plus de 5 Mo")

    phone.context.set_offline(False)
    # Two sends, one with a 6 MB body: more time on a loaded CI machine.
    eventually(
        lambda: Prestation.objects.filter(relais=relais).count() == 2, timeout=30
    )
    with_photo = Prestation.objects.get(relais=relais, travel_mode="public")
    assert with_photo.travel_receipt.name.endswith(".jpg")
    assert with_photo.travel_receipt.read() == b"\xff\xd8\xff"
    assert not Prestation.objects.get(relais=relais, travel_mode="none").travel_receipt


def test_two_expenses_saved_offline_both_arrive_once(offline_phone):
    phone = offline_phone
    relais = relais_on(phone)
    today = timezone.localdate()
    make_regime(relais, today.year, Regime.FORFAIT)
    make_prestation(relais=relais, date=today)
    wait_for_worker(phone)
    claim = f"/prestations/mon-mois/depense/?month={today:%Y-%m}"
    phone.goto(claim)
    phone.context.set_offline(True)
    for amount in ("2.60", "3.10"):
        phone.goto(claim)
        phone.get_by_label("Transport", exact=True).check()
        phone.get_by_label("Moyen de transport").select_option("public")
        phone.get_by_label("Montant (€) (ticket, dépense)").fill(amount)
        phone.get_by_role("button", name="Ajouter").click()
        expect(phone).to_have_url(re.compile(f"{OUTBOX}$"))
    expect(phone.locator("[data-outbox-status]")).to_have_text(
        "2 dépenses en attente d'envoi"
    )
    phone.context.set_offline(False)
    hand = DefraiementLine.objects.filter(prestation__isnull=True)
    eventually(lambda: hand.count() == 2)
    expect(phone.locator(".outbox-entry")).to_have_count(0)
    amounts = sorted(str(a) for a in hand.values_list("amount", flat=True))
    assert amounts == ["2.60", "3.10"]
    # Besides them, only the day's forfait, derived from the outing once.
    assert DefraiementLine.objects.filter(prestation__isnull=False).count() == 1


def test_a_situation_of_an_outing_kept_offline_follows_it(offline_phone):
    phone = offline_phone
    relais = relais_on(phone)
    wait_for_worker(phone)
    phone.goto(QUICK)
    fill_bare_outing(phone)
    phone.context.set_offline(True)
    phone.get_by_role("button", name="Enregistrer et noter une situation").click()
    expect(phone.locator("main")).to_contain_text("Pour la sortie en attente d'envoi")
    phone.locator(".tile label").first.click()
    phone.get_by_label("Langue utilisée").select_option("tr")
    phone.get_by_label("J'ai dit à la personne ce que je note").check()
    phone.get_by_role("button", name="Enregistrer, c'est fini").click()
    expect(phone.locator("[data-outbox-status]")).to_have_text(
        "1 sortie en attente d'envoi · 1 situation en attente d'envoi"
    )
    phone.context.set_offline(False)
    eventually(lambda: Situation.objects.filter(prestation__relais=relais).exists())
    expect(phone.locator(".outbox-entry")).to_have_count(0)
    situation = Situation.objects.get()
    assert situation.language == "tr"
    assert situation.prestation == Prestation.objects.get(relais=relais)
