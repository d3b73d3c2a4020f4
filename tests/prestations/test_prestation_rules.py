"""Rules of the prestation side: anonymous free text, travel, can_work_on, open month,
retention."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from prestations.models import (
    FicheMensuelle,
    Orientation,
    Prestation,
    Situation,
    TravelMode,
)
from prestations.models.prestation import CODE_LENGTH, new_pseudonymous_code
from prestations.services import prestation as services
from prestations.validators import find_identifying_data, validate_no_identifying_data
from relais.models import Relais
from tests.factories.prestations import make_fiche, make_prestation
from tests.factories.relais import make_relais

pytestmark = pytest.mark.django_db


def national_number(yymmdd: str, serial: str, *, born_2000: bool = False) -> str:
    base = yymmdd + serial
    check = 97 - int(("2" if born_2000 else "") + base) % 97
    return f"{yymmdd[:2]}.{yymmdd[2:4]}.{yymmdd[4:]}-{serial}.{check:02d}"


@pytest.mark.parametrize(
    "text",
    [
        "Appeler au 0470 12 34 56 demain",
        "tél. 02/218.45.67",
        "+32 470 123 456",
        "son gsm 0032470123456",
        "écrire à jean.dupont@example.be",
        f"NN {national_number('850731', '001')}",
        "numéro "
        + "".join(
            c for c in national_number("050214", "123", born_2000=True) if c.isdigit()
        ),
    ],
)
def test_identifying_text_is_refused(text):
    with pytest.raises(ValidationError) as error:
        validate_no_identifying_data(text)
    assert "anonyme" in error.value.messages[0]


@pytest.mark.parametrize(
    "text",
    [
        "3 personnes, 2 enfants de 4 et 7 ans, rdv le 05/03/2026 à 14h30",
        "Loyer de 850 € au 12 rue, 2e étage",
        "Orientée vers le CPAS de Schaerbeek, permanence de 9h à 12h",
        "85.07.31-001.00 n'est pas un numéro valide",
        "",
    ],
)
def test_ordinary_text_with_numbers_passes(text):
    assert find_identifying_data(text) is None


def test_national_number_message_says_why():
    text = national_number("850731", "001")
    assert "registre national" in find_identifying_data(text)


def test_situation_note_refused_by_the_model():
    situation = Situation(prestation=make_prestation(), note="gsm 0470 12 34 56")
    with pytest.raises(ValidationError) as error:
        situation.full_clean()
    assert "note" in error.value.message_dict


@pytest.mark.parametrize(
    ("mode", "field"),
    [
        (TravelMode.CAR, "travel_km"),
        (TravelMode.BIKE, "travel_km"),
        (TravelMode.PUBLIC_TRANSPORT, "travel_ticket_amount"),
    ],
)
def test_travel_mode_needs_its_figure(mode, field):
    prestation = make_prestation()
    prestation.travel_mode = mode
    with pytest.raises(ValidationError) as error:
        prestation.full_clean()
    assert field in error.value.message_dict


def test_car_with_km_and_walk_without_figures_pass():
    prestation = make_prestation(travel_mode=TravelMode.CAR, travel_km=12)
    prestation.full_clean()
    walking = make_prestation(travel_mode=TravelMode.NONE, travel_km=3)
    walking.full_clean()
    assert walking.travel_km is None


def test_prestation_refused_when_relais_cannot_work(relais_anna):
    relais_anna.status = Relais.Status.PAUSED
    relais_anna.save()
    prestation = Prestation(relais=relais_anna, date=date(2026, 3, 10))
    with pytest.raises(ValidationError) as error:
        services.prestation_save(prestation=prestation)
    messages = error.value.messages
    assert any("il faut être en activité" in message for message in messages)
    assert not Prestation.objects.exists()


def test_prestation_refused_in_a_submitted_month(relais_anna):
    make_fiche(
        relais=relais_anna,
        month=date(2026, 3, 1),
        status=FicheMensuelle.Status.SUBMITTED,
    )
    prestation = Prestation(relais=relais_anna, date=date(2026, 3, 10))
    with pytest.raises(ValidationError) as error:
        services.prestation_save(prestation=prestation)
    assert "envoyée ou validée" in error.value.messages[0]
    # Another month is still open.
    prestation.date = date(2026, 4, 2)
    services.prestation_save(prestation=prestation)
    assert prestation.pk


def test_moving_a_prestation_out_of_a_closed_month_is_refused(relais_anna):
    prestation = make_prestation(relais=relais_anna, date=date(2026, 3, 10))
    make_fiche(
        relais=relais_anna,
        month=date(2026, 3, 1),
        status=FicheMensuelle.Status.VALIDATED,
    )
    prestation.date = date(2026, 4, 10)
    with pytest.raises(ValidationError):
        services.prestation_save(prestation=prestation)
    prestation.refresh_from_db()
    assert prestation.date == date(2026, 3, 10)


def test_situation_save_adds_orientations_and_a_random_code(relais_anna):
    prestation = make_prestation(relais=relais_anna)
    situation = services.situation_save(
        situation=Situation(prestation=prestation),
        themes=[],
        other_text="Pharmacie de la place",
        accompanied=True,
        give_code=True,
    )
    assert len(situation.code) == CODE_LENGTH
    orientation = situation.orientations.get()
    assert orientation.other_text == "Pharmacie de la place"
    assert orientation.is_accompanied
    assert orientation.outcome == Orientation.Outcome.UNKNOWN


def test_codes_are_random():
    assert len({new_pseudonymous_code() for _ in range(50)}) == 50


def test_outcome_update_records_who_and_when(relais_anna, coordination):
    situation = services.situation_save(
        situation=Situation(prestation=make_prestation(relais=relais_anna)),
        themes=[],
        other_text="Maison médicale",
    )
    orientation = situation.orientations.get()
    services.orientation_set_outcome(
        orientation=orientation,
        outcome=Orientation.Outcome.REACHED,
        accompanied=False,
        user=coordination,
    )
    orientation.refresh_from_db()
    assert orientation.outcome == Orientation.Outcome.REACHED
    assert orientation.outcome_updated_by == coordination
    assert orientation.outcome_updated_at


def _situation(relais, day, **fields):
    return Situation.objects.create(
        prestation=make_prestation(relais=relais, date=day), **fields
    )


def test_retention_removes_code_and_note_after_last_contact():
    relais = make_relais()
    old = _situation(relais, date(2025, 1, 5), code="ABC234", note="Loyer impayé")
    returning_old = _situation(relais, date(2025, 1, 6), code="XYZ789", note="Dettes")
    _situation(relais, date(2025, 12, 1), code="XYZ789", note="Revenue")
    old_note_only = _situation(relais, date(2025, 2, 1), note="Isolée")
    recent = _situation(relais, date(2026, 1, 10), code="QRS456", note="Récent")

    changed = services.situation_anonymise_expired(today=date(2026, 3, 1), months=12)

    assert changed == 2
    old.refresh_from_db()
    assert (old.code, old.note) == ("", "")
    assert old.anonymised_at
    old_note_only.refresh_from_db()
    assert old_note_only.note == ""
    returning_old.refresh_from_db()
    assert returning_old.code == "XYZ789"  # last contact with the code: 2025-12-01
    recent.refresh_from_db()
    assert recent.note == "Récent"
    assert Situation.objects.count() == 5  # counts kept


def test_retention_command_uses_the_months_option(capsys):
    situation = _situation(make_relais(), date(2026, 1, 5), code="ABC234")
    call_command("anonymise_situations", "--today", "2026-03-01", "--months", "1")
    situation.refresh_from_db()
    assert situation.code == ""
    assert "1" in capsys.readouterr().out


def test_retention_command_reads_the_period_from_the_legal_parameters(capsys):
    from prestations.models import LegalParameter

    parameter = LegalParameter.objects.in_force_on(date(2026, 3, 1))
    parameter.situation_retention_months = 2
    parameter.save(update_fields=["situation_retention_months"])
    kept = _situation(make_relais(), date(2026, 1, 5), code="KEP234")
    gone = _situation(make_relais(), date(2025, 12, 20), code="GON234")
    call_command("anonymise_situations", "--today", "2026-03-01")
    kept.refresh_from_db()
    gone.refresh_from_db()
    assert kept.code == "KEP234"
    assert gone.code == ""
    assert "conservation : 2 mois" in capsys.readouterr().out


def test_prestation_export_has_accounting_fields_and_no_note(relais_anna):
    from prestations.resources import PrestationResource

    make_prestation(
        relais=relais_anna,
        note="Rien de personnel",
        travel_mode=TravelMode.CAR,
        travel_km=12,
    )
    dataset = PrestationResource().export()
    assert "note" not in dataset.headers
    assert {"relais", "date", "minutes", "travel_km"} <= set(dataset.headers)
    row = dict(zip(dataset.headers, dataset[0], strict=True))
    assert row["relais"] == "Anna Kowalska"
    assert row["minutes"] == 180 and row["travel_km"] == 12
    assert "Rien de personnel" not in dataset.csv


def test_demo_outings_are_anonymous_and_loaded_once():
    from prestations import demo

    profiles = {f"relais{n}": make_relais() for n in (1, 6)}
    created = demo.load(relais=profiles, today=date(2026, 3, 20))
    assert created > 20
    assert demo.load(relais=profiles, today=date(2026, 3, 20)) == 0
    assert Prestation.objects.count() == created
    languages = set(Situation.objects.values_list("language", flat=True))
    assert "nl" in languages and len(languages) >= 3
    for situation in Situation.objects.all():
        situation.full_clean()
    assert Orientation.objects.filter(service__isnull=True).exclude(other_text="")
