"""The admin shows the roster but leaves its changes to the services."""

import pytest
from django.urls import reverse
from django.utils import timezone

from activites.models import Activite, Affectation
from tests.factories.accounts import make_user
from tests.factories.activites import make_activite, make_affectation
from tests.factories.relais import make_relais

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(make_user(is_staff=True, is_superuser=True))
    return client


def _change_data(activite, affectation, **inline):
    """What the activity's admin form posts back, with `inline` values for the
    roster row as if a browser had sent them."""
    start, end = timezone.localtime(activite.start), timezone.localtime(activite.end)
    return {
        "kind": activite.kind,
        "title_fr": activite.title,
        "start_0": start.date().isoformat(),
        "start_1": start.time().isoformat(),
        "end_0": end.date().isoformat(),
        "end_1": end.time().isoformat(),
        "status": activite.status,
        "place": activite.place,
        "description_fr": "",
        "relais_needed": activite.relais_needed,
        "cancel_reason": "",
        "affectations-TOTAL_FORMS": "1",
        "affectations-INITIAL_FORMS": "1",
        "affectations-MIN_NUM_FORMS": "0",
        "affectations-MAX_NUM_FORMS": "1000",
        "affectations-0-id": affectation.pk,
        "affectations-0-activite": activite.pk,
        **{f"affectations-0-{name}": value for name, value in inline.items()},
    }


def test_the_roster_is_shown_read_only_in_the_activity_admin(admin_client):
    activite = make_activite()
    make_affectation(activite, make_relais(first_name="Fatima"))
    response = admin_client.get(
        reverse("admin:activites_activite_change", args=[activite.pk])
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Fatima" in page
    assert 'name="affectations-0-status"' not in page
    assert 'name="affectations-0-relais"' not in page
    assert 'name="affectations-0-DELETE"' not in page
    assert 'name="affectations-__prefix__-relais"' not in page


def test_posting_the_activity_admin_does_not_change_the_roster(admin_client):
    activite = make_activite()
    affectation = make_affectation(activite, make_relais())
    other = make_relais()
    response = admin_client.post(
        reverse("admin:activites_activite_change", args=[activite.pk]),
        _change_data(
            activite,
            affectation,
            status=Affectation.Status.WITHDRAWN,
            withdraw_reason="Changé dans l'admin",
            relais=other.pk,
            DELETE="on",
        ),
    )
    assert response.status_code == 302
    affectation.refresh_from_db()
    assert affectation.status == Affectation.Status.CONFIRMED
    assert affectation.withdraw_reason == ""
    assert affectation.relais_id != other.pk


def test_the_activity_admin_cannot_change_the_status_or_cancel_reason(admin_client):
    activite = make_activite()
    affectation = make_affectation(activite, make_relais())
    data = _change_data(activite, affectation)
    data.update(status=Activite.Status.CANCELLED, cancel_reason="Pluie")
    response = admin_client.post(
        reverse("admin:activites_activite_change", args=[activite.pk]), data
    )
    assert response.status_code == 302
    activite.refresh_from_db()
    assert activite.status == Activite.Status.PLANNED
    assert activite.cancel_reason == ""
