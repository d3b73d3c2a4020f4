"""Belgian postal codes: the one rule (four digits, 1000 to 9999) and the
municipality of a code, read from `tisseurs/data/postal_codes_be.csv` (Statbel, CC BY
4.0; see `tisseurs/data/README.md`)."""

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

DATA_FILE = Path(__file__).parent / "data" / "postal_codes_be.csv"
POSTAL_CODE_RE = re.compile(r"^[1-9][0-9]{3}$")


@dataclass(frozen=True)
class Commune:
    postal_code: str
    refnis: str
    name_fr: str
    name_nl: str

    @property
    def name(self) -> str:
        """The name in the active language (Dutch for `nl`, French otherwise)."""
        return self.name_nl if (get_language() or "").startswith("nl") else self.name_fr


@cache
def _table() -> dict[str, list[Commune]]:
    rows: dict[str, list[Commune]] = {}
    with DATA_FILE.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            rows.setdefault(row["postal_code"], []).append(Commune(**row))
    # A code shared by two municipalities (1040: Brussels and Etterbeek) belongs
    # first to the one with fewer codes: Etterbeek has only 1040, while the City
    # of Brussels has its own 1000, 1020, 1120, 1130.
    sizes: dict[str, int] = {}
    for communes in rows.values():
        for c in communes:
            sizes[c.refnis] = sizes.get(c.refnis, 0) + 1
    for communes in rows.values():
        communes.sort(key=lambda c: (sizes[c.refnis], c.name_fr))
    return rows


def validate_postal_code(value: str) -> None:
    """Four digits from 1000 to 9999, the range of Belgian postal codes."""
    if value and not POSTAL_CODE_RE.match(value):
        raise ValidationError(
            _("Un code postal belge a quatre chiffres, de 1000 à 9999."),
            code="postal_code",
        )


def commune_of(postal_code: str) -> Commune | None:
    """The municipality a postal code belongs to, or None when the table does not
    know the code (a code reserved for a large organisation, a new code)."""
    communes = _table().get((postal_code or "").strip())
    return communes[0] if communes else None


def all_communes() -> list[Commune]:
    """One entry per postal code (its main municipality), in code order."""
    return [communes[0] for _code, communes in sorted(_table().items())]
