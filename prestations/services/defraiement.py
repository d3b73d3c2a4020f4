"""Défraiement lines: the volunteer-law rules on one line (loi du 3 juillet 2005;
each rule a short `_check_<rule>` function), adding and deleting lines. Which
lines the outings call for is `prestations/services/derived.py`."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cached_property
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from prestations.models import (
    DefraiementLine,
    FicheMensuelle,
    LegalParameter,
    Prestation,
    TravelMode,
)
from prestations.services.fiche import bump_version, closed_error, lock_fiche
from prestations.services.legal import (
    car_rate_for,
    euros,
    forfait_warning,
    legal_parameters_for,
    round_cents,
    short_date,
    transport_cap_for,
)
from relais.models import Regime, Relais
from tisseurs.money import money_sum

Kind = DefraiementLine.Kind


# --- Rules ------------------------------------------------------------------------


@dataclass
class LineCheck:
    """The outcome of checking one line: refusals block it, warnings do not."""

    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    flagged: bool = False

    def raise_if_refused(self):
        if self.errors:
            raise ValidationError(self.errors)


@dataclass
class _Line:
    """One line being checked, with what the rules read about it (each total is
    queried once, when a rule first needs it)."""

    relais: Relais
    kind: str
    day: date
    amount: Decimal
    km: Decimal | None
    receipt: object
    exclude_pk: int | None
    params: LegalParameter
    regime: str | None
    purpose: str = ""
    transport_mode: str = ""

    @property
    def year(self) -> int:
        return self.day.year

    @property
    def is_real_cost(self) -> bool:
        """Real costs under the real-costs regime, transport included: each needs
        a receipt and a purpose, and a large one is checked by coordination."""
        return self.kind == Kind.REAL_COST or (
            self.kind == Kind.TRANSPORT and self.regime == Regime.FRAIS_REELS
        )

    def _others(self, kind: str):
        lines = DefraiementLine.objects.of_relais_year(self.relais, self.year).filter(
            kind=kind
        )
        return lines.exclude(pk=self.exclude_pk) if self.exclude_pk else lines

    @cached_property
    def day_total(self) -> Decimal:
        same_day = self._others(Kind.FORFAIT).filter(date=self.day)
        return same_day.aggregate(s=money_sum("amount"))["s"] + self.amount

    @cached_property
    def year_total(self) -> Decimal:
        return (
            DefraiementLine.objects.forfait_year_total(
                self.relais, self.year, exclude_pk=self.exclude_pk
            )
            + self.amount
        )

    @cached_property
    def transport_totals(self) -> tuple[Decimal, Decimal]:
        """(km, amount) of the year's transport lines, this one included."""
        sums = self._others(Kind.TRANSPORT).aggregate(
            km=Sum("km"), amount=money_sum("amount")
        )
        return (sums["km"] or 0) + (self.km or 0), sums["amount"] + self.amount


def _check_regime_chosen(line: _Line) -> str | None:
    if line.regime is None:
        return _(
            "Aucun régime de défraiement (forfait ou frais réels) n'est choisi "
            "pour %(year)s : la coordination doit l'enregistrer."
        ) % {"year": line.year}
    return None


def _check_kind_known(line: _Line) -> str | None:
    return None if line.kind in RULES else _("Type de ligne inconnu.")


def _check_regime_allows_kind(line: _Line) -> str | None:
    """Forfait and real costs never mix in one year (art. 10); transport may be
    added to either."""
    if line.kind == Kind.FORFAIT and line.regime != Regime.FORFAIT:
        return _(
            "Régime « frais réels » en %(year)s : un forfait ne peut pas s'y "
            "ajouter (loi du 3 juillet 2005, art. 10)."
        ) % {"year": line.year}
    if line.kind == Kind.REAL_COST and line.regime != Regime.FRAIS_REELS:
        return _(
            "Régime « forfait » en %(year)s : des frais réels autres que le "
            "transport ne peuvent pas s'y ajouter (loi du 3 juillet 2005, "
            "art. 10)."
        ) % {"year": line.year}
    return None


def _check_forfait_has_prestation(line: _Line) -> str | None:
    if Prestation.objects.filter(relais=line.relais, date=line.day).exists():
        return None
    return _(
        "Pas de prestation le %(day)s : un forfait demande une prestation ce jour-là."
    ) % {"day": short_date(line.day)}


def _check_daily_max(line: _Line) -> str | None:
    if line.day_total <= line.params.daily_max:
        return None
    return _(
        "%(max)s maximum par jour en %(year)s ; ce jour totaliserait %(total)s."
    ) % {
        "max": euros(line.params.daily_max),
        "year": line.year,
        "total": euros(line.day_total),
    }


def _check_annual_max(line: _Line) -> str | None:
    if line.year_total <= line.params.annual_max:
        return None
    return _(
        "%(max)s maximum par an en %(year)s (autres organisations comprises) ; "
        "l'année totaliserait %(total)s."
    ) % {
        "max": euros(line.params.annual_max),
        "year": line.year,
        "total": euros(line.year_total),
    }


def _check_receipt(line: _Line) -> str | None:
    if line.receipt or not line.is_real_cost:
        return None
    return _(
        "Des frais réels (transport compris) demandent un justificatif "
        "(photo du ticket) : ligne du %(day)s."
    ) % {"day": short_date(line.day)}


def _check_purpose(line: _Line) -> str | None:
    if line.purpose.strip() or not line.is_real_cost:
        return None
    return _(
        "Des frais réels (transport compris) demandent leur objet : dites à quoi "
        "a servi la dépense du %(day)s."
    ) % {"day": short_date(line.day)}


def _check_km_rate_in_force(line: _Line) -> str | None:
    """A car trip needs the km rate of its own date (art. 74 AR 13/7/2017); a
    date after the last known period is refused, never priced at an older rate."""
    if line.transport_mode != TravelMode.CAR:
        return None
    try:
        car_rate_for(line.day)
    except ValidationError as error:
        return " ".join(error.messages)
    return None


def _check_km_cap(line: _Line) -> str | None:
    """On top of the forfait, transport is capped in km per year."""
    if line.regime != Regime.FORFAIT:
        return None
    km_cap = legal_parameters_for(date(line.year, 1, 1)).km_cap
    km_total, _amount_total = line.transport_totals
    if km_total <= km_cap:
        return None
    return _(
        "%(cap)s km maximum par an en plus du forfait en %(year)s ; "
        "l'année totaliserait %(total)s km."
    ) % {
        "cap": formats.number_format(km_cap, force_grouping=True),
        "year": line.year,
        "total": formats.number_format(km_total, 1, force_grouping=True),
    }


def _check_transport_amount_cap(line: _Line) -> str | None:
    """…and in euros: the km cap at the car rate of 1 January, of the system in
    force then (a year with no rate on 1 January is refused, saying which)."""
    if line.regime != Regime.FORFAIT:
        return None
    try:
        _km_cap, amount_cap = transport_cap_for(line.year)
    except ValidationError as error:
        return " ".join(error.messages)
    _km_total, amount_total = line.transport_totals
    if amount_total <= amount_cap:
        return None
    return _(
        "%(cap)s maximum de transport par an en plus du forfait en "
        "%(year)s ; l'année totaliserait %(total)s."
    ) % {"cap": euros(amount_cap), "year": line.year, "total": euros(amount_total)}


# The rules of each kind of line, in the order their refusals are listed.
RULES = {
    Kind.FORFAIT: (_check_forfait_has_prestation, _check_daily_max, _check_annual_max),
    Kind.REAL_COST: (_check_receipt, _check_purpose),
    Kind.TRANSPORT: (
        _check_km_rate_in_force,
        _check_receipt,
        _check_purpose,
        _check_km_cap,
        _check_transport_amount_cap,
    ),
}


def _warn(line: _Line, check: LineCheck) -> None:
    """What does not block the line: nearing the yearly ceiling, a real cost above
    the verification threshold (flagged for coordination)."""
    if line.kind == Kind.FORFAIT and line.year_total <= line.params.annual_max:
        warning = forfait_warning(
            year_total=line.year_total, year=line.year, params=line.params
        )
        if warning:
            check.warnings.append(warning)
    if line.is_real_cost and line.amount > line.params.real_cost_threshold:
        check.flagged = True
        check.warnings.append(
            _(
                "Dépense de %(amount)s au-dessus du seuil de %(threshold)s : la "
                "coordination la vérifiera."
            )
            % {
                "amount": euros(line.amount),
                "threshold": euros(line.params.real_cost_threshold),
            }
        )


def defraiement_line_check(
    *,
    relais: Relais,
    kind: str,
    day: date,
    amount: Decimal,
    km: Decimal | None = None,
    receipt=None,
    exclude_pk=None,
    purpose: str = "",
    transport_mode: str = "",
) -> LineCheck:
    """Apply the volunteer-law rules to one line. A missing regime, an unknown kind
    or a kind the year's regime forbids stops the checks; otherwise every rule of
    the kind runs and each refusal is listed."""
    check = LineCheck()
    if amount is None or amount <= 0:
        check.errors.append(_("Le montant doit être supérieur à zéro."))
        return check
    line = _Line(
        relais=relais,
        kind=kind,
        day=day,
        amount=amount,
        km=km,
        receipt=receipt,
        exclude_pk=exclude_pk,
        params=legal_parameters_for(day),
        regime=relais.regime_for(day.year),
        purpose=purpose or "",
        transport_mode=transport_mode or "",
    )
    for rule in (_check_regime_chosen, _check_kind_known, _check_regime_allows_kind):
        if error := rule(line):
            check.errors.append(error)
            return check
    check.errors.extend(error for rule in RULES[kind] if (error := rule(line)))
    _warn(line, check)
    return check


def transport_amount(
    *, mode: str, day: date, km=None, ticket=None
) -> tuple[Decimal, Decimal | None]:
    """(amount, rate) of a transport line: km × rate for car and bike, the ticket
    price for public transport."""
    if mode == TravelMode.PUBLIC_TRANSPORT:
        if not ticket or ticket <= 0:
            raise ValidationError(_("Indiquez le prix du ticket."))
        return round_cents(ticket), None
    if not km or km <= 0:
        raise ValidationError(_("Indiquez le nombre de kilomètres."))
    if mode == TravelMode.CAR:
        rate = car_rate_for(day)
    elif mode == TravelMode.BIKE:
        rate = legal_parameters_for(day).bike_rate
    else:
        raise ValidationError(_("Moyen de transport inconnu."))
    return round_cents(Decimal(km) * rate), rate


# --- Lines ------------------------------------------------------------------------


def defraiement_line_add(
    *,
    fiche: FicheMensuelle,
    by,
    kind: str,
    day: date,
    amount: Decimal | None = None,
    transport_mode: str = "",
    km: Decimal | None = None,
    purpose: str = "",
    receipt=None,
    prestation: Prestation | None = None,
    version: int | None = None,
    client_uuid: UUID | None = None,
) -> tuple[DefraiementLine, list[str]]:
    """Add a line to an open fiche after every rule; returns it and its warnings.
    `client_uuid` is the phone's outbox key: the same key is stored once."""
    if day > timezone.localdate():
        raise ValidationError(
            _("Le %(day)s est dans le futur : notez une dépense une fois faite.")
            % {"day": short_date(day)},
            code="future",
        )
    if not fiche.month <= day < fiche.month_end:
        raise ValidationError(
            _("La date doit tomber dans le mois de la fiche (%(month)s).")
            % {"month": formats.date_format(fiche.month, "YEAR_MONTH_FORMAT")}
        )
    rate = None
    if kind == Kind.TRANSPORT:
        amount, rate = transport_amount(
            mode=transport_mode, day=day, km=km, ticket=amount
        )
    with transaction.atomic():
        locked = lock_fiche(fiche, version)
        if not locked.is_open:
            raise closed_error(locked)
        check = defraiement_line_check(
            relais=locked.relais,
            kind=kind,
            day=day,
            amount=amount,
            km=km,
            receipt=receipt,
            purpose=purpose,
            transport_mode=transport_mode if kind == Kind.TRANSPORT else "",
        )
        check.raise_if_refused()
        line = DefraiementLine(
            fiche=locked,
            kind=kind,
            date=day,
            amount=round_cents(amount),
            transport_mode=transport_mode if kind == Kind.TRANSPORT else "",
            km=km if kind == Kind.TRANSPORT else None,
            rate=rate,
            purpose=purpose,
            prestation=prestation,
            flagged=check.flagged,
            created_by=by,
            client_uuid=client_uuid,
        )
        if receipt:
            line.receipt = receipt
        line.full_clean(exclude=["receipt"])
        line.save()
        bump_version(locked)
    fiche.version = locked.version
    return line, check.warnings


def defraiement_line_delete(
    *, line: DefraiementLine, by, version: int | None = None
) -> None:
    with transaction.atomic():
        locked = lock_fiche(line.fiche, version)
        if not locked.is_open:
            raise closed_error(locked)
        line.delete()
        bump_version(locked)
