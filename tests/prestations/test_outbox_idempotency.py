"""The phone's outbox resends an entry until it hears back: the server stores each
client key exactly once, answers a replay with the stored object, and tells the
outbox (header X-Tisseurs-Outbox) what went wrong as JSON (tisseurs/outbox.py)."""

import uuid
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from prestations.models import DefraiementLine, Place, Prestation, Situation
from relais.models import Regime
from ressources.models import Theme
from tests.factories.prestations import make_prestation
from tests.factories.relais import make_regime
from tests.personas import make_anna

pytestmark = pytest.mark.django_db

QUICK = reverse("prestations:prestation_quick")
OUTBOX = {"headers": {"X-Tisseurs-Outbox": "1"}}


def outing(**overrides):
    return {
        "date": "2026-03-10",
        "place": Place.MOBILE,
        "kind": "round",
        "people_met": "7",
        "travel_mode": "none",
        **overrides,
    }


def situation_data(**overrides):
    return {
        "age_band": "26-64",
        "gender": "f",
        "language": "ar",
        "is_first_contact": "True",
        "themes": [Theme.objects.first().pk],
        "person_informed": "on",
        **overrides,
    }


def claim(**overrides):
    return {
        "kind": "transport",
        "date": "2026-03-17",
        "transport_mode": "public",
        "amount": "2.60",
        **overrides,
    }


def test_the_same_outing_posted_twice_is_stored_once(relais_anna, anna_client):
    key = str(uuid.uuid4())
    first = anna_client.post(QUICK, outing(client_uuid=key, done="1"))
    second = anna_client.post(QUICK, outing(client_uuid=key, done="1"))
    prestation = Prestation.objects.get()
    assert str(prestation.client_uuid) == key
    assert first.status_code == second.status_code == 302
    assert first.url == second.url == prestation.get_absolute_url()


def test_a_replay_of_an_outing_with_situations_goes_to_its_situations(
    relais_anna, anna_client
):
    key = str(uuid.uuid4())
    anna_client.post(QUICK, outing(client_uuid=key, add_situation="1"))
    # The phone lost the answer; the replay is now invalid (no place) but was stored.
    response = anna_client.post(
        QUICK, outing(client_uuid=key, place="", add_situation="1"), **OUTBOX
    )
    prestation = Prestation.objects.get()
    assert response.status_code == 200
    assert response.json() == {
        "url": reverse("prestations:situation_add", args=[prestation.pk]),
        "replay": True,
    }


def test_outings_without_a_key_are_stored_per_post_as_before(relais_anna, anna_client):
    anna_client.post(QUICK, outing(done="1"))
    anna_client.post(QUICK, outing(done="1", client_uuid="not-a-uuid"))
    assert Prestation.objects.count() == 2
    assert not Prestation.objects.filter(client_uuid__isnull=False).exists()


def test_the_outbox_gets_json_and_the_errors_of_a_refused_outing(
    relais_anna, anna_client
):
    key = str(uuid.uuid4())
    response = anna_client.post(
        QUICK, outing(client_uuid=key, travel_mode="car", done="1"), **OUTBOX
    )
    assert response.status_code == 400
    assert "travel_km" in response.json()["errors"]
    assert not Prestation.objects.exists()
    response = anna_client.post(QUICK, outing(client_uuid=key, done="1"), **OUTBOX)
    assert response.status_code == 200
    assert response.json()["url"] == Prestation.objects.get().get_absolute_url()
    assert response.json()["replay"] is False


def test_a_key_stored_by_another_relais_is_a_404(
    relais_anna, relais_bruno, anna_client
):
    key = uuid.uuid4()
    make_prestation(relais=relais_bruno, date=date(2026, 3, 10), client_uuid=key)
    response = anna_client.post(QUICK, outing(client_uuid=str(key), done="1"))
    assert response.status_code == 404
    assert Prestation.objects.count() == 1


def test_the_same_situation_posted_twice_is_stored_once(relais_anna, anna_client):
    prestation = make_prestation(relais=relais_anna, date=date(2026, 3, 10))
    url = reverse("prestations:situation_add", args=[prestation.pk])
    key = str(uuid.uuid4())
    first = anna_client.post(url, situation_data(client_uuid=key, another="1"))
    second = anna_client.post(
        url, situation_data(client_uuid=key, another="1"), **OUTBOX
    )
    situation = Situation.objects.get()
    assert str(situation.client_uuid) == key
    assert first.url == url
    assert second.json() == {"url": url, "replay": True}


def test_a_refused_situation_answers_its_errors_to_the_outbox(relais_anna, anna_client):
    prestation = make_prestation(relais=relais_anna, date=date(2026, 3, 10))
    url = reverse("prestations:situation_add", args=[prestation.pk])
    response = anna_client.post(
        url,
        situation_data(client_uuid=str(uuid.uuid4()), note="Appeler au 0470 12 34 56"),
        **OUTBOX,
    )
    assert response.status_code == 400
    assert response.json()["errors"]["note"]
    assert not Situation.objects.exists()


def test_the_same_expense_posted_twice_is_stored_once(relais_anna, anna_client):
    make_regime(relais_anna, 2026, Regime.FORFAIT)
    make_prestation(relais=relais_anna, date=date(2026, 3, 17))
    url = reverse("prestations:fiche_claim_add") + "?month=2026-03"
    key = str(uuid.uuid4())
    first = anna_client.post(url, claim(client_uuid=key))
    second = anna_client.post(url, claim(client_uuid=key), **OUTBOX)
    # The outing's forfait is derived on its own; the hand line is stored once.
    line = DefraiementLine.objects.get(prestation__isnull=True)
    assert line.amount == Decimal("2.60") and str(line.client_uuid) == key
    assert DefraiementLine.objects.filter(client_uuid=key).count() == 1
    assert DefraiementLine.objects.filter(prestation__isnull=False).count() == 1
    assert first.status_code == 302
    assert second.json() == {
        "url": reverse("prestations:fiche_mine") + "?month=2026-03",
        "replay": True,
    }


def test_an_expense_with_a_receipt_resent_is_stored_once(relais_anna, anna_client):
    make_regime(relais_anna, 2026, Regime.FRAIS_REELS)
    url = reverse("prestations:fiche_claim_add") + "?month=2026-03"
    key = str(uuid.uuid4())
    for _ in range(3):
        photo = SimpleUploadedFile("t.jpg", b"\xff\xd8\xff", content_type="image/jpeg")
        response = anna_client.post(
            url,
            claim(
                kind="real_cost",
                date="2026-03-05",
                amount="8.40",
                purpose="Photocopies",
                transport_mode="",
                receipt=photo,
                client_uuid=key,
            ),
            **OUTBOX,
        )
        assert response.status_code == 200
    assert DefraiementLine.objects.get().receipt.name.endswith(".jpg")


class TestAnyNumberOfResends(TestCase):
    """However many times, and in whatever order, the outbox resends a set of
    entries, each key is stored exactly once."""

    @given(st.lists(st.integers(min_value=0, max_value=3), min_size=1, max_size=12))
    def test_each_key_is_stored_once(self, sends):
        client = Client()
        client.force_login(make_anna().user)
        keys = [str(uuid.UUID(int=n + 1)) for n in range(4)]
        for n in sends:
            response = client.post(
                QUICK, outing(client_uuid=keys[n], done="1"), **OUTBOX
            )
            assert response.status_code == 200
        assert Prestation.objects.count() == len(set(sends))
        assert {str(p.client_uuid) for p in Prestation.objects.all()} == {
            keys[n] for n in sends
        }


def test_a_send_from_the_outbox_leaves_no_message_for_a_later_page(
    relais_anna, anna_client
):
    anna_client.post(QUICK, outing(client_uuid=str(uuid.uuid4()), done="1"), **OUTBOX)
    page = anna_client.get(reverse("relais_home"))
    assert "Sortie enregistrée." not in page.content.decode()
    # Sent from the form the relais is on: the next page says it.
    anna_client.post(
        QUICK,
        outing(client_uuid=str(uuid.uuid4()), done="1"),
        headers={"X-Tisseurs-Outbox": "page"},
    )
    page = anna_client.get(reverse("relais_home"))
    assert "Sortie enregistrée." in page.content.decode()
    assert Prestation.objects.count() == 2


def test_two_expenses_sent_later_without_a_version_are_both_added(
    relais_anna, anna_client
):
    """The outbox leaves out the month's version: two expenses kept offline both
    arrive, though the first changes the month's version."""
    make_regime(relais_anna, 2026, Regime.FORFAIT)
    make_prestation(relais=relais_anna, date=date(2026, 3, 17))
    url = reverse("prestations:fiche_claim_add") + "?month=2026-03"
    for amount in ("2.60", "3.10"):
        response = anna_client.post(
            url, claim(amount=amount, client_uuid=str(uuid.uuid4())), **OUTBOX
        )
        assert response.status_code == 200
    hand = DefraiementLine.objects.filter(prestation__isnull=True)
    assert sorted(hand.values_list("amount", flat=True)) == [
        Decimal("2.60"),
        Decimal("3.10"),
    ]
    # Besides them, only the outing's own forfait, derived once.
    assert DefraiementLine.objects.filter(prestation__isnull=False).count() == 1


def test_a_situation_for_a_waiting_outing_waits_for_it_then_is_stored_once(
    relais_anna, anna_client
):
    key = str(uuid.uuid4())
    url = reverse("prestations:situation_add_pending", kwargs={"key": key})
    page = anna_client.get(url)
    assert page.status_code == 200
    assert "Pour la sortie en attente d'envoi" in page.content.decode()
    situation_key = str(uuid.uuid4())
    early = anna_client.post(
        url, situation_data(client_uuid=situation_key, done="1"), **OUTBOX
    )
    assert early.status_code == 409  # the outing has not arrived: try again later
    assert not Situation.objects.exists()

    anna_client.post(QUICK, outing(client_uuid=key, add_situation="1"), **OUTBOX)
    prestation = Prestation.objects.get()
    for _ in range(2):
        response = anna_client.post(
            url, situation_data(client_uuid=situation_key, done="1"), **OUTBOX
        )
        assert response.json()["url"] == prestation.get_absolute_url()
    assert Situation.objects.get().prestation == prestation
    # Once the outing is there, the page is its situation form.
    assert "Situation n° 2" in anna_client.get(url).content.decode()
