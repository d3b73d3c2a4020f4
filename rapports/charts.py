"""Server-rendered SVG bar charts (no JavaScript), each paired with a table in the
template as its accessible alternative."""

from django.utils.html import escape
from django.utils.safestring import mark_safe

BAR_HEIGHT = 22
GAP = 8
LABEL_WIDTH = 230
BAR_WIDTH = 300
COLOURS = ("#0b5563", "#b3451b")


def bar_chart(rows, *, compare=None, texts=None, title: str = "") -> str:
    """Horizontal bars for `rows` [(label, value)], optionally with a second, thinner
    bar per row for the previous period (`compare`: {label: value}). `texts` gives
    the text printed after a bar when it is not the value itself (e.g. "<5")."""
    texts = texts or {}
    if not rows:
        return ""
    compare = compare or {}
    peak = max(
        [float(v) for _l, v in rows] + [float(v) for v in compare.values()] + [1]
    )
    height = len(rows) * (BAR_HEIGHT + GAP) + GAP
    width = LABEL_WIDTH + BAR_WIDTH + 60
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" style="max-width:100%;height:auto" '
        f'role="img" aria-label="{escape(title)}" class="chart">'
    ]
    for index, (label, value) in enumerate(rows):
        y = GAP + index * (BAR_HEIGHT + GAP)
        length = BAR_WIDTH * float(value) / peak
        parts.append(
            f'<text x="{LABEL_WIDTH - 6}" y="{y + 15}" text-anchor="end" '
            f'font-size="12">{escape(str(label))[:40]}</text>'
        )
        bar_height = BAR_HEIGHT - 8 if compare else BAR_HEIGHT
        parts.append(
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{length:.1f}" '
            f'height="{bar_height}" fill="{COLOURS[0]}"/>'
        )
        if compare:
            previous = BAR_WIDTH * float(compare.get(label, 0)) / peak
            parts.append(
                f'<rect x="{LABEL_WIDTH}" y="{y + BAR_HEIGHT - 7}" '
                f'width="{previous:.1f}" height="6" fill="{COLOURS[1]}"/>'
            )
        parts.append(
            f'<text x="{LABEL_WIDTH + length + 4:.1f}" y="{y + 15}" '
            f'font-size="12">{escape(str(texts.get(label, value)))}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))
