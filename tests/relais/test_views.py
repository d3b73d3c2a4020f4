"""Coordination and relais pages of the relais file, through the test client."""

import json
from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from relais.models import (
    BenefitGate,
    Convention,
    Document,
    NoteAcknowledgement,
    NoteVersion,
    Relais,
    RelaisRegime,
)
from tests.factories.relais import (
    make_bare_relais,
    make_document,
    make_formation,
    make_formation_attendance,
    make_gate,
    make_languages,
    make_note_version,
    make_regime,
    make_relais,
)
from tests.pdf import assert_accessible_pdf, pdf_text

pytestmark = pytest.mark.django_db

VALID = {
    "first_name": "فاطمة",
    "last_name": "Yılmaz-Петрова",
    "preferred_name": "",
    "phone": "0470 12 34 56",
    "email": "fatima@example.org",
    "zone": "Brabant",
    "birth_year": "1980",
    "status": "candidate",
    "status_since": "2026-01-05",
    "iban": "BE71 0961 2345 6769",
    "notes": "",
    "languages": ["ar", "tr"],
}


def test_coordination_creates_a_relais_with_a_name_in_any_script(coordination_client):
    response = coordination_client.post(reverse("relais:relais_create"), VALID)
    relais = Relais.objects.get(last_name="Yılmaz-Петрова")
    assert response.status_code == 302
    assert response.url == relais.get_absolute_url()
    assert relais.first_name == "فاطمة"
    assert relais.phone == "+32470123456"
    assert relais.iban == "BE71096123456769"
    assert relais.language_codes == ["ar", "tr"]
    page = coordination_client.get(response.url)
    assert "La fiche de" in page.text
    assert "Arabe, Turc" in page.text


def test_international_phone_is_accepted(coordination_client):
    coordination_client.post(
        reverse("relais:relais_create"), {**VALID, "phone": "+33 6 12 34 56 78"}
    )
    assert Relais.objects.get().phone == "+33612345678"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("phone", "12345", "numéro de téléphone n&#x27;est pas valide"),
        ("iban", "BE00 1234 5678 9999", "IBAN"),
        ("birth_year", str(date.today().year - 12), "au moins 16 ans"),
    ],
)
def test_bad_input_rerenders_the_form_and_saves_nothing(
    coordination_client, field, value, message
):
    response = coordination_client.post(
        reverse("relais:relais_create"), {**VALID, field: value}
    )
    assert response.status_code == 200
    assert message in response.text
    assert "Yılmaz-Петрова" in response.text  # what was typed is kept
    assert not Relais.objects.exists()


def test_list_filters_by_language_status_and_search(coordination_client):
    anna = make_relais(first_name="Anna", last_name="Kowalska")
    make_languages(anna, "pl", "fr")
    bruno = make_relais(first_name="Bruno", last_name="Mertens")
    make_languages(bruno, "nl")
    url = reverse("relais:relais_list")
    assert "Kowalska" in coordination_client.get(url, {"language": "pl"}).text
    assert "Mertens" not in coordination_client.get(url, {"language": "pl"}).text
    assert "Mertens" in coordination_client.get(url, {"q": "mert"}).text
    assert "Kowalska" not in coordination_client.get(url, {"q": "mert"}).text
    assert "Kowalska" not in coordination_client.get(url, {"status": "paused"}).text


def test_list_alert_filter_keeps_only_relais_with_alerts(coordination_client):
    make_relais(last_name="EnOrdre")
    make_bare_relais(last_name="SansConvention")
    response = coordination_client.get(reverse("relais:relais_list"), {"alerts": "on"})
    assert "SansConvention" in response.text
    assert "EnOrdre" not in response.text


def test_convention_with_signed_upload_is_stored_privately(coordination_client):
    relais = make_bare_relais()
    upload = SimpleUploadedFile("convention.pdf", b"%PDF-1.4 signed", "application/pdf")
    response = coordination_client.post(
        reverse("relais:convention_create", args=[relais.pk]),
        {
            "start_date": "2026-01-01",
            "end_date": "2026-12-31",
            "confidentiality_accepted_on": "2026-01-01",
            "signed_file": upload,
        },
    )
    assert response.status_code == 302
    convention = Convention.objects.get(relais=relais)
    assert convention.document.kind == Document.Kind.CONVENTION
    download = coordination_client.get(convention.document.get_absolute_url())
    assert b"".join(download.streaming_content) == b"%PDF-1.4 signed"


def test_convention_rejects_dates_in_the_wrong_order_and_bad_files(
    coordination_client,
):
    relais = make_bare_relais()
    response = coordination_client.post(
        reverse("relais:convention_create", args=[relais.pk]),
        {
            "start_date": "2026-06-01",
            "end_date": "2026-01-01",
            "signed_file": SimpleUploadedFile("virus.exe", b"MZ", "application/x"),
        },
    )
    assert response.status_code == 200
    assert "La fin doit être après le début." in response.text
    assert "extension" in response.text
    assert not Convention.objects.exists()
    assert not Document.objects.exists()


def test_regime_is_set_once_per_year_and_corrected_with_a_reason(coordination_client):
    relais = make_relais()
    url = reverse("prestations:regime_set", args=[relais.pk])
    coordination_client.post(url, {"year": "2026", "regime": "forfait"})
    coordination_client.post(url, {"year": "2026", "regime": "frais_reels"})
    assert relais.regime_for(2026) == "forfait"  # a correction needs a reason
    coordination_client.post(
        url, {"year": "2026", "regime": "frais_reels", "reason": "Erreur de saisie"}
    )
    assert relais.regime_for(2026) == "frais_reels"
    assert RelaisRegime.objects.filter(relais=relais).count() == 1


def test_new_note_version_then_acknowledgement_clears_the_alert(coordination_client):
    relais = make_relais(last_name="Kowalska")
    response = coordination_client.post(
        reverse("relais:note_create"),
        {
            "published_on": "2026-03-01",
            "purpose_and_status_fr": "ASBL, but désintéressé",
            "liability_insurance_fr": "Ethias RC 123",
            "liability_regime_fr": "Responsabilité de l'ASBL",
            "other_insurance_fr": "",
            "defraiement_fr": "Forfait",
            "secrecy_fr": "Art. 458",
        },
    )
    assert response.status_code == 302
    version = NoteVersion.objects.current()
    assert version.number == 2
    home = coordination_client.get(reverse("coordination_home"))
    assert "ancienne version de la note" in home.text
    pdf = coordination_client.get(
        reverse("relais:note_pdf", args=[relais.pk]), {"lang": "nl"}
    )
    assert pdf.content.startswith(b"%PDF")
    text = pdf_text(pdf.content)
    assert "Kowalska" in text
    assert "Ethias RC 123" in text
    coordination_client.post(
        reverse("relais:acknowledgement_create", args=[relais.pk]),
        {"version": version.pk, "acknowledged_on": str(timezone.localdate())},
    )
    ack = NoteAcknowledgement.objects.get(relais=relais, version=version)
    assert ack.acknowledged_on == timezone.localdate()
    home = coordination_client.get(reverse("coordination_home"))
    assert "Kowalska" not in home.text


def test_home_alerts_agreement_insurance_gate_and_reconfirmation(
    coordination_client,
):
    today = timezone.localdate()
    ending = make_bare_relais(last_name="FinProche")
    from tests.factories.relais import (
        make_acknowledgement,
        make_convention,
        make_insurance,
    )

    make_convention(ending, end_date=today + timedelta(days=10))
    make_acknowledgement(ending)
    make_insurance(valid_until=today + timedelta(days=20), number="RC-ENDING")
    gated = make_relais(last_name="SansC45B")
    make_gate(gated)
    old = make_relais(last_name="AReconfirmer")
    make_gate(
        old,
        kind=BenefitGate.Kind.CPAS,
        filed_on=today - timedelta(days=400),
    )
    text = coordination_client.get(reverse("coordination_home")).text
    assert "FinProche" in text
    assert "La convention se termine" in text
    assert "RC-ENDING" not in text  # the factory policy runs until 2030
    assert "C45B" in text
    assert "reconfirmation annuelle" in text


def test_insurance_ending_alert_when_not_renewed(coordination_client):
    from relais.models import InsurancePolicy

    InsurancePolicy.objects.all().delete()
    from tests.factories.relais import make_insurance

    today = timezone.localdate()
    make_insurance(
        valid_from=today - timedelta(days=300),
        valid_until=today + timedelta(days=15),
        number="RC-2026",
    )
    text = coordination_client.get(reverse("coordination_home")).text
    assert "RC-2026" in text


def test_relais_cannot_download_another_relais_document(
    anna_client, relais_anna, relais_bruno
):
    own = make_document(relais_anna)
    other = make_document(relais_bruno)
    assert anna_client.get(own.get_absolute_url()).status_code == 200
    assert anna_client.get(other.get_absolute_url()).status_code == 404
    page = anna_client.get(reverse("relais:my_documents"))
    assert own.title in page.text
    assert page.text.count("/relais/document/") == 1


def test_relais_edits_phone_and_languages(anna_client, relais_anna):
    response = anna_client.post(
        reverse("relais:my_profile"),
        {"phone": "0486 11 22 33", "email": "anna@example.org", "languages": ["pl"]},
    )
    assert response.status_code == 302
    relais_anna.refresh_from_db()
    assert relais_anna.phone == "+32486112233"
    assert relais_anna.language_codes == ["pl"]
    bad = anna_client.post(
        reverse("relais:my_profile"), {"phone": "abc", "languages": ["pl"]}
    )
    assert bad.status_code == 200
    assert "pas valide" in bad.text
    # The error is summed up at the top, with a link to its field.
    assert 'id="error-summary"' in bad.text
    assert 'href="#id_phone"' in bad.text


def test_profile_fields_say_what_the_phone_may_fill_in(anna_client):
    page = anna_client.get(reverse("relais:my_profile")).text
    assert 'autocomplete="tel"' in page
    assert 'autocomplete="email"' in page


def test_relais_pages_never_show_iban_or_notes(anna_client, relais_anna):
    relais_anna.iban = "BE71096123456769"
    relais_anna.notes = "Note interne"
    relais_anna.save()
    for name in ("relais:my_profile", "relais:my_documents", "relais:my_trainings"):
        text = anna_client.get(reverse(name)).text
        assert "BE71096123456769" not in text
        assert "Note interne" not in text


def test_my_trainings_lists_attendance_and_hours(anna_client, relais_anna):
    formation = make_formation(title="Écoute active")
    make_formation_attendance(formation, relais_anna)
    text = anna_client.get(reverse("relais:my_trainings")).text
    assert "Écoute active" in text
    assert "3,0 heures de formation suivies." in text


def test_invitation_creates_the_account_and_mails_a_reset_link(coordination_client):
    relais = make_bare_relais(with_user=False, email="nouveau@example.org")
    response = coordination_client.post(
        reverse("relais:relais_invite", args=[relais.pk]), follow=True
    )
    relais.refresh_from_db()
    assert relais.user is not None
    assert relais.user.groups.filter(name="relais").exists()
    assert not relais.user.has_usable_password()
    assert "nouveau@example.org" in response.text
    assert len(mail.outbox) == 1
    assert "/invitation/" in mail.outbox[0].body
    assert "sept jours" in mail.outbox[0].body


def test_invitation_without_email_says_so(coordination_client):
    relais = make_bare_relais(with_user=False)
    response = coordination_client.post(
        reverse("relais:relais_invite", args=[relais.pk]), follow=True
    )
    assert "adresse e-mail" in response.text
    assert not mail.outbox


def test_gate_form_rejects_answer_before_filing(coordination_client, relais_anna):
    response = coordination_client.post(
        reverse("relais:gate_create", args=[relais_anna.pk]),
        {"kind": "onem", "filed_on": "2026-03-10", "approved_on": "2026-03-01"},
    )
    assert response.status_code == 200
    assert "La réponse ne peut pas précéder la démarche." in response.text
    assert not BenefitGate.objects.exists()


def test_detail_shows_timeline_and_history(coordination_client, relais_anna):
    url = reverse("relais:relais_edit", args=[relais_anna.pk])
    coordination_client.post(
        url,
        {**VALID, "first_name": "Anna", "last_name": "Kowalska", "status": "active"},
    )
    text = coordination_client.get(relais_anna.get_absolute_url()).text
    assert "Début de la convention" in text
    assert "camille" in text  # who changed the file
    assert "modification" in text
    assert "adresse e-mail" in text  # which fields changed


def test_gdpr_export_json_and_pdf(coordination_client, relais_anna):
    make_regime(relais_anna, 2026)
    make_languages(relais_anna, "pl")
    make_gate(relais_anna, kind=BenefitGate.Kind.CPAS, filed_on=date(2026, 1, 2))
    url = reverse("relais_export", args=[relais_anna.pk])
    data = json.loads(coordination_client.get(url).content)
    assert data["relais"]["last_name"] == "Kowalska"
    assert data["relais"]["languages"] == ["pl"]
    assert data["regimes"] == [{"year": 2026, "regime": "forfait"}]
    assert data["benefit_gates"][0]["filed_on"] == "2026-01-02"
    assert data["note_acknowledgements"][0]["version"] == 1
    pdf = coordination_client.get(url, {"format": "pdf"})
    assert pdf.content.startswith(b"%PDF")
    assert "Kowalska" in pdf_text(pdf.content)


def test_anonymise_only_a_relais_who_left(coordination_client, relais_anna):
    url = reverse("relais_anonymise", args=[relais_anna.pk])
    response = coordination_client.post(url, follow=True)
    assert "Seul un relais parti" in response.text
    relais_anna.refresh_from_db()
    assert relais_anna.last_name == "Kowalska"


def test_anonymise_removes_personal_data_and_keeps_accounting(
    coordination_client, relais_anna
):
    relais_anna.email = "anna@example.org"
    relais_anna.iban = "BE71096123456769"
    relais_anna.status = Relais.Status.LEFT
    relais_anna.save()
    make_regime(relais_anna, 2025)
    make_languages(relais_anna, "pl")
    make_gate(relais_anna)
    document = make_document(relais_anna)
    path = document.file.path
    coordination_client.post(reverse("relais_anonymise", args=[relais_anna.pk]))
    relais_anna.refresh_from_db()
    assert relais_anna.anonymised_at
    assert relais_anna.first_name == "Relais"
    assert relais_anna.last_name.startswith("R-")
    assert relais_anna.email == relais_anna.iban == relais_anna.phone == ""
    assert not relais_anna.spoken_languages.exists()
    assert not relais_anna.gates.exists()
    assert not relais_anna.documents.exists()
    assert not BenefitGate.history.filter(relais_id=relais_anna.pk).exists()
    import os

    assert not os.path.exists(path)
    assert relais_anna.regime_for(2025) == "forfait"
    assert relais_anna.conventions.exists()
    assert not relais_anna.history.filter(last_name="Kowalska").exists()
    assert relais_anna.user.is_active is False
    assert relais_anna.user.email == ""


def test_changing_the_status_dates_it_today(coordination_client, relais_anna):
    relais_anna.status_since = date(2025, 1, 1)
    relais_anna.save()
    coordination_client.post(
        reverse("relais:relais_edit", args=[relais_anna.pk]),
        {
            **VALID,
            "status": "paused",
            "status_since": "2025-01-01",
        },
    )
    relais_anna.refresh_from_db()
    assert relais_anna.status == "paused"
    assert relais_anna.status_since == timezone.localdate()


def test_gate_reconfirmation_clears_the_yearly_alert(coordination_client, relais_anna):
    today = timezone.localdate()
    gate = make_gate(
        relais_anna, kind=BenefitGate.Kind.CPAS, filed_on=today - timedelta(days=400)
    )
    assert (
        "reconfirmation annuelle"
        in coordination_client.get(reverse("coordination_home")).text
    )
    response = coordination_client.post(
        reverse("relais:gate_confirm", args=[gate.pk]), follow=True
    )
    assert "reconfirmée aujourd" in response.text
    gate.refresh_from_db()
    assert gate.confirmed_on == today
    assert (
        "reconfirmation annuelle"
        not in coordination_client.get(reverse("coordination_home")).text
    )


def test_direction_sees_iban_but_relais_never(
    direction_client, anna_client, relais_anna, django_assert_max_num_queries
):
    relais_anna.iban = "BE71096123456769"
    relais_anna.save()
    for _ in range(60):
        make_relais(iban="BE62510007547061")
    with django_assert_max_num_queries(8):
        text = direction_client.get(reverse("relais:bank_details")).text
    assert "BE71096123456769" in text
    assert anna_client.get(reverse("relais:bank_details")).status_code == 403


def test_note_pdf_in_dutch_uses_the_dutch_text(coordination_client):
    relais = make_relais(last_name="Peeters")
    make_note_version(
        secrecy="Secret professionnel français",
        secrecy_nl="Beroepsgeheim in het Nederlands",
    )
    url = reverse("relais:note_pdf", args=[relais.pk])
    dutch_pdf = coordination_client.get(url, {"lang": "nl"}).content
    assert_accessible_pdf(dutch_pdf, title="Organisatienota", lang="nl")
    dutch = pdf_text(dutch_pdf)
    assert "Beroepsgeheim in het Nederlands" in dutch
    assert "Organisatienota" in dutch
    assert "Peeters" in dutch
    french = pdf_text(coordination_client.get(url, {"lang": "fr"}).content)
    assert "Secret professionnel français" in french
    assert "Beroepsgeheim" not in french


def test_relais_today_page_lists_what_is_missing(anna_client, relais_anna):
    version = make_note_version()
    text = anna_client.get(reverse("relais_home")).text
    assert "Avant votre prochaine sortie" in text
    assert f"version {version.number}" in text
    make_gate(relais_anna, kind=BenefitGate.Kind.SICKNESS)
    assert "médecin-conseil" in anna_client.get(reverse("relais_home")).text
