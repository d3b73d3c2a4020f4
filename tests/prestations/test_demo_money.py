"""The demo data obeys every money rule: no outing in the future, no line for a
relais who may not work that day, every fiche free of problems."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from prestations.models import DefraiementLine, FicheMensuelle, Prestation
from prestations.services.derived import fiche_problems
from relais.models import Relais

pytestmark = pytest.mark.django_db


def test_demo_fiches_obey_every_rule(settings):
    settings.DEBUG = True
    call_command("load_demo")
    today = timezone.localdate()
    assert not Prestation.objects.filter(date__gt=today).exists()
    assert DefraiementLine.objects.exists()
    for relais in Relais.objects.all():
        for line in DefraiementLine.objects.filter(fiche__relais=relais):
            assert relais.can_work_on(line.date).ok, (relais, line)
    statuses = set()
    for fiche in FicheMensuelle.objects.select_related("relais"):
        statuses.add(fiche.status)
        assert fiche_problems(fiche) == [], fiche
    assert statuses == set(FicheMensuelle.Status.values)
