"""Two-factor authentication (issue 14): required for staff before any page, the
enrolment and code steps, single-use recovery codes, the throttle on the code form,
the reset by coordination, relais opting in and out, and the audit trail of it all."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories.accounts import make_user
from tisseurs.audit.models import AuditEntry, AuditKind
from tisseurs.roles import COORDINATION

pytestmark = pytest.mark.django_db

CODES = ["abcd2345", "efgh6789", "jkmn2345"]


@pytest.fixture
def required(settings):
    settings.TWO_FACTOR_REQUIRED = True


def code_for(device: TOTPDevice) -> str:
    """The code the authenticator app shows now."""
    value = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    return str(value).zfill(device.digits)


def enrol(user) -> TOTPDevice:
    """`user` with a confirmed authenticator and three recovery codes."""
    device = TOTPDevice.objects.create(user=user, name="Tisseurs", confirmed=True)
    static = StaticDevice.objects.create(user=user, name="Tisseurs", confirmed=True)
    for code in CODES:
        StaticToken.objects.create(device=static, token=code)
    user.two_factor_enabled = True
    user.save(update_fields=["two_factor_enabled"])
    return device


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def kinds(user) -> list[str]:
    return list(
        AuditEntry.objects.filter(user=user)
        .order_by("pk")
        .values_list("kind", flat=True)
    )


# Who must have it


@pytest.mark.parametrize("path", ["/", "/coordination/", "/admin/", "/journal/"])
def test_staff_must_enrol_before_any_page(required, coordination, path):
    response = signed_in(coordination).get(path)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("two_factor_enroll") + "?next=")


def test_django_staff_without_role_must_enrol(required):
    admin = make_user(role=None, username="root", is_staff=True, is_superuser=True)
    response = signed_in(admin).get("/admin/")
    assert response["Location"].startswith(reverse("two_factor_enroll"))
    assert signed_in(admin).get(reverse("two_factor_enroll")).status_code == 200


def test_relais_is_not_asked_unless_they_opted_in(required, relais_anna):
    assert signed_in(relais_anna.user).get(reverse("relais_home")).status_code == 200
    enrol(relais_anna.user)
    response = signed_in(relais_anna.user).get(reverse("relais_home"))
    assert response["Location"].startswith(reverse("two_factor_verify"))


def test_demo_mode_does_not_force_staff_but_honours_an_enrolled_one(coordination):
    """TWO_FACTOR_REQUIRED is off with DEBUG on (the demo, and this suite)."""
    client = signed_in(coordination)
    assert client.get(reverse("coordination_home")).status_code == 200
    enrol(coordination)
    response = signed_in(coordination).get(reverse("coordination_home"))
    assert response["Location"].startswith(reverse("two_factor_verify"))


def test_sign_out_and_language_stay_open_before_the_code(required, coordination):
    client = signed_in(coordination)
    assert client.post(reverse("set_language"), {"language": "nl"}).status_code == 302
    assert client.post(reverse("logout"))["Location"] == reverse("login")


# Enrolment


def test_enrolment_shows_a_qr_code_then_confirms_with_a_code(required, coordination):
    coordination.email = "camille@example.org"
    coordination.save()
    client = signed_in(coordination)
    page = client.get(reverse("two_factor_enroll"), {"next": "/coordination/"})
    html = page.content.decode()
    assert 'src="data:image/svg+xml;base64,' in html
    device = TOTPDevice.objects.get(user=coordination, confirmed=False)
    assert page.context["secret"].replace(" ", "") in html.replace(" ", "")
    # The same secret on a second visit: a scanned code stays valid.
    client.get(reverse("two_factor_enroll"))
    assert TOTPDevice.objects.filter(user=coordination).count() == 1

    wrong = client.post(reverse("two_factor_enroll"), {"token": "000000"})
    assert wrong.status_code == 200
    assert "Ce code n&#x27;est pas valable" in wrong.content.decode()
    coordination.refresh_from_db()
    assert not coordination.two_factor_enabled

    device.throttle_reset()
    response = client.post(
        reverse("two_factor_enroll") + "?next=/coordination/",
        {"token": code_for(device), "next": "/coordination/"},
    )
    assert response["Location"].startswith(reverse("two_factor_recovery_codes"))
    codes_page = client.get(response["Location"])
    codes = codes_page.context["codes"]
    assert len(codes) == 10 and len(set(codes)) == 10
    assert all(code in codes_page.content.decode() for code in codes)
    # Shown once only.
    assert client.get(reverse("two_factor_recovery_codes")).context["codes"] is None

    coordination.refresh_from_db()
    assert coordination.two_factor_enabled
    assert client.get(reverse("coordination_home")).status_code == 200
    assert AuditKind.TWO_FACTOR_ENROLLED in kinds(coordination)
    assert AuditKind.TWO_FACTOR_FAILED in kinds(coordination)
    assert [m.to for m in mail.outbox] == [["camille@example.org"]]
    assert "double authentification" in mail.outbox[0].subject


def test_enrolment_ends_the_other_sessions(required, coordination):
    other = signed_in(coordination)
    client = signed_in(coordination)
    device = TOTPDevice.objects.create(user=coordination, confirmed=False)
    client.post(reverse("two_factor_enroll"), {"token": code_for(device)})
    assert client.get(reverse("coordination_home")).status_code == 200
    assert other.get(reverse("coordination_home"))["Location"].startswith(
        reverse("login")
    )


# The code after the password


def test_password_then_code_then_the_page(required, coordination):
    coordination.set_password("right-pass-123")
    coordination.save()
    device = enrol(coordination)
    client = Client()
    response = client.post(
        reverse("login") + "?next=/coordination/",
        {"username": "camille", "password": "right-pass-123", "next": "/coordination/"},
    )
    assert response["Location"] == "/coordination/"
    step = client.get("/coordination/")
    assert step["Location"] == reverse("two_factor_verify") + "?next=%2Fcoordination%2F"
    page = client.get(step["Location"])
    assert page.status_code == 200
    done = client.post(
        step["Location"], {"token": code_for(device), "next": "/coordination/"}
    )
    assert done["Location"] == "/coordination/"
    assert client.get("/coordination/").status_code == 200
    assert kinds(coordination)[-1] == AuditKind.TWO_FACTOR_VERIFIED


def test_a_wrong_code_is_refused_and_audited(required, coordination):
    enrol(coordination)
    client = signed_in(coordination)
    response = client.post(reverse("two_factor_verify"), {"token": "123 456"})
    assert response.status_code == 200
    assert response.context["form"].errors["token"]
    assert client.get("/coordination/").status_code == 302
    assert kinds(coordination)[-1] == AuditKind.TWO_FACTOR_FAILED


def test_recovery_codes_work_once(required, coordination):
    enrol(coordination)
    first = signed_in(coordination)
    response = first.post(reverse("two_factor_verify"), {"token": "ABCD-2345"})
    assert response.status_code == 302
    assert first.get("/coordination/").status_code == 200
    assert AuditKind.TWO_FACTOR_RECOVERY in kinds(coordination)
    assert StaticToken.objects.filter(device__user=coordination).count() == 2

    again = signed_in(coordination)
    refused = again.post(reverse("two_factor_verify"), {"token": "abcd2345"})
    assert refused.status_code == 200
    assert again.get("/coordination/").status_code == 302


def test_the_code_form_is_throttled(required, settings, coordination):
    """Five wrong codes, then even the right code is refused for 15 minutes."""
    device = enrol(coordination)
    client = signed_in(coordination)
    for _attempt in range(settings.TWO_FACTOR_FAILURE_LIMIT):
        client.post(reverse("two_factor_verify"), {"token": "000000"})
    device.refresh_from_db()
    device.throttle_reset()  # django-otp's own delay aside: ours still holds
    response = client.post(reverse("two_factor_verify"), {"token": code_for(device)})
    assert response.status_code == 200
    assert "Trop de codes erronés" in response.content.decode()
    assert client.get("/coordination/").status_code == 302
    failed = kinds(coordination).count(AuditKind.TWO_FACTOR_FAILED)
    assert failed == settings.TWO_FACTOR_FAILURE_LIMIT + 1


def test_renewed_recovery_codes_replace_the_old_ones(coordination):
    enrol(coordination)
    client = signed_in(coordination)
    client.post(reverse("two_factor_verify"), {"token": CODES[0]})
    response = client.post(reverse("two_factor_recovery_codes_new"))
    codes = client.get(response["Location"]).context["codes"]
    assert len(codes) == 10
    tokens = set(StaticToken.objects.values_list("token", flat=True))
    assert tokens == set(codes)


# Reset and opting out


def test_coordination_resets_a_lost_phone(required, coordination, direction):
    direction.email = "luc@example.org"
    direction.save()
    enrol(direction)
    client = signed_in(coordination)
    enrol(coordination)
    client.post(reverse("two_factor_verify"), {"token": CODES[1]})
    mail.outbox.clear()
    listing = client.get(reverse("two_factor_users"))
    assert listing.status_code == 200
    assert (
        reverse("two_factor_user_reset", args=[direction.pk])
        in listing.content.decode()
    )

    response = client.post(reverse("two_factor_user_reset", args=[direction.pk]))
    assert response["Location"] == reverse("two_factor_users")
    direction.refresh_from_db()
    assert not direction.two_factor_enabled
    assert not TOTPDevice.objects.filter(user=direction).exists()
    assert not StaticDevice.objects.filter(user=direction).exists()
    entry = AuditEntry.objects.filter(kind=AuditKind.TWO_FACTOR_RESET).get()
    assert entry.user == coordination and entry.detail == {"user_id": direction.pk}
    assert [m.to for m in mail.outbox] == [["luc@example.org"]]
    # Direction enrols again at the next page.
    assert (
        signed_in(direction)
        .get("/")["Location"]
        .startswith(reverse("two_factor_enroll"))
    )


def test_nobody_resets_their_own_second_factor_from_the_list(coordination):
    enrol(coordination)
    client = signed_in(coordination)
    client.post(reverse("two_factor_verify"), {"token": CODES[0]})
    client.post(reverse("two_factor_user_reset", args=[coordination.pk]))
    coordination.refresh_from_db()
    assert coordination.two_factor_enabled


def test_a_relais_opts_in_and_out(relais_anna):
    user = relais_anna.user
    client = signed_in(user)
    client.get(reverse("two_factor_enroll"))
    device = TOTPDevice.objects.get(user=user)
    client.post(reverse("two_factor_enroll"), {"token": code_for(device)})
    user.refresh_from_db()
    assert user.two_factor_enabled
    assert client.get(reverse("account")).status_code == 200
    assert client.post(reverse("two_factor_disable"))["Location"] == reverse("account")
    user.refresh_from_db()
    assert not user.two_factor_enabled
    assert kinds(user)[-1] == AuditKind.TWO_FACTOR_RESET


def test_staff_cannot_switch_it_off(required, coordination):
    enrol(coordination)
    client = signed_in(coordination)
    client.post(reverse("two_factor_verify"), {"token": CODES[0]})
    assert client.post(reverse("two_factor_disable")).status_code == 403
    coordination.refresh_from_db()
    assert coordination.two_factor_enabled


def test_the_accounts_list_has_a_fixed_number_of_queries(coordination_client):
    def count() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert (
                coordination_client.get(reverse("two_factor_users")).status_code == 200
            )
        return len(queries)

    few = count()
    for n in range(15):
        enrol(make_user(role=COORDINATION, username=f"staff{n}"))
    assert count() == few
