"""Défraiements and monthly sheets: every rule of the volunteer law and every status
change of a sheet goes through this module (forms, admin, imports and views call it).

Legal figures come from `LegalParameter` / `KmRate` for the date concerned, the
organisation's choices from `DefraiementSetting`; no amount is written in code.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Count, F, Q, Sum
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from prestations.models import (
    DefraiementLine,
    DefraiementSetting,
    FicheDocument,
    FicheMensuelle,
    FicheTransition,
    KmRate,
    KmRateSystem,
    LegalParameter,
    OtherOrganisationAmount,
    Prestation,
    TravelMode,
    month_start,
)
from prestations.services.sepa import Transfer, credit_transfer
from relais.models import Regime, Relais
from tisseurs.pdf import render_pdf
from tisseurs.roles import COORDINATION, DIRECTION, has_role

CENT = Decimal("0.01")
WARNING_SHARE = Decimal("0.8")
Status = FicheMensuelle.Status
Kind = DefraiementLine.Kind


def euros(amount: Decimal) -> str:
    """`44,02 €` in French, `€ 44,02` style left to the locale's number format."""
    return _("%(amount)s €") % {
        "amount": formats.number_format(amount, 2, force_grouping=True)
    }


def round_cents(amount: Decimal) -> Decimal:
    return Decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP)


def relais_iban(relais: Relais) -> str:
    """The relais' IBAN in the compact form payment files need."""
    return relais.iban.replace(" ", "").upper()


# --- Parameters -------------------------------------------------------------------


def legal_parameters_for(day: date) -> LegalParameter:
    params = LegalParameter.objects.in_force_on(day)
    if params is None:
        raise ValidationError(
            _(
                "Aucun paramètre légal n'est enregistré pour le %(day)s : la "
                "direction doit les compléter."
            )
            % {"day": formats.date_format(day, "SHORT_DATE_FORMAT")}
        )
    return params


def setting_for(day: date) -> DefraiementSetting:
    setting = DefraiementSetting.objects.in_force_on(day)
    if setting is None:
        raise ValidationError(
            _("Aucun réglage des défraiements n'est enregistré pour le %(day)s.")
            % {"day": formats.date_format(day, "SHORT_DATE_FORMAT")}
        )
    return setting


def car_rate_for(day: date) -> Decimal:
    """The car rate of the organisation's chosen system in force on `day`."""
    system = setting_for(day).km_rate_system
    rate = KmRate.objects.filter(system=system).in_force_on(day)
    if rate is None:
        raise ValidationError(
            _("Aucun taux kilométrique (%(system)s) n'est en vigueur le %(day)s.")
            % {
                "system": KmRateSystem(system).label,
                "day": formats.date_format(day, "SHORT_DATE_FORMAT"),
            }
        )
    return rate.rate


def transport_cap_for(year: int) -> tuple[int, Decimal]:
    """(km cap, amount cap) of transport on top of the forfait in `year`: the cap
    amount is km cap × the car rate of the chosen system in force on 1 January."""
    first = date(year, 1, 1)
    params = legal_parameters_for(first)
    return params.km_cap, round_cents(params.km_cap * car_rate_for(first))


def defraiement_setting_check(
    *, valid_from: date, km_rate_system: str, forfait_amount: Decimal
) -> None:
    """Refuse a settings row that changes the km-rate system within 12 months of
    the last change, or whose forfait exceeds the legal daily maximum."""
    previous = DefraiementSetting.objects.in_force_on(valid_from)
    if previous and previous.km_rate_system != km_rate_system:
        since = (
            DefraiementSetting.objects.filter(valid_from__lte=valid_from)
            .exclude(km_rate_system=previous.km_rate_system)
            .order_by("-valid_from")
            .values_list("valid_from", flat=True)
            .first()
        )
        changed_on = (
            DefraiementSetting.objects.filter(
                valid_from__lte=valid_from,
                km_rate_system=previous.km_rate_system,
                **({"valid_from__gt": since} if since else {}),
            )
            .order_by("valid_from")
            .values_list("valid_from", flat=True)
            .first()
        )
        twelve_months = changed_on.replace(year=changed_on.year + 1)
        if valid_from < twelve_months:
            raise ValidationError(
                _(
                    "Le système de taux kilométrique doit être gardé au moins "
                    "12 mois : le système actuel est appliqué depuis le "
                    "%(since)s, il peut changer à partir du %(until)s."
                )
                % {
                    "since": formats.date_format(changed_on, "SHORT_DATE_FORMAT"),
                    "until": formats.date_format(twelve_months, "SHORT_DATE_FORMAT"),
                }
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


# --- Totals -----------------------------------------------------------------------


def _year_lines(relais: Relais, year: int):
    return DefraiementLine.objects.filter(fiche__relais=relais, date__year=year)


def forfait_year_total(relais: Relais, year: int, *, exclude_pk=None) -> Decimal:
    """Forfaits of `year` here plus the amounts declared from other organisations."""
    lines = _year_lines(relais, year).filter(kind=Kind.FORFAIT)
    if exclude_pk:
        lines = lines.exclude(pk=exclude_pk)
    here = lines.aggregate(s=Sum("amount"))["s"] or Decimal("0")
    elsewhere = OtherOrganisationAmount.objects.filter(
        relais=relais, year=year
    ).aggregate(s=Sum("amount"))["s"] or Decimal("0")
    return here + elsewhere


def forfait_year_totals(year: int) -> dict[int, Decimal]:
    """{relais id: forfait total of `year`, other organisations included}, in two
    queries for every relais."""
    totals: dict[int, Decimal] = {}
    here = (
        DefraiementLine.objects.filter(kind=Kind.FORFAIT, date__year=year)
        .values_list("fiche__relais")
        .annotate(s=Sum("amount"))
        .order_by()
    )
    elsewhere = (
        OtherOrganisationAmount.objects.filter(year=year)
        .values_list("relais")
        .annotate(s=Sum("amount"))
        .order_by()
    )
    for relais_id, amount in [*here, *elsewhere]:
        totals[relais_id] = totals.get(relais_id, Decimal("0")) + amount
    return totals


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


def defraiement_line_check(
    *,
    relais: Relais,
    kind: str,
    day: date,
    amount: Decimal,
    km: Decimal | None = None,
    receipt=None,
    exclude_pk=None,
) -> LineCheck:
    """Apply the volunteer-law rules (domain notes §6, rules 1–7) to one line."""
    check = LineCheck()
    year = day.year
    if amount is None or amount <= 0:
        check.errors.append(_("Le montant doit être supérieur à zéro."))
        return check
    params = legal_parameters_for(day)
    regime = relais.regime_for(year)
    if regime is None:
        check.errors.append(
            _(
                "Aucun régime de défraiement (forfait ou frais réels) n'est choisi "
                "pour %(year)s : la coordination doit l'enregistrer."
            )
            % {"year": year}
        )
        return check

    if kind == Kind.FORFAIT:
        if regime != Regime.FORFAIT:
            check.errors.append(
                _(
                    "Régime « frais réels » en %(year)s : un forfait ne peut pas s'y "
                    "ajouter (loi du 3 juillet 2005, art. 10)."
                )
                % {"year": year}
            )
            return check
        if not Prestation.objects.filter(relais=relais, date=day).exists():
            check.errors.append(
                _(
                    "Pas de prestation le %(day)s : un forfait demande une prestation "
                    "ce jour-là."
                )
                % {"day": formats.date_format(day, "SHORT_DATE_FORMAT")}
            )
        same_day = _year_lines(relais, year).filter(kind=Kind.FORFAIT, date=day)
        if exclude_pk:
            same_day = same_day.exclude(pk=exclude_pk)
        day_total = (same_day.aggregate(s=Sum("amount"))["s"] or 0) + amount
        if day_total > params.daily_max:
            check.errors.append(
                _(
                    "%(max)s maximum par jour en %(year)s ; ce jour totaliserait "
                    "%(total)s."
                )
                % {
                    "max": euros(params.daily_max),
                    "year": year,
                    "total": euros(day_total),
                }
            )
        year_total = forfait_year_total(relais, year, exclude_pk=exclude_pk) + amount
        if year_total > params.annual_max:
            check.errors.append(
                _(
                    "%(max)s maximum par an en %(year)s (autres organisations "
                    "comprises) ; l'année totaliserait %(total)s."
                )
                % {
                    "max": euros(params.annual_max),
                    "year": year,
                    "total": euros(year_total),
                }
            )
        elif warning := forfait_warning(
            year_total=year_total, year=year, params=params
        ):
            check.warnings.append(warning)
    elif kind == Kind.REAL_COST:
        if regime != Regime.FRAIS_REELS:
            check.errors.append(
                _(
                    "Régime « forfait » en %(year)s : des frais réels autres que le "
                    "transport ne peuvent pas s'y ajouter (loi du 3 juillet 2005, "
                    "art. 10)."
                )
                % {"year": year}
            )
            return check
        if not receipt:
            check.errors.append(
                _("Des frais réels demandent un justificatif (photo du ticket).")
            )
        if amount > params.real_cost_threshold:
            check.flagged = True
            check.warnings.append(
                _(
                    "Dépense de %(amount)s au-dessus du seuil de %(threshold)s : la "
                    "coordination la vérifiera."
                )
                % {
                    "amount": euros(amount),
                    "threshold": euros(params.real_cost_threshold),
                }
            )
    elif kind == Kind.TRANSPORT:
        if regime == Regime.FORFAIT:
            km_cap, amount_cap = transport_cap_for(year)
            lines = _year_lines(relais, year).filter(kind=Kind.TRANSPORT)
            if exclude_pk:
                lines = lines.exclude(pk=exclude_pk)
            sums = lines.aggregate(km=Sum("km"), amount=Sum("amount"))
            km_total = (sums["km"] or 0) + (km or 0)
            if km_total > km_cap:
                check.errors.append(
                    _(
                        "%(cap)s km maximum par an en plus du forfait en %(year)s ; "
                        "l'année totaliserait %(total)s km."
                    )
                    % {
                        "cap": formats.number_format(km_cap, force_grouping=True),
                        "year": year,
                        "total": formats.number_format(
                            km_total, 1, force_grouping=True
                        ),
                    }
                )
            amount_total = (sums["amount"] or 0) + amount
            if amount_total > amount_cap:
                check.errors.append(
                    _(
                        "%(cap)s maximum de transport par an en plus du forfait en "
                        "%(year)s ; l'année totaliserait %(total)s."
                    )
                    % {
                        "cap": euros(amount_cap),
                        "year": year,
                        "total": euros(amount_total),
                    }
                )
    else:
        check.errors.append(_("Type de ligne inconnu."))
    return check


# --- Lines ------------------------------------------------------------------------


def _stale_error() -> ValidationError:
    return ValidationError(
        _(
            "Cette fiche a été modifiée entre-temps (par vous dans un autre onglet ou "
            "par quelqu'un d'autre). Rechargez la page et recommencez."
        ),
        code="stale",
    )


def _lock_fiche(fiche: FicheMensuelle, version: int | None) -> FicheMensuelle:
    """The sheet's row, locked, after checking the version the form was built on."""
    Relais.objects.select_for_update().filter(pk=fiche.relais_id).first()
    locked = FicheMensuelle.objects.select_for_update().get(pk=fiche.pk)
    if version is not None and locked.version != version:
        raise _stale_error()
    return locked


def _closed_error(fiche: FicheMensuelle) -> ValidationError:
    return ValidationError(
        _("La fiche de %(month)s est « %(status)s » : elle ne peut plus être modifiée.")
        % {
            "month": formats.date_format(fiche.month, "YEAR_MONTH_FORMAT"),
            "status": fiche.get_status_display(),
        },
        code="closed",
    )


def transport_amount(
    *, mode: str, day: date, km=None, ticket=None
) -> tuple[Decimal, Decimal | None]:
    """(amount, rate) of a transport line: km × rate for car and bike, the ticket
    price for public transport."""
    if mode == DefraiementLine.TransportMode.PUBLIC:
        if not ticket or ticket <= 0:
            raise ValidationError(_("Indiquez le prix du ticket."))
        return round_cents(ticket), None
    if not km or km <= 0:
        raise ValidationError(_("Indiquez le nombre de kilomètres."))
    if mode == DefraiementLine.TransportMode.CAR:
        rate = car_rate_for(day)
    elif mode == DefraiementLine.TransportMode.BIKE:
        rate = legal_parameters_for(day).bike_rate
    else:
        raise ValidationError(_("Moyen de transport inconnu."))
    return round_cents(Decimal(km) * rate), rate


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
) -> tuple[DefraiementLine, list[str]]:
    """Add a line to an open sheet after every rule; returns it and its warnings."""
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
        locked = _lock_fiche(fiche, version)
        if not locked.is_open:
            raise _closed_error(locked)
        check = defraiement_line_check(
            relais=locked.relais,
            kind=kind,
            day=day,
            amount=amount,
            km=km,
            receipt=receipt,
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
        )
        if receipt:
            line.receipt = receipt
        line.full_clean(exclude=["receipt"])
        line.save()
        _bump(locked)
    fiche.version = locked.version
    return line, check.warnings


def defraiement_line_delete(
    *, line: DefraiementLine, by, version: int | None = None
) -> None:
    with transaction.atomic():
        locked = _lock_fiche(line.fiche, version)
        if not locked.is_open:
            raise _closed_error(locked)
        line.delete()
        _bump(locked)


def _bump(fiche: FicheMensuelle) -> None:
    FicheMensuelle.objects.filter(pk=fiche.pk).update(
        version=F("version") + 1, updated_at=timezone.now()
    )
    fiche.version += 1


def fiche_for(*, relais: Relais, month: date) -> FicheMensuelle:
    """The sheet of `relais` for `month`, created (draft) when missing."""
    fiche, _created = FicheMensuelle.objects.get_or_create(
        relais=relais, month=month_start(month)
    )
    return fiche


def fiche_generate_lines(*, fiche: FicheMensuelle, by) -> tuple[int, list[str]]:
    """Add the lines the month's prestations call for: one forfait per day worked
    (forfait regime, at the organisation's amount) and one transport line per
    prestation with travel. Lines already there are kept; lines a rule refuses are
    skipped and explained. Returns (number added, messages)."""
    if not fiche.is_open:
        raise _closed_error(fiche)
    prestations = list(
        Prestation.objects.for_relais(fiche.relais)
        .in_month(fiche.month)
        .order_by("date", "start_time")
    )
    existing = fiche.lines.all()
    forfait_days = {line.date for line in existing if line.kind == Kind.FORFAIT}
    with_transport = {
        line.prestation_id for line in existing if line.kind == Kind.TRANSPORT
    }
    added, messages = 0, []
    is_forfait = fiche.relais.regime_for(fiche.month.year) == Regime.FORFAIT
    for prestation in prestations:
        day = prestation.date
        attempts = []
        if day not in forfait_days and is_forfait:
            forfait_days.add(day)
            attempts.append(
                {"kind": Kind.FORFAIT, "amount": setting_for(day).forfait_amount}
            )
        mode = prestation.travel_mode
        if prestation.pk not in with_transport and mode != TravelMode.NONE:
            attempts.append(
                {
                    "kind": Kind.TRANSPORT,
                    "transport_mode": mode,
                    "km": prestation.travel_km,
                    "amount": prestation.travel_ticket_amount,
                }
            )
        for attempt in attempts:
            try:
                defraiement_line_add(
                    fiche=fiche, by=by, day=day, prestation=prestation, **attempt
                )
            except ValidationError as error:
                messages.extend(
                    _("%(day)s : %(reason)s")
                    % {
                        "day": formats.date_format(day, "SHORT_DATE_FORMAT"),
                        "reason": reason,
                    }
                    for reason in error.messages
                )
            else:
                added += 1
    return added, messages


# --- Sheet summary ----------------------------------------------------------------


@dataclass
class FicheSummary:
    fiche: FicheMensuelle
    prestations: list
    lines: list
    days_worked: int
    hours: Decimal
    km: Decimal
    totals: dict
    total: Decimal
    warnings: list[str]


def fiche_summary(fiche: FicheMensuelle) -> FicheSummary:
    """What the "my month" page, the PDF and coordination show of one sheet."""
    prestations = list(
        Prestation.objects.for_relais(fiche.relais)
        .in_month(fiche.month)
        .order_by("date", "start_time")
    )
    lines = list(fiche.lines.all())
    totals = {kind: Decimal("0.00") for kind in Kind.values}
    for line in lines:
        totals[line.kind] += line.amount
    warnings = []
    year = fiche.month.year
    params = LegalParameter.objects.in_force_on(fiche.month)
    if fiche.relais.regime_for(year) is None:
        warnings.append(
            _("Aucun régime de défraiement n'est choisi pour %(year)s.")
            % {"year": year}
        )
    if params:
        warning = forfait_warning(
            year_total=forfait_year_total(fiche.relais, year), year=year, params=params
        )
        if warning:
            warnings.append(warning)
    flagged = sum(1 for line in lines if line.flagged)
    if flagged:
        warnings.append(_("Des frais réels dépassent le seuil de vérification."))
    return FicheSummary(
        fiche=fiche,
        prestations=prestations,
        lines=lines,
        days_worked=len({p.date for p in prestations}),
        hours=sum((p.hours for p in prestations), Decimal("0")),
        km=sum((line.km or 0 for line in lines), Decimal("0")),
        totals=totals,
        total=sum(totals.values(), Decimal("0.00")),
        warnings=warnings,
    )


# --- State machine ----------------------------------------------------------------


def _transition(
    *,
    fiche: FicheMensuelle,
    by,
    version: int | None,
    allowed_from,
    to: str,
    comment: str = "",
    **fields,
) -> FicheMensuelle:
    locked = _lock_fiche(fiche, version)
    if locked.status not in allowed_from:
        raise ValidationError(
            _("Impossible : la fiche de %(month)s est « %(status)s ».")
            % {
                "month": formats.date_format(locked.month, "YEAR_MONTH_FORMAT"),
                "status": locked.get_status_display(),
            },
            code="status",
        )
    FicheTransition.objects.create(
        fiche=locked, from_status=locked.status, to_status=to, by=by, comment=comment
    )
    fields.update(status=to, version=locked.version + 1, updated_at=timezone.now())
    FicheMensuelle.objects.filter(pk=locked.pk).update(**fields)
    for name, value in fields.items():
        setattr(fiche, name, value)
    return fiche


def fiche_submit(
    *, fiche: FicheMensuelle, by, version: int | None = None
) -> FicheMensuelle:
    """The relais sends their month to coordination."""
    if fiche.relais.user_id != by.pk:
        raise PermissionDenied
    with transaction.atomic():
        return _transition(
            fiche=fiche,
            by=by,
            version=version,
            allowed_from=FicheMensuelle.OPEN_STATUSES,
            to=Status.SUBMITTED,
            submitted_at=timezone.now(),
            submitted_by=by,
        )


def fiche_return(
    *, fiche: FicheMensuelle, by, comment: str, version: int | None = None
) -> FicheMensuelle:
    """Coordination sends the month back to the relais with a comment."""
    if not has_role(by, COORDINATION):
        raise PermissionDenied
    if not comment.strip():
        raise ValidationError(_("Expliquez au relais ce qu'il faut corriger."))
    with transaction.atomic():
        return _transition(
            fiche=fiche,
            by=by,
            version=version,
            allowed_from=(Status.SUBMITTED,),
            to=Status.RETURNED,
            comment=comment.strip(),
            return_comment=comment.strip(),
        )


def fiche_validate(
    *, fiche: FicheMensuelle, by, version: int | None = None
) -> FicheMensuelle:
    """Coordination validates the month: it is locked and its PDF stored."""
    if not has_role(by, COORDINATION):
        raise PermissionDenied
    with transaction.atomic():
        _transition(
            fiche=fiche,
            by=by,
            version=version,
            allowed_from=(Status.SUBMITTED,),
            to=Status.VALIDATED,
            validated_at=timezone.now(),
            validated_by=by,
            return_comment="",
        )
        fiche_store_pdf(fiche=fiche, by=by)
    return fiche


def fiche_reopen(
    *, fiche: FicheMensuelle, by, reason: str, version: int | None = None
) -> FicheMensuelle:
    """Coordination reopens a validated (not yet paid) month with a reason: it goes
    back to the relais; its stored PDF is kept unchanged."""
    if not has_role(by, COORDINATION):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError(_("Donnez la raison de la réouverture."))
    with transaction.atomic():
        return _transition(
            fiche=fiche,
            by=by,
            version=version,
            allowed_from=(Status.VALIDATED,),
            to=Status.RETURNED,
            comment=reason.strip(),
            return_comment=reason.strip(),
        )


def fiche_mark_paid(
    *, fiche: FicheMensuelle, by, version: int | None = None
) -> FicheMensuelle:
    """Direction records that the month was paid (bank transfer)."""
    if not has_role(by, DIRECTION):
        raise PermissionDenied
    with transaction.atomic():
        return _transition(
            fiche=fiche,
            by=by,
            version=version,
            allowed_from=(Status.VALIDATED,),
            to=Status.PAID,
            paid_at=timezone.now(),
            paid_by=by,
        )


def fiche_language(fiche: FicheMensuelle) -> str:
    """The relais' language when it is French or Dutch, French otherwise."""
    user = fiche.relais.user
    language = getattr(user, "language", "") if user else ""
    return language if language in ("fr", "nl") else "fr"


def fiche_store_pdf(*, fiche: FicheMensuelle, by) -> FicheDocument:
    """Render the sheet's PDF once and store it; documents are never regenerated."""
    language = fiche_language(fiche)
    summary = fiche_summary(fiche)
    pdf = render_pdf(
        "fiche_mensuelle.html",
        {
            "summary": summary,
            "fiche": fiche,
            "kinds": Kind,
            "issued_at": timezone.now(),
        },
        language=language,
    )
    number = fiche.documents.count() + 1
    document = FicheDocument(fiche=fiche, language=language, created_by=by)
    document.file.save(
        f"fiche-{fiche.month:%Y-%m}-{fiche.relais_id}-v{number}.pdf",
        ContentFile(pdf),
        save=True,
    )
    return document


def fiche_bulk(*, fiches, by, action: str, comment: str = "") -> tuple[int, list[str]]:
    """Validate or return several sheets, each on its own: one failure does not
    stop the others. Returns (done, messages)."""
    done, messages = 0, []
    for fiche in fiches:
        try:
            if action == "validate":
                fiche_validate(fiche=fiche, by=by)
            else:
                fiche_return(fiche=fiche, by=by, comment=comment)
        except ValidationError as error:
            messages.extend(f"{fiche.relais}: {m}" for m in error.messages)
        else:
            done += 1
    return done, messages


# --- Payments ---------------------------------------------------------------------


@dataclass
class Payment:
    fiche: FicheMensuelle
    name: str
    iban: str
    amount: Decimal


def payments_for_month(month: date) -> list[Payment]:
    """What direction pays for `month`: every validated or paid sheet with its total."""
    fiches = (
        FicheMensuelle.objects.in_month(month)
        .filter(status__in=(Status.VALIDATED, Status.PAID))
        .with_totals()
        .order_by("relais__last_name", "relais__first_name")
    )
    return [
        Payment(
            fiche=f,
            name=f"{f.relais.first_name} {f.relais.last_name}",
            iban=relais_iban(f.relais),
            amount=round_cents(f.total),
        )
        for f in fiches
        if f.total > 0
    ]


def nominative_list(year: int) -> list[dict]:
    """The yearly nominative list of flat-rate volunteers × dates × amounts
    (volunteer law record-keeping; never a tax slip)."""
    rows = (
        DefraiementLine.objects.filter(kind=Kind.FORFAIT, date__year=year)
        .filter(Q(fiche__status__in=(Status.VALIDATED, Status.PAID)))
        .select_related("fiche__relais")
        .order_by("fiche__relais__last_name", "fiche__relais__first_name", "date")
    )
    people: dict[int, dict] = {}
    for line in rows:
        relais = line.fiche.relais
        person = people.setdefault(
            relais.pk,
            {
                "name": f"{relais.first_name} {relais.last_name}",
                "lines": [],
                "total": Decimal("0.00"),
            },
        )
        person["lines"].append(line)
        person["total"] += line.amount
    return list(people.values())


def payments_to_make(month: date) -> list:
    """The month's payment rows whose sheet is validated and not yet paid."""
    return [
        row
        for row in payments_for_month(month)
        if row.fiche.status == FicheMensuelle.Status.VALIDATED
    ]


def payments_sepa_file(*, month: date) -> bytes:
    """The SEPA credit transfer (pain.001) paying the month's validated sheets;
    a ValidationError lists every problem (payer IBAN, missing IBANs, nothing)."""
    rows = payments_to_make(month)
    setting = DefraiementSetting.objects.in_force_on(month)
    problems = []
    if not setting or not setting.payer_iban:
        problems.append(_("L'IBAN de l'organisation manque dans les réglages."))
    missing = [r.name for r in rows if not r.iban]
    if missing:
        problems.append(
            _("IBAN manquant pour : %(names)s.") % {"names": ", ".join(missing)}
        )
    if not rows:
        problems.append(_("Aucune fiche validée à payer ce mois-ci."))
    if problems:
        raise ValidationError(problems)
    now = timezone.now()
    return credit_transfer(
        message_id=f"TISSEURS-{month:%Y%m}-{now:%Y%m%d%H%M%S}",
        payer_name=setting.payer_name or "Tisseurs de liens",
        payer_iban=setting.payer_iban.replace(" ", "").upper(),
        payer_bic=setting.payer_bic,
        execution_date=timezone.localdate(),
        created_at=now,
        transfers=[
            Transfer(
                name=r.name,
                iban=r.iban,
                amount=r.amount,
                reference=_("Défraiement volontaire %(month)s")
                % {"month": f"{month:%m/%Y}"},
            )
            for r in rows
        ],
    )


@transaction.atomic
def fiche_mark_month_paid(*, month: date, by) -> int:
    """Direction marks every validated sheet of the month paid, all or none."""
    rows = payments_to_make(month)
    for row in rows:
        fiche_mark_paid(fiche=row.fiche, by=by)
    return len(rows)


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


def fiche_overview_rows(month: date) -> list[dict]:
    """Coordination's month overview: each active relais (and any other with a
    sheet that month), their sheet and its warnings, in a fixed number of queries."""
    relais_list = list(Relais.objects.active().order_by("last_name", "first_name"))
    fiches = {
        f.relais_id: f
        for f in FicheMensuelle.objects.in_month(month)
        .with_totals()
        .annotate(flagged_count=Count("lines", filter=Q(lines__flagged=True)))
    }
    extra = [f.relais for f in fiches.values() if f.relais not in relais_list]
    year_totals = forfait_year_totals(month.year)
    params = LegalParameter.objects.in_force_on(month)
    rows = []
    for relais in relais_list + extra:
        fiche = fiches.get(relais.pk)
        warnings = []
        year_total = year_totals.get(relais.pk, Decimal("0"))
        warning = forfait_warning(year_total=year_total, year=month.year, params=params)
        if warning:
            warnings.append(warning)
        if fiche and fiche.flagged_count:
            warnings.append(_("Frais réels à vérifier."))
        rows.append({"relais": relais, "fiche": fiche, "warnings": warnings})
    return rows
