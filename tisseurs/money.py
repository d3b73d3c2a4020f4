"""Money sums that stay `Decimal`, to the cent, on every database.

SQLite has no decimal type: a `Sum` of a `DecimalField` comes back as a float made
decimal (155.200000000000), and Django quantizes only plain columns. `money_sum`
wraps the sum in `Coalesce(…, 0)` with `CentsField` as output field, whose
`from_db_value` rounds every value read to the cent; PostgreSQL gives the same.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.db import models
from django.db.models.functions import Coalesce

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


def cents(amount) -> Decimal:
    """`amount` as a Decimal rounded half up to the cent (None counts as 0)."""
    return Decimal(amount or 0).quantize(CENT, rounding=ROUND_HALF_UP)


class CentsField(models.DecimalField):
    """The output field of a money expression: every value read is rounded to the
    cent. Used in queries only, never as a column."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_digits", 14)
        kwargs.setdefault("decimal_places", 2)
        super().__init__(*args, **kwargs)

    def from_db_value(self, value, expression, connection):
        return cents(value)


def money_sum(field: str, **extra) -> Coalesce:
    """`Sum(field)` as a Decimal to the cent, 0.00 when there is nothing to add."""
    return Coalesce(
        models.Sum(field, **extra), models.Value(ZERO), output_field=CentsField()
    )
