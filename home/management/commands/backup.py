"""Run nightly: one dated archive with the database dump, the private files and a
manifest; archives older than --keep-days are deleted (README, "Backups")."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from tisseurs.backup import BackupError, backup_create


class Command(BaseCommand):
    help = (
        "Écrit une archive datée (base de données, fichiers privés, manifeste) "
        "dans --dir (par défaut BACKUP_DIR) et supprime les archives de plus de "
        "--keep-days jours."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dir",
            type=Path,
            default=None,
            help="Dossier des archives (par défaut : le réglage BACKUP_DIR).",
        )
        parser.add_argument(
            "--keep-days",
            type=int,
            default=None,
            help="Garde les archives des N derniers jours (par défaut : toutes).",
        )

    def handle(self, *args, dir: Path | None, keep_days: int | None, **options):
        try:
            report = backup_create(
                directory=dir or Path(settings.BACKUP_DIR), keep_days=keep_days
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"{report.path} ({report.size} octets) : {report.rows} lignes, "
            f"{report.files} fichier(s)."
        )
        for path in report.deleted:
            self.stdout.write(f"Supprimée (plus de {keep_days} jours) : {path.name}")
