"""The personas of the suite, built the same way by the per-test fixtures of
`tests/conftest.py` and by the permission matrix, which builds them once."""

from tests.factories.accounts import make_user
from tests.factories.relais import make_relais
from tisseurs.roles import COMITE, COORDINATION, DIRECTION, RELAIS


def make_coordination():
    return make_user(
        role=COORDINATION, username="camille", first_name="Camille", last_name="Dubois"
    )


def make_direction():
    return make_user(role=DIRECTION, username="luc", first_name="Luc")


def make_comite():
    return make_user(role=COMITE, username="comite-membre", first_name="Nadia")


def make_anna():
    return make_relais(
        first_name="Anna",
        last_name="Kowalska",
        user=make_user(role=RELAIS, username="anna"),
    )


def make_bruno():
    return make_relais(
        first_name="Bruno",
        last_name="Mertens",
        user=make_user(role=RELAIS, username="bruno"),
    )
