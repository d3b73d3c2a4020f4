"""The volunteer agreement as a PDF in the relais' language, its signed scan, and
the information note read and acknowledged on the relais' phone."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from home.reminders import (
    ReminderKind,
    notes_to_acknowledge,
    reminders_send,
    reminders_shown,
)
from prestations.models import DefraiementSetting
from relais import services
from relais.models import Document, NoteAcknowledgement, Regime
from tests.factories.relais import (
    make_bare_relais,
    make_convention,
    make_note_version,
    make_regime,
    make_relais,
)
from tests.pdf import pdf_text

PDF_BYTES = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _relais_in(language: str, **overrides):
    relais = make_relais(**overrides)
    relais.user.language = language
    relais.user.save(update_fields=["language"])
    return relais


def _organisation():
    DefraiementSetting.objects.create(
        valid_from=date(2020, 1, 1),
        forfait_amount=Decimal("25.00"),
        payer_name="ASBL Tisseurs de liens",
    )


# The agreement PDF ------------------------------------------------------------------


def test_the_agreement_pdf_prints_organisation_relais_dates_regime_note(
    coordination_client,
):
    _organisation()
    relais = _relais_in("fr", first_name="Amina", last_name="Benali", zone="Cureghem")
    convention = make_convention(
        relais, start_date=date(2026, 3, 1), end_date=date(2027, 2, 28)
    )
    make_regime(relais, 2026, Regime.FORFAIT)
    make_note_version()  # the current version is number 2
    response = coordination_client.get(
        reverse("prestations:convention_pdf", args=[convention.pk])
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = " ".join(pdf_text(response.content).split())
    assert "Convention de volontariat" in text
    assert "ASBL Tisseurs de liens" in text
    assert "Amina Benali" in text
    assert "Cureghem" in text
    assert "commence le 01/03/2026 et se termine le 28/02/2027" in text
    assert "forfait" in text and "25,00 €" in text
    assert "version 2" in text
    assert "Code pénal, article 458" in text
    assert "Ethias" in text  # the civil-liability policy of the start date
    assert "Le ou la volontaire : signature" in text


def test_the_agreement_pdf_is_in_dutch_for_a_dutch_speaking_relais(
    coordination_client,
):
    relais = _relais_in("nl", first_name="Jan", last_name="Peeters")
    convention = make_convention(relais, start_date=date(2026, 1, 5))
    make_regime(relais, 2026, Regime.FRAIS_REELS)
    response = coordination_client.get(
        reverse("prestations:convention_pdf", args=[convention.pk])
    )
    text = " ".join(pdf_text(response.content).split())
    assert "Vrijwilligersovereenkomst" in text
    assert "Jan Peeters" in text
    assert "werkelijke kosten" in text
    assert "zonder einddatum" in text
    assert "Convention de volontariat" not in text


def test_the_agreement_pdf_is_in_arabic_right_to_left(coordination_client):
    relais = _relais_in("ar", first_name="أمينة", last_name="El Idrissi")
    convention = make_convention(relais, start_date=date(2026, 1, 5))
    pdf = coordination_client.get(
        reverse("prestations:convention_pdf", args=[convention.pk])
    ).content
    text = pdf_text(pdf)
    assert "اتفاقية التطوع" in text  # the title, in reading order
    assert "أمينة" in text
    assert "السرية" in text
    # Extracted in reading order: the sentence starts with "begins" and ends with
    # "no end date", the date in between.
    sentence = next(line for line in text.splitlines() if "تبدأ" in line)
    assert sentence.index("تبدأ") < sentence.index("05/01/2026")
    assert sentence.index("05/01/2026") < sentence.index("بدون تاريخ نهاية")


def test_the_agreement_pdf_falls_back_to_french_without_an_account(
    coordination_client,
):
    relais = make_bare_relais(with_user=False, first_name="Zoé", last_name="Martin")
    convention = make_convention(relais, start_date=date(2026, 1, 5))
    text = pdf_text(
        coordination_client.get(
            reverse("prestations:convention_pdf", args=[convention.pk])
        ).content
    )
    assert "Convention de volontariat" in text
    assert "n'est pas encore choisi" in " ".join(text.split())


def test_a_relais_cannot_generate_an_agreement(anna_client, relais_anna):
    convention = relais_anna.conventions.get()
    response = anna_client.get(
        reverse("prestations:convention_pdf", args=[convention.pk])
    )
    assert response.status_code == 403


# The signed scan --------------------------------------------------------------------


def test_coordination_uploads_the_signed_scan_of_an_agreement(
    coordination_client, relais_bruno
):
    convention = relais_bruno.conventions.get()
    url = reverse("relais:convention_upload", args=[convention.pk])
    detail = coordination_client.get(relais_bruno.get_absolute_url()).content.decode()
    assert "Signature attendue" in detail
    assert url in detail
    response = coordination_client.post(
        url,
        {"signed_file": SimpleUploadedFile("scan.pdf", PDF_BYTES, "application/pdf")},
    )
    assert response.status_code == 302
    convention.refresh_from_db()
    assert convention.document.kind == Document.Kind.CONVENTION
    assert convention.document.relais == relais_bruno
    detail = coordination_client.get(relais_bruno.get_absolute_url()).content.decode()
    assert reverse("relais:document_download", args=[convention.document_id]) in detail
    assert "Signature attendue" not in detail


def test_the_signed_scan_form_needs_a_file_and_refuses_a_fake_pdf(
    coordination_client, relais_bruno
):
    convention = relais_bruno.conventions.get()
    url = reverse("relais:convention_upload", args=[convention.pk])
    response = coordination_client.post(url, {})
    assert response.status_code == 200
    assert "Ce champ est obligatoire." in response.content.decode()
    response = coordination_client.post(
        url, {"signed_file": SimpleUploadedFile("x.pdf", b"hello", "application/pdf")}
    )
    assert response.status_code == 200
    convention.refresh_from_db()
    assert convention.document is None
    assert not Document.objects.filter(relais=relais_bruno).exists()


# The note on the phone ----------------------------------------------------------------


@pytest.mark.django_db
def test_acknowledging_on_the_phone_records_date_time_and_channel_once():
    relais = make_bare_relais()
    version = make_note_version()
    moment = timezone.make_aware(timezone.datetime(2026, 11, 26, 14, 30))
    with time_machine.travel(moment, tick=False):
        ack, created = services.note_acknowledge_on_phone(
            relais=relais, version=version, user=relais.user
        )
    assert created
    assert ack.channel == NoteAcknowledgement.Channel.PHONE
    assert ack.on_phone
    assert ack.acknowledged_at == moment
    assert ack.acknowledged_on == date(2026, 11, 26)
    assert ack.recorded_by == relais.user
    again, created = services.note_acknowledge_on_phone(
        relais=relais, version=version, user=relais.user
    )
    assert not created and again.pk == ack.pk
    assert NoteAcknowledgement.objects.filter(relais=relais).count() == 1


@pytest.mark.django_db
def test_a_paper_acknowledgement_is_kept_when_the_relais_also_presses_the_button():
    relais = make_relais()  # the current note acknowledged on paper
    ack = relais.acknowledgements.get()
    assert ack.channel == NoteAcknowledgement.Channel.PAPER
    kept, created = services.note_acknowledge_on_phone(
        relais=relais, version=ack.version, user=relais.user
    )
    assert not created
    assert kept.channel == NoteAcknowledgement.Channel.PAPER


@pytest.mark.django_db
def test_a_phone_acknowledgement_needs_its_time():
    from django.db import IntegrityError

    relais = make_bare_relais()
    with pytest.raises(IntegrityError):
        NoteAcknowledgement.objects.create(
            relais=relais,
            version=make_note_version(),
            acknowledged_on=date(2026, 1, 1),
            channel=NoteAcknowledgement.Channel.PHONE,
        )


def test_the_relais_reads_the_note_and_acknowledges_it(anna_client, relais_anna):
    version = make_note_version(
        secrecy="Vous gardez secret ce que vous apprenez.",
        secrecy_nl="U houdt geheim wat u hoort.",
    )
    today = timezone.localdate()
    reminders_send(today=today)
    assert [r.kind for r in reminders_shown(relais_anna.user, today=today)] == [
        ReminderKind.NOTE_TO_ACKNOWLEDGE
    ]
    home = anna_client.get(reverse("relais_home")).content.decode()
    assert reverse("relais:my_note") in home
    assert "attend votre lecture" in home
    # The card says it once: the reminder sent is not listed beside it.
    assert "est à lire et à signer" not in home
    page = anna_client.get(reverse("relais:my_note")).content.decode()
    assert "Vous gardez secret ce que vous apprenez." in page
    assert "J&#x27;ai lu la note" in page or "J'ai lu la note" in page
    response = anna_client.post(reverse("relais:my_note"))
    assert response.status_code == 302
    anna_client.post(reverse("relais:my_note"))  # a second press changes nothing
    acks = NoteAcknowledgement.objects.filter(relais=relais_anna, version=version)
    assert acks.count() == 1
    assert acks.get().channel == NoteAcknowledgement.Channel.PHONE
    page = anna_client.get(reverse("relais:my_note")).content.decode()
    assert "Vous avez lu cette note le" in page
    home = anna_client.get(reverse("relais_home")).content.decode()
    assert "attend votre lecture" not in home
    assert "est à lire et à signer" not in home  # the reminder sent is gone too
    assert reminders_shown(relais_anna.user, today=today) == []
    assert not [
        r
        for r in notes_to_acknowledge(today)
        if r.kind == ReminderKind.NOTE_TO_ACKNOWLEDGE and r.user == relais_anna.user
    ]


def test_the_note_page_is_in_dutch_for_a_dutch_speaking_relais(
    anna_client, relais_anna
):
    make_note_version(secrecy="Secret.", secrecy_nl="U houdt geheim wat u hoort.")
    anna_client.cookies["django_language"] = "nl"
    relais_anna.user.language = "nl"
    relais_anna.user.save(update_fields=["language"])
    page = anna_client.get(reverse("relais:my_note")).content.decode()
    assert "U houdt geheim wat u hoort." in page


def test_the_relais_file_shows_how_each_version_was_acknowledged(
    coordination_client, relais_bruno
):
    version = make_note_version()
    moment = timezone.make_aware(timezone.datetime(2026, 11, 26, 9, 15))
    with time_machine.travel(moment, tick=False):
        services.note_acknowledge_on_phone(
            relais=relais_bruno, version=version, user=relais_bruno.user
        )
    detail = coordination_client.get(relais_bruno.get_absolute_url()).content.decode()
    assert "sur le téléphone le 26/11/2026 à 09:15" in detail
    assert "sur papier" in detail  # version 1, from the factory


def test_no_note_yet_shows_an_empty_page(anna_client, relais_anna):
    NoteAcknowledgement.objects.all().delete()
    from relais.models import NoteVersion

    NoteVersion.objects.all().delete()
    page = anna_client.get(reverse("relais:my_note"))
    assert page.status_code == 200
    assert anna_client.post(reverse("relais:my_note")).status_code == 302
    assert not NoteAcknowledgement.objects.exists()


def test_the_note_page_query_count_does_not_grow(
    anna_client, relais_anna, django_assert_max_num_queries
):
    url = reverse("relais:my_note")
    anna_client.get(url)
    with django_assert_max_num_queries(12) as few:
        anna_client.get(url)
    for _n in range(5):
        version = make_note_version()
        services.note_acknowledge_on_phone(
            relais=relais_anna, version=version, user=relais_anna.user
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        anna_client.get(url)


def test_the_gdpr_export_says_how_the_note_was_acknowledged(relais_bruno):
    version = make_note_version()
    services.note_acknowledge_on_phone(
        relais=relais_bruno, version=version, user=relais_bruno.user
    )
    data = services.relais_export_data(relais=relais_bruno)
    channels = {a["version"]: a["channel"] for a in data["note_acknowledgements"]}
    assert channels == {1: "paper", 2: "phone"}
    phone = [a for a in data["note_acknowledgements"] if a["version"] == 2][0]
    assert phone["acknowledged_at"] is not None


def test_the_note_page_is_in_arabic_when_the_note_is_written_in_arabic(
    anna_client, relais_anna
):
    """A note written in Arabic shows in Arabic, without the line saying it is in
    French; in Turkish, where it is not written, it shows in French and says so."""
    arabic = {
        f"{name}_ar": f"نص {name}"
        for name in (
            "purpose_and_status",
            "liability_insurance",
            "liability_regime",
            "defraiement",
        )
    }
    make_note_version(secrecy="Secret.", secrecy_ar="تحفظ السر.", **arabic)
    for language, text, in_french in (
        ("ar", "تحفظ السر.", False),
        ("tr", "Secret.", True),
    ):
        relais_anna.user.language = language
        relais_anna.user.save(update_fields=["language"])
        anna_client.cookies["django_language"] = language
        response = anna_client.get(reverse("relais:my_note"))
        assert text in response.content.decode()
        assert response.context["text_in_french"] is in_french
