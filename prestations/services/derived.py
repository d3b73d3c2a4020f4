"""Lines derived from the outings, and the one invariant of a monthly fiche.

A fiche holds two sorts of défraiement lines (docs/domain.md §1.7):

- *derived* lines, which carry the outing (`prestation`) they come from: the day's
  forfait (forfait regime, on the day's first outing) and the transport of each
  outing that travelled at a cost. They are never typed: `fiche_sync_lines`
  derives them again from the month's outings after every change of an outing, a
  hand-entered line or the regime, in the same transaction;
- *hand* lines (no outing): real costs and other expenses the relais adds, checked
  against the derived ones for duplicates (`hand_line_duplicate`).

`fiche_problems` re-runs every rule for every line on its own date; it is what
submitting, validating and paying check, and what the generated tests assert
after any sequence of changes (tests/prestations/test_fiche_invariant.py).
"""

from collections import Counter
from datetime import date, time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from prestations.models import DefraiementLine, FicheMensuelle, Prestation, TravelMode
from prestations.services.defraiement import (
    defraiement_line_add,
    defraiement_line_check,
    defraiement_line_delete,
    transport_amount,
)
from prestations.services.fiche import bump_version, closed_error, lock_fiche
from prestations.services.legal import euros, setting_for, short_date
from relais.models import Regime
from tisseurs.money import cents

Kind = DefraiementLine.Kind


# --- Deriving ---------------------------------------------------------------------


def _canonical(prestations) -> list[Prestation]:
    """The month's outings in the one order lines are derived in (the same on
    every database: NULL times sort first everywhere)."""
    return sorted(
        prestations, key=lambda p: (p.date, p.start_time or time.min, p.pk or 0)
    )


def _attempts(prestation: Prestation, *, forfait: bool) -> list[dict]:
    """The lines one outing calls for: the day's forfait (when it carries it) and
    its transport when it travelled at a cost."""
    attempts = []
    if forfait:
        attempts.append(
            {
                "kind": Kind.FORFAIT,
                "amount": setting_for(prestation.date).forfait_amount,
            }
        )
    if prestation.travel_mode != TravelMode.NONE:
        attempts.append(
            {
                "kind": Kind.TRANSPORT,
                "transport_mode": prestation.travel_mode,
                "km": prestation.travel_km,
                "amount": prestation.travel_ticket_amount,
                "purpose": _("Trajet : %(kind)s")
                % {"kind": prestation.get_kind_display()},
                "receipt": prestation.travel_receipt or None,
            }
        )
    return attempts


def _derive_one(fiche, by, prestation: Prestation, attempt: dict) -> None:
    """Add one derived line after every rule (raises ValidationError if refused)."""
    kind, day, rate = attempt["kind"], prestation.date, None
    amount, km = attempt["amount"], attempt.get("km")
    if kind == Kind.TRANSPORT:
        amount, rate = transport_amount(
            mode=attempt["transport_mode"], day=day, km=km, ticket=amount
        )
        twin = hand_line_duplicate(
            fiche=fiche,
            kind=kind,
            day=day,
            mode=attempt["transport_mode"],
            km=km,
            amount=amount,
            hand_only=True,
        )
        if twin:
            raise duplicate_error(twin)
    check = defraiement_line_check(
        relais=fiche.relais,
        kind=kind,
        day=day,
        amount=amount,
        km=km,
        receipt=attempt.get("receipt"),
        purpose=attempt.get("purpose", ""),
        transport_mode=attempt.get("transport_mode", ""),
    )
    check.raise_if_refused()
    line = DefraiementLine(
        fiche=fiche,
        kind=kind,
        date=day,
        amount=cents(amount),
        transport_mode=attempt.get("transport_mode", ""),
        km=km if kind == Kind.TRANSPORT else None,
        rate=rate,
        purpose=attempt.get("purpose", ""),
        prestation=prestation,
        flagged=check.flagged,
        created_by=by,
    )
    if attempt.get("receipt"):
        line.receipt = attempt["receipt"]
    line.save()


def _rederive(fiche: FicheMensuelle, by) -> list[str]:
    """Replace the fiche's derived lines by what its month's outings call for now.
    Returns why an outing got no line (a rule refused it)."""
    fiche.lines.filter(prestation__isnull=False).delete()
    is_forfait = fiche.relais.regime_for(fiche.month.year) == Regime.FORFAIT
    outings = _canonical(
        Prestation.objects.for_relais(fiche.relais).in_month(fiche.month)
    )
    messages, forfait_days = [], set()
    for prestation in outings:
        forfait = is_forfait and prestation.date not in forfait_days
        forfait_days.add(prestation.date)
        try:
            attempts = _attempts(prestation, forfait=forfait)
        except ValidationError as error:
            attempts, messages = [], messages + error.messages
        for attempt in attempts:
            try:
                _derive_one(fiche, by, prestation, attempt)
            except ValidationError as error:
                messages.extend(
                    _("%(day)s : %(reason)s")
                    % {"day": short_date(prestation.date), "reason": reason}
                    for reason in error.messages
                )
    return messages


def _derived_snapshot(fiche: FicheMensuelle) -> Counter:
    """The fiche's derived lines as comparable values (primary keys aside)."""
    return Counter(
        fiche.lines.filter(prestation__isnull=False).values_list(
            "kind", "date", "prestation_id", "transport_mode", "km", "amount", "rate"
        )
    )


def fiche_sync_lines(*, fiche: FicheMensuelle, by=None) -> tuple[int, list[str]]:
    """Bring an open fiche's derived lines in step with its month's outings, in one
    transaction. Lines that do not change are kept as they are (same rows).
    Returns (how many lines were added, changed or removed, why an outing got
    no line)."""
    with transaction.atomic():
        locked = lock_fiche(fiche, None)
        if not locked.is_open:
            raise closed_error(locked)
        before = _derived_snapshot(locked)
        with transaction.atomic():
            messages = _rederive(locked, by)
            after = _derived_snapshot(locked)
            if after == before:
                transaction.set_rollback(True)  # nothing changed: keep the rows
        changed = sum(((before - after) + (after - before)).values())
        if changed:
            bump_version(locked)
    fiche.version = locked.version
    return changed, messages


def fiches_sync_for(*, relais, months, by=None) -> list[str]:
    """Sync the open fiches of `relais` for `months` (first days); returns the
    messages. A month with no fiche yet has no lines to sync."""
    messages = []
    for fiche in FicheMensuelle.objects.filter(relais=relais, month__in=set(months)):
        if fiche.is_open:
            messages.extend(fiche_sync_lines(fiche=fiche, by=by)[1])
    return messages


# --- Hand lines -------------------------------------------------------------------


def defraiement_claim_add(
    *, fiche: FicheMensuelle, by, version: int | None = None, **line
) -> tuple[DefraiementLine, list[str]]:
    """A line the relais enters by hand (transport or real cost): refused when it
    repeats a line of the fiche; then added after every rule, and the derived
    lines brought in step, in one transaction. Returns it and its warnings."""
    with transaction.atomic():
        twin = hand_line_duplicate(
            fiche=fiche,
            kind=line["kind"],
            day=line["day"],
            mode=line.get("transport_mode", ""),
            km=line.get("km"),
            amount=line.get("amount"),
            purpose=line.get("purpose", ""),
        )
        if twin:
            raise duplicate_error(twin)
        added, warnings = defraiement_line_add(
            fiche=fiche, by=by, version=version, **line
        )
        warnings += fiche_sync_lines(fiche=fiche, by=by)[1]
    return added, warnings


def defraiement_claim_delete(
    *, line: DefraiementLine, by, version: int | None = None
) -> list[str]:
    """Delete a hand-entered line of an open fiche; a derived line goes only with
    its outing. Returns what the derived lines, brought in step, say."""
    if not line.fiche.is_open:
        raise closed_error(line.fiche)
    if line.prestation_id:
        raise ValidationError(
            _(
                "Cette ligne vient de votre sortie du %(day)s : modifiez ou "
                "supprimez la sortie, la ligne suivra."
            )
            % {"day": short_date(line.date)},
            code="derived",
        )
    with transaction.atomic():
        fiche = line.fiche
        defraiement_line_delete(line=line, by=by, version=version)
        fiche.refresh_from_db(fields=["version"])
        return fiche_sync_lines(fiche=fiche, by=by)[1]


# --- The invariant ----------------------------------------------------------------


def _describe(line: DefraiementLine) -> str:
    """A line as refusals name it: kind, date, what and amount."""
    detail = ""
    if line.km:
        detail = _("%(mode)s, %(km)s km") % {
            "mode": line.get_transport_mode_display(),
            "km": formats.number_format(line.km, 1),
        }
    elif line.transport_mode:
        detail = line.get_transport_mode_display()
    elif line.purpose:
        detail = line.purpose
    return _("%(kind)s du %(day)s%(detail)s, %(amount)s") % {
        "kind": line.get_kind_display(),
        "day": short_date(line.date),
        "detail": f" ({detail})" if detail else "",
        "amount": euros(line.amount),
    }


def fiche_drift(fiche: FicheMensuelle) -> list[str]:
    """How the fiche's derived lines differ from what its outings call for now
    (a read: the derivation is run and rolled back)."""
    before = _derived_snapshot(fiche)
    with transaction.atomic():
        _rederive(fiche, None)
        after = _derived_snapshot(fiche)
        transaction.set_rollback(True)
    problems = []
    for kind, day, *_rest, amount, _rate in sorted(
        (before - after).elements(), key=str
    ):
        problems.append(
            _(
                "%(kind)s du %(day)s (%(amount)s) ne correspond plus aux sorties "
                "du mois."
            )
            % {
                "kind": Kind(kind).label,
                "day": short_date(day),
                "amount": euros(amount),
            }
        )
    for kind, day, *_rest, amount, _rate in sorted(
        (after - before).elements(), key=str
    ):
        problems.append(
            _("Les sorties du %(day)s demandent une ligne %(kind)s de %(amount)s.")
            % {
                "kind": Kind(kind).label,
                "day": short_date(day),
                "amount": euros(amount),
            }
        )
    return problems


def hand_line_duplicate(
    *,
    fiche: FicheMensuelle,
    kind: str,
    day: date,
    mode: str = "",
    km=None,
    amount=None,
    purpose: str = "",
    exclude_pk=None,
    hand_only: bool = False,
) -> DefraiementLine | None:
    """The line of the fiche that a hand-entered line would repeat: a transport on
    the same day by the same mode with the same km or the same amount; another
    expense of the same day and amount that is a transport or has the same
    purpose. `hand_only`: among the hand-entered lines only (for a derived line:
    two outings of a day may each have their trip)."""
    same_day = DefraiementLine.objects.filter(fiche=fiche, date=day).exclude(
        pk=exclude_pk
    )
    if hand_only:
        same_day = same_day.filter(prestation__isnull=True)
    if kind == Kind.TRANSPORT:
        for line in same_day.filter(kind=Kind.TRANSPORT, transport_mode=mode):
            if (km and line.km == km) or (
                amount is not None and line.amount == cents(amount)
            ):
                return line
        return None
    same_amount = same_day.filter(amount=cents(amount))
    return (
        same_amount.filter(kind=Kind.TRANSPORT).first()
        or same_amount.filter(kind=Kind.REAL_COST, purpose__iexact=purpose).first()
    )


def duplicate_error(line: DefraiementLine) -> ValidationError:
    return ValidationError(
        _(
            "Cette dépense est déjà sur votre fiche : %(line)s. Une même dépense "
            "ne peut pas être défrayée deux fois."
        )
        % {"line": _describe(line)},
        code="duplicate",
    )


def _line_problems(fiche: FicheMensuelle, line: DefraiementLine, today, checks):
    problems = []
    if line.date > today:
        problems.append(_("date dans le futur."))
    if not fiche.month <= line.date < fiche.month_end:
        problems.append(_("date hors du mois de la fiche."))
    if line.date not in checks:
        checks[line.date] = fiche.relais.can_work_on(line.date, recorded=True)
    problems.extend(checks[line.date].reasons)
    try:
        problems.extend(
            defraiement_line_check(
                relais=fiche.relais,
                kind=line.kind,
                day=line.date,
                amount=line.amount,
                km=line.km,
                receipt=line.receipt,
                exclude_pk=line.pk,
                purpose=line.purpose,
                transport_mode=line.transport_mode,
            ).errors
        )
        if line.kind == Kind.TRANSPORT and line.km:
            expected, rate = transport_amount(
                mode=line.transport_mode, day=line.date, km=line.km
            )
            if expected != line.amount:
                problems.append(
                    _(
                        "au taux en vigueur (%(rate)s €/km), %(km)s km font "
                        "%(expected)s."
                    )
                    % {
                        "rate": formats.number_format(rate, 4),
                        "km": formats.number_format(line.km, 1),
                        "expected": euros(expected),
                    }
                )
    except ValidationError as error:  # a missing parameter or rate for that date
        problems.extend(error.messages)
    if line.prestation_id is None:
        twin = hand_line_duplicate(
            fiche=fiche,
            kind=line.kind,
            day=line.date,
            mode=line.transport_mode,
            km=line.km,
            amount=line.amount,
            purpose=line.purpose,
            exclude_pk=line.pk,
        )
        if twin:
            problems.append(_("en double de %(line)s.") % {"line": _describe(twin)})
    return problems


def fiche_problems(fiche: FicheMensuelle) -> list[str]:
    """Every rule re-run for every line of the fiche on its own date (the legal
    file, ceilings and caps, the regime, the km rate in force, no date in the
    future, no duplicate), then the lines the outings no longer match: one
    message per problem, naming its line. Empty when the fiche is sound."""
    today = timezone.localdate()
    checks: dict = {}
    problems = []
    for line in fiche.lines.select_related("prestation").order_by("date", "kind", "pk"):
        problems.extend(
            _("%(line)s : %(problem)s") % {"line": _describe(line), "problem": problem}
            for problem in _line_problems(fiche, line, today, checks)
        )
    return problems + fiche_drift(fiche)
