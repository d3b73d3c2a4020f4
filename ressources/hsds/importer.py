"""Reading and importing an HSDS package (see the package docstring)."""

import csv
import json
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, time
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from ressources.models import (
    Contact,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceLanguage,
    TaxonomyTerm,
    Theme,
)
from ressources.services import service_refresh_search

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


class _Rollback(Exception):
    pass


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


def REQUIRED() -> str:
    return _("Valeur obligatoire manquante.")


def _uuid(report, file, line, row, column, *, required=True):
    value = row.get(column, "")
    if not value:
        if required:
            report.error(file, line, column, REQUIRED())
        return None
    try:
        return uuid.UUID(value)
    except ValueError:
        report.error(file, line, column, _("Identifiant invalide (UUID attendu)."))
        return None


def _date(report, file, line, row, column):
    value = row.get(column, "")
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        report.error(file, line, column, _("Date invalide (AAAA-MM-JJ attendu)."))
        return None


def _time(report, file, line, row, column):
    value = row.get(column, "")
    if not value:
        return None
    try:
        return time.fromisoformat(value.rstrip("Z")[:8])
    except ValueError:
        report.error(file, line, column, _("Heure invalide (HH:MM attendu)."))
        return None


def _coordinate(report, file, line, row, column, limit):
    value = row.get(column, "")
    if not value:
        return None
    try:
        number = Decimal(value)
    except InvalidOperation:
        report.error(file, line, column, _("Coordonnée invalide (nombre attendu)."))
        return None
    if not number.is_finite():
        report.error(file, line, column, _("Coordonnée invalide (nombre attendu)."))
        return None
    if abs(number) > limit:
        report.warn(
            file, line, column, _("Coordonnée hors limites : elle n'est pas gardée.")
        )
        return None
    return number.quantize(Decimal("0.000001"))


# Import -----------------------------------------------------------------------


def import_package(folder: Path, *, dry_run: bool = False) -> Report:
    """Import the HSDS package in `folder`, all or nothing (see the module doc)."""
    report = Report()
    tables = read_package(folder, report)
    if report.errors:
        return report
    try:
        with transaction.atomic():
            _Importer(tables, report).run()
            if report.errors or dry_run:
                raise _Rollback
    except _Rollback:
        pass
    return report


class _Importer:
    def __init__(self, tables, report: Report):
        self.tables = tables
        self.report = report
        self.organizations: dict[uuid.UUID, Organization] = {}
        self.services: dict[uuid.UUID, Service] = {}
        self.locations: dict[uuid.UUID, Location] = {}
        self.links: dict[uuid.UUID, ServiceAtLocation] = {}
        self.terms: dict[uuid.UUID, TaxonomyTerm] = {}

    def rows(self, name):
        return self.tables.get(name, [])

    def _save(self, model, hsds_id, defaults, label):
        obj, created = model.objects.update_or_create(
            hsds_id=hsds_id, defaults=defaults
        )
        (self.report.created if created else self.report.updated)[label] += 1
        return obj

    def _existing(self, model, cache, key):
        if key in cache:
            return cache[key]
        obj = model.objects.filter(hsds_id=key).first() if key else None
        if obj is not None:
            cache[key] = obj
        return obj

    def run(self):
        self.import_organizations()
        self.import_services()
        self.import_locations()
        self.import_addresses()
        self.import_service_at_location()
        self.import_taxonomy()
        if self.report.errors:
            return
        self.import_phones()
        self.import_contacts()
        self.import_schedules()
        self.import_languages()
        self.import_costs()
        self.import_accessibility()
        service_refresh_search(services=self.services.values())

    def import_organizations(self):
        file = "organizations.csv"
        for line, row in self.rows(file):
            key = _uuid(self.report, file, line, row, "id")
            if not row.get("name"):
                self.report.error(file, line, "name", REQUIRED())
            if key is None or not row.get("name"):
                continue
            self.organizations[key] = self._save(
                Organization,
                key,
                {
                    "name": row["name"][:200],
                    "name_nl": row.get("alternate_name", "")[:200],
                    "description": row.get("description", ""),
                    "email": row.get("email", "")[:254],
                    "website": row.get("website", "")[:200],
                },
                "organizations",
            )

    def import_services(self):
        file = "services.csv"
        for line, row in self.rows(file):
            key = _uuid(self.report, file, line, row, "id")
            org_key = _uuid(self.report, file, line, row, "organization_id")
            organization = self._existing(Organization, self.organizations, org_key)
            if org_key and organization is None:
                self.report.error(
                    file, line, "organization_id", _("Organisation inconnue.")
                )
            status = STATUS_IN.get(row.get("status", "").lower())
            if status is None:
                self.report.error(
                    file,
                    line,
                    "status",
                    _("Statut inconnu (active, inactive, defunct…)."),
                )
            if not row.get("name"):
                self.report.error(file, line, "name", REQUIRED())
            verified_on = _date(self.report, file, line, row, "assured_date")
            if key is None or organization is None or status is None:
                continue
            interpretation = row.get("interpretation_services", "")
            self.services[key] = self._save(
                Service,
                key,
                {
                    "organization": organization,
                    "name": row["name"][:200],
                    "name_nl": row.get("alternate_name", "")[:200],
                    "description": row.get("description", ""),
                    "url": row.get("url", "")[:200],
                    "email": row.get("email", "")[:254],
                    "status": status,
                    "has_interpretation": bool(interpretation),
                    "interpretation_note": interpretation,
                    "fees_description": row.get("fees_description", ""),
                    "eligibility": row.get("eligibility_description", ""),
                    "verified_on": verified_on,
                    "verified_by_email": row.get("assurer_email", "")[:254],
                },
                "services",
            )

    def import_locations(self):
        file = "locations.csv"
        for line, row in self.rows(file):
            key = _uuid(self.report, file, line, row, "id")
            latitude = _coordinate(self.report, file, line, row, "latitude", 90)
            longitude = _coordinate(self.report, file, line, row, "longitude", 180)
            org_key = _uuid(
                self.report, file, line, row, "organization_id", required=False
            )
            organization = self._existing(Organization, self.organizations, org_key)
            if org_key and organization is None:
                self.report.warn(
                    file,
                    line,
                    "organization_id",
                    _("Organisation absente du paquet : lien ignoré."),
                )
            if key is None:
                continue
            self.locations[key] = self._save(
                Location,
                key,
                {
                    "organization": organization,
                    "name": row.get("name", "")[:200],
                    "description": row.get("description", ""),
                    "transportation": row.get("transportation", ""),
                    "latitude": latitude,
                    "longitude": longitude,
                },
                "locations",
            )

    def import_addresses(self):
        file = "addresses.csv"
        seen = set()
        for line, row in self.rows(file):
            _uuid(self.report, file, line, row, "id")
            loc_key = _uuid(self.report, file, line, row, "location_id")
            location = self._existing(Location, self.locations, loc_key)
            if loc_key and location is None:
                self.report.error(file, line, "location_id", _("Lieu inconnu."))
                continue
            if location is None or loc_key in seen:
                continue
            seen.add(loc_key)
            location.address_1 = row.get("address_1", "")[:200]
            location.postal_code = row.get("postal_code", "")[:10]
            location.city = row.get("city", "")[:100]
            location.country = (row.get("country", "") or "BE")[:2].upper()
            location.save()

    def import_service_at_location(self):
        file = "service_at_location.csv"
        for line, row in self.rows(file):
            key = _uuid(self.report, file, line, row, "id")
            service = self._service(file, line, row, "service_id", required=True)
            loc_key = _uuid(self.report, file, line, row, "location_id")
            location = self._existing(Location, self.locations, loc_key)
            if loc_key and location is None:
                self.report.error(file, line, "location_id", _("Lieu inconnu."))
            if key is None or service is None or location is None:
                continue
            ServiceAtLocation.objects.filter(
                service=service, location=location
            ).exclude(hsds_id=key).delete()
            self.links[key] = self._save(
                ServiceAtLocation,
                key,
                {
                    "service": service,
                    "location": location,
                    "description": row.get("description", ""),
                },
                "service_at_location",
            )

    def _service(self, file, line, row, column, *, required=False):
        key = _uuid(self.report, file, line, row, column, required=required)
        service = self._existing(Service, self.services, key)
        if key and service is None:
            self.report.error(file, line, column, _("Ressource inconnue."))
        return service

    def _service_of(self, file, line, row):
        """The service a phone/contact/schedule row belongs to (directly or
        through its service_at_location); rows of an organisation or a location
        alone are not kept (Tisseurs shows them on services) and say so."""
        if not row.get("service_id") and not row.get("service_at_location_id"):
            self.report.warn(
                file,
                line,
                "service_id",
                _("Ne concerne aucune ressource : ignoré."),
            )
            return None
        service = self._service(file, line, row, "service_id")
        if service is None and row.get("service_at_location_id"):
            key = _uuid(self.report, file, line, row, "service_at_location_id")
            link = self._existing(ServiceAtLocation, self.links, key)
            if key and link is None:
                self.report.error(
                    file, line, "service_at_location_id", _("Lien inconnu.")
                )
            service = link.service if link else None
        return service

    def import_taxonomy(self):
        file = "taxonomy_terms.csv"
        themes = {t.code: t for t in Theme.objects.all()}
        for line, row in self.rows(file):
            key = _uuid(self.report, file, line, row, "id")
            if key is None or not row.get("name"):
                continue
            existing = TaxonomyTerm.objects.filter(hsds_id=key).first()
            theme = themes.get(row.get("code", "")) or (
                existing.theme if existing else None
            )
            self.terms[key] = self._save(
                TaxonomyTerm,
                key,
                {
                    "code": row.get("code", "")[:100],
                    "name": row["name"][:200],
                    "taxonomy": row.get("taxonomy", "")[:200],
                    "theme": theme,
                },
                "taxonomy_terms",
            )
        file = "attributes.csv"
        for line, row in self.rows(file):
            term_key = _uuid(self.report, file, line, row, "taxonomy_term_id")
            term = self._existing(TaxonomyTerm, self.terms, term_key)
            if term_key and term is None:
                self.report.error(
                    file, line, "taxonomy_term_id", _("Terme de taxonomie inconnu.")
                )
                continue
            link_key = _uuid(self.report, file, line, row, "link_id")
            service = self._existing(Service, self.services, link_key)
            if service is None:
                self.report.warn(
                    file,
                    line,
                    "link_id",
                    _("Ne désigne pas une ressource du paquet : ignoré."),
                )
                continue
            service.taxonomy_terms.add(term)
            if term.theme_id:
                service.themes.add(term.theme_id)

    def import_phones(self):
        file = "phones.csv"
        for line, row in self.rows(file):
            key = _uuid(self.report, file, line, row, "id")
            service = self._service_of(file, line, row)
            number = row.get("number", "").strip('"').strip()
            if not number:
                self.report.error(file, line, "number", REQUIRED())
            if key is None or not number or service is None:
                continue
            self._save(
                Phone,
                key,
                {
                    "service": service,
                    "organization": service.organization,
                    "number": number[:40],
                    "extension": row.get("extension", "")[:20],
                    "type": row.get("type", "")[:20],
                    "description": row.get("description", "")[:500],
                },
                "phones",
            )

    def import_contacts(self):
        file = "contacts.csv"
        for line, row in self.rows(file):
            key = _uuid(self.report, file, line, row, "id")
            service = self._service_of(file, line, row)
            if key is None or service is None:
                continue
            self._save(
                Contact,
                key,
                {
                    "service": service,
                    "name": row.get("name", "")[:200],
                    "title": row.get("title", "")[:200],
                    "email": row.get("email", "")[:254],
                },
                "contacts",
            )

    def import_schedules(self):
        file = "schedules.csv"
        for line, row in self.rows(file):
            key = _uuid(self.report, file, line, row, "id")
            service = self._service_of(file, line, row)
            valid_from = _date(self.report, file, line, row, "valid_from")
            valid_to = _date(self.report, file, line, row, "valid_to")
            opens = _time(self.report, file, line, row, "opens_at")
            closes = _time(self.report, file, line, row, "closes_at")
            days = [d.strip().upper() for d in row.get("byday", "").split(",") if d]
            if row.get("freq", "").upper() == "MONTHLY":
                # "2MO" (second Monday): Tisseurs keeps weekly ranges only.
                days = []
            bad = [d for d in days if d not in DAYS]
            if bad:
                self.report.error(
                    file, line, "byday", _("Jour inconnu (MO, TU… SU attendus).")
                )
            if valid_from and valid_to and valid_to < valid_from:
                self.report.error(
                    file, line, "valid_to", _("La fin de validité précède son début.")
                )
            if key is None or service is None or bad:
                continue
            if not (days and opens and closes) or opens == closes:
                self.report.warn(
                    file,
                    line,
                    "byday",
                    _("Horaire sans jour ni heures : gardé comme remarque."),
                )
                note = row.get("description", "")[:200]
                if note and not service.hours_note:
                    service.hours_note = note
                    service.save(update_fields=["hours_note"])
                continue
            replaced = Schedule.objects.filter(hsds_id=key).delete()[0]
            (self.report.updated if replaced else self.report.created)["schedules"] += 1
            Schedule.objects.bulk_create(
                Schedule(
                    hsds_id=key,
                    service=service,
                    weekday=DAYS.index(day) + 1,
                    opens_at=opens,
                    closes_at=closes,
                    closes_next_day=closes <= opens,
                    valid_from=valid_from,
                    valid_to=valid_to,
                    note=row.get("description", "")[:200],
                )
                for day in dict.fromkeys(days)
            )

    def import_languages(self):
        file = "languages.csv"
        for line, row in self.rows(file):
            key = _uuid(self.report, file, line, row, "id")
            service = self._service(file, line, row, "service_id")
            code = row.get("code", "").lower()[:8]
            if key is None or service is None:
                continue
            if not code:
                self.report.warn(file, line, "code", _("Langue sans code : ignorée."))
                continue
            ServiceLanguage.objects.filter(service=service, code=code).exclude(
                hsds_id=key
            ).delete()
            self._save(
                ServiceLanguage,
                key,
                {"service": service, "code": code, "note": row.get("note", "")[:200]},
                "languages",
            )

    def import_costs(self):
        file = "cost_options.csv"
        for line, row in self.rows(file):
            service = self._service(file, line, row, "service_id", required=True)
            if service is None:
                continue
            option = row.get("option", "").lower()
            amount = row.get("amount", "")
            if option in ("free", "gratuit") or amount in ("0", "0.0", "0.00"):
                service.cost = Service.Cost.FREE
            elif option in ("sliding", Service.Cost.SLIDING.label.lower()):
                service.cost = Service.Cost.SLIDING
            else:
                service.cost = Service.Cost.PAID
            service.save(update_fields=["cost"])

    def import_accessibility(self):
        file = "accessibility.csv"
        for line, row in self.rows(file):
            loc_key = _uuid(self.report, file, line, row, "location_id")
            location = self._existing(Location, self.locations, loc_key)
            if loc_key and location is None:
                self.report.error(file, line, "location_id", _("Lieu inconnu."))
                continue
            text = row.get("description", "")
            if location is None or not text:
                continue
            for link in location.service_locations.select_related("service"):
                link.service.accessibility = text
                link.service.save(update_fields=["accessibility"])
