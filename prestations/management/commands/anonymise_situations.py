"""Run daily: anonymise situations past the retention period (docs/domain.md
§3.3). The pseudonymous code and the note go; counts, themes and orientations
stay. The activities' attendance report and follow-up texts of the same period go
too. The period comes from the legal parameters table (direction edits it)."""

from datetime import date

from dateutil.relativedelta import relativedelta
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from activites.services import frequentation_purge_texts
from prestations.models import LegalParameter
from prestations.services.prestation import situation_anonymise_expired


class Command(BaseCommand):
    help = (
        "Anonymise les situations dont le dernier contact date de plus de N mois "
        "(code pseudonyme et note effacés, comptages gardés) et efface les comptes "
        "rendus et suites des activités de plus de N mois. Sans --months, la "
        "durée est celle des paramètres légaux en vigueur."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--months",
            type=int,
            default=None,
            help="Durée de conservation en mois (par défaut : paramètres légaux).",
        )
        parser.add_argument(
            "--today",
            type=date.fromisoformat,
            default=None,
            help="Date de référence AAAA-MM-JJ (par défaut : aujourd'hui).",
        )

    def handle(self, *args, months: int | None, today: date | None, **options):
        today = today or timezone.localdate()
        if months is None:
            parameter = LegalParameter.objects.in_force_on(today)
            if parameter is None:
                raise CommandError(
                    "Aucun paramètre légal en vigueur : donnez --months."
                )
            months = parameter.situation_retention_months
        if months < 1:
            raise CommandError("--months doit valoir au moins 1.")
        changed = situation_anonymise_expired(today=today, months=months)
        texts = frequentation_purge_texts(before=today - relativedelta(months=months))
        self.stdout.write(
            f"{changed} situation(s) anonymisée(s), {texts} compte(s) rendu(s) "
            f"d'activité effacé(s) (conservation : {months} mois)."
        )
