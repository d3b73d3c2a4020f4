"""Rules of the relais file, asked of the models and services directly: what a form,
the admin and the spreadsheet import all get."""

from datetime import date, timedelta

import pytest
import tablib
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from relais.models import Document, NoteAcknowledgement, Relais
from relais.resources import RelaisResource
from relais.services import acknowledgement_record
from tests.factories.relais import make_bare_relais, make_note_version

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("status", "left"),
    [
        (Relais.Status.CANDIDATE, False),
        (Relais.Status.ACTIVE, False),
        (Relais.Status.PAUSED, False),
        (Relais.Status.SUSPENDED, False),
        (Relais.Status.LEFT, True),
    ],
)
def test_has_left_and_not_left_ask_the_same_question(status, left):
    relais = make_bare_relais(status=status)
    assert relais.has_left is left
    assert Relais.objects.not_left().filter(pk=relais.pk).exists() is not left


# --- One phone check, E.164 storage -------------------------------------------


def test_relais_clean_stores_the_phone_in_e164():
    relais = make_bare_relais(phone="")
    relais.phone = " 0470 12 34 56 "
    relais.full_clean()
    assert relais.phone == "+32470123456"
    relais.phone = "+33 6 12 34 56 78"
    relais.full_clean()
    assert relais.phone == "+33612345678"


def test_relais_clean_refuses_a_bad_phone_with_the_form_message():
    relais = make_bare_relais()
    relais.phone = "12345"
    with pytest.raises(ValidationError) as error:
        relais.full_clean()
    assert error.value.message_dict == {
        "phone": ["Ce numéro de téléphone n'est pas valide."]
    }


# --- A new status starts today unless dated -------------------------------------

OLD_DAY = date(2024, 5, 1)


def test_a_new_status_without_a_new_date_starts_today():
    relais = make_bare_relais(status=Relais.Status.ACTIVE, status_since=OLD_DAY)
    relais.status = Relais.Status.PAUSED
    relais.full_clean()
    assert relais.status_since == timezone.localdate()


def test_a_new_status_keeps_the_date_given_with_it():
    relais = make_bare_relais(status=Relais.Status.ACTIVE, status_since=OLD_DAY)
    relais.status = Relais.Status.PAUSED
    relais.status_since = date(2024, 6, 1)
    relais.full_clean()
    assert relais.status_since == date(2024, 6, 1)


def test_the_same_status_keeps_its_date_and_a_new_relais_keeps_the_date_given():
    relais = make_bare_relais(status=Relais.Status.ACTIVE, status_since=OLD_DAY)
    relais.zone = "Brabant"
    relais.full_clean()
    assert relais.status_since == OLD_DAY
    new = Relais(first_name="Jan", last_name="Peeters", status_since=OLD_DAY)
    new.status = Relais.Status.ACTIVE
    new.full_clean()
    assert new.status_since == OLD_DAY


def test_the_import_dates_a_new_status_and_stores_e164_too():
    relais = make_bare_relais(status=Relais.Status.ACTIVE, status_since=OLD_DAY)
    dataset = tablib.Dataset(
        headers=["id", "first_name", "last_name", "phone", "status", "status_since"]
    )
    dataset.append(
        [
            relais.pk,
            relais.first_name,
            relais.last_name,
            "0486 11 22 33",
            "paused",
            OLD_DAY.isoformat(),
        ]
    )
    result = RelaisResource().import_data(dataset)
    assert not result.has_errors() and not result.has_validation_errors()
    relais.refresh_from_db()
    assert relais.status == Relais.Status.PAUSED
    assert relais.status_since == timezone.localdate()
    assert relais.phone == "+32486112233"


# --- A note cannot be signed in the future ------------------------------------


def test_an_acknowledgement_dated_in_the_future_is_refused_by_the_model():
    relais = make_bare_relais()
    acknowledgement = NoteAcknowledgement(
        relais=relais,
        version=make_note_version(),
        acknowledged_on=timezone.localdate() + timedelta(days=1),
    )
    with pytest.raises(ValidationError) as error:
        acknowledgement.full_clean()
    assert error.value.message_dict == {
        "acknowledged_on": ["Cette date est dans le futur."]
    }


def test_the_service_refuses_a_future_date_and_stores_no_file(coordination):
    relais = make_bare_relais()
    version = make_note_version()
    with pytest.raises(ValidationError) as error:
        acknowledgement_record(
            relais=relais,
            version=version,
            acknowledged_on=timezone.localdate() + timedelta(days=1),
            signed_file=SimpleUploadedFile("note.pdf", b"%PDF-1.4 signed"),
            user=coordination,
        )
    assert error.value.messages == ["Cette date est dans le futur."]
    assert not NoteAcknowledgement.objects.exists()
    assert not Document.objects.exists()


def test_the_service_records_today_then_replaces_the_record(coordination):
    relais = make_bare_relais()
    version = make_note_version()
    first = acknowledgement_record(
        relais=relais,
        version=version,
        acknowledged_on=timezone.localdate() - timedelta(days=3),
        signed_file=SimpleUploadedFile("note.pdf", b"%PDF-1.4 signed"),
        user=coordination,
    )
    second = acknowledgement_record(
        relais=relais,
        version=version,
        acknowledged_on=timezone.localdate(),
        signed_file=None,
        user=coordination,
    )
    assert second.pk == first.pk
    second.refresh_from_db()
    assert second.acknowledged_on == timezone.localdate()
    assert second.document == first.document is not None
    assert second.recorded_by == coordination


def test_the_form_shows_the_same_message(coordination_client):
    relais = make_bare_relais()
    version = make_note_version()
    response = coordination_client.post(
        reverse("relais:acknowledgement_create", args=[relais.pk]),
        {
            "version": version.pk,
            "acknowledged_on": (timezone.localdate() + timedelta(days=1)).isoformat(),
        },
    )
    assert response.status_code == 200
    assert "Cette date est dans le futur." in response.text
    assert not NoteAcknowledgement.objects.exists()
