"""Every rule of `Relais.can_work_on` (docs/domain.md §2.5)."""

from datetime import date

import pytest

from relais.models import (
    BenefitGate,
    InsurancePolicy,
    Relais,
    WorkContext,
    add_working_days,
)
from tests.factories.relais import (
    make_acknowledgement,
    make_bare_relais,
    make_convention,
    make_gate,
    make_insurance,
    make_note_version,
    make_relais,
)

pytestmark = pytest.mark.django_db

DAY = date(2026, 3, 10)


def reasons(relais, day=DAY):
    return " | ".join(relais.can_work_on(day).reasons)


@pytest.mark.parametrize(
    "day", [date(2020, 1, 1), date(2024, 2, 29), date(2026, 3, 10), date(2030, 12, 31)]
)
def test_factory_relais_can_work_on_any_day_of_the_contract(day):
    relais = make_relais()
    check = relais.can_work_on(day)
    assert check.ok, check.reasons


def test_factory_relais_without_user_can_work_too():
    relais = make_relais(with_user=False)
    assert relais.user is None
    assert relais.can_work_on(DAY).ok


def test_bare_relais_gets_every_missing_step():
    relais = make_bare_relais(status=Relais.Status.CANDIDATE)
    text = reasons(relais)
    assert "Candidat" in text
    assert "Aucune convention" in text
    assert "note d'organisation" in text
    assert "responsabilité civile" in text


@pytest.mark.parametrize(
    "status",
    [
        Relais.Status.CANDIDATE,
        Relais.Status.PAUSED,
        Relais.Status.SUSPENDED,
        Relais.Status.LEFT,
    ],
)
def test_status_other_than_active_blocks(status):
    relais = make_relais(status=status)
    check = relais.can_work_on(DAY)
    assert not check.ok
    assert len(check.reasons) == 1
    assert "en activité" in check.reasons[0]


def test_no_agreement_valid_that_day_blocks():
    relais = make_bare_relais()
    make_acknowledgement(relais)
    make_insurance()
    make_convention(relais, start_date=date(2026, 1, 1), end_date=date(2026, 2, 28))
    assert "Aucune convention de volontariat valable" in reasons(relais, DAY)
    assert relais.can_work_on(date(2026, 2, 28)).ok
    assert not relais.can_work_on(date(2025, 12, 31)).ok


def test_confidentiality_clause_missing_blocks():
    relais = make_bare_relais()
    make_acknowledgement(relais)
    make_insurance()
    make_convention(relais, confidentiality_accepted_on=None)
    assert reasons(relais) == "La clause de confidentialité n'est pas encore signée."


def test_confidentiality_signed_after_the_day_blocks_that_day():
    relais = make_bare_relais()
    make_acknowledgement(relais)
    make_insurance()
    make_convention(relais, confidentiality_accepted_on=date(2026, 4, 1))
    assert "confidentialité" in reasons(relais, DAY)
    assert relais.can_work_on(date(2026, 4, 1)).ok


def test_new_note_version_makes_acknowledgement_outdated():
    relais = make_relais()
    assert relais.can_work_on(DAY).ok
    version = make_note_version()
    check = relais.can_work_on(DAY)
    assert check.reasons == [
        f"La note d'organisation (version {version.number}) n'est pas signée "
        "pour accord."
    ]
    make_acknowledgement(relais, version=version, acknowledged_on=date(2026, 3, 1))
    assert relais.can_work_on(DAY).ok
    assert not relais.can_work_on(date(2026, 2, 28)).ok


def test_no_note_written_blocks():
    relais = make_bare_relais()
    make_convention(relais)
    make_insurance()
    assert reasons(relais) == "La note d'organisation n'est pas encore rédigée."


def test_insurance_must_cover_the_day():
    relais = make_bare_relais()
    make_convention(relais)
    make_acknowledgement(relais)
    make_insurance(valid_from=date(2026, 1, 1), valid_until=date(2026, 3, 9))
    assert "responsabilité civile valable" in reasons(relais, DAY)
    assert relais.can_work_on(date(2026, 3, 9)).ok


def test_accident_insurance_alone_is_not_enough():
    relais = make_bare_relais()
    make_convention(relais)
    make_acknowledgement(relais)
    make_insurance(kind=InsurancePolicy.Kind.ACCIDENT)
    assert "responsabilité civile" in reasons(relais)


def test_unemployment_gate_needs_c45b_filed_before_the_day():
    relais = make_relais()
    gate = make_gate(relais, kind=BenefitGate.Kind.UNEMPLOYMENT)
    assert reasons(relais) == "Chômage : la déclaration C45B n'est pas déposée."
    gate.filed_on = date(2026, 3, 11)
    gate.save()
    assert "C45B" in reasons(relais)
    gate.filed_on = date(2026, 3, 9)
    gate.save()
    assert relais.can_work_on(DAY).ok  # pending: may work while ONEM decides
    assert gate.onem_deadline == date(2026, 3, 23) > DAY


def test_onem_tacit_approval_after_twelve_working_days_saturdays_included():
    # Monday 2 March 2026 + 12 working days (Mon–Sat) = Monday 16 March.
    assert add_working_days(date(2026, 3, 2), 12) == date(2026, 3, 16)
    gate = BenefitGate(kind=BenefitGate.Kind.UNEMPLOYMENT, filed_on=date(2026, 3, 2))
    assert gate.onem_deadline == date(2026, 3, 16)


def test_time_limited_onem_approval_needs_a_new_declaration():
    relais = make_relais()
    make_gate(
        relais,
        filed_on=date(2025, 1, 6),
        approved_on=date(2025, 1, 20),
        approval_ends_on=date(2026, 1, 19),
    )
    assert "nouvelle déclaration C45B" in reasons(relais)
    assert relais.can_work_on(date(2026, 1, 19)).ok


def test_cpas_gate_needs_cpas_informed():
    relais = make_relais()
    gate = make_gate(relais, kind=BenefitGate.Kind.CPAS)
    assert reasons(relais) == "CPAS : le CPAS n'a pas encore été informé."
    gate.filed_on = date(2026, 3, 1)
    gate.save()
    assert relais.can_work_on(DAY).ok


def test_sickness_gate_needs_medecin_conseil_compatibility():
    relais = make_relais()
    gate = make_gate(relais, kind=BenefitGate.Kind.SICKNESS, filed_on=date(2026, 2, 1))
    assert "médecin-conseil" in reasons(relais)
    gate.approved_on = date(2026, 3, 1)
    gate.save()
    assert relais.can_work_on(DAY).ok


def test_gate_outside_the_benefit_period_does_not_block():
    relais = make_relais()
    make_gate(
        relais,
        kind=BenefitGate.Kind.CPAS,
        benefit_since=date(2025, 1, 1),
        benefit_until=date(2025, 12, 31),
    )
    assert relais.can_work_on(DAY).ok
    assert not relais.can_work_on(date(2025, 6, 1)).ok


def test_reconfirmation_is_due_after_a_year():
    gate = BenefitGate(kind=BenefitGate.Kind.CPAS, filed_on=date(2025, 3, 1))
    assert gate.reconfirmation_due(date(2026, 3, 1))
    gate.confirmed_on = date(2026, 1, 10)
    assert not gate.reconfirmation_due(date(2026, 3, 1))


def test_checking_many_relais_runs_a_fixed_number_of_queries(
    django_assert_max_num_queries,
):
    for _ in range(30):
        make_gate(make_relais(), kind=BenefitGate.Kind.CPAS, filed_on=date(2025, 1, 1))
    # Context (2) + relais + its work data (WORK_DATA: residence status,
    # conventions, acknowledgements, gates) + documents (the alerts read their
    # expiry) + spoken languages: 9, whatever the count.
    with django_assert_max_num_queries(9):
        context = WorkContext.load()
        checks = [
            relais.can_work_on(DAY, context=context)
            for relais in Relais.objects.with_legal_file()
        ]
    assert len(checks) == 30
    assert all(check.ok for check in checks)


def test_work_checks_answers_for_a_whole_queryset(django_assert_max_num_queries):
    ready = make_relais()
    paused = make_relais(status=Relais.Status.PAUSED)
    # Context (2) + relais + WORK_DATA (residence status, conventions,
    # acknowledgements, gates): 7, whatever the number of relais.
    with django_assert_max_num_queries(7):
        checks = Relais.objects.all().work_checks(DAY)
    assert checks[ready.pk].ok
    assert not checks[paused.pk].ok
