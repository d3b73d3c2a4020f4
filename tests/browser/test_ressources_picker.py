"""The orientation picker: search-as-you-type with JavaScript, and the same
narrowing without it (the "Chercher" button)."""

from playwright.sync_api import expect

from tests.browser.conftest import PASSWORD, PHONE, login
from tests.factories.relais import make_relais
from tests.factories.ressources import make_service


def _relais_on(page):
    relais = make_relais(first_name="Aïcha")
    relais.user.set_password(PASSWORD)
    relais.user.save()
    login(page, relais.user.username)


def test_picker_narrows_as_the_relais_types_and_prints_the_sheet(phone):
    make_service(name="Maison médicale du Nord", phone="02 218 56 08")
    make_service(name="Épicerie sociale")
    _relais_on(phone)
    phone.goto("/ressources/selection/")
    phone.get_by_placeholder("Chercher une ressource").press_sequentially("maison")
    box = phone.get_by_label("Maison médicale du Nord")
    expect(box).to_be_visible()
    expect(phone.get_by_label("Épicerie sociale")).to_have_count(0)
    box.check()
    phone.get_by_role("button", name="Afficher la feuille").click()
    expect(phone.locator(".selection-card")).to_have_count(1)
    expect(phone.locator(".selection-card")).to_contain_text("02 218 56 08")


def test_picker_works_without_javascript(live_browser, live_server):
    make_service(name="Maison médicale du Nord")
    make_service(name="Épicerie sociale")
    context = live_browser.new_context(
        **PHONE,
        java_script_enabled=False,
        base_url=live_server.url,
        locale="fr-BE",
    )
    context.set_default_timeout(10_000)
    try:
        page = context.new_page()
        _relais_on(page)
        page.goto("/ressources/selection/")
        page.get_by_placeholder("Chercher une ressource").fill("maison")
        page.get_by_role("button", name="Chercher", exact=True).click()
        box = page.get_by_label("Maison médicale du Nord")
        expect(box).to_be_visible()
        expect(page.get_by_label("Épicerie sociale")).to_have_count(0)
        box.check()
        page.get_by_role("button", name="Afficher la feuille").click()
        expect(page.locator(".selection-card")).to_have_count(1)
    finally:
        context.close()
