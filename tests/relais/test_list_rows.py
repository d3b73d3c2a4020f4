"""The rows of the relais list, drawn in Python (relais/views/relais_file.py), are
the markup its template drew, in every language, with values to escape."""

import re

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from relais.models import Relais, WorkContext
from relais.views.relais_file import _rows
from tests.factories.relais import make_document, make_languages, make_relais

pytestmark = pytest.mark.django_db

# The rows as the template drew them before.
RELAIS_ROW = Template(
    """{% for relais, alerts in items %}<tr>
<td><a href="{{ relais.get_absolute_url }}">{{ relais.display_name }}</a></td>
<td>{% include "includes/status_badge.html" with status=relais.status label=relais.get_status_display %}</td>
<td>{{ relais.language_names|join:", " }}</td>
<td>{{ relais.phone_display }}</td>
<td>{% if alerts %}<ul class="mb-0 small text-danger">{% for alert in alerts %}<li>{{ alert }}</li>{% endfor %}</ul>{% endif %}</td>
</tr>{% endfor %}"""  # noqa: E501
)


@pytest.mark.parametrize("language", ["fr", "nl", "ar"])
def test_the_rows_are_the_templates_markup(language):
    anna = make_relais(first_name="Anna <b>", last_name="O'Neil & co")
    make_languages(anna, "fr", "ar")
    make_document(anna)
    make_relais(status=Relais.Status.SUSPENDED, phone="+32470123456")
    make_relais(status=Relais.Status.CANDIDATE)
    today, context = timezone.localdate(), WorkContext.load()
    with translation.override(language):
        items = [
            (r, r.alerts(today, context=context))
            for r in Relais.objects.order_by("pk").for_list()
        ]
        assert any(alerts for _relais, alerts in items)
        expected = RELAIS_ROW.render(Context({"items": items}))
        drawn = "".join(_rows(items))
    assert _spaced(drawn) == _spaced(expected)


def _spaced(html: str) -> str:
    """Whitespace between tags left out, other runs as one space."""
    return re.sub(r"\s*(<|>)\s*", r"\1", re.sub(r"\s+", " ", html))
