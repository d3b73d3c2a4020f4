"""Documents with an expiry date: the badge and alert on the relais file, the edit
form, the relais' own list, and the 30-day reminder sent once."""

from datetime import date, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from home.models import ReminderKind, SentReminder
from relais.models import Document, WorkContext
from tests.factories.accounts import make_user
from tests.factories.relais import make_document, make_relais
from tisseurs.roles import COORDINATION

pytestmark = pytest.mark.django_db

TODAY = date(2027, 3, 8)


def test_expiry_is_expired_soon_or_nothing():
    relais = make_relais()
    today = date(2027, 3, 8)
    assert make_document(relais).expiry_on(today) == ""
    assert make_document(relais, expires_on=date(2027, 3, 7)).expiry_on(today) == (
        "expired"
    )
    assert make_document(relais, expires_on=today).expiry_on(today) == "soon"
    assert make_document(relais, expires_on=date(2027, 4, 7)).expiry_on(today) == (
        "soon"
    )
    assert make_document(relais, expires_on=date(2027, 4, 8)).expiry_on(today) == ""


def test_expired_documents_are_alerts_but_do_not_block_work():
    relais = make_relais()
    today = timezone.localdate()
    make_document(relais, title="Titre de séjour", expires_on=today - timedelta(days=1))
    make_document(
        relais,
        kind=Document.Kind.CONVENTION,
        title="Convention 2026",
        expires_on=today - timedelta(days=2),
    )
    make_document(relais, title="Assurance", expires_on=today + timedelta(days=10))
    context = WorkContext.load()
    alerts = relais.alerts(today, context=context)
    assert any("« Titre de séjour » a expiré" in a for a in alerts)
    assert any("« Convention 2026 » du dossier légal a expiré" in a for a in alerts)
    assert any("« Assurance » expire le" in a for a in alerts)
    assert relais.can_work_on(today, context=context).ok


def test_the_relais_file_shows_badges_and_the_alert(coordination_client):
    relais = make_relais()
    today = timezone.localdate()
    make_document(relais, title="Permis", expires_on=today - timedelta(days=1))
    make_document(relais, title="Attestation", expires_on=today + timedelta(days=5))
    text = coordination_client.get(relais.get_absolute_url()).text
    assert "expiré</span>" in text
    assert "expire bientôt</span>" in text
    assert "Le document « Permis » a expiré le" in text
    listing = coordination_client.get(reverse("relais:relais_list") + "?alerts=on")
    assert "Le document « Permis » a expiré le" in listing.text


def test_coordination_uploads_with_an_expiry_date(coordination_client):
    relais = make_relais()
    response = coordination_client.post(
        reverse("relais:document_upload", args=[relais.pk]),
        {
            "kind": "certificate",
            "title": "Attestation de formation",
            "expires_on": "2027-06-30",
            "file": SimpleUploadedFile("a.pdf", b"%PDF-1.4 test", "application/pdf"),
        },
    )
    assert response.status_code == 302
    assert relais.documents.get().expires_on == date(2027, 6, 30)


def test_coordination_edits_a_document_and_errors_keep_the_input(
    coordination_client,
):
    document = make_document(make_relais(), title="Attestation")
    url = reverse("relais:document_edit", args=[document.pk])
    response = coordination_client.post(
        url, {"kind": "other", "title": "Titre de séjour", "expires_on": "31/02/2027"}
    )
    assert response.status_code == 200
    assert 'value="Titre de séjour"' in response.text
    document.refresh_from_db()
    assert document.title == "Attestation"
    response = coordination_client.post(
        url, {"kind": "other", "title": "Titre de séjour", "expires_on": "2027-09-30"}
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert (document.kind, document.title, document.expires_on) == (
        "other",
        "Titre de séjour",
        date(2027, 9, 30),
    )
    assert document.file.name  # the file stays


def test_the_relais_sees_the_validity_of_their_documents(anna_client, relais_anna):
    make_document(relais_anna, title="Permis", expires_on=date(2030, 1, 31))
    text = anna_client.get(reverse("relais:my_documents")).text
    assert "Valable jusqu&#x27;au 31 janvier 2030" in text or (
        "Valable jusqu'au 31 janvier 2030" in text
    )


@pytest.fixture
def expiring(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    coordinator = make_user(role=COORDINATION, username="camille", language="nl")
    anna = make_relais(first_name="Anna", last_name="K")
    anna.user.language = "en"
    anna.user.save()
    with time_machine.travel(TODAY, tick=False):
        soon = make_document(
            anna, title="Residence permit", expires_on=TODAY + timedelta(days=30)
        )
        make_document(anna, title="Later", expires_on=TODAY + timedelta(days=31))
        make_document(anna, title="Gone", expires_on=TODAY - timedelta(days=1))
    return {"coordinator": coordinator, "anna": anna, "document": soon}


def test_document_expiring_is_reminded_once_to_both_in_their_language(expiring):
    with time_machine.travel(TODAY, tick=False):
        call_command("daily", today=TODAY)
        call_command("daily", today=TODAY)
    sent = SentReminder.objects.filter(kind=ReminderKind.DOCUMENT_EXPIRING)
    assert sorted(s.user.username for s in sent) == sorted(
        [expiring["coordinator"].username, expiring["anna"].user.username]
    )
    mails = [m for m in mail.outbox if "Residence permit" in m.body]
    assert len(mails) == 2
    assert not [m for m in mail.outbox if "Later" in m.body or "Gone" in m.body]
    by_user = {s.user_id: s for s in sent}
    anna_text = by_user[expiring["anna"].user.pk].text
    assert anna_text.startswith("The document")
    assert by_user[expiring["coordinator"].pk].text.startswith("Het document")
    assert by_user[expiring["anna"].user.pk].url == reverse("relais:my_documents")
    coordinator_text = by_user[expiring["coordinator"].pk].text
    assert "Residence permit" in coordinator_text


def test_a_new_expiry_date_is_reminded_again(expiring):
    with time_machine.travel(TODAY, tick=False):
        call_command("daily", today=TODAY)
    document = expiring["document"]
    document.expires_on = TODAY + timedelta(days=40)
    document.save()
    later = TODAY + timedelta(days=15)
    with time_machine.travel(later, tick=False):
        call_command("daily", today=later)
    keys = set(
        SentReminder.objects.filter(
            kind=ReminderKind.DOCUMENT_EXPIRING,
            user=expiring["coordinator"],
            key__startswith=f"document:{document.pk}:",
        ).values_list("key", flat=True)
    )
    assert keys == {
        f"document:{document.pk}:{TODAY + timedelta(days=30)}",
        f"document:{document.pk}:{TODAY + timedelta(days=40)}",
    }
