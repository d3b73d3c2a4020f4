"""Open Referral HSDS 3.0: import and export of tabular data packages.

A package is a folder of CSV files (one per HSDS object, `services.csv`…) with a
`datapackage.json`. Import reads every table Tisseurs keeps, checks it all first
(required columns, identifiers, dates, times, coordinates, links between rows),
and writes nothing unless the whole package is right: the report lists each
problem with its file, row (the CSV line, header = 1) and field. A second import
of the same package updates the rows it created (matched on the HSDS `id`).
Tables Tisseurs does not keep (funding, programs, service areas…) are listed as
ignored. `name`, `description`… carry the French text (`name_fr`…), `alternate_name`
the Dutch name (`name_nl`); the other languages stay out of HSDS.

Export writes the same tables back, and `service_document` gives one service as
HSDS JSON (the shape `schema/compiled-service.json` describes).

- `package.py`: the tables, the report, reading the CSV files;
- `values.py`: parsing one value, reporting it when wrong;
- `importer.py`: checking and writing every table in one transaction;
- `uploads.py`: a package sent through the import page, from dry run to import;
- `exporter.py`: the tables, the zip and the JSON of a service.
"""

from ressources.hsds.exporter import (
    export_package,
    export_queryset,
    export_zip,
    service_document,
)
from ressources.hsds.importer import import_package
from ressources.hsds.package import (
    IGNORED_TABLES,
    TABLES,
    Problem,
    Report,
    read_package,
)
from ressources.hsds.uploads import upload_import, upload_preview

__all__ = [
    "IGNORED_TABLES",
    "TABLES",
    "Problem",
    "Report",
    "export_package",
    "export_queryset",
    "export_zip",
    "import_package",
    "read_package",
    "service_document",
    "upload_import",
    "upload_preview",
]
