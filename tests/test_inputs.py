"""Hardened inputs (issue 14): URL parameters parsed by tisseurs.params, request
bodies refused on their announced size, HSDS zips capped, SQLite writers waiting."""

import io
import threading
import time
import zipfile
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.http import Http404
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from ressources.hsds import uploads as hsds_uploads
from tisseurs import params
from tisseurs.months import next_month, parse_month, previous_month
from tisseurs.uploads import LARGEST_UPLOAD_BYTES, REQUEST_BODY_MAX_BYTES

THIS_MONTH = timezone.localdate().replace(day=1)


def _get(query: str):
    return RequestFactory().get(f"/?{query}")


# --- months and parameters ------------------------------------------------------


def test_months_at_the_ends_of_the_calendar():
    assert next_month(date(9999, 12, 5)) == date.max
    assert previous_month(date(1, 1, 20)) == date(1, 1, 1)
    assert parse_month("9999-12") == date(9999, 12, 1)
    assert parse_month("0000-01", date(2026, 3, 9)) == date(2026, 3, 1)
    assert parse_month("٢٠٢٦-٠١", date(2026, 3, 9)) == date(2026, 3, 1)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("month=2026-02", date(2026, 2, 1)),
        ("month=9999-12", THIS_MONTH),
        ("month=0000-01", THIS_MONTH),
        ("month=2026-13", THIS_MONTH),
        ("month=abc", THIS_MONTH),
        ("", THIS_MONTH),
    ],
)
def test_month_param(query, expected):
    assert params.month_param(_get(query)) == expected


def test_date_year_page_choice_params():
    today = timezone.localdate()
    assert params.date_param(_get("day=2026-02-28"), "day") == date(2026, 2, 28)
    assert params.date_param(_get("day=2026-02-31"), "day") == today
    assert params.date_param(_get("day=9999-12-31"), "day") == today
    assert params.year_param(_get("year=2025")) == 2025
    assert params.year_param(_get("year=99999")) == today.year
    assert params.page_param(_get("page=3")) == 3
    assert params.page_param(_get(f"page={2**63}")) == 1
    assert params.page_param(_get("page=-4")) == 1
    assert params.choice_param(_get("lang=nl"), "lang", ("fr", "nl"), "fr") == "nl"
    assert params.choice_param(_get("lang=de"), "lang", ("fr", "nl"), "fr") == "fr"
    assert params.text_param(_get("q=%00caf%C3%A9%20"), "q") == "café"


@pytest.mark.parametrize("value", ["abc", "0", "-1", str(10**18), "1.5"])
def test_id_param_answers_404_when_malformed(value):
    with pytest.raises(Http404):
        params.id_param(_get(f"service={value}"), "service")


def test_id_param():
    assert params.id_param(_get("service=42"), "service") == 42
    assert params.id_param(_get(""), "service") is None


def test_next_param_keeps_local_paths_only():
    request = _get("next=/ressources/")
    assert params.next_param(request, default="/x/") == "/ressources/"
    for bad in ("0", "https://evil.example/", "//evil.example/", "javascript:alert(1)"):
        request = RequestFactory().get("/", {"next": bad})
        assert params.next_param(request, default="/x/") == "/x/"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "query"),
    [
        ("activites:agenda_month", "month=9999-12"),
        ("activites:agenda_month", "month=0000-01"),
        ("activites:agenda_week", "week=9999-12-31"),
        ("activites:agenda_week", "week=2026-02-31"),
        ("activites:activite_create", "day=0001-01-01"),
        ("prestations:payments", "month=9999-12"),
        ("prestations:nominative_list", "year=99999999999999999999"),
        ("relais:relais_list", f"page={2**63}"),
    ],
)
def test_extreme_parameters_show_the_default(
    name, query, coordination_client, direction_client
):
    client = direction_client if "prestations" in name else coordination_client
    response = client.get(f"{reverse(name)}?{query}")
    assert response.status_code == 200


@pytest.mark.django_db
def test_malformed_ids_answer_404(anna_client, coordination_client):
    create = reverse("ressources:suggestion_create")
    assert anna_client.get(f"{create}?service=abc").status_code == 404
    assert anna_client.get(f"{create}?service={2**63}").status_code == 404
    quick = reverse("prestations:prestation_quick")
    assert anna_client.get(f"{quick}?activite=x").status_code == 404
    bulk = reverse("prestations:fiche_bulk")
    response = coordination_client.post(
        bulk, {"action": "validate", "fiche": ["1", "x"]}
    )
    assert response.status_code == 404
    detail = reverse("relais:relais_detail", kwargs={"pk": 1}).replace(
        "/1/", f"/{2**63}/"
    )
    assert coordination_client.get(detail).status_code == 404


# --- request body size ----------------------------------------------------------


def test_the_body_limit_covers_the_largest_upload():
    from prestations.validators import RECEIPT_MAX_BYTES
    from relais.models import DOCUMENT_MAX_BYTES

    assert hsds_uploads.MAX_UPLOAD_BYTES == LARGEST_UPLOAD_BYTES
    assert max(RECEIPT_MAX_BYTES, DOCUMENT_MAX_BYTES) <= LARGEST_UPLOAD_BYTES
    assert REQUEST_BODY_MAX_BYTES == 25 * 1024 * 1024


@pytest.mark.django_db
def test_an_oversized_body_is_refused_unread(anonymous_client):
    response = anonymous_client.post(
        reverse("login"),
        data=b"",
        content_type="application/octet-stream",
        CONTENT_LENGTH=str(300 * 1024 * 1024),
    )
    assert response.status_code == 413
    assert "Envoi trop volumineux" in response.text
    assert "dépasse 25 Mo" in response.text


@pytest.mark.django_db
def test_the_413_page_is_translated(coordination_client):
    response = coordination_client.post(
        reverse("ressources:hsds_import"),
        data=b"",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(REQUEST_BODY_MAX_BYTES + 1),
        HTTP_ACCEPT_LANGUAGE="nl",
    )
    assert response.status_code == 413
    assert response.headers["Content-Language"] == "nl"
    assert "<h1>Verzending te groot</h1>" in response.text
    assert "groter dan 25 MB" in response.text


@pytest.mark.django_db
def test_a_body_at_the_limit_passes(anonymous_client):
    response = anonymous_client.get(
        reverse("login"), CONTENT_LENGTH=str(REQUEST_BODY_MAX_BYTES)
    )
    assert response.status_code == 200


# --- HSDS zip caps --------------------------------------------------------------


def _zip(members: dict[str, bytes]) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return SimpleUploadedFile("package.zip", buffer.getvalue())


@pytest.fixture
def small_caps(monkeypatch):
    monkeypatch.setattr(hsds_uploads, "MAX_UNZIPPED_BYTES", 10 * 1024 * 1024)
    monkeypatch.setattr(hsds_uploads, "MAX_ZIP_MEMBERS", 20)


def test_a_zip_bomb_is_refused_before_extraction(small_caps, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    bomb = _zip({"services.csv": bytes(20 * 1024 * 1024)})
    assert bomb.size < 100 * 1024
    with pytest.raises(ValidationError) as error:
        hsds_uploads.store_upload([bomb])
    assert error.value.messages == [
        "« package.zip » se décompresse en plus de 10 Mo ; refusé."
    ]
    assert not list((tmp_path / "hsds-imports").glob("*/services.csv"))


def test_a_zip_lying_about_its_sizes_is_cut_off(small_caps):
    """A header announcing a tiny member: reading stops at the announced size and
    the archive is refused, never extracted past the caps."""
    upload = _zip({"services.csv": bytes(11 * 1024 * 1024)})
    archive = zipfile.ZipFile(upload)
    archive.infolist()[0].file_size = 10
    with pytest.raises((ValidationError, zipfile.BadZipFile)):
        list(hsds_uploads._unzip(archive, "package.zip"))


def test_a_zip_with_too_many_members_is_refused(small_caps, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    upload = _zip({f"f{n}.csv": b"id\n" for n in range(21)})
    with pytest.raises(ValidationError) as error:
        hsds_uploads.store_upload([upload])
    assert error.value.messages == [
        "« package.zip » contient 21 fichiers ; 20 au plus."
    ]


def test_a_zip_within_the_caps_is_kept(small_caps, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    token = hsds_uploads.store_upload([_zip({"data/services.csv": b"id,name\n"})])
    assert (tmp_path / "hsds-imports" / token / "services.csv").read_bytes() == (
        b"id,name\n"
    )


@pytest.mark.django_db
def test_the_import_page_shows_the_zip_error(small_caps, coordination_client):
    bomb = _zip({"services.csv": bytes(20 * 1024 * 1024)})
    response = coordination_client.post(
        reverse("ressources:hsds_import"), {"files": bomb}
    )
    assert response.status_code == 200
    assert "se décompresse en plus de 10 Mo" in response.text


# --- SQLite writers wait --------------------------------------------------------


@pytest.mark.skipif(
    connection.vendor != "sqlite", reason="SQLite's database-level write lock"
)
def test_sqlite_writers_wait_for_each_other(tmp_path, settings, django_db_blocker):
    """Two threads write at once on a file database: the second waits for the
    first's transaction instead of failing with "database is locked"."""
    from django.db import connections
    from django.db.backends.sqlite3.base import DatabaseWrapper

    options = settings.DATABASES["default"].get("OPTIONS", {})
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] == 20
    config = {
        **connections["default"].settings_dict,
        "NAME": str(tmp_path / "concurrent.sqlite3"),
        "OPTIONS": {**options, "timeout": 5},
    }
    with django_db_blocker.unblock():
        _race(config, DatabaseWrapper)


def _race(config, DatabaseWrapper):
    setup = DatabaseWrapper(config)
    with setup.cursor() as cursor:
        cursor.execute("CREATE TABLE counter (n INTEGER)")
    setup.close()
    first_inside = threading.Event()
    waited, errors = {}, []

    def writer(name: str, hold: float):
        db = DatabaseWrapper(config, alias=name)
        try:
            db.set_autocommit(False)
            started = time.monotonic()
            with db.cursor() as cursor:
                cursor.execute("SELECT count(*) FROM counter")  # a read first
                cursor.execute("INSERT INTO counter VALUES (1)")
                if name == "first":
                    first_inside.set()  # holds the write lock until its commit
                time.sleep(hold)
            db.commit()
            waited[name] = time.monotonic() - started
        except Exception as error:
            errors.append(error)
        finally:
            db.close()

    first = threading.Thread(target=writer, args=("first", 0.5))
    first.start()
    first_inside.wait(5)
    second = threading.Thread(target=writer, args=("second", 0))
    second.start()
    first.join()
    second.join()
    assert errors == []
    assert waited["second"] >= 0.3
    check = DatabaseWrapper(config)
    with check.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM counter")
        assert cursor.fetchone() == (2,)
    check.close()
