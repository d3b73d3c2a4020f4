"""Everything the app holds on one relais (GDPR art. 15 and 20), across every app.

The relais app exports the relais' own file; this module, at the top of the stack
(docs/architecture.md), adds what the other apps hold on that person: prestations,
monthly sheets, défraiement lines, amounts declared from other organisations, roster
places and the messages coordination sent them. Situations are about residents, not
the relais: only their number per prestation is exported. Anonymising a relais who
left is checked here too, against the money the prestations app still has to pay
them.
"""

import json

from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from activites.models import Affectation
from home.models import MessageRecipient
from prestations.models import DefraiementLine, FicheMensuelle, Prestation
from relais import services as relais_services
from relais.models import Relais
from tisseurs.pdf import render_pdf


def _prestations(relais: Relais):
    return (
        Prestation.objects.for_relais(relais)
        .with_situation_count()
        .order_by("date", "start_time")
    )


def _fiches(relais: Relais):
    return (
        FicheMensuelle.objects.for_relais(relais)
        .prefetch_related("payment_files")
        .order_by("month")
    )


def _lines(relais: Relais):
    return (
        DefraiementLine.objects.filter(fiche__relais=relais)
        .select_related("fiche")
        .order_by("date", "pk")
    )


def _affectations(relais: Relais):
    return (
        Affectation.objects.filter(relais=relais)
        .select_related("activite")
        .order_by("activite__start")
    )


def _messages_received(relais: Relais):
    return (
        MessageRecipient.objects.filter(relais=relais)
        .select_related("message")
        .order_by("message__sent_at", "pk")
    )


def relais_full_export_data(*, relais: Relais) -> dict:
    data = relais_services.relais_export_data(relais=relais)
    data["prestations"] = [
        {
            "date": p.date,
            "start_time": p.start_time,
            "end_time": p.end_time,
            "duration_minutes": p.duration_minutes,
            "place": p.place,
            "kind": p.kind,
            "people_met": p.people_met,
            "note": p.note,
            "travel_mode": p.travel_mode,
            "travel_km": p.travel_km,
            "travel_ticket_amount": p.travel_ticket_amount,
            "situations": p.situation_count,
        }
        for p in _prestations(relais)
    ]
    data["monthly_sheets"] = [
        {
            "month": f.month,
            "status": f.status,
            "submitted_at": f.submitted_at,
            "validated_at": f.validated_at,
            "paid_at": f.paid_at,
            "return_comment": f.return_comment,
            # The SEPA files that carried this sheet (with the name and IBAN).
            "payment_files": [p.msg_id for p in f.payment_files.all()],
        }
        for f in _fiches(relais)
    ]
    data["defraiement_lines"] = [
        {
            "date": line.date,
            "kind": line.kind,
            "amount": line.amount,
            "km": line.km,
            "purpose": line.purpose,
            "month": line.fiche.month,
        }
        for line in _lines(relais)
    ]
    data["other_organisation_amounts"] = [
        {"year": o.year, "organisation": o.organisation, "amount": o.amount}
        for o in relais.other_organisation_amounts.order_by("year")
    ]
    data["roster"] = [
        {
            "activity": a.activite.title,
            "start": a.activite.start,
            "status": a.status,
            "withdraw_reason": a.withdraw_reason,
        }
        for a in _affectations(relais)
    ]
    data["messages_received"] = [
        {
            "sent_at": r.message.sent_at,
            "subject": r.message.subject,
            "text": r.message.text,
            "read_at": r.read_at,
        }
        for r in _messages_received(relais)
    ]
    return data


def relais_full_export_json(*, relais: Relais) -> bytes:
    return json.dumps(
        relais_full_export_data(relais=relais),
        cls=DjangoJSONEncoder,
        ensure_ascii=False,
        indent=2,
    ).encode()


def relais_full_export_pdf(*, relais: Relais, language: str) -> bytes:
    context = relais_services.relais_export_context(relais=relais)
    context.update(
        {
            "prestations": _prestations(relais),
            "fiches": _fiches(relais),
            "lines": _lines(relais),
            "other_amounts": relais.other_organisation_amounts.order_by("year"),
            "affectations": _affectations(relais),
            "messages_received": _messages_received(relais),
        }
    )
    return render_pdf("relais_export.html", context, language=language)


# Anonymising a relais who left (GDPR art. 17), with what the other apps need kept.


def unpaid_validated_fiches(relais: Relais):
    """The relais' monthly sheets validated but not paid yet: their payment file
    needs the relais' name and IBAN, which anonymising erases."""
    return (
        FicheMensuelle.objects.for_relais(relais)
        .filter(status=FicheMensuelle.Status.VALIDATED)
        .order_by("month")
    )


def anonymise_preview(*, relais: Relais) -> dict:
    """What anonymising `relais` will erase and keep, for the confirmation page."""
    return {
        "documents": relais.documents.count(),
        "languages": relais.spoken_languages.count(),
        "gates": relais.gates.count(),
        "has_account": relais.user_id is not None,
        "has_iban": bool(relais.iban),
        "prestations": Prestation.objects.for_relais(relais).count(),
        "fiches": FicheMensuelle.objects.for_relais(relais).count(),
        "unpaid": list(unpaid_validated_fiches(relais)),
    }


@transaction.atomic
def relais_anonymise_checked(*, relais: Relais) -> Relais:
    """Anonymise `relais` (relais.services.relais_anonymise), refused while a
    validated sheet of theirs is unpaid: paying it needs the IBAN."""
    unpaid = list(unpaid_validated_fiches(relais).select_for_update())
    if unpaid:
        months = ", ".join(date_format(f.month, "F Y") for f in unpaid)
        raise ValidationError(
            _(
                "Pas encore : des fiches validées ne sont pas payées (%(months)s). "
                "Leur paiement a besoin du nom et de l'IBAN du relais, que "
                "l'anonymisation efface. Payez-les d'abord, puis anonymisez."
            )
            % {"months": months},
            code="unpaid",
        )
    relais = relais_services.relais_anonymise(relais=relais)
    # What coordination wrote to them was about them: it goes with their name.
    MessageRecipient.objects.filter(relais=relais).delete()
    return relais
