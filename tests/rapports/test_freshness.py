"""Cached figures are never stale: every write to a table the figures read gives the
data version a new token (database triggers), and figures are cached under it.
Committed transactions (`transaction=True`), as in production."""

from datetime import date

import pytest
from django.core.cache import caches
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from prestations.models import Prestation
from rapports import services
from rapports.periods import Period
from ressources.models import Theme
from tests.factories.prestations import make_prestation
from tests.factories.relais import make_relais
from tisseurs.freshness.version import data_token, source_tables

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
Q1 = Period.quarter(2026, 1)


@pytest.fixture(autouse=True)
def _empty_cache():
    caches["figures"].clear()
    yield
    caches["figures"].clear()


def _value(items, code):
    return next(item["value"] for item in items if item["code"] == code)


def test_every_kind_of_write_changes_the_token():
    relais = make_relais()
    seen = [data_token()]
    prestation = make_prestation(relais=relais)
    seen.append(data_token())
    Prestation.objects.filter(pk=prestation.pk).update(people_met=4)  # no save()
    seen.append(data_token())
    theme = Theme.objects.first()
    situation = prestation.situations.create(age_band="26-64")
    seen.append(data_token())
    situation.themes.add(theme)  # m2m table
    seen.append(data_token())
    Prestation.objects.filter(pk=prestation.pk).delete()
    seen.append(data_token())
    assert None not in seen
    assert len(set(seen)) == len(seen)


def test_reading_does_not_change_the_token():
    make_prestation(relais=make_relais())
    token = data_token()
    services.figures(Q1, suppress=False)
    list(Prestation.objects.all())
    assert data_token() == token


def test_figures_are_cached_then_recomputed_after_any_change():
    relais = make_relais()
    make_prestation(relais=relais, date=date(2026, 2, 3))
    first = services.figures(Q1, suppress=False)
    with CaptureQueriesContext(connection) as queries:
        again = services.figures(Q1, suppress=False)
    assert again == first
    assert len(queries) == 1  # the token only
    assert _value(first, "prestations") == "1"
    make_prestation(relais=relais, date=date(2026, 2, 4))
    assert _value(services.figures(Q1, suppress=False), "prestations") == "2"
    Prestation.objects.filter(date=date(2026, 2, 4)).update(date=date(2025, 2, 4))
    assert _value(services.figures(Q1, suppress=False), "prestations") == "1"


def test_inside_a_transaction_figures_see_its_own_writes():
    relais = make_relais()
    make_prestation(relais=relais, date=date(2026, 2, 3))
    services.figures(Q1, suppress=False)
    with transaction.atomic():
        make_prestation(relais=relais, date=date(2026, 2, 4))
        assert _value(services.figures(Q1, suppress=False), "prestations") == "2"
        transaction.set_rollback(True)
    assert _value(services.figures(Q1, suppress=False), "prestations") == "1"


def test_every_source_table_has_its_trigger():
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT c.relname FROM pg_trigger t JOIN pg_class c "
                "ON c.oid = t.tgrelid WHERE t.tgname = 'tisseurs_touch'"
            )
            covered = {row[0] for row in cursor.fetchall()}
        else:
            cursor.execute("SELECT tbl_name FROM sqlite_master WHERE type='trigger'")
            covered = {row[0] for row in cursor.fetchall()}
    tables = source_tables()
    assert "prestations_prestation" in tables
    assert "prestations_situation_themes" in tables
    assert set(tables) <= covered
