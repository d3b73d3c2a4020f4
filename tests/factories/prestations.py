from datetime import date, time

from prestations.models import FicheMensuelle, Prestation, month_start
from tests.factories.relais import make_relais


def make_prestation(**overrides) -> Prestation:
    fields = {
        "date": date(2026, 3, 10),
        "start_time": time(14, 0),
        "end_time": time(17, 0),
        **overrides,
    }
    if "relais" not in fields:
        fields["relais"] = make_relais()
    return Prestation.objects.create(**fields)


def make_fiche(**overrides) -> FicheMensuelle:
    fields = {"month": date(2026, 3, 1), **overrides}
    fields["month"] = month_start(fields["month"])
    if "relais" not in fields:
        fields["relais"] = make_relais()
    return FicheMensuelle.objects.create(**fields)
