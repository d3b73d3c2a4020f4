"""The Django admin of the relais file writes through the services: the model rules
(E.164 phone, dated status), the languages and the note number are theirs."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from relais.models import NoteVersion, Relais
from tests.factories.accounts import make_user
from tests.factories.relais import make_bare_relais, make_languages, make_note_version

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(
        make_user(username="superadmin", is_staff=True, is_superuser=True)
    )
    return client


def relais_post(relais, **changes):
    data = {
        "first_name": relais.first_name,
        "last_name": relais.last_name,
        "preferred_name": relais.preferred_name,
        "phone": relais.phone,
        "email": relais.email,
        "zone": relais.zone,
        "birth_year": relais.birth_year or "",
        "status": relais.status,
        "status_since": relais.status_since.isoformat(),
        "iban": relais.iban,
        "notes": relais.notes,
        "languages": relais.language_codes,
    }
    data.update(changes)
    return data


def test_admin_edit_goes_through_relais_save_and_the_model_rules(admin_client):
    relais = make_bare_relais(
        status=Relais.Status.ACTIVE, status_since=date(2024, 5, 1)
    )
    make_languages(relais, "fr")
    response = admin_client.post(
        reverse("admin:relais_relais_change", args=[relais.pk]),
        relais_post(
            relais, phone="0486 11 22 33", status="paused", languages=["ar", "nl"]
        ),
    )
    assert response.status_code == 302, response.text
    relais.refresh_from_db()
    assert relais.phone == "+32486112233"
    assert relais.status == Relais.Status.PAUSED
    assert relais.status_since == timezone.localdate()
    assert relais.language_codes == ["ar", "nl"]


def test_admin_refuses_a_bad_phone_with_the_model_message(admin_client):
    relais = make_bare_relais(phone="")
    response = admin_client.post(
        reverse("admin:relais_relais_change", args=[relais.pk]),
        relais_post(relais, phone="12345"),
    )
    assert response.status_code == 200
    assert "Ce numéro de téléphone n&#x27;est pas valide." in response.text


def test_admin_shows_the_account_and_anonymisation_read_only(admin_client):
    relais = make_bare_relais()
    user = relais.user
    page = admin_client.get(reverse("admin:relais_relais_change", args=[relais.pk]))
    form = page.context["adminform"].form
    assert "user" not in form.fields
    assert "anonymised_at" not in form.fields
    # A forged value is ignored: only the services set these fields.
    other = make_user(username="someone-else")
    admin_client.post(
        reverse("admin:relais_relais_change", args=[relais.pk]),
        relais_post(relais, user=other.pk, anonymised_at="2026-01-01 10:00"),
    )
    relais.refresh_from_db()
    assert relais.user == user
    assert relais.anonymised_at is None
    assert admin_client.get(reverse("admin:relais_relais_add")).status_code == 200


def test_admin_new_note_version_takes_the_next_number(admin_client):
    make_note_version()
    current = NoteVersion.objects.current()
    data = {
        "published_on": "2026-02-01",
        **{f"{name}_fr": f"Texte {name}" for name in NoteVersion.ITEM_FIELDS},
        "number": 99,
    }
    response = admin_client.post(reverse("admin:relais_noteversion_add"), data)
    assert response.status_code == 302, response.text
    assert NoteVersion.objects.current().number == current.number + 1


def test_admin_checks_the_iban_and_stores_it_compact(admin_client):
    relais = make_bare_relais()
    url = reverse("admin:relais_relais_change", args=[relais.pk])
    response = admin_client.post(
        url, relais_post(relais, iban="TR33 0006 1005 1978 6457 8413 26")
    )
    assert response.status_code == 200
    assert (
        "Un virement SEPA ne peut pas payer un compte de ce pays (TR)" in response.text
    )
    response = admin_client.post(
        url,
        relais_post(
            relais, iban="fr14 2004 1010 0505 0001 3m02 606", latin_name="Ali Ben"
        ),
    )
    assert response.status_code == 302, response.text
    relais.refresh_from_db()
    assert (relais.iban, relais.latin_name) == (
        "FR1420041010050500013M02606",
        "Ali Ben",
    )
