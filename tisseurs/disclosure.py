"""The small-cell rule every file about people that leaves the app follows: fewer
than `SMALL_COUNT` people must not be told apart (docs/domain.md §5). The tables of
figures (comité PDF, COCOM export) apply it with `rapports/disclosure.py`; a list of
rows (the situations export) applies it here, by `mask_rare`."""

from collections import Counter
from collections.abc import Sequence

SMALL_COUNT = 5


def mask_rare(rows: Sequence[list], columns: Sequence[int], *, mark: str) -> list[list]:
    """`rows` with every value of the given `columns` that is shared by fewer than
    `SMALL_COUNT` rows replaced by `mark`, and then every combination of those
    columns that is still shared by fewer than `SMALL_COUNT` rows masked whole.

    A describing column (an age band, a language) alone or combined with the others
    then never points at fewer than five people. Empty values are left as they are:
    they say nothing about anyone."""
    rows = [list(row) for row in rows]
    for column in columns:
        counts = Counter(row[column] for row in rows)
        for row in rows:
            value = row[column]
            if value not in ("", None) and counts[value] < SMALL_COUNT:
                row[column] = mark
    combos = Counter(tuple(row[c] for c in columns) for row in rows)
    for row in rows:
        if combos[tuple(row[c] for c in columns)] < SMALL_COUNT:
            for column in columns:
                if row[column] not in ("", None):
                    row[column] = mark
    return rows
