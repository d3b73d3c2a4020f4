"""The relais' journal (relais/models/journal.py) and messages to relais
(home/messaging.py): rules, pages, GDPR export and anonymisation."""

import json
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from home import gdpr
from home.messaging import message_send
from home.models import Message, MessageRecipient
from relais.models import JournalEntry, Relais
from tests.factories.accounts import make_user
from tests.factories.relais import make_relais
from tisseurs.roles import COORDINATION

pytestmark = pytest.mark.django_db


def _entry(relais, author, **extra):
    return JournalEntry.objects.create(
        relais=relais, author=author, kind="call", text="Appel du lundi", **extra
    )


# The journal ----------------------------------------------------------------------


def test_coordination_adds_an_entry_shown_newest_first(
    coordination_client, coordination, relais_anna
):
    today = timezone.localdate()
    _entry(relais_anna, coordination, date=today - timedelta(days=3))
    response = coordination_client.post(
        reverse("relais:journal_create", args=[relais_anna.pk]),
        {
            "date": today.isoformat(),
            "kind": "meeting",
            "text": "Elle souhaite réduire à 2 sorties par mois",
        },
    )
    assert response.status_code == 302
    entry = JournalEntry.objects.get(kind="meeting")
    assert entry.author == coordination and entry.relais == relais_anna
    page = coordination_client.get(
        reverse("relais:relais_detail", args=[relais_anna.pk])
    )
    texts = [e.text for e, _ in page.context["journal"]]
    assert texts == ["Elle souhaite réduire à 2 sorties par mois", "Appel du lundi"]
    assert 'dir="auto"' in page.content.decode()


def test_a_date_in_the_future_is_refused_and_the_text_kept(
    coordination_client, relais_anna
):
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = coordination_client.post(
        reverse("relais:journal_create", args=[relais_anna.pk]),
        {"date": tomorrow.isoformat(), "kind": "call", "text": "Texte gardé"},
    )
    assert response.status_code == 200
    assert "date" in response.context["form"].errors
    assert "Texte gardé" in response.content.decode()
    assert not JournalEntry.objects.exists()


def test_an_empty_text_is_refused(coordination_client, relais_anna):
    response = coordination_client.post(
        reverse("relais:journal_create", args=[relais_anna.pk]),
        {"date": timezone.localdate().isoformat(), "kind": "call", "text": ""},
    )
    assert response.status_code == 200
    assert "text" in response.context["form"].errors


def test_the_author_corrects_an_entry_the_same_day_only(
    coordination_client, coordination, relais_anna
):
    entry = _entry(relais_anna, coordination)
    url = reverse("relais:journal_edit", args=[entry.pk])
    response = coordination_client.post(
        url,
        {"date": entry.date.isoformat(), "kind": "email", "text": "Corrigé"},
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.text == "Corrigé"
    with time_machine.travel(timezone.now() + timedelta(days=1)):
        assert not entry.can_edit(coordination, today=timezone.localdate())
        response = coordination_client.get(url)
        assert response.status_code == 302


def test_another_coordinator_cannot_correct_but_can_delete(
    client, coordination, relais_anna
):
    entry = _entry(relais_anna, coordination)
    other = make_user(role=COORDINATION, username="coord2")
    client.force_login(other)
    assert not entry.can_edit(other, today=timezone.localdate())
    response = client.post(
        reverse("relais:journal_edit", args=[entry.pk]),
        {"date": entry.date.isoformat(), "kind": "call", "text": "Changé"},
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.text == "Appel du lundi"
    response = client.post(reverse("relais:journal_delete", args=[entry.pk]))
    assert response.status_code == 302
    assert not JournalEntry.objects.exists()


def test_the_journal_is_in_the_gdpr_export_and_anonymising_deletes_it(
    coordination, relais_anna
):
    _entry(relais_anna, coordination)
    message_send(sent_by=coordination, subject="Réunion", text="Jeudi", relais=None)
    data = json.loads(gdpr.relais_full_export_json(relais=relais_anna))
    assert data["journal"][0]["text"] == "Appel du lundi"
    assert data["messages_received"][0]["subject"] == "Réunion"
    pdf = gdpr.relais_full_export_pdf(relais=relais_anna, language="fr")
    assert pdf.startswith(b"%PDF")
    relais_anna.status = Relais.Status.LEFT
    relais_anna.save()
    gdpr.relais_anonymise_checked(relais=relais_anna)
    assert not JournalEntry.objects.filter(relais=relais_anna).exists()
    assert not MessageRecipient.objects.filter(relais=relais_anna).exists()


def test_a_relais_never_reaches_the_journal(anna_client, coordination, relais_anna):
    entry = _entry(relais_anna, coordination)
    response = anna_client.get(reverse("relais:journal_edit", args=[entry.pk]))
    assert response.status_code == 403


# Messages -------------------------------------------------------------------------


def test_a_message_to_all_goes_to_active_relais_only(coordination, relais_anna):
    relais_anna.email = "anna@example.org"
    relais_anna.save()
    relais_anna.user.language = "nl"
    relais_anna.user.save()
    bruno = make_relais(first_name="Bruno", email="")
    make_relais(first_name="Parti", status=Relais.Status.LEFT, email="p@example.org")
    message = message_send(
        sent_by=coordination,
        subject="Réunion jeudi",
        text="Rendez-vous à 14 h",
        relais=None,
        home_url="https://x/aujourdhui/",
    )
    assert set(message.recipients.values_list("relais", flat=True)) == {
        relais_anna.pk,
        bruno.pk,
    }


def test_the_email_frame_is_in_the_relais_language_and_the_text_as_written(
    coordination, relais_anna, django_capture_on_commit_callbacks
):
    relais_anna.email = "anna@example.org"
    relais_anna.save()
    relais_anna.user.language = "nl"
    relais_anna.user.save()
    with django_capture_on_commit_callbacks(execute=True):
        message_send(
            sent_by=coordination,
            subject="Réunion jeudi",
            text="Rendez-vous à 14 h",
            relais=[relais_anna],
        )
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["anna@example.org"]
    assert "Réunion jeudi" in sent.subject
    assert "Rendez-vous à 14 h" in sent.body
    assert "Bonjour" not in sent.body  # the frame is Dutch


def test_a_message_to_a_relais_who_left_is_refused(coordination_client, coordination):
    left = make_relais(first_name="Parti", status=Relais.Status.LEFT)
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        message_send(sent_by=coordination, subject="S", text="T", relais=[left])
    response = coordination_client.post(
        reverse("message_create"),
        {"subject": "S", "text": "T", "audience": "chosen", "relais": [left.pk]},
    )
    assert response.status_code == 200
    assert "relais" in response.context["form"].errors
    assert not Message.objects.exists()


def test_choosing_nobody_is_refused_and_what_was_typed_kept(coordination_client):
    response = coordination_client.post(
        reverse("message_create"),
        {"subject": "Mon objet", "text": "Mon texte", "audience": "chosen"},
    )
    assert response.status_code == 200
    assert "relais" in response.context["form"].errors
    assert "Mon objet" in response.content.decode()


def test_coordination_sends_to_chosen_relais_and_sees_read_counts(
    coordination_client, relais_anna, relais_bruno, anna_client
):
    response = coordination_client.post(
        reverse("message_create"),
        {
            "subject": "Formation",
            "text": "Samedi",
            "audience": "chosen",
            "relais": [relais_anna.pk],
        },
    )
    message = Message.objects.get()
    assert response.url == reverse("message_detail", args=[message.pk])
    assert list(message.recipients.values_list("relais", flat=True)) == [relais_anna.pk]
    home = anna_client.get(reverse("relais_home"))
    assert "Formation" in home.content.decode()
    recipient = message.recipients.get()
    anna_client.post(reverse("message_read", args=[recipient.pk]))
    recipient.refresh_from_db()
    assert recipient.is_read
    home = anna_client.get(reverse("relais_home"))
    assert "Formation" not in home.content.decode()
    listing = coordination_client.get(reverse("message_list"))
    row = listing.context["page_obj"][0]
    assert (row.read_count, row.recipient_count) == (1, 1)


def test_a_relais_cannot_mark_another_relais_message(
    bruno_client, coordination, relais_anna, relais_bruno
):
    message = message_send(
        sent_by=coordination, subject="S", text="T", relais=[relais_anna]
    )
    recipient = message.recipients.get()
    response = bruno_client.post(reverse("message_read", args=[recipient.pk]))
    assert response.status_code == 404
    home = bruno_client.get(reverse("relais_home"))
    assert home.context["unread_messages"] == []
