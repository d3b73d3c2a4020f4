"""The progressive web app's two public files, and which answers the service worker
may keep (docs/offline.md)."""

import json
import re

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def worker_config(response) -> dict:
    text = response.content.decode()
    return json.loads(re.search(r"const CONFIG = (\{.*?\});", text).group(1))


def test_the_service_worker_is_served_at_the_root_to_anyone():
    response = Client().get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    config = worker_config(response)
    assert "/static/js/outbox.js" in config["static"]
    assert config["fallback"] == reverse("prestations:outbox")
    # Only the relais pages are kept, never a staff page or the admin.
    assert "/prestations/sortie/" in config["pages"]
    assert "/prestations/situation/" in config["pages"]
    assert not any(
        page.startswith(("/coordination", "/admin", "/prestations/fiches", "/journal"))
        for page in config["pages"]
    )


def test_the_worker_version_follows_the_static_files(settings):
    before = worker_config(Client().get("/sw.js"))["version"]
    settings.STATIC_URL = "/static-v2/"
    after = worker_config(Client().get("/sw.js"))["version"]
    assert before != after


def test_the_manifest_opens_the_relais_home():
    response = Client().get("/manifest.webmanifest")
    assert response["Content-Type"] == "application/manifest+json"
    manifest = response.json()
    assert manifest["start_url"] == reverse("relais_home")
    assert manifest["display"] == "standalone"
    assert {icon["sizes"] for icon in manifest["icons"]} == {"192x192", "512x512"}


def test_only_a_relais_pages_may_be_kept_offline(anna_client, coordination):
    relais_page = anna_client.get(reverse("relais_home"))
    assert relais_page["X-Tisseurs-Offline"] == "relais"
    assert "no-store" in relais_page["Cache-Control"]
    staff = Client()
    staff.force_login(coordination)
    assert "X-Tisseurs-Offline" not in staff.get(reverse("coordination_home"))
    assert "X-Tisseurs-Offline" not in Client().get(reverse("login"))


def test_relais_pages_carry_the_offline_scripts_and_forms_their_keys(anna_client):
    home = anna_client.get(reverse("relais_home")).content.decode()
    assert 'rel="manifest"' in home
    assert "js/outbox.js" in home
    assert "data-outbox-link" in home
    form = anna_client.get(reverse("prestations:prestation_quick")).content.decode()
    assert 'data-outbox="sortie"' in form and "data-draft" in form
    assert 'name="client_uuid"' in form


def test_the_outbox_page_hands_the_phone_a_fresh_csrf_token(anna_client):
    url = reverse("prestations:outbox")
    page = anna_client.get(url)
    assert "Envoyer maintenant" in page.content.decode()
    token = anna_client.get(url, headers={"X-Tisseurs-Outbox": "1"}).json()["csrf"]
    assert len(token) == 64
