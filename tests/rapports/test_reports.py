import io
from datetime import date, time

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from openpyxl import load_workbook

from rapports import indicators, queries, services
from rapports.indicators import Indicator
from rapports.models import Rapport
from rapports.periods import Period
from tests.factories.prestations import make_prestation
from tests.factories.rapports import make_rapport
from tests.factories.relais import make_relais
from tests.pdf import assert_accessible_pdf, pdf_text

pytestmark = pytest.mark.django_db

Q1 = Period.quarter(2026, 1)
Q1_QUERY = "kind=quarter&year=2026&quarter=1"


def table_row(text: str, label: str) -> list[str]:
    """The figures after `label` on its table row (the first line where the label is
    followed by two figures; key-figure cards put their figure on another line)."""
    for line in text.splitlines():
        if label in line:
            after = line.split(label, 1)[1].split()
            if len(after) == 2:
                return after
    raise AssertionError(f"no table row for {label!r}")


@pytest.fixture
def people_indicator(monkeypatch):
    """An indicator about people (small counts hidden outside the app)."""
    indicator = Indicator(
        "personnes_test",
        "Public",
        "Comptage de test",
        "Nombre de prestations, compté comme des personnes pour le test.",
        lambda period: queries.q_prestations(period),
        about_people=True,
    )
    monkeypatch.setattr(indicators, "INDICATORS", [*indicators.INDICATORS, indicator])
    return indicator


def test_dashboard_shows_the_figures_and_the_previous_period(
    known_data, coordination_client
):
    response = coordination_client.get(reverse("rapports:dashboard") + "?" + Q1_QUERY)
    assert response.status_code == 200
    assert 'data-indicator="prestations">4<' in response.text
    assert "T1 2026" in response.text and "T4 2025" in response.text
    assert 'data-row="Permanence">6<' in response.text
    assert "<svg" in response.text  # chart, with its table alternative
    assert reverse("prestations:situation_list") + "?month=2026-01" in response.text
    assert "<table" in response.text


def test_dashboard_does_not_hide_small_counts(
    known_data, people_indicator, coordination_client
):
    response = coordination_client.get(reverse("rapports:dashboard") + "?" + Q1_QUERY)
    assert 'data-indicator="personnes_test">4<' in response.text
    assert "&lt;5" not in response.text


def test_pdf_and_export_hide_small_counts_and_match_the_dashboard(
    known_data, people_indicator
):
    pdf, _items = services.report_pdf(period=Q1, language="fr", qualitative="")
    assert_accessible_pdf(pdf, title="Rapport au comité de pilotage", lang="fr")
    text = pdf_text(pdf, layout=True)
    assert "Comptage de test" in text
    assert table_row(text, "Comptage de test")[0] == "<5"
    assert table_row(text, "Situations notées") == ["<5", "0"]
    assert table_row(text, "Prestations") == ["4", "1"]
    assert "Marge sous le plafond" not in text  # per-relais figures stay inside
    sheet = services.export_sheets(Q1, language="fr")["indicateurs"]
    assert "marge_forfait" not in [r[1] for r in sheet]
    row = next(r for r in sheet if r[1] == "personnes_test")
    assert row[3] == "<5"
    assert next(r for r in sheet if r[1] == "prestations")[3] == "4"


def test_pdf_in_dutch(known_data):
    pdf, _items = services.report_pdf(period=Q1, language="nl", qualitative="")
    assert "Verslag aan de stuurgroep" in pdf_text(pdf, layout=True)
    assert_accessible_pdf(pdf, title="Verslag aan de stuurgroep", lang="nl")


def test_empty_period_report_says_so(db):
    pdf, _items = services.report_pdf(
        period=Period.month(2031, 1), language="fr", qualitative=""
    )
    assert "Aucune activité n'a été enregistrée" in pdf_text(pdf, layout=True)


def test_issuing_stores_the_pdf_and_freezes_the_report(known_data, coordination):
    rapport = make_rapport(qualitative="Beaucoup de demandes de logement.")
    services.rapport_issue(rapport=rapport, user=coordination)
    rapport.refresh_from_db()
    assert rapport.is_issued and rapport.issued_by == coordination
    stored = rapport.pdf.read()
    assert stored.startswith(b"%PDF")
    assert "Beaucoup de demandes de logement." in pdf_text(stored, layout=True)
    # New data after issue changes nothing in the issued report.
    make_prestation(relais=known_data["memo"], date=date(2026, 2, 2))
    with pytest.raises(ValidationError):
        services.rapport_issue(rapport=rapport, user=coordination)
    with pytest.raises(ValidationError):
        rapport.set_qualitative("autre chose")
    rapport.refresh_from_db()
    assert rapport.pdf.read() == stored
    figures = {i["code"]: i["value"] for i in rapport.figures["indicators"]}
    assert figures["prestations"] == "4"


def test_xlsx_export_has_the_three_sheets(known_data, direction_client):
    response = direction_client.get(
        reverse("rapports:export") + "?" + Q1_QUERY + "&output=xlsx&lang=nl"
    )
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Indicatoren", "Detail", "Definities"]
    rows = list(workbook["Indicatoren"].values)
    assert "prestations" in [r[1] for r in rows]


def test_csv_export_of_one_sheet(known_data, coordination_client):
    response = coordination_client.get(
        reverse("rapports:export") + "?" + Q1_QUERY + "&output=definitions"
    )
    assert response["Content-Type"].startswith("text/csv")
    assert "Nombre de sorties ou tâches" in response.content.decode()


def test_export_with_a_period_ending_before_it_starts_says_so(direction_client):
    response = direction_client.get(
        reverse("rapports:export") + "?kind=custom&start=2026-03-01&end=2026-02-01"
    )
    assert response.status_code == 200
    assert "avant de commencer" in response.text


def test_coordination_writes_the_qualitative_part_then_issues(
    known_data, coordination_client
):
    response = coordination_client.post(
        reverse("rapports:rapport_create"),
        {
            "start": "2026-01-01",
            "end": "2026-03-31",
            "period_kind": "quarter",
            "language": "fr",
        },
    )
    rapport = Rapport.objects.get()
    assert response.url == rapport.get_absolute_url()
    coordination_client.post(rapport.get_absolute_url(), {"qualitative": "Texte."})
    rapport.refresh_from_db()
    assert rapport.qualitative == "Texte."
    response = coordination_client.post(
        reverse("rapports:rapport_issue", args=[rapport.pk]), follow=True
    )
    assert "Rapport émis" in response.text
    rapport.refresh_from_db()
    assert rapport.is_issued
    # A crafted POST cannot change an issued report.
    coordination_client.post(rapport.get_absolute_url(), {"qualitative": "Changé."})
    rapport.refresh_from_db()
    assert rapport.qualitative == "Texte."


def test_comite_sees_and_downloads_issued_reports_only(
    known_data, coordination, comite_client
):
    draft = make_rapport()
    issued = services.rapport_issue(rapport=make_rapport(), user=coordination)
    listing = comite_client.get(reverse("comite_home"))
    assert reverse("rapports:rapport_pdf", args=[issued.pk]) in listing.text
    assert comite_client.get(draft.get_absolute_url()).status_code == 404
    assert (
        comite_client.get(reverse("rapports:rapport_pdf", args=[draft.pk])).status_code
        == 404
    )
    response = comite_client.get(reverse("rapports:rapport_pdf", args=[issued.pk]))
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_command_writes_pdf_and_xlsx(known_data, tmp_path):
    call_command(
        "rapport",
        "--from",
        "2026-01-01",
        "--to",
        "2026-03-31",
        "--lang",
        "nl",
        "--pdf",
        str(tmp_path / "r.pdf"),
        "--xlsx",
        str(tmp_path / "r.xlsx"),
    )
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")
    assert load_workbook(tmp_path / "r.xlsx").sheetnames[0] == "Indicatoren"


def test_command_compares_a_month_with_the_month_before(db, tmp_path):
    call_command(
        "rapport",
        "--from",
        "2026-10-01",
        "--to",
        "2026-10-31",
        "--pdf",
        str(tmp_path / "r.pdf"),
    )
    text = pdf_text((tmp_path / "r.pdf").read_bytes(), layout=True)
    assert "octobre 2026 (comparée à septembre 2026)" in " ".join(text.split())


def test_command_refuses_a_period_ending_before_it_starts(tmp_path):
    with pytest.raises(CommandError, match="avant de commencer"):
        call_command(
            "rapport",
            "--from",
            "2026-03-01",
            "--to",
            "2026-01-01",
            "--pdf",
            str(tmp_path / "r.pdf"),
        )


def test_dashboard_query_count_does_not_grow_with_data(
    coordination_client, django_assert_max_num_queries
):
    relais = [make_relais() for _ in range(5)]
    from prestations.models import Prestation

    Prestation.objects.bulk_create(
        Prestation(
            relais=relais[n % 5],
            date=date(2026, 1 + n % 3, 1 + n % 28),
            start_time=time(9, 0),
            end_time=time(10, 0),
        )
        for n in range(3000)
    )
    with django_assert_max_num_queries(2 * (len(indicators.INDICATORS) + 10) + 8):
        response = coordination_client.get(
            reverse("rapports:dashboard") + "?" + Q1_QUERY
        )
    assert 'data-indicator="prestations">3.000<' in response.text
