from django.core.management.base import BaseCommand

from tisseurs.audit.services import audit_purge, retention_months


class Command(BaseCommand):
    help = (
        "Delete the audit entries older than AUDIT_RETENTION_MONTHS (default 12). "
        "Run it daily (README, production section)."
    )

    def handle(self, *args, **options):
        deleted = audit_purge()
        self.stdout.write(
            f"{deleted} audit entries older than {retention_months()} months deleted."
        )
