"""The ONEM answer (accepted / refused / conditions) and the residence status of
non-EU relais (law of 22 May 2014): each rule at its boundary date, on the legal
gate `can_work_on`, in the file's form and on the relais file."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from relais.models import AuthorityAnswer, BenefitGate, ResidenceStatus
from tests.factories.relais import make_gate, make_relais

pytestmark = pytest.mark.django_db

YEARS = [2022, 2023, 2024, 2025, 2026]


def reasons(relais, day):
    relais.refresh_from_db()
    return " | ".join(relais.can_work_on(day).reasons)


def _onem(relais, year, **overrides):
    return make_gate(
        relais,
        kind=BenefitGate.Kind.UNEMPLOYMENT,
        filed_on=date(year, 2, 1),
        **overrides,
    )


@pytest.mark.parametrize("year", YEARS)
def test_an_onem_refusal_blocks_from_its_date(year):
    relais = make_relais()
    answered = date(year, 2, 20)
    _onem(relais, year, approved_on=answered, answer=AuthorityAnswer.REFUSED)
    assert reasons(relais, answered - timedelta(days=1)) == ""
    assert "l'ONEM a refusé l'activité" in reasons(relais, answered)
    assert "l'ONEM a refusé l'activité" in reasons(relais, date(year, 12, 31))


@pytest.mark.parametrize(
    "answer", [AuthorityAnswer.ACCEPTED, AuthorityAnswer.CONDITIONS, ""]
)
def test_an_onem_acceptance_conditions_or_silence_do_not_block(answer):
    relais = make_relais()
    _onem(
        relais,
        2026,
        approved_on=date(2026, 2, 20) if answer else None,
        answer=answer,
        conditions="Pas plus de 2 demi-jours par semaine." if answer else "",
    )
    assert relais.can_work_on(date(2026, 3, 1)).ok


def test_an_answer_needs_its_date_and_conditions_their_text():
    gate = BenefitGate(
        relais=make_relais(),
        kind=BenefitGate.Kind.UNEMPLOYMENT,
        filed_on=date(2026, 2, 1),
        answer=AuthorityAnswer.CONDITIONS,
    )
    with pytest.raises(ValidationError) as refused:
        gate.full_clean()
    assert set(refused.value.message_dict) == {"approved_on", "conditions"}


@pytest.mark.parametrize("year", YEARS)
def test_legal_stay_blocks_the_day_after_the_permit_ends(year):
    relais = make_relais()
    permit_until = date(year, 6, 30)
    ResidenceStatus.objects.create(
        relais=relais,
        kind=ResidenceStatus.Kind.LEGAL_STAY,
        permit_until=permit_until,
    )
    assert reasons(relais, permit_until) == ""
    assert "le titre de séjour a pris fin le 30/06" in reasons(
        relais, permit_until + timedelta(days=1)
    )


@pytest.mark.parametrize("year", YEARS)
def test_reception_needs_the_fedasil_declaration_and_its_answer(year):
    relais = make_relais()
    status = ResidenceStatus.objects.create(
        relais=relais, kind=ResidenceStatus.Kind.RECEPTION
    )
    day = date(year, 5, 10)
    assert "déclaration préalable à FEDASIL" in reasons(relais, day)
    status.fedasil_filed_on = day
    status.save()
    assert "réponse de FEDASIL n'est pas encore reçue" in reasons(relais, day)
    status.fedasil_answer = AuthorityAnswer.CONDITIONS
    status.fedasil_answered_on = day + timedelta(days=3)
    status.conditions = "Pas d'indemnité."
    status.save()
    assert "pas encore reçue" in reasons(relais, day + timedelta(days=2))
    assert reasons(relais, day + timedelta(days=3)) == ""
    status.fedasil_answer = AuthorityAnswer.REFUSED
    status.save()
    assert "FEDASIL a refusé l'activité" in reasons(relais, day + timedelta(days=3))


def test_irregular_stay_is_refused_kindly():
    relais = make_relais()
    ResidenceStatus.objects.create(relais=relais, kind=ResidenceStatus.Kind.IRREGULAR)
    text = reasons(relais, date(2026, 3, 10))
    assert "loi du 22 mai 2014" in text
    assert "Ce n'est pas un jugement" in text


def test_no_status_recorded_changes_nothing():
    assert make_relais().can_work_on(date(2026, 3, 10)).ok


def test_coordination_records_a_status_and_the_file_shows_conditions(
    coordination_client,
):
    relais = make_relais()
    url = reverse("relais:residence_edit", args=[relais.pk])
    response = coordination_client.post(url, {"kind": "legal_stay", "permit_until": ""})
    assert response.status_code == 200
    assert "Indiquez la fin de validité du titre de séjour." in response.text
    response = coordination_client.post(
        url,
        {
            "kind": "reception",
            "fedasil_filed_on": "2026-02-01",
            "fedasil_answered_on": "2026-02-10",
            "fedasil_answer": "conditions",
            "conditions": "Sans défraiement.",
        },
    )
    assert response.status_code == 302
    detail = coordination_client.get(reverse("relais:relais_detail", args=[relais.pk]))
    assert 'data-testid="fedasil-conditions"' in detail.text
    assert "Sans défraiement." in detail.text
    # Editing keeps one status per relais, and the history shows old → new.
    coordination_client.post(url, {"kind": "legal_stay", "permit_until": "2027-01-31"})
    assert ResidenceStatus.objects.filter(relais=relais).count() == 1
    history = coordination_client.get(
        reverse("relais:relais_history", args=[relais.pk])
    )
    changes = [
        (c.label, c.old, c.new)
        for entry in history.context["history_entries"]
        for c in entry.changes
    ]
    assert (
        "statut de séjour",
        "Bénéficiaire de l'accueil (FEDASIL)",
        "Séjour légal (titre de séjour)",
    ) in changes


def test_the_onem_conditions_show_on_the_relais_file(coordination_client):
    relais = make_relais()
    _onem(
        relais,
        2026,
        approved_on=date(2026, 2, 20),
        answer=AuthorityAnswer.CONDITIONS,
        conditions="Deux demi-jours par semaine au plus.",
    )
    detail = coordination_client.get(reverse("relais:relais_detail", args=[relais.pk]))
    assert 'data-testid="onem-conditions"' in detail.text
    assert "Deux demi-jours par semaine au plus." in detail.text


def test_the_gdpr_export_holds_the_answer_and_the_residence_status():
    from relais.services import relais_export_data

    relais = make_relais()
    _onem(relais, 2026, approved_on=date(2026, 2, 20), answer=AuthorityAnswer.REFUSED)
    ResidenceStatus.objects.create(
        relais=relais,
        kind=ResidenceStatus.Kind.LEGAL_STAY,
        permit_until=date(2027, 1, 31),
    )
    data = relais_export_data(relais=relais)
    assert data["benefit_gates"][0]["answer"] == "refused"
    assert data["residence_status"] == {
        "kind": "legal_stay",
        "permit_until": date(2027, 1, 31),
        "fedasil_filed_on": None,
        "fedasil_answered_on": None,
        "fedasil_answer": "",
        "conditions": "",
    }
