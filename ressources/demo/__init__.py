"""Demo directory of quartier Brabant (Schaerbeek 1030 / Saint-Josse 1210) for
`manage.py load_demo` (idempotent: matched on a fixed HSDS id per entry).

The project's partners are real organisations: no phone number, e-mail, street or
opening hours is invented for them (coordination fills them in after checking).
The other entries are fictional but typical of the quarter. The data live in
`partners.py`, `formal.py` and `informal.py`; this module loads them."""

import uuid
from datetime import timedelta

from django.utils import timezone

from ressources import services
from ressources.demo.dutch import DESCRIPTIONS_NL
from ressources.demo.formal import FORMAL
from ressources.demo.informal import INFORMAL
from ressources.demo.partners import PARTNERS
from ressources.models import (
    Organization,
    Schedule,
    Service,
    Theme,
)

NAMESPACE = uuid.UUID("0c7f2a52-3a4b-4f0e-a8f5-4f1e0b7d9c21")
# name, Dutch name, description, themes, languages, formal, bas seuil, cost,
# partner, street, postal code, hours [(weekdays, opens, closes)], hours note
ENTRIES = PARTNERS + FORMAL + INFORMAL


def load(*, users: dict | None = None) -> list[Service]:
    """Create or update the demo resources (idempotent)."""
    users = users or {}
    checker = users.get("coordination")
    themes = {t.code: t for t in Theme.objects.all()}
    today = timezone.localdate()
    loaded = []
    for n, entry in enumerate(ENTRIES):
        (
            name,
            name_nl,
            description,
            theme_codes,
            languages,
            formal,
            bas_seuil,
            cost,
            partner,
            street,
            postal_code,
            hours,
            note,
        ) = entry
        key = uuid.uuid5(NAMESPACE, name)
        organization, _created = Organization.objects.update_or_create(
            hsds_id=key, defaults={"name_fr": name, "is_partner": partner}
        )
        service = Service.objects.filter(hsds_id=key).first() or Service(hsds_id=key)
        service.organization = organization
        service.name_fr, service.name_nl = name, name_nl
        service.description_fr = description
        service.description_nl = DESCRIPTIONS_NL.get(name, "")
        service.is_formal, service.is_bas_seuil, service.cost = formal, bas_seuil, cost
        service.hours_note = note
        # A few records were last checked long ago: they show "à vérifier".
        service.verified_on = today - timedelta(days=400 if n % 7 == 3 else 30 + n)
        service.verified_by = checker
        services.service_save(
            service=service,
            themes=[themes[c] for c in theme_codes if c in themes],
            languages=languages,
        )
        services.service_set_address(
            service=service,
            address_1=street,
            postal_code=postal_code,
            city=services.MUNICIPALITIES.get(postal_code, ""),
        )
        service.schedules.all().delete()
        Schedule.objects.bulk_create(
            Schedule(
                service=service,
                weekday=day,
                opens_at=opens,
                closes_at=closes,
                closes_next_day=closes <= opens,
            )
            for days, opens, closes in hours
            for day in days
        )
        loaded.append(service)
    return loaded
