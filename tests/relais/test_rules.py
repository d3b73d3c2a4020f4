"""Rules of the relais file, asked of the models and services directly: what a form,
the admin and the spreadsheet import all get."""

import pytest

from relais.models import Relais
from tests.factories.relais import make_bare_relais

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("status", "left"),
    [
        (Relais.Status.CANDIDATE, False),
        (Relais.Status.ACTIVE, False),
        (Relais.Status.PAUSED, False),
        (Relais.Status.LEFT, True),
    ],
)
def test_has_left_and_not_left_ask_the_same_question(status, left):
    relais = make_bare_relais(status=status)
    assert relais.has_left is left
    assert Relais.objects.not_left().filter(pk=relais.pk).exists() is not left
