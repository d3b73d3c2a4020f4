"""Accounts (issue 14): a relais who left is refused, lockout by username and address,
a per-address limit, 12-character passwords, an e-mail on every password change,
throttled reset requests, one-hour reset links and seven-day invitations."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from relais.models import Relais
from tests.factories.accounts import make_user
from tests.factories.relais import make_relais
from tisseurs import throttle
from tisseurs.accounts.tokens import invitation_token_generator

pytestmark = pytest.mark.django_db

PASSWORD = "right-pass-123"
SUSPENDED = "Votre accès est suspendu. Contactez la coordination."
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=ZoneInfo("Europe/Brussels"))


def login(address: str, username: str, password: str = PASSWORD, client=None):
    client = client or Client(REMOTE_ADDR=address)
    return client.post(reverse("login"), {"username": username, "password": password})


def relais_with_password(status=Relais.Status.ACTIVE) -> Relais:
    relais = make_relais(status=status)
    relais.user.set_password(PASSWORD)
    relais.user.save()
    return relais


NO_ACCESS = pytest.mark.parametrize(
    "status", [Relais.Status.LEFT, Relais.Status.SUSPENDED]
)


@NO_ACCESS
def test_a_relais_who_left_or_is_suspended_cannot_sign_in_and_is_told_why(status):
    relais = relais_with_password(status=status)
    response = login("10.0.0.1", relais.user.username)
    assert response.status_code == 200
    assert SUSPENDED in response.text
    assert "_auth_user_id" not in response.wsgi_request.session


@NO_ACCESS
def test_a_wrong_password_for_a_relais_without_access_reveals_nothing(status):
    relais = relais_with_password(status=status)
    response = login("10.0.0.1", relais.user.username, password="wrong-pass")
    assert SUSPENDED not in response.text
    assert "Saisissez un nom d’utilisateur et un mot de passe valides" in response.text


def test_a_relais_on_pause_still_signs_in():
    relais = relais_with_password(status=Relais.Status.PAUSED)
    response = login("10.0.0.1", relais.user.username)
    assert response.status_code == 302
    assert response.url == reverse("home")


@NO_ACCESS
def test_a_signed_in_relais_left_or_suspended_is_signed_out_at_next_request(status):
    relais = relais_with_password()
    client = Client()
    client.force_login(relais.user)
    assert client.get(reverse("relais_home")).status_code == 200
    Relais.objects.filter(pk=relais.pk).update(status=status)
    response = client.get(reverse("relais_home"))
    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next=/aujourdhui/"
    page = client.get(response.url)
    assert SUSPENDED in page.text
    assert "_auth_user_id" not in client.session
    relais.user.refresh_from_db()
    assert relais.user.is_active  # the account is kept, for history


def test_a_suspended_relais_set_back_to_active_signs_in_again():
    relais = relais_with_password(status=Relais.Status.SUSPENDED)
    assert login("10.0.0.1", relais.user.username).status_code == 200
    Relais.objects.filter(pk=relais.pk).update(status=Relais.Status.ACTIVE)
    response = login("10.0.0.2", relais.user.username)
    assert response.status_code == 302
    assert response.url == reverse("home")


def test_five_failures_lock_one_username_from_one_address_only():
    make_user(role="coordination", username="camille", password=PASSWORD)
    attacker = Client(REMOTE_ADDR="203.0.113.9")
    for _attempt in range(5):
        login("203.0.113.9", "camille", password="wrong", client=attacker)
    locked = login("203.0.113.9", "camille", client=attacker)
    assert locked.status_code == 429
    assert "Connexion bloquée" in locked.text
    # The real user, elsewhere, still signs in.
    elsewhere = login("198.51.100.4", "camille")
    assert elsewhere.status_code == 302
    assert elsewhere.url == reverse("home")


def test_one_address_trying_many_accounts_is_held_back(monkeypatch):
    monkeypatch.setattr(throttle, "LOGIN_ADDRESS_LIMIT", 6)
    monkeypatch.setattr("tisseurs.accounts.forms.LOGIN_ADDRESS_LIMIT", 6)
    for n in range(6):
        make_user(role="relais", username=f"relais{n}", password=PASSWORD)
    for n in range(6):  # one guess per account: axes alone would never lock
        response = login("203.0.113.9", f"relais{n}", password="demo")
        assert response.status_code == 200
    refused = login("203.0.113.9", "relais0")
    assert refused.status_code == 200
    assert "Trop de tentatives de connexion depuis cette adresse" in refused.text
    assert login("198.51.100.4", "relais0").status_code == 302


def test_passwords_need_twelve_characters():
    user = make_user(role="relais", username="anna")
    with pytest.raises(ValidationError) as error:
        validate_password("Kx7-tram-91", user)  # 11 characters
    assert error.value.messages == [
        "Ce mot de passe est trop court. Il doit contenir au minimum 12 caractères."
    ]
    validate_password("Kx7-tram-91b", user)  # 12: accepted


def test_a_password_change_is_mailed_in_the_users_language():
    user = make_user(role="relais", username="anna", password=PASSWORD, language="nl")
    client = Client()
    client.force_login(user)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "Zebra-kanaal-77",
            "new_password2": "Zebra-kanaal-77",
        },
    )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [user.email]
    assert message.subject == "Uw wachtwoord voor Tisseurs is gewijzigd"
    assert "anna" in message.body
    # The session that changed the password stays open.
    assert client.get(reverse("account")).status_code == 200


def test_a_password_set_from_a_reset_link_is_mailed():
    user = make_user(role="coordination", username="camille", email="c@example.org")
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    client = Client()
    form = client.get(reverse("password_reset_confirm", args=[uid, token]), follow=True)
    response = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "Zebra-kanaal-77", "new_password2": "Zebra-kanaal-77"},
    )
    assert response.status_code == 302
    assert [m.subject for m in mail.outbox] == [
        "Votre mot de passe Tisseurs a été changé"
    ]
    assert mail.outbox[0].to == ["c@example.org"]


def test_reset_requests_are_throttled_per_address_with_the_same_answer():
    for n in range(4):
        make_user(role="relais", username=f"r{n}", email=f"r{n}@example.org")
    client = Client(REMOTE_ADDR="203.0.113.9")
    answers = [
        client.post(reverse("password_reset"), {"email": f"r{n}@example.org"})
        for n in range(4)
    ]
    assert [(a.status_code, a.url) for a in answers] == [
        (302, reverse("password_reset_done"))
    ] * 4
    assert len(mail.outbox) == 3
    other = Client(REMOTE_ADDR="198.51.100.4")
    other.post(reverse("password_reset"), {"email": "r3@example.org"})
    assert len(mail.outbox) == 4


def test_reset_requests_are_throttled_per_email_across_addresses():
    make_user(role="relais", username="anna", email="anna@example.org")
    for n in range(5):
        Client(REMOTE_ADDR=f"203.0.113.{n}").post(
            reverse("password_reset"), {"email": "anna@example.org"}
        )
    assert len(mail.outbox) == 3


def test_reset_requests_start_over_after_an_hour():
    make_user(role="relais", username="anna", email="anna@example.org")
    with time_machine.travel(T0, tick=False) as traveller:
        for _n in range(4):
            Client().post(reverse("password_reset"), {"email": "anna@example.org"})
        assert len(mail.outbox) == 3
        traveller.shift(timedelta(minutes=61))
        Client().post(reverse("password_reset"), {"email": "anna@example.org"})
    assert len(mail.outbox) == 4


def _confirm(name: str, user, token: str):
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return Client().get(reverse(name, args=[uid, token]), follow=True)


@pytest.mark.parametrize(("minutes", "works"), [(59, True), (61, False)])
def test_reset_links_last_one_hour(minutes, works):
    user = make_user(role="relais", username="anna")
    with time_machine.travel(T0, tick=False) as traveller:
        token = default_token_generator.make_token(user)
        traveller.shift(timedelta(minutes=minutes))
        page = _confirm("password_reset_confirm", user, token)
    assert ("Ce lien ne fonctionne plus" not in page.text) is works
    assert ('name="new_password1"' in page.text) is works


@pytest.mark.parametrize(("days", "works"), [(6, True), (8, False)])
def test_invitations_last_seven_days(days, works):
    user = make_user(role="relais", username="anna")
    with time_machine.travel(T0, tick=False) as traveller:
        token = invitation_token_generator.make_token(user)
        traveller.shift(timedelta(days=days))
        page = _confirm("invitation_confirm", user, token)
    assert ('name="new_password1"' in page.text) is works


def test_reset_and_invitation_tokens_are_not_interchangeable():
    user = make_user(role="relais", username="anna")
    invitation = invitation_token_generator.make_token(user)
    reset = default_token_generator.make_token(user)
    assert (
        "Ce lien ne fonctionne plus"
        in _confirm("password_reset_confirm", user, invitation).text
    )
    assert (
        "Ce lien ne fonctionne plus" in _confirm("invitation_confirm", user, reset).text
    )
