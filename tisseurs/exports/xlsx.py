"""XLSX: one worksheet per content, typed cells, formulas defused."""

import io
import re
from collections.abc import Iterable
from datetime import datetime

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from tisseurs.exports.cells import Figure, Sheet, Value, default_format, is_risky

MIN_WIDTH, MAX_WIDTH = 8, 60
_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def sheet_title(title: str, taken: set[str]) -> str:
    """A legal, unique sheet name (31 characters, none of []:*?/\\)."""
    base = _TITLE_FORBIDDEN.sub("-", str(title)).strip("'")[:31] or "-"
    name, n = base, 2
    while name.lower() in taken:
        suffix = f" ({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(name.lower())
    return name


def _write(cell, value: Value, number_format: str) -> int:
    """Store one value in its own type; return its display width."""
    if isinstance(value, Figure):
        number_format = value.number_format
        value = value.value
    if value is None:
        return 0
    if isinstance(value, datetime) and timezone.is_aware(value):
        value = timezone.localtime(value).replace(tzinfo=None)
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("\N{REPLACEMENT CHARACTER}", value)
        cell.value = value
        # openpyxl makes any text starting with "=" a formula; a string cell with
        # Excel's quote prefix shows the text as typed and never runs it.
        cell.data_type = "s"
        if is_risky(value):
            cell.quotePrefix = True
        return max((len(line) for line in value.splitlines()), default=0)
    cell.value = value
    cell.number_format = number_format or default_format(value) or "General"
    return len(str(value)) + (2 if number_format else 0)


def workbook(sheets: Iterable[Sheet]) -> bytes:
    """The sheets as one XLSX file (bold frozen header, widths to the content)."""
    book = Workbook()
    book.remove(book.active)
    taken: set[str] = set()
    bold = Font(bold=True)
    for sheet in sheets:
        worksheet = book.create_sheet(sheet_title(sheet.title, taken))
        widths = []
        for col, header in enumerate(sheet.headers, start=1):
            widths.append(_write(worksheet.cell(1, col), header, ""))
            worksheet.cell(1, col).font = bold
        for row_index, row in enumerate(sheet.rows, start=2):
            for col, value in enumerate(row, start=1):
                width = _write(
                    worksheet.cell(row_index, col), value, sheet.number_format(col - 1)
                )
                if col > len(widths):
                    widths.append(0)
                widths[col - 1] = max(widths[col - 1], width)
        for col, width in enumerate(widths, start=1):
            letter = get_column_letter(col)
            worksheet.column_dimensions[letter].width = min(
                MAX_WIDTH, max(MIN_WIDTH, width + 2)
            )
        worksheet.freeze_panes = "A2"
        if sheet.rows:
            worksheet.auto_filter.ref = worksheet.dimensions
    if not book.worksheets:
        book.create_sheet("-")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
