"""Direction's audit page: filters, pages, export, bounded queries; and the purge."""

import io
from datetime import datetime

import openpyxl
import pytest
import time_machine
from django.core.management import call_command
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from tests.factories.accounts import make_user
from tisseurs.audit.models import AuditEntry, AuditKind
from tisseurs.audit.services import audit_log
from tisseurs.roles import COORDINATION

URL = reverse("audit:audit_list")
BRUSSELS = timezone.get_fixed_timezone(60)


def _entry(user, kind, moment, **detail):
    request = RequestFactory().get("/", REMOTE_ADDR="198.51.100.4")
    request.user = user
    with time_machine.travel(moment, tick=False):
        return audit_log(request, kind, **detail)


@pytest.fixture
def trail(db, coordination, direction):
    AuditEntry.objects.all().delete()
    return [
        _entry(
            coordination, AuditKind.SITUATIONS_LIST, datetime(2026, 3, 2, 9), page=1
        ),
        _entry(
            direction, AuditKind.PAYMENT_FILE, datetime(2026, 3, 5, 10), format="csv"
        ),
        _entry(coordination, AuditKind.GDPR_EXPORT, datetime(2026, 4, 1, 8), relais=3),
    ]


def _listed(response):
    return [entry.kind for entry in response.context["page_obj"]]


def test_direction_sees_every_entry_newest_first(direction_client, trail):
    response = direction_client.get(URL)
    assert response.status_code == 200
    assert _listed(response) == ["gdpr_export", "payment_file", "situations_list"]


def test_filters_by_kind_user_and_dates(direction_client, trail, coordination):
    by_kind = direction_client.get(URL, {"kind": "payment_file"})
    assert _listed(by_kind) == ["payment_file"]
    by_user = direction_client.get(URL, {"user": coordination.pk})
    assert _listed(by_user) == ["gdpr_export", "situations_list"]
    march = direction_client.get(URL, {"start": "2026-03-01", "end": "2026-03-05"})
    assert _listed(march) == ["payment_file", "situations_list"]


@pytest.mark.parametrize(
    "query",
    [
        {"kind": "nothing"},
        {"user": "abc"},
        {"user": "99999"},
        {"start": "2026-13-45"},
        {"start": "2026-03-05", "end": "2026-03-01"},
        {"page": "-1"},
        {"page": "x" * 200},
    ],
)
def test_bad_filters_answer_the_form_with_an_error(direction_client, trail, query):
    response = direction_client.get(URL, query)
    assert response.status_code == 200
    if set(query) != {"page"}:
        assert response.context["form"].errors


def test_end_before_start_says_so(direction_client, trail):
    response = direction_client.get(URL, {"start": "2026-03-05", "end": "2026-03-01"})
    assert response.context["form"].errors == {
        "end": ["La date de fin précède la date de début."]
    }


def test_export_xlsx_is_typed_and_filtered_and_itself_recorded(
    direction_client, trail, direction
):
    response = direction_client.get(URL, {"kind": "payment_file", "format": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith(
        'attachment; filename="journal-acces-'
    )
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Moment", "Identifiant", "Type", "Détail", "Adresse IP")
    assert rows[1:] == [
        (
            datetime(2026, 3, 5, 11),  # Brussels time
            direction.username,
            "Fichier de paiement",
            "format=csv",
            "198.51.100.4",
        )
    ]
    assert sheet.cell(2, 1).number_format == "DD/MM/YYYY HH:MM"
    export = AuditEntry.objects.get(kind=AuditKind.AUDIT_EXPORT)
    assert export.user == direction
    assert export.detail == {
        "format": "xlsx",
        "count": 1,
        "kind": "payment_file",
        "user": None,
        "start": None,
        "end": None,
    }


def test_export_csv_uses_the_belgian_dialect(direction_client, trail, coordination):
    response = direction_client.get(URL, {"kind": "gdpr_export", "format": "csv"})
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "Moment;Identifiant;Type;Détail;Adresse IP"
    assert lines[1].startswith(f"01/04/2026 10:00;{coordination.username};")
    assert lines[1].endswith(";Export RGPD d'un relais;relais=3;198.51.100.4")


def _many(count, users):
    AuditEntry.objects.bulk_create(
        AuditEntry(user=users[i % len(users)], username="x", kind=AuditKind.LOGIN)
        for i in range(count)
    )


@pytest.mark.parametrize("count", [5, 200])
def test_page_queries_stay_bounded(
    direction_client, coordination, direction, count, django_assert_max_num_queries
):
    users = [coordination, direction] + [
        make_user(role=COORDINATION, username=f"u{i}") for i in range(8)
    ]
    _many(count, users)
    with django_assert_max_num_queries(8):
        response = direction_client.get(URL, {"kind": "login"})
    assert response.status_code == 200


def test_purge_deletes_entries_older_than_the_retention(coordination, settings):
    settings.AUDIT_RETENTION_MONTHS = 12
    old = _entry(coordination, AuditKind.LOGIN, datetime(2025, 3, 14, 23, 0))
    kept = _entry(coordination, AuditKind.LOGIN, datetime(2025, 3, 15, 12, 0))
    out = io.StringIO()
    with time_machine.travel(datetime(2026, 3, 15, 1, 0, tzinfo=BRUSSELS), tick=False):
        call_command("purge_audit", stdout=out)
    assert not AuditEntry.objects.filter(pk=old.pk).exists()
    assert AuditEntry.objects.filter(pk=kept.pk).exists()
    assert out.getvalue() == "1 audit entries older than 12 months deleted.\n"


def test_retention_follows_the_setting(coordination, settings):
    settings.AUDIT_RETENTION_MONTHS = 1
    _entry(coordination, AuditKind.LOGIN, datetime(2026, 1, 10))
    with time_machine.travel(datetime(2026, 3, 1), tick=False):
        call_command("purge_audit", stdout=io.StringIO())
    assert not AuditEntry.objects.filter(kind=AuditKind.LOGIN).exists()
