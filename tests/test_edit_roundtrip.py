"""Every edit form, saved back untouched, changes nothing: each page is opened,
its form posted back as a browser would send it, and the object compared before
and after. A date sent in a format its `<input type="date">` cannot show, or a
postal code missing from a pick-list, would come back empty and fail here."""

from datetime import date, time, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from prestations.models import Situation
from relais.models import Relais
from tests.factories.activites import at, make_activite, make_contact_point, make_stop
from tests.factories.prestations import make_prestation
from tests.factories.relais import (
    make_convention,
    make_document,
    make_formation,
    make_formation_attendance,
    make_gate,
    make_insurance,
    make_relais,
)
from tests.factories.ressources import make_service
from tests.roundtrip import form_data, post_back, snapshot

pytestmark = pytest.mark.django_db


def assert_unchanged(client, url, obj, *, ignore=(), redirects=True):
    before = snapshot(obj, ignore=ignore)
    response = post_back(client, url)
    if redirects:
        assert response.status_code == 302, response.content.decode()[:3000]
    assert snapshot(obj, ignore=ignore) == before


def test_form_data_reads_a_date_input_with_its_iso_value():
    html = (
        '<form method="post"><input type="date" name="day" value="2027-03-16">'
        '<select name="s"><option value="a">A</option>'
        '<option value="b" selected>B</option></select>'
        '<input type="checkbox" name="c" value="1">'
        '<textarea name="t">\nhello</textarea></form>'
    )
    assert form_data(html) == {"day": ["2027-03-16"], "s": ["b"], "t": ["hello"]}


def test_activity_edit_saved_unchanged_keeps_its_date(coordination_client):
    activite = make_activite(start=at(date(2027, 3, 16), 14))
    url = reverse("activites:activite_edit", args=[activite.pk])
    assert 'value="2027-03-16"' in coordination_client.get(url).content.decode()
    assert_unchanged(coordination_client, url, activite)


def test_contact_point_and_stop_saved_unchanged(coordination_client):
    point = make_contact_point()
    stop = make_stop()
    assert_unchanged(
        coordination_client,
        reverse("activites:contact_point_edit", args=[point.pk]),
        point,
    )
    assert_unchanged(
        coordination_client, reverse("activites:stop_edit", args=[stop.pk]), stop
    )


def test_resource_from_anderlecht_saved_unchanged_keeps_its_code(
    coordination_client,
):
    service = make_service(
        address=("Rue Wayez 1", "1070", "Anderlecht"), phone="+3225550101"
    )
    url = reverse("ressources:service_update", args=[service.pk])
    location = service.location
    before = snapshot(location)
    assert_unchanged(coordination_client, url, service, ignore=["search_text"])
    assert snapshot(location) == before
    assert (location.postal_code, location.city) == ("1070", "Anderlecht")


def test_resource_with_a_hand_typed_district_keeps_it(coordination_client):
    service = make_service(address=("Place Bockstael 1", "1020", "Laeken"))
    url = reverse("ressources:service_update", args=[service.pk])
    assert_unchanged(coordination_client, url, service, ignore=["search_text"])
    service.location.refresh_from_db()
    assert service.location.city == "Laeken"


def test_relais_file_forms_saved_unchanged(coordination_client, relais_anna):
    assert_unchanged(
        coordination_client,
        reverse("relais:relais_edit", args=[relais_anna.pk]),
        relais_anna,
    )
    convention = relais_anna.conventions.first() or make_convention(relais_anna)
    assert_unchanged(
        coordination_client,
        reverse("relais:convention_edit", args=[convention.pk]),
        convention,
    )
    gate = make_gate(
        relais_anna, benefit_since=date(2026, 1, 5), filed_on=date(2026, 1, 20)
    )
    assert_unchanged(
        coordination_client, reverse("relais:gate_edit", args=[gate.pk]), gate
    )
    policy = make_insurance()
    assert_unchanged(
        coordination_client,
        reverse("relais:insurance_edit", args=[policy.pk]),
        policy,
    )
    formation = make_formation(date=date(2027, 3, 16))
    assert_unchanged(
        coordination_client,
        reverse("relais:formation_edit", args=[formation.pk]),
        formation,
    )
    document = make_document(make_relais(), expires_on=date(2027, 3, 16))
    assert_unchanged(
        coordination_client,
        reverse("relais:document_edit", args=[document.pk]),
        document,
    )


def test_attendance_sheet_saved_unchanged(coordination_client):
    formation = make_formation(duration_hours=Decimal("3"))
    present = make_formation_attendance(formation, make_relais(), hours=Decimal("2.5"))
    excused = make_formation_attendance(
        formation, make_relais(), status="excused", hours=0
    )
    make_relais()  # not concerned: stays without a row
    url = reverse("relais:formation_detail", args=[formation.pk])
    assert_unchanged(coordination_client, url, present)
    assert_unchanged(coordination_client, url, excused)
    assert formation.attendances.count() == 2


def test_relais_own_forms_saved_unchanged(anna_client, relais_anna):
    relais_anna.phone = "+32470123456"
    relais_anna.save()
    assert_unchanged(anna_client, reverse("relais:my_profile"), relais_anna)


def test_outing_and_situation_saved_unchanged(anna_client, relais_anna):
    today = timezone.localdate()
    prestation = make_prestation(
        relais=relais_anna,
        date=today - timedelta(days=1),
        start_time=time(9, 30),
        end_time=time(12, 0),
    )
    assert_unchanged(
        anna_client,
        reverse("prestations:prestation_edit", args=[prestation.pk]),
        prestation,
    )
    # Every situation is noted once the person was told (the required tick).
    situation = Situation.objects.create(
        prestation=prestation, language="tr", age_band="26-64", person_informed=True
    )
    assert_unchanged(
        anna_client,
        reverse("prestations:situation_edit", args=[situation.pk]),
        situation,
    )


def test_relais_model_has_no_field_the_edit_form_forgets():
    # A guard: the relais edit test above compares every stored field.
    assert {f.name for f in Relais._meta.concrete_fields} >= {"first_name", "phone"}


def test_report_custom_period_keeps_its_dates(coordination_client):
    url = reverse("rapports:dashboard")
    query = "kind=custom&start=2027-01-01&end=2027-03-16"
    page = coordination_client.get(f"{url}?{query}").content.decode()
    assert 'value="2027-01-01"' in page and 'value="2027-03-16"' in page
    # Submitting the form again as shown gives the same period.
    response = coordination_client.get(url, form_data_get(page))
    assert response.context["period"].end == date(2027, 3, 16)


def form_data_get(html):
    import lxml.html

    doc = lxml.html.fromstring(html)
    form = next(
        f
        for f in doc.forms
        if (f.method or "get").lower() == "get" and "kind" in f.fields
    )
    return dict(form.form_values())


def test_journal_entry_saved_unchanged(coordination_client, coordination, relais_anna):
    from relais.models import JournalEntry

    entry = JournalEntry.objects.create(
        relais=relais_anna,
        author=coordination,
        date=timezone.localdate() - timedelta(days=2),
        kind="meeting",
        text="Rencontre au local",
    )
    url = reverse("relais:journal_edit", args=[entry.pk])
    assert_unchanged(coordination_client, url, entry, ignore=("updated_at",))
