"""The directory's panel on the coordination home page (a fixed number of queries)."""

from ressources.models import Service, Suggestion


def coordination_panel() -> dict:
    active = Service.objects.active()
    return {
        "active_count": active.count(),
        "to_verify_count": active.to_verify().count(),
        "pending_suggestions": Suggestion.objects.pending().count(),
    }
