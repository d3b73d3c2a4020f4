"""The admin's import-export downloads through the same writers as the pages.

django-import-export's own formats stringify every cell when they escape formulas
(None becomes "None", numbers and dates become text) and only strip a leading "=".
`EXPORT_FORMATS` (settings) offers these instead; resources derive from
`resources.TypedResource`, so the dataset carries native values that the writers
type. This module is imported by the settings: it imports no model.
Column names stay the field names: they are what the import reads back.
"""

from import_export.formats import base_formats

from tisseurs.exports.cells import Sheet
from tisseurs.exports.csv import EXCEL_BE, RFC4180, table
from tisseurs.exports.xlsx import workbook


def dataset_sheet(dataset) -> Sheet:
    return Sheet(
        title=dataset.title or "-",
        columns=[str(h) for h in dataset.headers or []],
        rows=[list(row) for row in dataset],
    )


class ExcelCSV(base_formats.CSV):
    """CSV for Excel in Belgium: BOM, ";", decimal comma, DD/MM/YYYY."""

    dialect = EXCEL_BE

    def get_title(self):
        return "csv (Excel)"

    def can_import(self):
        return False

    def export_data(self, dataset, **kwargs):
        return table(dataset_sheet(dataset), dialect=self.dialect)


class MachineCSV(ExcelCSV):
    """Plain RFC 4180 CSV for machines: ",", decimal point, ISO dates."""

    dialect = RFC4180

    def get_title(self):
        return "csv (RFC 4180)"


class TypedXLSX(base_formats.XLSX):
    def get_title(self):
        return "xlsx"

    def can_import(self):
        return False

    def export_data(self, dataset, **kwargs):
        return workbook([dataset_sheet(dataset)])


EXPORT_FORMATS = [ExcelCSV, MachineCSV, TypedXLSX]
