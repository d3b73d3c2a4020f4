"""The COCOM export as its receiver opens it: typed cells, translated sheets and
headers, formulas defused, CSV for Belgian Excel (or RFC 4180 for machines)."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from rapports import services
from rapports.periods import Period
from ressources.models import Organization
from tisseurs.exports import RFC4180

pytestmark = pytest.mark.django_db

Q1 = Period.quarter(2026, 1)
Q1_QUERY = "kind=quarter&year=2026&quarter=1"
EVIL = '=HYPERLINK("http://evil.example","clic")'


def _book(response):
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content))


def _rows(sheet) -> dict[str, list]:
    return {row[1].value: row for row in sheet.iter_rows(min_row=2)}


def test_xlsx_figures_are_numbers_with_their_formats(known_data, direction_client):
    book = _book(
        direction_client.get(
            reverse("rapports:export") + "?" + Q1_QUERY + "&output=xlsx"
        )
    )
    assert book.sheetnames == ["Indicateurs", "Détail", "Définitions"]
    sheet = book["Indicateurs"]
    assert [c.value for c in sheet[1]] == [
        "Section",
        "Code",
        "Indicateur",
        "T1 2026",
        "T4 2025",
    ]
    assert sheet.freeze_panes == "A2" and sheet["A1"].font.b
    rows = _rows(sheet)
    prestations = rows["prestations"]
    assert [(c.value, c.data_type, c.number_format) for c in prestations[3:]] == [
        (4, "n", "0"),
        (1, "n", "0"),
    ]
    hours = rows["heures"]
    assert [(c.value, c.number_format) for c in hours[3:]] == [
        (6.5, "#,##0.0"),
        (2, "#,##0.0"),
    ]
    km = rows["km"][3]
    assert (km.value, km.data_type, km.number_format) == (12.5, "n", "#,##0.0")
    situations = rows["situations"][3]
    assert (situations.value, situations.data_type) == ("<5", "s")
    detail = list(book["Détail"].iter_rows(min_row=2, values_only=True))
    assert ("themes", "Demandes par thème", "Logement", "<5", 0) in detail


def test_xlsx_defuses_a_directory_name_starting_with_equals(
    known_data, direction_client
):
    Organization.objects.filter(name="CPAS de Schaerbeek").update(name=EVIL)
    book = _book(
        direction_client.get(
            reverse("rapports:export") + "?" + Q1_QUERY + "&output=xlsx"
        )
    )
    cells = [
        row[2]
        for row in book["Détail"].iter_rows(min_row=2)
        if row[0].value == "orientations_destination"
    ]
    evil = next(c for c in cells if c.value.startswith("=HYPERLINK"))
    assert (evil.data_type, evil.quotePrefix) == ("s", True)


def test_csv_is_for_belgian_excel_and_defuses_formulas(known_data, direction_client):
    Organization.objects.filter(name="CPAS de Schaerbeek").update(name=EVIL)
    response = direction_client.get(
        reverse("rapports:export") + "?" + Q1_QUERY + "&output=detail"
    )
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeffCode;Indicateur;Catégorie;T1 2026;T4 2025\r\n")
    lines = text.splitlines()
    assert any(
        line.startswith("orientations_destination;") and ";\"'=HYPERLINK(" in line
        for line in lines
    )
    indicators = services.export_csv(Q1, language="fr", sheet="indicateurs")
    assert "Les relais;heures;Heures de bénévolat;6,5;2,0" in indicators.splitlines()


def test_csv_for_machines_is_rfc4180(known_data):
    text = services.export_csv(Q1, language="fr", sheet="indicateurs", dialect=RFC4180)
    assert text.startswith("Section,Code,Indicateur,T1 2026,T4 2025\r\n")
    assert "Les relais,heures,Heures de bénévolat,6.5,2.0" in text.splitlines()


def test_dutch_export_has_dutch_sheet_names_and_headers(known_data, direction_client):
    book = _book(
        direction_client.get(
            reverse("rapports:export") + "?" + Q1_QUERY + "&output=xlsx&lang=nl"
        )
    )
    assert book.sheetnames == ["Indicatoren", "Detail", "Definities"]
    headers = {name: [c.value for c in book[name][1]] for name in book.sheetnames}
    assert headers == {
        "Indicatoren": ["Rubriek", "Code", "Indicator", "K1 2026", "K4 2025"],
        "Detail": ["Code", "Indicator", "Categorie", "K1 2026", "K4 2025"],
        "Definities": ["Code", "Indicator", "Definitie"],
    }
    rows = _rows(book["Indicatoren"])
    assert rows["heures"][2].value == "Vrijwilligersuren"
    assert rows["heures"][0].value == "De relais"
    text = services.export_csv(Q1, language="nl", sheet="definitions")
    assert text.startswith("\ufeffCode;Indicator;Definitie\r\n")


def test_the_definitions_sheet_explains_the_hidden_marks(known_data):
    book = load_workbook(io.BytesIO(services.export_xlsx(Q1, language="fr")))
    last_rows = [[c.value for c in row] for row in book["Définitions"].iter_rows()][-3:]
    assert last_rows == [
        [
            "<5",
            None,
            "Les nombres de personnes inférieurs à 5 sont remplacés par « <5 » "
            "pour que personne ne puisse être reconnu.",
        ],
        [
            "x",
            None,
            "« x » : un nombre masqué en plus, pour qu'un « <5 » ne puisse pas "
            "être retrouvé par soustraction.",
        ],
        [
            "…",
            None,
            "« … » : détail non publié, le groupe est trop petit pour être "
            "détaillé sans que personne ne puisse être reconnu.",
        ],
    ]
    text = services.export_csv(Q1, language="nl", sheet="definitions")
    assert text.count("\r\n<5;;") == 1 and text.count("\r\nx;;") == 1
