"""The attendance of a training or intervision: hours only for a presence (model
rule and database constraint), the whole list recorded in one form through
`formation_attendances_save`, and totals that count presences only."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from relais.models import FormationAttendance, Relais
from relais.services import formation_attendances_save
from tests.factories.relais import (
    make_formation,
    make_formation_attendance,
    make_relais,
)

pytestmark = pytest.mark.django_db


def _row(relais) -> str:
    return f"r{relais.pk}"


def test_an_absence_with_hours_is_refused_by_the_model():
    formation = make_formation()
    row = FormationAttendance(
        formation=formation,
        relais=make_relais(),
        status=FormationAttendance.Status.EXCUSED,
        hours=Decimal("2"),
    )
    with pytest.raises(ValidationError) as error:
        row.full_clean()
    assert "hours" in error.value.message_dict
    row.hours = 0
    row.full_clean()


def test_the_database_refuses_hours_for_an_absence():
    formation = make_formation()
    with pytest.raises(IntegrityError), transaction.atomic():
        FormationAttendance.objects.create(
            formation=formation, relais=make_relais(), status="absent", hours=1
        )


def test_the_service_saves_the_whole_list_and_removes_the_not_concerned():
    formation = make_formation(duration_hours=Decimal("3"))
    anna, bruno, chris = make_relais(), make_relais(), make_relais()
    make_formation_attendance(formation, chris)
    kept = formation_attendances_save(
        formation=formation,
        lines=[
            (anna, "present", None),
            (bruno, "excused", Decimal("3")),
            (chris, "", None),
        ],
    )
    assert kept == 2
    rows = {a.relais_id: a for a in formation.attendances.all()}
    assert rows[anna.pk].hours == Decimal("3")
    assert rows[bruno.pk].status == "excused"
    assert rows[bruno.pk].hours == 0
    assert chris.pk not in rows


def test_the_service_saves_nothing_when_one_line_is_wrong():
    formation = make_formation()
    anna, bruno = make_relais(), make_relais()
    with pytest.raises(ValidationError):
        formation_attendances_save(
            formation=formation,
            lines=[(anna, "present", Decimal("2")), (bruno, "present", Decimal(-1))],
        )
    assert not formation.attendances.exists()


def test_the_page_lists_every_active_relais_with_the_duration(coordination_client):
    formation = make_formation(duration_hours=Decimal("2.5"))
    active = make_relais(first_name="Active")
    make_relais(first_name="Candidate", status=Relais.Status.CANDIDATE)
    response = coordination_client.get(formation.get_absolute_url())
    text = response.text
    assert f'name="{_row(active)}-status"' in text
    assert 'value="2.5"' in text
    assert "Candidate" not in text


def test_one_submit_records_the_whole_list(coordination_client):
    formation = make_formation(duration_hours=Decimal("3"))
    anna, bruno, chris, dana = (make_relais() for _ in range(4))
    make_formation_attendance(formation, dana)
    response = coordination_client.post(
        formation.get_absolute_url(),
        {
            f"{_row(anna)}-status": "present",
            f"{_row(anna)}-hours": "2.5",
            f"{_row(bruno)}-status": "excused",
            f"{_row(bruno)}-hours": "3",  # forced to 0
            f"{_row(chris)}-status": "absent",
            f"{_row(chris)}-hours": "",
            f"{_row(dana)}-status": "",  # not concerned: the row goes
            f"{_row(dana)}-hours": "3",
        },
    )
    assert response.status_code == 302
    rows = {a.relais_id: (a.status, a.hours) for a in formation.attendances.all()}
    assert rows == {
        anna.pk: ("present", Decimal("2.5")),
        bruno.pk: ("excused", Decimal(0)),
        chris.pk: ("absent", Decimal(0)),
    }
    page = coordination_client.get(response.url).text
    assert "Les présences sont enregistrées." in page


def test_a_present_line_without_hours_takes_the_duration(coordination_client):
    formation = make_formation(duration_hours=Decimal("4"))
    anna = make_relais()
    coordination_client.post(
        formation.get_absolute_url(),
        {f"{_row(anna)}-status": "present", f"{_row(anna)}-hours": ""},
    )
    assert anna.formation_attendances.get().hours == Decimal("4")


def test_a_wrong_line_saves_nothing_and_keeps_what_was_typed(coordination_client):
    formation = make_formation()
    anna, bruno = make_relais(first_name="Anna"), make_relais(first_name="Bruno")
    response = coordination_client.post(
        formation.get_absolute_url(),
        {
            f"{_row(anna)}-status": "present",
            f"{_row(anna)}-hours": "2,5x",
            f"{_row(bruno)}-status": "excused",
            f"{_row(bruno)}-hours": "1",
        },
    )
    assert response.status_code == 200
    assert not formation.attendances.exists()
    text = response.text
    assert "Rien n&#x27;est enregistré" in text or "Rien n'est enregistré" in text
    assert 'value="2,5x"' in text
    bruno_row = text.split(f'data-relais="{bruno.pk}"')[1].split("</tr>")[0]
    assert '<option value="excused" selected>' in bruno_row
    assert 'value="1"' in bruno_row


def test_a_forged_status_is_refused(coordination_client):
    formation = make_formation()
    anna = make_relais()
    response = coordination_client.post(
        formation.get_absolute_url(),
        {f"{_row(anna)}-status": "maybe", f"{_row(anna)}-hours": "1"},
    )
    assert response.status_code == 200
    assert not formation.attendances.exists()


def test_totals_count_presences_only(coordination_client, anna_client, relais_anna):
    present = make_formation(title="Écoute", duration_hours=Decimal("3"))
    excused = make_formation(title="RGPD", duration_hours=Decimal("2"))
    make_formation_attendance(present, relais_anna)
    make_formation_attendance(excused, relais_anna, status="excused", hours=0)
    mine = anna_client.get(reverse("relais:my_trainings")).text
    assert "3,0 heures de formation suivies." in mine
    assert "Présence : oui" in mine
    assert "Présence : non, absence excusée" in mine
    assert "·e" not in mine
    file = coordination_client.get(relais_anna.get_absolute_url()).text
    assert "3,0 heures de formation suivies (présences seulement)." in file


def test_the_list_counts_presences_only(coordination_client):
    formation = make_formation(title="Intervision de mars")
    make_formation_attendance(formation, make_relais())
    make_formation_attendance(formation, make_relais(), status="absent", hours=0)
    make_formation_attendance(formation, make_relais(), status="excused", hours=0)
    page = coordination_client.get(reverse("relais:formation_list")).text
    row = page.split("Intervision de mars")[1].split("</tr>")[0]
    assert "<td>1</td>" in row
