"""Importing an HSDS package, all or nothing (see the package docstring): every
table is checked and written inside one transaction, rolled back if any row is
wrong or if the import is a dry run.

Every object goes through the model's full validation (`full_clean`, as in the
admin): a bad phone, e-mail or web address (http and https only) is reported with
its file, row and HSDS column. The attributes linked to the Tisseurs taxonomy
(`FLAGS_TAXONOMY`) set the informal and "bas seuil" flags and the hours note."""

import uuid
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import override

from ressources.hsds.package import (
    DAYS,
    FLAG_BAS_SEUIL,
    FLAG_HOURS_NOTE,
    FLAG_INFORMAL,
    FLAG_TERMS,
    FLAGS_TAXONOMY,
    HSDS_LANGUAGE,
    STATUS_IN,
    Report,
    flag_term_id,
    read_package,
)
from ressources.hsds.values import (
    parse_coordinate,
    parse_date,
    parse_time,
    parse_uuid,
    report_invalid,
    required_message,
)
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


class _Rollback(Exception):
    pass


@override(HSDS_LANGUAGE)
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
        self.flag_terms: dict[uuid.UUID, str] = {}
        # errors of the models' validation (the rows are still written, so that
        # the rows after them find them; the transaction is rolled back)
        self.invalid = 0

    def rows(self, name):
        return self.tables.get(name, [])

    def _save(self, model, hsds_id, defaults, label, file, line):
        obj = model.objects.filter(hsds_id=hsds_id).first()
        created = obj is None
        if created:
            obj = model(hsds_id=hsds_id)
        for name, value in defaults.items():
            setattr(obj, name, value)
        if not self._write(obj, file, line):
            return None
        (self.report.created if created else self.report.updated)[label] += 1
        return obj

    def _valid(self, obj, file, line) -> bool:
        found = report_invalid(self.report, obj, file, line)
        self.invalid += found
        return not found

    def _write(self, obj, file, line, **save) -> bool:
        """Validate and save `obj`; an invalid one is still saved when the database
        takes it (the import is rolled back anyway) so that later rows find it."""
        if self._valid(obj, file, line):
            obj.save(**save)
            return True
        try:
            with transaction.atomic():
                obj.save(**save)
        except DatabaseError:
            return False
        return True

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
        if len(self.report.errors) > self.invalid:
            return  # rows are missing: what follows would only repeat it
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
            key = parse_uuid(self.report, file, line, row, "id")
            if not row.get("name"):
                self.report.error(file, line, "name", required_message())
            if key is None or not row.get("name"):
                continue
            self.organizations[key] = self._save(
                Organization,
                key,
                {
                    "name": row["name"][:200],
                    "name_nl": row.get("alternate_name", "")[:200],
                    # the export's default for a missing description is the name
                    "description": ""
                    if row.get("description") == row["name"]
                    else row.get("description", ""),
                    "email": row.get("email", "")[:254],
                    "website": row.get("website", "")[:200],
                },
                "organizations",
                file,
                line,
            )

    def import_services(self):
        file = "services.csv"
        for line, row in self.rows(file):
            key = parse_uuid(self.report, file, line, row, "id")
            org_key = parse_uuid(self.report, file, line, row, "organization_id")
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
                self.report.error(file, line, "name", required_message())
            verified_on = parse_date(self.report, file, line, row, "assured_date")
            if key is None or organization is None or status is None:
                continue
            if not row.get("name"):
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
                file,
                line,
            )

    def import_locations(self):
        file = "locations.csv"
        for line, row in self.rows(file):
            key = parse_uuid(self.report, file, line, row, "id")
            latitude = parse_coordinate(self.report, file, line, row, "latitude", 90)
            longitude = parse_coordinate(self.report, file, line, row, "longitude", 180)
            org_key = parse_uuid(
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
                file,
                line,
            )

    def import_addresses(self):
        file = "addresses.csv"
        seen = set()
        for line, row in self.rows(file):
            parse_uuid(self.report, file, line, row, "id")
            loc_key = parse_uuid(self.report, file, line, row, "location_id")
            location = self._existing(Location, self.locations, loc_key)
            if loc_key and location is None:
                self.report.error(file, line, "location_id", _("Lieu inconnu."))
                continue
            if location is None or loc_key in seen:
                continue
            seen.add(loc_key)
            street = row.get("address_1", "")
            # the export's default for an unknown street is the town
            location.address_1 = "" if street == row.get("city") else street[:200]
            location.postal_code = row.get("postal_code", "")[:10]
            location.city = row.get("city", "")[:100]
            location.country = (row.get("country", "") or "BE")[:2].upper()
            self._write(location, file, line)

    def import_service_at_location(self):
        file = "service_at_location.csv"
        for line, row in self.rows(file):
            key = parse_uuid(self.report, file, line, row, "id")
            service = self._service(file, line, row, "service_id", required=True)
            loc_key = parse_uuid(self.report, file, line, row, "location_id")
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
                file,
                line,
            )

    def _service(self, file, line, row, column, *, required=False):
        key = parse_uuid(self.report, file, line, row, column, required=required)
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
            key = parse_uuid(self.report, file, line, row, "service_at_location_id")
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
            key = parse_uuid(self.report, file, line, row, "id")
            if key is None or not row.get("name"):
                continue
            code = row.get("code", "")
            if code in FLAG_TERMS and (
                key == uuid.UUID(flag_term_id(code))
                or row.get("taxonomy") == FLAGS_TAXONOMY
            ):
                self.flag_terms[key] = code  # a flag, not a theme
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
                file,
                line,
            )
        file = "attributes.csv"
        flags = {}  # service key: (is_formal, is_bas_seuil, hours_note)
        for line, row in self.rows(file):
            term_key = parse_uuid(self.report, file, line, row, "taxonomy_term_id")
            if term_key in self.flag_terms:
                link_key = parse_uuid(self.report, file, line, row, "link_id")
                if link_key in self.services:
                    code = self.flag_terms[term_key]
                    flags.setdefault(link_key, {})[code] = (line, row.get("value", ""))
                continue
            term = self._existing(TaxonomyTerm, self.terms, term_key)
            if term_key and term is None:
                self.report.error(
                    file, line, "taxonomy_term_id", _("Terme de taxonomie inconnu.")
                )
                continue
            link_key = parse_uuid(self.report, file, line, row, "link_id")
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
        if self.flag_terms:
            self.import_flags(flags)

    def import_flags(self, flags):
        """A package that has the Tisseurs taxonomy says every flag of its
        services: no attribute means formal, not "bas seuil", no hours note."""
        note_field = Service._meta.get_field("hours_note")
        for key, service in self.services.items():
            values = flags.get(key, {})
            service.is_formal = FLAG_INFORMAL not in values
            service.is_bas_seuil = FLAG_BAS_SEUIL in values
            line, note = values.get(FLAG_HOURS_NOTE, (None, ""))
            try:
                service.hours_note = note_field.clean(note, service)
            except ValidationError as error:
                for message in error.messages:
                    self.report.error("attributes.csv", line, "value", message)
                continue
            service.save(update_fields=["is_formal", "is_bas_seuil", "hours_note"])

    def import_phones(self):
        file = "phones.csv"
        for line, row in self.rows(file):
            key = parse_uuid(self.report, file, line, row, "id")
            service = self._service_of(file, line, row)
            number = row.get("number", "").strip('"').strip()
            if not number:
                self.report.error(file, line, "number", required_message())
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
                file,
                line,
            )

    def import_contacts(self):
        file = "contacts.csv"
        for line, row in self.rows(file):
            key = parse_uuid(self.report, file, line, row, "id")
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
                file,
                line,
            )

    def import_schedules(self):
        file = "schedules.csv"
        for line, row in self.rows(file):
            key = parse_uuid(self.report, file, line, row, "id")
            service = self._service_of(file, line, row)
            valid_from = parse_date(self.report, file, line, row, "valid_from")
            valid_to = parse_date(self.report, file, line, row, "valid_to")
            opens = parse_time(self.report, file, line, row, "opens_at")
            closes = parse_time(self.report, file, line, row, "closes_at")
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
            schedules = [
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
            ]
            if not self._valid(schedules[0], file, line):
                continue  # the days differ only by their weekday
            replaced = Schedule.objects.filter(hsds_id=key).delete()[0]
            (self.report.updated if replaced else self.report.created)["schedules"] += 1
            Schedule.objects.bulk_create(schedules)

    def import_languages(self):
        file = "languages.csv"
        for line, row in self.rows(file):
            key = parse_uuid(self.report, file, line, row, "id")
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
                file,
                line,
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
            loc_key = parse_uuid(self.report, file, line, row, "location_id")
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
