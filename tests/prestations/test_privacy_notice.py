"""Residents' data (issue 14): the privacy notice in the quartier's languages (page
and PDF), the retention period read from the legal parameters, the activities'
attendance texts filtered like situation notes and purged with them."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from activites.models import Frequentation
from prestations.models import LegalParameter
from prestations.notice import NOTICES
from tests.factories.activites import at, make_activite
from tests.pdf import assert_accessible_pdf, pdf_info, pdf_text

pytestmark = pytest.mark.django_db

LANGUAGES = ["fr", "nl", "en", "ar", "tr", "ro", "bg"]
TITLES = {
    "fr": "Vos données",
    "nl": "Uw gegevens",
    "en": "Your data",
    "ar": "بياناتك",
    "tr": "Verileriniz",
    "ro": "Datele dumneavoastră",
    "bg": "Вашите данни",
}


def test_every_language_of_the_quartier_has_a_notice():
    assert sorted(NOTICES) == sorted(LANGUAGES)
    for code, notice in NOTICES.items():
        assert notice.language == code
        assert notice.direction == ("rtl" if code == "ar" else "ltr")
        headings = [heading for heading, _texts in notice.sections]
        assert len(headings) == len(NOTICES["fr"].sections) == 7
        assert sum("{months}" in t for _h, texts in notice.sections for t in texts) == 1


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_relais_shows_the_notice_in_the_persons_language(anna_client, language):
    response = anna_client.get(
        reverse("prestations:privacy_notice"), {"lang": language}
    )
    assert response.status_code == 200
    html = response.content.decode()
    direction = "rtl" if language == "ar" else "ltr"
    assert (
        f'<article class="privacy-notice panel" lang="{language}" dir="{direction}">'
        in html
    )
    assert TITLES[language] in html
    # Every other language is one tap away, named in its own language.
    for notice in NOTICES.values():
        assert f'href="?lang={notice.language}"' in html
        assert notice.name in html


def test_the_notice_follows_the_interface_language_by_default(anna_client):
    response = anna_client.get(
        reverse("prestations:privacy_notice"), HTTP_ACCEPT_LANGUAGE="nl"
    )
    assert response.context["notice"].language in {"fr", "nl"}
    response = anna_client.get(reverse("prestations:privacy_notice"))
    assert response.context["notice"].language == "fr"


def test_an_unknown_language_falls_back_to_the_default(anna_client):
    url = reverse("prestations:privacy_notice")
    response = anna_client.get(url, {"lang": "xx<script>"})
    assert response.status_code == 200
    assert response.context["notice"].language == "fr"


def test_the_retention_period_comes_from_the_legal_parameters(anna_client):
    parameter = LegalParameter.objects.in_force_on(date.today())
    parameter.situation_retention_months = 18
    parameter.save(update_fields=["situation_retention_months"])
    url = reverse("prestations:privacy_notice")
    assert (
        "18 mois après votre dernière visite" in anna_client.get(url).content.decode()
    )
    assert "18 maanden na" in anna_client.get(url, {"lang": "nl"}).content.decode()
    assert "بعد 18 شهرًا" in anna_client.get(url, {"lang": "ar"}).content.decode()
    assert "La 18 luni" in anna_client.get(url, {"lang": "ro"}).content.decode()
    parameter.situation_retention_months = 24
    parameter.save(update_fields=["situation_retention_months"])
    assert "La 24 de luni" in anna_client.get(url, {"lang": "ro"}).content.decode()
    assert "بعد 24 شهرًا" in anna_client.get(url, {"lang": "ar"}).content.decode()


def test_the_contact_setting_is_printed(settings, anna_client):
    settings.PRIVACY_CONTACT = "ASBL Exemple, rue de Brabant 1, 1030 Schaerbeek"
    html = anna_client.get(reverse("prestations:privacy_notice")).content.decode()
    assert "ASBL Exemple, rue de Brabant 1" in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_notice_pdf_in_each_language(coordination_client, language):
    response = coordination_client.get(
        reverse("prestations:privacy_notice_pdf"), {"lang": language}
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    text = " ".join(pdf_text(response.content).split())
    if language != "ar":  # extracted Arabic comes out in visual order
        assert TITLES[language] in text
    assert "de la Presse 35" in text or "Drukpersstraat 35" in text
    assert pdf_info(response.content)["Pages"] == "1", "the notice fits on one page"
    assert_accessible_pdf(
        response.content,
        title=f"{TITLES[language]} — Tisseurs de liens",
        lang=language,
    )


# Attendance texts: filtered, and purged with the situations.


def test_attendance_texts_refuse_identifying_data():
    frequentation = Frequentation(
        activite=make_activite(), report="Mme X, gsm +32 (0)470 12 34 56"
    )
    with pytest.raises(ValidationError) as error:
        frequentation.full_clean()
    assert "report" in error.value.message_dict
    frequentation.report = ""
    frequentation.follow_up = "la rappeler : marie at exemple dot be"
    with pytest.raises(ValidationError) as error:
        frequentation.full_clean()
    assert "follow_up" in error.value.message_dict


def test_attendance_texts_are_purged_with_the_situations(capsys):
    old = Frequentation.objects.create(
        activite=make_activite(start=at(date(2025, 1, 10), 14)),
        total=7,
        report="Beaucoup de questions sur les loyers",
        follow_up="Inviter le CPAS",
    )
    recent = Frequentation.objects.create(
        activite=make_activite(start=at(date(2026, 2, 10), 14)),
        total=5,
        report="Café papote",
    )
    call_command("anonymise_situations", "--today", "2026-03-01", "--months", "12")
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.report, old.follow_up, old.total) == ("", "", 7)
    assert recent.report == "Café papote"
    assert "1 compte(s) rendu(s)" in capsys.readouterr().out


def test_notice_and_anonymise_pages_have_a_fixed_number_of_queries(
    coordination_client, relais_anna
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories.prestations import make_fiche, make_prestation

    def count(url) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert coordination_client.get(url).status_code == 200
        return len(queries)

    notice = reverse("prestations:privacy_notice")
    anonymise = reverse("relais_anonymise", args=[relais_anna.pk])
    before = (count(notice), count(anonymise))
    for month in range(1, 13):
        make_fiche(relais=relais_anna, month=date(2025, month, 1), status="validated")
        make_prestation(relais=relais_anna, date=date(2025, month, 3))
    relais_anna.status = "left"
    relais_anna.save()
    assert (count(notice), count(anonymise)) == before


def test_the_attendance_form_refuses_a_phone_and_keeps_the_text(
    anna_client, relais_anna
):
    from datetime import timedelta

    from django.utils import timezone

    from tests.factories.activites import make_affectation

    past = make_activite(start=timezone.now() - timedelta(hours=3))
    make_affectation(past, relais_anna)
    url = reverse("activites:frequentation_edit", args=[past.pk])
    data = {
        "total": "6",
        "newcomers": "2",
        "languages": ["fr"],
        "report": "Bonne ambiance",
        "follow_up": "Rappeler Mme K. au 0470 / 12 34 56",
    }
    response = anna_client.post(url, data)
    assert response.status_code == 200
    assert "numéro de téléphone" in response.content.decode()
    assert response.context["form"]["follow_up"].value() == data["follow_up"]
    assert not Frequentation.objects.exists()
    data["follow_up"] = "Rappeler la personne via le relais"
    assert anna_client.post(url, data).status_code == 302
    assert Frequentation.objects.get().follow_up == data["follow_up"]
