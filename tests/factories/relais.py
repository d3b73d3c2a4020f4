import itertools

from relais.models import Regime, Relais, RelaisRegime
from tests.factories.accounts import make_user
from tisseurs.roles import RELAIS

_sequence = itertools.count(1)


def make_relais(*, with_user: bool = True, **overrides) -> Relais:
    """An active relais, by default with a user account in the relais role.

    Contract for every app's tests: the relais returned can work (`can_work_on`
    says yes) on any date of 2020–2030 unless overrides say otherwise.
    """
    n = next(_sequence)
    if with_user and "user" not in overrides:
        overrides["user"] = make_user(role=RELAIS, username=f"relais-{n}")
    fields = {
        "first_name": f"Prénom{n}",
        "last_name": f"Nom{n}",
        "status": Relais.Status.ACTIVE,
        **overrides,
    }
    return Relais.objects.create(**fields)


def make_regime(relais: Relais, year: int, regime: str = Regime.FORFAIT):
    """Record the défraiement regime `relais` chose for `year`."""
    return RelaisRegime.objects.update_or_create(
        relais=relais, year=year, defaults={"regime": regime}
    )[0]
