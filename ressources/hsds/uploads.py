"""An HSDS package sent through the import page: kept under MEDIA_ROOT between
the dry run the page shows and the coordination's confirmation, named by a random
token, and removed once imported (or refused)."""

import re
import shutil
import time as clock
import uuid
import zipfile
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ressources.hsds.importer import import_package
from ressources.hsds.package import IGNORED_TABLES, TABLES, Report
from tisseurs.uploads import LARGEST_UPLOAD_BYTES

MAX_UPLOAD_BYTES = LARGEST_UPLOAD_BYTES
# A zip may unpack to at most this much in all, and hold at most this many members:
# a real package is a few dozen CSV files of a few megabytes.
MAX_UNZIPPED_BYTES = 100 * 1024 * 1024
MAX_ZIP_MEMBERS = 200
# Previews nobody confirmed are dropped after a day.
KEEP_SECONDS = 24 * 3600


def upload_folder(token: str) -> Path:
    return Path(settings.MEDIA_ROOT) / "hsds-imports" / token


def store_upload(uploads) -> str:
    """Keep the uploaded package (a zip or loose files) under MEDIA_ROOT; only
    the file names an HSDS package may hold are kept, never a path."""
    token = uuid.uuid4().hex
    folder = upload_folder(token)
    folder.mkdir(parents=True)
    for old in folder.parent.iterdir():
        if old != folder and clock.time() - old.stat().st_mtime > KEEP_SECONDS:
            shutil.rmtree(old, ignore_errors=True)
    wanted = set(TABLES) | {"datapackage.json"} | IGNORED_TABLES

    def keep(name: str, data: bytes) -> None:
        base = Path(name).name
        if base in wanted:
            (folder / base).write_bytes(data)

    for upload in uploads:
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(_("Fichier trop gros (20 Mo au plus)."))
        if upload.name.lower().endswith(".zip"):
            try:
                with zipfile.ZipFile(upload) as archive:
                    for name, data in _unzip(archive, upload.name):
                        keep(name, data)
            except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError) as error:
                raise ValidationError(
                    _("« %(name)s » n'est pas un fichier zip lisible.")
                    % {"name": upload.name}
                ) from error
        else:
            keep(upload.name, upload.read())
    return token


def _too_big(name: str) -> ValidationError:
    return ValidationError(
        _("« %(name)s » se décompresse en plus de %(max)s Mo ; refusé.")
        % {"name": name, "max": MAX_UNZIPPED_BYTES // (1024 * 1024)},
        code="zip_too_big",
    )


def _unzip(archive: zipfile.ZipFile, name: str):
    """The (name, bytes) of the archive's files, refused before anything is
    extracted when the headers announce too many members or too many bytes, and
    read with a running cap, so that headers lying about sizes change nothing."""
    members = [info for info in archive.infolist() if not info.is_dir()]
    if len(members) > MAX_ZIP_MEMBERS:
        raise ValidationError(
            _("« %(name)s » contient %(count)s fichiers ; %(max)s au plus.")
            % {"name": name, "count": len(members), "max": MAX_ZIP_MEMBERS},
            code="zip_too_many",
        )
    if sum(info.file_size for info in members) > MAX_UNZIPPED_BYTES:
        raise _too_big(name)
    left = MAX_UNZIPPED_BYTES
    for info in members:
        chunks = []
        with archive.open(info) as member:
            while chunk := member.read(min(left + 1, 1024 * 1024)):
                left -= len(chunk)
                if left < 0:
                    raise _too_big(name)
                chunks.append(chunk)
        yield info.filename, b"".join(chunks)


def upload_preview(uploads) -> tuple[Report, str | None]:
    """Store the upload and import it as a dry run: the report, and the token to
    confirm with (None, and nothing kept, when the package has errors)."""
    token = store_upload(uploads)
    report = import_package(upload_folder(token), dry_run=True)
    if not report.ok:
        shutil.rmtree(upload_folder(token), ignore_errors=True)
        return report, None
    return report, token


def upload_import(token: str) -> Report | None:
    """Import a stored upload for real and remove it; None when the token names
    no stored upload (malformed, already imported, or dropped after a day)."""
    folder = upload_folder(token)
    if not re.fullmatch(r"[0-9a-f]{32}", token) or not folder.is_dir():
        return None
    report = import_package(folder)
    shutil.rmtree(folder, ignore_errors=True)
    return report
