"""Statistical disclosure control: which figures about people a document that leaves
the app (comité PDF, COCOM XLSX and CSV) must hide (docs/domain.md §5).

A table is a tree of sums: a node is a figure; a node with children is the sum of
its children (a breakdown's total, a subtotal such as "other languages"). `suppress`
decides, in one place, which figures are hidden:

- primary suppression: a count of people from 1 to 4 is hidden (shown "<5");
- secondary (complementary) suppression: more figures are hidden (shown "x") until
  no hidden figure can be worked out from the published ones: for each hidden figure,
  the values it could take, given every published figure and every sum of the table,
  must be more than one.

Zeros stay published: "0" says that nobody was counted, which points at no one, and
hiding every zero would blank most small tables without protecting anybody. (A zero
cell is never chosen as a secondary suppression either: it would be the one hidden
cell whose value is certain once the others are bounded.)

The reader is assumed to know the rule: a "<5" figure lies in 1..4, an "x" figure is
5 or more (secondary suppressions are only ever figures of 5 or more), a sum the
document does not print is anything from 0. The feasible range of each figure is
computed by bounds propagation over the sums, which is exact on a tree of sums.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from tisseurs.disclosure import SMALL_COUNT
from tisseurs.vocab import language_label

__all__ = ["SMALL_COUNT"]  # re-exported: one threshold for tables and lists

PRIMARY = "primary"  # 1–4 people: "<5"
SECONDARY = "secondary"  # hidden so that a "<5" cannot be worked out: "x"
SECONDARY_MARK = "x"
# A breakdown too small to protect otherwise (every figure under 5, the counts alone
# would give it away, e.g. a total of 4 split into four "<5"): its rows are not
# published at all, and a reader can infer nothing from "…".
OMITTED = "omitted"
OMITTED_MARK = "…"


def legend() -> list[tuple[str, str]]:
    """What "<5" and "x" mean, for every document that leaves the app (the comité
    PDF says it on its cover, the COCOM export in its definitions sheet)."""
    return [
        (
            "<5",
            _(
                "Les nombres de personnes inférieurs à 5 sont remplacés par « <5 » "
                "pour que personne ne puisse être reconnu."
            ),
        ),
        (
            SECONDARY_MARK,
            _(
                "« x » : un nombre masqué en plus, pour qu'un « <5 » ne puisse pas "
                "être retrouvé par soustraction."
            ),
        ),
        (
            OMITTED_MARK,
            _(
                "« … » : détail non publié, le groupe est trop petit pour être "
                "détaillé sans que personne ne puisse être reconnu."
            ),
        ),
    ]


_INFINITY = 10**12


@dataclass
class Node:
    """A figure of a table: `value`, or the sum of `children` when it has some.
    `printed=False` for a sum the document does not show itself (it may still be
    derivable from the figures that are shown)."""

    key: str
    value: int
    children: list["Node"] = field(default_factory=list)
    printed: bool = True

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


def ranges(root: Node, hidden: dict[str, str]) -> dict[str, tuple[int, int]]:
    """The smallest and largest value each figure can take, for a reader who sees
    the published figures and knows the sums and the rule above."""
    bounds = {}
    for node in root.walk():
        if not node.printed or hidden.get(node.key) == OMITTED:
            bounds[node.key] = (0, _INFINITY)
        elif hidden.get(node.key) == PRIMARY:
            bounds[node.key] = (1, SMALL_COUNT - 1)
        elif hidden.get(node.key) == SECONDARY:
            bounds[node.key] = (SMALL_COUNT, _INFINITY)
        else:
            bounds[node.key] = (node.value, node.value)
    sums = [node for node in root.walk() if node.children]
    changed = True
    while changed:
        changed = False
        for node in sums:
            keys = [child.key for child in node.children]
            low = sum(bounds[k][0] for k in keys)
            high = sum(bounds[k][1] for k in keys)
            updated = {
                node.key: (
                    max(bounds[node.key][0], low),
                    min(bounds[node.key][1], high),
                )
            }
            parent_low, parent_high = updated[node.key]
            for k in keys:
                others_low = low - bounds[k][0]
                others_high = high - bounds[k][1]
                updated[k] = (
                    max(bounds[k][0], parent_low - others_high),
                    min(bounds[k][1], parent_high - others_low),
                )
            for k, bound in updated.items():
                if bound != bounds[k]:
                    bounds[k] = bound
                    changed = True
    return bounds


def _exposed(root: Node, hidden: dict[str, str]) -> list[str]:
    bounds = ranges(root, hidden)
    return [key for key in hidden if bounds[key][0] >= bounds[key][1]]


def _candidates(root: Node, key: str, hidden: dict[str, str]) -> list[Node]:
    """Published figures of 5 or more that share a sum with `key`: its siblings
    first (smallest first), then the sum itself, then its own parts."""
    parents = {c.key: n for n in root.walk() for c in n.children}
    node = next(n for n in root.walk() if n.key == key)

    def free(nodes):
        found = [
            n
            for n in nodes
            if n.printed and n.key not in hidden and n.value >= SMALL_COUNT
        ]
        return sorted(found, key=lambda n: (n.value, n.key))

    parent = parents.get(key)
    siblings = [c for c in parent.children if c is not node] if parent else []
    # A sum the document does not print opens onto the figures of its own parts.
    for sibling in list(siblings):
        if not sibling.printed:
            siblings.extend(sibling.walk())
    return (
        free(siblings)
        + free([parent] if parent else [])
        + free(node.children)
        + free(list(root.walk()))
    )


def suppress(root: Node, *, about_people: bool = True, hide=()) -> dict[str, str]:
    """The hidden figures of a table: {key: PRIMARY or SECONDARY}. `hide` names
    figures that must be hidden anyway (a total hidden in a linked table)."""
    if not about_people:
        return {}
    hidden = {
        node.key: PRIMARY
        for node in root.walk()
        if node.printed and 0 < node.value < SMALL_COUNT
    }
    for key in hide:
        hidden.setdefault(key, SECONDARY)
    while exposed := _exposed(root, hidden):
        candidates = _candidates(root, exposed[0], hidden)
        if candidates:
            hidden[candidates[0].key] = SECONDARY
            continue
        # Nothing of 5 or more is left to hide: leave out the whole breakdown.
        rows = [
            n for n in _breakdown_of(root, exposed[0]) if hidden.get(n.key) != OMITTED
        ]
        if not rows:
            break
        for node in rows:
            hidden[node.key] = OMITTED
    return hidden


def _breakdown_of(root: Node, key: str) -> list[Node]:
    """Every figure below the sum `key` belongs to (its own parts, and theirs, when
    it is a sum; else its siblings and their parts)."""
    node = next(n for n in root.walk() if n.key == key)
    if not node.children:
        node = next((n for n in root.walk() if node in n.children), None)
    if node is None:
        return []
    return [part for child in node.children for part in child.walk()]


# Breakdowns and counts of the same people: their totals are one number.
SAME_TOTAL = (
    ("situations", "premier_contact", "langues", "ages", "genres"),
    ("orientations_destination", "orientations_issue"),
)
# "Other languages" is the sum of the language rows other than French and Dutch.
SUBTOTALS = {"autre_langue": ("langues", ("fr", "nl"))}


def row_key(code: str, label: str) -> str:
    return f"{code}:{label}"


def _table(value, values_by_code) -> Node:
    """The tree of sums of one indicator's figures."""
    code = value.indicator.code
    if not value.is_breakdown:
        return Node(code, int(value.value or 0))
    rows = [Node(row_key(code, label), int(n)) for label, n in value.rows]
    for subtotal, (of, excluded_codes) in SUBTOTALS.items():
        if of != code or subtotal not in values_by_code:
            continue
        excluded = {str(language_label(c)) for c in excluded_codes}
        inside = [n for n in rows if n.key.split(":", 1)[1] not in excluded]
        outside = [n for n in rows if n not in inside]
        rows = [
            Node(subtotal, sum(n.value for n in inside), inside),
            Node(f"{code}:-{subtotal}", sum(n.value for n in outside), outside, False),
        ]
    return Node(code, sum(n.value for n in rows), rows)


def protect(values) -> dict[str, str]:
    """The hidden figures of one period's indicator values (`IndicatorValue`s):
    {code or row_key(code, label): PRIMARY or SECONDARY}. Tables whose totals are
    the same number hide that total together."""
    by_code = {value.indicator.code: value for value in values}
    subtotals = set(SUBTOTALS)
    tables = {
        code: _table(value, by_code)
        for code, value in by_code.items()
        if code not in subtotals or SUBTOTALS[code][0] not in by_code
    }
    people = {code: by_code[code].indicator.about_people for code in tables}
    forced: dict[str, set[str]] = {code: set() for code in tables}
    while True:
        hidden = {
            code: suppress(root, about_people=people[code], hide=forced[code])
            for code, root in tables.items()
        }
        grew = False
        for group in SAME_TOTAL:
            members = [code for code in group if code in tables]
            for code in members:
                if hidden[code].get(code) != SECONDARY:
                    continue
                for other in members:
                    same = tables[other].value == tables[code].value
                    if same and other not in hidden[other] and people[other]:
                        forced[other].add(other)
                        grew = True
        if not grew:
            break
    return {key: status for table in hidden.values() for key, status in table.items()}
