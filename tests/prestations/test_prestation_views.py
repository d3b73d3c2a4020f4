"""The relais phone flow and the outcome page, through the Django test client."""

import io
from datetime import date, datetime, time
from decimal import Decimal

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from prestations.models import (
    FicheMensuelle,
    Orientation,
    Place,
    Prestation,
    Situation,
)
from relais.models import Relais
from ressources.models import Organization, Service, Theme
from tests.factories.prestations import make_fiche, make_prestation

pytestmark = pytest.mark.django_db

QUICK = reverse("prestations:prestation_quick")


def make_service(name="CPAS de Schaerbeek", **fields):
    organization = Organization.objects.create(name=f"Org {name}")
    return Service.objects.create(organization=organization, name=name, **fields)


def outing(**overrides):
    return {
        "date": "2026-03-10",
        "place": Place.MOBILE,
        "kind": "round",
        "people_met": "7",
        "travel_mode": "none",
        "note": "",
        **overrides,
    }


def situation_data(**overrides):
    return {
        "age_band": "26-64",
        "gender": "f",
        "language": "ar",
        "is_first_contact": "True",
        "themes": [Theme.objects.get(code="housing").pk]
        if Theme.objects.filter(code="housing").exists()
        else [Theme.objects.first().pk],
        "note": "",
        "code": "",
        "person_informed": "on",
        **overrides,
    }


@time_machine.travel("2026-03-10 10:00 +0100")
def test_quick_form_preselects_today_and_the_last_place(relais_anna, anna_client):
    make_prestation(relais=relais_anna, date=date(2026, 3, 2), place=Place.PARTNER)
    response = anna_client.get(QUICK)
    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["date"] == date(2026, 3, 10)
    assert form.initial["place"] == Place.PARTNER
    assert b'class="tiles"' in response.content
    assert b"data-stepper" in response.content


def test_relais_logs_an_outing_then_two_situations(relais_anna, anna_client):
    service = make_service()
    response = anna_client.post(QUICK, outing(add_situation="1"))
    prestation = Prestation.objects.get()
    assert prestation.relais == relais_anna
    assert prestation.people_met == 7
    assert response.url == reverse("prestations:situation_add", args=[prestation.pk])

    response = anna_client.post(
        response.url,
        situation_data(
            services=[service.pk], accompanied="on", give_code="on", another="1"
        ),
    )
    assert response.url == reverse("prestations:situation_add", args=[prestation.pk])
    first = Situation.objects.get()
    assert len(first.code) == 6
    assert first.orientations.get().service == service
    assert first.orientations.get().is_accompanied

    response = anna_client.post(
        response.url,
        situation_data(language="tr", other_orientation="Épicerie sociale", done="1"),
        follow=True,
    )
    assert response.redirect_chain[-1][0] == prestation.get_absolute_url()
    assert prestation.situations.count() == 2
    assert "Situation enregistrée." in response.content.decode()
    second = prestation.situations.get(language="tr")
    assert second.code == ""
    assert second.orientations.get().other_text == "Épicerie sociale"


def test_bad_travel_input_keeps_what_was_typed(relais_anna, anna_client):
    response = anna_client.post(QUICK, outing(travel_mode="car", people_met="4"))
    assert response.status_code == 200
    assert "nombre de kilomètres" in response.content.decode()
    assert response.context["form"]["people_met"].value() == "4"
    assert not Prestation.objects.exists()


def test_receipt_must_be_an_image_or_pdf(relais_anna, anna_client):
    upload = SimpleUploadedFile("ticket.exe", b"MZ...", content_type="image/png")
    response = anna_client.post(
        QUICK,
        outing(
            travel_mode="public", travel_ticket_amount="2.60", travel_receipt=upload
        ),
    )
    assert response.status_code == 200
    assert "travel_receipt" in response.context["form"].errors
    assert not Prestation.objects.exists()


def test_identifying_note_is_refused_with_an_explanation(relais_anna, anna_client):
    prestation = make_prestation(relais=relais_anna)
    url = reverse("prestations:situation_add", args=[prestation.pk])
    response = anna_client.post(url, situation_data(note="Son gsm: 0486 55 44 33"))
    assert response.status_code == 200
    assert "numéro de téléphone" in response.content.decode()
    assert response.context["form"]["note"].value() == "Son gsm: 0486 55 44 33"
    assert not Situation.objects.exists()


def test_a_situation_needs_the_person_informed_tick(relais_anna, anna_client):
    prestation = make_prestation(relais=relais_anna)
    url = reverse("prestations:situation_add", args=[prestation.pk])
    data = situation_data(note="Cherche un logement")
    del data["person_informed"]
    page = anna_client.get(url)
    assert page.context["form"]["person_informed"].value() is False
    assert reverse("prestations:privacy_notice") in page.content.decode()
    response = anna_client.post(url, data)
    assert response.status_code == 200
    assert "Vos données" in response.context["form"].errors["person_informed"][0]
    assert response.context["form"]["note"].value() == "Cherche un logement"
    assert not Situation.objects.exists()
    anna_client.post(url, situation_data())
    assert Situation.objects.get().person_informed


def test_outing_refused_when_relais_cannot_work(relais_anna, anna_client):
    Relais.objects.filter(pk=relais_anna.pk).update(status=Relais.Status.PAUSED)
    response = anna_client.post(QUICK, outing())
    assert response.status_code == 200
    content = response.content.decode()
    assert "Pas de prestation possible le 10 mars 2026" in content
    assert "il faut être en activité" in content
    assert not Prestation.objects.exists()


def test_outing_refused_in_a_submitted_month(relais_anna, anna_client):
    make_fiche(relais=relais_anna, status=FicheMensuelle.Status.SUBMITTED)
    response = anna_client.post(QUICK, outing())
    assert response.status_code == 200
    assert "envoyée ou validée" in response.content.decode()
    assert not Prestation.objects.exists()


def test_crafted_posts_cannot_change_a_closed_month(relais_anna, anna_client):
    prestation = make_prestation(relais=relais_anna, people_met=3)
    situation = Situation.objects.create(prestation=prestation, note="avant")
    make_fiche(relais=relais_anna, status=FicheMensuelle.Status.VALIDATED)

    response = anna_client.post(
        reverse("prestations:situation_add", args=[prestation.pk]), situation_data()
    )
    assert response.status_code == 302
    assert Situation.objects.count() == 1

    anna_client.post(
        reverse("prestations:prestation_edit", args=[prestation.pk]),
        outing(people_met="99"),
    )
    anna_client.post(
        reverse("prestations:situation_edit", args=[situation.pk]),
        situation_data(note="après"),
    )
    anna_client.post(reverse("prestations:situation_delete", args=[situation.pk]))
    response = anna_client.post(
        reverse("prestations:prestation_delete", args=[prestation.pk]), follow=True
    )
    assert "envoyée ou validée" in response.content.decode()
    prestation.refresh_from_db()
    situation.refresh_from_db()
    assert prestation.people_met == 3
    assert situation.note == "avant"


def test_returned_month_is_open_again(relais_anna, anna_client):
    prestation = make_prestation(relais=relais_anna, people_met=3)
    make_fiche(relais=relais_anna, status=FicheMensuelle.Status.RETURNED)
    response = anna_client.post(
        reverse("prestations:prestation_edit", args=[prestation.pk]),
        outing(people_met="5"),
    )
    assert response.status_code == 302
    prestation.refresh_from_db()
    assert prestation.people_met == 5


def test_anna_gets_404_on_brunos_entries(relais_bruno, anna_client):
    prestation = make_prestation(relais=relais_bruno)
    situation = Situation.objects.create(prestation=prestation)
    for url in [
        reverse("prestations:prestation_detail", args=[prestation.pk]),
        reverse("prestations:prestation_edit", args=[prestation.pk]),
        reverse("prestations:situation_add", args=[prestation.pk]),
        reverse("prestations:situation_edit", args=[situation.pk]),
        reverse("prestations:orientation_outcomes", args=[situation.pk]),
    ]:
        assert anna_client.get(url).status_code == 404
        assert anna_client.post(url, situation_data()).status_code == 404
    assert Situation.objects.count() == 1


def test_my_outings_lists_only_my_month(relais_anna, relais_bruno, anna_client):
    mine = make_prestation(relais=relais_anna, date=date(2026, 3, 4))
    make_prestation(relais=relais_anna, date=date(2026, 4, 4))
    make_prestation(relais=relais_bruno, date=date(2026, 3, 4))
    response = anna_client.get(
        reverse("prestations:prestation_mine") + "?month=2026-03"
    )
    assert list(response.context["prestations"]) == [mine]


def test_outcome_update_after_the_month_is_closed(
    relais_anna, anna_client, coordination_client, coordination
):
    situation = Situation.objects.create(prestation=make_prestation(relais=relais_anna))
    orientation = Orientation.objects.create(situation=situation, other_text="CPAS")
    make_fiche(relais=relais_anna, status=FicheMensuelle.Status.VALIDATED)
    url = reverse("prestations:orientation_outcomes", args=[situation.pk])
    data = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "1",
        "form-0-id": str(orientation.pk),
        "form-0-outcome": "reached",
        "form-0-is_accompanied": "on",
    }
    response = anna_client.post(url, data)
    assert response.status_code == 302
    orientation.refresh_from_db()
    assert orientation.outcome == Orientation.Outcome.REACHED
    assert orientation.outcome_updated_by == relais_anna.user

    data["form-0-outcome"] = "not_reached"
    response = coordination_client.post(url, data)
    assert response.url == reverse("prestations:situation_detail", args=[situation.pk])
    orientation.refresh_from_db()
    assert orientation.outcome == Orientation.Outcome.NOT_REACHED
    assert orientation.outcome_updated_by == coordination


def test_receipt_is_served_to_its_relais_only(relais_anna, anna_client, bruno_client):
    prestation = make_prestation(
        relais=relais_anna,
        travel_mode="public",
        travel_ticket_amount="2.60",
        travel_receipt=SimpleUploadedFile("ticket.pdf", b"%PDF-1.4 ticket"),
    )
    url = reverse("prestations:prestation_receipt", args=[prestation.pk])
    response = anna_client.get(url)
    assert b"".join(response.streaming_content) == b"%PDF-1.4 ticket"
    assert bruno_client.get(url).status_code == 404


def test_receipt_content_must_really_be_an_image_or_pdf(relais_anna, anna_client):
    fake = SimpleUploadedFile("ticket.jpg", b"MZ\x90\x00 not an image")
    response = anna_client.post(
        QUICK,
        outing(travel_mode="public", travel_ticket_amount="2.60", travel_receipt=fake),
    )
    assert "ni une photo ni un PDF" in response.content.decode()
    assert not Prestation.objects.exists()

    too_big = SimpleUploadedFile("ticket.pdf", b"%PDF" + b"0" * (5 * 1024 * 1024))
    response = anna_client.post(
        QUICK,
        outing(
            travel_mode="public", travel_ticket_amount="2.60", travel_receipt=too_big
        ),
    )
    assert "5 Mo au maximum" in response.content.decode()
    assert not Prestation.objects.exists()

    receipt = SimpleUploadedFile("ticket.pdf", b"%PDF-1.4 ticket")
    response = anna_client.post(
        QUICK,
        outing(
            travel_mode="public", travel_ticket_amount="2.60", travel_receipt=receipt
        ),
    )
    assert response.status_code == 302
    assert Prestation.objects.get().travel_receipt.read() == b"%PDF-1.4 ticket"


def test_admin_form_refuses_identifying_notes(rf):
    from django.contrib import admin

    form_class = admin.site._registry[Situation].get_form(rf.get("/"))
    prestation = make_prestation()
    form = form_class(
        data={
            "prestation": prestation.pk,
            "age_band": "unknown",
            "gender": "na",
            "language": "fr",
            "is_first_contact": "on",
            "note": "écrire à quelqu'un@example.org",
        }
    )
    assert not form.is_valid()
    assert "adresse e-mail" in form.errors["note"][0]


def test_coordination_exports_a_month_without_notes(
    relais_anna, relais_bruno, coordination_client
):
    make_prestation(
        relais=relais_anna,
        note="Rien de personnel ici",
        people_met=3,
        travel_mode="public",
        travel_ticket_amount=Decimal("2.60"),
    )
    make_prestation(relais=relais_bruno)
    make_prestation(relais=relais_anna, date=date(2026, 4, 1))
    url = reverse("prestations:prestation_export")
    response = coordination_client.get(
        f"{url}?month=2026-03&relais={relais_anna.pk}&format=csv"
    )
    assert response["Content-Disposition"].endswith('prestations-2026-03.csv"')
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeffID;Relais;Date;Heure de début;Heure de fin;")
    lines = text.strip().splitlines()
    assert len(lines) == 2
    assert lines[1].split(";")[1:] == [
        "Anna Kowalska",
        "10/03/2026",
        "14:00",
        "17:00",
        "180",
        "Point de contact fixe",
        "Permanence",
        "3",
        "Transports en commun",
        "",
        "2,60",
    ]
    assert "Rien de personnel" not in text


def test_prestations_xlsx_export_has_typed_cells_and_a_named_sheet(
    relais_anna, coordination_client
):
    make_prestation(relais=relais_anna, travel_km=Decimal("12.5"), people_met=4)
    url = reverse("prestations:prestation_export")
    response = coordination_client.get(f"{url}?month=2026-03&format=xlsx")
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Prestations 03-2026"]
    row = {h.value: c for h, c in zip(book.active[1], book.active[2], strict=True)}
    assert (row["Date"].value, row["Date"].number_format) == (
        datetime(2026, 3, 10),
        "DD/MM/YYYY",
    )
    assert (row["Heure de début"].value, row["Heure de début"].number_format) == (
        time(14, 0),
        "HH:MM",
    )
    assert (row["Durée (minutes)"].value, row["Durée (minutes)"].data_type) == (
        180,
        "n",
    )
    assert row["Personnes rencontrées"].value == 4
    assert (row["Kilomètres"].value, row["Kilomètres"].number_format) == (
        12.5,
        "#,##0.0",
    )
    assert row["Prix du ticket (€)"].value is None


def test_prestations_export_defuses_a_relais_name_starting_with_equals(
    relais_anna, coordination_client
):
    Relais.objects.filter(pk=relais_anna.pk).update(preferred_name="=1+1")
    make_prestation(relais=relais_anna)
    url = reverse("prestations:prestation_export")
    response = coordination_client.get(f"{url}?month=2026-03&format=xlsx")
    cell = load_workbook(io.BytesIO(response.content)).active["B2"]
    assert (cell.value, cell.data_type, cell.quotePrefix) == (
        "=1+1 Kowalska",
        "s",
        True,
    )
    response = coordination_client.get(f"{url}?month=2026-03&format=csv")
    line = response.content.decode("utf-8-sig").splitlines()[1]
    assert line.split(";")[1] == "'=1+1 Kowalska"


@time_machine.travel("2026-03-10 10:00 +0100")
def test_quick_form_preselects_the_last_kind_too(relais_anna, anna_client):
    make_prestation(relais=relais_anna, date=date(2026, 3, 2), kind="training")
    response = anna_client.get(QUICK)
    assert response.context["form"].initial["kind"] == "training"


def test_a_known_code_marks_the_person_as_returning(relais_anna, anna_client):
    earlier = Situation.objects.create(
        prestation=make_prestation(relais=relais_anna), code="K7PQ2M"
    )
    prestation = make_prestation(relais=relais_anna, date=date(2026, 3, 20))
    url = reverse("prestations:situation_add", args=[prestation.pk])
    response = anna_client.post(url, situation_data(code="k7pq2m"))
    assert response.status_code == 302
    situation = prestation.situations.get()
    assert situation.code == earlier.code
    assert not situation.is_first_contact

    response = anna_client.post(url, situation_data(code="ZZZZZZ"))
    assert response.status_code == 200
    assert "Ce code n'existe pas" in response.context["form"].errors["code"][0]


@time_machine.travel("2026-03-20 10:00 +0100")
def test_home_pages_show_the_month_of_field_work(
    relais_anna, anna_client, coordination_client
):
    for day in (3, 12):
        prestation = make_prestation(relais=relais_anna, date=date(2026, 3, day))
        Situation.objects.create(prestation=prestation, follow_up_needed=day == 3)
    make_prestation(relais=relais_anna, date=date(2026, 2, 27))
    response = anna_client.get(reverse("relais_home"))
    content = response.content.decode()
    assert "Ce mois-ci : 2 sorties notées." in content
    assert reverse("prestations:prestation_quick") in content
    assert reverse("prestations:prestation_mine") in content
    response = coordination_client.get(reverse("coordination_home"))
    assert response.context["situations"] == {
        "situation_count": 2,
        "follow_up_count": 1,
    }


def test_browsing_my_outings_creates_no_monthly_fiche(anna_client, relais_anna):
    from prestations.models import FicheMensuelle

    for month in ("2026-01", "2026-02", "2026-03"):
        anna_client.get(reverse("prestations:prestation_mine"), {"month": month})
    assert not FicheMensuelle.objects.exists()


def test_delete_pages_ask_before_deleting(client):
    """GET on a delete URL asks (and deletes nothing); POST deletes."""
    from prestations.models import DefraiementLine, Orientation, Situation
    from tests.factories.prestations import make_fiche, make_prestation
    from tests.factories.relais import make_relais

    relais = make_relais()
    client.force_login(relais.user)
    today = timezone.localdate()
    prestation = make_prestation(relais=relais, date=today)
    situation = Situation.objects.create(prestation=prestation)
    Orientation.objects.create(situation=situation, other_text="CPAS")
    line = DefraiementLine.objects.create(
        fiche=make_fiche(relais=relais, month=today),
        kind="transport",
        date=today,
        amount="2.10",
    )
    asks = {
        reverse("prestations:prestation_delete", args=[prestation.pk]): (
            "Sa situation sera supprimée aussi."
        ),
        reverse("prestations:situation_delete", args=[situation.pk]): (
            "Ses orientations seront supprimées aussi."
        ),
        reverse("prestations:fiche_line_delete", args=[line.pk]): "2,10 €",
    }
    for url, text in asks.items():
        response = client.get(url)
        assert response.status_code == 200
        assert text in response.content.decode()
        assert b"Oui, supprimer" in response.content
    assert Situation.objects.filter(pk=situation.pk).exists()
    assert DefraiementLine.objects.filter(pk=line.pk).exists()

    version = line.fiche.version
    client.post(
        reverse("prestations:fiche_line_delete", args=[line.pk]), {"version": version}
    )
    client.post(reverse("prestations:prestation_delete", args=[prestation.pk]))
    assert not DefraiementLine.objects.filter(pk=line.pk).exists()
    assert not Situation.objects.filter(pk=situation.pk).exists()


def test_delete_page_of_a_closed_month_sends_back(client):
    from prestations.models import FicheMensuelle
    from tests.factories.prestations import make_fiche, make_prestation
    from tests.factories.relais import make_relais

    relais = make_relais()
    client.force_login(relais.user)
    prestation = make_prestation(relais=relais)
    make_fiche(
        relais=relais, month=prestation.date, status=FicheMensuelle.Status.SUBMITTED
    )
    response = client.get(
        reverse("prestations:prestation_delete", args=[prestation.pk])
    )
    assert response.status_code == 302
    assert response.url == prestation.get_absolute_url()


def test_a_chosen_receipt_survives_a_refused_save(
    relais_anna, anna_client, relais_bruno, bruno_client
):
    """Refused for a missing date: the ticket photo is kept on the server and
    shown as already attached; the corrected save attaches it."""
    photo = b"\xff\xd8\xff\xe0 ticket de tram"
    upload = SimpleUploadedFile("tram.jpg", photo, content_type="image/jpeg")
    data = outing(travel_mode="public", travel_ticket_amount="2.60")
    refused = anna_client.post(QUICK, {**data, "date": "", "travel_receipt": upload})
    assert refused.status_code == 200
    assert "Justificatif déjà joint : tram.jpg" in refused.content.decode()
    token = refused.context["form"]["kept_receipt"].value()
    assert token
    assert not Prestation.objects.exists()

    # Bruno cannot use Anna's token; a forged one is ignored.
    for client, bad in ((bruno_client, token), (anna_client, token + "x")):
        response = client.post(QUICK, {**data, "kept_receipt": bad})
        assert response.status_code == 302
    assert not Prestation.objects.exclude(travel_receipt="").exists()

    saved = anna_client.post(QUICK, {**data, "kept_receipt": token})
    assert saved.status_code == 302
    prestation = Prestation.objects.get(relais=relais_anna, travel_receipt__gt="")
    with prestation.travel_receipt.open("rb") as stored:
        assert stored.read() == photo
    # Used once: the same token attaches nothing more.
    anna_client.post(QUICK, {**data, "kept_receipt": token})
    assert Prestation.objects.exclude(travel_receipt="").count() == 1


def test_a_new_situation_speaks_the_language_of_the_last_one(relais_anna, anna_client):
    first = make_prestation(relais=relais_anna, date=date(2026, 3, 2))
    url = reverse("prestations:situation_add", args=[first.pk])
    assert anna_client.get(url).context["form"]["language"].value() == "fr"
    Situation.objects.create(prestation=first, language="fr")
    Situation.objects.create(prestation=first, language="ar")
    later = make_prestation(relais=relais_anna, date=date(2026, 3, 9))
    url = reverse("prestations:situation_add", args=[later.pk])
    assert anna_client.get(url).context["form"]["language"].value() == "ar"


def test_a_receipt_survives_a_refusal_by_the_rules_too(relais_anna, anna_client):
    """The form is valid but March is already sent: the photo is kept all the
    same, and attached once the outing moves to April."""
    from prestations.models import FicheMensuelle

    make_fiche(
        relais=relais_anna,
        month=date(2026, 3, 1),
        status=FicheMensuelle.Status.SUBMITTED,
    )
    photo = b"\xff\xd8\xff ticket"
    data = outing(travel_mode="public", travel_ticket_amount="2.60")
    refused = anna_client.post(
        QUICK,
        {**data, "travel_receipt": SimpleUploadedFile("t.jpg", photo, "image/jpeg")},
    )
    assert refused.status_code == 200
    assert "Justificatif déjà joint : t.jpg" in refused.content.decode()
    token = refused.context["form"]["kept_receipt"].value()
    saved = anna_client.post(
        QUICK, {**data, "date": "2026-04-10", "kept_receipt": token}
    )
    assert saved.status_code == 302
    with Prestation.objects.get().travel_receipt.open("rb") as stored:
        assert stored.read() == photo
