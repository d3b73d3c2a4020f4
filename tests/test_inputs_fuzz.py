"""Every URL of the permission matrix, requested with random and extreme values for
every query parameter the views read and for its integer path ids, as each role
allowed in: no answer is a 5xx (issue 14, "Inputs")."""

import re

import pytest
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from activites.forms import AgendaFilterForm
from prestations.forms.prestation import PrestationFilterForm, SituationFilterForm
from rapports.forms import PeriodForm
from relais.forms import RelaisFilterForm
from ressources.forms import SearchForm, SelectionForm
from tests.permissions import World, cases

CASES = cases()

# What the views read from query strings (tisseurs/params.py), plus every field of
# the filter forms bound to request.GET.
PARAMETERS = sorted(
    {
        "month", "week", "day", "year", "page", "q", "lang", "language", "format",
        "output", "activite", "service", "token", "next", "from", "to", "relais",
        "theme", "fiche", "form", "action", "comment",
    }
    | {
        name
        for form in (
            AgendaFilterForm, PrestationFilterForm, SituationFilterForm, PeriodForm,
            RelaisFilterForm, SearchForm, SelectionForm,
        )
        for name in form.base_fields
    }
)  # fmt: skip

EXTREMES = [
    "", " ", "0", "-1", "1", "2147483648", str(2**63), str(2**64), "9" * 40,
    "1e999", "nan", "inf", "abc", "\x00", "é🙂", "' OR 1=1 --", "<script>",
    "9999-12", "0000-01", "0001-01", "2026-13", "2026-00", "-2026-01", "10000-01",
    "9999-12-31", "0001-01-01", "2026-02-31", "2026-02-29", "9999", "0", "last",
    "fr", "nl", "a4", "pdf", "csv", "xlsx",
]  # fmt: skip
VALUES = st.one_of(
    st.sampled_from(EXTREMES),
    st.text(max_size=12),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.dates().map(str),
)
QUERIES = st.dictionaries(st.sampled_from(PARAMETERS), VALUES, max_size=6)
IDS = st.sampled_from([0, -1, 1, 2**31, 2**63, 10**18 - 1, 10**18, 10**30])
# A placeholder id reversed into the URL, then replaced by the generated one.
PLACEHOLDER = 918273645


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The personas built once for the module, as in tests/test_permissions.py."""
    atomic = transaction.atomic()
    with django_db_blocker.unblock():
        atomic.__enter__()
        world = World.build()
    yield world
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)


def _roles(case) -> list[str]:
    """The roles the view itself answers (the others stop at @role_required)."""
    roles = [role for role, status in case.expect.items() if status != 403]
    return roles or ["anonymous"]


def _url(case, world, ids: dict) -> str:
    kwargs = case.kwargs(world) if case.kwargs else {}
    replaced = {}
    for position, (name, value) in enumerate(sorted(kwargs.items())):
        if isinstance(value, int) and name in ids:
            replaced[PLACEHOLDER + position] = ids[name]
            kwargs[name] = PLACEHOLDER + position
    url = reverse(case.name, kwargs=kwargs)
    for placeholder, value in replaced.items():
        url = re.sub(rf"/{placeholder}/", f"/{value}/", url)
    return url


@pytest.mark.django_db
@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
@settings(
    max_examples=6,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_no_url_answers_5xx(case, world, data):
    role = data.draw(st.sampled_from(_roles(case)), label="role")
    query = data.draw(QUERIES, label="query")
    ids = data.draw(st.dictionaries(st.sampled_from(["pk", "version"]), IDS))
    with transaction.atomic():
        client = world.client_for(role)
        url = _url(case, world, ids)
        body = case.data(world) if callable(case.data) else dict(case.data or {})
        if case.method == "post" and body:
            overrides = st.dictionaries(st.sampled_from(sorted(body)), VALUES)
            body.update(data.draw(overrides, label="body"))
        if case.method == "post":
            body.update(query)
            query = {}
        try:
            response = getattr(client, case.method)(url, {**query, **body})
        finally:
            transaction.set_rollback(True)
    assert response.status_code < 500, f"{case.id} as {role}: {url} {query} {body}"
