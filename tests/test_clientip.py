"""The client's address behind a reverse proxy (tisseurs/clientip.py): read from
X-Forwarded-For only when the request comes from a proxy named in TRUSTED_PROXY, and
then used by the audit trail, the login lockout and the throttles. And the throttles'
cache is shared by every worker (the database cache)."""

import importlib

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from tests.factories.accounts import make_user
from tisseurs.audit.models import AuditEntry, AuditKind
from tisseurs.clientip import client_address

PROXY = "10.0.0.2"


def request(remote: str, forwarded: str | None = None):
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **headers)


def test_without_a_trusted_proxy_the_header_is_ignored(settings):
    settings.TRUSTED_PROXY = []
    assert client_address(request("203.0.113.9", "198.51.100.7")) == "203.0.113.9"


@pytest.mark.parametrize(
    ("forwarded", "expected"),
    [
        ("198.51.100.7", "198.51.100.7"),
        # The client wrote the first address itself: only our proxy's is believed.
        ("6.6.6.6, 198.51.100.7", "198.51.100.7"),
        (f"198.51.100.7, {PROXY}", "198.51.100.7"),
        ("2001:db8::1", "2001:db8::1"),
        ("not-an-address", PROXY),
        ("", PROXY),
    ],
)
def test_behind_the_trusted_proxy_its_forwarded_address_counts(
    settings, forwarded, expected
):
    settings.TRUSTED_PROXY = [PROXY]
    assert client_address(request(PROXY, forwarded)) == expected


def test_a_request_not_from_the_proxy_cannot_pretend(settings):
    settings.TRUSTED_PROXY = [PROXY]
    assert client_address(request("203.0.113.9", "198.51.100.7")) == "203.0.113.9"


@pytest.mark.django_db
def test_audit_and_lockout_see_the_forwarded_address(settings):
    settings.TRUSTED_PROXY = [PROXY]
    make_user(role="coordination", username="camille", password="right-pass-123")
    attacker = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.66")
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        attacker.post(
            reverse("login"), {"username": "camille", "password": "wrong-pass-000"}
        )
    failed = AuditEntry.objects.filter(kind=AuditKind.LOGIN_FAILED)
    assert set(failed.values_list("ip_address", flat=True)) == {"198.51.100.66"}
    # Locked from the attacker's address, not from the proxy's: the real user,
    # behind the same proxy from elsewhere, still signs in.
    locked = attacker.post(
        reverse("login"), {"username": "camille", "password": "right-pass-123"}
    )
    assert locked.status_code == 429
    user = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.10")
    response = user.post(
        reverse("login"), {"username": "camille", "password": "right-pass-123"}
    )
    assert response.status_code == 302
    login = AuditEntry.objects.get(kind=AuditKind.LOGIN)
    assert login.ip_address == "203.0.113.10"


def test_production_counts_throttles_in_the_shared_database_cache(monkeypatch):
    monkeypatch.setenv("DEBUG", "true")
    import tisseurs.settings as project_settings

    project = importlib.reload(project_settings)
    assert project.CACHES["default"]["BACKEND"] == (
        "django.core.cache.backends.db.DatabaseCache"
    )
    assert project.AXES_CLIENT_IP_CALLABLE == "tisseurs.clientip.client_address"
