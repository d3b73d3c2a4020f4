import pytest
from django.core.management import call_command

from activites.models import Activite, Affectation, Frequentation

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent_and_fills_every_page(settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=None)
    counts = (Activite.objects.count(), Affectation.objects.count())
    call_command("load_demo", stdout=None)
    assert (Activite.objects.count(), Affectation.objects.count()) == counts
    kinds = set(Activite.objects.values_list("kind", flat=True))
    assert {"permanence", "round", "breakfast", "workshop", "comite"} <= kinds
    assert Activite.objects.filter(kind="round").values("stop").distinct().count() == 3
    assert Frequentation.objects.exists()
    assert Affectation.objects.filter(status="withdrawn").exists()


def test_demo_has_no_overlap_at_a_contact_point_nor_for_a_relais(settings):
    from activites import services

    settings.DEBUG = True
    call_command("load_demo", stdout=None)
    activites = list(Activite.objects.exclude(status="cancelled"))
    for activite in activites:
        assert (
            services.place_clashes(
                contact_point_id=activite.contact_point_id,
                slots=[(activite.start, activite.end)],
                exclude=[activite.pk],
            )
            == []
        ), activite
    people = {a.relais for a in Affectation.objects.select_related("relais")}
    for person in people:
        mine = [
            a.activite
            for a in person.affectations.exclude(status="withdrawn").select_related(
                "activite"
            )
        ]
        for activite in mine:
            clashes = services.relais_clashes(relais=[person], activites=[activite])
            assert clashes == [], [str(c) for c in clashes]
