"""The SEPA payment file the app writes is valid pain.001.001.03.

The file is built end to end through the pages: real IBANs on the relais' files,
sheets generated and sent by the relais, validated by coordination, downloaded by
direction; then checked against the ISO 20022 schema kept in `tests/data/sepa/`
and against the rules of the European Payments Council that a schema cannot express.
"""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import reverse
from lxml import etree

from prestations.models import DefraiementSetting, FicheMensuelle
from prestations.services.derived import fiche_sync_lines
from prestations.services.fiche import fiche_for
from relais.models import Regime
from tests.factories.prestations import make_prestation
from tests.factories.relais import make_regime
from tisseurs.banking import EPC_CHARACTERS

XSD = Path(__file__).resolve().parent / "data" / "sepa" / "pain.001.001.03.xsd"
NS = {"p": "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"}
MONTH = "2026-03"

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def schema():
    return etree.XMLSchema(etree.parse(str(XSD)))


def _validated_month(relais_and_clients, coordination_client):
    """Each relais generates and sends March; coordination validates every sheet."""
    for relais, client in relais_and_clients:
        fiche = fiche_for(relais=relais, month=date(2026, 3, 1))
        fiche_sync_lines(fiche=fiche, by=relais.user)
        version = fiche.version
        client.post(
            reverse("prestations:fiche_submit"), {"month": MONTH, "version": version}
        )
    for fiche in FicheMensuelle.objects.all():
        assert fiche.status == FicheMensuelle.Status.SUBMITTED
        coordination_client.post(
            reverse("prestations:fiche_validate", args=[fiche.pk]),
            {"version": fiche.version},
        )
    assert set(FicheMensuelle.objects.values_list("status", flat=True)) == {
        FicheMensuelle.Status.VALIDATED
    }


@pytest.fixture
def sepa_file(
    relais_anna,
    relais_bruno,
    anna_client,
    bruno_client,
    coordination_client,
    direction_client,
):
    # IBANs as people type them (groups of four, any case): the file needs them compact.
    relais_anna.iban = "be71 0961 2345 6769"
    relais_bruno.iban = "BE34 3100 0754 7090"
    for relais in (relais_anna, relais_bruno):
        relais.full_clean()
        relais.save(update_fields=["iban"])
        make_regime(relais, 2026, Regime.FORFAIT)
    make_prestation(
        relais=relais_anna, date=date(2026, 3, 10), travel_mode="bike", travel_km=6
    )
    make_prestation(relais=relais_anna, date=date(2026, 3, 17))
    make_prestation(relais=relais_bruno, date=date(2026, 3, 3))
    DefraiementSetting.objects.filter(valid_from=date(2022, 1, 1)).update(
        payer_name="Tisseurs ASBL", payer_iban="BE62 5100 0754 7061"
    )
    _validated_month(
        [(relais_anna, anna_client), (relais_bruno, bruno_client)], coordination_client
    )
    response = direction_client.get(
        reverse("prestations:payments_sepa"), {"month": MONTH}
    )
    assert response.status_code == 200
    return response.content


def test_the_payment_file_validates_against_the_iso_20022_schema(schema, sepa_file):
    document = etree.fromstring(sepa_file)
    schema.assertValid(document)
    # Every text in the EPC basic Latin set ("Défraiement" goes out as "Defraiement").
    texts = "".join(document.itertext())
    assert set(texts) - set("\n") <= EPC_CHARACTERS
    assert document.findtext(".//p:RmtInf/p:Ustrd", namespaces=NS) == (
        "Defraiement volontaire 03/2026"
    )


def test_the_payment_file_follows_the_epc_rules_the_schema_cannot_check(sepa_file):
    document = etree.fromstring(sepa_file)
    header = document.find("p:CstmrCdtTrfInitn/p:GrpHdr", NS)
    info = document.find("p:CstmrCdtTrfInitn/p:PmtInf", NS)
    transfers = info.findall("p:CdtTrfTxInf", NS)
    amounts = [tx.findtext("p:Amt/p:InstdAmt", namespaces=NS) for tx in transfers]
    assert amounts == ["52.22", "25.00"]  # two decimals, in euros
    assert {tx.find("p:Amt/p:InstdAmt", NS).get("Ccy") for tx in transfers} == {"EUR"}
    for block in (header, info):
        assert block.findtext("p:NbOfTxs", namespaces=NS) == "2"
        assert block.findtext("p:CtrlSum", namespaces=NS) == "77.22"
    assert info.findtext("p:PmtTpInf/p:SvcLvl/p:Cd", namespaces=NS) == "SEPA"
    assert info.findtext("p:DbtrAcct/p:Id/p:IBAN", namespaces=NS) == (
        "BE62510007547061"
    )
    assert [
        (
            tx.findtext("p:Cdtr/p:Nm", namespaces=NS),
            tx.findtext("p:CdtrAcct/p:Id/p:IBAN", namespaces=NS),
        )
        for tx in transfers
    ] == [
        ("Anna Kowalska", "BE71096123456769"),
        ("Bruno Mertens", "BE34310007547090"),
    ]
    end_to_end = [
        tx.findtext("p:PmtId/p:EndToEndId", namespaces=NS) for tx in transfers
    ]
    assert len(set(end_to_end)) == len(end_to_end)
    assert sum(Decimal(a) for a in amounts) == Decimal("77.22")
