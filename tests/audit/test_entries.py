"""Every read or export of residents' data or money files, and every sign-in event,
leaves one audit entry: who, which kind, what was asked, from which address; the
entry never holds the data itself."""

import json
from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from prestations.models import FicheDocument, Orientation, PaymentFile, Situation
from rapports.models import Rapport
from tests.factories.accounts import make_user
from tests.factories.prestations import make_fiche, make_prestation
from tests.factories.rapports import make_rapport
from tests.factories.relais import make_document, make_iban
from tisseurs.audit.models import AuditEntry, AuditKind
from tisseurs.roles import COORDINATION

IP = "203.0.113.7"
NOTE = "Besoin d'un logement, voir mardi"
PASSWORD = "audit-pass-123"


def _only_entry(kind) -> AuditEntry:
    entries = list(AuditEntry.objects.filter(kind=kind))
    assert len(entries) == 1, entries
    return entries[0]


def _get(client, name, *args, **query):
    return client.get(reverse(name, args=args), query, REMOTE_ADDR=IP)


def _assert_entry(kind, user, detail):
    entry = _only_entry(kind)
    assert entry.user == user
    assert entry.username == user.username
    assert entry.detail == detail
    assert entry.ip_address == IP
    return entry


@pytest.fixture
def situation(relais_anna):
    prestation = make_prestation(relais=relais_anna, date=date(2026, 3, 10))
    situation = Situation.objects.create(
        prestation=prestation, language="ar", note=NOTE, follow_up_needed=True
    )
    Orientation.objects.create(situation=situation, other_text="CPAS")
    return situation


# --- Sign-in events ----------------------------------------------------------------


def test_login_logout_and_failed_login_are_recorded(client, db):
    user = make_user(role=COORDINATION, username="camille", password=PASSWORD)
    login = reverse("login")
    client.post(login, {"username": "camille", "password": "wrong"}, REMOTE_ADDR=IP)
    failed = _only_entry(AuditKind.LOGIN_FAILED)
    assert (failed.user, failed.username, failed.ip_address) == (None, "camille", IP)
    assert failed.detail == {}
    assert "wrong" not in json.dumps(failed.detail) + failed.username
    response = client.post(
        login, {"username": "camille", "password": PASSWORD}, REMOTE_ADDR=IP
    )
    assert response.status_code == 302
    _assert_entry(AuditKind.LOGIN, user, {})
    client.post(reverse("logout"), REMOTE_ADDR=IP)
    _assert_entry(AuditKind.LOGOUT, user, {})


def test_a_deleted_user_keeps_their_name_in_the_trail(client, db):
    user = make_user(role=COORDINATION, username="camille", password=PASSWORD)
    client.post(
        reverse("login"), {"username": "camille", "password": PASSWORD}, REMOTE_ADDR=IP
    )
    user.delete()
    entry = _only_entry(AuditKind.LOGIN)
    assert (entry.user, entry.username) == (None, "camille")


# --- Situations ----------------------------------------------------------------------


def test_situation_list_records_filters_page_and_count(
    coordination_client, coordination, situation
):
    response = _get(
        coordination_client,
        "prestations:situation_list",
        month="2026-03",
        language="ar",
        follow_up="open",
    )
    assert response.status_code == 200
    _assert_entry(
        AuditKind.SITUATIONS_LIST,
        coordination,
        {
            "month": "2026-03-01",
            "language": "ar",
            "follow_up": "open",
            "period": "2026-03-01/2026-04-01",
            "page": 1,
            "count": 1,
        },
    )


def test_situation_export_records_filters_and_count(
    coordination_client, coordination, situation
):
    response = _get(
        coordination_client,
        "prestations:situation_export",
        month="2026-03",
        relais=str(situation.prestation.relais_id),
        format="xlsx",
    )
    assert response.status_code == 200
    _assert_entry(
        AuditKind.SITUATIONS_EXPORT,
        coordination,
        {
            "month": "2026-03-01",
            "relais": situation.prestation.relais_id,
            "period": "2026-03-01/2026-04-01",
            "format": "xlsx",
            "count": 1,
        },
    )


def test_coordination_reading_a_prestation_records_its_situation_ids(
    coordination_client, coordination, situation, anna_client
):
    prestation = situation.prestation
    _get(coordination_client, "prestations:prestation_detail", prestation.pk)
    _assert_entry(
        AuditKind.SITUATION_VIEW,
        coordination,
        {"prestation": prestation.pk, "situations": [situation.pk]},
    )
    _get(anna_client, "prestations:prestation_detail", prestation.pk)
    assert AuditEntry.objects.filter(kind=AuditKind.SITUATION_VIEW).count() == 1


def test_orientation_outcomes_by_coordination_is_recorded(
    coordination_client, coordination, situation
):
    _get(coordination_client, "prestations:orientation_outcomes", situation.pk)
    _assert_entry(AuditKind.SITUATION_VIEW, coordination, {"situation": situation.pk})


def test_prestation_export_records_month_format_and_count(
    direction_client, direction, situation, relais_anna
):
    response = _get(
        direction_client,
        "prestations:prestation_export",
        month="2026-03",
        relais=relais_anna.pk,
        format="xlsx",
    )
    assert response.status_code == 200
    _assert_entry(
        AuditKind.PRESTATIONS_EXPORT,
        direction,
        {"month": "2026-03-01", "relais": relais_anna.pk, "format": "xlsx", "count": 1},
    )


# --- Money ----------------------------------------------------------------------


def test_bank_details_page_records_a_count_and_no_iban(
    direction_client, direction, relais_anna
):
    relais_anna.iban = make_iban(1234567)
    relais_anna.save(update_fields=["iban"])
    response = _get(direction_client, "relais:bank_details")
    assert relais_anna.iban in response.content.decode()
    entry = _assert_entry(AuditKind.IBAN_LIST, direction, {"page": 1, "count": 1})
    assert relais_anna.iban not in json.dumps(entry.detail)


@pytest.mark.parametrize(
    ("name", "format"),
    [
        ("prestations:payments_csv", "csv"),
        ("prestations:payments_xlsx", "xlsx"),
        ("prestations:payments_sepa", "sepa"),
    ],
)
def test_each_payment_file_is_recorded(
    direction_client, direction, validated_march, relais_anna, name, format
):
    response = _get(direction_client, name, month=validated_march)
    assert response.status_code == 200
    detail = {"month": "2026-03-01", "format": format}
    if format == "sepa":
        detail["msg_id"] = PaymentFile.objects.get().msg_id
    else:
        detail["count"] = 2
    entry = _assert_entry(AuditKind.PAYMENT_FILE, direction, detail)
    assert relais_anna.iban.replace(" ", "") not in json.dumps(entry.detail)


def test_payments_page_is_recorded(direction_client, direction, validated_march):
    _get(direction_client, "prestations:payments", month=validated_march)
    _assert_entry(
        AuditKind.PAYMENTS_LIST, direction, {"month": "2026-03-01", "count": 2}
    )


@pytest.mark.parametrize(("format", "recorded"), [("", "page"), ("csv", "csv")])
def test_nominative_list_is_recorded(direction_client, direction, format, recorded):
    _get(direction_client, "prestations:nominative_list", year="2026", format=format)
    _assert_entry(
        AuditKind.NOMINATIVE_LIST,
        direction,
        {"year": 2026, "format": recorded, "count": 0},
    )


def test_fiche_pdf_read_by_staff_is_recorded_not_by_its_relais(
    coordination_client, coordination, anna_client, relais_anna
):
    fiche = make_fiche(relais=relais_anna, month=date(2026, 3, 1))
    FicheDocument.objects.create(
        fiche=fiche, language="fr", file=ContentFile(b"%PDF-1.7", name="fiche.pdf")
    )
    assert _get(anna_client, "prestations:fiche_pdf", fiche.pk).status_code == 200
    assert not AuditEntry.objects.filter(kind=AuditKind.FICHE_PDF).exists()
    assert (
        _get(coordination_client, "prestations:fiche_pdf", fiche.pk).status_code == 200
    )
    _assert_entry(
        AuditKind.FICHE_PDF,
        coordination,
        {"fiche": fiche.pk, "relais": relais_anna.pk, "month": "2026-03-01"},
    )


# --- Relais files, GDPR, reports ----------------------------------------------------


def test_private_document_download_is_recorded(
    coordination_client, coordination, relais_anna
):
    document = make_document(relais_anna)
    assert (
        _get(coordination_client, "relais:document_download", document.pk).status_code
        == 200
    )
    _assert_entry(
        AuditKind.RELAIS_DOCUMENT,
        coordination,
        {
            "document": document.pk,
            "relais": relais_anna.pk,
            "document_kind": document.kind,
        },
    )


@pytest.mark.parametrize(
    ("query", "format"), [({}, "json"), ({"format": "pdf"}, "pdf")]
)
def test_gdpr_export_is_recorded(
    coordination_client, coordination, relais_anna, query, format
):
    response = _get(coordination_client, "relais_export", relais_anna.pk, **query)
    assert response.status_code == 200
    _assert_entry(
        AuditKind.GDPR_EXPORT,
        coordination,
        {"relais": relais_anna.pk, "format": format},
    )


def test_cocom_export_is_recorded_for_files_only(direction_client, direction):
    query = {"kind": "quarter", "year": "2026", "quarter": "1"}
    _get(direction_client, "rapports:export", **query)
    assert not AuditEntry.objects.filter(kind=AuditKind.COCOM_EXPORT).exists()
    _get(direction_client, "rapports:export", **query, output="detail")
    _assert_entry(
        AuditKind.COCOM_EXPORT,
        direction,
        {
            "start": "2026-01-01",
            "end": "2026-03-31",
            "output": "detail",
            "language": "fr",
        },
    )


def test_issued_report_pdf_is_recorded(comite_client, comite):
    rapport = make_rapport(
        status=Rapport.Status.ISSUED,
        issued_at=timezone.now(),
        pdf=ContentFile(b"%PDF-1.7", name="rapport.pdf"),
    )
    assert _get(comite_client, "rapports:rapport_pdf", rapport.pk).status_code == 200
    _assert_entry(
        AuditKind.REPORT_PDF, comite, {"rapport": rapport.pk, "preview": False}
    )


def test_no_entry_holds_a_note_or_a_name(
    coordination_client, direction_client, situation, relais_anna
):
    _get(coordination_client, "prestations:situation_list", month="2026-03")
    _get(coordination_client, "prestations:prestation_detail", situation.prestation.pk)
    _get(coordination_client, "relais_export", relais_anna.pk)
    _get(direction_client, "relais:bank_details")
    stored = json.dumps(list(AuditEntry.objects.values_list("detail", flat=True)))
    assert AuditEntry.objects.exclude(kind=AuditKind.LOGIN).count() == 4
    for secret in (NOTE, relais_anna.first_name, relais_anna.last_name, "CPAS"):
        assert secret not in stored
