"""tisseurs/exports: typed XLSX cells, the two CSV dialects, formulas defused."""

import io
from datetime import date, datetime, time
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from tisseurs.exports import (
    COUNT,
    DECIMAL_1,
    EXCEL_BE,
    MONEY,
    RFC4180,
    Column,
    Figure,
    Sheet,
    defuse,
    is_risky,
    table,
    workbook,
)
from tisseurs.exports.xlsx import sheet_title

ROW = [
    '=HYPERLINK("http://evil","x")',
    12,
    Decimal("1234.50"),
    date(2026, 3, 9),
    None,
    Figure(Decimal("397.0"), DECIMAL_1),
    "<5",
    time(13, 30),
]
SHEET = Sheet(
    title="Paiements",
    columns=[
        "Nom",
        "Nombre",
        "Montant (€)",
        "Date",
        "Vide",
        "Heures",
        "Texte",
        "Début",
    ],
    rows=[ROW],
)


def reload(data: bytes):
    return load_workbook(io.BytesIO(data))


def test_xlsx_cells_keep_their_types_and_number_formats():
    book = reload(workbook([SHEET]))
    assert book.sheetnames == ["Paiements"]
    sheet = book["Paiements"]
    name, count, amount, day, empty, hours, small, start = sheet[2]
    assert (count.value, count.data_type, count.number_format) == (12, "n", COUNT)
    assert (amount.value, amount.data_type, amount.number_format) == (
        1234.5,
        "n",
        MONEY,
    )
    assert day.value == datetime(2026, 3, 9) and day.number_format == "DD/MM/YYYY"
    assert day.is_date
    assert empty.value is None
    assert (hours.value, hours.number_format) == (397, DECIMAL_1)
    assert (small.value, small.data_type) == ("<5", "s")
    assert start.value == time(13, 30) and start.number_format == "HH:MM"


def test_xlsx_formula_text_is_a_quoted_string_cell():
    sheet = reload(workbook([SHEET]))["Paiements"]
    cell = sheet["A2"]
    assert cell.value == '=HYPERLINK("http://evil","x")'
    assert cell.data_type == "s"
    assert cell.quotePrefix is True
    data = workbook([SHEET])
    import zipfile

    xml = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml


def test_xlsx_header_is_bold_frozen_and_columns_are_sized():
    sheet = reload(workbook([SHEET]))["Paiements"]
    assert [c.value for c in sheet[1]] == SHEET.headers
    assert all(c.font.b for c in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["A"].width == len(ROW[0]) + 2
    assert sheet.column_dimensions["B"].width == 8  # the minimum


def test_sheet_names_are_legal_and_unique():
    taken: set[str] = set()
    assert sheet_title("Détail: a/b", taken) == "Détail- a-b"
    assert sheet_title("x" * 40, taken) == "x" * 31
    assert sheet_title("x" * 40, taken) == "x" * 27 + " (2)"


def test_excel_csv_has_bom_semicolons_decimal_comma_and_day_first_dates():
    text = table(SHEET)
    assert text.startswith("\ufeffNom;Nombre;Montant (€);Date;")
    assert text.splitlines()[1] == (
        '"\'=HYPERLINK(""http://evil"",""x"")";12;1234,50;09/03/2026;;397,0;<5;13:30'
    )
    assert text.endswith("\r\n")


def test_rfc4180_csv_has_commas_decimal_point_iso_dates_and_no_bom():
    text = table(SHEET, dialect=RFC4180)
    assert text.startswith("Nom,Nombre,")
    assert text.splitlines()[1] == (
        '"\'=HYPERLINK(""http://evil"",""x"")",12,1234.50,2026-03-09,,397.0,<5,13:30'
    )


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_every_risky_start_is_defused_in_both_formats(start):
    sheet = Sheet("S", [Column("Nom")], [[f"{start}1+1"]])
    for dialect in (EXCEL_BE, RFC4180):
        assert f"'{start}1+1" in table(sheet, dialect=dialect)
    cell = reload(workbook([sheet]))["S"]["A2"]
    assert (cell.value, cell.data_type, cell.quotePrefix) == (f"{start}1+1", "s", True)


@given(st.text())
def test_defused_text_never_starts_a_formula(text):
    assert not is_risky(defuse(text))
    assert defuse(text).removeprefix("'") == text or defuse(text) == text


def test_negative_numbers_stay_numbers():
    sheet = Sheet("S", ["n"], [[-3, Decimal("-2.50")]])
    assert table(sheet).splitlines()[1] == "-3;-2,50"
    cells = reload(workbook([sheet]))["S"][2]
    assert [c.value for c in cells] == [-3, -2.5]
