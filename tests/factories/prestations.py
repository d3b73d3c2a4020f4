from datetime import date, time

from prestations.models import FicheMensuelle, Prestation, month_start
from tests.factories.relais import make_relais


def make_prestation(**overrides) -> Prestation:
    fields = {
        "date": date(2026, 3, 10),
        "start_time": time(14, 0),
        "end_time": time(17, 0),
        **overrides,
    }
    if "relais" not in fields:
        fields["relais"] = make_relais()
    return Prestation.objects.create(**fields)


def make_fiche(**overrides) -> FicheMensuelle:
    fields = {"month": date(2026, 3, 1), **overrides}
    fields["month"] = month_start(fields["month"])
    if "relais" not in fields:
        fields["relais"] = make_relais()
    return FicheMensuelle.objects.create(**fields)


def make_payment_file(*fiches, **overrides):
    """A produced payment file holding `fiches` (not a real SEPA XML)."""
    from decimal import Decimal

    from django.utils import timezone

    from prestations.models import PaymentFile

    count = PaymentFile.objects.count() + 1
    fields = {
        "msg_id": f"TEST-{count:06d}",
        "month": fiches[0].month if fiches else date(2026, 3, 1),
        "fingerprint": f"test-{count}",
        "total": Decimal("10.00"),
        "count": max(len(fiches), 1),
        "xml": "<Document/>",
        "created_at": timezone.now(),
        **overrides,
    }
    payment_file = PaymentFile.objects.create(**fields)
    payment_file.fiches.set(fiches)
    return payment_file


def mark_paid(fiche, by, paid_on=None):
    """Mark `fiche` paid through a payment file holding it, as direction does."""
    from django.utils import timezone

    from prestations.services import fiche as fiche_services

    return fiche_services.fiche_mark_paid(
        fiche=fiche,
        by=by,
        payment_file=make_payment_file(fiche),
        paid_on=paid_on or timezone.localdate(),
    )
