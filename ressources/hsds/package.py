"""The shape of an HSDS package as Tisseurs reads it: the tables it keeps (with the
columns an import needs), the ones it ignores, the codes both directions share,
the report of an import, and reading the CSV files of a folder."""

import csv
import json
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

from ressources.models import Service

# The language of `name`, `description`… in a package; `alternate_name` is Dutch.
HSDS_LANGUAGE = "fr"

TABLES = {
    # file name: columns the import needs (HSDS required fields it relies on)
    "organizations.csv": ["id", "name"],
    "services.csv": ["id", "name", "status"],
    "locations.csv": ["id"],
    "addresses.csv": ["id", "location_id"],
    "service_at_location.csv": ["id", "service_id", "location_id"],
    "phones.csv": ["id", "number"],
    "contacts.csv": ["id"],
    "schedules.csv": ["id"],
    "languages.csv": ["id"],
    "taxonomy_terms.csv": ["id", "name"],
    "attributes.csv": ["id", "link_id", "taxonomy_term_id"],
    "cost_options.csv": ["id", "service_id"],
    "accessibility.csv": ["id", "location_id"],
}
# Standard HSDS tables Tisseurs does not keep (accepted, listed as ignored).
IGNORED_TABLES = {
    "funding.csv",
    "meta_table_descriptions.csv",
    "metadata.csv",
    "organization_identifiers.csv",
    "programs.csv",
    "required_documents.csv",
    "service_areas.csv",
    "taxonomies.csv",
}
DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
STATUS_IN = {
    "active": Service.Status.ACTIVE,
    "inactive": Service.Status.TEMPORARILY_CLOSED,
    "temporarily closed": Service.Status.TEMPORARILY_CLOSED,
    "defunct": Service.Status.CLOSED,
}
TISSEURS_TAXONOMY = "tisseurs-themes"
NAMESPACE = uuid.UUID("6f1c3b1e-7d1a-4a51-9f35-2f1d3c0b9a10")
# What HSDS has no field for travels as attributes of a service, linked to the
# terms of this taxonomy: informal (is_formal False) and "bas seuil"
# (is_bas_seuil True) when true, the hours note as the attribute's value.
FLAGS_TAXONOMY = "tisseurs"
FLAG_INFORMAL = "informel"
FLAG_BAS_SEUIL = "bas-seuil"
FLAG_HOURS_NOTE = "remarque-horaires"
FLAG_TERMS = {
    FLAG_INFORMAL: (
        "Ressource informelle",
        "Un lieu informel (café, pharmacie, lieu de culte…), pas un service social.",
    ),
    FLAG_BAS_SEUIL: (
        "Bas seuil",
        "Accès sans rendez-vous ni condition, pour les plus éloigné·es.",
    ),
    FLAG_HOURS_NOTE: (
        "Remarque sur les horaires",
        "Ce que l'horaire hebdomadaire ne dit pas (valeur de l'attribut).",
    ),
}


def derived_id(*parts) -> str:
    """A stable HSDS id for a row Tisseurs has no id of its own for."""
    return str(uuid.uuid5(NAMESPACE, ":".join(str(p) for p in parts)))


def taxonomy_id(name: str) -> str:
    return derived_id("taxonomy", name)


def flag_term_id(code: str) -> str:
    return derived_id(FLAGS_TAXONOMY, code)


@dataclass
class Problem:
    file: str
    row: int | None
    field: str
    message: str

    def __str__(self):
        where = self.file if self.row is None else f"{self.file}, ligne {self.row}"
        return f"{where}, {self.field or '—'} : {self.message}"


@dataclass
class Report:
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    created: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    updated: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    ignored_files: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def error(self, file, row, field_name, message):
        self.errors.append(Problem(file, row, field_name, message))

    def warn(self, file, row, field_name, message):
        self.warnings.append(Problem(file, row, field_name, message))

    def counts(self) -> list[tuple[str, int, int]]:
        names = sorted(set(self.created) | set(self.updated))
        return [(n, self.created.get(n, 0), self.updated.get(n, 0)) for n in names]


# Reading ----------------------------------------------------------------------


def read_package(folder: Path, report: Report) -> dict[str, list[tuple[int, dict]]]:
    """The rows of each table (with their CSV line numbers)."""
    folder = Path(folder)
    paths = {}
    descriptor = folder / "datapackage.json"
    if descriptor.is_file():
        try:
            package = json.loads(descriptor.read_text(encoding="utf-8"))
            for resource in package.get("resources", []):
                path = resource.get("path")
                if isinstance(path, str) and Path(path).name in TABLES:
                    paths[Path(path).name] = folder / Path(path).name
        except (ValueError, AttributeError):
            report.warn(
                "datapackage.json",
                None,
                "",
                _("Fichier illisible : les tables sont cherchées par leur nom."),
            )
    else:
        report.warn("datapackage.json", None, "", _("Fichier absent."))
    for name in TABLES:
        if name not in paths and (folder / name).is_file():
            paths[name] = folder / name
    known = set(TABLES) | {"datapackage.json"}
    report.ignored_files = sorted(
        p.name for p in folder.iterdir() if p.is_file() and p.name not in known
    )
    if "services.csv" not in paths:
        report.error("services.csv", None, "", _("Fichier manquant."))
    tables = {}
    for name, path in paths.items():
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            report.error(name, None, "", _("Fichier illisible (UTF-8 attendu)."))
            continue
        reader = csv.DictReader(text.splitlines())
        columns = reader.fieldnames or []
        missing = [c for c in TABLES[name] if c not in columns]
        for column in missing:
            report.error(name, 1, column, _("Colonne obligatoire manquante."))
        if missing:
            continue
        tables[name] = [
            (line, {k: (v or "").strip() for k, v in row.items() if k})
            for line, row in enumerate(reader, start=2)
        ]
    return tables
