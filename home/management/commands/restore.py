"""Restore a backup archive into an EMPTY database and an empty MEDIA_ROOT, then
check rows and files against its manifest (README, "Backups")."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tisseurs.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Restaure une archive de `manage.py backup` dans une base de données vide "
        "(créée sans migrate) et un MEDIA_ROOT vide, puis vérifie les comptages et "
        "les sommes de contrôle du manifeste. Refuse une base qui n'est pas vide."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="tisseurs-backup-….tar.gz")

    def handle(self, *args, archive: Path, **options):
        if not archive.is_file():
            raise CommandError(f"{archive} : fichier introuvable.")
        try:
            report = backup_restore(archive=archive)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Restauré : sauvegarde du {report.created_at} ({report.engine}), "
            f"{sum(report.rows.values())} lignes dans {len(report.rows)} tables, "
            f"{report.files} fichier(s) ({report.size} octets). Comptages et "
            "sommes de contrôle conformes au manifeste."
        )
