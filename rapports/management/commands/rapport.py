"""Produce the comité PDF and the COCOM workbook without a browser (scheduled runs).

    python manage.py rapport --from 2026-01-01 --to 2026-03-31 --lang nl \\
        --pdf out.pdf --xlsx out.xlsx
"""

from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from rapports import services
from rapports.periods import Period, PeriodError


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"Date invalide : {value} (attendu AAAA-MM-JJ)") from error


class Command(BaseCommand):
    help = "Produit le rapport PDF du comité et l'export COCOM XLSX d'une période."

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="start", required=True, help="AAAA-MM-JJ")
        parser.add_argument("--to", dest="end", required=True, help="AAAA-MM-JJ")
        parser.add_argument("--lang", default="fr", choices=["fr", "nl"])
        parser.add_argument("--pdf", help="Chemin du PDF à écrire")
        parser.add_argument("--xlsx", help="Chemin du classeur XLSX à écrire")
        parser.add_argument(
            "--qualitative", default="", help="Texte de la partie qualitative"
        )

    def handle(self, *args, start, end, lang, pdf, xlsx, qualitative, **options):
        if not pdf and not xlsx:
            raise CommandError("Donnez --pdf, --xlsx ou les deux.")
        try:
            period = Period.between(_date(start), _date(end))
        except PeriodError as error:
            raise CommandError(str(error)) from error
        if pdf:
            content, _items = services.report_pdf(
                period=period, language=lang, qualitative=qualitative
            )
            Path(pdf).write_bytes(content)
            self.stdout.write(f"PDF : {pdf}")
        if xlsx:
            Path(xlsx).write_bytes(services.export_xlsx(period, language=lang))
            self.stdout.write(f"XLSX : {xlsx}")
