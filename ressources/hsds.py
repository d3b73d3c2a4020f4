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
    dry_run: bool = False

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
    report = Report(dry_run=dry_run)
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
        through its service_at_location)."""
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


# Export -----------------------------------------------------------------------

STATUS_OUT = {
    Service.Status.ACTIVE: "active",
    Service.Status.TEMPORARILY_CLOSED: "inactive",
    Service.Status.CLOSED: "defunct",
}


def _derived_id(*parts) -> str:
    return str(uuid.uuid5(NAMESPACE, ":".join(str(p) for p in parts)))


def theme_term_id(theme: Theme) -> str:
    return _derived_id("theme", theme.code)


def _clean(obj: dict) -> dict:
    """Drop empty values (HSDS JSON has no nulls for missing fields)."""
    return {k: v for k, v in obj.items() if v not in ("", None, [])}


def _schedule_groups(service: Service) -> list[dict]:
    groups: dict = {}
    for s in service.schedules.all():
        group_key = (s.hsds_id, s.opens_at, s.closes_at, s.valid_from, s.valid_to)
        groups.setdefault(group_key, []).append(s)
    documents = []
    for (hsds_id, opens, closes, valid_from, valid_to), rows in groups.items():
        documents.append(
            _clean(
                {
                    "id": str(hsds_id),
                    "service_id": str(service.hsds_id),
                    "valid_from": valid_from.isoformat() if valid_from else "",
                    "valid_to": valid_to.isoformat() if valid_to else "",
                    "freq": "WEEKLY",
                    "byday": ",".join(DAYS[r.weekday - 1] for r in rows),
                    "opens_at": opens.strftime("%H:%M:%S"),
                    "closes_at": closes.strftime("%H:%M:%S"),
                    "description": rows[0].note,
                    "timezone": 1,
                }
            )
        )
    return documents


def service_document(service: Service) -> dict:
    """One service as HSDS 3.0 JSON (compiled-service shape). `service` comes from
    `export_queryset()` (everything prefetched)."""
    organization = service.organization
    terms = [
        {
            "id": str(term.hsds_id),
            "name": term.name,
            "description": term.name,
            "code": term.code,
            "taxonomy": term.taxonomy,
        }
        for term in service.taxonomy_terms.all()
    ]
    terms += [
        {
            "id": theme_term_id(theme),
            "name": theme.label_fr,
            "description": theme.label_nl,
            "code": theme.code,
            "taxonomy": TISSEURS_TAXONOMY,
        }
        for theme in service.themes.all()
        if theme.code not in {t.code for t in service.taxonomy_terms.all()}
    ]
    document = {
        "id": str(service.hsds_id),
        "organization_id": str(organization.hsds_id),
        "name": service.name,
        "alternate_name": service.name_nl,
        "description": service.description,
        "url": service.url,
        "email": service.email,
        "status": STATUS_OUT[service.status],
        "interpretation_services": service.interpretation_note
        or ("yes" if service.has_interpretation else ""),
        "fees_description": service.fees_description,
        "eligibility_description": service.eligibility,
        "assured_date": service.verified_on.isoformat() if service.verified_on else "",
        "assurer_email": service.verified_by.email
        if service.verified_by and service.verified_by.email
        else service.verified_by_email,
        "last_modified": service.updated_at.isoformat(),
        "organization": {
            **_clean(
                {
                    "id": str(organization.hsds_id),
                    "name": organization.name,
                    "alternate_name": organization.name_nl,
                    "email": organization.email,
                    "website": organization.website,
                }
            ),
            "description": organization.description,  # required, even empty
        },
        "phones": [
            _clean(
                {
                    "id": str(p.hsds_id),
                    "service_id": str(service.hsds_id),
                    "number": p.number,
                    "extension": int(p.extension) if p.extension.isdigit() else None,
                    "type": p.type,
                    "description": p.description,
                }
            )
            for p in service.phones.all()
        ],
        "schedules": _schedule_groups(service),
        "languages": [
            _clean(
                {
                    "id": str(lang.hsds_id),
                    "service_id": str(service.hsds_id),
                    "code": lang.code,
                    "name": str(lang),
                    "note": lang.note,
                }
            )
            for lang in service.languages.all()
        ],
        "contacts": [
            _clean(
                {
                    "id": str(c.hsds_id),
                    "service_id": str(service.hsds_id),
                    "name": c.name,
                    "title": c.title,
                    "email": c.email,
                }
            )
            for c in service.contacts.all()
        ],
        "service_at_locations": [
            _clean(
                {
                    "id": str(link.hsds_id),
                    "service_id": str(service.hsds_id),
                    "location_id": str(link.location.hsds_id),
                    "description": link.description,
                    "location": _location_document(link.location),
                }
            )
            for link in service.service_locations.all()
        ],
        "attributes": [
            {
                "id": _derived_id("attribute", service.hsds_id, term["id"]),
                "link_id": str(service.hsds_id),
                "link_type": "service",
                "link_entity": "service",
                "taxonomy_term_id": term["id"],
                "taxonomy_term": _clean(term),
            }
            for term in terms
        ],
        "cost_options": [
            _clean(
                {
                    "id": _derived_id("cost", service.hsds_id),
                    "service_id": str(service.hsds_id),
                    "option": service.cost,
                    "amount": 0 if service.cost == Service.Cost.FREE else None,
                    "amount_description": service.get_cost_display(),
                }
            )
        ]
        if service.cost
        else [],
    }
    return _clean(document)


def _location_document(location: Location) -> dict:
    address = (
        [
            {
                "id": _derived_id("address", location.hsds_id),
                "location_id": str(location.hsds_id),
                "address_1": location.address_1,
                "city": location.city,
                "state_province": "",
                "postal_code": location.postal_code,
                "country": location.country,
                "address_type": "physical",
            }
        ]
        if location.one_line
        else []
    )
    return _clean(
        {
            "id": str(location.hsds_id),
            "location_type": "physical",
            "organization_id": str(location.organization.hsds_id)
            if location.organization
            else "",
            "name": location.name,
            "description": location.description,
            "transportation": location.transportation,
            "latitude": float(location.latitude)
            if location.latitude is not None
            else None,
            "longitude": float(location.longitude)
            if location.longitude is not None
            else None,
            "addresses": address,
        }
    )


def export_queryset():
    return Service.objects.select_related(
        "organization", "verified_by"
    ).prefetch_related(
        "phones",
        "schedules",
        "languages",
        "contacts",
        "themes",
        "taxonomy_terms",
        "service_locations__location__organization",
    )


COLUMNS = {
    "organizations.csv": [
        "id",
        "name",
        "alternate_name",
        "description",
        "email",
        "website",
    ],
    "services.csv": [
        "id",
        "organization_id",
        "name",
        "alternate_name",
        "description",
        "url",
        "email",
        "status",
        "interpretation_services",
        "fees_description",
        "eligibility_description",
        "assured_date",
        "assurer_email",
        "last_modified",
    ],
    "locations.csv": [
        "id",
        "location_type",
        "organization_id",
        "name",
        "description",
        "transportation",
        "latitude",
        "longitude",
    ],
    "addresses.csv": [
        "id",
        "location_id",
        "address_1",
        "city",
        "state_province",
        "postal_code",
        "country",
        "address_type",
    ],
    "service_at_location.csv": ["id", "service_id", "location_id", "description"],
    "phones.csv": ["id", "service_id", "number", "extension", "type", "description"],
    "contacts.csv": ["id", "service_id", "name", "title", "email"],
    "schedules.csv": [
        "id",
        "service_id",
        "valid_from",
        "valid_to",
        "freq",
        "byday",
        "opens_at",
        "closes_at",
        "description",
        "timezone",
    ],
    "languages.csv": ["id", "service_id", "name", "code", "note"],
    "taxonomy_terms.csv": ["id", "code", "name", "description", "taxonomy"],
    "attributes.csv": ["id", "link_id", "taxonomy_term_id", "link_type", "link_entity"],
    "cost_options.csv": ["id", "service_id", "option", "amount", "amount_description"],
}


def export_package(folder: Path) -> dict[str, int]:
    """Write every service (with its objects) as an HSDS package into `folder`."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rows: dict[str, dict[str, dict]] = {name: {} for name in COLUMNS}
    for service in export_queryset().order_by("pk"):
        doc = service_document(service)
        rows["organizations.csv"][doc["organization"]["id"]] = doc["organization"]
        flat = {k: v for k, v in doc.items() if not isinstance(v, list | dict)}
        rows["services.csv"][doc["id"]] = flat
        for link in doc.get("service_at_locations", []):
            location = link.pop("location")
            for address in location.pop("addresses", []):
                rows["addresses.csv"][address["id"]] = address
            rows["locations.csv"][location["id"]] = location
            rows["service_at_location.csv"][link["id"]] = link
        for name, key in [
            ("phones.csv", "phones"),
            ("contacts.csv", "contacts"),
            ("schedules.csv", "schedules"),
            ("languages.csv", "languages"),
            ("cost_options.csv", "cost_options"),
        ]:
            for item in doc.get(key, []):
                rows[name][item["id"]] = item
        for attribute in doc.get("attributes", []):
            term = attribute.pop("taxonomy_term")
            rows["taxonomy_terms.csv"][term["id"]] = term
            rows["attributes.csv"][attribute["id"]] = attribute
    for location in Location.objects.filter(organization__isnull=False):
        # organisations of exported locations must be in the package too
        org = location.organization
        rows["organizations.csv"].setdefault(
            str(org.hsds_id),
            _clean({"id": str(org.hsds_id), "name": org.name, "description": ""}),
        )
    resources = []
    for name, columns in COLUMNS.items():
        with open(folder / name, "w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
            writer.writeheader()
            for item in rows[name].values():
                writer.writerow(item)
        resources.append(
            {
                "name": name.removesuffix(".csv"),
                "path": name,
                "profile": "tabular-data-resource",
                "schema": {"fields": [{"name": c, "type": "string"} for c in columns]},
            }
        )
    (folder / "datapackage.json").write_text(
        json.dumps(
            {
                "name": "tisseurs-ressources",
                "title": "Tisseurs de liens de quartier — ressources (HSDS 3.0)",
                "profile": "tabular-data-package",
                "resources": resources,
            },
            ensure_ascii=False,
            indent=2,
        ),
        encoding="utf-8",
    )
    return {name: len(items) for name, items in rows.items()}
