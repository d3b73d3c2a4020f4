"""Open Referral HSDS 3.0: import and export of tabular data packages.

A package is a folder of CSV files (one per HSDS object, `services.csv`…) with a
`datapackage.json`. Import reads every table Tisseurs keeps, checks it all first
(required columns, identifiers, dates, times, coordinates, links between rows),
and writes nothing unless the whole package is right: the report lists each
problem with its file, row (the CSV line, header = 1) and field. A second import
of the same package updates the rows it created (matched on the HSDS `id`).
Tables Tisseurs does not keep (funding, programs, service areas…) are listed as
ignored. `alternate_name` carries the Dutch name (`name_nl`).

Export writes the same tables back, and `service_document` gives one service as
HSDS JSON (the shape `schema/compiled-service.json` describes).
"""

from ressources.hsds.exporter import export_package, export_queryset, service_document
from ressources.hsds.importer import (
    IGNORED_TABLES,
    TABLES,
    Problem,
    Report,
    import_package,
    read_package,
)

__all__ = [
    "IGNORED_TABLES",
    "TABLES",
    "Problem",
    "Report",
    "export_package",
    "export_queryset",
    "import_package",
    "read_package",
    "service_document",
]
