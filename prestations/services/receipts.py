"""A receipt photo chosen on a form that was refused for another reason is kept
on the server, so that the relais need not choose it again: the page comes back
with a signed token (`kept_receipt`) naming the kept file, shown as "déjà joint";
the next valid save attaches it to the prestation."""

from pathlib import Path
from uuid import uuid4

from django.core import signing
from django.core.files import File
from django.core.files.storage import default_storage

from prestations.models import Prestation
from relais.models import Relais

SALT = "prestations.kept_receipt"
MAX_AGE_SECONDS = 24 * 3600  # a form left open overnight starts again
PENDING_DIR = "prestations/pending"


def keep_receipt(*, relais: Relais, upload) -> str:
    """Store `upload` (already checked by the form) aside; return its token."""
    suffix = Path(upload.name).suffix.lower()[:6]
    path = default_storage.save(
        f"{PENDING_DIR}/{relais.pk}/{uuid4().hex}{suffix}", upload
    )
    name = Path(upload.name).name[:100]
    return signing.dumps({"path": path, "relais": relais.pk, "name": name}, salt=SALT)


def kept_receipt(*, relais: Relais, token: str) -> dict | None:
    """The kept file a token names ({"path", "name"}), if the token is this relais'
    own, recent, and its file still there; else None."""
    if not token:
        return None
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE_SECONDS)
    except signing.BadSignature:
        return None
    path = str(data.get("path", ""))
    if (
        data.get("relais") != relais.pk
        or not path.startswith(f"{PENDING_DIR}/{relais.pk}/")
        or not default_storage.exists(path)
    ):
        return None
    return {"path": path, "name": str(data.get("name") or Path(path).name)}


def kept_for_form(form, *, field: str, relais: Relais, valid: bool) -> dict | None:
    """The receipt kept aside for a bound form with a file `field` and a hidden
    `kept_receipt` field ({"path", "name"}) or None: on a refused save, a newly
    chosen and acceptable file is kept and its token put in the form (the page
    shows it as already attached); otherwise the token the form came back with,
    if still good."""
    upload = form.files.get(field)
    token = form.data.get("kept_receipt", "")
    if upload is not None:
        token = ""  # nosec B105: a kept-receipt token, not a password
        if not valid and not form.has_error(field):
            token = keep_receipt(relais=relais, upload=upload)
    kept = kept_receipt(relais=relais, token=token)
    if not valid:
        form.data = form.data.copy()
        form.data["kept_receipt"] = token if kept else ""
    return kept


def kept_file(kept: dict) -> File:
    """The kept file, open, named as the relais chose it (to hand to a field)."""
    return File(default_storage.open(kept["path"]), name=kept["name"])


def discard_kept(kept: dict) -> None:
    default_storage.delete(kept["path"])


def attach_kept_receipt(*, prestation: Prestation, kept: dict) -> None:
    """Copy the kept file into the prestation's receipt (not saved yet); discard
    the kept one once the prestation is saved."""
    with default_storage.open(kept["path"]) as stored:
        prestation.travel_receipt.save(kept["name"], File(stored), save=False)


def purge_kept_receipts(*, now) -> int:
    """Delete the kept receipts older than their token (never attached: the form
    was left); returns how many files went. Run daily."""
    if not default_storage.exists(PENDING_DIR):
        return 0
    removed = 0
    folders, _files = default_storage.listdir(PENDING_DIR)
    for folder in folders:
        _subfolders, files = default_storage.listdir(f"{PENDING_DIR}/{folder}")
        for name in files:
            path = f"{PENDING_DIR}/{folder}/{name}"
            age = now - default_storage.get_modified_time(path)
            if age.total_seconds() > MAX_AGE_SECONDS:
                default_storage.delete(path)
                removed += 1
    return removed
