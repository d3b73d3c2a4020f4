"""A relais shows the privacy notice "Vos données" on the phone, switches it to the
person's language (Arabic right to left), and opens the PDF to print."""

import os

from playwright.sync_api import expect

from tests.browser.conftest import PASSWORD, login
from tests.factories.relais import make_relais

SHOTS = os.environ.get("TISSEURS_SCREENSHOTS", "")


def test_relais_shows_the_notice_in_the_persons_language(phone):
    relais = make_relais(first_name="Aïcha")
    relais.user.set_password(PASSWORD)
    relais.user.save()
    login(phone, relais.user.username)
    phone.goto("/prestations/vos-donnees/")
    article = phone.locator("article.privacy-notice")
    expect(article.get_by_role("heading", level=1)).to_have_text("Vos données")
    expect(article).to_have_attribute("dir", "ltr")

    phone.get_by_role("link", name="العربية").click()
    expect(article).to_have_attribute("lang", "ar")
    expect(article).to_have_attribute("dir", "rtl")
    expect(article.get_by_role("heading", level=1)).to_have_text("بياناتك")
    # Right to left: the heading hugs the right edge of the panel.
    heading = article.get_by_role("heading", level=1).bounding_box()
    box = article.bounding_box()
    assert heading["x"] + heading["width"] > box["x"] + box["width"] - 40
    # Readable on a phone: nothing wider than the screen.
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    if SHOTS:
        phone.screenshot(path=f"{SHOTS}/notice-ar-phone.png", full_page=True)

    phone.get_by_role("link", name="Română").click()
    expect(article.get_by_role("heading", level=1)).to_have_text("Datele dumneavoastră")
    pdf_link = phone.get_by_role("link", name="PDF à imprimer")
    expect(pdf_link).to_have_attribute("href", "/prestations/vos-donnees/pdf/?lang=ro")
    response = phone.request.get(pdf_link.get_attribute("href"))
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
