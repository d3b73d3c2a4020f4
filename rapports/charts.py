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
        f'width="{width}" height="{height}" '
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
    return mark_safe("".join(parts))  # nosec B308 B703 # texts escaped above


# The comité PDF: sizes in points (1 SVG unit = 1 pt), text at least 8 pt, and the
# two periods told apart by a fill pattern and a direct label, not by colour alone.
PRINT_WIDTH = 260
PRINT_LABEL = 112
PRINT_FONT = 8.5
PRINT_CHARS = 20  # characters of a label per line at PRINT_FONT in PRINT_LABEL pt


def _label_lines(label: str) -> list[str]:
    """A label on at most two lines of PRINT_CHARS, cut with "…" beyond."""
    lines, current = [], ""
    for word in str(label).split():
        candidate = f"{current} {word}".strip()
        if len(candidate) <= PRINT_CHARS or not current:
            current = candidate
        else:
            lines.append(current)
            current = word
    lines.append(current)
    if len(lines) > 2:
        lines = [lines[0], lines[1] + "…"]
    return [
        line if len(line) <= PRINT_CHARS else line[: PRINT_CHARS - 1] + "…"
        for line in lines
    ]


def print_bar_chart(
    rows, *, compare: bool, labels: tuple[str, str], title: str, key: str
) -> str:
    """Horizontal bars for print: `rows` are (label, value, text, previous value,
    previous text), a value None being a hidden figure (no bar, its text only).
    With `compare`, each row gets a second, hatched bar for the previous period;
    the legend names both periods (`labels`); `key` makes the pattern id unique."""
    hatch = f"hatch-{key}"
    if not rows:
        return ""
    peaks = [float(r[1]) for r in rows if r[1] is not None]
    if compare:
        peaks += [float(r[3]) for r in rows if r[3] is not None]
    peak = max(peaks + [1])
    bar_area = PRINT_WIDTH - PRINT_LABEL - 44
    row_height = 24 if compare else 20
    legend = 26 if compare else 0
    height = legend + len(rows) * row_height + 4
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {PRINT_WIDTH} {height}" '
        f'width="{PRINT_WIDTH}pt" height="{height}pt" role="img" '
        f'aria-label="{escape(title)}" class="print-chart" '
        f'font-family="DejaVu Sans" font-size="{PRINT_FONT}">',
        f'<defs><pattern id="{hatch}" width="4" height="4" '
        'patternUnits="userSpaceOnUse">'
        '<rect width="4" height="4" fill="#fff"/>'
        '<path d="M0,4 L4,0" stroke="#333" stroke-width="1"/></pattern></defs>',
    ]
    if compare:
        for index, (text, fill) in enumerate(
            ((labels[0], COLOURS[0]), (labels[1], f"url(#{hatch})"))
        ):
            y = 1 + index * 11
            parts.append(
                f'<rect x="0" y="{y}" width="10" height="8" fill="{fill}" '
                f'stroke="#333" stroke-width="0.5"/>'
                f'<text x="14" y="{y + 7.5}" font-size="8">{escape(str(text))}</text>'
            )
    for index, (label, value, text, before, before_text) in enumerate(rows):
        y = legend + index * row_height
        lines = _label_lines(label)
        first = y + (row_height - 4) / 2 + 3 - (len(lines) - 1) * 4.5
        for number, line in enumerate(lines):
            parts.append(
                f'<text x="{PRINT_LABEL - 4}" y="{first + number * 9:.1f}" '
                f'text-anchor="end">{escape(line)}</text>'
            )
        bar = 10 if compare else 14
        length = bar_area * float(value) / peak if value is not None else 0
        if length:
            parts.append(
                f'<rect x="{PRINT_LABEL}" y="{y + 1}" width="{length:.1f}" '
                f'height="{bar}" fill="{COLOURS[0]}"/>'
            )
        parts.append(
            f'<text x="{PRINT_LABEL + length + 3:.1f}" y="{y + bar - 1}" '
            f'font-weight="bold">{escape(str(text))}</text>'
        )
        if compare:
            length = bar_area * float(before) / peak if before is not None else 0
            if length:
                parts.append(
                    f'<rect x="{PRINT_LABEL}" y="{y + 12}" width="{length:.1f}" '
                    f'height="8" fill="url(#{hatch})" '
                    'stroke="#333" stroke-width="0.5"/>'
                )
            parts.append(
                f'<text x="{PRINT_LABEL + length + 3:.1f}" y="{y + 19}" '
                f'font-size="8">{escape(str(before_text))}</text>'
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # nosec B308 B703 # texts escaped above
