"""The page cache seen from a phone and a desk: a page seen again comes from memory,
and what a relais just logged shows at once, on their phone and at coordination."""

from django.core.cache import caches
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import PASSWORD, login
from tests.factories.prestations import make_prestation
from tests.factories.relais import make_relais
from tests.personas import make_coordination


def _cached_pages() -> int:
    # The live server runs in this process: its local-memory cache is this one.
    return len(caches["pages"]._cache)


def test_an_outing_logged_shows_at_once_where_the_page_was_cached(phone, desktop):
    relais = make_relais(first_name="Aïcha")
    relais.user.set_password(PASSWORD)
    relais.user.save()
    today = timezone.localdate()
    make_prestation(relais=relais, date=today, people_met=2)

    login(phone, relais.user.username)
    nav = phone.get_by_role("navigation", name="Navigation principale")
    nav.get_by_role("link", name="Mes sorties").click()
    rows = phone.locator("main a.d-block[href^='/prestations/sortie/']")
    expect(rows).to_have_count(1)
    kept = _cached_pages()
    assert kept >= 2  # the today page and the list
    nav.get_by_role("link", name="Aujourd'hui").click()
    expect(phone.get_by_role("heading", level=1)).to_contain_text("Aïcha")
    nav.get_by_role("link", name="Mes sorties").click()
    expect(rows).to_have_count(1)
    assert _cached_pages() == kept  # both seen again from the cache

    coordination = make_coordination()
    coordination.set_password(PASSWORD)
    coordination.save()
    login(desktop, coordination.username)
    listing = reverse("prestations:prestation_list")
    desktop.goto(listing)
    desktop.goto(listing)  # seen again: from the cache
    expect(desktop.locator("main")).to_contain_text("Aïcha")
    count_before = desktop.locator("main tbody tr").count()

    # The relais logs a second outing on the phone.
    phone.get_by_role("link", name="Noter une sortie").first.click()
    phone.get_by_text("Point mobile (triporteur)").click()
    phone.get_by_text("Tournée de rue").click()
    phone.get_by_role("button", name="Enregistrer (pas de situation)").click()
    expect(phone.locator(".alert-success")).to_contain_text("Sortie enregistrée")
    nav.get_by_role("link", name="Mes sorties").click()
    expect(rows).to_have_count(2)

    desktop.goto(listing)
    expect(desktop.locator("main tbody tr")).to_have_count(count_before + 1)
