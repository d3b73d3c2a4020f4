"""The SEPA file as the bank reads it: valid pain.001.001.03, only EPC characters,
one message id per batch, the Brussels offset; and the bank details checked
wherever they are typed (tisseurs/banking.py)."""

import re
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from prestations.forms.fiche import DefraiementSettingForm
from prestations.models import DefraiementLine, DefraiementSetting, PaymentFile
from prestations.services import payment
from prestations.services.sepa import Transfer, credit_transfer
from relais.forms import RelaisForm
from tests.factories.prestations import make_fiche
from tests.factories.relais import make_iban, make_relais
from tisseurs.banking import EPC_CHARACTERS, epc_text, needs_latin_name

XSD = Path(__file__).resolve().parent.parent / "data" / "sepa" / "pain.001.001.03.xsd"
NS = {"p": "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"}
MARCH = date(2026, 3, 1)
BRUSSELS = ZoneInfo("Europe/Brussels")
ARABIC_NAME = ("محمد", "العلي")

SCHEMA = etree.XMLSchema(etree.parse(str(XSD)))


def _texts(xml: bytes) -> list[str]:
    return [t for t in etree.fromstring(xml).itertext() if t.strip()]


def assert_bank_accepts(xml: bytes) -> None:
    """Valid against the ISO schema, and every character in the EPC set."""
    SCHEMA.assertValid(etree.fromstring(xml))
    outside = {c for text in _texts(xml) for c in text if c not in EPC_CHARACTERS}
    assert outside == set()


def _validated_fiche(relais, amount="25.00", month=MARCH):
    fiche = make_fiche(relais=relais, month=month, status="validated")
    DefraiementLine.objects.create(
        fiche=fiche, kind="forfait", date=month, amount=Decimal(amount)
    )
    return fiche


@pytest.fixture
def payer(db):
    DefraiementSetting.objects.filter(valid_from=date(2022, 1, 1)).update(
        payer_name="Tisseurs & Co ASBL",
        payer_iban="BE62510007547061",
        payer_bic="VAPEBE22",
    )


@pytest.fixture
def hard_names(payer):
    """Four relais whose names a bank would choke on, each with a validated fiche."""
    people = [
        make_relais(
            first_name="Hélène-Françoise", last_name="Dubois", iban=make_iban(1)
        ),
        make_relais(first_name="Mehmet", last_name="Yılmaz", iban=make_iban(2)),
        make_relais(first_name="Jean", last_name="Dupont & Fils", iban=make_iban(3)),
        make_relais(
            first_name=ARABIC_NAME[0],
            last_name=ARABIC_NAME[1],
            latin_name="Mohamed El Ali",
            iban=make_iban(4),
        ),
    ]
    return [_validated_fiche(relais) for relais in people]


def _names(xml: bytes) -> list[str]:
    root = etree.fromstring(xml)
    return [e.text for e in root.iterfind(".//p:CdtTrfTxInf/p:Cdtr/p:Nm", NS)]


def test_hard_names_reach_the_bank_in_epc_characters(direction, hard_names):
    xml = payment.payment_file_issue(month=MARCH, by=direction).xml.encode()
    assert_bank_accepts(xml)
    assert sorted(_names(xml)) == [
        "Helene-Francoise Dubois",
        "Jean Dupont + Fils",
        "Mehmet Yilmaz",
        "Mohamed El Ali",
    ]
    root = etree.fromstring(xml)
    assert root.findtext(".//p:InitgPty/p:Nm", namespaces=NS) == "Tisseurs + Co ASBL"
    assert {e.text for e in root.iterfind(".//p:RmtInf/p:Ustrd", NS)} == {
        "Defraiement volontaire 03/2026"
    }


def test_an_arabic_name_without_latin_name_refuses_the_file_and_says_how(
    direction_client, payer
):
    relais = make_relais(
        first_name=ARABIC_NAME[0], last_name=ARABIC_NAME[1], iban=make_iban(5)
    )
    _validated_fiche(relais)
    page = direction_client.get(reverse("prestations:payments"), {"month": "2026-03"})
    assert [r.name for r in page.context["latin_names_missing"]] == ["محمد العلي"]
    assert "nom en caractères latins" in page.content.decode()
    response = direction_client.get(
        reverse("prestations:payments_sepa"), {"month": "2026-03"}, follow=True
    )
    assert [str(m) for m in response.context["messages"]] == [
        "Le nom de محمد العلي n'est pas écrit en lettres latines : la banque ne peut "
        "pas le recevoir. La coordination remplit « nom en caractères latins » dans "
        "sa fiche relais (tel qu'il figure sur son compte), puis téléchargez à "
        "nouveau le fichier."
    ]
    assert PaymentFile.objects.count() == 0


def test_the_same_batch_downloaded_twice_is_the_same_file(direction_client, hard_names):
    url = reverse("prestations:payments_sepa")
    with time_machine.travel(datetime(2026, 4, 2, 9, 0, tzinfo=BRUSSELS), tick=False):
        first = direction_client.get(url, {"month": "2026-03"})
    with time_machine.travel(datetime(2026, 4, 3, 15, 0, tzinfo=BRUSSELS), tick=False):
        second = direction_client.get(url, {"month": "2026-03"})
    assert first.content == second.content
    batch = PaymentFile.objects.get()
    assert first["Content-Disposition"] == (
        f'attachment; filename="paiements-2026-03-{batch.msg_id}.xml"'
    )
    assert re.fullmatch(r"TISSEURS-202603-\d{6}", batch.msg_id)
    root = etree.fromstring(first.content)
    assert root.findtext(".//p:GrpHdr/p:MsgId", namespaces=NS) == batch.msg_id
    assert root.findtext(".//p:GrpHdr/p:CreDtTm", namespaces=NS) == (
        "2026-04-02T09:00:00+02:00"
    )
    assert (batch.count, batch.total) == (4, Decimal("100.00"))
    assert set(batch.fiches.all()) == set(hard_names)


def test_a_changed_batch_gets_a_new_message_id(direction, hard_names):
    first = payment.payment_file_issue(month=MARCH, by=direction)
    hard_names[0].status = "paid"
    hard_names[0].save(update_fields=["status"])
    second = payment.payment_file_issue(month=MARCH, by=direction)
    assert second.msg_id != first.msg_id
    assert (second.count, second.total) == (3, Decimal("75.00"))
    # A corrected IBAN is a changed batch too: the bank must not see a known id
    # on a file that says something else.
    relais = hard_names[1].relais
    relais.iban = make_iban(99)
    relais.save(update_fields=["iban"])
    third = payment.payment_file_issue(month=MARCH, by=direction)
    assert len({first.msg_id, second.msg_id, third.msg_id}) == 3
    for batch in (first, second, third):
        assert_bank_accepts(batch.xml.encode())


def test_a_batch_stored_by_a_concurrent_download_is_returned_not_a_500(
    direction, hard_names, monkeypatch
):
    first = payment.payment_file_issue(month=MARCH, by=direction)
    # The other download committed after this one looked for the batch: the unique
    # fingerprint refuses the second row, and the stored file is the answer.
    monkeypatch.setattr(payment, "stored_payment_file", lambda fingerprint: None)
    second = payment.payment_file_issue(month=MARCH, by=direction)
    assert second.pk == first.pk
    assert second.xml == first.xml
    assert PaymentFile.objects.count() == 1


def test_the_payments_page_lists_the_files_of_the_month(direction_client, hard_names):
    direction_client.get(reverse("prestations:payments_sepa"), {"month": "2026-03"})
    page = direction_client.get(reverse("prestations:payments"), {"month": "2026-03"})
    files = list(page.context["payment_files"])
    assert [f.count for f in files] == [4]
    assert files[0].msg_id in page.content.decode()


@pytest.mark.parametrize(
    ("moment", "stamp"),
    [
        (
            datetime(2026, 1, 15, 16, 40, 7, 123, tzinfo=BRUSSELS),
            "2026-01-15T16:40:07+01:00",
        ),
        (datetime(2026, 7, 15, 16, 40, tzinfo=BRUSSELS), "2026-07-15T16:40:00+02:00"),
    ],
)
def test_creation_time_carries_the_brussels_offset(
    direction, hard_names, moment, stamp
):
    with time_machine.travel(moment, tick=False):
        xml = payment.payment_file_issue(month=MARCH, by=direction).xml.encode()
    assert etree.fromstring(xml).findtext(".//p:CreDtTm", namespaces=NS) == stamp
    assert_bank_accepts(xml)


def test_a_bad_payer_bic_stored_before_the_checks_refuses_the_file(
    direction_client, hard_names
):
    DefraiementSetting.objects.update(payer_bic="GKCC1EBB")
    response = direction_client.get(
        reverse("prestations:payments_sepa"), {"month": "2026-03"}, follow=True
    )
    assert [str(m) for m in response.context["messages"]] == [
        "Réglages de l'organisation : Ce BIC est incorrect : il compte 8 ou 11 "
        "lettres et chiffres, par exemple GKCCBEBB (code de la banque, du pays, de "
        "la ville)."
    ]


# --- IBAN and BIC, at the model and in the forms -------------------------------

TURKISH_IBAN = "TR33 0006 1005 1978 6457 8413 26"
NOT_SEPA = (
    "Un virement SEPA ne peut pas payer un compte de ce pays (TR) : donnez un IBAN "
    "d'un pays de la zone SEPA."
)
BAD_CHECKSUM = (
    "Cet IBAN est incorrect : ses chiffres de contrôle ne correspondent pas. "
    "Vérifiez-le sur un extrait de compte."
)
BAD_BIC = (
    "Ce BIC est incorrect : il compte 8 ou 11 lettres et chiffres, par exemple "
    "GKCCBEBB (code de la banque, du pays, de la ville)."
)


@pytest.mark.parametrize(
    ("typed", "error"),
    [(TURKISH_IBAN, NOT_SEPA), ("BE71 0961 2345 6768", BAD_CHECKSUM)],
)
def test_the_relais_model_refuses_a_bad_iban(db, typed, error):
    relais = make_relais()
    relais.iban = typed
    with pytest.raises(ValidationError) as caught:
        relais.full_clean()
    assert caught.value.message_dict == {"iban": [error]}


def test_the_relais_model_stores_the_iban_compact(db):
    relais = make_relais()
    relais.iban = "be71 0961 2345 6769"
    relais.full_clean()
    assert relais.iban == "BE71096123456769"


def _relais_form(relais, **changes):
    data = {
        "first_name": relais.first_name,
        "last_name": relais.last_name,
        "status": relais.status,
        "status_since": relais.status_since.isoformat(),
        **changes,
    }
    return RelaisForm(data, instance=relais)


def test_the_relais_form_refuses_a_turkish_iban_and_keeps_a_good_one(db):
    relais = make_relais()
    form = _relais_form(relais, iban=TURKISH_IBAN)
    assert form.errors == {"iban": [NOT_SEPA]}
    form = _relais_form(relais, iban="nl91 abna 0417 1643 00")
    assert form.is_valid(), form.errors
    assert form.save().iban == "NL91ABNA0417164300"


def test_the_relais_form_takes_a_latin_name_only_in_latin_letters(db):
    relais = make_relais(first_name=ARABIC_NAME[0], last_name=ARABIC_NAME[1])
    assert relais.needs_latin_name
    form = _relais_form(relais, latin_name="محمد")
    assert form.errors == {
        "latin_name": [
            "Écrivez ce nom en lettres latines (A à Z, accents permis), tel qu'il "
            "figure sur le compte bancaire."
        ]
    }
    form = _relais_form(relais, latin_name="Mohamed El Ali")
    assert form.is_valid(), form.errors
    saved = form.save()
    assert (saved.bank_name, saved.needs_latin_name) == ("Mohamed El Ali", False)


def _setting_form(**changes):
    data = {
        "valid_from": "2027-01-01",
        "km_rate_system": "annual",
        "forfait_amount": "25.00",
        "payer_name": "Tisseurs ASBL",
        "payer_iban": "BE62 5100 0754 7061",
        "payer_bic": "VAPEBE22",
        **changes,
    }
    return DefraiementSettingForm(data)


@pytest.mark.parametrize(
    ("changes", "errors"),
    [
        ({"payer_bic": "GKCC1EBB"}, {"payer_bic": [BAD_BIC]}),
        ({"payer_bic": "GKCCBEB"}, {"payer_bic": [BAD_BIC]}),
        ({"payer_iban": "BE62 5100 0754 7062"}, {"payer_iban": [BAD_CHECKSUM]}),
        ({"payer_iban": TURKISH_IBAN}, {"payer_iban": [NOT_SEPA]}),
    ],
)
def test_the_payer_settings_refuse_bad_bank_details(db, changes, errors):
    assert _setting_form(**changes).errors == errors


def test_the_payer_settings_store_bank_details_as_the_bank_wants_them(db):
    # "gkcc be bb" is Belfius' BIC typed in groups and lower case: stored as the
    # schema wants it (it used to be stored as typed and break the file).
    form = _setting_form(payer_iban="be62 5100 0754 7061", payer_bic="gkcc be bb")
    assert form.is_valid(), form.errors
    setting = form.save()
    assert (setting.payer_iban, setting.payer_bic) == ("BE62510007547061", "GKCCBEBB")


def test_the_payer_settings_page_shows_a_bad_bic(direction_client):
    response = direction_client.post(
        reverse("prestations:parameters"),
        {
            "form": "setting",
            **{
                f"setting-{k}": v for k, v in _setting_form(payer_bic="XX").data.items()
            },
        },
    )
    assert response.status_code == 200
    assert BAD_BIC in response.content.decode()


# --- Properties over generated names -----------------------------------------


@given(st.text(max_size=200))
def test_epc_text_keeps_to_the_set_and_the_length(value):
    for limit in (70, 140):
        text = epc_text(value, limit)
        assert set(text) <= EPC_CHARACTERS
        assert len(text) <= limit
        assert text == text.strip(" /") and "//" not in text and "  " not in text


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(
    names=st.lists(st.text(min_size=1, max_size=120), min_size=1, max_size=4),
    payer=st.text(min_size=1, max_size=90),
)
def test_any_name_the_app_lets_through_makes_a_file_the_bank_accepts(names, payer):
    names = [n for n in names if not needs_latin_name(n)] or ["Nom"]
    xml = credit_transfer(
        message_id="TISSEURS-202603-000001",
        payer_name=payer,
        payer_iban="BE62510007547061",
        payer_bic="VAPEBE22",
        execution_date=date(2026, 4, 2),
        created_at=datetime(2026, 4, 2, 9, 0, tzinfo=BRUSSELS),
        transfers=[
            Transfer(name=n, iban=make_iban(i), amount=Decimal("25.00"), reference=n)
            for i, n in enumerate(names)
        ],
    )
    assert_bank_accepts(xml)
    assert _names(xml) == [epc_text(n, 70) for n in names]


def test_the_gdpr_export_names_the_files_that_carried_a_sheet(direction, hard_names):
    from home.gdpr import relais_full_export_data

    batch = payment.payment_file_issue(month=MARCH, by=direction)
    data = relais_full_export_data(relais=hard_names[3].relais)
    assert data["relais"]["latin_name"] == "Mohamed El Ali"
    assert [s["payment_files"] for s in data["monthly_sheets"]] == [[batch.msg_id]]


def test_the_payer_settings_model_refuses_bad_bank_details_and_a_non_latin_name(db):
    setting = DefraiementSetting.objects.get(valid_from=date(2022, 1, 1))
    setting.payer_iban = "BE62 5100 0754 7062"
    setting.payer_bic = "gkcc be bb"
    setting.payer_name = "جمعية"
    with pytest.raises(ValidationError) as caught:
        setting.full_clean()
    assert caught.value.message_dict == {
        "payer_iban": [BAD_CHECKSUM],
        "payer_name": [
            "Écrivez ce nom en lettres latines (A à Z, accents permis), tel qu'il "
            "figure sur le compte bancaire."
        ],
    }


def test_an_iban_stored_before_the_checks_refuses_the_file_naming_the_relais(
    direction_client, hard_names
):
    relais = hard_names[1].relais
    # Written past the model's checks, as rows from before them may be.
    type(relais).objects.filter(pk=relais.pk).update(iban=TURKISH_IBAN)
    response = direction_client.get(
        reverse("prestations:payments_sepa"), {"month": "2026-03"}, follow=True
    )
    assert [str(m) for m in response.context["messages"]] == [
        f"IBAN de Mehmet Yılmaz : {NOT_SEPA}"
    ]
    assert PaymentFile.objects.count() == 0
