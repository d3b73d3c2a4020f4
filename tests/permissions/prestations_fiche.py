"""Fiche side of prestations: the relais reaches only their own month (Bruno's fiche
answers Anna 404); coordination validates; direction pays."""

from django.core.files.base import ContentFile

from prestations.models import FicheDocument, FicheMensuelle
from tests.factories.prestations import make_fiche
from tests.permissions import Case

OWN = {"relais": 200}
STAFF_AND_OWNER = {"coordination": 200, "direction": 200, "relais": 404}


def _bruno_fiche(w, status=FicheMensuelle.Status.SUBMITTED):
    return {"pk": make_fiche(relais=w.bruno, status=status).pk}


def _bruno_validated_with_pdf(w):
    fiche = make_fiche(relais=w.bruno, status=FicheMensuelle.Status.VALIDATED)
    document = FicheDocument(fiche=fiche, language="fr")
    document.file.save("fiche.pdf", ContentFile(b"%PDF-1.7 test"), save=True)
    return {"pk": fiche.pk}


def _payment_file(w):
    from tests.factories.prestations import make_payment_file

    fiche = make_fiche(relais=w.bruno, status=FicheMensuelle.Status.VALIDATED)
    return {"pk": make_payment_file(fiche).pk}


def _paid_today(w):
    from django.utils import timezone

    from prestations.models import PaymentFile

    pk = PaymentFile.objects.latest("pk").pk
    return {f"file{pk}-paid_on": timezone.localdate().isoformat()}


def _version(w):
    return {"version": 1, "comment": "À corriger"}


CASES = [
    Case("prestations:fiche_mine", expect=OWN),
    Case("prestations:fiche_claim_add", expect=OWN),
    # No fiche yet: nothing to send, back to the month.
    Case("prestations:fiche_submit", expect={"relais": 302}),
    Case("prestations:fiche_submit", method="post", expect={"relais": 302}),
    Case("prestations:fiche_overview", expect={"coordination": 200}),
    Case("prestations:fiche_detail", kwargs=_bruno_fiche, expect=STAFF_AND_OWNER),
    Case(
        "prestations:fiche_pdf",
        kwargs=_bruno_validated_with_pdf,
        expect=STAFF_AND_OWNER,
    ),
    Case(
        "prestations:fiche_validate",
        kwargs=_bruno_fiche,
        method="post",
        data=_version,
        expect={"coordination": 302},
    ),
    Case(
        "prestations:fiche_return",
        kwargs=_bruno_fiche,
        method="post",
        data=_version,
        expect={"coordination": 302},
    ),
    Case(
        "prestations:fiche_reopen",
        kwargs=lambda w: _bruno_fiche(w, FicheMensuelle.Status.VALIDATED),
        method="post",
        data=_version,
        expect={"coordination": 302},
    ),
    Case(
        "prestations:fiche_bulk",
        method="post",
        data={"action": "validate"},
        expect={"coordination": 302},
    ),
    Case("prestations:payments", expect={"direction": 200}),
    Case("prestations:payments_csv", expect={"direction": 200}),
    Case("prestations:payments_xlsx", expect={"direction": 200}),
    Case("prestations:payments_sepa", expect={"direction": 302}),
    Case(
        "prestations:payment_file_mark_paid",
        kwargs=_payment_file,
        method="post",
        data=_paid_today,
        expect={"direction": 302},
    ),
    Case(
        "prestations:fiche_history",
        kwargs=_bruno_fiche,
        expect={"coordination": 200, "direction": 200},
    ),
    Case("prestations:nominative_list", expect={"direction": 200, "coordination": 200}),
    Case("prestations:parameters", expect={"direction": 200}),
]


def _bruno_line(w, receipt=False):
    return _line_of(w.bruno, receipt=receipt)


def _anna_line(w):
    return _line_of(w.anna)


def _line_of(relais, receipt=False):
    from datetime import date

    from prestations.models import DefraiementLine

    fiche = make_fiche(relais=relais)
    line = DefraiementLine(
        fiche=fiche, kind="transport", date=date(2026, 3, 2), amount="2.00"
    )
    if receipt:
        line.receipt.save("ticket.jpg", ContentFile(b"\xff\xd8\xff"), save=False)
    line.save()
    return {"pk": line.pk}


CASES += [
    Case(
        "prestations:fiche_line_delete",
        kwargs=_bruno_line,
        method="post",
        data={"version": 1},
        expect={"relais": 404},
    ),
    Case(
        "prestations:fiche_line_delete",
        kwargs=_anna_line,
        expect={"relais": 200},
    ),
    Case(
        "prestations:fiche_line_delete",
        kwargs=_bruno_line,
        expect={"relais": 404},
        label="get:prestations:fiche_line_delete:other",
    ),
    Case(
        "prestations:fiche_line_receipt",
        kwargs=lambda w: _bruno_line(w, receipt=True),
        expect=STAFF_AND_OWNER,
    ),
]

CASES += [Case("prestations:fiche_other_amounts", expect=OWN)]

# A relais' yearly regime, posted from the relais file (coordination only).
CASES += [
    Case(
        "prestations:regime_set",
        kwargs=lambda w: {"pk": w.bruno.pk},
        method="post",
        data={"year": "2026", "regime": "forfait"},
        expect={"coordination": 302},
    )
]

# A relais' volunteer agreement as a PDF, from the relais file (coordination only;
# Bruno's agreement answers 403 to a relais, whose role is not admitted at all).
CASES += [
    Case(
        "prestations:convention_pdf",
        kwargs=lambda w: {"pk": w.bruno.conventions.get().pk},
        expect={"coordination": 200},
    )
]
