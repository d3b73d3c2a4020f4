"""Run daily: anonymise situations past the retention period (belgian-context.md §4,
rule 20). The pseudonymous code and the note go; counts, themes and orientations
stay."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from prestations.services import situation_anonymise_expired

DEFAULT_MONTHS = 12


class Command(BaseCommand):
    help = (
        "Anonymise les situations dont le dernier contact date de plus de N mois "
        "(code pseudonyme et note effacés, comptages gardés)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--months",
            type=int,
            default=DEFAULT_MONTHS,
            help=f"Durée de conservation en mois (par défaut : {DEFAULT_MONTHS}).",
        )
        parser.add_argument(
            "--today",
            type=date.fromisoformat,
            default=None,
            help="Date de référence AAAA-MM-JJ (par défaut : aujourd'hui).",
        )

    def handle(self, *args, months: int, today: date | None, **options):
        if months < 1:
            raise CommandError("--months doit valoir au moins 1.")
        today = today or timezone.localdate()
        changed = situation_anonymise_expired(today=today, months=months)
        self.stdout.write(
            f"{changed} situation(s) anonymisée(s) (conservation : {months} mois)."
        )
