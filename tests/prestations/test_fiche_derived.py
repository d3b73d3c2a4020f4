"""Money you can trust: lines derived from the outings, hand lines checked for
duplicates, the regime locked per year, every rule re-run at each step, no date in
the future, and amounts to the cent on SQLite."""

from datetime import date, time, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from prestations.models import DefraiementLine, FicheMensuelle, Prestation
from prestations.services import derived
from prestations.services import fiche as fiche_services
from prestations.services import payment as payment_services
from prestations.services import prestation as prestation_services
from prestations.services.regime import regime_set
from relais.models import Regime, RelaisRegimeChange
from tests.factories.prestations import make_fiche, make_payment_file
from tests.factories.relais import make_regime

Kind = DefraiementLine.Kind
Status = FicheMensuelle.Status
MARCH = date(2026, 3, 1)


@pytest.fixture
def anna(relais_anna):
    make_regime(relais_anna, 2026, Regime.FORFAIT)
    return relais_anna


def _outing(relais, day=date(2026, 3, 10), start=14, **travel) -> Prestation:
    prestation = Prestation(
        relais=relais,
        date=day,
        start_time=time(start, 0),
        end_time=time(start + 2, 0),
        **travel,
    )
    prestation_services.prestation_save(prestation=prestation, by=relais.user)
    return prestation


def _fiche(relais, month=MARCH) -> FicheMensuelle:
    return FicheMensuelle.objects.get(relais=relais, month=month)


def _lines(relais):
    return list(
        _fiche(relais)
        .lines.order_by("date", "kind", "pk")
        .values_list("kind", "date", "km", "amount")
    )


# --- Lines derived from the outings ----------------------------------------------


def test_saving_an_outing_derives_its_forfait_and_transport(anna):
    _outing(anna, travel_mode="car", travel_km=Decimal("10"))
    assert _lines(anna) == [
        (Kind.FORFAIT, date(2026, 3, 10), None, Decimal("25.00")),
        (Kind.TRANSPORT, date(2026, 3, 10), Decimal("10.0"), Decimal("4.33")),  # 0,4326
    ]


def test_editing_the_km_updates_the_transport_line(anna):
    outing = _outing(anna, travel_mode="car", travel_km=Decimal("10"))
    outing.travel_km = Decimal("40")
    prestation_services.prestation_save(prestation=outing, by=anna.user)
    transport = _fiche(anna).lines.get(kind=Kind.TRANSPORT)
    assert (transport.km, transport.amount) == (Decimal("40.0"), Decimal("17.30"))
    assert derived.fiche_problems(_fiche(anna)) == []


def test_deleting_an_outing_removes_its_lines_and_the_forfait_moves(anna):
    first = _outing(anna, start=9, travel_mode="public", travel_ticket_amount=2)
    second = _outing(anna, start=14)
    forfait = _fiche(anna).lines.get(kind=Kind.FORFAIT)
    assert forfait.prestation == first
    prestation_services.prestation_delete(prestation=first, by=anna.user)
    fiche = _fiche(anna)
    assert fiche.lines.get(kind=Kind.FORFAIT).prestation == second
    assert not fiche.lines.filter(kind=Kind.TRANSPORT).exists()
    prestation_services.prestation_delete(prestation=second, by=anna.user)
    assert not _fiche(anna).lines.exists()


def test_moving_an_outing_to_another_month_moves_its_lines(anna):
    outing = _outing(anna)
    outing.date = date(2026, 4, 2)
    prestation_services.prestation_save(prestation=outing, by=anna.user)
    assert not _fiche(anna).lines.exists()
    assert _fiche(anna, date(2026, 4, 1)).lines.get().date == date(2026, 4, 2)


def test_an_unchanged_outing_keeps_the_same_line_rows(anna):
    outing = _outing(anna, travel_mode="bike", travel_km=Decimal("6"))
    before = set(_fiche(anna).lines.values_list("pk", flat=True))
    outing.people_met = 4
    prestation_services.prestation_save(prestation=outing, by=anna.user)
    assert set(_fiche(anna).lines.values_list("pk", flat=True)) == before


def test_a_line_a_rule_refuses_is_left_out_and_explained(anna):
    # 2026: 2.000 km on top of the forfait; this trip alone would pass the cap.
    notes = prestation_services.prestation_save(
        prestation=Prestation(
            relais=anna,
            date=date(2026, 3, 10),
            duration_minutes=60,
            travel_mode="car",
            travel_km=Decimal("2001"),
        ),
        by=anna.user,
    )
    assert any("km maximum par an en plus du forfait" in note for note in notes)
    assert list(_fiche(anna).lines.values_list("kind", flat=True)) == [Kind.FORFAIT]


def test_a_closed_month_refuses_outing_changes_and_keeps_its_lines(anna):
    outing = _outing(anna, travel_mode="car", travel_km=Decimal("10"))
    FicheMensuelle.objects.filter(relais=anna).update(status=Status.SUBMITTED)
    outing.travel_km = Decimal("40")
    with pytest.raises(ValidationError):
        prestation_services.prestation_save(prestation=outing, by=anna.user)
    assert _fiche(anna).lines.get(kind=Kind.TRANSPORT).km == Decimal("10.0")


def test_the_relais_edits_and_deletes_outings_and_the_month_follows(anna_client, anna):
    kept = _outing(anna, travel_mode="car", travel_km=Decimal("10"))
    gone = _outing(anna, day=date(2026, 3, 12), travel_mode="bike", travel_km=5)
    response = anna_client.post(
        reverse("prestations:prestation_edit", args=[kept.pk]),
        {
            "date": "2026-03-10",
            "start_time": "14:00",
            "end_time": "16:00",
            "place": "fixed",
            "kind": "permanence",
            "people_met": "3",
            "travel_mode": "car",
            "travel_km": "40",
        },
    )
    assert response.status_code == 302
    anna_client.post(reverse("prestations:prestation_delete", args=[gone.pk]))
    page = anna_client.get(reverse("prestations:fiche_mine"), {"month": "2026-03"})
    assert page.context["summary"].total == Decimal("42.30")  # 25 + 40 × 0,4326 (Q1)
    assert "42,30" in page.text and "17,30" in page.text


# --- Hand lines: duplicates ------------------------------------------------------


def test_the_same_car_trip_entered_twice_is_refused_naming_the_line(anna):
    _outing(anna, travel_mode="car", travel_km=Decimal("12"))
    with pytest.raises(ValidationError) as error:
        derived.defraiement_claim_add(
            fiche=_fiche(anna),
            by=anna.user,
            kind=Kind.TRANSPORT,
            day=date(2026, 3, 10),
            transport_mode="car",
            km=Decimal("12"),
        )
    assert error.value.messages == [
        "Cette dépense est déjà sur votre fiche : Transport du 10/03/2026 "
        "(Voiture, 12,0 km), 5,19 €. Une même dépense ne peut pas être défrayée "
        "deux fois."
    ]
    assert _fiche(anna).lines.count() == 2


def test_another_trip_the_same_day_is_accepted(anna):
    _outing(anna, travel_mode="car", travel_km=Decimal("12"))
    line, _warnings = derived.defraiement_claim_add(
        fiche=_fiche(anna),
        by=anna.user,
        kind=Kind.TRANSPORT,
        day=date(2026, 3, 10),
        transport_mode="car",
        km=Decimal("30"),
    )
    assert line.prestation is None and line.amount == Decimal("12.98")  # 30 × 0,4326


def test_an_outing_matching_a_hand_line_gets_no_second_transport(anna):
    _outing(anna, day=date(2026, 3, 9))
    derived.defraiement_claim_add(
        fiche=_fiche(anna),
        by=anna.user,
        kind=Kind.TRANSPORT,
        day=date(2026, 3, 10),
        transport_mode="public",
        amount=Decimal("2.60"),
    )
    notes = prestation_services.prestation_save(
        prestation=Prestation(
            relais=anna,
            date=date(2026, 3, 10),
            duration_minutes=60,
            travel_mode="public",
            travel_ticket_amount=Decimal("2.60"),
        ),
        by=anna.user,
    )
    assert any("déjà sur votre fiche" in note for note in notes)
    assert _fiche(anna).lines.filter(kind=Kind.TRANSPORT).count() == 1
    assert derived.fiche_problems(_fiche(anna)) == []


# --- Dates -----------------------------------------------------------------------


def test_an_outing_or_an_expense_cannot_be_in_the_future(anna):
    with time_machine.travel(timezone.make_aware(timezone.datetime(2026, 3, 15, 23))):
        today = timezone.localdate()  # Brussels: 15 March, 23:00
        with pytest.raises(ValidationError) as error:
            _outing(anna, day=today + timedelta(days=1))
        assert "dans le futur" in error.value.messages[0]
        _outing(anna, day=today)
        with pytest.raises(ValidationError) as error:
            derived.defraiement_claim_add(
                fiche=_fiche(anna),
                by=anna.user,
                kind=Kind.TRANSPORT,
                day=today + timedelta(days=1),
                transport_mode="public",
                amount=Decimal("2.10"),
            )
        assert "dans le futur" in error.value.messages[0]


def test_sending_before_the_month_end_needs_a_second_confirmation(anna_client, anna):
    with time_machine.travel(timezone.make_aware(timezone.datetime(2026, 3, 20, 10))):
        _outing(anna)
        url = reverse("prestations:fiche_submit") + "?month=2026-03"
        page = anna_client.get(url)
        assert "25,00 €" in page.text and "n'est pas fini" in page.text
        version = _fiche(anna).version
        again = anna_client.post(url, {"version": version})
        assert again.context["ask_again"]
        assert _fiche(anna).status == Status.DRAFT
        with pytest.raises(ValidationError):  # a crafted call cannot skip it
            fiche_services.fiche_submit(fiche=_fiche(anna), by=anna.user)
        anna_client.post(url, {"version": version, "early_confirmed": "on"})
        assert _fiche(anna).status == Status.SUBMITTED


def test_sending_on_the_last_day_asks_once(anna_client, anna):
    with time_machine.travel(timezone.make_aware(timezone.datetime(2026, 3, 31, 18))):
        _outing(anna)
        url = reverse("prestations:fiche_submit") + "?month=2026-03"
        assert "n'est pas fini" not in anna_client.get(url).text
        anna_client.post(url, {"version": _fiche(anna).version})
        assert _fiche(anna).status == Status.SUBMITTED


# --- Re-checked at every step ----------------------------------------------------


def _end_agreement(relais, on: date):
    relais.conventions.update(end_date=on)


def test_validation_is_refused_for_a_relais_whose_agreement_ended(anna, coordination):
    _outing(anna, travel_mode="public", travel_ticket_amount=Decimal("2.10"))
    fiche = _fiche(anna)
    fiche_services.fiche_submit(fiche=fiche, by=anna.user)
    _end_agreement(anna, date(2026, 3, 1))
    with pytest.raises(ValidationError) as error:
        fiche_services.fiche_validate(fiche=fiche, by=coordination)
    messages = error.value.messages
    assert "ne respecte plus toutes les règles" in messages[0]
    assert messages[1:] == [
        "Forfait journalier du 10/03/2026, 25,00 € : Aucune convention de "
        "volontariat valable le 10/03/2026.",
        "Transport du 10/03/2026 (Transports en commun), 2,10 € : Aucune "
        "convention de volontariat valable le 10/03/2026.",
    ]
    fiche.refresh_from_db()
    assert fiche.status == Status.SUBMITTED and not fiche.documents.exists()


def test_validation_view_lists_the_problems(coordination_client, anna):
    _outing(anna)
    fiche = _fiche(anna)
    fiche_services.fiche_submit(fiche=fiche, by=anna.user)
    _end_agreement(anna, date(2026, 3, 1))
    response = coordination_client.post(
        reverse("prestations:fiche_validate", args=[fiche.pk]),
        {"version": _fiche(anna).version},
        follow=True,
    )
    assert "Aucune convention de volontariat valable le 10/03/2026." in response.text
    assert _fiche(anna).status == Status.SUBMITTED


def test_payment_is_refused_when_a_rule_broke_since_validation(
    anna, coordination, direction
):
    _outing(anna)
    fiche = _fiche(anna)
    fiche_services.fiche_submit(fiche=fiche, by=anna.user)
    fiche_services.fiche_validate(fiche=fiche, by=coordination)
    payment_file = make_payment_file(fiche)  # produced while the fiche was sound
    RelaisRegimeChange.objects.all().delete()
    anna.regimes.update(regime=Regime.FRAIS_REELS)  # by the database, not the app
    with pytest.raises(ValidationError) as error:
        payment_services.payment_file_mark_paid(
            payment_file=payment_file, paid_on=timezone.localdate(), by=direction
        )
    assert any("art. 10" in m for m in error.value.messages)
    assert _fiche(anna).status == Status.VALIDATED
    payment_file.refresh_from_db()
    assert payment_file.paid_on is None


def test_submission_is_refused_when_the_legal_file_blocks_the_days(anna):
    _outing(anna)
    _end_agreement(anna, date(2026, 3, 1))
    with pytest.raises(ValidationError) as error:
        fiche_services.fiche_submit(fiche=_fiche(anna), by=anna.user)
    assert "Aucune convention" in error.value.messages[1]


def test_reopening_is_logged_as_reopened_with_its_reason(anna, coordination):
    _outing(anna)
    fiche = _fiche(anna)
    fiche_services.fiche_submit(fiche=fiche, by=anna.user)
    fiche_services.fiche_return(fiche=fiche, by=coordination, comment="Ticket ?")
    fiche_services.fiche_submit(fiche=fiche, by=anna.user)
    fiche_services.fiche_validate(fiche=fiche, by=coordination)
    fiche_services.fiche_reopen(fiche=fiche, by=coordination, reason="Oubli")
    labels = [(t.label, t.comment) for t in fiche.transitions.all()]
    assert labels[1] == ("Renvoyée pour correction", "Ticket ?")
    assert labels[-1] == ("Rouverte", "Oubli")


# --- Regime locked per year ------------------------------------------------------


def test_regime_switch_is_refused_once_lines_exist(anna, coordination):
    _outing(anna)
    _outing(anna, day=date(2026, 3, 11))
    with pytest.raises(ValidationError) as error:
        regime_set(
            relais=anna,
            year=2026,
            regime=Regime.FRAIS_REELS,
            by=coordination,
            reason="Elle préfère",
        )
    assert error.value.messages == [
        "Le régime de 2026 (Forfait) ne peut plus changer : 2 lignes de "
        "défraiement de 2026 existent déjà. Forfait et frais réels ne se "
        "combinent pas dans une même année (loi du 3 juillet 2005, art. 10)."
    ]
    assert anna.regime_for(2026) == Regime.FORFAIT


def test_regime_correction_before_any_line_is_logged_with_its_reason(
    relais_anna, coordination
):
    regime_set(relais=relais_anna, year=2026, regime=Regime.FORFAIT, by=coordination)
    with pytest.raises(ValidationError):
        regime_set(
            relais=relais_anna, year=2026, regime=Regime.FRAIS_REELS, by=coordination
        )
    regime_set(
        relais=relais_anna,
        year=2026,
        regime=Regime.FRAIS_REELS,
        by=coordination,
        reason="Choix mal noté",
    )
    log = list(
        RelaisRegimeChange.objects.order_by("pk").values_list(
            "from_regime", "to_regime", "reason", "changed_by"
        )
    )
    assert log == [
        ("", Regime.FORFAIT, "", coordination.pk),
        (Regime.FORFAIT, Regime.FRAIS_REELS, "Choix mal noté", coordination.pk),
    ]


def test_a_regime_chosen_late_derives_the_lines_of_open_months(
    relais_anna, coordination
):
    prestation_services.prestation_save(
        prestation=Prestation(
            relais=relais_anna, date=date(2026, 3, 10), duration_minutes=60
        ),
        by=relais_anna.user,
    )
    assert not _fiche(relais_anna).lines.exists()  # no regime yet
    regime_set(relais=relais_anna, year=2026, regime=Regime.FORFAIT, by=coordination)
    assert _fiche(relais_anna).lines.get().kind == Kind.FORFAIT


def test_regime_view_refuses_the_switch_with_the_reason(coordination_client, anna):
    _outing(anna)
    response = coordination_client.post(
        reverse("prestations:regime_set", args=[anna.pk]),
        {"year": "2026", "regime": "frais_reels", "reason": "Essai"},
        follow=True,
    )
    assert "1 ligne de défraiement de 2026 existe déjà" in response.text
    assert anna.regime_for(2026) == Regime.FORFAIT


# --- Decimal money ---------------------------------------------------------------


def test_sums_are_decimals_to_the_cent_and_pages_show_two_decimals(
    coordination_client, direction_client, coordination, relais_anna
):
    make_regime(relais_anna, 2026, Regime.FRAIS_REELS)
    fiche = make_fiche(relais=relais_anna, month=MARCH)
    # Amounts whose float sum is not exact: 0.1 + 0.2 style.
    for cents in ("77.60", "77.50", "0.10"):
        DefraiementLine.objects.create(
            fiche=fiche, kind=Kind.REAL_COST, date=MARCH, amount=Decimal(cents)
        )
    total = FicheMensuelle.objects.with_totals().get(pk=fiche.pk).total
    assert total == Decimal("155.20") and total.as_tuple().exponent == -2
    overview = coordination_client.get(
        reverse("prestations:fiche_overview"), {"month": "2026-03"}
    )
    assert "155,20" in overview.text and "155,2000" not in overview.text
    FicheMensuelle.objects.filter(pk=fiche.pk).update(status=Status.VALIDATED)
    home = direction_client.get(reverse("direction_home"))
    assert "155,20 €" in home.text
    for ticket in ("77.60", "77.50", "0.10"):
        Prestation.objects.create(
            relais=relais_anna,
            date=date(2026, 3, 10),
            duration_minutes=60,
            travel_mode="public",
            travel_ticket_amount=Decimal(ticket),
        )
    listing = coordination_client.get(
        reverse("prestations:prestation_list"), {"month": "2026-03"}
    )
    assert listing.context["totals"]["tickets"] == Decimal("155.20")
    assert "155,20 €" in listing.text


def test_the_confirmation_page_costs_the_same_queries_at_two_sizes(anna_client, anna):
    url = reverse("prestations:fiche_submit") + "?month=2026-03"
    counts = []
    for days in (range(2, 4), range(4, 24)):
        for day in days:
            _outing(anna, day=date(2026, 3, day), travel_mode="bike", travel_km=3)
        with CaptureQueriesContext(connection) as queries:
            assert anna_client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1] and counts[0] <= 16


def test_a_future_outing_is_refused_on_the_form_which_keeps_what_was_typed(
    anna_client, anna
):
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = anna_client.post(
        reverse("prestations:prestation_quick"),
        {
            "date": tomorrow.isoformat(),
            "place": "fixed",
            "kind": "permanence",
            "duration_minutes": "90",
            "people_met": "4",
            "travel_mode": "none",
        },
    )
    assert response.status_code == 200
    assert "dans le futur" in response.text
    assert response.context["form"].data["people_met"] == "4"
    assert not Prestation.objects.exists()
