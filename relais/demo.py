"""Demo relais for `manage.py load_demo` (idempotent)."""

from relais.models import Relais

DEMO_RELAIS = [
    # username, first name, last name, preferred name, language of the interface
    ("relais1", "Fatima", "El Amrani", "Fatima", ""),
    ("relais2", "Mehmet", "Yılmaz", "Memo", ""),
    ("relais3", "Radka", "Petrova", "", ""),
    ("relais4", "Ioana", "Popescu", "", ""),
    ("relais5", "Mamadou", "Diallo", "", ""),
    ("relais6", "Anke", "Vermeulen", "", "nl"),
    ("relais7", "Youssef", "Ait Ouali", "Youssef", ""),
    ("relais8", "Marie-Claire", "Mbuyi", "Mimi", ""),
]


def load(*, users: dict) -> dict[str, Relais]:
    """Create or update the eight demo relais, linked to their user accounts."""
    profiles = {}
    for username, first, last, preferred, _language in DEMO_RELAIS:
        relais, _created = Relais.objects.update_or_create(
            user=users[username],
            defaults={
                "first_name": first,
                "last_name": last,
                "preferred_name": preferred,
                "status": Relais.Status.ACTIVE,
            },
        )
        profiles[username] = relais
    return profiles
