"""Receipts kept after a refused save: tokens bound to their relais, files purged
once their token has expired."""

from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from prestations.services import receipts

pytestmark = pytest.mark.django_db


def _keep(relais):
    upload = SimpleUploadedFile("bus.jpg", b"\xff\xd8\xff bus", "image/jpeg")
    return receipts.keep_receipt(relais=relais, upload=upload)


def test_a_token_opens_only_its_relais_kept_file(relais_anna, relais_bruno):
    token = _keep(relais_anna)
    kept = receipts.kept_receipt(relais=relais_anna, token=token)
    assert kept["name"] == "bus.jpg"
    assert default_storage.exists(kept["path"])
    assert receipts.kept_receipt(relais=relais_bruno, token=token) is None
    assert receipts.kept_receipt(relais=relais_anna, token="") is None
    assert receipts.kept_receipt(relais=relais_anna, token=token[:-2]) is None


def test_old_kept_files_are_purged_recent_ones_stay(relais_anna, capsys):
    kept = receipts.kept_receipt(relais=relais_anna, token=_keep(relais_anna))
    now = timezone.now()
    assert receipts.purge_kept_receipts(now=now) == 0
    assert default_storage.exists(kept["path"])
    assert receipts.purge_kept_receipts(now=now + timedelta(days=2)) == 1
    assert not default_storage.exists(kept["path"])
    call_command("purge_kept_receipts")
    assert "0 justificatif(s)" in capsys.readouterr().out
