"""The seven interface languages: who gets which, right-to-left Arabic, Belgian formats
in fr/nl/en on a relais page and in the COCOM export, and what is made for a relais
(e-mails, PDFs) in the relais' own language whoever triggers it."""

from datetime import date, time
from decimal import Decimal

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format, number_format, time_format

from prestations.models import DefraiementLine
from prestations.services import fiche as fiche_services
from rapports import services as rapports_services
from rapports.periods import Period
from relais.models import Regime
from relais.services import relais_invite
from tests.factories.prestations import make_fiche, make_prestation
from tests.factories.relais import make_regime, make_relais
from tests.pdf import pdf_text
from tisseurs import i18n

MINE = reverse("prestations:fiche_mine")
HOME = reverse("relais_home")


def _switch(client, language, next_url="/"):
    return client.post(
        reverse("set_language"), {"language": language, "next": next_url}
    )


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_belgian_formats_in_french_dutch_and_english(language):
    with translation.override(language):
        assert date_format(date(2026, 11, 26), "SHORT_DATE_FORMAT") == "26/11/2026"
        assert time_format(time(14, 30), "TIME_FORMAT") == "14:30"
        assert (
            number_format(Decimal("1234.56"), 2, use_l10n=True, force_grouping=True)
            == "1.234,56"
        )


@pytest.fixture
def big_month(relais_anna):
    """November 2026: one outing on the 26th and a real-cost line of 1 234,56 €."""
    make_regime(relais_anna, 2026, Regime.FRAIS_REELS)
    make_prestation(relais=relais_anna, date=date(2026, 11, 26))
    fiche = make_fiche(relais=relais_anna, month=date(2026, 11, 1))
    DefraiementLine.objects.create(
        fiche=fiche,
        date=date(2026, 11, 26),
        kind=DefraiementLine.Kind.REAL_COST,
        amount=Decimal("1234.56"),
        purpose="Imprimante",
    )
    return fiche


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_a_relais_page_shows_belgian_dates_and_amounts(
    anna_client, relais_anna, big_month, language
):
    relais_anna.user.language = language
    relais_anna.user.save(update_fields=["language"])
    page = anna_client.get(MINE, {"month": "2026-11"})
    text = page.content.decode()
    assert page.status_code == 200
    assert "26/11/2026" in text
    assert "1.234,56" in text
    assert "1234,56" not in text and "1,234.56" not in text


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_the_cocom_export_keeps_belgian_decimals(language, relais_anna):
    make_prestation(relais=relais_anna, date=date(2026, 1, 5))  # 3 hours
    quarter = Period.quarter(2026, 1)
    text = rapports_services.export_csv(quarter, language=language, sheet="indicateurs")
    hours = [line for line in text.splitlines() if ";heures;" in line]
    assert hours and hours[0].split(";")[3] == "3,0"


def test_arabic_is_right_to_left_with_the_rtl_bootstrap(anna_client, relais_anna):
    _switch(anna_client, "ar")
    relais_anna.user.refresh_from_db()
    assert relais_anna.user.language == "ar"
    page = anna_client.get(HOME).content.decode()
    assert '<html lang="ar" dir="rtl">' in page
    assert "bootstrap.rtl.min.css" in page
    assert "شهري" in page  # "Mon mois" in the bottom navigation


@pytest.mark.parametrize("language", ["tr", "ro", "bg"])
def test_the_other_relais_languages_stay_left_to_right(anna_client, language):
    _switch(anna_client, language)
    page = anna_client.get(HOME).content.decode()
    assert f'<html lang="{language}" dir="ltr">' in page
    assert "bootstrap.min.css" in page and "rtl" not in page.split("<body")[0]


def test_the_switcher_names_languages_in_their_own_script(anna_client):
    page = anna_client.get(HOME).content.decode()
    for name in ("Français", "Nederlands", "English", "العربية", "Türkçe", "Română"):
        assert name in page
    assert "Български" in page


def test_staff_are_offered_only_french_dutch_and_english(coordination_client):
    page = coordination_client.get(reverse("home"), follow=True).content.decode()
    assert "Nederlands" in page
    assert "العربية" not in page and "Türkçe" not in page


def test_a_staff_user_choosing_arabic_gets_french(coordination_client, coordination):
    _switch(coordination_client, "ar")
    coordination.refresh_from_db()
    assert coordination.language != "ar"  # not remembered on the account
    page = coordination_client.get(reverse("home"), follow=True)
    assert page["Content-Language"] == "fr"
    assert '<html lang="fr" dir="ltr">' in page.content.decode()


def test_a_staff_account_page_refuses_a_relais_language(coordination_client):
    response = coordination_client.post(reverse("account"), {"language": "ar"})
    assert response.status_code == 200
    assert response.context["form"].errors["language"]


def test_the_login_page_offers_every_language():
    client = Client()
    client.cookies["django_language"] = "bg"
    page = client.get(reverse("login")).content.decode()
    assert '<html lang="bg"' in page and "العربية" in page


def test_user_entered_text_is_marked_dir_auto(anna_client, relais_anna, big_month):
    page = anna_client.get(MINE, {"month": "2026-11"}).content.decode()
    assert '<span dir="auto">Imprimante</span>' in page
    home = anna_client.get(HOME).content.decode()
    assert (
        f'<span dir="auto">{relais_anna.preferred_name or relais_anna.first_name}'
        in home
    )


def test_the_monthly_sheet_pdf_is_in_the_relais_language(
    coordination, relais_anna, big_month
):
    relais_anna.user.language = "tr"
    relais_anna.user.save(update_fields=["language"])
    assert fiche_services.fiche_language(big_month) == "tr"
    with translation.override("fr"):  # the coordinator's own language
        assert fiche_services.fiche_language(big_month) == "tr"


def test_the_invitation_goes_out_in_the_relais_language(rf, coordination, relais_bruno):
    relais_bruno.user.language = "ro"
    relais_bruno.user.save(update_fields=["language"])
    relais_bruno.email = "bruno@example.org"
    relais_bruno.save(update_fields=["email"])
    request = rf.get("/")
    request.user = coordination
    with translation.override("fr"):
        relais_invite(request=request, relais=relais_bruno)
    assert "Bună ziua" in mail.outbox[-1].body


def test_the_gdpr_export_pdf_is_in_the_relais_language(
    coordination_client, relais_anna
):
    relais_anna.user.language = "nl"
    relais_anna.user.save(update_fields=["language"])
    url = reverse("relais_export", args=[relais_anna.pk])
    response = coordination_client.get(url, {"format": "pdf"})
    text = pdf_text(response.content)
    assert "buurtrelais" in text


def test_user_language_falls_back_to_the_given_then_french():
    assert i18n.user_language(None) == "fr"
    assert i18n.user_language(None, "nl") == "nl"


def test_relais_read_their_own_short_help(anna_client, coordination_client):
    relais_help = anna_client.get(reverse("help")).content.decode()
    assert "Touchez « Noter une sortie »." in relais_help
    assert "Rapports" not in relais_help.split("<main", 1)[1].split("</main>")[0]
    staff_help = coordination_client.get(reverse("help")).content.decode()
    assert "Touchez « Noter une sortie »." not in staff_help


def test_relais_help_sentences_are_short():
    """A2 help: every sentence of the relais help has fewer than 15 words."""
    import re

    source = (i18n.ROOT / "templates" / "help" / "for_relais.html").read_text()
    for message in re.findall(r'{% translate "([^"]+)" %}', source):
        for sentence in re.split(r"(?<=[.?!])\s+", message):
            assert len(sentence.split()) < 15, sentence


def test_arabic_help_is_in_arabic(anna_client):
    _switch(anna_client, "ar")
    page = anna_client.get(reverse("help")).content.decode()
    assert "المس « اكتب خرجة »." in page


def test_the_note_pdf_is_in_the_relais_language_right_to_left(coordination_client):
    from tests.factories.relais import make_note_version

    relais = make_relais(first_name="أمينة", last_name="El Idrissi")
    relais.user.language = "ar"
    relais.user.save(update_fields=["language"])
    make_note_version(secrecy="Secret professionnel")
    pdf = coordination_client.get(reverse("relais:note_pdf", args=[relais.pk])).content
    text = pdf_text(pdf)
    assert "مذكرة المنظمة" in text  # "Note d'organisation"
    assert "السر المهني والكتمان" in text  # the item label, in Arabic
    assert "Secret professionnel" in text  # the legal text exists in fr/nl only


def test_coordination_invites_a_relais_in_the_relais_language(
    coordination_client, relais_bruno
):
    relais_bruno.email = "bruno@example.org"
    relais_bruno.save(update_fields=["email"])
    detail = coordination_client.get(relais_bruno.get_absolute_url()).content.decode()
    assert '<option value="bg" lang="bg"' in detail
    coordination_client.post(
        reverse("relais:relais_invite", args=[relais_bruno.pk]), {"language": "bg"}
    )
    relais_bruno.user.refresh_from_db()
    assert relais_bruno.user.language == "bg"
    assert "Здравейте" in mail.outbox[-1].body
    # A language that does not exist changes nothing.
    coordination_client.post(
        reverse("relais:relais_invite", args=[relais_bruno.pk]), {"language": "xx"}
    )
    relais_bruno.user.refresh_from_db()
    assert relais_bruno.user.language == "bg"


def test_the_theme_tiles_are_in_the_relais_language(anna_client, relais_anna):
    prestation = make_prestation(relais=relais_anna)
    _switch(anna_client, "ar")
    url = reverse("prestations:situation_add", args=[prestation.pk])
    page = anna_client.get(url).content.decode()
    assert "السكن" in page  # "Logement"
    assert "الصحة النفسية" in page  # "Santé mentale"
    assert "Santé mentale" not in page


def test_the_account_page_is_all_in_arabic(anna_client):
    _switch(anna_client, "ar")
    page = anna_client.get(reverse("account")).content.decode()
    assert "لغة الشاشة" in page  # "Langue de l'interface"
    assert "اتركه فارغًا لاستخدام لغة المتصفح." in page
    assert "Langue de l" not in page
    assert "Laisser vide" not in page


def test_the_relais_help_explains_the_calendar_link_in_arabic(anna_client):
    _switch(anna_client, "ar")
    page = anna_client.get(reverse("help")).content.decode()
    assert "ثم المس « إضافة إلى تقويمي »." in page  # "Ajouter à mon agenda"
    assert "المس « نسخ »" in page  # "Copier"


def test_training_statuses_are_neutral_words_in_every_relais_language():
    from relais.models import FormationAttendance

    Status = FormationAttendance.Status
    assert [str(label) for label in Status.labels] == [
        "Présence",
        "Absence excusée",
        "Absence",
    ]
    with translation.override("en"):
        assert str(Status.PRESENT.label) == "Present"
    with translation.override("tr"):
        assert str(Status.EXCUSED.label) == "Mazeretli devamsızlık"
