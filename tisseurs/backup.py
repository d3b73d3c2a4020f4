"""Backups: one dated archive holding a consistent database dump, the private files
(MEDIA_ROOT) and a manifest; restore into an empty database, checked against the
manifest. `manage.py backup` and `manage.py restore` call the two services here.

The archive, `tisseurs-backup-YYYY-MM-DDTHHMMSS.tar.gz`, holds:

- `database.dump` (PostgreSQL, `pg_dump --format=custom`) or `database.sqlite3`
  (SQLite, written with the online backup API);
- `media/…`, every file under MEDIA_ROOT;
- `manifest.json`: date, app version, engine, rows per model, and the size and
  sha256 of the dump and of every file.

On PostgreSQL the row counts and `pg_dump` read the same exported snapshot, so the
manifest describes exactly the dump. On SQLite the counts are read from the copy.

This module imports no app: the models come from `django.apps.apps.get_models()`.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess  # nosec B404  # pg_dump, pg_restore, git: argument lists, no shell
import tarfile
import tempfile
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path, PurePosixPath
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import connections
from django.utils import timezone

FORMAT = 1
ARCHIVE_RE = re.compile(r"^tisseurs-backup-(\d{4}-\d{2}-\d{2})T(\d{6})\.tar\.gz$")
MANIFEST = "manifest.json"
DUMP_NAMES = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}
MEDIA_DIR = "media"
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or a restore refused or failed; the message says why (French)."""


@dataclass
class BackupReport:
    path: Path
    size: int
    rows: int
    files: int
    deleted: list[Path] = field(default_factory=list)


@dataclass
class RestoreReport:
    created_at: str
    engine: str
    rows: dict[str, int]
    files: int
    size: int


# --- databases ---------------------------------------------------------------


def engine_of(settings_dict: dict[str, Any]) -> str:
    engine = settings_dict["ENGINE"]
    if "postgresql" in engine:
        return "postgresql"
    if "sqlite3" in engine:
        return "sqlite"
    raise BackupError(f"Moteur de base de données non pris en charge : {engine}.")


def model_tables() -> dict[str, str]:
    """Model label → table, for every model that has its own table (the
    automatic many-to-many tables included)."""
    tables = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.managed and not meta.proxy and not meta.swapped:
            tables[meta.label] = meta.db_table
    return dict(sorted(tables.items()))


def database_connection(settings_dict: dict[str, Any]):
    """A plain DB-API connection to the database `settings_dict` describes."""
    if engine_of(settings_dict) == "sqlite":
        name = str(settings_dict["NAME"])
        return sqlite3.connect(name, uri=name.startswith("file:"))
    import psycopg2

    return psycopg2.connect(
        dbname=settings_dict["NAME"],
        user=settings_dict.get("USER") or None,
        password=settings_dict.get("PASSWORD") or None,
        host=settings_dict.get("HOST") or None,
        port=settings_dict.get("PORT") or None,
    )


def existing_tables(cursor, engine: str) -> set[str]:
    if engine == "sqlite":
        cursor.execute(
            "SELECT name FROM sqlite_master "
            "WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    else:
        cursor.execute(
            "SELECT tablename FROM pg_tables "
            "WHERE schemaname NOT IN ('pg_catalog', 'information_schema')"
        )
    return {row[0] for row in cursor.fetchall()}


def row_counts(cursor, engine: str) -> dict[str, int]:
    """Rows per model label, for the models whose table exists."""
    present = existing_tables(cursor, engine)
    counts = {}
    for label, table in model_tables().items():
        if table in present:
            quoted = '"' + table.replace('"', '""') + '"'
            # Table names come from the models' metadata, never from input.
            cursor.execute(f"SELECT COUNT(*) FROM {quoted}")  # nosec B608
            counts[label] = cursor.fetchone()[0]
    return counts


def _pg_command(program: str, settings_dict: dict[str, Any]) -> tuple[list, dict]:
    """The program's path and connection options, and an environment carrying the
    password (PGPASSWORD): a password never appears on a command line."""
    path = shutil.which(program)
    if path is None:
        raise BackupError(f"{program} est introuvable : installez postgresql-client.")
    args = [path]
    if settings_dict.get("HOST"):
        args += ["--host", str(settings_dict["HOST"])]
    if settings_dict.get("PORT"):
        args += ["--port", str(settings_dict["PORT"])]
    if settings_dict.get("USER"):
        args += ["--username", str(settings_dict["USER"])]
    env = {**os.environ, "PGCONNECT_TIMEOUT": "10"}
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings_dict["PASSWORD"])
    sslmode = (settings_dict.get("OPTIONS") or {}).get("sslmode")
    if sslmode:
        env["PGSSLMODE"] = str(sslmode)
    return args, env


def _run(args: list, env: dict, what: str) -> None:
    # A list of arguments, no shell; the program path comes from shutil.which.
    done = subprocess.run(  # nosec B603
        args, env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise BackupError(f"{what} a échoué : {done.stderr.strip()}")


def _dump(alias: str, target: Path) -> tuple[str, dict[str, int]]:
    """Write the database of `alias` to `target`; answer the engine and the rows
    per model of exactly what was written."""
    connection = connections[alias]
    settings_dict = connection.settings_dict
    engine = engine_of(settings_dict)
    if engine == "sqlite":
        connection.ensure_connection()
        copy = sqlite3.connect(target)
        try:
            connection.connection.backup(copy)
            return engine, row_counts(copy.cursor(), engine)
        finally:
            copy.close()
    snapshot_holder = database_connection(settings_dict)
    try:
        snapshot_holder.set_session(isolation_level="REPEATABLE READ", readonly=True)
        with snapshot_holder.cursor() as cursor:
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            counts = row_counts(cursor, engine)
        args, env = _pg_command("pg_dump", settings_dict)
        args += [
            "--format=custom",
            f"--snapshot={snapshot}",
            "--file",
            str(target),
            "--dbname",
            str(settings_dict["NAME"]),
        ]
        _run(args, env, "pg_dump")
    finally:
        snapshot_holder.close()
    return engine, counts


def _restore_database(settings_dict: dict[str, Any], engine: str, dump: Path) -> None:
    if engine == "sqlite":
        for connection in connections.all(initialized_only=True):
            if connection.settings_dict["NAME"] == settings_dict["NAME"]:
                connection.close()
        source = sqlite3.connect(dump)
        target = sqlite3.connect(settings_dict["NAME"])
        try:
            source.backup(target)
        finally:
            source.close()
            target.close()
        return
    args, env = _pg_command("pg_restore", settings_dict)
    args += [
        "--no-owner",
        "--no-privileges",
        "--exit-on-error",
        "--single-transaction",
        "--dbname",
        str(settings_dict["NAME"]),
        str(dump),
    ]
    _run(args, env, "pg_restore")


def _tables_in(settings_dict: dict[str, Any]) -> set[str]:
    engine = engine_of(settings_dict)
    if engine == "sqlite" and not Path(settings_dict["NAME"]).exists():
        return set()
    connection = database_connection(settings_dict)
    try:
        return existing_tables(connection.cursor(), engine)
    finally:
        connection.close()


def _counts_in(settings_dict: dict[str, Any]) -> dict[str, int]:
    connection = database_connection(settings_dict)
    try:
        return row_counts(connection.cursor(), engine_of(settings_dict))
    finally:
        connection.close()


# --- files ---------------------------------------------------------------------


class _HashingReader:
    """Reads a file for tarfile while hashing exactly the bytes it hands over."""

    def __init__(self, file):
        self.file = file
        self.sha256 = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data = self.file.read(size)
        self.sha256.update(data)
        return data


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while chunk := file.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _add(archive: tarfile.TarFile, path: Path, name: str) -> dict[str, Any]:
    with path.open("rb") as file:
        info = archive.gettarinfo(arcname=name, fileobj=file)
        info.mode, info.uid, info.gid, info.uname, info.gname = 0o600, 0, 0, "", ""
        reader = _HashingReader(file)
        archive.addfile(info, reader)
    return {"path": name, "size": info.size, "sha256": reader.sha256.hexdigest()}


def _media_files(media_root: Path) -> list[Path]:
    if not media_root.exists():
        return []
    return sorted(
        p for p in media_root.rglob("*") if p.is_file() and not p.is_symlink()
    )


def _version() -> str | None:
    if os.environ.get("TISSEURS_VERSION"):
        return os.environ["TISSEURS_VERSION"]
    git = shutil.which("git")
    if git is None:
        return None
    try:
        # Fixed arguments, no shell.
        done = subprocess.run(  # nosec B603
            [git, "rev-parse", "--short", "HEAD"],
            cwd=settings.BASE_DIR,
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    return done.stdout.strip() or None


# --- backup --------------------------------------------------------------------


def archive_date(path: Path) -> date | None:
    """The day in a backup archive's name; None for any other file."""
    match = ARCHIVE_RE.match(path.name)
    return date.fromisoformat(match.group(1)) if match else None


def backup_rotate(*, directory: Path, keep_days: int, today: date) -> list[Path]:
    """Delete this app's archives dated `keep_days` days or more before `today`
    (so `keep_days` days of archives stay, today's included). Files whose name
    is not an archive's are never touched."""
    if keep_days < 1:
        raise BackupError("--keep-days doit valoir au moins 1.")
    oldest_kept = today - timedelta(days=keep_days - 1)
    deleted = []
    for path in sorted(directory.iterdir()):
        day = archive_date(path)
        if day is not None and day < oldest_kept and path.is_file():
            path.unlink()
            deleted.append(path)
    return deleted


def backup_create(
    *,
    directory: Path,
    keep_days: int | None = None,
    alias: str = "default",
    media_root: Path | None = None,
) -> BackupReport:
    """Write one dated archive in `directory`, then, when `keep_days` is given,
    delete the archives older than that."""
    media_root = Path(media_root or settings.MEDIA_ROOT).resolve()
    directory = Path(directory).resolve()
    if directory.is_relative_to(media_root):
        raise BackupError(
            "Le dossier des sauvegardes ne peut pas être dans MEDIA_ROOT "
            f"({media_root})."
        )
    if keep_days is not None and keep_days < 1:
        raise BackupError("--keep-days doit valoir au moins 1.")
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    now = timezone.localtime()
    final = directory / f"tisseurs-backup-{now:%Y-%m-%dT%H%M%S}.tar.gz"
    if final.exists():
        raise BackupError(f"{final} existe déjà.")
    engine = engine_of(connections[alias].settings_dict)
    with tempfile.TemporaryDirectory(dir=directory, prefix=".work-") as work:
        dump = Path(work) / DUMP_NAMES[engine]
        engine, counts = _dump(alias, dump)
        partial = Path(work) / "archive.partial"
        with tarfile.open(partial, "w:gz") as archive:
            database = _add(archive, dump, DUMP_NAMES[engine])
            files = [
                _add(archive, path, f"{MEDIA_DIR}/{path.relative_to(media_root)}")
                for path in _media_files(media_root)
            ]
            manifest = {
                "format": FORMAT,
                "app": "tisseurs",
                "created_at": now.isoformat(),
                "version": _version(),
                "engine": engine,
                "database": database,
                "rows": counts,
                "files": files,
            }
            data = json.dumps(manifest, indent=2, ensure_ascii=False).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mode, info.mtime = len(data), 0o600, int(now.timestamp())
            archive.addfile(info, _BytesReader(data))
        partial.chmod(0o600)
        os.replace(partial, final)
    deleted = (
        backup_rotate(directory=directory, keep_days=keep_days, today=now.date())
        if keep_days is not None
        else []
    )
    return BackupReport(
        path=final,
        size=final.stat().st_size,
        rows=sum(counts.values()),
        files=len(files),
        deleted=deleted,
    )


class _BytesReader:
    def __init__(self, data: bytes):
        self.data, self.offset = data, 0

    def read(self, size: int = -1) -> bytes:
        end = len(self.data) if size < 0 else self.offset + size
        chunk, self.offset = self.data[self.offset : end], min(end, len(self.data))
        return chunk


# --- restore -------------------------------------------------------------------


def _safe_name(name: str) -> bool:
    path = PurePosixPath(name)
    return (
        not path.is_absolute()
        and ".." not in path.parts
        and (name in (MANIFEST, *DUMP_NAMES.values()) or path.parts[0] == MEDIA_DIR)
    )


def _extract(archive_path: Path, into: Path) -> dict[str, Any]:
    """Unpack the archive's regular files into `into` and check every one against
    the manifest; answer the manifest. Refuses anything unexpected."""
    corrupt = f"L'archive {archive_path.name} est illisible ou corrompue"
    try:
        with tarfile.open(archive_path, "r:gz") as archive:
            for member in archive:
                if not member.isfile() or not _safe_name(member.name):
                    raise BackupError(f"{corrupt} : membre inattendu {member.name}.")
                target = into / member.name
                target.parent.mkdir(parents=True, exist_ok=True)
                source = archive.extractfile(member)
                with target.open("wb") as out:
                    shutil.copyfileobj(source, out, CHUNK)
    except (tarfile.TarError, EOFError, OSError) as error:
        raise BackupError(f"{corrupt} ({error}).") from error
    try:
        manifest = json.loads((into / MANIFEST).read_text())
        engine = manifest["engine"]
        expected = [
            {**manifest["database"], "path": DUMP_NAMES[engine]},
            *manifest["files"],
        ]
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise BackupError(f"{corrupt} : manifeste absent ou invalide.") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{corrupt} : format {manifest.get('format')} inconnu.")
    present = {
        p.relative_to(into).as_posix()
        for p in into.rglob("*")
        if p.is_file() and p.name != MANIFEST
    }
    listed = {entry["path"] for entry in expected}
    if present != listed:
        extra = sorted(present ^ listed)
        raise BackupError(f"{corrupt} : fichiers non conformes au manifeste {extra}.")
    for entry in expected:
        path = into / entry["path"]
        if path.stat().st_size != entry["size"] or _sha256(path) != entry["sha256"]:
            raise BackupError(
                f"{corrupt} : la somme de contrôle de {entry['path']} ne correspond "
                "pas au manifeste."
            )
    return manifest


def backup_restore(
    *,
    archive: Path,
    database: dict[str, Any] | None = None,
    media_root: Path | None = None,
) -> RestoreReport:
    """Restore `archive` into an EMPTY database (no table at all: a new database,
    not migrated) and an empty MEDIA_ROOT, then check rows and files against the
    manifest. Refuses, touching nothing, when either is not empty or the archive
    does not match its manifest."""
    database = database or connections["default"].settings_dict
    media_root = Path(media_root or settings.MEDIA_ROOT)
    engine = engine_of(database)
    tables = _tables_in(database)
    if tables:
        raise BackupError(
            f"La base de données {database['NAME']} n'est pas vide ({len(tables)} "
            "tables) : restaurez dans une base neuve, créée vide et sans migrate. "
            "Rien n'a été modifié."
        )
    if _media_files(media_root):
        raise BackupError(
            f"Le dossier des fichiers {media_root} n'est pas vide : videz-le ou "
            "choisissez un autre MEDIA_ROOT. Rien n'a été modifié."
        )
    with tempfile.TemporaryDirectory(prefix="tisseurs-restore-") as work:
        work = Path(work)
        manifest = _extract(Path(archive), work)
        if manifest["engine"] != engine:
            raise BackupError(
                f"Cette sauvegarde vient de {manifest['engine']} ; la base cible est "
                f"{engine}. Rien n'a été modifié."
            )
        _restore_database(database, engine, work / DUMP_NAMES[engine])
        for entry in manifest["files"]:
            relative = PurePosixPath(entry["path"]).relative_to(MEDIA_DIR)
            target = media_root / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(work / entry["path"], target)
    problems = []
    restored = _counts_in(database)
    for label, rows in manifest["rows"].items():
        if restored.get(label) != rows:
            problems.append(f"{label} : {restored.get(label)} lignes, attendu {rows}")
    for entry in manifest["files"]:
        path = media_root / PurePosixPath(entry["path"]).relative_to(MEDIA_DIR)
        if not path.is_file() or _sha256(path) != entry["sha256"]:
            problems.append(f"{entry['path']} : contenu différent")
    if problems:
        raise BackupError(
            "Restauration faite, mais non conforme au manifeste : "
            + "; ".join(problems)
        )
    return RestoreReport(
        created_at=manifest["created_at"],
        engine=engine,
        rows=manifest["rows"],
        files=len(manifest["files"]),
        size=sum(entry["size"] for entry in manifest["files"]),
    )


def archives_in(directory: Path) -> list[Path]:
    """This app's archives in `directory`, oldest first."""
    if not directory.exists():
        return []
    return sorted(p for p in directory.iterdir() if ARCHIVE_RE.match(p.name))
