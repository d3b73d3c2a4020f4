"""Run daily: delete the receipt photos kept after a refused save that were never
attached (the relais left the form). See prestations/services/receipts.py."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from prestations.services.receipts import purge_kept_receipts


class Command(BaseCommand):
    help = (
        "Efface les justificatifs gardés après un enregistrement refusé et jamais "
        "joints (plus vieux qu'un jour)."
    )

    def handle(self, *args, **options):
        removed = purge_kept_receipts(now=timezone.now())
        self.stdout.write(f"{removed} justificatif(s) gardé(s) effacé(s).")
