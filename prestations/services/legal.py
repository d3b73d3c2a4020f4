"""The figures of the volunteer law for a date, and the organisation's own choices.

Legal figures come from `LegalParameter` / `KmRate` for the date concerned, the
organisation's choices from `DefraiementSetting`; no amount is written in code.
"""

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats
from django.utils.translation import gettext as _

from prestations.models import (
    DefraiementSetting,
    KmRate,
    KmRateSystem,
    LegalParameter,
)
from prestations.models.legal import quarter_of, rate_year_of

CENT = Decimal("0.01")
# The share of the annual ceiling from which a relais is warned.
WARNING_SHARE = Decimal("0.8")
# Direction is warned this many days before the last known km-rate period ends.
KM_RATE_NOTICE_DAYS = 30


def euros(amount: Decimal) -> str:
    """`44,02 €` in French, `€ 44,02` style left to the locale's number format."""
    return _("%(amount)s €") % {
        "amount": formats.number_format(amount, 2, force_grouping=True)
    }


def round_cents(amount: Decimal) -> Decimal:
    return Decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP)


def short_date(day: date) -> str:
    """A date as refusal messages write it (the locale's short format)."""
    return formats.date_format(day, "SHORT_DATE_FORMAT")


def legal_parameters_for(day: date) -> LegalParameter:
    params = LegalParameter.objects.in_force_on(day)
    if params is None:
        raise ValidationError(
            _(
                "Aucun paramètre légal n'est enregistré pour le %(day)s : la "
                "direction doit les compléter."
            )
            % {"day": short_date(day)}
        )
    return params


def setting_for(day: date) -> DefraiementSetting:
    setting = DefraiementSetting.objects.in_force_on(day)
    if setting is None:
        raise ValidationError(
            _("Aucun réglage des défraiements n'est enregistré pour le %(day)s.")
            % {"day": short_date(day)}
        )
    return setting


def rate_period_of(system: str, day: date) -> tuple[date, date]:
    """The period whose rate `day` needs: its quarter, or its 1 July – 30 June."""
    return quarter_of(day) if system == KmRateSystem.QUARTERLY else rate_year_of(day)


def missing_rate_message(system: str, day: date) -> str:
    """The refusal of a trip dated where no rate is in force, telling direction
    which rate to enter."""
    start, end = rate_period_of(system, day)
    return _(
        "Aucun taux kilométrique (%(system)s) n'est en vigueur le %(day)s : la "
        "direction doit enregistrer le taux de l'art. 74 de l'AR du 13/7/2017 "
        "pour la période du %(start)s au %(end)s (Paramètres légaux)."
    ) % {
        "system": KmRateSystem(system).label,
        "day": short_date(day),
        "start": short_date(start),
        "end": short_date(end),
    }


def car_rate_for(day: date) -> Decimal:
    """The car rate of the organisation's chosen system in force on `day`; a date
    outside every known period is refused, never given an older rate."""
    system = setting_for(day).km_rate_system
    rate = KmRate.objects.filter(system=system).in_force_on(day)
    if rate is None:
        raise ValidationError(missing_rate_message(system, day))
    return rate.rate


def km_rate_warning(today: date) -> str | None:
    """Direction's notice when the last known rate period of the system in force
    ends within 30 days (or has ended): which rate to enter, from when."""
    setting = DefraiementSetting.objects.in_force_on(today)
    if setting is None:
        return None
    system = setting.km_rate_system
    last = KmRate.objects.last_known(system)
    if last is None:
        return missing_rate_message(system, today)
    if last.valid_until - today > timedelta(days=KM_RATE_NOTICE_DAYS):
        return None
    start, end = rate_period_of(system, last.valid_until + timedelta(days=1))
    return _(
        "Le dernier taux kilométrique connu (%(system)s, %(rate)s €/km) vaut "
        "jusqu'au %(until)s. Enregistrez le taux de l'art. 74 de l'AR du "
        "13/7/2017 pour la période du %(start)s au %(end)s : sans lui, les "
        "trajets en voiture de ces dates seront refusés."
    ) % {
        "system": KmRateSystem(system).label,
        "rate": formats.number_format(last.rate, 4),
        "until": short_date(last.valid_until),
        "start": short_date(start),
        "end": short_date(end),
    }


def transport_cap_for(year: int) -> tuple[int, Decimal]:
    """(km cap, amount cap) of transport on top of the forfait in `year`: the cap
    amount is km cap × the car rate of the chosen system in force on 1 January."""
    first = date(year, 1, 1)
    params = legal_parameters_for(first)
    return params.km_cap, round_cents(params.km_cap * car_rate_for(first))


def forfait_warning(*, year_total: Decimal, year: int, params) -> str | None:
    """The warning once a relais' forfaits of `year` (other organisations included)
    reach 80 % of the annual ceiling; None below it or without parameters."""
    if params is None or year_total < WARNING_SHARE * params.annual_max:
        return None
    return _(
        "Attention : %(total)s de forfaits en %(year)s, soit plus de 80 %% "
        "du maximum annuel de %(max)s."
    ) % {
        "total": euros(year_total),
        "year": year,
        "max": euros(params.annual_max),
    }


def _system_since(valid_from: date, system: str) -> date:
    """The first day of the run of settings rows, up to `valid_from`, that keep
    `system` (the day the organisation last switched to it)."""
    since = (
        DefraiementSetting.objects.filter(valid_from__lte=valid_from)
        .exclude(km_rate_system=system)
        .order_by("-valid_from")
        .values_list("valid_from", flat=True)
        .first()
    )
    return (
        DefraiementSetting.objects.filter(
            valid_from__lte=valid_from,
            km_rate_system=system,
            **({"valid_from__gt": since} if since else {}),
        )
        .order_by("valid_from")
        .values_list("valid_from", flat=True)
        .first()
    )


def defraiement_setting_check(
    *, valid_from: date, km_rate_system: str, forfait_amount: Decimal
) -> None:
    """Refuse a settings row that changes the km-rate system within 12 months of
    the last change, or whose forfait exceeds the legal daily maximum."""
    previous = DefraiementSetting.objects.in_force_on(valid_from)
    if previous and previous.km_rate_system != km_rate_system:
        changed_on = _system_since(valid_from, previous.km_rate_system)
        twelve_months = changed_on.replace(year=changed_on.year + 1)
        if valid_from < twelve_months:
            raise ValidationError(
                _(
                    "Le système de taux kilométrique doit être gardé au moins "
                    "12 mois : le système actuel est appliqué depuis le "
                    "%(since)s, il peut changer à partir du %(until)s."
                )
                % {"since": short_date(changed_on), "until": short_date(twelve_months)}
            )
    params = legal_parameters_for(valid_from)
    if forfait_amount > params.daily_max:
        raise ValidationError(
            _("Le forfait de %(amount)s dépasse le maximum légal de %(max)s par jour.")
            % {"amount": euros(forfait_amount), "max": euros(params.daily_max)}
        )


def defraiement_setting_create(
    *, valid_from: date, km_rate_system: str, forfait_amount: Decimal, by, **payer
) -> DefraiementSetting:
    """A new settings row (or the row of that date, updated), after the checks."""
    with transaction.atomic():
        defraiement_setting_check(
            valid_from=valid_from,
            km_rate_system=km_rate_system,
            forfait_amount=forfait_amount,
        )
        setting, _created = DefraiementSetting.objects.update_or_create(
            valid_from=valid_from,
            defaults={
                "km_rate_system": km_rate_system,
                "forfait_amount": forfait_amount,
                "created_by": by,
                **payer,
            },
        )
        return setting
