"""The comité report as a document: its pages, its charts, and when it can be issued."""

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from hypothesis import given
from hypothesis import strategies as st

from rapports import document, services
from rapports.charts import PRINT_FONT, print_bar_chart
from rapports.models import Rapport
from rapports.periods import Period
from tests.factories.rapports import make_rapport
from tests.pdf import pdf_info, pdf_text

pytestmark = pytest.mark.django_db

Q1 = Period.quarter(2026, 1)
BRUSSELS = ZoneInfo("Europe/Brussels")


def at(day: date, hour: int = 10):
    return time_machine.travel(
        datetime(day.year, day.month, day.day, hour, tzinfo=BRUSSELS), tick=False
    )


@pytest.mark.parametrize(
    ("value", "previous", "sign", "text"),
    [
        ("12", "10", "▲", "+20 %"),
        ("8", "10", "▼", "−20 %"),
        ("7", "7", "=", "stable"),
        ("44", "0", "▲", "+44"),
        ("397,5", "0,0", "▲", "+397,5"),
        ("<5", "3", "", "pas de comparaison"),
        ("12", "<5", "", "pas de comparaison"),
    ],
)
def test_trend_is_a_sign_and_a_change_readable_in_black_and_white(
    value, previous, sign, text
):
    with translation.override("fr"):
        assert document.trend(value, previous) == {"sign": sign, "text": text}


def _font_sizes(svg: str) -> list[float]:
    return [float(size) for size in re.findall(r'font-size="([\d.]+)"', svg)]


@given(
    st.lists(
        st.tuples(
            st.text(min_size=1, max_size=60),
            st.integers(min_value=0, max_value=10_000),
            st.integers(min_value=0, max_value=10_000),
            st.booleans(),
        ),
        min_size=1,
        max_size=15,
    )
)
def test_print_chart_text_is_large_enough_and_hidden_cells_draw_no_bar(rows):
    chart_rows = [
        (label, None if hidden else now, "<5" if hidden else str(now), before, "x")
        for label, now, before, hidden in rows
    ]
    svg = print_bar_chart(
        chart_rows, compare=True, labels=("T1 2026", "T4 2025"), title="Titre", key="k"
    )
    # Units are points: every text is at least 8 pt once printed.
    assert 'width="260pt"' in svg and 'viewBox="0 0 260 ' in svg
    assert min(_font_sizes(svg)) >= 8 and PRINT_FONT >= 8
    # The previous period is hatched (a pattern), not told by colour alone.
    assert 'id="hatch-k"' in svg and "T4 2025" in svg
    current_bars = re.findall(
        r'<rect x="112" y="[\d.]+" width="[\d.]+" height="10"', svg
    )
    assert len(current_bars) == sum(
        1 for _label, now, _b, hidden in rows if not hidden and now
    )


def test_the_report_opens_with_a_cover_then_the_key_figures_and_the_qualitative_part(
    known_data,
):
    pdf, _items = services.report_pdf(
        period=Q1, language="fr", qualitative="Beaucoup de demandes de logement."
    )
    pages = int(pdf_info(pdf)["Pages"])
    cover = pdf_text(pdf, page=1)
    assert "Rapport au comité de pilotage" in cover and "T1 2026" in cover
    assert "Sommaire" in cover and "Chiffres clés" not in pdf_text(pdf, page=3)
    key = pdf_text(pdf, page=2)
    assert "Chiffres clés" in key
    for label in (
        "Personnes rencontrées en sortie",
        "Situations notées",
        "Relais actif·ves",
        "Heures de bénévolat",
        "Défraiements payés",
    ):
        assert label in key
    assert "T4 2025 : " in key  # each key figure beside the previous period
    assert "Partie qualitative" in key and "demandes de logement" in key
    last = pdf_text(pdf, page=pages)
    assert "Définitions" in last
    assert pages <= 8


def test_every_breakdown_is_a_titled_chart_beside_its_table(known_data):
    with translation.override("fr"):
        items = services.figures(Q1, suppress=True)
        context = document.report_context(items, period=Q1)
    breakdowns = [b for theme in context["themes"] for b in theme["breakdowns"]]
    assert breakdowns
    for item in breakdowns:
        if item["rows"]:
            assert f'aria-label="{escape(item["label"])}"' in item["chart"]
            assert sum(len(table) for table in item["tables"]) == len(item["rows"])
    assert [k["code"] for k in context["key_figures"]] == list(document.KEY_FIGURES)


def test_the_dutch_report_has_dutch_headings(known_data):
    pdf, _items = services.report_pdf(period=Q1, language="nl", qualitative="")
    text = pdf_text(pdf)
    assert "Kerncijfers" in text and "Definities" in text
    assert "Chiffres clés" not in text and "Sommaire" not in text


def test_a_quarter_cannot_be_issued_before_it_ends(db, coordination):
    rapport = make_rapport(start=date(2026, 10, 1), end=date(2026, 12, 31))
    with at(date(2026, 11, 26)):
        with pytest.raises(ValidationError) as error:
            services.rapport_issue(rapport=rapport, user=coordination)
        assert error.value.messages == [
            "La période de ce rapport se termine le 31/12/2026 : il pourra être "
            "émis à partir du 01/01/2027, avec les chiffres de toute la période."
        ]
    with at(date(2026, 12, 31), hour=23):
        with pytest.raises(ValidationError):
            services.rapport_issue(rapport=rapport, user=coordination)
    rapport.refresh_from_db()
    assert not rapport.is_issued and not rapport.pdf
    with at(date(2027, 1, 1), hour=0):
        services.rapport_issue(rapport=rapport, user=coordination)
    rapport.refresh_from_db()
    assert rapport.status == Rapport.Status.ISSUED


def test_the_page_of_a_running_period_offers_no_issue_button(db, coordination_client):
    rapport = make_rapport(start=date(2026, 10, 1), end=date(2026, 12, 31))
    url = reverse("rapports:rapport_detail", args=[rapport.pk])
    issue = reverse("rapports:rapport_issue", args=[rapport.pk])
    with at(date(2026, 11, 26)):
        page = coordination_client.get(url).text
        assert issue not in page
        assert "La période n'est pas terminée" in page
        response = coordination_client.post(issue, follow=True)
        assert "il pourra être émis à partir du 01/01/2027" in response.text
    ended = make_rapport(start=date(2026, 7, 1), end=date(2026, 9, 30))
    with at(date(2026, 11, 26)):
        page = coordination_client.get(ended.get_absolute_url()).text
        assert reverse("rapports:rapport_issue", args=[ended.pk]) in page
        assert "La période n'est pas terminée" not in page
