"""Every URL × every role, plus anonymous (docs/conventions.md §10)."""

import pytest
from django.conf import settings
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation

from tests.permissions import ROLES, World, cases
from tests.test_headers import header_problems

# Django's admin has its own staff-only login; nothing else is left out.
EXCLUDED_NAMESPACES = {"admin"}

CASES = cases()


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The personas, built and signed in once for the module, in a transaction
    rolled back at its end; each test runs in a savepoint of it (`db`), each role's
    request in a savepoint of that one."""
    atomic = transaction.atomic()
    with django_db_blocker.unblock():
        atomic.__enter__()
        world = World.build()
    yield world
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)


@pytest.mark.django_db
@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_permission_matrix(case, world):
    """One row of the matrix: the case's URL requested as every role."""
    wrong = []
    for role in ROLES:
        response = _request(case, role, world)
        expected = case.status_for(role)
        if response.status_code != expected:
            got = response.status_code
            wrong.append(f"{case.id} as {role}: got {got}, expected {expected}")
        elif role == "anonymous" and not case.public:
            if not response.url.startswith(reverse(settings.LOGIN_URL)):
                wrong.append(f"{case.id} as {role}: sent to {response.url}, not login")
        wrong.extend(
            f"{case.id} as {role}: {p}" for p in header_problems(response, role)
        )
    assert not wrong, "\n".join(wrong)


def _request(case, role, world):
    """The case's request as `role`, in French, in a savepoint rolled back after it:
    every role meets the same world, whatever the roles before it changed."""
    with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
        client = world.client_for(role)
        kwargs = case.kwargs(world) if case.kwargs else {}
        query = f"?{case.query}" if case.query else ""
        url = reverse(case.name, kwargs=kwargs) + query
        data = case.data(world) if callable(case.data) else (case.data or {})
        try:
            response = getattr(client, case.method)(url, data)
        except Exception as error:
            error.add_note(f"raised by {case.id} as {role}")
            raise
        transaction.set_rollback(True)
    return response


def _named_urls(resolver: URLResolver, namespace: str = "") -> set[str]:
    names = set()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or ""
            if inner in EXCLUDED_NAMESPACES:
                continue
            prefix = f"{namespace}{inner}:" if inner else namespace
            names |= _named_urls(pattern, prefix)
        elif isinstance(pattern, URLPattern):
            assert pattern.name, f"unnamed URL pattern {pattern.pattern!r}"
            names.add(f"{namespace}{pattern.name}")
    return names


def test_every_url_is_in_the_permission_matrix():
    missing = _named_urls(get_resolver()) - {case.name for case in CASES}
    assert not missing, f"URLs missing from tests/permissions: {sorted(missing)}"


def test_every_view_declares_its_roles_or_is_public():
    """Deny by default: each view carries role_required or is marked public."""

    def views(resolver):
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace not in EXCLUDED_NAMESPACES:
                    yield from views(pattern)
            else:
                yield pattern

    for pattern in views(get_resolver()):
        callback = pattern.callback
        public = getattr(callback, "login_required", True) is False
        assert (
            public or hasattr(callback, "allowed_roles") or (pattern.name in {"logout"})
        ), f"{pattern.name} has neither @role_required nor @login_not_required"
