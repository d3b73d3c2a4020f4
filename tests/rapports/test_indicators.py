from datetime import date
from decimal import Decimal

import pytest

from rapports import indicators
from rapports.indicators import INDICATORS, by_code, compute, display
from rapports.periods import Period, PeriodError

Q1 = Period.quarter(2026, 1)


def values(period=Q1):
    return by_code(compute(period))


def test_every_indicator_has_a_label_and_a_definition():
    codes = [indicator.code for indicator in INDICATORS]
    assert len(codes) == len(set(codes))
    for indicator in INDICATORS:
        assert str(indicator.label) and str(indicator.definition).endswith(".")


def test_volunteer_indicators_on_the_known_dataset(known_data):
    v = values()
    assert v["relais_actifs"].value == 2
    assert v["prestations"].value == 4
    assert v["jours"].value == 3  # Fatima 5/1 and 10/2, Memo 31/3
    assert str(v["heures"].value) == "6.5"
    assert str(v["km"].value) == "12.5"


def test_reach_and_profile_indicators_on_the_known_dataset(known_data):
    v = values()
    assert v["situations"].value == 3
    assert v["personnes_rencontrees"].value == 7
    assert v["premier_contact"].rows == [
        ("Premier contact", 2),
        ("Personne revenue", 1),
    ]
    assert v["langues"].rows == [("Arabe", 1), ("Français", 1), ("Turc", 1)]
    assert v["autre_langue"].value == 2
    assert v["ages"].rows == [
        ("Jeune adulte (18–25 ans)", 1),
        ("Adulte (26–64 ans)", 1),
        ("65 ans et plus", 1),
    ]
    assert v["genres"].rows == [("Femme", 1), ("Homme", 1), ("Non précisé", 1)]


def test_demand_and_orientation_indicators_on_the_known_dataset(known_data):
    v = values()
    assert v["themes"].rows == [
        ("Santé mentale", 1),
        ("Logement", 2),
        ("Numérique", 1),
    ]
    assert v["orientations_destination"].rows == [
        ("CPAS de Schaerbeek", 1),
        ("Hors répertoire", 1),
    ]
    assert v["orientations_issue"].rows == [
        ("Pas encore su", 1),
        ("La personne y est allée", 1),
    ]
    assert v["orientations_accompagnees"].value == 1


def test_collective_indicators_on_the_known_dataset(known_data):
    v = values()
    assert v["participants"].value == 12
    assert v["nouveaux_participants"].value == 3
    assert v["partenaires"].value == 1
    assert v["activites_par_lieu"].rows == [("Autre lieu", 7)]


def test_training_and_compliance_indicators_on_the_known_dataset(known_data):
    v = values()
    assert v["formations"].rows == [("Formation", 1), ("Intervision", 1)]
    assert str(v["heures_formation"].value) == "4.5"
    assert v["relais_en_ordre"].rows == [("Dossier en ordre", 2)]
    known_data["memo"].conventions.all().delete()
    assert values()["relais_en_ordre"].rows == [
        ("Dossier en ordre", 1),
        ("Dossier incomplet", 1),
    ]


def test_budget_indicators_on_the_known_dataset(known_data):
    v = values()
    assert v["defraiements"].rows == [
        ("Forfait journalier", Decimal("50.00")),
        ("Transport", Decimal("10.00")),
    ]
    assert v["defraiements_payes"].value == Decimal("25.00")
    # 2026 annual ceiling 1.760,83 € minus the year's forfaits (drafts count too).
    margins = dict(v["marge_forfait"].rows)
    assert margins[known_data["fatima"].display_name] == Decimal("1735.83")
    assert margins[known_data["memo"].display_name] == Decimal("1710.83")


def test_activity_indicators_on_the_known_dataset(known_data):
    v = values()
    assert v["activites_par_type"].rows == [("Petit-déjeuner", 1), ("Permanence", 6)]
    assert v["activites_annulees"].value == 1


def test_previous_quarter_is_computed_the_same_way(known_data):
    v = values(Q1.previous())
    assert v["prestations"].value == 1
    assert str(v["heures"].value) == "2.0"


def test_empty_period_gives_zeros_not_errors(db):
    v = values(Period.month(2030, 1))
    assert v["prestations"].value == 0
    assert v["activites_par_type"].rows == []
    assert str(v["heures"].value) == "0.0"


def test_hidden_figures_are_shown_by_their_mark():
    people = indicators.Indicator("x", "s", "l", "d.", lambda p: 0, about_people=True)
    assert display(3, indicator=people, hidden="primary") == "<5"
    assert display(12, indicator=people, hidden="secondary") == "x"
    assert display(3, indicator=people) == "3"
    assert display(0, indicator=people) == "0"


@pytest.mark.parametrize(
    ("period", "previous"),
    [
        (Period.month(2026, 1), Period.month(2025, 12)),
        (Period.quarter(2026, 1), Period.quarter(2025, 4)),
        (Period.year(2026), Period.year(2025)),
        (
            Period(date(2026, 3, 10), date(2026, 3, 19)),
            Period(date(2026, 2, 28), date(2026, 3, 9)),
        ),
        # Month ends: 31 March's month is March, whose previous month is February.
        (Period.month(2026, 3), Period(date(2026, 2, 1), date(2026, 2, 28), "month")),
        (Period.month(2024, 3), Period(date(2024, 2, 1), date(2024, 2, 29), "month")),
        (Period.month(2026, 10), Period(date(2026, 9, 1), date(2026, 9, 30), "month")),
        (Period.month(2026, 5), Period(date(2026, 4, 1), date(2026, 4, 30), "month")),
        (
            Period.quarter(2026, 3),
            Period(date(2026, 4, 1), date(2026, 6, 30), "quarter"),
        ),
        (Period.year(2024), Period(date(2023, 1, 1), date(2023, 12, 31), "year")),
        # Custom dates: the same number of days just before.
        (
            Period(date(2026, 3, 31), date(2026, 3, 31)),
            Period(date(2026, 3, 30), date(2026, 3, 30)),
        ),
        (
            Period(date(2026, 3, 1), date(2026, 3, 31)),
            Period(date(2026, 1, 29), date(2026, 2, 28)),
        ),
    ],
)
def test_previous_period(period, previous):
    assert period.previous() == previous


def test_period_ending_before_it_starts_is_refused():
    with pytest.raises(PeriodError, match="avant de commencer"):
        Period(date(2026, 3, 1), date(2026, 2, 1))


def test_quarter_bounds():
    assert Period.quarter(2026, 4) == Period(
        date(2026, 10, 1), date(2026, 12, 31), "quarter"
    )
    with pytest.raises(PeriodError):
        Period.quarter(2026, 5)


def test_compute_runs_a_fixed_number_of_queries(
    known_data, django_assert_max_num_queries
):
    # One query per indicator, plus a fixed few (legal file, ceilings, totals).
    with django_assert_max_num_queries(len(INDICATORS) + 10):
        compute(Q1)


def test_hours_have_one_definition_durations_included(known_data):
    from prestations.models import Prestation
    from tests.factories.prestations import make_prestation

    make_prestation(
        relais=known_data["memo"],
        date=date(2026, 2, 3),
        start_time=None,
        end_time=None,
        duration_minutes=50,
    )
    in_q1 = Prestation.objects.filter(date__gte=Q1.start, date__lte=Q1.end)
    assert values()["heures"].value == Decimal("7.3")  # 6.5 h + 50 min
    assert in_q1.total_hours() == Decimal("7.3")
    minutes = sum(p.minutes or 0 for p in in_q1)
    assert minutes == 440
    assert Prestation(duration_minutes=50).hours == Decimal("0.8")


@pytest.mark.parametrize(
    ("start", "end", "kind"),
    [
        (date(2026, 10, 1), date(2026, 10, 31), "month"),
        (date(2026, 2, 1), date(2026, 2, 28), "month"),
        (date(2026, 7, 1), date(2026, 9, 30), "quarter"),
        (date(2026, 1, 1), date(2026, 12, 31), "year"),
        (date(2026, 1, 1), date(2026, 3, 30), "custom"),
        (date(2026, 10, 2), date(2026, 10, 31), "custom"),
    ],
)
def test_dates_covering_a_calendar_period_are_recognised(start, end, kind):
    period = Period.between(start, end)
    assert (period.start, period.end, period.kind) == (start, end, kind)


def test_dates_covering_october_compare_with_september():
    assert Period.between(date(2026, 10, 1), date(2026, 10, 31)).previous() == (
        Period.month(2026, 9)
    )
