"""The relais pages and the alerts panel cost a fixed number of queries,
whatever the number of relais."""

import pytest
from django.urls import reverse
from django.utils import timezone

from relais.models import Relais
from tests.factories.relais import (
    make_bare_relais,
    make_document,
    make_formation,
    make_formation_attendance,
    make_gate,
    make_languages,
    make_note_version,
    make_relais,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_hundred_relais(db):
    version = make_note_version()
    for n in range(200):
        relais = make_relais(with_user=n % 2 == 0)
        make_languages(relais, "fr", "ar")
        if n % 10 == 0:
            make_gate(relais)
    make_bare_relais(last_name="Bare")
    return version


def test_pages_stay_within_a_fixed_number_of_queries(
    two_hundred_relais, coordination_client, django_assert_max_num_queries
):
    relais = Relais.objects.first()
    make_document(relais)
    formation = make_formation()
    for other in Relais.objects.all()[:50]:
        make_formation_attendance(formation, other)
    urls = [
        reverse("coordination_home"),
        reverse("relais:relais_list"),
        reverse("relais:relais_list") + "?alerts=on&language=ar",
        reverse("relais:relais_detail", args=[relais.pk]),
        reverse("relais:formation_list"),
        reverse("relais:formation_detail", args=[formation.pk]),
        reverse("relais:note_list"),
        reverse("relais:insurance_list"),
        reverse("relais:bank_details"),
        reverse("relais:relais_create"),
        reverse("relais:relais_edit", args=[relais.pk]),
        reverse("relais:convention_create", args=[relais.pk]),
        reverse("relais:acknowledgement_create", args=[relais.pk]),
        reverse("relais:gate_create", args=[relais.pk]),
        reverse("relais:document_upload", args=[relais.pk]),
        reverse("relais:note_create"),
        reverse("relais:insurance_create"),
        reverse("relais:formation_create"),
    ]
    for url in urls:
        # Coordination's home also shows the reminders, the situations to follow
        # up and the blocked relais: see tests/activites/test_home.py. The relais
        # file also reads its journal (one query).
        bound = {
            reverse("coordination_home"): 23,
            reverse("relais:relais_detail", args=[relais.pk]): 21,
        }.get(url, 20)
        with django_assert_max_num_queries(bound):
            assert coordination_client.get(url).status_code == 200


def test_relais_pages_stay_within_a_fixed_number_of_queries(
    two_hundred_relais, django_assert_max_num_queries, relais_anna, anna_client
):
    for n in range(30):
        make_document(relais_anna, title=f"Doc {n}")
        make_formation_attendance(make_formation(), relais_anna)
    for name in (
        "relais_home",
        "relais:my_profile",
        "relais:my_documents",
        "relais:my_trainings",
    ):
        # 15 for the page, +1 for the session policy's access check on the relais
        # (tisseurs/sessions.py: a relais who left is signed out), +1 on the home
        # for the unread messages from the coordination.
        with django_assert_max_num_queries(17 if name == "relais_home" else 16):
            assert anna_client.get(reverse(name)).status_code == 200


def test_alerts_panel_costs_eight_queries_whatever_the_number_of_relais(
    two_hundred_relais, django_assert_num_queries
):
    from relais.home import coordination_panel

    # Context (2) + relais + WORK_DATA (residence status, conventions,
    # acknowledgements, gates) + documents (their expiry); the same with 1 or 200
    # relais.
    with django_assert_num_queries(8):
        panel = coordination_panel(timezone.localdate())
    assert len(panel["relais_alerts"]) > 20


def test_alert_rows_load_what_with_alert_data_loads(two_hundred_relais):
    from relais.models import ResidenceStatus, WorkContext

    relais = Relais.objects.order_by("pk")
    make_document(relais[1])
    ResidenceStatus.objects.create(
        relais=relais[2], kind=ResidenceStatus.Kind.IRREGULAR
    )
    Relais.objects.filter(pk=relais[3].pk).update(status=Relais.Status.LEFT)
    today, context = timezone.localdate(), WorkContext.load()
    loaded = relais.not_left().alert_rows()
    prefetched = list(relais.not_left().with_alert_data())
    assert loaded == prefetched
    for one, other in zip(loaded, prefetched, strict=True):
        for name in ("conventions", "acknowledgements", "gates", "documents"):
            assert one.loaded(name) == other.loaded(name)
            assert all(row.relais is one for row in one.loaded(name))
        assert one.residence_or_none == other.residence_or_none
        assert one.alerts(today, context=context) == other.alerts(
            today, context=context
        )
        assert one.can_work_on(today, context=context) == other.can_work_on(
            today, context=context
        )
