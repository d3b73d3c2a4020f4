"""A suspended relais ("Suspendu·e"): coordination closes their access while a
problem is looked into. Signed out and refused at login (tests/accounts), cannot
work nor be rostered, gets no reminder; the file, the money already recorded and
the history stay, and coordination can set the relais back to active."""

from datetime import date, time, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from activites import services as activite_services
from activites.models import Affectation
from home.blocked import blocked_relais
from home.models import SentReminder
from prestations.models import FicheMensuelle, Prestation
from prestations.services import derived
from prestations.services import fiche as fiche_services
from prestations.services import payment as payment_services
from prestations.services import prestation as prestation_services
from relais.models import Regime, Relais, WorkContext
from tests.factories.activites import at, make_activite, make_affectation
from tests.factories.prestations import make_payment_file
from tests.factories.relais import (
    make_bare_relais,
    make_formation,
    make_regime,
    make_relais,
)

pytestmark = pytest.mark.django_db

Status = Relais.Status


@pytest.mark.parametrize(
    ("status", "closed"),
    [
        (Status.CANDIDATE, False),
        (Status.ACTIVE, False),
        (Status.PAUSED, False),
        (Status.SUSPENDED, True),
        (Status.LEFT, True),
    ],
)
def test_access_suspended_and_with_access_ask_the_same_question(status, closed):
    relais = make_bare_relais(status=status)
    assert relais.access_suspended is closed
    assert relais.user.access_suspended is closed
    assert Relais.objects.with_access().filter(pk=relais.pk).exists() is not closed
    # Suspended is not gone: the relais is still in the file, and not anonymisable.
    assert relais.has_left is (status == Status.LEFT)


def test_a_suspended_relais_cannot_work_and_says_why():
    relais = make_relais(status=Status.SUSPENDED)
    check = relais.can_work_on(timezone.localdate())
    assert not check.ok
    assert check.reasons == [
        f"Le statut de {relais.display_name} est « Suspendu·e » : "
        "il faut être en activité."
    ]
    relais.status = Status.ACTIVE
    assert relais.can_work_on(timezone.localdate()).ok


def test_a_suspended_relais_cannot_record_an_outing():
    relais = make_relais(status=Status.SUSPENDED)
    with pytest.raises(ValidationError) as error:
        prestation_services.prestation_save(
            prestation=Prestation(relais=relais, date=timezone.localdate())
        )
    assert any("Suspendu·e" in m for m in error.value.messages)
    assert not Prestation.objects.exists()


def test_a_suspended_relais_is_neither_rostered_nor_offered_a_place(coordination):
    relais = make_relais(status=Status.SUSPENDED)
    activite = make_activite()
    with pytest.raises(ValidationError):
        activite_services.affectation_assign(
            activite=activite, relais=relais, by=coordination
        )
    with pytest.raises(ValidationError):
        activite_services.affectation_offer(activite=activite, relais=relais)
    assert not Affectation.objects.exists()


def test_the_roster_form_does_not_list_a_suspended_relais(coordination_client):
    make_relais(first_name="Zoé", status=Status.SUSPENDED)
    make_relais(first_name="Omar")
    activite = make_activite()
    response = coordination_client.get(
        reverse("activites:activite_detail", args=[activite.pk])
    )
    assert response.status_code == 200
    assert "Omar" in response.text
    assert "Zoé" not in response.text


def test_coordination_sees_rosters_to_reassign_and_an_alert():
    relais = make_relais(first_name="Zoé")
    activite = make_activite(start=timezone.now() + timedelta(days=3))
    make_affectation(activite, relais)
    relais.status = Status.SUSPENDED
    relais.status_since = timezone.localdate()
    relais.save()
    rows = blocked_relais()
    assert [row.relais for row in rows] == [relais]
    assert rows[0].activites == [activite]
    alerts = relais.alerts(timezone.localdate(), context=WorkContext.load())
    assert alerts[0].startswith("Accès suspendu depuis le")


def test_coordination_home_counts_suspended_relais(coordination_client):
    make_relais(status=Status.SUSPENDED)
    make_relais(status=Status.SUSPENDED)
    make_relais()
    response = coordination_client.get(reverse("coordination_home"))
    counts = {value: n for value, _label, n in response.context["status_counts"]}
    assert counts["suspended"] == 2
    assert counts["active"] == 1
    assert "Suspendu·e" in response.text


def test_the_relais_list_filters_on_suspended(coordination_client):
    make_relais(first_name="Zoé", status=Status.SUSPENDED)
    make_relais(first_name="Omar")
    response = coordination_client.get(
        reverse("relais:relais_list"), {"status": "suspended"}
    )
    assert response.status_code == 200
    assert "Zoé" in response.text
    assert "Omar" not in response.text


def test_coordination_sets_a_suspended_relais_back_to_active(coordination_client):
    relais = make_relais(status=Status.SUSPENDED)
    response = coordination_client.get(reverse("relais:relais_edit", args=[relais.pk]))
    assert 'value="suspended"' in response.text
    relais.status = Status.ACTIVE
    relais.full_clean()
    relais.save()
    assert relais.status_since == timezone.localdate()
    assert relais.can_work_on(timezone.localdate()).ok


TODAY = date(2027, 3, 8)


def test_a_suspended_relais_gets_no_reminder(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    zoe = make_relais(first_name="Zoé")
    omar = make_relais(first_name="Omar")
    activite = make_activite(start=at(TODAY + timedelta(1), 10))
    make_affectation(activite, zoe)
    make_affectation(activite, omar)
    FicheMensuelle.objects.create(relais=zoe, month=date(2027, 1, 1), status="returned")
    make_formation(date=TODAY + timedelta(days=1))
    Relais.objects.filter(pk=zoe.pk).update(status=Status.SUSPENDED)
    with time_machine.travel(TODAY, tick=False):
        call_command("daily", today=TODAY)
    assert not SentReminder.objects.filter(user=zoe.user).exists()
    assert SentReminder.objects.filter(user=omar.user).count() == 2  # roster, training


def _validated_march(relais, coordination):
    make_regime(relais, 2026, Regime.FORFAIT)
    prestation = Prestation(
        relais=relais, date=date(2026, 3, 10), start_time=time(14), end_time=time(16)
    )
    prestation_services.prestation_save(prestation=prestation, by=relais.user)
    fiche = FicheMensuelle.objects.get(relais=relais, month=date(2026, 3, 1))
    fiche_services.fiche_submit(fiche=fiche, by=relais.user)
    fiche_services.fiche_validate(fiche=fiche, by=coordination)
    return fiche


def test_a_validated_sheet_is_still_paid_after_a_suspension(
    relais_anna, coordination, direction
):
    fiche = _validated_march(relais_anna, coordination)
    relais_anna.status = Status.SUSPENDED
    relais_anna.status_since = date(2026, 4, 2)
    relais_anna.save()
    fiche = FicheMensuelle.objects.get(pk=fiche.pk)
    assert derived.fiche_problems(fiche) == []
    payment_file = make_payment_file(fiche)
    payment_services.payment_file_mark_paid(
        payment_file=payment_file, paid_on=timezone.localdate(), by=direction
    )
    fiche.refresh_from_db()
    assert fiche.status == FicheMensuelle.Status.PAID


def test_days_on_or_after_the_suspension_are_not_paid(relais_anna, coordination):
    fiche = _validated_march(relais_anna, coordination)
    relais_anna.status = Status.SUSPENDED
    relais_anna.status_since = date(2026, 3, 10)
    relais_anna.save()
    problems = derived.fiche_problems(FicheMensuelle.objects.get(pk=fiche.pk))
    assert any("Suspendu·e" in problem for problem in problems)
