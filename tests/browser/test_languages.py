"""A relais switches to Arabic on a phone: the page turns right-to-left, the bottom
navigation is mirrored, and a note mixing Arabic and French keeps its word order on
the page and in the monthly sheet PDF."""

import re

from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from prestations.services import fiche as fiche_services
from relais.models import Regime
from tests.browser.conftest import PASSWORD, PHONE, login
from tests.factories.accounts import make_user
from tests.factories.prestations import make_prestation
from tests.factories.relais import make_regime, make_relais
from tests.pdf import pdf_text

# "We went to the CPAS de Schaerbeek with Mrs Amina" — Arabic around French words.
NOTE = "ذهبنا إلى CPAS de Schaerbeek مع السيدة أمينة"
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def test_a_relais_reads_the_app_in_arabic(browser_context_for):
    today = timezone.localdate()
    relais = make_relais(first_name="Amina", last_name="El Idrissi")
    relais.user.set_password(PASSWORD)
    relais.user.save()
    make_regime(relais, today.year, Regime.FORFAIT)
    prestation = make_prestation(relais=relais, date=today, note=NOTE)
    coordination = make_user(role="coordination", username="camille")

    phone = browser_context_for(device=PHONE)
    login(phone, relais.user.username)
    phone.get_by_role("button", name="العربية").click()

    # The page is right-to-left, in Arabic, with the RTL stylesheet.
    html = phone.locator("html")
    expect(html).to_have_attribute("dir", "rtl")
    expect(html).to_have_attribute("lang", "ar")
    nav = phone.locator("nav.bottom-nav a")
    expect(nav.first).to_contain_text("اليوم")  # "Aujourd'hui"
    # Mirrored: the first item ("Today") is now on the right-hand side.
    first, last = nav.first.bounding_box(), nav.last.bounding_box()
    assert first["x"] > last["x"]

    # The mixed note, on the outing's page: its own direction, words in order.
    phone.goto(prestation.get_absolute_url())
    note = phone.locator("main p[dir=auto]", has_text="CPAS")
    expect(note).to_have_text(NOTE)
    assert note.evaluate("p => getComputedStyle(p).direction") == "rtl"

    # The month is validated; the relais opens the stored PDF in Arabic.
    relais.user.refresh_from_db()
    assert relais.user.language == "ar"  # the switch is remembered on the account
    fiche = fiche_services.fiche_for(relais=relais, month=today.replace(day=1))
    # Sent before the month ends: the relais confirmed it a second time. Sending
    # derives the outing's forfait line.
    fiche_services.fiche_submit(fiche=fiche, by=relais.user, early_confirmed=True)
    assert fiche.lines.get().prestation == prestation
    fiche_services.fiche_validate(fiche=fiche, by=coordination)
    phone.goto("/prestations/mon-mois/")
    link = phone.get_by_role("link", name="اعرض PDF")
    response = phone.request.get(link.get_attribute("href"))
    assert response.ok
    pdf = response.body()
    # pdftotext marks the direction of each run with Unicode bidi controls.
    text = BIDI_CONTROLS.sub("", pdf_text(pdf))
    assert "الشهرية" in text  # "Fiche mensuelle"
    # The note comes out in reading order: Arabic, the French name, then Arabic.
    words = " ".join(text.split())
    parts = ["ذهبنا إلى", "CPAS de Schaerbeek", "مع السيدة", "أمينة"]
    positions = [words.find(part) for part in parts]
    assert -1 not in positions and positions == sorted(positions), positions


def test_the_theme_tiles_read_in_arabic_on_a_phone(browser_context_for):
    relais = make_relais(first_name="Amina", last_name="El Idrissi")
    relais.user.language = "ar"
    relais.user.set_password(PASSWORD)
    relais.user.save()
    prestation = make_prestation(relais=relais, date=timezone.localdate())

    phone = browser_context_for(device=PHONE)
    login(phone, relais.user.username)
    expect(phone.locator("html")).to_have_attribute("lang", "ar")
    phone.screenshot(path="/tmp/shots/polish16/ar-today.png", full_page=True)
    phone.goto(reverse("prestations:prestation_quick"))
    expect(phone.locator(".tiles").first).to_be_visible()
    phone.screenshot(path="/tmp/shots/polish16/ar-outing.png", full_page=True)
    phone.goto(reverse("prestations:situation_add", args=[prestation.pk]))
    tiles = phone.locator(".tiles label")
    expect(tiles.filter(has_text="حق الإقامة")).to_be_visible()  # "Droit de séjour"
    expect(tiles.filter(has_text="الصحة النفسية")).to_be_visible()
    expect(phone.locator("main")).not_to_contain_text("Santé mentale")
    phone.screenshot(path="/tmp/shots/polish16/ar-situation.png", full_page=True)
