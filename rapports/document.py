"""The comité report as a document: what goes on each page of the PDF.

`report_context(items, period=…)` turns the figures of `services.figures` (already
suppressed: "<5" and any other hidden cell are text, not numbers) into the pages of
`templates/pdf/rapport.html`: a cover, one page of key figures with the previous
period and a trend, the qualitative part, one section per theme (each breakdown as
a titled chart beside its table), and the definitions at the end.

It reads only the displayed texts, so a figure hidden in the table is hidden in the
chart and in the trend too.
"""

from decimal import Decimal, InvalidOperation

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from rapports.charts import print_bar_chart
from rapports.periods import Period

# The figures the comité reads first, in this order (codes of rapports.indicators).
KEY_FIGURES = (
    "personnes_rencontrees",
    "situations",
    "orientations_accompagnees",
    "relais_actifs",
    "heures",
    "activites_par_type",
    "participants",
    "defraiements_payes",
)
# A breakdown longer than this charts its most frequent rows only and shows its
# table in two halves side by side.
CHART_ROWS = 10
SHORT_TABLE = 14


def number(text: str) -> Decimal | None:
    """The number behind a displayed figure ("397,0" → 397.0), None when hidden."""
    try:
        return Decimal(str(text).replace(",", "."))
    except InvalidOperation:
        return None


def trend(value: str, previous: str) -> dict:
    """How a figure moved since the previous period: a sign readable in black and
    white (▲ up, ▼ down, = same) and the change as text ("+12 %", "+44")."""
    now, before = number(value), number(previous)
    if now is None or before is None:
        return {"sign": "", "text": _("pas de comparaison")}
    if now == before:
        return {"sign": "=", "text": _("stable")}
    sign = "▲" if now > before else "▼"
    if before:
        percent = round((now - before) * 100 / before)
        return {"sign": sign, "text": f"{percent:+d} %".replace("-", "−")}
    difference = now - before
    text = number_format(abs(difference), use_l10n=True, force_grouping=True)
    return {"sign": sign, "text": ("+" if difference > 0 else "-") + text}


def key_figures(items: list[dict]) -> list[dict]:
    by_code = {item["code"]: item for item in items}
    return [
        {
            **by_code[code],
            "trend": trend(by_code[code]["value"], by_code[code]["previous"]),
        }
        for code in KEY_FIGURES
        if code in by_code
    ]


def _halves(rows: list[dict]) -> list[list[dict]]:
    if len(rows) <= SHORT_TABLE:
        return [rows]
    middle = (len(rows) + 1) // 2
    return [rows[:middle], rows[middle:]]


def breakdown(item: dict, *, period: Period, previous: Period) -> dict:
    """A breakdown as a titled chart (its most frequent rows) and its full table."""
    rows = item["rows"]
    charted = rows
    if len(rows) > SHORT_TABLE:
        shown = [row for row in rows if number(row["value"])]
        charted = sorted(shown, key=lambda row: number(row["value"]), reverse=True)
        charted = charted[:CHART_ROWS]
    compare = any(number(row["previous"]) for row in rows)
    chart = print_bar_chart(
        [
            (
                row["label"],
                number(row["value"]),
                row["value"],
                number(row["previous"]),
                row["previous"],
            )
            for row in charted
        ],
        compare=compare,
        labels=(period.label, previous.label),
        title=item["label"],
        key=item["code"],
    )
    return {
        **item,
        "chart": chart,
        "partial": len(charted) < len(rows),
        "chart_rows": len(charted),
        "tables": _halves(rows),
        "long": len(rows) > SHORT_TABLE,
    }


def themes(items: list[dict], *, period: Period, previous: Period) -> list[dict]:
    """One section per theme: its single figures in a table, then its breakdowns."""
    grouped: dict[str, dict] = {}
    for item in items:
        section = grouped.setdefault(
            item["section"],
            {"title": item["section"], "figures": [], "breakdowns": []},
        )
        if item["breakdown"]:
            section["breakdowns"].append(
                breakdown(item, period=period, previous=previous)
            )
        else:
            section["figures"].append(item)
    return list(grouped.values())


def report_context(items: list[dict], *, period: Period) -> dict:
    previous = period.previous()
    return {
        "period": period,
        "previous": previous,
        "key_figures": key_figures(items),
        "themes": themes(items, period=period, previous=previous),
        "definitions": items,
        "empty": all(item["is_zero"] for item in items),
    }
