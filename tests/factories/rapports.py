from datetime import date

from rapports.models import Rapport
from tests.factories.accounts import make_user
from tisseurs.roles import COORDINATION


def make_rapport(**overrides) -> Rapport:
    fields = {
        "start": date(2026, 1, 1),
        "end": date(2026, 3, 31),
        "period_kind": "quarter",
        "language": "fr",
        **overrides,
    }
    if "created_by" not in fields:
        fields["created_by"] = make_user(role=COORDINATION)
    return Rapport.objects.create(**fields)
