"""Monthly fiches: their state machine (submit, return, validate, reopen, mark
paid, in bulk), their summary and their stored PDF. Every status change goes
through here and is logged in `FicheTransition`."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from prestations.models import (
    DefraiementLine,
    FicheDocument,
    FicheMensuelle,
    FicheTransition,
    LegalParameter,
    Prestation,
    month_start,
)
from prestations.models.prestation import hours_of
from prestations.services.legal import forfait_warning
from relais.models import Relais
from tisseurs.i18n import user_language
from tisseurs.pdf import render_pdf
from tisseurs.roles import COORDINATION, DIRECTION, has_role

Status = FicheMensuelle.Status
Kind = DefraiementLine.Kind


# --- Locking ----------------------------------------------------------------------


def stale_error() -> ValidationError:
    return ValidationError(
        _(
            "Cette fiche a été modifiée entre-temps (par vous dans un autre onglet ou "
            "par quelqu'un d'autre). Rechargez la page et recommencez."
        ),
        code="stale",
    )


def lock_fiche(fiche: FicheMensuelle, version: int | None) -> FicheMensuelle:
    """The fiche's row, locked, after checking the version the form was built on.
    The relais row is locked first, so two fiches of one relais (and the yearly
    totals they share) change one at a time."""
    Relais.objects.select_for_update().filter(pk=fiche.relais_id).first()
    locked = FicheMensuelle.objects.select_for_update().get(pk=fiche.pk)
    if version is not None and locked.version != version:
        raise stale_error()
    return locked


def closed_error(fiche: FicheMensuelle) -> ValidationError:
    return ValidationError(
        _("Fiche %(month)s : elle est « %(status)s » et ne peut plus changer.")
        % {
            "month": formats.date_format(fiche.month, "YEAR_MONTH_FORMAT"),
            "status": fiche.get_status_display(),
        },
        code="closed",
    )


def bump_version(fiche: FicheMensuelle) -> None:
    FicheMensuelle.objects.filter(pk=fiche.pk).update(
        version=F("version") + 1, updated_at=timezone.now()
    )
    fiche.version += 1


def fiche_for(*, relais: Relais, month: date) -> FicheMensuelle:
    """The fiche of `relais` for `month`, created (draft) when missing."""
    fiche, _created = FicheMensuelle.objects.get_or_create(
        relais=relais, month=month_start(month)
    )
    return fiche


# --- Summary ----------------------------------------------------------------------


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


def _summary_warnings(fiche: FicheMensuelle, lines: list) -> list[str]:
    warnings = []
    year = fiche.month.year
    params = LegalParameter.objects.in_force_on(fiche.month)
    if fiche.relais.regime_for(year) is None:
        warnings.append(
            _("Aucun régime de défraiement n'est choisi pour %(year)s.")
            % {"year": year}
        )
    if params:
        year_total = DefraiementLine.objects.forfait_year_total(fiche.relais, year)
        warning = forfait_warning(year_total=year_total, year=year, params=params)
        if warning:
            warnings.append(warning)
    if any(line.flagged for line in lines):
        warnings.append(_("Des frais réels dépassent le seuil de vérification."))
    return warnings


def fiche_summary(fiche: FicheMensuelle) -> FicheSummary:
    """What the "my month" page, the PDF and coordination show of one fiche."""
    prestations = list(
        Prestation.objects.for_relais(fiche.relais)
        .in_month(fiche.month)
        .order_by("date", "start_time")
    )
    lines = list(fiche.lines.all())
    totals = {kind: Decimal("0.00") for kind in Kind.values}
    for line in lines:
        totals[line.kind] += line.amount
    return FicheSummary(
        fiche=fiche,
        prestations=prestations,
        lines=lines,
        days_worked=len({p.date for p in prestations}),
        hours=hours_of(sum(p.minutes or 0 for p in prestations)),
        km=sum((line.km or 0 for line in lines), Decimal("0")),
        totals=totals,
        total=sum(totals.values(), Decimal("0.00")),
        warnings=_summary_warnings(fiche, lines),
    )


def fiche_overview_rows(month: date) -> list[dict]:
    """Coordination's month overview: each active relais (and any other with a
    fiche that month), their fiche and its warnings, in a fixed number of queries."""
    relais_list = list(Relais.objects.active().order_by("last_name", "first_name"))
    fiches = {
        f.relais_id: f
        for f in FicheMensuelle.objects.in_month(month)
        .with_totals()
        .with_flagged_count()
    }
    extra = [f.relais for f in fiches.values() if f.relais not in relais_list]
    year_totals = DefraiementLine.objects.forfait_year_totals(month.year)
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
    locked = lock_fiche(fiche, version)
    if locked.status not in allowed_from:
        raise ValidationError(
            _("Impossible : la fiche de %(month)s est « %(status)s ».")
            % {
                "month": formats.date_format(locked.month, "YEAR_MONTH_FORMAT"),
                "status": locked.get_status_display(),
            },
            code="status",
        )
    if to in RECHECKED:
        refuse_if_problems(locked)
    FicheTransition.objects.create(
        fiche=locked, from_status=locked.status, to_status=to, by=by, comment=comment
    )
    fields.update(status=to, version=locked.version + 1, updated_at=timezone.now())
    FicheMensuelle.objects.filter(pk=locked.pk).update(**fields)
    for name, value in fields.items():
        setattr(fiche, name, value)
    return fiche


# The steps that re-run every rule on every line and refuse a fiche with problems.
RECHECKED = (Status.SUBMITTED, Status.VALIDATED, Status.PAID)


def refuse_if_problems(fiche: FicheMensuelle) -> None:
    """Refuse the step with the list of problems, line by line, if any."""
    from prestations.services.derived import fiche_problems  # it builds on this

    problems = fiche_problems(fiche)
    if problems:
        raise ValidationError(
            [
                _(
                    "La fiche de %(name)s pour %(month)s ne respecte plus toutes "
                    "les règles ; à corriger d'abord :"
                )
                % {
                    "name": fiche.relais.display_name,
                    "month": formats.date_format(fiche.month, "YEAR_MONTH_FORMAT"),
                },
                *problems,
            ],
            code="problems",
        )


def month_is_over(fiche: FicheMensuelle) -> bool:
    """Has the fiche's month reached its last day (today in Brussels)?"""
    return timezone.localdate() >= fiche.month_end - timedelta(days=1)


def fiche_submit(
    *,
    fiche: FicheMensuelle,
    by,
    version: int | None = None,
    early_confirmed: bool = False,
) -> FicheMensuelle:
    """The relais sends their month to coordination: its derived lines are brought
    in step, then every rule re-run. Before the month's last day, only when the
    relais confirmed it a second time (`early_confirmed`)."""
    from prestations.services.derived import fiche_sync_lines  # it builds on this

    if fiche.relais.user_id != by.pk:
        raise PermissionDenied
    if not (month_is_over(fiche) or early_confirmed):
        raise ValidationError(
            _(
                "Le mois de %(month)s n'est pas fini : confirmez une seconde fois "
                "pour l'envoyer déjà."
            )
            % {"month": formats.date_format(fiche.month, "YEAR_MONTH_FORMAT")},
            code="early",
        )
    with transaction.atomic():
        if lock_fiche(fiche, version).is_open:
            # The derived lines follow the outings as they are now.
            fiche_sync_lines(fiche=fiche, by=by)
            version = fiche.version if version is not None else None
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
    back to the relais; its stored PDF is kept unchanged. Every rule is re-run:
    reopening is how a sheet gets fixed, so problems do not refuse it; they are
    added to the reason the relais reads."""
    from prestations.services.derived import fiche_problems  # it builds on this

    if not has_role(by, COORDINATION):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError(_("Donnez la raison de la réouverture."))
    with transaction.atomic():
        problems = fiche_problems(fiche)
        comment = "\n".join([reason.strip(), *problems])
        return _transition(
            fiche=fiche,
            by=by,
            version=version,
            allowed_from=(Status.VALIDATED,),
            to=Status.RETURNED,
            comment=comment,
            return_comment=comment,
        )


def fiche_mark_paid(
    *,
    fiche: FicheMensuelle,
    by,
    payment_file,
    paid_on: date,
    version: int | None = None,
) -> FicheMensuelle:
    """Direction records that the fiche was paid on `paid_on` by the transfer of
    `payment_file`, which must hold it (use payment.payment_file_mark_paid)."""
    if not has_role(by, DIRECTION):
        raise PermissionDenied
    if payment_file is None or not payment_file.fiches.filter(pk=fiche.pk).exists():
        raise ValidationError(
            _(
                "Une fiche n'est payée que par un fichier de paiement produit qui "
                "la contient : produisez d'abord le fichier SEPA du mois."
            ),
            code="no_payment_file",
        )
    with transaction.atomic():
        return _transition(
            fiche=fiche,
            by=by,
            version=version,
            allowed_from=(Status.VALIDATED,),
            to=Status.PAID,
            comment=_("Fichier %(msg_id)s, payé le %(day)s.")
            % {
                "msg_id": payment_file.msg_id,
                "day": formats.date_format(paid_on, "SHORT_DATE_FORMAT"),
            },
            paid_at=timezone.now(),
            paid_by=by,
        )


def fiche_language(fiche: FicheMensuelle) -> str:
    """The relais' own interface language (French when they chose none), whoever
    validates the fiche."""
    return user_language(fiche.relais.user)


def fiche_store_pdf(*, fiche: FicheMensuelle, by) -> FicheDocument:
    """Render the fiche's PDF once and store it; documents are never regenerated."""
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
    """Validate or return several fiches, each on its own: one failure does not
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
