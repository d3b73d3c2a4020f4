"""`manage.py backup` and `manage.py restore` (tisseurs/backup.py): a round trip
finds the same rows and the same files, on SQLite and on PostgreSQL alike
(DATABASE_URL decides); old archives rotate; a non-empty database and a corrupted
archive are refused without touching anything."""

import hashlib
import io
import json
import stat
import tarfile
import tempfile
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from hypothesis import given
from hypothesis import settings as settings_hypothesis
from hypothesis import strategies as st

from prestations.models import Situation
from relais.models import Relais
from tests.factories.prestations import make_fiche, make_prestation
from tests.factories.relais import make_document, make_relais
from tisseurs.backup import (
    ARCHIVE_RE,
    BackupError,
    archives_in,
    backup_restore,
    backup_rotate,
    database_connection,
    engine_of,
    row_counts,
)

# pg_dump and a second connection only see committed rows; serialized_rollback
# puts back the rows the migrations created, for the tests that follow.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

RECEIPT = bytes(range(256)) * 40  # binary, every byte value


@pytest.fixture
def data(settings):
    relais = make_relais(first_name="Zoé", last_name="Sauvegarde")
    fiche = make_fiche(relais=relais, month=date(2026, 3, 1))
    prestation = make_prestation(relais=relais, note="Marché du mardi")
    situation = Situation.objects.create(prestation=prestation, language="tr")
    document = make_document(relais)
    receipt = Path(settings.MEDIA_ROOT) / "prestations" / "claims" / "reçu.bin"
    receipt.parent.mkdir(parents=True)
    receipt.write_bytes(RECEIPT)
    return {"relais": relais, "fiche": fiche, "situation": situation, "doc": document}


@pytest.fixture
def empty_database(tmp_path):
    """Settings of a new, empty database of the same engine as the test one."""
    source = connection.settings_dict
    if engine_of(source) == "sqlite":
        yield {**source, "NAME": str(tmp_path / "restored.sqlite3")}
        return
    name = f"{source['NAME']}_restore"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    yield {**source, "NAME": name}
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _row(settings_dict, model, pk):
    mark = "?" if engine_of(settings_dict) == "sqlite" else "%s"
    table = model._meta.db_table
    db = database_connection(settings_dict)
    try:
        cursor = db.cursor()
        cursor.execute(f'SELECT * FROM "{table}" WHERE id = {mark}', [pk])
        return cursor.fetchall()
    finally:
        db.close()


def _files(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in root.rglob("*")
        if p.is_file()
    }


def _backup(tmp_path) -> Path:
    call_command("backup", dir=tmp_path / "backups", stdout=io.StringIO())
    (archive,) = archives_in(tmp_path / "backups")
    return archive


def _manifest(archive: Path) -> dict:
    with tarfile.open(archive) as tar:
        return json.load(tar.extractfile("manifest.json"))


def test_round_trip_finds_the_same_rows_and_files(
    data, empty_database, settings, tmp_path
):
    source_media = Path(settings.MEDIA_ROOT)
    archive = _backup(tmp_path)
    source_counts = row_counts(connection.cursor(), engine_of(connection.settings_dict))
    restored_media = tmp_path / "restored-media"

    report = backup_restore(
        archive=archive, database=empty_database, media_root=restored_media
    )

    db = database_connection(empty_database)
    restored_counts = row_counts(db.cursor(), engine_of(empty_database))
    db.close()
    assert restored_counts == source_counts
    assert report.rows == source_counts
    assert restored_counts["relais.Relais"] == Relais.objects.count() >= 1
    assert restored_counts["prestations.Situation"] == 1
    source = connection.settings_dict
    for model, pk in [
        (Relais, data["relais"].pk),
        (type(data["fiche"]), data["fiche"].pk),
        (Situation, data["situation"].pk),
    ]:
        restored = _row(empty_database, model, pk)
        assert len(restored) == 1
        assert restored == _row(source, model, pk)
    relais_row = _row(empty_database, Relais, data["relais"].pk)[0]
    assert "Zoé" in relais_row and "Sauvegarde" in relais_row
    assert _files(restored_media) == _files(source_media)
    assert _files(restored_media)["prestations/claims/reçu.bin"] == RECEIPT
    assert _files(restored_media)[data["doc"].file.name] == b"%PDF-1.4 test"
    assert report.files == 2


def test_archive_is_private_and_its_manifest_lists_rows_and_files(data, tmp_path):
    archive = _backup(tmp_path)

    assert ARCHIVE_RE.match(archive.name)
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    manifest = _manifest(archive)
    engine = engine_of(connection.settings_dict)
    assert manifest["engine"] == engine
    assert manifest["format"] == 1
    assert manifest["rows"]["relais.Relais"] == Relais.objects.count()
    assert manifest["rows"]["prestations.FicheMensuelle"] == 1
    assert manifest["database"]["path"] == (
        "database.sqlite3" if engine == "sqlite" else "database.dump"
    )
    files = {entry["path"]: entry for entry in manifest["files"]}
    assert files["media/prestations/claims/reçu.bin"] == {
        "path": "media/prestations/claims/reçu.bin",
        "size": len(RECEIPT),
        "sha256": hashlib.sha256(RECEIPT).hexdigest(),
    }
    assert files[f"media/{data['doc'].file.name}"]["size"] == 13
    with tarfile.open(archive) as tar:
        assert sorted(tar.getnames()) == sorted(
            [manifest["database"]["path"], "manifest.json", *files]
        )


def test_rotation_keeps_the_last_n_days_of_own_archives_only(db, tmp_path):
    import time_machine

    directory = tmp_path / "backups"
    directory.mkdir()
    for day in range(10, 26):
        (directory / f"tisseurs-backup-2026-11-{day:02d}T030000.tar.gz").touch()
    foreign = ["notes-2020-01-01.tar.gz", "tisseurs-backup-copie.tar.gz", "x.txt"]
    for name in foreign:
        (directory / name).touch()

    with time_machine.travel("2026-11-26 03:00 +01:00", tick=False):
        out = io.StringIO()
        call_command("backup", dir=directory, keep_days=14, stdout=out)

    kept = sorted(p.name for p in archives_in(directory))
    assert kept == [
        f"tisseurs-backup-2026-11-{day:02d}T030000.tar.gz" for day in range(13, 27)
    ]
    assert all((directory / name).exists() for name in foreign)
    assert "tisseurs-backup-2026-11-12T030000.tar.gz" in out.getvalue()
    assert [p.name for p in directory.iterdir() if p.name.startswith(".")] == []


def test_keep_days_below_one_is_refused(db, tmp_path):
    with pytest.raises(CommandError, match="au moins 1"):
        call_command("backup", dir=tmp_path, keep_days=0)
    assert archives_in(tmp_path) == []


def test_restore_refuses_a_database_that_has_data(data, tmp_path):
    archive = _backup(tmp_path)
    before = Relais.objects.count()

    with pytest.raises(CommandError, match="n'est pas vide.*Rien n'a été modifié"):
        call_command("restore", str(archive))

    assert Relais.objects.count() == before


def test_restore_refuses_a_non_empty_media_root(data, empty_database, tmp_path):
    archive = _backup(tmp_path)
    media = tmp_path / "restored-media"
    media.mkdir()
    (media / "already.txt").write_text("x")

    with pytest.raises(BackupError, match="fichiers .* n'est pas vide"):
        backup_restore(archive=archive, database=empty_database, media_root=media)


def _tampered(archive: Path, tmp_path: Path, member: str) -> Path:
    """A copy of `archive` where one byte of `member` is changed (same size)."""
    copy = tmp_path / "tampered" / archive.name
    copy.parent.mkdir()
    with tarfile.open(archive) as source, tarfile.open(copy, "w:gz") as target:
        for info in source.getmembers():
            content = source.extractfile(info).read()
            if info.name == member:
                content = bytes([content[0] ^ 1]) + content[1:]
            target.addfile(info, io.BytesIO(content))
    return copy


def _tables(settings_dict) -> int:
    if (
        engine_of(settings_dict) == "sqlite"
        and not Path(settings_dict["NAME"]).exists()
    ):
        return 0
    db = database_connection(settings_dict)
    try:
        cursor = db.cursor()
        if engine_of(settings_dict) == "sqlite":
            cursor.execute("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'")
        else:
            cursor.execute("SELECT COUNT(*) FROM pg_tables WHERE schemaname = 'public'")
        return cursor.fetchone()[0]
    finally:
        db.close()


@pytest.mark.parametrize("member", ["media/prestations/claims/reçu.bin", "database"])
def test_restore_refuses_a_corrupted_archive(data, empty_database, tmp_path, member):
    archive = _backup(tmp_path)
    if member == "database":
        member = _manifest(archive)["database"]["path"]
    bad = _tampered(archive, tmp_path, member)
    media = tmp_path / "restored-media"

    with pytest.raises(BackupError, match=f"corrompue.*{member}.*manifeste"):
        backup_restore(archive=bad, database=empty_database, media_root=media)

    assert _tables(empty_database) == 0
    assert not media.exists() or _files(media) == {}


def test_restore_refuses_a_truncated_archive(data, empty_database, tmp_path):
    archive = _backup(tmp_path)
    truncated = tmp_path / "truncated.tar.gz"
    truncated.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])

    with pytest.raises(BackupError, match="illisible ou corrompue"):
        backup_restore(
            archive=truncated, database=empty_database, media_root=tmp_path / "m"
        )
    assert _tables(empty_database) == 0


def test_restore_of_a_missing_file_is_a_clear_error(db, tmp_path):
    with pytest.raises(CommandError, match="introuvable"):
        call_command("restore", str(tmp_path / "nope.tar.gz"))


@pytest.mark.django_db(transaction=False)
@settings_hypothesis(max_examples=60, deadline=None)
@given(
    days=st.sets(st.integers(min_value=-400, max_value=5), max_size=30),
    keep_days=st.integers(min_value=1, max_value=60),
)
def test_rotation_deletes_exactly_the_own_archives_older_than_n_days(days, keep_days):
    today = date(2026, 11, 26)
    with tempfile.TemporaryDirectory() as folder:
        directory = Path(folder)
        names = {
            offset: f"tisseurs-backup-{today + timedelta(days=offset)}T030000.tar.gz"
            for offset in days
        }
        for name in [*names.values(), "tisseurs-backup.tar.gz", "other-2001-01-01"]:
            (directory / name).touch()

        deleted = backup_rotate(directory=directory, keep_days=keep_days, today=today)

        assert sorted(p.name for p in deleted) == sorted(
            name for offset, name in names.items() if offset <= -keep_days
        )
        assert sorted(p.name for p in directory.iterdir()) == sorted(
            [
                *(name for offset, name in names.items() if offset > -keep_days),
                "tisseurs-backup.tar.gz",
                "other-2001-01-01",
            ]
        )


def test_backup_folder_inside_media_root_is_refused(db, settings):
    inside = Path(settings.MEDIA_ROOT) / "backups"

    with pytest.raises(CommandError, match="ne peut pas être dans MEDIA_ROOT"):
        call_command("backup", dir=inside)

    assert not inside.exists()
