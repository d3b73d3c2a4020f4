"""An HSDS package sent through the import page: stored, previewed, imported
once, and never kept when it is wrong."""

import io
import zipfile
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ressources.hsds import uploads
from ressources.models import Service

pytestmark = pytest.mark.django_db

ORGANIZATION = "0b2b0a4e-6c1d-4f5e-9a1a-1d2c3b4a5f60"
SERVICE = "5d7e8f90-1a2b-4c3d-8e4f-5a6b7c8d9e0f"
FILES = {
    "organizations.csv": f"id,name\n{ORGANIZATION},CPAS\n",
    "services.csv": (
        f"id,organization_id,name,status\n{SERVICE},{ORGANIZATION},Permanence,active\n"
    ),
}


def _zip(files: dict[str, str], name: str = "paquet.zip") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path, text in files.items():
            archive.writestr(path, text)
    return SimpleUploadedFile(name, buffer.getvalue())


def _stored() -> list[Path]:
    root = uploads.upload_folder("x").parent
    return sorted(root.iterdir()) if root.is_dir() else []


def test_a_zip_keeps_only_the_package_file_names_never_a_path():
    token = uploads.store_upload(
        [_zip({"a/b/services.csv": "id", "../evil.csv": "x", "notes.txt": "x"})]
    )
    kept = sorted(p.name for p in uploads.upload_folder(token).iterdir())
    assert kept == ["services.csv"]


def test_an_unreadable_zip_is_refused_by_name():
    with pytest.raises(ValidationError) as error:
        uploads.store_upload([SimpleUploadedFile("paquet.zip", b"not a zip")])
    assert error.value.messages == ["« paquet.zip » n'est pas un fichier zip lisible."]


def test_preview_then_import_once_and_nothing_left():
    report, token = uploads.upload_preview([_zip(FILES)])
    assert report.ok and report.created["services"] == 1
    assert not Service.objects.exists()
    report = uploads.upload_import(token)
    assert report.ok and Service.objects.get().name == "Permanence"
    assert _stored() == []
    assert uploads.upload_import(token) is None


def test_a_wrong_package_gives_no_token_and_keeps_nothing():
    files = {**FILES, "services.csv": "id,name,status\nnot-a-uuid,Permanence,active\n"}
    report, token = uploads.upload_preview([_zip(files)])
    assert token is None and not report.ok
    assert _stored() == []


@pytest.mark.parametrize("token", ["", "../../etc", "0" * 31, "a" * 32])
def test_confirming_an_unknown_package_asks_to_send_it_again(
    coordination_client, token
):
    response = coordination_client.post(
        reverse("ressources:hsds_import_confirm"), {"token": token}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("ressources:hsds_import")
    assert [str(m) for m in response.context["messages"]] == [
        "Ce paquet n'est plus disponible : envoyez-le à nouveau."
    ]


def test_the_import_page_refuses_a_javascript_website_with_its_row(
    coordination_client,
):
    files = {
        **FILES,
        "organizations.csv": (
            f"id,name,website\n{ORGANIZATION},CPAS,javascript:alert(1)\n"
        ),
    }
    response = coordination_client.post(
        reverse("ressources:hsds_import"), {"files": [_zip(files)]}
    )
    assert response.status_code == 200
    assert response.context["token"] is None
    html = response.content.decode()
    assert (
        "<tr><td>organizations.csv</td><td>2</td><td>website</td>"
        "<td>Saisissez une adresse web commençant par http:// ou https://.</td></tr>"
    ) in html
    assert not Service.objects.exists()
    assert _stored() == []
