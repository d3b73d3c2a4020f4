"""The one invariant of a monthly fiche, on generated sequences of changes: after
any sequence of creates, edits and deletes of outings and hand-entered lines in
an open month, the fiche's lines are what its outings and hand lines imply, and no
line breaks a rule of its date (`derived.fiche_problems` is empty)."""

from datetime import date, time
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from prestations.models import DefraiementLine, FicheMensuelle, Prestation
from prestations.services import derived
from prestations.services import prestation as prestation_services
from relais.models import Regime
from tests.factories.relais import make_regime, make_relais

Kind = DefraiementLine.Kind
MONTH = date(2026, 3, 1)

days = st.integers(min_value=1, max_value=6).map(lambda d: date(2026, 3, d))
# Up to 60 km a trip: six trips of a day can reach the daily or yearly caps.
kms = st.sampled_from([Decimal("4.0"), Decimal("12.0"), Decimal("40.0"), Decimal("60")])
tickets = st.sampled_from([Decimal("2.10"), Decimal("2.60"), Decimal("5.00")])
travel = st.one_of(
    st.just({"travel_mode": "none"}),
    st.builds(lambda km: {"travel_mode": "car", "travel_km": km}, kms),
    st.builds(lambda km: {"travel_mode": "bike", "travel_km": km}, kms),
    st.builds(lambda t: {"travel_mode": "public", "travel_ticket_amount": t}, tickets),
)
outing = st.fixed_dictionaries(
    {"day": days, "start": st.sampled_from([None, 9, 14]), "travel": travel}
)
hand_line = st.one_of(
    st.builds(
        lambda day, km, mode: {
            "kind": Kind.TRANSPORT,
            "day": day,
            "transport_mode": mode,
            "km": km,
        },
        days,
        kms,
        st.sampled_from(["car", "bike"]),
    ),
    st.builds(
        lambda day, t: {
            "kind": Kind.TRANSPORT,
            "day": day,
            "transport_mode": "public",
            "amount": t,
        },
        days,
        tickets,
    ),
    st.builds(
        lambda day, t: {
            "kind": Kind.REAL_COST,
            "day": day,
            "amount": t * 7,
            "purpose": "Photocopies",
        },
        days,
        tickets,
    ),
)
steps = st.lists(
    st.one_of(
        st.tuples(st.just("create"), outing),
        st.tuples(st.just("edit"), st.integers(0, 5), outing),
        st.tuples(st.just("delete"), st.integers(0, 5)),
        st.tuples(st.just("add_line"), hand_line),
        st.tuples(st.just("delete_line"), st.integers(0, 5)),
    ),
    max_size=7,
)


def _fill(prestation: Prestation, data: dict) -> Prestation:
    prestation.date = data["day"]
    prestation.start_time = time(data["start"], 0) if data["start"] else None
    prestation.end_time = time(data["start"] + 2, 0) if data["start"] else None
    prestation.duration_minutes = None if data["start"] else 90
    prestation.travel_km = prestation.travel_ticket_amount = None
    for name, value in data["travel"].items():
        setattr(prestation, name, value)
    return prestation


def _apply(relais, fiche, step) -> None:
    action, *args = step
    outings = list(Prestation.objects.for_relais(relais).order_by("pk"))
    hand = list(fiche.lines.filter(prestation__isnull=True).order_by("pk"))
    by = relais.user
    if action == "create":
        prestation = _fill(Prestation(relais=relais), args[0])
        prestation_services.prestation_save(prestation=prestation, by=by)
    elif action == "edit" and outings:
        prestation = _fill(outings[args[0] % len(outings)], args[1])
        prestation_services.prestation_save(prestation=prestation, by=by)
    elif action == "delete" and outings:
        prestation = outings[args[0] % len(outings)]
        prestation_services.prestation_delete(prestation=prestation, by=by)
    elif action == "add_line":
        line = dict(args[0])
        if line["kind"] == Kind.REAL_COST:
            line["receipt"] = ContentFile(b"%PDF-1.4", name="ticket.pdf")
        derived.defraiement_claim_add(fiche=fiche, by=by, **line)
    elif action == "delete_line" and hand:
        derived.defraiement_claim_delete(line=hand[args[0] % len(hand)], by=by)


@pytest.mark.django_db
@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(regime=st.sampled_from([Regime.FORFAIT, Regime.FRAIS_REELS]), steps=steps)
def test_lines_always_equal_what_outings_and_hand_lines_imply(regime, steps):
    with transaction.atomic():
        relais = make_relais()
        make_regime(relais, 2026, regime)
        fiche = FicheMensuelle.objects.create(relais=relais, month=MONTH)
        for step in steps:
            try:
                _apply(relais, fiche, step)
            except ValidationError:
                pass  # refused: nothing was saved (checked by the invariant)
            fiche.refresh_from_db()
            assert derived.fiche_problems(fiche) == []
            outings = Prestation.objects.for_relais(relais)
            forfait_days = set(
                fiche.lines.filter(kind=Kind.FORFAIT).values_list("date", flat=True)
            )
            if regime == Regime.FORFAIT:
                # One forfait per day worked (the ceilings allow 25 € a day).
                assert forfait_days == set(outings.values_list("date", flat=True))
            else:
                assert not forfait_days
            # Every derived line points to an outing of its own day.
            for line in fiche.lines.filter(prestation__isnull=False):
                assert line.prestation.date == line.date
        transaction.set_rollback(True)
