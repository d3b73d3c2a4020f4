"""Paying the validated fiches: what direction pays for a month, the yearly
nominative list the volunteer law requires, the SEPA file and marking a month paid."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from prestations.models import DefraiementLine, DefraiementSetting, FicheMensuelle
from prestations.services.fiche import fiche_mark_paid
from prestations.services.legal import round_cents
from prestations.services.sepa import Transfer, credit_transfer
from relais.models import Relais


def relais_iban(relais: Relais) -> str:
    """The relais' IBAN in the compact form payment files need."""
    return relais.iban.replace(" ", "").upper()


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


def payments_sepa_file(*, month: date) -> bytes:
    """The SEPA credit transfer (pain.001) paying the month's validated fiches;
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
    """Direction marks every validated fiche of the month paid, all or none."""
    rows = payments_to_make(month)
    for row in rows:
        fiche_mark_paid(fiche=row.fiche, by=by)
    return len(rows)
