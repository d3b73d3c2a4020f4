"""What the history tabs show: who changed what, when, old → new, read from the
django-simple-history records of any model (one query per model, whatever the
number of records: each record is compared with the previous one of the same
object in Python).
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from itertools import chain

from django.db.models.fields.files import FieldFile
from django.utils import formats
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "+": _("création"),
    "~": _("modification"),
    "-": _("suppression"),
}
# Bookkeeping fields no reader needs to see change.
SKIPPED = {"id", "created_at", "updated_at", "version", "anonymised_at"}


@dataclass
class Change:
    label: str
    old: str
    new: str


@dataclass
class Entry:
    """One historical record: when, by whom, on what, and each field it changed."""

    at: datetime
    by: object
    what: str
    action: str
    changes: list[Change] = field(default_factory=list)


def display(model_field, value) -> str:
    """A stored value as a reader knows it: choice labels, dates, amounts, yes/no."""
    if value is None or value == "":
        return "—"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return gettext("oui") if value else gettext("non")
    if isinstance(value, datetime):
        return formats.date_format(value, "SHORT_DATETIME_FORMAT")
    if isinstance(value, date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    if isinstance(value, Decimal):
        return formats.number_format(value, use_l10n=True)
    if isinstance(value, FieldFile):
        return value.name.rsplit("/", 1)[-1] if value.name else "—"
    return str(value)


def _fields(model) -> list:
    return [f for f in model._meta.concrete_fields if f.name not in SKIPPED]


def _changes(fields, record, previous) -> list[Change]:
    changes = []
    for model_field in fields:
        new = getattr(record, model_field.attname)
        old = getattr(previous, model_field.attname) if previous else None
        if previous is not None and old == new:
            continue
        if previous is None and (new is None or new == ""):
            continue
        if model_field.is_relation:
            if previous is None:
                continue  # the parent or the author, already shown by the entry
            old = f"#{old}" if old is not None else None
            new = f"#{new}" if new is not None else None
            changes.append(
                Change(str(model_field.verbose_name), old or "—", new or "—")
            )
            continue
        changes.append(
            Change(
                str(model_field.verbose_name),
                display(model_field, old) if previous else "—",
                display(model_field, new),
            )
        )
    return changes


def entries(records, *, describe=None) -> list[Entry]:
    """The entries of one model's historical records (a queryset), newest first.
    `describe(record)` names the object (default: the model's name)."""
    records = list(records.select_related("history_user").order_by("history_date"))
    if not records:
        return []
    model = records[0].instance_type
    fields = _fields(model)
    last_of: dict = {}
    found = []
    for record in records:
        previous = last_of.get(record.id)
        last_of[record.id] = record
        changes = (
            [] if record.history_type == "-" else _changes(fields, record, previous)
        )
        if record.history_type == "~" and not changes:
            continue
        found.append(
            Entry(
                at=record.history_date,
                by=record.history_user,
                what=describe(record) if describe else str(model._meta.verbose_name),
                action=str(ACTIONS.get(record.history_type, "")),
                changes=changes,
            )
        )
    return found


def merged(*lists: list[Entry], limit: int = 200) -> list[Entry]:
    """Several models' entries as one list, newest first."""
    return sorted(chain(*lists), key=lambda entry: entry.at, reverse=True)[:limit]
