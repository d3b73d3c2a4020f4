"""Every file of rows the app hands out (CSV, XLSX) is written here, so each one
types its cells, translates its headers and defuses formulas the same way.

Callers describe the content as `Sheet`s (a translated title, translated column
headers, rows of Python values) and pick a writer:

- `xlsx.workbook(sheets)`: one worksheet per sheet, typed cells (int, Decimal with a
  number format, dates), bold frozen header, column widths, None left empty;
- `csv.table(sheet, dialect=EXCEL_BE)`: the Belgian Excel dialect (UTF-8 with BOM,
  ";", decimal comma, DD/MM/YYYY), or `RFC4180` for machines (",", decimal point,
  ISO dates, no BOM).

Both writers defuse text that a spreadsheet would run as a formula (docs/conventions.md
§8); the admin's import-export goes through the same writers (`formats.py`).
"""

from tisseurs.exports.cells import (
    COUNT,
    DATE,
    DECIMAL_1,
    MONEY,
    Column,
    Figure,
    Sheet,
    defuse,
    is_risky,
)
from tisseurs.exports.csv import EXCEL_BE, RFC4180, Dialect, table
from tisseurs.exports.xlsx import workbook

FILE_FORMATS = ("csv", "xlsx")


def sheet_file(sheet: Sheet, *, extension: str) -> bytes:
    """One sheet as the file a page offers for download: XLSX, or Belgian Excel CSV."""
    return workbook([sheet]) if extension == "xlsx" else table(sheet)


__all__ = [
    "FILE_FORMATS",
    "COUNT",
    "DATE",
    "DECIMAL_1",
    "EXCEL_BE",
    "MONEY",
    "RFC4180",
    "Column",
    "Dialect",
    "Figure",
    "Sheet",
    "defuse",
    "is_risky",
    "table",
    "sheet_file",
    "workbook",
]
