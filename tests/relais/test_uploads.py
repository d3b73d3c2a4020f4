"""Private documents: what an upload accepts and refuses."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from relais.models import Document
from tests.factories.relais import make_bare_relais

pytestmark = pytest.mark.django_db


def test_upload_that_is_not_a_pdf_or_image_is_refused(coordination_client):
    relais = make_bare_relais()
    response = coordination_client.post(
        reverse("relais:document_upload", args=[relais.pk]),
        {
            "kind": "certificate",
            "title": "Attestation",
            "file": SimpleUploadedFile(
                "fake.pdf", b"MZ\x90\x00binary", "application/pdf"
            ),
        },
    )
    assert response.status_code == 200
    assert "ni une photo ni un PDF" in response.text
    assert 'value="Attestation"' in response.text
    assert not Document.objects.exists()


def test_upload_too_large_is_refused(coordination_client, monkeypatch):
    monkeypatch.setattr("relais.models.documents.DOCUMENT_MAX_BYTES", 10)
    relais = make_bare_relais()
    response = coordination_client.post(
        reverse("relais:document_upload", args=[relais.pk]),
        {
            "kind": "certificate",
            "title": "Attestation",
            "file": SimpleUploadedFile("big.pdf", b"%PDF-1.4" + b"x" * 50),
        },
    )
    assert "Mo au maximum" in response.text
    assert not Document.objects.exists()


def test_photo_upload_is_accepted(coordination_client):
    relais = make_bare_relais()
    coordination_client.post(
        reverse("relais:document_upload", args=[relais.pk]),
        {
            "kind": "certificate",
            "title": "Photo",
            "file": SimpleUploadedFile(
                "photo.jpg", b"\xff\xd8\xff\xe0JFIF", "image/jpeg"
            ),
        },
    )
    assert Document.objects.get().title == "Photo"
