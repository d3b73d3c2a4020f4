"""The neighbourhood directory, modelled on Open Referral HSDS 3.0.

HSDS object names stay English (Organization, Service, Location…) because they are
the standard's words; the users call a directory entry a "ressource" (glossary).
Themes are the one taxonomy that situations, activities and services share.

- `service.py`: themes, organisations, services and the languages they speak;
- `place.py`: locations, service at location, phones, contacts, opening hours;
- `suggestion.py`: relais' suggestions reviewed by coordination.
"""

from ressources.models.place import (
    Contact,
    Location,
    Phone,
    Schedule,
    ScheduleQuerySet,
    ServiceAtLocation,
)
from ressources.models.service import (
    VERIFY_AFTER_DAYS,
    Organization,
    Service,
    ServiceLanguage,
    ServiceQuerySet,
    TaxonomyTerm,
    Theme,
)
from ressources.models.suggestion import Suggestion

__all__ = [
    "VERIFY_AFTER_DAYS",
    "Contact",
    "Location",
    "Organization",
    "Phone",
    "Schedule",
    "ScheduleQuerySet",
    "Service",
    "ServiceAtLocation",
    "ServiceLanguage",
    "ServiceQuerySet",
    "Suggestion",
    "TaxonomyTerm",
    "Theme",
]
