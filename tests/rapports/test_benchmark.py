"""The yearly-report benchmark command runs, leaves no data behind, and its query
count does not grow with the data (the timing itself is recorded in the README)."""

import io
import re

import pytest
from django.core.management import call_command

from prestations.models import Prestation

pytestmark = pytest.mark.django_db


def run_bench(relais: int, years: int) -> str:
    out = io.StringIO()
    call_command("bench_rapport", relais=relais, years=years, stdout=out)
    return out.getvalue()


def query_counts(output: str) -> list[int]:
    return [int(n) for n in re.findall(r"(\d+) requêtes SQL", output)]


def test_bench_rapport_query_count_is_fixed_whatever_the_data_size():
    small = run_bench(relais=2, years=1)
    large = run_bench(relais=6, years=3)
    assert "Rapport 2026" in small
    assert query_counts(small) == query_counts(large)
    assert Prestation.objects.count() == 0  # rolled back
