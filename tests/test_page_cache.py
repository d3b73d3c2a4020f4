"""The per-user page cache (tisseurs/freshness/pages.py): a page seen again with
nothing changed comes from memory; any write shows at once; nobody gets another
user's page; messages, forms and audited readings keep working.

Committed transactions (`transaction=True`), as in production: inside a transaction
the cache stays off (the data version changes at commit)."""

import re
from datetime import date

import hypothesis
import pytest
import time_machine
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection, transaction
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck
from hypothesis import strategies as st

from prestations.models import Prestation
from ressources.models import Theme
from tests.conftest import client_for
from tests.factories.prestations import make_prestation
from tisseurs.audit.models import AuditEntry, AuditKind
from tisseurs.freshness.pages import cached_page, page_key

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

MES_SORTIES = "/prestations/mes-sorties/"
OUTING_LINK = re.compile(rb'href="/prestations/sortie/\d+/"')


def _get(client, url):
    """GET `url`; the response and the number of SQL queries it took."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response, len(queries)


def _warm(client, url):
    """A browser's first two views: the first gives it its CSRF cookie, the second
    puts the page in the cache."""
    client.get(url)
    return _get(client, url)


def _this_month(relais, n: int, **fields):
    today = timezone.localdate()
    for day in range(n):
        make_prestation(relais=relais, date=today.replace(day=1 + day % 28), **fields)


@pytest.mark.parametrize("outings", [1, 25])
def test_a_page_seen_again_comes_from_the_cache(relais_anna, outings):
    _this_month(relais_anna, outings)
    client = client_for(relais_anna.user)
    drawn, drawn_queries = _warm(client, MES_SORTIES)
    again, again_queries = _get(client, MES_SORTIES)
    assert again.content == drawn.content
    # Session, user with relais and roles, and the data version: whatever the data.
    assert again_queries == 3 < drawn_queries
    # The checks around the page still run on a hit.
    assert again["Cache-Control"] == drawn["Cache-Control"]
    assert "no-store" in again["Cache-Control"]
    assert again["X-Tisseurs-Offline"] == "relais"
    assert again["Content-Type"] == drawn["Content-Type"]


def test_any_write_shows_at_once(relais_anna):
    _this_month(relais_anna, 1, people_met=3)
    client = client_for(relais_anna.user)
    _warm(client, MES_SORTIES)
    _get(client, MES_SORTIES)
    make_prestation(relais=relais_anna, date=timezone.localdate(), people_met=7)
    after, queries = _get(client, MES_SORTIES)
    assert queries > 4  # drawn again
    assert len(OUTING_LINK.findall(after.content)) == 2
    # An update without save() and a write in another app count too.
    _get(client, MES_SORTIES)
    Prestation.objects.filter(relais=relais_anna).update(people_met=9)
    assert _get(client, MES_SORTIES)[1] > 4
    _get(client, MES_SORTIES)
    theme = Theme.objects.first()
    theme.save()
    assert _get(client, MES_SORTIES)[1] > 4


def test_one_user_never_gets_another_users_page(relais_anna, relais_bruno):
    _this_month(relais_anna, 2)
    anna, bruno = client_for(relais_anna.user), client_for(relais_bruno.user)
    anna_page, _queries = _warm(anna, MES_SORTIES)
    bruno_page, bruno_queries = _warm(bruno, MES_SORTIES)
    assert b"Anna" in anna_page.content and b"Anna" not in bruno_page.content
    assert len(OUTING_LINK.findall(bruno_page.content)) == 0
    # A second browser of the same user has its own CSRF secret: its own entry.
    other_browser = client_for(relais_anna.user)
    page, _queries = _warm(other_browser, MES_SORTIES)
    token = other_browser.cookies["csrftoken"].value
    assert token != anna.cookies["csrftoken"].value
    assert page.content != anna_page.content  # its forms carry its own token


def test_each_language_has_its_own_page(relais_anna):
    client = client_for(relais_anna.user)
    french, _queries = _warm(client, MES_SORTIES)
    relais_anna.user.language = "nl"
    relais_anna.user.save(update_fields=["language"])
    dutch, _queries = _get(client, MES_SORTIES)
    assert b'lang="fr"' in french.content and b'lang="nl"' in dutch.content


def test_another_day_draws_the_page_again(relais_anna):
    client = client_for(relais_anna.user)
    with time_machine.travel(date(2026, 12, 1), tick=False):
        _warm(client, MES_SORTIES)
        assert _get(client, MES_SORTIES)[1] == 3
    with time_machine.travel(date(2026, 12, 2), tick=False):
        assert _get(client, MES_SORTIES)[1] > 3


def test_a_waiting_message_is_shown_and_never_cached(relais_anna):
    client = client_for(relais_anna.user)
    home = reverse("relais_home")
    page, _queries = _warm(client, home)
    # A message waits in the browser's cookie, as after a form saved elsewhere.
    storage = CookieStorage(RequestFactory().get("/"))
    client.cookies["messages"] = storage._encode(
        [Message(constants.INFO, "Message 4821")]
    )
    shown, queries = _get(client, home)
    assert queries > 4
    assert "Message 4821" in shown.content.decode()
    after, _queries = _get(client, home)
    assert "Message 4821" not in after.content.decode()
    assert after.content == page.content


def test_the_situations_list_is_audited_at_every_reading(coordination):
    client = client_for(coordination)
    url = reverse("prestations:situation_list")
    _warm(client, url)
    before = AuditEntry.objects.filter(kind=AuditKind.SITUATIONS_LIST).count()
    _response, queries = _get(client, url)
    entries = AuditEntry.objects.filter(kind=AuditKind.SITUATIONS_LIST)
    assert entries.count() == before + 1
    assert queries < 10  # from the cache, with its audit entry
    assert entries.order_by("-pk").first().detail["page"] == 1


def test_a_post_is_never_served_from_the_cache(relais_anna):
    client = client_for(relais_anna.user)
    url = reverse("prestations:prestation_quick")
    _warm(client, url)
    response = client.post(url, {})  # empty: the form comes back with its errors
    assert response.status_code == 200
    assert b"is-invalid" in response.content


# --- The rules, one by one ---------------------------------------------------------


def _request(user, *, method="get", path=MES_SORTIES, csrf="a" * 32, **extra):
    request = getattr(RequestFactory(), method)(path, **extra)
    request.user = user
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    if csrf:
        request.META["CSRF_COOKIE"] = csrf
    return request


def test_the_key_names_user_page_browser_and_day(relais_anna, relais_bruno):
    anna, bruno = relais_anna.user, relais_bruno.user
    Theme.objects.first().save()  # the data version exists
    key = page_key(_request(anna))
    assert key is not None and key == page_key(_request(anna))
    assert key != page_key(_request(bruno))
    assert key != page_key(_request(anna, path=MES_SORTIES + "?month=2026-01"))
    assert key != page_key(_request(anna, csrf="b" * 32))
    assert key != page_key(_request(anna, HTTP_HOST="localhost"))
    with time_machine.travel(timezone.now() + timezone.timedelta(days=1)):
        assert key != page_key(_request(anna))


def test_what_is_never_cached(relais_anna, settings):
    user = relais_anna.user
    Theme.objects.first().save()
    assert page_key(_request(user, method="post")) is None
    assert page_key(_request(user, csrf="")) is None
    from django.contrib.auth.models import AnonymousUser

    assert page_key(_request(AnonymousUser())) is None
    waiting = _request(user)
    waiting._messages.add(constants.INFO, "Message 4821")
    assert page_key(waiting) is None
    with transaction.atomic():
        assert page_key(_request(user)) is None
    settings.PAGE_CACHE_SECONDS = 0
    assert page_key(_request(user)) is None


def _counting_view(answer):
    calls = []

    @cached_page
    def view(request):
        calls.append(request)
        return answer(request)

    return view, calls


@pytest.mark.parametrize(
    "answer",
    [
        pytest.param(lambda request: HttpResponse("non", status=404), id="not a 200"),
        pytest.param(
            lambda request: _with_cookie(HttpResponse("ok")), id="a cookie set"
        ),
        pytest.param(
            lambda request: _session_changed(request, HttpResponse("ok")),
            id="the session changed",
        ),
        pytest.param(
            lambda request: _message_queued(request, HttpResponse("ok")),
            id="a message queued",
        ),
    ],
)
def test_answers_that_are_not_kept(relais_anna, answer):
    Theme.objects.first().save()
    view, calls = _counting_view(answer)
    for _time in range(2):
        view(_request(relais_anna.user))
    assert len(calls) == 2


def test_a_plain_page_is_kept(relais_anna):
    Theme.objects.first().save()
    view, calls = _counting_view(lambda request: HttpResponse("ok"))
    for _time in range(3):
        assert view(_request(relais_anna.user)).content == b"ok"
    assert len(calls) == 1


def _with_cookie(response):
    response.set_cookie("x", "1")
    return response


def _session_changed(request, response):
    request.session["x"] = 1
    return response


def _message_queued(request, response):
    request._messages.add(constants.SUCCESS, "Enregistré")
    return response


# --- The invariant, over any sequence of actions ---------------------------------

# Each drawing masks the CSRF secret anew (forms and the outbox's data-csrf).
CSRF_VALUE = re.compile(rb'(csrfmiddlewaretoken" value|data-csrf)="[A-Za-z0-9]{64}"')
PAGES = (MES_SORTIES, "/aujourdhui/", "/prestations/mon-mois/")
LANGUAGES = ("fr", "nl", "ar")


def _drawn(client, url, settings) -> bytes:
    """The page drawn now, page cache off."""
    settings.PAGE_CACHE_SECONDS = 0
    try:
        return client.get(url).content
    finally:
        settings.PAGE_CACHE_SECONDS = 60


@hypothesis.settings(max_examples=40, suppress_health_check=list(HealthCheck))
@hypothesis.given(
    actions=st.lists(
        st.one_of(
            st.tuples(st.just("view"), st.sampled_from("ab"), st.sampled_from(PAGES)),
            st.tuples(st.just("log"), st.sampled_from("ab"), st.integers(1, 9)),
            st.tuples(
                st.just("language"),
                st.sampled_from("ab"),
                st.sampled_from(["fr", "nl", "ar"]),
            ),
        ),
        min_size=1,
        max_size=12,
    )
)
def test_a_page_from_the_cache_is_the_page_drawn_now(
    relais_anna, relais_bruno, settings, actions
):
    """Whatever was viewed, logged or changed before, and by whom, a page served
    (from the cache or not) is the page drawn at that moment."""
    relais = {"a": relais_anna, "b": relais_bruno}
    clients = {key: client_for(r.user) for key, r in relais.items()}
    for client in clients.values():
        client.get(MES_SORTIES)  # the CSRF cookie
    for action, who, value in actions:
        if action == "log":
            make_prestation(
                relais=relais[who], date=timezone.localdate(), people_met=value
            )
        elif action == "language":
            user = relais[who].user
            user.language = value
            user.save(update_fields=["language"])
        else:
            served = clients[who].get(value).content
            drawn = _drawn(clients[who], value, settings)
            assert CSRF_VALUE.sub(b"", served) == CSRF_VALUE.sub(b"", drawn)
