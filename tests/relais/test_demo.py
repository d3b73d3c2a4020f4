import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from relais.home import coordination_panel
from relais.models import BenefitGate, FormationAttendance, Relais
from tisseurs.accounts.models import User

pytestmark = pytest.mark.django_db


def test_demo_relais_show_the_expected_situations(settings):
    settings.DEBUG = True
    call_command("load_demo")
    call_command("load_demo")
    assert Relais.objects.count() == 8
    panel = coordination_panel(timezone.localdate())
    alerts = {
        found.relais.user.username: found.messages for found in panel["relais_alerts"]
    }
    assert "ancienne version" in " ".join(alerts["relais3"])
    assert "La convention se termine" in " ".join(alerts["relais4"])
    assert "reconfirmation" in " ".join(alerts["relais5"])
    assert "« Titre de séjour (copie) » expire le" in " ".join(alerts["relais7"])
    # excused attendance counts no hours
    assert not FormationAttendance.objects.exclude(status="present").exclude(hours=0)
    assert FormationAttendance.objects.filter(status="excused").exists()
    assert "relais1" not in alerts
    unemployed = Relais.objects.get(user__username="relais2")
    assert unemployed.gates.get().kind == BenefitGate.Kind.UNEMPLOYMENT
    assert unemployed.can_work_on(timezone.localdate()).ok
    assert len({code for r in Relais.objects.all() for code in r.language_codes}) > 8
    fatima = Relais.objects.get(user__username="relais1")
    assert fatima.acknowledgements.get().channel == "phone"
    assert fatima.acknowledgements.get().acknowledged_at is not None
    assert unemployed.acknowledgements.get().channel == "paper"
    assert unemployed.conventions.get().document.kind == "convention"
    assert fatima.conventions.get().document is None  # signature awaited
    client = Client()
    client.force_login(User.objects.get(username="coordination"))
    detail = client.get(fatima.get_absolute_url()).text
    assert "lue sur le téléphone" in detail
    assert "Signature attendue" in detail
    assert "convention signée (scan)" in client.get(unemployed.get_absolute_url()).text
    assert "Petrova" in client.get(reverse("coordination_home")).text
