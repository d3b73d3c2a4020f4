"""Every URL × every role, plus anonymous (docs/conventions.md §10)."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.permissions import ROLES, World, cases

# Django's admin has its own staff-only login; nothing else is left out.
EXCLUDED_NAMESPACES = {"admin"}

CASES = cases()


@pytest.fixture
def world(coordination, direction, comite, relais_anna, relais_bruno):
    return World(
        coordination=coordination,
        direction=direction,
        comite=comite,
        anna=relais_anna,
        bruno=relais_bruno,
    )


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_permission_matrix(case, role, world):
    client = Client()
    user = world.user_for(role)
    if user is not None:
        client.force_login(user)
    kwargs = case.kwargs(world) if case.kwargs else {}
    url = reverse(case.name, kwargs=kwargs) + (f"?{case.query}" if case.query else "")
    data = case.data(world) if callable(case.data) else (case.data or {})
    response = getattr(client, case.method)(url, data)
    expected = case.status_for(role)
    assert response.status_code == expected, (
        f"{case.id} as {role}: got {response.status_code}, expected {expected}"
    )
    if role == "anonymous" and not case.public:
        assert response.url.startswith(reverse(settings.LOGIN_URL))


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
