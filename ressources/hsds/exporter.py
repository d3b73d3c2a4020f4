"""Exporting the directory as HSDS JSON and as a tabular data package."""

import csv
import io
import json
import tempfile
import uuid
import zipfile
from pathlib import Path

from ressources.hsds.package import DAYS, NAMESPACE, TISSEURS_TAXONOMY
from ressources.models import (
    Location,
    Organization,
    Service,
    Theme,
)

# Export -----------------------------------------------------------------------


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


def organization_document(organization: Organization) -> dict:
    """An organisation as HSDS JSON (in a service, or alone in the package)."""
    return {
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
    }


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
        "status": service.status,  # the values are HSDS's own
        "interpretation_services": service.interpretation_note
        or ("yes" if service.has_interpretation else ""),
        "fees_description": service.fees_description,
        "eligibility_description": service.eligibility,
        "assured_date": service.verified_on.isoformat() if service.verified_on else "",
        "assurer_email": service.verified_by.email
        if service.verified_by and service.verified_by.email
        else service.verified_by_email,
        "last_modified": service.updated_at.isoformat(),
        "organization": organization_document(organization),
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
    # Organisations that own exported locations must be in the package too.
    for organization in Organization.objects.filter(locations__isnull=False).distinct():
        rows["organizations.csv"].setdefault(
            str(organization.hsds_id), organization_document(organization)
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


def export_zip() -> bytes:
    """The whole directory as one zip of the package's files (what the export page
    downloads)."""
    buffer = io.BytesIO()
    with tempfile.TemporaryDirectory() as folder:
        export_package(Path(folder))
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(Path(folder).iterdir()):
                archive.write(path, path.name)
    return buffer.getvalue()
