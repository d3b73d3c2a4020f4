"""Building, issuing and exporting reports (the only writers of reports)."""

import csv
import io

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl import Workbook

from rapports import disclosure, indicators
from rapports.charts import bar_chart
from rapports.models import Rapport
from rapports.periods import Period
from tisseurs.pdf import render_pdf


def figures(period: Period, *, suppress: bool) -> list[dict]:
    """The indicators of `period` next to the previous period, ready to show. With
    `suppress` (every document that leaves the app), the figures that
    `disclosure.protect` hides are shown "<5" or "x"."""
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
    """The comité PDF of `period` in `language`, with small counts shown "<5"."""
    with translation.override(language):
        items = figures(period, suppress=True)
        pdf = render_pdf(
            "rapport.html",
            {
                "period": period,
                "previous": period.previous(),
                "sections": sections(items),
                "qualitative": qualitative,
                "issued_at": issued_at,
                "empty": all(item["is_zero"] for item in items),
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
        return {
            "indicateurs": indicators_sheet,
            "detail": detail,
            "definitions": definitions,
        }


def export_xlsx(period: Period, *, language: str) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    with translation.override(language):
        titles = {
            "indicateurs": _("Indicateurs"),
            "detail": _("Détail"),
            "definitions": _("Définitions"),
        }
    for key, rows in export_sheets(period, language=language).items():
        sheet = workbook.create_sheet(str(titles[key])[:31])
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_csv(period: Period, *, language: str, sheet: str) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    for row in export_sheets(period, language=language)[sheet]:
        writer.writerow(row)
    return buffer.getvalue()
