from pathlib import Path

from django.core.management.base import BaseCommand

from ressources.hsds import export_package


class Command(BaseCommand):
    help = "Exporte l'annuaire en paquet HSDS 3.0 (CSV + datapackage.json)."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, *args, path, **options):
        counts = export_package(path)
        for name, count in counts.items():
            self.stdout.write(f"{name} : {count}")
        self.stdout.write(self.style.SUCCESS(f"Paquet écrit dans {path}."))
