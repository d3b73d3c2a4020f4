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
