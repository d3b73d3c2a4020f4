import itertools
from datetime import time

from ressources import services
from ressources.models import (
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
    Theme,
)

_sequence = itertools.count(1)


def make_organization(**overrides) -> Organization:
    n = next(_sequence)
    return Organization.objects.create(**{"name": f"Organisation {n}", **overrides})


def make_service(
    *,
    themes: list[str] = (),
    languages: list[str] = (),
    address: tuple[str, str, str] | None = None,
    phone: str = "",
    hours: list[tuple[int, time, time]] = (),
    **overrides,
) -> Service:
    """A service saved through `service_save` (so its search text is right);
    `themes` are theme codes, `hours` (weekday, opens, closes) rows."""
    n = next(_sequence)
    fields = {"name": f"Ressource {n}", **overrides}
    if "organization" not in fields:
        fields["organization"] = make_organization()
    service = services.service_save(
        service=Service(**fields),
        themes=Theme.objects.filter(code__in=themes),
        languages=languages,
    )
    if address:
        location = Location.objects.create(
            address_1=address[0], postal_code=address[1], city=address[2]
        )
        ServiceAtLocation.objects.create(service=service, location=location)
    if phone:
        Phone.objects.create(service=service, number=phone)
    for weekday, opens, closes in hours:
        Schedule.objects.create(
            service=service,
            weekday=weekday,
            opens_at=opens,
            closes_at=closes,
            closes_next_day=closes <= opens,
        )
    return service
