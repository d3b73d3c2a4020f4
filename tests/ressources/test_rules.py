"""Directory rules: search normalisation, opening hours, verification."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from ressources.models import Schedule, Service
from ressources.text import normalize, phone_e164, phone_is_valid
from tests.factories.ressources import make_service

BRUSSELS = ZoneInfo("Europe/Brussels")
# 2026-03-09 is a Monday (isoweekday 1).
MONDAY = date(2026, 3, 9)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=BRUSSELS)


def test_normalize_strips_accents_case_and_punctuation():
    assert normalize("Santé  MENTALE") == "sante mentale"
    assert normalize("Geestelijke gezondheid – één") == "geestelijke gezondheid een"
    assert normalize("Œuvre d'aide") == "oeuvre d aide"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    ["sante mentale", "SANTÉ MENTALE", "santé", "geestelijke gezondheid", "Gezondheid"],
)
def test_search_finds_theme_without_accents_in_french_and_dutch(query):
    found = make_service(name="Centre Le Méridien", themes=["sante-mentale"])
    make_service(name="Épicerie sociale", themes=["alimentation"])
    assert list(Service.objects.search(query)) == [found]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query", ["epicerie", "ÉPICERIE", "voedselhulp", "Voedsélhulp"]
)
def test_search_looks_in_french_and_dutch_names_and_descriptions(query):
    found = make_service(
        name="Épicerie sociale Botanique",
        name_nl="Sociale kruidenierszaak",
        description_nl="Voedselhulp voor gezinnen",
    )
    make_service(name="Maison médicale")
    assert list(Service.objects.search(query)) == [found]


@pytest.mark.django_db
def test_search_needs_every_word():
    make_service(name="Maison médicale du Nord")
    assert Service.objects.search("maison nord").count() == 1
    assert Service.objects.search("maison sud").count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("moment", "is_open"),
    [
        (at(MONDAY, 8, 59), False),
        (at(MONDAY, 9, 0), True),
        (at(MONDAY, 11, 59), True),
        (at(MONDAY, 12, 0), False),  # the closing minute is closed
        (at(MONDAY + timedelta(days=1), 10), False),  # Tuesday
    ],
)
def test_open_now_at_the_edges_of_a_range(moment, is_open):
    service = make_service(hours=[(1, time(9), time(12))])
    assert service.is_open_at(moment) is is_open
    assert Service.objects.open_at(moment).filter(pk=service.pk).exists() is is_open


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("moment", "is_open"),
    [
        (at(MONDAY, 21, 59), False),
        (at(MONDAY, 22, 0), True),
        (at(MONDAY, 23, 59), True),
        (at(MONDAY + timedelta(days=1), 0, 0), True),  # after midnight, Tuesday
        (at(MONDAY + timedelta(days=1), 5, 59), True),
        (at(MONDAY + timedelta(days=1), 6, 0), False),
        (at(MONDAY + timedelta(days=2), 2, 0), False),  # Wednesday night: closed
        (at(MONDAY, 2, 0), False),  # Sunday night is not open
    ],
)
def test_open_now_overnight(moment, is_open):
    service = make_service(hours=[(1, time(22), time(6))])
    assert service.is_open_at(moment) is is_open
    assert Service.objects.open_at(moment).filter(pk=service.pk).exists() is is_open


@pytest.mark.django_db
def test_open_now_respects_validity_dates():
    service = make_service()
    Schedule.objects.create(
        service=service,
        weekday=1,
        opens_at=time(9),
        closes_at=time(17),
        valid_from=MONDAY,
        valid_to=MONDAY + timedelta(days=7),
    )
    for day, expected in [
        (MONDAY - timedelta(days=7), False),
        (MONDAY, True),
        (MONDAY + timedelta(days=7), True),  # last valid day included
        (MONDAY + timedelta(days=14), False),
    ]:
        assert service.is_open_at(at(day, 10)) is expected
        assert Service.objects.open_at(at(day, 10)).exists() is expected


@pytest.mark.django_db
def test_next_opening_is_the_nearest_range_in_brussels_time():
    service = make_service(hours=[(1, time(9), time(12)), (3, time(14), time(16))])
    assert service.next_opening(at(MONDAY, 12, 0)) == at(MONDAY + timedelta(days=2), 14)
    assert service.next_opening(at(MONDAY, 8, 0)) == at(MONDAY, 9)
    # Wednesday 16:00 → next Monday 9:00
    assert service.next_opening(at(MONDAY + timedelta(days=2), 16)) == at(
        MONDAY + timedelta(days=7), 9
    )


@pytest.mark.django_db
def test_open_now_uses_brussels_time_for_utc_moments():
    service = make_service(hours=[(1, time(9), time(12))])
    utc_moment = datetime(2026, 3, 9, 8, 30, tzinfo=ZoneInfo("UTC"))  # 9:30 in Brussels
    assert service.is_open_at(utc_moment)
    assert Service.objects.open_at(utc_moment).exists()


@pytest.mark.django_db
def test_schedule_closing_before_opening_is_refused_unless_overnight():
    service = make_service()
    schedule = Schedule(
        service=service, weekday=1, opens_at=time(14), closes_at=time(9)
    )
    with pytest.raises(ValidationError) as error:
        schedule.full_clean()
    assert "closes_at" in error.value.message_dict
    schedule.closes_next_day = True
    schedule.full_clean()
    with pytest.raises(IntegrityError):
        Schedule.objects.create(
            service=service, weekday=1, opens_at=time(14), closes_at=time(9)
        )


@pytest.mark.django_db
def test_records_unchecked_for_twelve_months_are_to_verify():
    today = date(2026, 11, 24)
    fresh = make_service(verified_on=today - timedelta(days=365))
    old = make_service(verified_on=today - timedelta(days=366))
    never = make_service()
    assert not fresh.needs_verification(today)
    assert old.needs_verification(today)
    assert set(Service.objects.to_verify(today)) == {old, never}


def test_phone_numbers_are_checked_and_turned_into_tel_links():
    assert phone_is_valid("02 210 10 11")
    assert not phone_is_valid("12345")
    assert phone_e164("02 210 10 11") == "+3222101011"


@pytest.mark.django_db
def test_demo_directory_loads_twice_without_duplicates():
    from ressources import demo

    demo.load()
    demo.load()
    assert Service.objects.count() == len(demo.ENTRIES) >= 40
    partners = Service.objects.filter(organization__is_partner=True)
    assert partners.count() == 8
    # no phone numbers invented for real organisations
    assert not partners.filter(phones__isnull=False).exists()
    assert Service.objects.search("sante mentale").exists()


@pytest.mark.django_db
def test_mapping_a_taxonomy_term_gives_its_services_the_theme():
    from ressources.models import TaxonomyTerm, Theme
    from ressources.services import taxonomy_term_map

    term = TaxonomyTerm.objects.create(name="Counselling")
    service = make_service(name="Community Counselling")
    service.taxonomy_terms.add(term)
    taxonomy_term_map(term=term, theme=Theme.objects.get(code="sante-mentale"))
    assert list(Service.objects.search("geestelijke gezondheid")) == [service]


@pytest.mark.django_db
def test_a_service_without_organisation_gets_its_own():
    from ressources.services import service_save

    service = service_save(service=Service(name="Café Le Lien", is_formal=False))
    assert service.organization.name == "Café Le Lien"


@pytest.mark.django_db
def test_admin_keeps_every_field_edited_with_the_theme(rf):
    from django.contrib.admin.sites import site

    from ressources.models import TaxonomyTerm, Theme
    from tests.factories.accounts import make_user

    term = TaxonomyTerm.objects.create(name="Counselling")
    service = make_service(name="Écoute")
    service.taxonomy_terms.add(term)
    theme = Theme.objects.get(code="sante-mentale")
    request = rf.post("/")
    request.user = make_user(is_superuser=True, is_staff=True)
    model_admin = site._registry[TaxonomyTerm]
    form = model_admin.get_form(request, term)(
        data={
            "hsds_id": term.hsds_id,
            "name": "Soutien psychologique",
            "code": "",
            "taxonomy": "",
            "theme": theme.pk,
        },
        instance=term,
    )
    assert form.is_valid(), form.errors
    model_admin.save_model(request, form.save(commit=False), form, change=True)
    term.refresh_from_db()
    assert (term.name, term.theme) == ("Soutien psychologique", theme)
    assert theme in service.themes.all()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "refused"),
    [
        ({}, True),
        ({"hours_note": "Fermé le mercredi"}, False),
        ({"message": "Le service a déménagé."}, False),
    ],
)
def test_a_correction_must_say_what_to_correct(relais_anna, change, refused):
    from ressources import services
    from ressources.forms import SuggestionForm
    from ressources.models import Suggestion

    service = make_service(name="Permanence")
    suggestion = Suggestion(
        kind="correction", service=service, user=relais_anna.user, **change
    )
    if refused:
        with pytest.raises(ValidationError) as error:
            services.suggestion_create(suggestion=suggestion, by=relais_anna.user)
        assert error.value.messages == ["Dites ce qui doit être corrigé."]
    else:
        services.suggestion_create(suggestion=suggestion, by=relais_anna.user)
    form = SuggestionForm(
        {"languages": [], **change},
        kind="correction",
        instance=Suggestion(kind="correction", service=service),
    )
    assert form.is_valid() is not refused
    if refused:
        assert form.non_field_errors() == ["Dites ce qui doit être corrigé."]


@pytest.mark.django_db
def test_a_theme_label_is_read_in_the_reader_language_else_french():
    from django.utils import translation

    from ressources.models import Theme

    seeded = Theme.objects.get(code="logement")
    assert (seeded.label_fr, seeded.label_nl) == ("Logement", "Huisvesting")
    assert (seeded.label_ar, seeded.label_tr) == ("السكن", "Konut")
    assert (seeded.label_ro, seeded.label_bg) == ("Locuință", "Жилище")
    assert not Theme.objects.filter(label_fr="").exists()
    assert not Theme.objects.filter(label_ar__isnull=True).exists()
    theme = Theme.objects.create(code="essai", label_fr="Essai", label_nl="Proef")
    with translation.override("ar"):
        assert theme.label == "Essai"  # no Arabic text: French
        assert str(Theme.objects.get(code="logement")) == "السكن"
    with translation.override("nl"):
        assert theme.label == "Proef"


@pytest.mark.django_db
def test_a_service_is_found_by_its_theme_in_any_language():
    service = make_service(name="Abri de nuit", themes=["logement"])
    text = service.search_text
    assert normalize("Huisvesting") in text
    assert normalize("Konut") in text
