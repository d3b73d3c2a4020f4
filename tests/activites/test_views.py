"""Views through the test client: planning, roster, phone pages, fréquentation,
programme PDF, and bounded queries with ten years of activities."""

from datetime import date, datetime, timedelta

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from activites.models import Activite, Affectation, Frequentation
from relais.models import Relais
from tests.factories.activites import (
    at,
    make_activite,
    make_affectation,
    make_contact_point,
    make_stop,
)
from tests.factories.relais import make_relais
from tests.pdf import assert_accessible_pdf, pdf_text

pytestmark = pytest.mark.django_db


def flashes(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def form_data(**overrides):
    day = timezone.localdate() + timedelta(days=7)
    return {
        "kind": "round",
        "title_fr": "Tournée place Liedts",
        "day": day.isoformat(),
        "start_time": "10:00",
        "end_time": "12:00",
        "place": "",
        "description_fr": "",
        "relais_needed": "2",
        **overrides,
    }


def test_coordination_plans_a_round_at_a_stop(coordination_client):
    stop = make_stop(name="Place Liedts")
    response = coordination_client.post(
        reverse("activites:activite_create"), form_data(stop=stop.pk)
    )
    activite = Activite.objects.get()
    assert response.status_code == 302
    assert response.url == activite.get_absolute_url()
    assert activite.contact_point == stop.contact_point
    assert activite.where == "Place Liedts"
    assert timezone.localtime(activite.start).hour == 10
    assert "Activité enregistrée." in flashes(response)


def test_end_before_start_rerenders_the_form_with_what_was_typed(coordination_client):
    response = coordination_client.post(
        reverse("activites:activite_create"),
        form_data(start_time="12:00", end_time="10:00", place="Parc"),
    )
    assert response.status_code == 200
    assert "La fin doit venir après le début." in response.content.decode()
    assert 'value="Tournée place Liedts"' in response.content.decode()
    assert not Activite.objects.exists()


def test_serie_form_creates_occurrences(coordination_client):
    point = make_contact_point()
    monday = timezone.localdate() + timedelta(days=7 - timezone.localdate().weekday())
    response = coordination_client.post(
        reverse("activites:serie_create"),
        form_data(
            kind="permanence",
            title_fr="Permanence",
            contact_point=point.pk,
            day=monday.isoformat(),
            last_day=(monday + timedelta(days=27)).isoformat(),
            weekdays=["1", "3"],
        ),
    )
    assert response.status_code == 302
    assert Activite.objects.filter(serie__isnull=False).count() == 8


def test_lowering_places_below_confirmed_relais_is_refused(coordination_client):
    activite = make_activite(relais_needed=2)
    make_affectation(activite, make_relais())
    make_affectation(activite, make_relais())
    local = timezone.localtime(activite.start)
    response = coordination_client.post(
        reverse("activites:activite_edit", args=[activite.pk]),
        form_data(
            title_fr="Autre titre",
            place="Maison de quartier",
            day=local.date().isoformat(),
            start_time="14:00",
            end_time="17:00",
            relais_needed="1",
            scope="one",
        ),
    )
    assert response.status_code == 200
    assert "ne peut pas descendre" in response.content.decode()
    activite.refresh_from_db()
    assert (activite.title, activite.relais_needed) != ("Autre titre", 1)


def test_assigning_a_paused_relais_shows_the_reason(coordination_client):
    relais = make_relais(first_name="Zoé")
    Relais.objects.filter(pk=relais.pk).update(status=Relais.Status.PAUSED)
    activite = make_activite()
    relais.status = Relais.Status.ACTIVE
    response = coordination_client.post(
        reverse("activites:affectation_assign", args=[activite.pk]),
        {"relais": relais.pk},
    )
    # a paused relais is not even offered in the list of active relais
    assert response.status_code == 302
    assert not Affectation.objects.exists()


def test_assigning_warns_about_overlap(coordination_client):
    relais = make_relais(first_name="Omar")
    first = make_activite(title="Permanence du matin")
    make_affectation(first, relais)
    second = make_activite(start=first.start + timedelta(hours=1))
    url = reverse("activites:affectation_assign", args=[second.pk])
    page = coordination_client.post(url, {"relais": relais.pk})
    assert page.status_code == 200
    assert "Permanence du matin" in page.text
    assert not second.affectations.exists()
    response = coordination_client.post(
        url, {"relais": relais.pk, "confirm_overlap": "on"}
    )
    messages = flashes(response)
    assert any("Permanence du matin" in m for m in messages)
    assert second.affectations.get().status == Affectation.Status.CONFIRMED


def test_relais_offers_then_withdraws_with_a_reason(anna_client, relais_anna):
    activite = make_activite(title="Petit-déjeuner")
    page = anna_client.get(reverse("activites:open_slots"))
    assert "Petit-déjeuner" in page.content.decode()
    response = anna_client.post(
        reverse("activites:affectation_offer", args=[activite.pk])
    )
    assert response.status_code == 302
    affectation = Affectation.objects.get(relais=relais_anna)
    assert affectation.status == Affectation.Status.OFFERED
    url = reverse("activites:affectation_withdraw", args=[affectation.pk])
    response = anna_client.post(url, {"reason": ""})
    assert response.status_code == 200
    assert response.context["form"].errors
    response = anna_client.post(url, {"reason": "Rendez-vous médical"})
    assert response.status_code == 302
    affectation.refresh_from_db()
    assert affectation.status == Affectation.Status.WITHDRAWN


def test_my_schedule_shows_confirmed_and_past_ones_to_report(anna_client, relais_anna):
    upcoming = make_activite(title="Atelier logement")
    make_affectation(upcoming, relais_anna)
    past = make_activite(
        title="Tournée d'hier", start=timezone.now() - timedelta(days=1)
    )
    make_affectation(past, relais_anna)
    content = anna_client.get(reverse("activites:my_schedule")).content.decode()
    assert "Atelier logement" in content
    assert reverse("activites:frequentation_edit", args=[past.pk]) in content


def test_relais_enters_frequentation_with_steppers(anna_client, relais_anna):
    past = make_activite(start=timezone.now() - timedelta(hours=3))
    make_affectation(past, relais_anna)
    url = reverse("activites:frequentation_edit", args=[past.pk])
    page = anna_client.get(url).content.decode()
    assert page.count("data-stepper") >= 2 + 6 + 4
    response = anna_client.post(
        url,
        {"total": "9", "newcomers": "12", "age_26-64": "4", "languages": ["fr", "ar"]},
    )
    assert response.status_code == 200
    # Once next to its field, once in the summary at the top of the form.
    assert response.content.decode().count("plus de nouvelles personnes") == 2
    assert 'id="error-summary"' in response.content.decode()
    assert 'value="9"' in response.content.decode()
    assert not Frequentation.objects.exists()
    response = anna_client.post(
        url,
        {"total": "9", "newcomers": "3", "age_26-64": "4", "languages": ["fr", "ar"]},
    )
    assert response.status_code == 302
    frequentation = Frequentation.objects.get()
    assert frequentation.age_counts == {"26-64": 4}
    assert frequentation.languages == ["fr", "ar"]
    assert frequentation.recorded_by == relais_anna.user
    past.refresh_from_db()
    assert past.status == Activite.Status.DONE


def test_programme_pdf_in_dutch_lists_the_month(coordination_client):
    day = timezone.localdate().replace(day=15)
    make_activite(start=at(day, 9), title="Ontbijt Brabant", kind="breakfast")
    make_activite(start=at(day, 18), title="Comité secret", kind="comite")
    response = coordination_client.get(
        reverse("activites:programme_pdf"),
        {"month": day.strftime("%Y-%m"), "language": "nl"},
    )
    assert response.content.startswith(b"%PDF")
    assert_accessible_pdf(response.content, title="Maandprogramma", lang="nl")
    text = pdf_text(response.content)
    assert "Ontbijt Brabant" in text
    assert "Comité secret" not in text
    assert "Programma van" in text
    assert "Ontbijt" in text


def _ten_years(now: datetime):
    relais = [make_relais() for _ in range(4)]
    stop = make_stop()
    rows = []
    first = timezone.localdate() - timedelta(days=365 * 5)
    for n in range(0, 365 * 10, 3):
        rows.append(
            Activite(
                kind="round",
                title=f"Tournée {n}",
                start=at(first + timedelta(days=n), 10),
                end=at(first + timedelta(days=n), 12),
                stop=stop,
                contact_point=stop.contact_point,
                relais_needed=2,
            )
        )
    activites = Activite.objects.bulk_create(rows)
    Affectation.objects.bulk_create(
        Affectation(activite=a, relais=relais[i % 4], status="confirmed")
        for i, a in enumerate(activites)
    )
    return relais


@pytest.mark.parametrize("name", ["activites:agenda_month", "activites:agenda_week"])
def test_agenda_pages_stay_bounded_with_ten_years_of_activities(
    coordination_client, django_assert_max_num_queries, name
):
    relais = _ten_years(timezone.now())
    with django_assert_max_num_queries(14):
        response = coordination_client.get(reverse(name))
    assert response.status_code == 200
    with django_assert_max_num_queries(14):
        response = coordination_client.get(
            reverse(name), {"kind": "round", "relais": relais[0].pk}
        )
    assert "Tournée" in response.content.decode()


def test_agenda_month_links_the_neighbouring_months_keeping_the_filters(
    coordination_client,
):
    response = coordination_client.get(
        reverse("activites:agenda_month"), {"month": "2026-01", "kind": "round"}
    )
    page = response.content.decode()
    assert 'href="?month=2025-12&amp;kind=round"' in page
    assert 'href="?month=2026-02&amp;kind=round"' in page


def test_phone_pages_stay_bounded(
    anna_client, relais_anna, django_assert_max_num_queries
):
    _ten_years(timezone.now())
    for n in range(20):
        make_affectation(
            make_activite(start=at(date.today() + timedelta(days=n + 1), 9)),
            relais_anna,
        )
    # The relais' work data (WORK_DATA, residence status included) is one
    # prefetch per relation, whatever the number of activities.
    for name in ("activites:my_schedule", "activites:open_slots"):
        with django_assert_max_num_queries(13):
            assert anna_client.get(reverse(name)).status_code == 200


def test_edit_form_offers_the_series_scope_only_for_a_series(coordination_client):
    single = make_activite()
    page = coordination_client.get(reverse("activites:activite_edit", args=[single.pk]))
    assert "scope" not in page.context["form"].fields


def test_edit_following_through_the_form(coordination_client):
    from datetime import time as dtime

    from activites import services

    monday = timezone.localdate() + timedelta(days=7 - timezone.localdate().weekday())
    serie = services.serie_create(
        weekdays=[1],
        first_day=monday,
        last_day=monday + timedelta(days=27),
        start_time=dtime(14),
        end_time=dtime(17),
        values={"kind": "permanence", "title": "Permanence", "place": "Local"},
    )
    second = serie.activites.all()[1]
    response = coordination_client.post(
        reverse("activites:activite_edit", args=[second.pk]),
        form_data(
            kind="permanence",
            title_fr="Permanence du soir",
            place="Local",
            day=second.local_day.isoformat(),
            start_time="18:00",
            end_time="20:00",
            scope="following",
        ),
    )
    assert response.status_code == 302
    titles = list(Activite.objects.order_by("start").values_list("title", flat=True))
    assert titles == ["Permanence"] + ["Permanence du soir"] * 3
    assert "3 activités modifiées." in flashes(response)


def test_edit_following_with_a_moved_day_still_changes_every_later_date(
    coordination_client,
):
    from datetime import time as dtime

    from activites import services

    monday = timezone.localdate() + timedelta(days=7 - timezone.localdate().weekday())
    serie = services.serie_create(
        weekdays=[1],
        first_day=monday,
        last_day=monday + timedelta(days=27),
        start_time=dtime(14),
        end_time=dtime(17),
        values={"kind": "permanence", "title": "Permanence", "place": "Local"},
    )
    second = serie.activites.all()[1]
    response = coordination_client.post(
        reverse("activites:activite_edit", args=[second.pk]),
        form_data(
            kind="permanence",
            title_fr="Permanence du soir",
            place="Local",
            day=(second.local_day + timedelta(days=8)).isoformat(),
            start_time="18:00",
            end_time="20:00",
            scope="following",
        ),
    )
    assert response.status_code == 302
    titles = list(Activite.objects.order_by("start").values_list("title", flat=True))
    assert titles == ["Permanence"] + ["Permanence du soir"] * 3


def test_coordination_adds_a_stop_to_the_mobile_point(coordination_client):
    from activites.models import ContactPoint, Stop

    mobile = make_contact_point(kind=ContactPoint.Kind.MOBILE, name="Triporteur")
    response = coordination_client.post(
        reverse("activites:stop_create", args=[mobile.pk]),
        {
            "name": "Place Liedts",
            "latitude": "50.861",
            "longitude": "4.3639",
            "usual_times": "Le mercredi",
            "position": "1",
        },
    )
    assert response.status_code == 302
    stop = Stop.objects.get()
    assert (stop.contact_point, stop.name) == (mobile, "Place Liedts")
    response = coordination_client.post(
        reverse("activites:stop_edit", args=[stop.pk]),
        {
            "name": "Place Liedts",
            "latitude": "120",
            "longitude": "4.3639",
            "position": "1",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    page = coordination_client.get(reverse("activites:contact_point_list"))
    assert "Place Liedts" in page.content.decode()


def test_stops_only_belong_to_the_mobile_point(coordination_client):
    fixed = make_contact_point()
    response = coordination_client.get(
        reverse("activites:stop_create", args=[fixed.pk])
    )
    assert response.status_code == 404


def test_coordination_removes_a_relais_and_the_gap_shows(coordination_client):
    activite = make_activite(relais_needed=1)
    affectation = make_affectation(activite, make_relais(first_name="Lena"))
    url = reverse("activites:affectation_remove", args=[affectation.pk])
    response = coordination_client.post(url, {"reason": ""})
    assert "pourquoi" in " ".join(flashes(response))
    response = coordination_client.post(url, {"reason": "Formation ce jour-là"})
    affectation.refresh_from_db()
    assert affectation.status == Affectation.Status.WITHDRAWN
    page = coordination_client.get(activite.get_absolute_url()).content.decode()
    assert "Formation ce jour-là" in page
    assert "Il manque 1 relais." in page


def test_direction_reads_an_activity_without_planning_buttons(direction_client):
    activite = make_activite()
    make_affectation(activite, make_relais(), status="offered")
    content = direction_client.get(activite.get_absolute_url()).content.decode()
    assert activite.title in content
    assert reverse("activites:activite_edit", args=[activite.pk]) not in content
    assert "affecter" not in content
    assert "confirmer" not in content


def test_open_places_list_is_not_crowded_out_by_full_activities(
    anna_client, relais_bruno
):
    for n in range(65):
        full = make_activite(
            start=at(timezone.localdate() + timedelta(days=1), 8)
            + timedelta(minutes=n),
            relais_needed=1,
        )
        make_affectation(full, relais_bruno)
    later = make_activite(
        title="Permanence avec une place",
        start=at(timezone.localdate() + timedelta(days=3), 14),
        relais_needed=1,
    )
    page = anna_client.get(reverse("activites:open_slots"))
    assert later in page.context["activites"]
