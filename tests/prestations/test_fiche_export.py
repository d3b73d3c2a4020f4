"""The accounting export of défraiement lines: explicit columns, no IBAN."""

from datetime import date
from decimal import Decimal

from prestations.admin import DefraiementLineResource
from prestations.services import derived
from relais.models import Regime
from tests.factories.prestations import make_fiche, make_prestation
from tests.factories.relais import make_regime


def test_export_lists_lines_with_their_relais_and_month(relais_anna):
    make_regime(relais_anna, 2026, Regime.FORFAIT)
    make_prestation(relais=relais_anna, date=date(2026, 3, 10))
    fiche = make_fiche(relais=relais_anna, month=date(2026, 3, 1))
    derived.fiche_sync_lines(fiche=fiche, by=relais_anna.user)
    dataset = DefraiementLineResource().export()
    assert dataset.headers == [
        "id",
        "relais",
        "mois",
        "statut",
        "date",
        "kind",
        "amount",
        "transport_mode",
        "km",
        "rate",
        "purpose",
        "flagged",
    ]
    row = dict(zip(dataset.headers, dataset[0], strict=True))
    assert row["relais"] == "Anna Kowalska"
    assert row["amount"] == Decimal("25.00") and row["kind"] == "forfait"
    assert row["mois"] == date(2026, 3, 1) and row["km"] is None
    assert "iban" not in " ".join(dataset.headers).lower()


def test_admin_line_export_page_answers(admin_client):
    response = admin_client.get("/admin/prestations/defraiementline/")
    assert response.status_code == 200


def test_admin_applies_the_twelve_month_rule(admin_client):
    from prestations.models import DefraiementSetting

    response = admin_client.post(
        "/admin/prestations/defraiementsetting/add/",
        {
            "valid_from": "2022-06-01",
            "km_rate_system": "annual",
            "forfait_amount": "25.00",
        },
    )
    assert response.status_code == 200
    assert "12 mois" in response.content.decode()
    assert DefraiementSetting.objects.count() == 1
