"""Building, issuing and exporting reports (the only writers of reports)."""

import re
from datetime import timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from rapports import disclosure, indicators
from rapports.charts import bar_chart
from rapports.document import report_context
from rapports.models import Rapport
from rapports.periods import Period
from tisseurs.exports import (
    COUNT,
    DECIMAL_1,
    EXCEL_BE,
    MONEY,
    Dialect,
    Figure,
    Sheet,
    table,
    workbook,
)
from tisseurs.exports.cells import Value
from tisseurs.freshness.version import cached
from tisseurs.pdf import render_pdf

NUMBER = re.compile(r"-?\d+(,\d+)?")


def figures(period: Period, *, suppress: bool) -> list[dict]:
    """The indicators of `period` next to the previous period, ready to show. With
    `suppress` (every document that leaves the app), the figures that
    `disclosure.protect` hides are shown "<5" or "x". Cached until the data change
    (tisseurs/freshness)."""
    return cached(
        ("figures", period, suppress, translation.get_language(), timezone.localdate()),
        lambda: _figures(period, suppress=suppress),
    )


def _figures(period: Period, *, suppress: bool) -> list[dict]:
    current = indicators.compute(period)
    earlier = indicators.compute(period.previous())
    previous = indicators.by_code(earlier)
    hidden_now = disclosure.protect(current) if suppress else {}
    hidden_before = disclosure.protect(earlier) if suppress else {}
    result = []
    for value in current:
        indicator = value.indicator
        if suppress and indicator.internal:
            continue  # documents that leave the app carry no per-relais figures
        code = indicator.code
        before = previous[code]
        item = {
            "code": code,
            "section": str(indicator.section),
            "label": str(indicator.label),
            "definition": str(indicator.definition),
            "unit": indicator.unit,
            "is_zero": not value.total,
            "link": indicator.link(period),
            "breakdown": value.is_breakdown,
            "value": indicators.display(
                value.total, indicator=indicator, hidden=hidden_now.get(code, "")
            ),
            "previous": indicators.display(
                before.total, indicator=indicator, hidden=hidden_before.get(code, "")
            ),
            "rows": [],
        }
        if value.is_breakdown:
            before_rows = before.row_values()
            labels = [label for label, _v in value.rows] + [
                label for label, _v in before.rows if label not in value.row_values()
            ]
            now_rows = value.row_values()
            item["rows"] = [
                {
                    "label": label,
                    "value": indicators.display(
                        now_rows.get(label, 0),
                        indicator=indicator,
                        hidden=hidden_now.get(disclosure.row_key(code, label), ""),
                    ),
                    "previous": indicators.display(
                        before_rows.get(label, 0),
                        indicator=indicator,
                        hidden=hidden_before.get(disclosure.row_key(code, label), ""),
                    ),
                }
                for label in labels
            ]
            # In documents that leave the app, hidden cells draw no bar.
            shown = {row["label"]: row["value"] for row in item["rows"]}
            chart_rows = [
                (
                    label,
                    0 if disclosure.row_key(code, label) in hidden_now else number,
                )
                for label, number in value.rows
            ]
            item["chart"] = bar_chart(
                chart_rows,
                compare=None if suppress else before_rows,
                texts=shown,
                title=str(indicator.label),
            )
        result.append(item)
    return result


def sections(items: list[dict]) -> list[tuple[str, list[dict]]]:
    grouped: dict[str, list[dict]] = {}
    for item in items:
        grouped.setdefault(item["section"], []).append(item)
    return list(grouped.items())


def report_pdf(
    *, period: Period, language: str, qualitative: str, issued_at=None
) -> tuple[bytes, list[dict]]:
    """The comité PDF of `period` in `language`, with small counts shown "<5". A
    preview (no `issued_at`) is cached until the data change."""
    if issued_at is None:
        return cached(
            ("report_pdf", period, language, qualitative, timezone.localdate()),
            lambda: _report_pdf(period, language, qualitative, None),
        )
    return _report_pdf(period, language, qualitative, issued_at)


def _report_pdf(period, language, qualitative, issued_at):
    with translation.override(language):
        items = figures(period, suppress=True)
        pdf = render_pdf(
            "rapport.html",
            {
                **report_context(items, period=period),
                "legend": disclosure.legend(),
                "qualitative": qualitative,
                "issued_at": issued_at,
            },
            language=language,
        )
    return pdf, items


@transaction.atomic
def rapport_issue(*, rapport: Rapport, user) -> Rapport:
    """Freeze the figures, store the PDF, and mark the report issued (once)."""
    rapport = Rapport.objects.select_for_update().get(pk=rapport.pk)
    if rapport.is_issued:
        raise ValidationError(_("Ce rapport est déjà émis."))
    if not rapport.period_has_ended:
        raise ValidationError(
            _(
                "La période de ce rapport se termine le %(end)s : il pourra être "
                "émis à partir du %(day)s, avec les chiffres de toute la période."
            )
            % {
                "end": formats.date_format(rapport.end, "SHORT_DATE_FORMAT"),
                "day": formats.date_format(
                    rapport.end + timedelta(days=1), "SHORT_DATE_FORMAT"
                ),
            }
        )
    period = Period(rapport.start, rapport.end, rapport.period_kind)
    now = timezone.now()
    pdf, items = report_pdf(
        period=period,
        language=rapport.language,
        qualitative=rapport.qualitative,
        issued_at=now,
    )
    name = f"rapport-{rapport.start:%Y%m%d}-{rapport.end:%Y%m%d}-{rapport.language}.pdf"
    rapport.pdf.save(name, ContentFile(pdf), save=False)
    rapport.figures = {"indicators": items}
    rapport.status = Rapport.Status.ISSUED
    rapport.issued_by = user
    rapport.issued_at = now
    rapport.save(update_fields=["pdf", "figures", "status", "issued_by", "issued_at"])
    return rapport


def export_sheets(period: Period, *, language: str) -> dict[str, list[list]]:
    """The COCOM export as named sheets of rows (aggregates only, "<5" rule)."""
    with translation.override(language):
        items = figures(period, suppress=True)
        indicators_sheet = [
            [
                _("Section"),
                _("Code"),
                _("Indicateur"),
                period.label,
                period.previous().label,
            ]
        ]
        detail = [
            [
                _("Code"),
                _("Indicateur"),
                _("Catégorie"),
                period.label,
                period.previous().label,
            ]
        ]
        definitions = [[_("Code"), _("Indicateur"), _("Définition")]]
        for item in items:
            indicators_sheet.append(
                [
                    item["section"],
                    item["code"],
                    item["label"],
                    item["value"],
                    item["previous"],
                ]
            )
            for row in item["rows"]:
                detail.append(
                    [
                        item["code"],
                        item["label"],
                        row["label"],
                        row["value"],
                        row["previous"],
                    ]
                )
            definitions.append([item["code"], item["label"], item["definition"]])
        definitions.extend([mark, "", meaning] for mark, meaning in disclosure.legend())
        return {
            "indicateurs": indicators_sheet,
            "detail": detail,
            "definitions": definitions,
        }


def _figure(text: str, unit: str) -> Value:
    """A published figure typed for a spreadsheet: the number that `display` shows
    (int, or Decimal with its unit's format); anything else ("<5", "–") stays text,
    so whatever is hidden in the PDF is hidden in the file too."""
    if not isinstance(text, str) or not NUMBER.fullmatch(text):
        return text
    if "," not in text:
        return Figure(int(text), MONEY if unit == "euros" else COUNT)
    number = Decimal(text.replace(",", "."))
    return Figure(number, MONEY if unit == "euros" else DECIMAL_1)


def export_tables(period: Period, *, language: str) -> dict[str, Sheet]:
    """The COCOM export as typed sheets with translated titles and headers."""
    units = {indicator.code: indicator.unit for indicator in indicators.INDICATORS}
    with translation.override(language):
        titles = {
            "indicateurs": _("Indicateurs"),
            "detail": _("Détail"),
            "definitions": _("Définitions"),
        }
        tables = {}
        for key, (header, *rows) in export_sheets(period, language=language).items():
            code_at = 1 if key == "indicateurs" else 0
            figures_from = len(header) if key == "definitions" else 3
            tables[key] = Sheet(
                title=titles[key],
                columns=header,
                rows=[
                    [
                        _figure(cell, units.get(row[code_at], "count"))
                        if index >= figures_from
                        else cell
                        for index, cell in enumerate(row)
                    ]
                    for row in rows
                ],
            )
    return tables


def export_xlsx(period: Period, *, language: str) -> bytes:
    """One workbook: indicators, detail and definitions, figures as numbers."""
    return workbook(export_tables(period, language=language).values())


def export_csv(
    period: Period, *, language: str, sheet: str, dialect: Dialect = EXCEL_BE
) -> str:
    """One sheet of the export as CSV (Belgian Excel unless told otherwise)."""
    return table(export_tables(period, language=language)[sheet], dialect=dialect)
