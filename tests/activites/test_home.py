from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from activites import services
from tests.factories.activites import make_activite, make_affectation
from tests.factories.relais import make_relais

pytestmark = pytest.mark.django_db


def test_relais_home_shows_next_confirmed_activities(anna_client, relais_anna):
    make_affectation(make_activite(title="Tournée du jeudi"), relais_anna)
    make_affectation(make_activite(title="Pas encore"), relais_anna, status="offered")
    content = anna_client.get(reverse("relais_home")).content.decode()
    assert "Tournée du jeudi" in content
    assert "Pas encore" not in content


def test_coordination_home_shows_the_gap_left_by_a_withdrawal(coordination_client):
    activite = make_activite(
        title="Permanence du jour",
        start=timezone.now() + timedelta(minutes=30),
        relais_needed=1,
    )
    affectation = make_affectation(activite, make_relais(first_name="Ilse"))
    services.affectation_withdraw(affectation=affectation, reason="Grippe")
    content = coordination_client.get(reverse("coordination_home")).content.decode()
    assert "Permanence du jour" in content
    assert "Grippe" in content


def test_home_pages_stay_bounded(
    coordination_client, anna_client, relais_anna, django_assert_max_num_queries
):
    for n in range(40):
        activite = make_activite(start=timezone.now() + timedelta(hours=n + 1))
        make_affectation(activite, relais_anna)
    # Coordination's home: 24, the relais' work data (WORK_DATA, residence status
    # included, and their documents for the expiry alerts) being one prefetch per
    # relation whatever the number of relais, plus
    # the constant cost of three panels: the reminders shown (1 query), the
    # situations to follow up (1) and the blocked relais (2: their rosters to come
    # and their unpaid lines, the relais rows being reused). The count is the same
    # at two sizes: tests/test_blocked_relais.py.
    with django_assert_max_num_queries(24):
        assert coordination_client.get(reverse("coordination_home")).status_code == 200
    with django_assert_max_num_queries(20):
        assert anna_client.get(reverse("relais_home")).status_code == 200
