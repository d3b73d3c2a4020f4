"""Operations on the directory: every write of a Service goes through here, so the
normalised search column stays in step with names, descriptions and themes."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ressources.models import (
    Location,
    Organization,
    Phone,
    Service,
    ServiceAtLocation,
    ServiceLanguage,
    Suggestion,
    Theme,
)
from tisseurs.i18n import translation_names
from tisseurs.postal import commune_of


def service_refresh_search(*, services: Iterable[Service]) -> None:
    """Recompute `search_text` of `services` (after any change of their texts or
    themes)."""
    rows = list(
        Service.objects.filter(pk__in=[s.pk for s in services])
        .select_related("organization")
        .prefetch_related("themes", "taxonomy_terms")
    )
    for service in rows:
        service.search_text = service.build_search_text()
    Service.objects.bulk_update(rows, ["search_text"], batch_size=500)


def service_set_languages(*, service: Service, codes: Iterable[str]) -> None:
    codes = list(dict.fromkeys(codes))
    service.languages.exclude(code__in=codes).delete()
    existing = set(service.languages.values_list("code", flat=True))
    ServiceLanguage.objects.bulk_create(
        ServiceLanguage(service=service, code=code)
        for code in codes
        if code not in existing
    )


@transaction.atomic
def service_save(
    *,
    service: Service,
    themes: Iterable[Theme] | None = None,
    languages: Iterable[str] | None = None,
) -> Service:
    """Save `service` (new or changed), its themes and languages, and its search
    text. A resource entered without an organisation (often an informal one) gets
    its own, of the same name."""
    if service.organization_id is None:
        service.organization = Organization.objects.create(
            **{name: getattr(service, name) for name in translation_names("name")}
        )
    service.full_clean(exclude=["search_text"])
    service.save()
    if themes is not None:
        service.themes.set(themes)
    if languages is not None:
        service_set_languages(service=service, codes=languages)
    service_refresh_search(services=[service])
    service.refresh_from_db(fields=["search_text"])
    return service


@transaction.atomic
def service_set_address(
    *, service: Service, address_1: str, postal_code: str, city: str
) -> Location | None:
    """Give `service` one address (creating or updating its first location)."""
    link = service.service_locations.select_related("location").first()
    if not (address_1 or postal_code or city):
        return link.location if link else None
    location = link.location if link else Location(organization=service.organization)
    location.address_1, location.postal_code, location.city = (
        address_1,
        postal_code,
        city,
    )
    location.full_clean()
    location.save()
    if link is None:
        ServiceAtLocation.objects.create(service=service, location=location)
    return location


@transaction.atomic
def service_set_phone(*, service: Service, number: str) -> None:
    phone = service.phones.first()
    if not number:
        if phone:
            phone.delete()
        return
    phone = phone or Phone(service=service, organization=service.organization)
    phone.number = number
    phone.full_clean()
    phone.save()


def service_verify(*, service: Service, by) -> Service:
    """Record that `by` checked the whole record today (HSDS assured_date)."""
    service.verified_on = timezone.localdate()
    service.verified_by = by
    service.save(update_fields=["verified_on", "verified_by", "updated_at"])
    return service


# Suggestions by relais -----------------------------------------------------


@transaction.atomic
def suggestion_create(
    *, suggestion: Suggestion, by, themes: Iterable[Theme] = ()
) -> Suggestion:
    suggestion.user = by
    suggestion.status = Suggestion.Status.PENDING
    suggestion.full_clean()
    suggestion.save()
    suggestion.themes.set(themes)
    return suggestion


def _check_pending(suggestion: Suggestion) -> None:
    if not suggestion.is_pending:
        raise ValidationError(_("Cette proposition a déjà été traitée."))


@transaction.atomic
def suggestion_accept(*, suggestion: Suggestion, by) -> Service:
    """Apply `suggestion`: create the new resource, or write the proposed values
    over the existing one; either way the record counts as verified today."""
    suggestion = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
    _check_pending(suggestion)
    themes = list(suggestion.themes.all())
    if suggestion.kind == Suggestion.Kind.NEW:
        # What a relais proposes is the source (French) text, whatever the
        # language coordination reads it in; coordination adds the Dutch one.
        organization = Organization.objects.create(name_fr=suggestion.name)
        service = Service(
            organization=organization,
            name_fr=suggestion.name,
            description_fr=suggestion.description,
            hours_note=suggestion.hours_note,
            is_formal=suggestion.is_formal,
        )
        service.verified_on, service.verified_by = timezone.localdate(), by
        service_save(service=service, themes=themes, languages=suggestion.languages)
        suggestion.created_service = service
    else:
        service = suggestion.service
        for field, column in (
            ("name", "name_fr"),
            ("description", "description_fr"),
            ("hours_note", "hours_note"),
        ):
            if getattr(suggestion, field):
                setattr(service, column, getattr(suggestion, field))
        service.verified_on, service.verified_by = timezone.localdate(), by
        service_save(
            service=service,
            themes=themes or None,
            languages=suggestion.languages or None,
        )
    if suggestion.address_1 or suggestion.postal_code:
        # A correction gives only what changed: keep the rest of the address.
        link = service.service_locations.select_related("location").first()
        current = link.location if link else Location()
        postal_code = suggestion.postal_code or current.postal_code
        commune = commune_of(postal_code)
        if postal_code == current.postal_code or commune is None:
            city = current.city
        else:
            city = commune.name_fr
        service_set_address(
            service=service,
            address_1=suggestion.address_1 or current.address_1,
            postal_code=postal_code,
            city=city,
        )
    if suggestion.phone:
        service_set_phone(service=service, number=suggestion.phone)
    suggestion.status = Suggestion.Status.ACCEPTED
    suggestion.reviewed_by, suggestion.reviewed_at = by, timezone.now()
    suggestion.save(
        update_fields=["status", "reviewed_by", "reviewed_at", "created_service"]
    )
    return service


@transaction.atomic
def suggestion_reject(*, suggestion: Suggestion, by, reason: str) -> Suggestion:
    suggestion = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
    _check_pending(suggestion)
    if not reason.strip():
        raise ValidationError(
            {"rejection_reason": _("Expliquez au relais pourquoi vous refusez.")}
        )
    suggestion.status = Suggestion.Status.REJECTED
    suggestion.rejection_reason = reason.strip()
    suggestion.reviewed_by, suggestion.reviewed_at = by, timezone.now()
    suggestion.save(
        update_fields=["status", "rejection_reason", "reviewed_by", "reviewed_at"]
    )
    return suggestion


# The quarter's municipalities (postal code → name): the directory's commune filter,
# and the first suggestions when a postal code is typed.
MUNICIPALITIES = {
    "1030": "Schaerbeek",
    "1210": "Saint-Josse-ten-Noode",
    "1000": "Bruxelles",
    "1020": "Laeken",
    "1140": "Evere",
}


@transaction.atomic
def taxonomy_term_map(*, term, theme: Theme | None) -> None:
    """Map an imported HSDS taxonomy term to a theme: every service tagged with
    the term gets the theme (and is found under it)."""
    term.theme = theme
    term.save(update_fields=["theme"])
    if theme is None:
        return
    tagged = list(term.services.all())
    theme.services.add(*tagged)
    service_refresh_search(services=tagged)
