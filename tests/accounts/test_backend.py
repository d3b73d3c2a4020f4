"""The user of each request comes with their relais and their roles in one query
(tisseurs/accounts/backends.py), and a change of roles counts from the next
request."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from tests.factories.accounts import make_user
from tests.factories.relais import make_relais
from tisseurs.accounts.backends import UserBackend
from tisseurs.roles import COMITE, COORDINATION, DIRECTION, RELAIS, ROLES, user_roles

pytestmark = pytest.mark.django_db


def loaded(user):
    with CaptureQueriesContext(connection) as queries:
        found = UserBackend().get_user(user.pk)
        roles = user_roles(found)
        relais = getattr(found, "relais", None)
    return found, roles, relais, len(queries)


def test_a_relais_comes_with_their_profile_and_role_in_one_query():
    relais = make_relais()
    found, roles, profile, count = loaded(relais.user)
    assert (roles, profile, count) == (frozenset({RELAIS}), relais, 1)


def test_staff_with_two_roles_and_a_group_that_is_no_role():
    user = make_user(role=COORDINATION)
    user.groups.add(Group.objects.get(name=DIRECTION))
    user.groups.add(Group.objects.create(name="bénévoles du jeudi"))
    _found, roles, profile, count = loaded(user)
    assert (roles, profile, count) == (frozenset({COORDINATION, DIRECTION}), None, 1)


def test_a_user_in_no_group_has_no_role():
    _found, roles, _profile, count = loaded(make_user())
    assert (roles, count) == (frozenset(), 1)


def test_an_unknown_or_inactive_user_is_no_user():
    user = make_user(role=COMITE, is_active=False)
    assert UserBackend().get_user(user.pk) is None
    assert UserBackend().get_user(user.pk + 1000) is None


def test_a_role_taken_away_counts_from_the_next_request():
    user = make_user(role=COORDINATION, password="right-pass-123")
    client = Client()
    client.force_login(user)
    home = reverse("coordination_home")
    assert client.get(home).status_code == 200
    user.groups.remove(Group.objects.get(name=COORDINATION))
    assert client.get(home).status_code == 403
    user.groups.add(Group.objects.get(name=COMITE))
    assert client.get(reverse("comite_home")).status_code == 200


class RolesFromTheOneQuery(TestCase):
    """Whatever groups a user is in, the roles read with the user are those a query
    of their groups gives."""

    @given(
        st.sets(st.sampled_from([*ROLES, "partenaires", "relais-anciens"])),
    )
    def test_same_roles_as_the_groups(self, names):
        user = make_user()
        for name in names:
            user.groups.add(Group.objects.get_or_create(name=name)[0])
        found = UserBackend().get_user(user.pk)
        expected = frozenset(
            user.groups.filter(name__in=ROLES).values_list("name", flat=True)
        )
        assert user_roles(found) == expected
