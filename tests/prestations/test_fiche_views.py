"""Fiche pages through the test client: status, flash messages, database state."""

import csv
import io
import xml.etree.ElementTree as ET
from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from prestations.models import DefraiementLine, DefraiementSetting, FicheMensuelle
from prestations.services import defraiement, derived
from prestations.services import fiche as fiche_services
from prestations.services.sepa import NAMESPACE
from relais.models import Regime
from tests.factories.prestations import make_fiche, make_prestation
from tests.factories.relais import make_iban, make_regime
from tests.pdf import assert_accessible_pdf, pdf_text

Status = FicheMensuelle.Status
MINE = reverse("prestations:fiche_mine")
NS = {"p": NAMESPACE}


@pytest.fixture
def march(relais_anna):
    make_regime(relais_anna, 2026, Regime.FORFAIT)
    make_prestation(
        relais=relais_anna, date=date(2026, 3, 10), travel_mode="bike", travel_km=6
    )
    make_prestation(relais=relais_anna, date=date(2026, 3, 17))
    return "2026-03"


def _messages(response):
    return [str(m) for m in response.context["messages"]]


def test_relais_sees_the_lines_derived_from_the_month(anna_client, march, relais_anna):
    fiche = make_fiche(relais=relais_anna, month=date(2026, 3, 1))
    assert derived.fiche_sync_lines(fiche=fiche, by=relais_anna.user) == (3, [])
    assert fiche.lines.count() == 3
    page = anna_client.get(MINE, {"month": march})
    assert page.status_code == 200
    text = page.content.decode()
    assert "Envoyer mon mois" in text and "52,22" in text
    assert page.context["summary"].total == Decimal("52.22")  # 2 × 25 + 6 × 0,37


def test_claim_with_errors_keeps_what_was_typed(anna_client, march, relais_anna):
    url = reverse("prestations:fiche_claim_add") + f"?month={march}"
    response = anna_client.post(
        url,
        {
            "kind": "real_cost",
            "date": "2026-03-10",
            "amount": "12.50",
            "purpose": "Café",
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert any("forfait" in e for e in form.non_field_errors())
    assert form.data["amount"] == "12.50"
    assert not DefraiementLine.objects.exists()


def test_claim_transport_is_added(anna_client, march, relais_anna):
    url = reverse("prestations:fiche_claim_add") + f"?month={march}"
    response = anna_client.post(
        url,
        {
            "kind": "transport",
            "date": "2026-03-17",
            "transport_mode": "public",
            "amount": "2.60",
        },
        follow=True,
    )
    assert "Dépense ajoutée à votre mois." in _messages(response)
    hand = DefraiementLine.objects.get(prestation__isnull=True)
    assert hand.amount == Decimal("2.60")
    # The fiche now exists: its outings' lines were derived with it.
    assert DefraiementLine.objects.filter(prestation__isnull=False).count() == 3


def test_real_cost_claim_with_a_receipt(anna_client, relais_anna):
    make_regime(relais_anna, 2026, Regime.FRAIS_REELS)
    url = reverse("prestations:fiche_claim_add") + "?month=2026-03"
    photo = SimpleUploadedFile("ticket.jpg", b"\xff\xd8\xff", content_type="image/jpeg")
    anna_client.post(
        url,
        {
            "kind": "real_cost",
            "date": "2026-03-05",
            "amount": "8.40",
            "purpose": "Photocopies",
            "receipt": photo,
        },
    )
    line = DefraiementLine.objects.get()
    assert line.receipt.name.endswith(".jpg") and line.amount == Decimal("8.40")


def test_claim_receipt_that_is_not_a_photo_or_pdf_is_refused(anna_client, relais_anna):
    make_regime(relais_anna, 2026, Regime.FRAIS_REELS)
    url = reverse("prestations:fiche_claim_add") + "?month=2026-03"
    fake = SimpleUploadedFile("ticket.jpg", b"MZ\x90\x00 not a photo")
    response = anna_client.post(
        url,
        {
            "kind": "real_cost",
            "date": "2026-03-05",
            "amount": "8.40",
            "purpose": "Photocopies",
            "receipt": fake,
        },
    )
    assert response.status_code == 200
    assert "ni une photo ni un PDF" in response.content.decode()
    assert 'value="Photocopies"' in response.content.decode()
    assert not DefraiementLine.objects.exists()


def test_crafted_post_cannot_change_a_submitted_fiche(anna_client, march, relais_anna):
    fiche = make_fiche(
        relais=relais_anna, month=date(2026, 3, 1), status=Status.SUBMITTED
    )
    url = reverse("prestations:fiche_claim_add") + f"?month={march}"
    response = anna_client.post(
        url,
        {
            "kind": "transport",
            "date": "2026-03-17",
            "transport_mode": "public",
            "amount": "2",
        },
    )
    assert "ne peut plus changer" in response.content.decode()
    assert not fiche.lines.exists()
    anna_client.post(
        reverse("prestations:fiche_submit"), {"month": march, "version": 1}
    )
    fiche.refresh_from_db()
    assert fiche.status == Status.SUBMITTED and fiche.transitions.count() == 0


def test_submit_from_a_stale_page_is_refused(anna_client, march, relais_anna):
    fiche = make_fiche(relais=relais_anna, month=date(2026, 3, 1))
    stale = fiche.version
    derived.fiche_sync_lines(fiche=fiche, by=relais_anna.user)
    response = anna_client.post(
        reverse("prestations:fiche_submit"),
        {"month": march, "version": stale},
        follow=True,
    )
    assert any("modifiée entre-temps" in m for m in _messages(response))
    fiche.refresh_from_db()
    assert fiche.status == Status.DRAFT
    response = anna_client.post(
        reverse("prestations:fiche_submit"),
        {"month": march, "version": fiche.version},
        follow=True,
    )
    assert "Votre mois est envoyé à la coordination. Merci !" in _messages(response)


def _submitted(relais):
    fiche = make_fiche(relais=relais, month=date(2026, 3, 1))
    derived.fiche_sync_lines(fiche=fiche, by=relais.user)
    fiche_services.fiche_submit(fiche=fiche, by=relais.user)
    return fiche


def test_coordination_returns_then_validates_and_opens_the_pdf(
    coordination_client, anna_client, march, relais_anna
):
    fiche = _submitted(relais_anna)
    response = coordination_client.post(
        reverse("prestations:fiche_return", args=[fiche.pk]),
        {"version": fiche.version, "comment": "Le 17, quel trajet ?"},
        follow=True,
    )
    assert "Fiche renvoyée au relais avec votre commentaire." in _messages(response)
    assert (
        "Le 17, quel trajet ?"
        in anna_client.get(MINE, {"month": march}).content.decode()
    )
    fiche.refresh_from_db()
    fiche_services.fiche_submit(fiche=fiche, by=relais_anna.user)
    response = coordination_client.post(
        reverse("prestations:fiche_validate", args=[fiche.pk]),
        {"version": fiche.version},
        follow=True,
    )
    assert any("PDF est enregistré" in m for m in _messages(response))
    pdf = coordination_client.get(reverse("prestations:fiche_pdf", args=[fiche.pk]))
    body = b"".join(pdf.streaming_content)
    assert body.startswith(b"%PDF")
    own = anna_client.get(reverse("prestations:fiche_pdf", args=[fiche.pk]))
    assert own.status_code == 200


def test_return_without_comment_is_refused(coordination_client, march, relais_anna):
    fiche = _submitted(relais_anna)
    response = coordination_client.post(
        reverse("prestations:fiche_return", args=[fiche.pk]),
        {"version": fiche.version, "comment": ""},
        follow=True,
    )
    assert "Écrivez un commentaire ou une raison." in _messages(response)
    fiche.refresh_from_db()
    assert fiche.status == Status.SUBMITTED


def test_stale_validation_is_refused(coordination_client, march, relais_anna):
    fiche = _submitted(relais_anna)
    response = coordination_client.post(
        reverse("prestations:fiche_validate", args=[fiche.pk]),
        {"version": fiche.version - 1},
        follow=True,
    )
    assert any("modifiée entre-temps" in m for m in _messages(response))
    assert FicheMensuelle.objects.get(pk=fiche.pk).status == Status.SUBMITTED


def test_bulk_validation(coordination_client, march, relais_anna, relais_bruno):
    make_regime(relais_bruno, 2026, Regime.FORFAIT)
    make_prestation(relais=relais_bruno, date=date(2026, 3, 3))
    fiches = [_submitted(relais_anna), _submitted(relais_bruno)]
    response = coordination_client.post(
        reverse("prestations:fiche_bulk"),
        {"month": march, "action": "validate", "fiche": [f.pk for f in fiches]},
        follow=True,
    )
    assert "2 fiches traitées." in _messages(response)
    assert set(FicheMensuelle.objects.values_list("status", flat=True)) == {"validated"}
    overview = coordination_client.get(
        reverse("prestations:fiche_overview"), {"month": march}
    )
    assert "Anna Kowalska" in overview.content.decode()


def test_reopen_view_keeps_the_reason(
    coordination_client, march, relais_anna, coordination
):
    fiche = _submitted(relais_anna)
    fiche_services.fiche_validate(fiche=fiche, by=coordination)
    coordination_client.post(
        reverse("prestations:fiche_reopen", args=[fiche.pk]),
        {"version": fiche.version, "comment": "Erreur de montant"},
    )
    fiche.refresh_from_db()
    assert fiche.status == Status.RETURNED
    assert fiche.transitions.last().comment == "Erreur de montant"


@pytest.fixture
def validated_march(march, relais_anna, relais_bruno, coordination):
    make_regime(relais_bruno, 2026, Regime.FORFAIT)
    make_prestation(relais=relais_bruno, date=date(2026, 3, 3))
    # Real bank details, Anna's typed in groups of four as people do: the payment
    # files must carry them compact.
    relais_anna.iban = make_iban(1234567, bank="096", grouped=True)
    relais_bruno.iban = make_iban(42)
    for relais in (relais_anna, relais_bruno):
        relais.full_clean()
        relais.save(update_fields=["iban"])
    DefraiementSetting.objects.filter(valid_from=date(2022, 1, 1)).update(
        payer_name="Tisseurs ASBL", payer_iban="BE62510007547061"
    )
    for relais in (relais_anna, relais_bruno):
        fiche = _submitted(relais)
        fiche_services.fiche_validate(fiche=fiche, by=coordination)
    return march


def test_payments_page_and_csv_and_xlsx(direction_client, validated_march):
    page = direction_client.get(
        reverse("prestations:payments"), {"month": validated_march}
    )
    assert [r.amount for r in page.context["rows"]] == [
        Decimal("52.22"),
        Decimal("25.00"),
    ]
    response = direction_client.get(
        reverse("prestations:payments_csv"), {"month": validated_march}
    )
    assert response.content.startswith(b"\xef\xbb\xbfNom;IBAN;Montant")
    rows = list(
        csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";")
    )
    assert rows == [
        ["Nom", "IBAN", "Montant (€)", "Statut"],
        ["Anna Kowalska", "BE71096123456769", "52,22", "Validée"],
        ["Bruno Mertens", make_iban(42), "25,00", "Validée"],
    ]
    response = direction_client.get(
        reverse("prestations:payments_xlsx"), {"month": validated_march}
    )
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Paiements 03-2026"]
    worksheet = book.active
    assert [c.value for c in worksheet[1]] == ["Nom", "IBAN", "Montant (€)", "Statut"]
    amounts = [worksheet["C2"], worksheet["C3"]]
    assert [c.value for c in amounts] == [52.22, 25]
    assert {(c.data_type, c.number_format) for c in amounts} == {("n", "#,##0.00")}
    assert worksheet.freeze_panes == "A2"


def test_sepa_file_parses_back(direction_client, validated_march):
    response = direction_client.get(
        reverse("prestations:payments_sepa"), {"month": validated_march}
    )
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    assert root.tag == f"{{{NAMESPACE}}}Document"
    header = root.find("p:CstmrCdtTrfInitn/p:GrpHdr", NS)
    assert header.find("p:NbOfTxs", NS).text == "2"
    assert header.find("p:CtrlSum", NS).text == "77.22"
    info = root.find("p:CstmrCdtTrfInitn/p:PmtInf", NS)
    assert info.find("p:DbtrAcct/p:Id/p:IBAN", NS).text == "BE62510007547061"
    transfers = [
        (
            tx.find("p:Cdtr/p:Nm", NS).text,
            tx.find("p:CdtrAcct/p:Id/p:IBAN", NS).text,
            tx.find("p:Amt/p:InstdAmt", NS).text,
            tx.find("p:Amt/p:InstdAmt", NS).get("Ccy"),
        )
        for tx in info.findall("p:CdtTrfTxInf", NS)
    ]
    assert transfers == [
        ("Anna Kowalska", "BE71096123456769", "52.22", "EUR"),
        ("Bruno Mertens", make_iban(42), "25.00", "EUR"),
    ]


def test_sepa_refuses_a_missing_iban(direction_client, validated_march, relais_anna):
    relais_anna.iban = ""
    relais_anna.save(update_fields=["iban"])
    response = direction_client.get(
        reverse("prestations:payments_sepa"), {"month": validated_march}, follow=True
    )
    assert response.status_code == 200
    assert "IBAN manquant pour : Anna Kowalska." in _messages(response)
    assert response.redirect_chain[-1][0].startswith(reverse("prestations:payments"))


def test_nominative_list_csv_and_pdf(direction_client, validated_march):
    url = reverse("prestations:nominative_list")
    response = direction_client.get(url, {"year": 2026, "format": "csv"})
    rows = list(
        csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";")
    )
    assert rows == [
        ["Nom", "Date", "Montant (€)"],
        ["Anna Kowalska", "10/03/2026", "25,00"],
        ["Anna Kowalska", "17/03/2026", "25,00"],
        ["Bruno Mertens", "03/03/2026", "25,00"],
    ]
    response = direction_client.get(url, {"year": 2026, "format": "pdf"})
    assert_accessible_pdf(
        response.content, title="Liste nominative des forfaits", lang="fr"
    )
    text = pdf_text(response.content)
    assert "Bruno Mertens" in text and "Total Anna Kowalska" in text


def test_parameters_page_refuses_an_early_system_change(direction_client):
    url = reverse("prestations:parameters")
    data = {
        "form": "setting",
        "setting-valid_from": "2022-06-01",
        "setting-km_rate_system": "annual",
        "setting-forfait_amount": "25.00",
    }
    response = direction_client.post(url, data)
    assert response.status_code == 200
    assert "12 mois" in response.content.decode()
    assert DefraiementSetting.objects.count() == 1
    data["setting-valid_from"] = "2023-01-01"
    response = direction_client.post(url, data, follow=True)
    assert "Réglage enregistré." in _messages(response)
    assert DefraiementSetting.objects.count() == 2


def test_relais_deletes_a_hand_line_of_an_open_month(anna_client, march, relais_anna):
    fiche = make_fiche(relais=relais_anna, month=date(2026, 3, 1))
    derived.fiche_sync_lines(fiche=fiche, by=relais_anna.user)
    from_outing = fiche.lines.first()
    response = anna_client.post(
        reverse("prestations:fiche_line_delete", args=[from_outing.pk]),
        {"version": fiche.version},
        follow=True,
    )
    assert any("vient de votre sortie" in m for m in _messages(response))
    hand, _warnings = derived.defraiement_claim_add(
        fiche=fiche,
        by=relais_anna.user,
        kind=DefraiementLine.Kind.TRANSPORT,
        day=date(2026, 3, 17),
        transport_mode="public",
        amount=Decimal("2.10"),
    )
    response = anna_client.post(
        reverse("prestations:fiche_line_delete", args=[hand.pk]),
        {"version": fiche.version},
        follow=True,
    )
    assert "Ligne supprimée." in _messages(response)
    assert fiche.lines.count() == 3
    fiche_services.fiche_submit(fiche=fiche, by=relais_anna.user)
    fiche.refresh_from_db()
    other = fiche.lines.first()
    response = anna_client.post(
        reverse("prestations:fiche_line_delete", args=[other.pk]),
        {"version": fiche.version},
        follow=True,
    )
    assert any("ne peut plus changer" in m for m in _messages(response))
    assert fiche.lines.count() == 3


def test_coordination_opens_a_receipt(coordination_client, anna_client, relais_anna):
    make_regime(relais_anna, 2026, Regime.FRAIS_REELS)
    fiche = make_fiche(relais=relais_anna, month=date(2026, 3, 1))
    line, _warnings = defraiement.defraiement_line_add(
        fiche=fiche,
        by=relais_anna.user,
        kind=DefraiementLine.Kind.REAL_COST,
        day=date(2026, 3, 4),
        amount=Decimal("5"),
        purpose="Timbres",
        receipt=SimpleUploadedFile("t.jpg", b"\xff\xd8\xffdata"),
    )
    response = coordination_client.get(
        reverse("prestations:fiche_line_receipt", args=[line.pk])
    )
    assert b"".join(response.streaming_content) == b"\xff\xd8\xffdata"


def test_relais_home_shows_a_returned_month(anna_client, relais_anna, coordination):
    fiche = make_fiche(
        relais=relais_anna, month=date(2026, 3, 1), status=Status.SUBMITTED
    )
    fiche_services.fiche_return(
        fiche=fiche, by=coordination, comment="Le ticket du 4 ?"
    )
    response = anna_client.get(reverse("relais_home"))
    text = response.content.decode()
    assert "La coordination vous renvoie votre mois « mars 2026 »" in text
    assert "Le ticket du 4 ?" in text and "?month=2026-03" in text


def test_my_month_defaults_to_the_brussels_month(anna_client, relais_anna):
    # Brussels is UTC+2 in summer time: 21:30 UTC is 23:30 on 31 March, 22:30 UTC
    # is already 1 April.
    with time_machine.travel("2026-03-31 21:30:00+00:00", tick=False):
        response = anna_client.get(MINE)
    assert response.context["month"] == date(2026, 3, 1)
    with time_machine.travel("2026-03-31 22:30:00+00:00", tick=False):
        response = anna_client.get(MINE)
    assert response.context["month"] == date(2026, 4, 1)


def test_relais_declares_another_organisation_and_it_counts(anna_client, relais_anna):
    response = anna_client.post(
        reverse("prestations:fiche_other_amounts"),
        {"year": 2026, "organisation": "Club de foot", "amount": "1750.00"},
        follow=True,
    )
    assert "Montant déclaré. Merci !" in _messages(response)
    assert DefraiementLine.objects.forfait_year_total(relais_anna, 2026) == Decimal(
        "1750.00"
    )
    make_regime(relais_anna, 2026, Regime.FORFAIT)
    make_prestation(relais=relais_anna, date=date(2026, 3, 10))
    fiche = make_fiche(relais=relais_anna, month=date(2026, 3, 1))
    added, problems = derived.fiche_sync_lines(fiche=fiche, by=relais_anna.user)
    assert added == 0 and "maximum par an" in problems[0]


def test_direction_adds_a_km_rate(direction_client):
    from prestations.models import KmRate

    response = direction_client.post(
        reverse("prestations:parameters"),
        {
            "form": "rate",
            "rate-system": "quarterly",
            "rate-valid_from": "2026-04-01",
            "rate-valid_until": "2026-06-30",
            "rate-rate": "0.4400",
            "rate-source": "Test",
        },
        follow=True,
    )
    assert "Taux kilométrique enregistré." in _messages(response)
    assert KmRate.objects.in_force_on(date(2026, 5, 1)) is not None
    assert KmRate.objects.filter(system="quarterly").in_force_on(
        date(2026, 5, 1)
    ).rate == Decimal("0.4400")


def test_exports_do_not_turn_names_into_formulas(direction_client, validated_march):
    from relais.models import Relais

    Relais.objects.filter(first_name="Anna").update(first_name="=HYPERLINK(1)")
    response = direction_client.get(
        reverse("prestations:payments_xlsx"), {"month": validated_march}
    )
    cell = load_workbook(io.BytesIO(response.content)).active["A2"]
    assert (cell.value, cell.data_type, cell.quotePrefix) == (
        "=HYPERLINK(1) Kowalska",
        "s",
        True,
    )
    response = direction_client.get(
        reverse("prestations:payments_csv"), {"month": validated_march}
    )
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[1].startswith("'=HYPERLINK(1) Kowalska;BE71096123456769;52,22;")
    response = direction_client.get(
        reverse("prestations:nominative_list"), {"year": 2026, "format": "csv"}
    )
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[1] == "'=HYPERLINK(1) Kowalska;10/03/2026;25,00"


def test_the_iban_factory_makes_real_belgian_ibans():
    from localflavor.generic.validators import IBANValidator

    # The published example of a Belgian IBAN.
    assert make_iban(1234567, bank="096") == "BE71096123456769"
    assert make_iban(1234567, bank="096", grouped=True) == "BE71 0961 2345 6769"
    ibans = {make_iban(seed) for seed in range(200)}
    assert len(ibans) == 200
    for iban in ibans:
        IBANValidator()(iban)


def test_a_claim_receipt_survives_a_refused_save(anna_client, march, relais_anna):
    """Real costs are refused under the forfait: the photo is kept and shown as
    already attached; once the regime allows it, the claim gets that photo."""
    url = reverse("prestations:fiche_claim_add") + f"?month={march}"
    photo = b"\xff\xd8\xff photocopies"
    claim = {
        "kind": "real_cost",
        "date": "2026-03-05",
        "amount": "8.40",
        "purpose": "Photocopies",
        "version": 0,
    }
    refused = anna_client.post(
        url,
        {**claim, "receipt": SimpleUploadedFile("copies.jpg", photo, "image/jpeg")},
    )
    assert refused.status_code == 200
    assert "Justificatif déjà joint : copies.jpg" in refused.content.decode()
    assert "forfait" in refused.content.decode()
    token = refused.context["form"]["kept_receipt"].value()
    claim["version"] = refused.context["fiche"].version
    assert not DefraiementLine.objects.exists()

    relais_anna.regimes.filter(year=2026).update(regime=Regime.FRAIS_REELS)
    saved = anna_client.post(url, {**claim, "kept_receipt": token})
    assert saved.status_code == 302, saved.context["form"].errors
    with DefraiementLine.objects.get().receipt.open("rb") as stored:
        assert stored.read() == photo
