"""Exporting the directory as HSDS JSON and as a tabular data package.

The package is the official HSDS 3.0 one: `datapackage.json` here is the Open
Referral descriptor, unchanged (CC BY-SA 4.0, © the Open Referral project,
https://openreferral.org/), written into every export; every table it lists is
written with all its columns in its order (tables Tisseurs does not keep hold only
their header). Required fields Tisseurs may leave empty get a default, so that
the package passes `frictionless validate datapackage.json`:

- organization `description`: the French description, else the Dutch one, else
  the organisation's name (an import does not keep a description equal to the
  name);
- taxonomy term `description`: the term's name (a theme's Dutch label);
- address `state_province`: the region or province of the Belgian postal code
  (`province_of`), else the town; `address_1`: the street, else the town (an
  import does not keep a street equal to the town); an address is written only
  with a postal code and a town (a location without them has no address row);
  `country` BE by default.
"""

import csv
import io
import json
import tempfile
import zipfile
from functools import cache
from pathlib import Path

from django.utils.translation import override

from ressources.hsds.package import (
    DAYS,
    FLAG_BAS_SEUIL,
    FLAG_HOURS_NOTE,
    FLAG_INFORMAL,
    FLAG_TERMS,
    FLAGS_TAXONOMY,
    HSDS_LANGUAGE,
    TISSEURS_TAXONOMY,
    derived_id,
    flag_term_id,
    taxonomy_id,
)
from ressources.models import (
    Location,
    Organization,
    Service,
    Theme,
)

DESCRIPTOR = Path(__file__).with_name("datapackage.json")
# Belgian postal codes by first digits: region (Brussels) or province.
PROVINCES = [
    (1000, 1299, "Bruxelles-Capitale / Brussels Hoofdstedelijk Gewest"),
    (1300, 1499, "Brabant wallon"),
    (1500, 1999, "Vlaams-Brabant"),
    (2000, 2999, "Antwerpen"),
    (3000, 3499, "Vlaams-Brabant"),
    (3500, 3999, "Limburg"),
    (4000, 4999, "Liège"),
    (5000, 5999, "Namur"),
    (6000, 6599, "Hainaut"),
    (6600, 6999, "Luxembourg"),
    (7000, 7999, "Hainaut"),
    (8000, 8999, "West-Vlaanderen"),
    (9000, 9999, "Oost-Vlaanderen"),
]
TAXONOMIES = {
    TISSEURS_TAXONOMY: "Les thèmes de Tisseurs de liens de quartier.",
    FLAGS_TAXONOMY: (
        "Ce que HSDS ne dit pas d'une ressource de Tisseurs de liens de quartier : "
        "informelle, bas seuil, remarque sur les horaires."
    ),
}


@cache
def descriptor() -> dict:
    return json.loads(DESCRIPTOR.read_text(encoding="utf-8"))


def table_columns() -> dict[str, list[str]]:
    """Every table of the official package (file name: its columns, in order)."""
    return {
        resource["path"]: [f["name"] for f in resource["schema"]["fields"]]
        for resource in descriptor()["resources"]
    }


def province_of(postal_code: str, country: str) -> str:
    if country == "BE" and postal_code.isdigit():
        for low, high, name in PROVINCES:
            if low <= int(postal_code) <= high:
                return name
    return ""


def theme_term_id(theme: Theme) -> str:
    return derived_id("theme", theme.code)


def taxonomy_rows() -> list[dict]:
    return [
        {"id": taxonomy_id(name), "name": name, "description": description}
        for name, description in TAXONOMIES.items()
    ]


def flag_terms() -> list[dict]:
    return [
        {
            "id": flag_term_id(code),
            "code": code,
            "name": name,
            "description": description,
            "taxonomy": FLAGS_TAXONOMY,
            "taxonomy_id": taxonomy_id(FLAGS_TAXONOMY),
            "language": "fr",
        }
        for code, (name, description) in FLAG_TERMS.items()
    ]


def _flag_attributes(service: Service) -> list[dict]:
    terms = {term["code"]: term for term in flag_terms()}
    values = []
    if not service.is_formal:
        values.append((FLAG_INFORMAL, ""))
    if service.is_bas_seuil:
        values.append((FLAG_BAS_SEUIL, ""))
    if service.hours_note:
        values.append((FLAG_HOURS_NOTE, service.hours_note))
    return [
        _clean(
            {
                "id": derived_id("attribute", service.hsds_id, terms[code]["id"]),
                "link_id": str(service.hsds_id),
                "link_type": "service",
                "link_entity": "service",
                "taxonomy_term_id": terms[code]["id"],
                "value": value,
                "taxonomy_term": terms[code],
            }
        )
        for code, value in values
    ]


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


@override(HSDS_LANGUAGE)
def organization_document(organization: Organization) -> dict:
    """An organisation as HSDS JSON (in a service, or alone in the package)."""
    return {
        **_clean(
            {
                "id": str(organization.hsds_id),
                "name": organization.name,
                "alternate_name": organization.name_nl or "",
                "email": organization.email,
                "website": organization.website,
            }
        ),
        # required: see the module doc for the default
        "description": organization.description
        or organization.description_nl
        or organization.name,
    }


@override(HSDS_LANGUAGE)
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
            "description": theme.label_nl or theme.label_fr,
            "code": theme.code,
            "taxonomy": TISSEURS_TAXONOMY,
            "taxonomy_id": taxonomy_id(TISSEURS_TAXONOMY),
        }
        for theme in service.themes.all()
        if theme.code not in {t.code for t in service.taxonomy_terms.all()}
    ]
    document = {
        "id": str(service.hsds_id),
        "organization_id": str(organization.hsds_id),
        "name": service.name,
        "alternate_name": service.name_nl or "",
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
                "id": derived_id("attribute", service.hsds_id, term["id"]),
                "link_id": str(service.hsds_id),
                "link_type": "service",
                "link_entity": "service",
                "taxonomy_term_id": term["id"],
                "taxonomy_term": _clean(term),
            }
            for term in terms
        ]
        + _flag_attributes(service),
        "cost_options": [
            _clean(
                {
                    "id": derived_id("cost", service.hsds_id),
                    "service_id": str(service.hsds_id),
                    "option": service.cost,
                    "amount": 0 if service.cost == Service.Cost.FREE else None,
                    "currency": "EUR" if service.cost == Service.Cost.FREE else "",
                    "amount_description": service.get_cost_display(),
                }
            )
        ]
        if service.cost
        else [],
    }
    return _clean(document)


def _location_document(location: Location) -> dict:
    country = location.country or "BE"
    address = (
        [
            {
                "id": derived_id("address", location.hsds_id),
                "location_id": str(location.hsds_id),
                "address_1": location.address_1 or location.city,
                "city": location.city,
                "state_province": province_of(location.postal_code, country)
                or location.city,
                "postal_code": location.postal_code,
                "country": country,
                "address_type": "physical",
            }
        ]
        if location.postal_code and location.city
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


@override(HSDS_LANGUAGE)
def export_package(folder: Path) -> dict[str, int]:
    """Write every service (with its objects) as an HSDS package into `folder`."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    columns = table_columns()
    rows: dict[str, dict[str, dict]] = {name: {} for name in columns}
    for taxonomy in taxonomy_rows():
        rows["taxonomies.csv"][taxonomy["id"]] = taxonomy
    for term in flag_terms():
        rows["taxonomy_terms.csv"][term["id"]] = term
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
    for name, names in columns.items():
        with open(folder / name, "w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=names, extrasaction="ignore")
            writer.writeheader()
            writer.writerows(rows[name].values())
    (folder / "datapackage.json").write_bytes(DESCRIPTOR.read_bytes())
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
