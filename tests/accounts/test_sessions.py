"""Sessions (issue 14): staff time out after 30 minutes idle and 12 hours in all;
relais sessions slide; "log out everywhere" ends every session of the user."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from tests.factories.accounts import make_user
from tisseurs.sessions import LOGIN_AT, SEEN_AT

pytestmark = pytest.mark.django_db

T0 = datetime(2026, 3, 2, 8, 0, tzinfo=ZoneInfo("Europe/Brussels"))
EXPIRED = "Votre session a expiré. Reconnectez-vous pour continuer."
PASSWORD = "right-pass-123"


def signed_in(user) -> Client:
    client = Client()
    client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert "_auth_user_id" in client.session
    return client


def assert_sent_to_login(response, path: str) -> None:
    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={path}"


@pytest.fixture
def camille(db):
    return make_user(role="coordination", username="camille", password=PASSWORD)


@pytest.fixture
def anna(db):
    return make_user(role="relais", username="anna", password=PASSWORD)


def test_the_login_stamps_the_session(camille):
    with time_machine.travel(T0, tick=False):
        client = signed_in(camille)
        assert client.session[LOGIN_AT] == T0.timestamp()
        assert client.session[SEEN_AT] == T0.timestamp()


@pytest.mark.parametrize(("idle", "still_in"), [(29, True), (31, False)])
def test_staff_sessions_end_after_thirty_minutes_idle(camille, idle, still_in):
    with time_machine.travel(T0, tick=False) as traveller:
        client = signed_in(camille)
        traveller.shift(timedelta(minutes=idle))
        response = client.get("/coordination/?tab=alertes")
        if still_in:
            assert response.status_code == 200
        else:
            assert_sent_to_login(response, "/coordination/%3Ftab%3Dalertes")
            page = client.get(response.url)
            assert EXPIRED in page.text
            assert "_auth_user_id" not in client.session


def test_staff_sessions_end_after_twelve_hours_however_busy(camille):
    with time_machine.travel(T0, tick=False) as traveller:
        client = signed_in(camille)
        for _step in range(12 * 3):  # a request every 20 minutes for 12 hours
            traveller.shift(timedelta(minutes=20))
            assert client.get(reverse("account")).status_code == 200
        traveller.shift(timedelta(minutes=1))
        assert_sent_to_login(client.get(reverse("account")), reverse("account"))


def test_relais_sessions_slide_with_daily_use(anna):
    with time_machine.travel(T0, tick=False) as traveller:
        client = signed_in(anna)
        for _day in range(20):
            traveller.shift(timedelta(days=1))
            assert client.get(reverse("relais_home")).status_code == 200
        traveller.shift(timedelta(days=29))  # a long pause, still within 30 days
        assert client.get(reverse("relais_home")).status_code == 200


def test_relais_sessions_end_after_thirty_one_days_idle(anna):
    with time_machine.travel(T0, tick=False) as traveller:
        client = signed_in(anna)
        traveller.shift(timedelta(days=31))
        response = client.get(reverse("relais_home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert "_auth_user_id" not in client.session


def test_log_out_everywhere_ends_every_session_of_the_user(camille):
    office = signed_in(camille)
    home = signed_in(camille)
    someone_else = signed_in(
        make_user(role="coordination", username="luc", password=PASSWORD)
    )
    response = office.post(reverse("logout_everywhere"), follow=True)
    assert response.redirect_chain == [(reverse("login"), 302)]
    assert "Toutes vos sessions sont fermées, celle-ci aussi." in response.text
    assert "_auth_user_id" not in office.session

    ended = home.get(reverse("account"))
    assert_sent_to_login(ended, reverse("account"))
    assert "Cette session a été fermée depuis votre compte." in home.get(ended.url).text
    assert someone_else.get(reverse("account")).status_code == 200
    # Signing in again opens a fresh, valid session.
    assert signed_in(camille).get(reverse("account")).status_code == 200


def test_log_out_everywhere_is_a_post(camille):
    client = signed_in(camille)
    assert client.get(reverse("logout_everywhere")).status_code == 405


def test_the_account_page_offers_log_out_everywhere(camille):
    page = signed_in(camille).get(reverse("account"))
    assert f'action="{reverse("logout_everywhere")}"' in page.text
    assert "Me déconnecter partout" in page.text
