"""Table rows drawn in Python for the long lists (prestations/views/rows.py,
relais/views/relais_file.py), which their templates drew at about 0.1 ms a row: the
pieces every such list needs. Values are escaped with the standard library's
`escape` (Django's, without its lazy-string wrapper: the values are plain strings)."""

from html import escape

from django.utils.safestring import SafeString, mark_safe


class Labels(dict):
    """`get_<name>_display()` of rows, by (name, value), translated and escaped once
    a page."""

    def __call__(self, row, name: str) -> str:
        key = (name, getattr(row, name))
        if key not in self:
            self[key] = escape(str(getattr(row, f"get_{name}_display")()))
        return self[key]


def safe_rows(rows: list[str]) -> list[SafeString]:
    """Rows whose every value the caller escaped, marked safe for the template."""
    return [mark_safe(row) for row in rows]  # nosec B308 B703 # values escaped
