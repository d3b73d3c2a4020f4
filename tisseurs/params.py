"""The one parser of URL parameters (query strings and path ids): every view reads
its `?month=`, `?page=`, `?day=`, `?lang=`, ids… through these helpers, so that a
malformed or out-of-range value never reaches the database or date arithmetic.

The rule, the same for every kind:
- a parameter that only chooses what a page shows (a month, a day, a page number,
  a language, an output format) falls back to its default when it is missing,
  malformed or out of range: the page still answers, showing the default;
- a parameter naming an object (an id) answers 404 when malformed or out of range,
  as an unknown id does.
Forms (filters, periods) keep validating their own fields and show their errors.
"""

from collections.abc import Callable, Iterable
from datetime import date

from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from tisseurs.months import month_start, parse_month

# Ids are at most 18 digits: larger numbers overflow the databases' 64-bit integers.
ID_REGEX = "[0-9]{1,18}"
MAX_ID = 10**18 - 1
# Days and months the app handles: far enough for any real use, and far enough from
# date.min and date.max that adding a year or a week never overflows.
MIN_YEAR, MAX_YEAR = 1900, 2999


class IdConverter:
    """`<id:pk>` in URL patterns: a positive integer the database can hold; longer
    numbers do not match, so they answer 404 like any unknown URL."""

    regex = ID_REGEX

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(value)


def _raw(request, name: str) -> str:
    """The parameter from the query string, or from the POST body."""
    value = request.GET.get(name)
    if value is None and request.method == "POST":
        value = request.POST.get(name)
    return (value or "").strip()


def in_range(day: date) -> bool:
    return MIN_YEAR <= day.year <= MAX_YEAR


def month_param(request, name: str = "month", default: date | None = None) -> date:
    """The month of `?name=YYYY-MM`, or `default`'s (this) month when missing,
    malformed or out of range."""
    fallback = month_start(default or timezone.localdate())
    month = parse_month(_raw(request, name), fallback)
    return month if in_range(month) else fallback


def date_param(request, name: str, default: date | None = None) -> date:
    """The day of `?name=YYYY-MM-DD`, or `default` (today) when missing, malformed
    (2026-02-31 included) or out of range."""
    fallback = default or timezone.localdate()
    try:
        day = date.fromisoformat(_raw(request, name))
    except ValueError:
        return fallback
    return day if in_range(day) else fallback


def year_param(request, name: str = "year", default: int | None = None) -> int:
    """The year of `?name=YYYY`, or `default` (this year) when missing, malformed or
    out of range."""
    fallback = default or timezone.localdate().year
    raw = _raw(request, name)
    if not raw.isascii() or not raw.isdigit() or len(raw) > 4:
        return fallback
    return int(raw) if MIN_YEAR <= int(raw) <= MAX_YEAR else fallback


def page_param(request, name: str = "page") -> int:
    """The page number of `?name=`, 1 when missing or malformed; a number past the
    last page is left to `Paginator.get_page`, which shows the last page."""
    raw = _raw(request, name)
    if not raw.isascii() or not raw.isdigit() or len(raw) > 9:
        return 1
    return max(int(raw), 1)


def choice_param(request, name: str, choices: Iterable[str], default: str) -> str:
    """`?name=` when it is one of `choices`, `default` otherwise."""
    value = _raw(request, name)
    return value if value in set(choices) else default


def id_param(request, name: str) -> int | None:
    """The id of `?name=`, None when missing; 404 when malformed or out of range."""
    raw = _raw(request, name)
    if not raw:
        return None
    if not raw.isascii() or not raw.isdigit() or len(raw) > 18 or int(raw) == 0:
        raise Http404
    return int(raw)


def text_param(request, name: str, max_length: int = 200) -> str:
    """The free text of `?name=` (a search), trimmed, without NUL characters (which
    PostgreSQL refuses) and cut to `max_length` characters."""
    return _raw(request, name).replace("\x00", "")[:max_length].strip()


def next_param(request, default: str, name: str = "next") -> str:
    """The page to go back to from `?name=` (or the POST field): a path on this
    site, `default` otherwise (another site, or anything that is not a path)."""
    url = _raw(request, name)
    if url.startswith("/") and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return default


def ids_param(request, name: str) -> list[int]:
    """Every id given as `name` (a repeated field: ticked rows); 404 when one is
    malformed or out of range."""
    source = request.POST if request.method == "POST" else request.GET
    raw = [value.strip() for value in source.getlist(name)]
    if not all(v.isascii() and v.isdigit() and 0 < len(v) <= 18 for v in raw):
        raise Http404
    return [int(value) for value in raw]


# A number no real id takes in a URL being reversed (`id_url`).
_ID_MARKER = 999_999_999_999_999_937


def id_url(viewname: str) -> Callable[[int], str]:
    """`reverse(viewname, kwargs={"pk": pk})` for the many rows of one list: the URL
    is reversed once, then each id written in its place, as `IdConverter.to_url`
    does (the same string, without a URL resolution per row)."""
    url = reverse(viewname, kwargs={"pk": _ID_MARKER})
    head, _marker, tail = url.rpartition(str(_ID_MARKER))
    return lambda pk: f"{head}{int(pk)}{tail}"
