"""Coordination enrols an authenticator on first sign-in (QR code and key on the
page), is shown the recovery codes, then signs in again with password and code."""

import os
import re
from base64 import b32decode

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from tests.browser.conftest import PASSWORD, login
from tests.factories.accounts import make_user

SHOTS = os.environ.get("TISSEURS_SCREENSHOTS", "")


def code_from_key(secret: str) -> str:
    key = b32decode(secret.replace(" ", "") + "=" * (-len(secret.replace(" ", "")) % 8))
    return str(totp(key)).zfill(6)


def shot(page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


@pytest.fixture
def required(settings):
    settings.TWO_FACTOR_REQUIRED = True


def test_staff_enrols_then_signs_in_with_a_code(required, desktop):
    make_user(role="coordination", username="camille", password=PASSWORD)
    login(desktop, "camille")
    assert "/compte/2fa/activer/" in desktop.url
    expect(desktop.get_by_role("heading", level=1)).to_have_text(
        "Activer la double authentification"
    )
    expect(desktop.locator("img.otp-qr")).to_be_visible()
    shot(desktop, "2fa-enrol")
    secret = desktop.locator("code.otp-secret").inner_text()
    desktop.fill("input[name=token]", code_from_key(secret))
    desktop.get_by_role("button", name="Activer").click()
    expect(desktop.get_by_role("heading", level=1)).to_have_text("Codes de secours")
    expect(desktop.locator(".recovery-codes li")).to_have_count(10)
    shot(desktop, "2fa-codes")
    desktop.get_by_role("link", name="Continuer").click()
    expect(desktop).to_have_url(re.compile("/coordination/$"))

    desktop.context.clear_cookies()
    # A code is accepted once: forget the one just used rather than wait 30 s.
    TOTPDevice.objects.update(last_t=-1)
    login(desktop, "camille")
    assert "/compte/2fa/verifier/" in desktop.url
    desktop.fill("input[name=token]", "999999")
    desktop.get_by_role("button", name="Valider").click()
    expect(desktop.locator(".invalid-feedback")).to_contain_text("pas valable")
    shot(desktop, "2fa-verify")
    TOTPDevice.objects.update(
        throttling_failure_count=0, throttling_failure_timestamp=None
    )
    desktop.fill("input[name=token]", code_from_key(secret))
    desktop.get_by_role("button", name="Valider").click()
    expect(desktop).to_have_url(re.compile("/coordination/$"))
    expect(desktop.get_by_role("heading", level=1)).to_contain_text("coordination")
