"""Directory pages through the test client."""

from datetime import date, time
from pathlib import Path

import pytest
from django import forms
from django.urls import reverse

from ressources.forms import ServicePickerField
from ressources.models import (
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceLanguage,
    Suggestion,
    Theme,
)
from ressources.services import service_refresh_search
from tests.factories.ressources import make_service
from tests.pdf import assert_accessible_pdf, pdf_text

SEARCH = reverse("ressources:search")
LIST = reverse("ressources:service_list")


@pytest.fixture
def mental_health(db):
    return make_service(
        name="Service de santé mentale Le Méridien",
        themes=["sante-mentale"],
        languages=["fr", "ar"],
        address=("Rue du Méridien 68", "1210", "Saint-Josse-ten-Noode"),
        phone="02 218 56 08",
        hours=[(d, time(9), time(17)) for d in range(1, 6)],
        cost=Service.Cost.FREE,
    )


def test_relais_search_without_accents_shows_what_a_relais_needs(
    anna_client, mental_health
):
    make_service(name="Épicerie sociale", themes=["alimentation"])
    response = anna_client.get(SEARCH, {"q": "sante mentale"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Le Méridien" in page
    assert "Épicerie" not in page
    assert 'href="tel:+3222185608"' in page
    assert "openstreetmap.org" in page
    assert "Arabe" in page


def test_filters_narrow_the_results(anna_client, mental_health):
    informal = make_service(
        name="Café Le Lien", is_formal=False, languages=["tr"], is_bas_seuil=True
    )
    assert list(anna_client.get(SEARCH, {"language": "ar"}).context["page"]) == [
        mental_health
    ]
    assert list(anna_client.get(SEARCH, {"kind": "informal"}).context["page"]) == [
        informal
    ]
    assert list(anna_client.get(SEARCH, {"bas_seuil": "on"}).context["page"]) == [
        informal
    ]
    assert list(anna_client.get(SEARCH, {"free": "on"}).context["page"]) == [
        mental_health
    ]
    assert list(anna_client.get(SEARCH, {"municipality": "1210"}).context["page"]) == [
        mental_health
    ]
    theme = Theme.objects.get(code="sante-mentale")
    assert list(anna_client.get(SEARCH, {"theme": theme.pk}).context["page"]) == [
        mental_health
    ]


def test_open_now_filter(anna_client, mental_health, time_machine):
    make_service(name="Fermé", hours=[(6, time(9), time(10))])
    time_machine.move_to("2026-03-09 10:00 +01:00")  # a Monday
    page = anna_client.get(SEARCH, {"open_now": "on"}).context["page"]
    assert list(page) == [mental_health]
    time_machine.move_to("2026-03-09 17:00 +01:00")  # closing minute
    assert list(anna_client.get(SEARCH, {"open_now": "on"}).context["page"]) == []


def test_closed_services_are_not_listed(anna_client, mental_health):
    make_service(name="Ancien centre", status=Service.Status.CLOSED)
    assert list(anna_client.get(SEARCH).context["page"]) == [mental_health]


def test_card_shows_tap_to_call_and_an_inline_qr_code(anna_client, mental_health):
    response = anna_client.get(mental_health.get_absolute_url())
    page = response.content.decode()
    assert 'href="tel:+3222185608"' in page
    assert 'src="data:image/svg+xml;base64,' in page
    assert "resource-card-a6" in page
    assert (
        "resource-card-a4"
        in anna_client.get(
            mental_health.get_absolute_url(), {"format": "a4"}
        ).content.decode()
    )


def _bulk_services(count: int) -> None:
    organization = Organization.objects.create(name="Réseau")
    themes = list(Theme.objects.all())
    services = Service.objects.bulk_create(
        Service(
            organization=organization,
            name=f"Service {n:04d} santé",
            description="Accueil et écoute",
        )
        for n in range(count)
    )
    through = Service.themes.through
    through.objects.bulk_create(
        through(service_id=s.pk, theme_id=themes[i % len(themes)].pk)
        for i, s in enumerate(services)
    )
    locations = Location.objects.bulk_create(
        Location(address_1=f"Rue {n}", postal_code="1030", city="Schaerbeek")
        for n in range(count)
    )
    ServiceAtLocation.objects.bulk_create(
        ServiceAtLocation(service=s, location=loc)
        for s, loc in zip(services, locations, strict=True)
    )
    Phone.objects.bulk_create(Phone(service=s, number="02 218 56 08") for s in services)
    ServiceLanguage.objects.bulk_create(
        ServiceLanguage(service=s, code="ar") for s in services
    )
    Schedule.objects.bulk_create(
        Schedule(service=s, weekday=1 + i % 7, opens_at=time(9), closes_at=time(17))
        for i, s in enumerate(services)
    )
    service_refresh_search(services=services)


@pytest.mark.parametrize(
    "params",
    [{}, {"q": "sante"}, {"language": "ar", "open_now": "on", "municipality": "1030"}],
)
def test_search_pages_keep_a_fixed_query_count_with_5000_services(
    anna_client,
    coordination_client,
    django_assert_max_num_queries,
    params,
    time_machine,
):
    time_machine.move_to("2026-03-09 10:00 +01:00")  # a Monday
    _bulk_services(5000)
    with django_assert_max_num_queries(12):
        response = anna_client.get(SEARCH, params)
    assert response.status_code == 200
    with django_assert_max_num_queries(12):
        response = coordination_client.get(LIST, params)
    assert response.status_code == 200
    assert len(response.context["page"]) == 25


def test_coordination_creates_a_service_with_hours(coordination_client):
    organization = Organization.objects.create(name="CPAS")
    data = {
        "organization": organization.pk,
        "name_fr": "Permanence sociale",
        "status": "active",
        "is_formal": "on",
        "postal_code": "1030",
        "address_1": "Rue de la Poste 1",
        "phone": "02 240 00 00",
        "languages": ["fr", "nl"],
        "schedules-TOTAL_FORMS": "1",
        "schedules-INITIAL_FORMS": "0",
        "schedules-0-weekday": "2",
        "schedules-0-opens_at": "09:00",
        "schedules-0-closes_at": "12:00",
    }
    response = coordination_client.post(reverse("ressources:service_create"), data)
    service = Service.objects.get(name="Permanence sociale")
    assert response.status_code == 302
    assert service.schedules.get().weekday == 2
    assert service.location.city == "Schaerbeek"
    assert service.language_codes == ["fr", "nl"]
    assert "permanence sociale" in service.search_text


def test_service_form_refuses_bad_hours_and_phone_and_keeps_the_input(
    coordination_client,
):
    organization = Organization.objects.create(name="CPAS")
    data = {
        "organization": organization.pk,
        "name_fr": "Permanence sociale",
        "status": "active",
        "phone": "12",
        "url": "pas une url",
        "schedules-TOTAL_FORMS": "1",
        "schedules-INITIAL_FORMS": "0",
        "schedules-0-weekday": "2",
        "schedules-0-opens_at": "14:00",
        "schedules-0-closes_at": "09:00",
    }
    response = coordination_client.post(reverse("ressources:service_create"), data)
    assert response.status_code == 200
    assert not Service.objects.exists()
    assert response.context["form"].errors.keys() >= {"phone", "url"}
    assert "closes_at" in response.context["formset"].forms[0].errors
    assert 'value="Permanence sociale"' in response.content.decode()


def test_coordination_marks_a_record_verified(coordination_client, coordination):
    service = make_service()
    response = coordination_client.post(
        reverse("ressources:service_verify", args=[service.pk])
    )
    service.refresh_from_db()
    assert response.status_code == 302
    assert service.verified_by == coordination
    assert not service.needs_verification()


def test_to_verify_lists_old_records(coordination_client):
    old = make_service(name="Vieille fiche", verified_on=date(2020, 1, 1))
    make_service(name="Fiche fraîche", verified_on=date.today())
    response = coordination_client.get(reverse("ressources:to_verify"))
    assert list(response.context["page"]) == [old]


def test_coordination_home_shows_the_directory_panel(coordination_client):
    make_service(verified_on=None)
    page = coordination_client.get(reverse("coordination_home")).content.decode()
    assert reverse("ressources:to_verify") in page


# Contributions ----------------------------------------------------------------


def test_relais_suggests_an_informal_resource_and_sees_it(anna_client, relais_anna):
    response = anna_client.post(
        reverse("ressources:suggestion_create"),
        {"name": "Pharmacie Botanique", "postal_code": "1210", "languages": ["ar"]},
    )
    assert response.status_code == 302
    suggestion = Suggestion.objects.get()
    assert suggestion.user == relais_anna.user
    assert suggestion.languages == ["ar"]
    page = anna_client.get(reverse("ressources:suggestion_mine")).content.decode()
    assert "Pharmacie Botanique" in page


def test_relais_does_not_see_another_relais_suggestions(anna_client, relais_bruno):
    Suggestion.objects.create(
        kind="new", name="Secret de Bruno", user=relais_bruno.user
    )
    page = anna_client.get(reverse("ressources:suggestion_mine")).content.decode()
    assert "Secret de Bruno" not in page


def test_suggestion_with_bad_phone_is_refused_and_kept(anna_client):
    response = anna_client.post(
        reverse("ressources:suggestion_create"),
        {"name": "Café", "phone": "123"},
    )
    assert response.status_code == 200
    assert "phone" in response.context["form"].errors
    assert not Suggestion.objects.exists()


def test_accepting_a_new_resource_creates_it(coordination_client, relais_anna):
    suggestion = Suggestion.objects.create(
        kind="new",
        name="Café Le Lien",
        address_1="Rue de Brabant 10",
        postal_code="1030",
        phone="02 218 56 08",
        languages=["tr"],
        user=relais_anna.user,
    )
    response = coordination_client.post(
        reverse("ressources:suggestion_accept", args=[suggestion.pk])
    )
    assert response.status_code == 302
    service = Service.objects.get(name="Café Le Lien")
    assert not service.is_formal
    assert service.language_codes == ["tr"]
    assert service.location.city == "Schaerbeek"
    assert service.phone.number == "02 218 56 08"
    assert service.verified_on is not None
    suggestion.refresh_from_db()
    assert suggestion.status == Suggestion.Status.ACCEPTED
    assert suggestion.created_service == service


def test_accepting_a_correction_applies_it(coordination_client, relais_anna):
    service = make_service(name="Ancien nom", address=("Rue A 1", "1030", "Schaerbeek"))
    suggestion = Suggestion.objects.create(
        kind="correction",
        service=service,
        hours_note="Fermé le mercredi",
        address_1="Rue B 2",
        user=relais_anna.user,
    )
    coordination_client.post(
        reverse("ressources:suggestion_accept", args=[suggestion.pk])
    )
    service.refresh_from_db()
    assert service.name == "Ancien nom"
    assert service.hours_note == "Fermé le mercredi"
    assert service.service_locations.get().location.address_1 == "Rue B 2"


def test_a_street_correction_keeps_the_postal_code_and_city(
    coordination_client, relais_anna
):
    service = make_service(address=("Rue A 1", "1030", "Schaerbeek"))
    suggestion = Suggestion.objects.create(
        kind="correction", service=service, address_1="Rue B 2", user=relais_anna.user
    )
    coordination_client.post(
        reverse("ressources:suggestion_accept", args=[suggestion.pk])
    )
    location = service.service_locations.get().location
    assert (location.address_1, location.postal_code, location.city) == (
        "Rue B 2",
        "1030",
        "Schaerbeek",
    )


def test_rejecting_needs_a_reason(coordination_client, relais_anna):
    suggestion = Suggestion.objects.create(
        kind="new", name="Doublon", user=relais_anna.user
    )
    url = reverse("ressources:suggestion_reject", args=[suggestion.pk])
    coordination_client.post(url, {"rejection_reason": ""})
    suggestion.refresh_from_db()
    assert suggestion.is_pending
    response = coordination_client.post(
        url, {"rejection_reason": "Déjà dans l'annuaire"}, follow=True
    )
    suggestion.refresh_from_db()
    assert suggestion.status == Suggestion.Status.REJECTED
    assert "le relais verra la raison" in response.content.decode()
    # a second decision is refused, and says why
    response = coordination_client.post(
        reverse("ressources:suggestion_accept", args=[suggestion.pk]), follow=True
    )
    assert [str(m) for m in response.context["messages"]] == [
        "Cette proposition a déjà été traitée."
    ]
    assert not Service.objects.filter(name="Doublon").exists()


# The orientation picker ---------------------------------------------------------


class OrientationForm(forms.Form):
    services = ServicePickerField(label="Orienté·e vers")


def test_picker_narrows_the_list_without_javascript(db):
    wanted = make_service(name="Maison médicale du Nord")
    make_service(name="Épicerie")
    closed = make_service(name="Maison fermée", status=Service.Status.CLOSED)
    form = OrientationForm(
        {"services_q": "maison", "services_search": "1", "services": []}
    )
    assert not form.is_valid()
    html = str(form["services"])
    assert f'value="{wanted.pk}"' in html
    assert "Épicerie" not in html
    assert f'value="{closed.pk}"' not in html
    assert 'value="maison"' in html


def test_picker_keeps_ticked_services_and_validates(db):
    first = make_service(name="Maison médicale")
    form = OrientationForm({"services": [first.pk], "services_q": "epicerie"})
    assert form.is_valid()
    assert list(form.cleaned_data["services"]) == [first]
    assert "checked" in str(form["services"])


def test_picker_refuses_inactive_services(db):
    closed = make_service(status=Service.Status.CLOSED)
    form = OrientationForm({"services": [closed.pk]})
    assert not form.is_valid()


def test_picker_endpoint_searches_active_services(anna_client):
    found = make_service(name="Santé mentale Nord")
    make_service(name="Santé ancienne", status=Service.Status.CLOSED)
    response = anna_client.get(reverse("ressources:picker_search"), {"q": "SANTE"})
    assert response.json() == {"results": [{"id": found.pk, "name": found.name}]}


# HSDS in the coordination UI, carte sociale ------------------------------------

EXAMPLE = str(
    Path(__file__).resolve().parents[1] / "data" / "hsds-3.0" / "examples-csv"
)


def _example_files():
    from pathlib import Path

    from django.core.files.uploadedfile import SimpleUploadedFile

    return [
        SimpleUploadedFile(p.name, p.read_bytes())
        for p in sorted(Path(EXAMPLE).iterdir())
    ]


def test_coordination_previews_then_confirms_an_hsds_import(coordination_client):
    url = reverse("ressources:hsds_import")
    response = coordination_client.post(url, {"files": _example_files()})
    assert response.status_code == 200
    report = response.context["report"]
    assert report.ok and report.created["services"] == 1
    assert not Service.objects.exists()  # a dry run
    token = response.context["token"]
    response = coordination_client.post(
        reverse("ressources:hsds_import_confirm"), {"token": token}, follow=True
    )
    assert Service.objects.get().name == "Community Counselling"
    assert "Import terminé" in response.content.decode()


def test_a_zip_with_an_error_shows_file_row_field_and_imports_nothing(
    coordination_client,
):
    import io
    import zipfile
    from pathlib import Path

    from django.core.files.uploadedfile import SimpleUploadedFile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in Path(EXAMPLE).iterdir():
            text = path.read_text()
            if path.name == "locations.csv":
                text = text.replace(",100,101,", ",nord,101,")
            archive.writestr(f"paquet/{path.name}", text)
    upload = SimpleUploadedFile("paquet.zip", buffer.getvalue())
    response = coordination_client.post(
        reverse("ressources:hsds_import"), {"files": [upload]}
    )
    page = response.content.decode()
    assert "locations.csv" in page and "latitude" in page
    assert not response.context["token"] and not response.context["report"].ok
    assert "Confirmer" not in page
    assert not Service.objects.exists()


def test_hsds_export_is_a_zip_package(coordination_client):
    import io
    import zipfile

    make_service(name="Maison médicale")
    response = coordination_client.get(reverse("ressources:hsds_export"))
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert {"datapackage.json", "services.csv", "schedules.csv"} <= set(names)


@pytest.mark.parametrize(
    ("language", "heading", "weekday", "title"),
    [
        ("fr", "Carte sociale", "lundi", "Carte sociale du quartier"),
        ("nl", "Sociale kaart", "maandag", "Sociale kaart van de wijk"),
    ],
)
def test_carte_sociale_pdf_groups_by_theme(
    coordination_client, mental_health, language, heading, weekday, title
):
    response = coordination_client.get(
        reverse("ressources:carte_sociale"), {"language": language}
    )
    assert response.content.startswith(b"%PDF")
    assert_accessible_pdf(response.content, title=title, lang=language)
    text = pdf_text(response.content)
    assert heading in text
    assert "Le Méridien" in text
    assert weekday in text
    assert "09:00" in text


def test_selection_page_prints_the_ticked_services(anna_client):
    first = make_service(name="Maison médicale", phone="02 218 56 08")
    make_service(name="Épicerie")
    url = reverse("ressources:selection")
    response = anna_client.get(url, {"services_q": "maison", "services_search": "1"})
    assert response.context["cards"] == []
    assert f'value="{first.pk}"' in response.content.decode()
    response = anna_client.get(url, {"services": [first.pk]})
    assert [service for service, _qr in response.context["cards"]] == [first]
    assert "data:image/svg+xml;base64," in response.content.decode()


def test_review_and_to_verify_pages_keep_a_fixed_query_count(
    coordination_client, anna_client, relais_anna, django_assert_max_num_queries
):
    _bulk_services(300)
    services = list(Service.objects.all()[:100])
    Suggestion.objects.bulk_create(
        Suggestion(kind="correction", service=s, user=relais_anna.user, message="x")
        for s in services
    )
    Suggestion.objects.bulk_create(
        Suggestion(
            kind="new",
            name=f"Refus {n}",
            user=relais_anna.user,
            status="rejected",
            rejection_reason="Doublon",
        )
        for n in range(30)
    )
    for url in ("ressources:suggestion_review", "ressources:to_verify"):
        with django_assert_max_num_queries(10):
            assert coordination_client.get(reverse(url)).status_code == 200
    with django_assert_max_num_queries(8):
        assert anna_client.get(reverse("ressources:suggestion_mine")).status_code == 200
    from ressources.home import coordination_panel

    with django_assert_max_num_queries(3):
        panel = coordination_panel()
    assert panel["pending_suggestions"] == 100


def test_results_say_when_a_closed_service_opens(anna_client, time_machine):
    make_service(name="Matin", hours=[(1, time(9), time(12))])
    make_service(name="Mardi", hours=[(2, time(14), time(16))])
    make_service(name="Jeudi", hours=[(4, time(10), time(11))])
    time_machine.move_to("2026-03-09 07:00 +01:00")  # Monday 7:00
    page = anna_client.get(SEARCH).content.decode()
    assert "ouvre aujourd'hui à 09:00" in page
    assert "ouvre demain à 14:00" in page
    assert "ouvre jeudi à 10:00" in page


def test_verify_never_redirects_off_site(coordination_client):
    service = make_service()
    url = reverse("ressources:service_verify", args=[service.pk])
    response = coordination_client.post(url, {"next": "https://evil.example/"})
    assert response.url == service.get_absolute_url()
    response = coordination_client.post(url, {"next": reverse("ressources:to_verify")})
    assert response.url == reverse("ressources:to_verify")


def test_correction_form_starts_from_the_record_languages_and_themes(anna_client):
    service = make_service(themes=["logement"], languages=["fr", "tr"])
    response = anna_client.get(
        reverse("ressources:suggestion_create"), {"service": service.pk}
    )
    form = response.context["form"]
    assert form["languages"].value() == ["fr", "tr"]
    assert form["themes"].value() == [Theme.objects.get(code="logement").pk]


def test_dutch_interface_shows_dutch_names_and_labels(anna_client, relais_anna):
    relais_anna.user.language = "nl"
    relais_anna.user.save()
    make_service(
        name="Épicerie sociale",
        name_nl="Sociale kruidenierszaak",
        languages=["ar"],
        hours=[(1, time(9), time(12))],
    )
    page = anna_client.get(SEARCH, {"q": "kruidenier"}).content.decode()
    assert "Sociale kruidenierszaak" in page
    assert "Arabisch" in page
    assert "Hulpbronnen in de buurt" in page
