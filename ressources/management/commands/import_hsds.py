from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ressources.hsds import import_package


class Command(BaseCommand):
    help = (
        "Importe un paquet HSDS 3.0 (dossier de CSV + datapackage.json), tout ou "
        "rien ; --dry-run montre ce qui serait fait sans rien écrire."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, path, dry_run, **options):
        if not path.is_dir():
            raise CommandError(f"{path} n'est pas un dossier.")
        report = import_package(path, dry_run=dry_run)
        for warning in report.warnings:
            self.stdout.write(self.style.WARNING(f"Attention : {warning}"))
        if report.ignored_files:
            self.stdout.write("Tables ignorées : " + ", ".join(report.ignored_files))
        if not report.ok:
            for error in report.errors:
                self.stderr.write(f"Erreur : {error}")
            raise CommandError(
                f"{len(report.errors)} erreur(s) : rien n'a été importé."
            )
        for name, created, updated in report.counts():
            self.stdout.write(f"{name} : {created} créé(s), {updated} mis à jour")
        if dry_run:
            self.stdout.write(self.style.WARNING("Essai : rien n'a été écrit."))
        else:
            self.stdout.write(self.style.SUCCESS("Import terminé."))
