"""Paying the validated fiches: what direction pays for a month, the yearly
nominative list the volunteer law requires, the SEPA file and marking a file paid."""

import hashlib
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from prestations.models import (
    DefraiementLine,
    DefraiementSetting,
    FicheMensuelle,
    PaymentFile,
)
from prestations.services.fiche import fiche_mark_paid
from prestations.services.legal import round_cents, short_date
from prestations.services.sepa import Transfer, credit_transfer
from relais.models import Relais
from tisseurs.banking import normalize_bic, normalize_iban, validate_bic, validate_iban


def relais_iban(relais: Relais) -> str:
    """The relais' IBAN in the compact form payment files need."""
    return normalize_iban(relais.iban)


@dataclass
class Payment:
    fiche: FicheMensuelle
    name: str
    iban: str
    amount: Decimal


def payments_for_month(month: date) -> list[Payment]:
    """What direction pays for `month`: every validated or paid fiche with its total."""
    return [
        Payment(
            fiche=f,
            name=f"{f.relais.first_name} {f.relais.last_name}",
            iban=relais_iban(f.relais),
            amount=round_cents(f.total),
        )
        for f in FicheMensuelle.objects.payable_in(month)
        if f.total > 0
    ]


def payments_to_make(month: date) -> list[Payment]:
    """The month's payment rows whose fiche is validated and not yet paid."""
    return [row for row in payments_for_month(month) if row.fiche.is_validated]


def nominative_list(year: int) -> list[dict]:
    """The yearly nominative list of flat-rate volunteers × dates × amounts
    (volunteer law record-keeping; never a tax slip)."""
    people: dict[int, dict] = {}
    for line in DefraiementLine.objects.nominative(year):
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


def _sepa_problems(rows: list[Payment], setting) -> list[str]:
    """Every reason the month's SEPA file cannot be written, each naming its fix."""
    problems = []
    if not setting or not setting.payer_iban:
        problems.append(_("L'IBAN de l'organisation manque dans les réglages."))
    else:
        for value, check in (
            (setting.payer_iban, validate_iban),
            (setting.payer_bic, validate_bic),
        ):
            try:
                check(value)
            except ValidationError as error:
                problems.append(
                    _("Réglages de l'organisation : %(error)s")
                    % {"error": " ".join(error.messages)}
                )
    missing = [r.name for r in rows if not r.iban]
    if missing:
        problems.append(
            _("IBAN manquant pour : %(names)s.") % {"names": ", ".join(missing)}
        )
    for row in rows:
        if not row.iban:
            continue
        try:
            validate_iban(row.iban)
        except ValidationError as error:
            problems.append(
                _("IBAN de %(name)s : %(error)s")
                % {"name": row.name, "error": " ".join(error.messages)}
            )
    for row in rows:
        if row.fiche.relais.needs_latin_name:
            problems.append(
                _(
                    "Le nom de %(name)s n'est pas écrit en lettres latines : la "
                    "banque ne peut pas le recevoir. La coordination remplit « nom en "
                    "caractères latins » dans sa fiche relais (tel qu'il figure sur "
                    "son compte), puis téléchargez à nouveau le fichier."
                )
                % {"name": row.name}
            )
    if not rows:
        problems.append(_("Aucune fiche validée à payer ce mois-ci."))
    return problems


def _reference(relais: Relais, month: date) -> str:
    """The remittance text, in the relais' own language (French when unknown), so
    that it does not depend on who downloads the file."""
    language = (relais.user.language if relais.user else "") or settings.LANGUAGE_CODE
    with translation.override(language):
        return _("Défraiement volontaire %(month)s") % {"month": f"{month:%m/%Y}"}


def _fingerprint(month: date, setting, transfers: list[tuple[int, Transfer]]) -> str:
    """What makes a batch: the month, the payer and, for each fiche, what the file
    says of it. The same batch always has the same fingerprint."""
    parts = [f"{month:%Y-%m}", setting.payer_name, setting.payer_iban]
    parts.append(setting.payer_bic)
    for fiche_pk, t in transfers:
        parts += [str(fiche_pk), t.name, t.iban, f"{t.amount:.2f}", t.reference]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def stored_payment_file(fingerprint: str) -> PaymentFile | None:
    """The payment file already produced for this exact batch, if any."""
    return PaymentFile.objects.filter(fingerprint=fingerprint).first()


@transaction.atomic
def payment_file_issue(*, month: date, by) -> PaymentFile:
    """The SEPA credit transfer (pain.001) paying the month's validated, unpaid
    fiches. The same batch (same fiches, accounts, names and amounts) gives back its
    stored file with the same message id, so the bank catches a second upload; a
    changed batch is a new file with a new id. A ValidationError lists every
    problem (payer IBAN or BIC, relais IBANs, names to write in Latin letters)."""
    rows = payments_to_make(month)
    setting = DefraiementSetting.objects.in_force_on(month)
    problems = _sepa_problems(rows, setting)
    if problems:
        raise ValidationError(problems)
    transfers = [
        (
            r.fiche.pk,
            Transfer(
                name=r.fiche.relais.bank_name,
                iban=r.iban,
                amount=r.amount,
                reference=_reference(r.fiche.relais, month),
            ),
        )
        for r in rows
    ]
    fingerprint = _fingerprint(month, setting, transfers)
    existing = stored_payment_file(fingerprint)
    if existing:
        return existing
    now = timezone.now()
    try:
        with transaction.atomic():
            payment_file = PaymentFile.objects.create(
                msg_id=f"TISSEURS-{fingerprint[:16].upper()}",
                month=month,
                fingerprint=fingerprint,
                total=sum((t.amount for _pk, t in transfers), Decimal("0.00")),
                count=len(transfers),
                created_by=by,
                created_at=now,
            )
    except IntegrityError:
        # Two downloads of a new batch at once: the other one stored it first
        # (the fingerprint is unique), so this one answers with that file.
        return PaymentFile.objects.get(fingerprint=fingerprint)
    # The message id: the app's name, the month and this batch's number, unique and
    # within the 35 characters, with no "/" (EPC rule).
    payment_file.msg_id = f"TISSEURS-{month:%Y%m}-{payment_file.pk:06d}"
    payment_file.xml = credit_transfer(
        message_id=payment_file.msg_id,
        payer_name=setting.payer_name or "Tisseurs de liens",
        payer_iban=normalize_iban(setting.payer_iban),
        payer_bic=normalize_bic(setting.payer_bic),
        execution_date=timezone.localdate(now),
        created_at=now,
        transfers=[t for _pk, t in transfers],
    ).decode()
    payment_file.save(update_fields=["msg_id", "xml"])
    payment_file.fiches.set([r.fiche for r in rows])
    return payment_file


def payment_file_mark_paid(*, payment_file: PaymentFile, paid_on: date, by) -> int:
    """Direction records that the bank paid `payment_file` on `paid_on`: every fiche
    the file holds becomes paid, all or none. Refused for a file already marked
    paid, a date in the future or before the file was produced, and a file holding
    a fiche no longer validated (the batch changed: produce the new file)."""
    with transaction.atomic():
        locked = PaymentFile.objects.select_for_update().get(pk=payment_file.pk)
        if locked.is_paid:
            raise ValidationError(
                _("Le fichier %(msg_id)s est déjà noté payé le %(day)s.")
                % {"msg_id": locked.msg_id, "day": short_date(locked.paid_on)}
            )
        produced_on = timezone.localdate(locked.created_at)
        if paid_on > timezone.localdate():
            raise ValidationError(
                _("La date de paiement %(day)s est dans le futur.")
                % {"day": short_date(paid_on)}
            )
        if paid_on < produced_on:
            raise ValidationError(
                _(
                    "La date de paiement %(day)s précède la production du "
                    "fichier %(msg_id)s (%(produced)s)."
                )
                % {
                    "day": short_date(paid_on),
                    "msg_id": locked.msg_id,
                    "produced": short_date(produced_on),
                }
            )
        fiches = list(locked.fiches.select_related("relais").order_by("pk"))
        stale = [f for f in fiches if not f.is_validated]
        if stale:
            raise ValidationError(
                [
                    _(
                        "%(name)s : la fiche est « %(status)s », plus « validée » : "
                        "le lot a changé, produisez le nouveau fichier SEPA."
                    )
                    % {"name": f.relais.display_name, "status": f.get_status_display()}
                    for f in stale
                ]
            )
        for fiche in fiches:
            fiche_mark_paid(fiche=fiche, by=by, payment_file=locked, paid_on=paid_on)
        locked.paid_on = paid_on
        locked.paid_by = by
        locked.save(update_fields=["paid_on", "paid_by"])
    payment_file.paid_on, payment_file.paid_by = paid_on, by
    return len(fiches)


def paying_file(fiche: FicheMensuelle) -> PaymentFile | None:
    """The payment file that paid `fiche`, if it is paid through one."""
    return (
        fiche.payment_files.filter(paid_on__isnull=False).order_by("-paid_on").first()
    )
