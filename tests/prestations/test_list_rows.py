"""The rows of the situations and prestations lists, drawn in Python
(prestations/views/rows.py), are the markup their templates drew, in every
language, with values to escape."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone, translation

from prestations.models import Orientation, Prestation, Situation
from prestations.views.rows import prestation_rows, situation_rows
from ressources.models import Theme
from tests.factories.prestations import make_prestation
from tests.factories.relais import make_relais
from tisseurs.params import id_url

pytestmark = pytest.mark.django_db

# The rows as the templates drew them before.
SITUATION_ROW = Template(
    """{% load i18n %}{% for situation in rows %}<tr>
<td><a href="{% url 'prestations:situation_detail' situation.pk %}">{{ situation.prestation.date|date:"d/m/Y" }}</a></td>
<td>{{ situation.prestation.relais }}</td>
<td>{% for theme in situation.themes.all %}<span class="badge text-bg-light">{{ theme.label }}</span> {% endfor %}</td>
<td>{{ situation.get_age_band_display }}, {{ situation.get_gender_display }}, {{ situation.get_language_display }}{% if not situation.is_first_contact %}, {% translate "revient" %}{% endif %}{% if situation.code %} <code>{{ situation.code }}</code>{% endif %}</td>
<td>
{% for orientation in situation.orientations.all %}{{ orientation.target }} ({{ orientation.get_outcome_display }}){% if not forloop.last %}<br>{% endif %}{% endfor %}
</td>
<td>{% if situation.is_to_follow_up %}<a href="{% url 'prestations:situation_detail' situation.pk %}">{% translate "À suivre" %}</a>{% elif situation.follow_up_needed %}{% translate "Clôturé" %}{% endif %}</td>
</tr>{% endfor %}"""  # noqa: E501
)
PRESTATION_ROW = Template(
    """{% for prestation in rows %}<tr>
<td>{{ prestation.relais }}</td>
<td><a href="{{ prestation.get_absolute_url }}">{{ prestation.date|date:"d/m/Y" }}</a></td>
<td>{{ prestation.get_kind_display }}</td>
<td>{{ prestation.get_place_display }}</td>
<td>{{ prestation.hours_display }}</td>
<td>{{ prestation.people_met }}</td>
<td>{{ prestation.situation_count }}</td>
<td>{{ prestation.get_travel_mode_display }}{% if prestation.travel_km %} · {{ prestation.travel_km }} km{% endif %}{% if prestation.travel_ticket_amount %} · {{ prestation.travel_ticket_amount }} €{% endif %}</td>
</tr>{% endfor %}"""  # noqa: E501
)


def _same(drawn: list[str], template: Template, rows) -> None:
    expected = template.render(Context({"rows": rows}))
    assert re.sub(r"\s+", " ", "".join(drawn)) == re.sub(r"\s+", " ", expected)


@pytest.fixture
def rows():
    relais = make_relais(first_name="Zoé <b>", last_name="O'Neil & co")
    first = make_prestation(
        relais=relais,
        travel_mode="car",
        travel_km=Decimal("12.50"),
        people_met=1234,
    )
    make_prestation(
        relais=relais,
        date=date(2026, 3, 11),
        travel_mode="public",
        travel_ticket_amount=Decimal("2.60"),
        start_time=None,
        end_time=None,
    )
    themes = list(Theme.objects.all()[:2])
    open_one = Situation.objects.create(
        prestation=first,
        language="ar",
        age_band="18-25",
        follow_up_needed=True,
        is_first_contact=False,
        code="AB12CD",
    )
    open_one.themes.set(themes)
    Orientation.objects.create(
        situation=open_one, other_text="CPAS <i>", outcome="reached"
    )
    Orientation.objects.create(situation=open_one, other_text="Maison médicale")
    closed = Situation.objects.create(prestation=first, follow_up_needed=True)
    closed.follow_up_closed_at = timezone.now()
    closed.save()
    Situation.objects.create(prestation=first)


@pytest.mark.parametrize("language", ["fr", "nl", "ar"])
def test_the_rows_are_the_templates_markup(rows, language):
    with translation.override(language):
        situations = Situation.objects.order_by("pk")
        _same(
            situation_rows(situations.for_listing()),
            SITUATION_ROW,
            situations.prefetch_related("themes", "orientations__service"),
        )
        prestations = (
            Prestation.objects.select_related("relais")
            .with_situation_count()
            .order_by("date")
        )
        _same(prestation_rows(prestations), PRESTATION_ROW, prestations)


def test_id_url_is_reverse():
    url = id_url("prestations:prestation_detail")
    for pk in (1, 42, 10**17):
        assert url(pk) == reverse("prestations:prestation_detail", kwargs={"pk": pk})
