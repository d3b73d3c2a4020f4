"""`manage.py daily`: everything time-based, in one idempotent run, recorded as a
`DailyRun`. Each job may run any number of times a day: the reminders are sent
once (home/reminders.py), the purges only remove what is past its limit.

- reminders (home/reminders.py);
- the retention of situations: pseudonymous codes and notes anonymised past the
  period of the legal parameters (prestations.services.situation_anonymise_expired);
- the retention of the audit trail (tisseurs.audit.services.audit_purge);
- expired sessions (Django's `clearsessions`);
- receipt photos kept from a refused save and never attached
  (prestations.services.receipts.purge_kept_receipts)."""

import logging
from collections.abc import Callable
from datetime import date

from django.contrib.sessions.models import Session
from django.utils import timezone

from home.models import DailyRun
from home.reminders import reminders_send
from prestations.models import LegalParameter
from prestations.services.prestation import situation_anonymise_expired
from prestations.services.receipts import purge_kept_receipts
from tisseurs.audit.services import audit_purge

logger = logging.getLogger(__name__)


def _situations(today: date) -> dict:
    parameter = LegalParameter.objects.in_force_on(today)
    if parameter is None:
        return {"skipped": "no legal parameters in force"}
    months = parameter.situation_retention_months
    return {
        "anonymised": situation_anonymise_expired(today=today, months=months),
        "months": months,
    }


def _sessions(today: date) -> dict:
    deleted, _by_model = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return {"deleted": deleted}


JOBS: list[tuple[str, Callable[[date], dict]]] = [
    ("reminders", lambda today: reminders_send(today=today)),
    ("situations", _situations),
    ("audit", lambda today: {"deleted": audit_purge()}),
    ("sessions", _sessions),
    ("receipts", lambda today: {"deleted": purge_kept_receipts(now=timezone.now())}),
]


def daily_run(*, today: date | None = None) -> DailyRun:
    """Run every job for `today`; one failing job is reported and the others still
    run. The run is recorded with what each job did."""
    today = today or timezone.localdate()
    run = DailyRun.objects.create(day=today)
    report, succeeded = {}, True
    for name, job in JOBS:
        try:
            report[name] = job(today)
        except Exception as error:  # one failing job must not stop the others
            logger.exception("daily job %s failed", name)
            report[name] = {"error": f"{type(error).__name__}: {error}"}
            succeeded = False
    run.report, run.succeeded, run.finished_at = report, succeeded, timezone.now()
    run.save(update_fields=["report", "succeeded", "finished_at"])
    return run
