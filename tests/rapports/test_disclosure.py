"""Statistical disclosure control: no hidden figure can be worked out from what a
document publishes. The checker below is independent of `rapports/disclosure.py`:
it enumerates every value each figure can take (sets of integers as bitmasks),
instead of propagating bounds."""

from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from rapports.disclosure import (
    OMITTED,
    PRIMARY,
    SECONDARY,
    Node,
    protect,
    row_key,
    suppress,
)
from tisseurs.vocab import language_label


def _bits(values) -> int:
    mask = 0
    for v in values:
        mask |= 1 << v
    return mask


def _members(mask: int):
    v = 0
    while mask:
        if mask & 1:
            yield v
        mask >>= 1
        v += 1


def _plus(a: int, b: int, cap: int) -> int:
    result = 0
    for shift in _members(b):
        result |= a << shift
    return result & ((1 << (cap + 1)) - 1)


def feasible_values(root: Node, hidden: dict[str, str]) -> dict[str, set[int]]:
    """Every value each figure can take given the published figures, the sums of
    the table, cells ≥ 0, "<5" figures in 1..4 and "x" figures 5 or more."""
    cap = 4 * sum(node.value for node in root.walk()) + 50

    def domain(node):
        if not node.printed or hidden.get(node.key) == OMITTED:
            return _bits(range(cap + 1))
        if hidden.get(node.key) == PRIMARY:
            return _bits(range(1, 5))
        if hidden.get(node.key) == SECONDARY:
            return _bits(range(5, cap + 1))
        return _bits([node.value])

    up = {}

    def upward(node):
        mask = domain(node)
        if node.children:
            total = 1  # {0}
            for child in node.children:
                total = _plus(total, upward(child), cap)
            mask &= total
        up[node.key] = mask
        return mask

    upward(root)
    result = {}

    def downward(node, allowed):
        result[node.key] = set(_members(allowed))
        for child in node.children:
            others = 1
            for sibling in node.children:
                if sibling is not child:
                    others = _plus(others, up[sibling.key], cap)
            reachable = 0
            for s in _members(others):
                reachable |= allowed >> s
            downward(child, up[child.key] & reachable)

    downward(root, up[root.key])
    return result


def assert_protected(root: Node, hidden: dict[str, str]):
    values = feasible_values(root, hidden)
    for node in root.walk():
        assert node.value in values[node.key]  # the truth is always feasible
        if node.key in hidden:
            assert len(values[node.key]) > 1, (node.key, hidden, values[node.key])
        if node.printed and 0 < node.value < 5:
            assert hidden.get(node.key) in (PRIMARY, OMITTED)
        if hidden.get(node.key) == SECONDARY:
            assert node.value >= 5  # an "x" never stands for 1–4 or 0
        # No published sum has exactly one unknown among its printed terms.
        terms = [node, *node.children]
        if node.children and all(term.printed for term in terms):
            assert sum(term.key in hidden for term in terms) != 1


counts = st.one_of(st.integers(0, 4), st.integers(0, 9), st.integers(0, 200))


@st.composite
def tables(draw):
    """A breakdown with its total, sometimes with a printed subtotal over some rows
    and an unprinted rest (like "other languages" beside French and Dutch)."""
    cells = draw(st.lists(counts, min_size=1, max_size=8))
    nodes = [Node(f"c{i}", value) for i, value in enumerate(cells)]
    if len(nodes) >= 2 and draw(st.booleans()):
        inside = draw(st.integers(1, len(nodes) - 1))
        group = Node("group", sum(cells[:inside]), nodes[:inside])
        rest = Node("rest", sum(cells[inside:]), nodes[inside:], printed=False)
        nodes = [group, rest]
    return Node("total", sum(cells), nodes)


@settings(max_examples=400, deadline=None)
@given(tables())
def test_no_hidden_figure_can_be_worked_out(root):
    assert_protected(root, suppress(root))


@settings(max_examples=200, deadline=None)
@given(tables(), st.booleans())
def test_a_total_hidden_for_a_linked_table_stays_protected(root, force):
    hide = {root.key} if force and root.value >= 5 else set()
    hidden = suppress(root, hide=hide)
    assert hide <= set(hidden)
    assert_protected(root, hidden)


def test_a_table_with_no_small_count_hides_nothing():
    root = Node("total", 30, [Node("a", 10), Node("b", 20), Node("c", 0)])
    assert suppress(root) == {}


def test_team_counts_are_not_suppressed():
    root = Node("total", 8, [Node("ok", 7), Node("incomplete", 1)])
    assert suppress(root, about_people=False) == {}


def test_orientation_issue_of_q3_2026_cannot_be_subtracted():
    # 41 orientations: 10 reached, 27 unknown, 4 "did not go": 41 − 10 − 27 = 4.
    root = Node("total", 41, [Node("reached", 10), Node("unknown", 27), Node("not", 4)])
    hidden = suppress(root)
    assert hidden == {"not": PRIMARY, "reached": SECONDARY}
    values = feasible_values(root, hidden)
    assert values["not"] == {1, 2, 3, 4}
    assert values["reached"] == {10, 11, 12, 13}
    assert_protected(root, hidden)


def test_two_small_counts_summing_to_8_are_protected_by_more():
    # 4 + 4 hidden with a published total 8 − 0 would both be 4.
    root = Node("total", 8, [Node("a", 4), Node("b", 4), Node("c", 0)])
    hidden = suppress(root)
    assert hidden == {"a": PRIMARY, "b": PRIMARY, "total": SECONDARY}
    assert_protected(root, hidden)


def _value(code, *, rows=None, value=None, about_people=True):
    indicator = SimpleNamespace(code=code, about_people=about_people)
    return SimpleNamespace(
        indicator=indicator,
        rows=rows or [],
        value=value,
        is_breakdown=value is None,
    )


def test_language_table_of_q3_2026_cannot_be_subtracted(db):
    # 162 situations; Bulgarian alone under 5: 162 minus the others gave 4.
    rows = [
        (str(language_label("fr")), 80),
        (str(language_label("nl")), 30),
        (str(language_label("ar")), 27),
        (str(language_label("tr")), 12),
        (str(language_label("ro")), 9),
        (str(language_label("bg")), 4),
    ]
    values = [
        _value("situations", value=162),
        _value("langues", rows=rows),
        _value("autre_langue", value=52),
    ]
    hidden = protect(values)
    bulgarian = row_key("langues", str(language_label("bg")))
    romanian = row_key("langues", str(language_label("ro")))
    assert hidden == {bulgarian: PRIMARY, romanian: SECONDARY}
    # Bulgarian could be 1 to 4 (and Romanian 9 to 12) whatever one subtracts:
    # 162 − 80 − 30 − 27 − 12 = 13 = Romanian + Bulgarian, and 52 − 27 − 12 too.
    root = Node(
        "langues",
        162,
        [
            Node(
                "autre_langue",
                52,
                [Node(row_key("langues", label), n) for label, n in rows[2:]],
            ),
            Node(
                "rest",
                110,
                [Node(row_key("langues", label), n) for label, n in rows[:2]],
                False,
            ),
        ],
    )
    assert feasible_values(root, hidden)[bulgarian] == {1, 2, 3, 4}
    assert_protected(root, hidden)


def test_a_total_hidden_in_one_table_is_hidden_in_the_tables_that_share_it(db):
    fr, nl = str(language_label("fr")), str(language_label("nl"))
    values = [
        _value("situations", value=8),
        _value("langues", rows=[(fr, 4), (nl, 4)]),
        _value("genres", rows=[("Femme", 6), ("Homme", 2)]),
    ]
    hidden = protect(values)
    assert hidden["langues"] == SECONDARY
    assert hidden["situations"] == SECONDARY
    assert hidden["genres"] == SECONDARY
    # With the total hidden everywhere, "Femme" 6 can stay: "Homme" is still 1–4.
    assert row_key("genres", "Femme") not in hidden
    assert hidden[row_key("genres", "Homme")] == PRIMARY


def test_a_breakdown_too_small_to_protect_is_left_out():
    # Four "<5" rows under a total "<5": each is at least 1, so all would be 1.
    root = Node("total", 4, [Node(f"c{i}", 1) for i in range(4)])
    hidden = suppress(root)
    assert hidden == {"total": PRIMARY, **{f"c{i}": OMITTED for i in range(4)}}
    assert_protected(root, hidden)
