"""A relais suggests an informal resource from the phone; coordination accepts it
on the desktop; the relais then finds it in the search."""

from playwright.sync_api import expect

from ressources.models import Service, Suggestion
from tests.browser.conftest import PASSWORD, login
from tests.factories.accounts import make_user
from tests.factories.relais import make_relais


def test_relais_suggestion_accepted_by_coordination(phone, desktop):
    relais = make_relais(first_name="Aïcha")
    relais.user.set_password(PASSWORD)
    relais.user.save()
    make_user(role="coordination", username="camille", password=PASSWORD)

    login(phone, relais.user.username)
    phone.goto("/ressources/")
    phone.get_by_role("link", name="Proposer une ressource").click()
    phone.get_by_label("Nom").fill("Café Le Lien")
    phone.get_by_label("Ce qu'on y trouve").fill("Le patron prête son téléphone.")
    phone.get_by_label("Code postal").fill("1030")
    phone.get_by_label("Téléphone").fill("12")
    phone.get_by_role("button", name="Envoyer à la coordination").click()
    expect(phone.locator(".invalid-feedback")).to_contain_text("pas valide")
    expect(phone.get_by_label("Nom")).to_have_value("Café Le Lien")
    phone.get_by_label("Téléphone").fill("")
    phone.get_by_label("Arabe", exact=True).check()
    phone.get_by_role("button", name="Envoyer à la coordination").click()
    expect(phone.locator(".alert-success")).to_contain_text("Merci")
    expect(phone.locator("main")).to_contain_text("En attente")

    login(desktop, "camille")
    desktop.goto("/ressources/propositions/")
    desktop.get_by_role("button", name="Accepter et appliquer").click()
    expect(desktop.locator(".alert-success")).to_contain_text("Café Le Lien")
    assert Suggestion.objects.get().status == Suggestion.Status.ACCEPTED

    phone.goto("/ressources/?q=cafe+lien")
    result = phone.locator(".resource-result")
    expect(result).to_have_count(1)
    expect(result).to_contain_text("Informel")
    expect(result).to_contain_text("Arabe")
    assert not Service.objects.get().is_formal
