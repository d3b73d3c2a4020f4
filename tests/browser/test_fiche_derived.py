"""Money you can trust, in a browser: a relais on a phone edits the km of an
outing and deletes another, and the month page and the validated PDF show the new
totals; a validation is refused for a relais whose agreement ended; a regime
switch is refused once lines exist; amounts show two decimals."""

from datetime import timedelta
from decimal import Decimal

from django.utils import formats, timezone
from playwright.sync_api import expect

from prestations.models import DefraiementSetting, FicheMensuelle, KmRate, Prestation
from prestations.services import fiche as fiche_services
from prestations.services.legal import car_rate_for, round_cents
from prestations.services.prestation import prestation_save
from relais.models import Regime
from tests.browser.conftest import PASSWORD, PHONE, login
from tests.factories.accounts import make_user
from tests.factories.relais import make_regime, make_relais
from tests.pdf import pdf_text
from tisseurs.months import month_start


def _relais(first_name, last_name, year):
    relais = make_relais(first_name=first_name, last_name=last_name)
    relais.user.set_password(PASSWORD)
    relais.user.save()
    make_regime(relais, year, Regime.FORFAIT)
    return relais


def _outing(relais, day, **travel) -> Prestation:
    prestation = Prestation(relais=relais, date=day, duration_minutes=120, **travel)
    prestation_save(prestation=prestation, by=relais.user)
    return prestation


def _euros(amount: Decimal) -> str:
    return formats.number_format(amount, 2, force_grouping=True)


def _last_month_with_a_km_rate():
    """Last month (over, so it is sent after one confirmation), or the last month
    of the last period whose km rate is known: a car trip is refused on a date no
    rate covers yet (direction enters each rate as it is published)."""
    last_month_end = month_start(timezone.localdate()) - timedelta(days=1)
    system = DefraiementSetting.objects.in_force_on(last_month_end).km_rate_system
    known_until = KmRate.objects.last_known(system).valid_until
    return month_start(min(last_month_end, known_until))


def test_edited_and_deleted_outings_change_the_month_and_its_pdf(
    browser_context_for, tmp_path
):
    month = _last_month_with_a_km_rate()
    first, second = month + timedelta(days=2), month + timedelta(days=4)
    aicha = _relais("Aïcha", "Benali", month.year)
    kept = _outing(aicha, first, travel_mode="car", travel_km=Decimal("10"))
    gone = _outing(aicha, second, travel_mode="bike", travel_km=Decimal("5"))
    make_user(role="coordination", username="camille", password=PASSWORD)
    transport = round_cents(40 * car_rate_for(first))
    total = Decimal("25.00") + transport

    phone = browser_context_for(device=PHONE)
    login(phone, aicha.user.username)
    phone.goto(f"/prestations/sortie/{kept.pk}/modifier/")
    phone.get_by_label("Kilomètres").fill("40")
    phone.get_by_role("button", name="Enregistrer").click()
    expect(phone.locator("main")).to_contain_text("votre mois est mis à jour")
    phone.goto(f"/prestations/sortie/{gone.pk}/")
    phone.get_by_role("link", name="Supprimer cette sortie").click()
    phone.get_by_role("button", name="Oui, supprimer").click()
    expect(phone.locator("main")).to_contain_text("avec ses lignes de défraiement")
    phone.goto(f"/prestations/mon-mois/?month={month:%Y-%m}")
    main = phone.locator("main")
    expect(main).to_contain_text(f"{_euros(total)} €")
    expect(main).to_contain_text(_euros(transport))
    expect(main).to_contain_text("40,0 km")
    phone.screenshot(path=tmp_path / "month.png", full_page=True)
    phone.get_by_role("link", name="Envoyer mon mois").click()
    expect(phone.locator("[data-total]")).to_have_text(f"{_euros(total)} €")
    phone.get_by_role("button", name="Envoyer mon mois").click()
    expect(main).to_contain_text("Votre mois est envoyé")

    desktop = browser_context_for()
    login(desktop, "camille")
    desktop.goto(f"/prestations/fiches/?month={month:%Y-%m}")
    expect(desktop.get_by_role("row", name="Aïcha Benali")).to_contain_text(
        _euros(total)
    )
    desktop.get_by_role("row", name="Aïcha Benali").get_by_role(
        "link", name="Ouvrir"
    ).click()
    desktop.get_by_role("button", name="Valider").click()
    expect(desktop.locator("main")).to_contain_text("Fiche validée")
    href = desktop.get_by_role("link", name="Ouvrir le PDF").get_attribute("href")
    pdf = desktop.request.get(href).body()
    (tmp_path / "fiche.pdf").write_bytes(pdf)
    text = pdf_text(pdf)
    assert _euros(total) in text and _euros(transport) in text
    assert "Vélo" not in text  # the deleted bike trip is gone


def test_refused_validation_and_regime_switch(browser_context_for, tmp_path):
    month = month_start(month_start(timezone.localdate()) - timedelta(days=1))
    day = month + timedelta(days=3)
    bruno = _relais("Bruno", "Lambert", month.year)
    _outing(bruno, day, travel_mode="public", travel_ticket_amount=Decimal("2.1"))
    fiche = FicheMensuelle.objects.get(relais=bruno, month=month)
    fiche_services.fiche_submit(fiche=fiche, by=bruno.user)
    bruno.conventions.update(end_date=month)  # the agreement ended before the day
    make_user(role="coordination", username="camille", password=PASSWORD)

    desktop = browser_context_for()
    login(desktop, "camille")
    desktop.goto(f"/prestations/fiches/{fiche.pk}/")
    expect(desktop.locator("main")).to_contain_text("2,10")
    desktop.get_by_role("button", name="Valider").click()
    main = desktop.locator("main")
    expect(main).to_contain_text("ne respecte plus toutes les règles")
    expect(main).to_contain_text(
        f"Aucune convention de volontariat valable le {day:%d/%m/%Y}."
    )
    desktop.screenshot(path=tmp_path / "refused.png", full_page=True)
    fiche.refresh_from_db()
    assert fiche.status == FicheMensuelle.Status.SUBMITTED

    # Coordination's home lists what the ended agreement blocks.
    desktop.goto("/coordination/")
    blocked = desktop.locator("#blocked-panel")
    expect(blocked).to_contain_text("Bruno Lambert")
    expect(blocked).to_contain_text("Fiches à régler")
    desktop.screenshot(path=tmp_path / "home.png")

    desktop.goto(bruno.get_absolute_url())
    desktop.get_by_label("Année").fill(str(month.year))
    desktop.get_by_role("radio", name="Frais réels").check()
    desktop.get_by_label("Raison d'une correction").fill("Il préfère")
    desktop.get_by_role("button", name="Enregistrer le régime").click()
    expect(main).to_contain_text(
        f"Le régime de {month.year} (Forfait) ne peut plus changer : 2 lignes"
    )
    expect(main).to_contain_text("art. 10")
    desktop.screenshot(path=tmp_path / "regime.png", full_page=True)
    assert bruno.regime_for(month.year) == Regime.FORFAIT
