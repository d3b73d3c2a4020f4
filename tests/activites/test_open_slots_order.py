"""The relais' "Places libres" page lists activities by date, then by time,
whatever the order they were created in."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories.activites import at, make_activite, make_affectation

pytestmark = pytest.mark.django_db


def test_open_slots_are_in_date_then_time_order(anna_client, relais_bruno):
    today = timezone.localdate()
    later_day, first_day = today + timedelta(days=9), today + timedelta(days=2)
    # Created out of order, one of them with a confirmed relais (still one place
    # open), so the count annotation is exercised.
    c = make_activite(title="C", start=at(later_day, 9))
    b = make_activite(title="B", start=at(first_day, 16))
    d = make_activite(title="D", start=at(later_day, 18))
    a = make_activite(title="A", start=at(first_day, 8, 30))
    make_affectation(c, relais_bruno)
    page = anna_client.get(reverse("activites:open_slots"))
    assert [x.title for x in page.context["activites"]] == ["A", "B", "C", "D"]
    text = page.text
    assert text.index(">A<") < text.index(">B<") < text.index(">C<") < text.index(">D<")
    assert [a, b, c, d] == list(page.context["activites"])
