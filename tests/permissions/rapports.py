"""Reports: coordination works on them, comité reads issued ones, direction exports."""

from rapports import services
from tests.factories.rapports import make_rapport
from tests.permissions import Case


def _issued(w):
    rapport = make_rapport(created_by=w.coordination)
    services.rapport_issue(rapport=rapport, user=w.coordination)
    return {"pk": rapport.pk}


def _draft(w):
    return {"pk": make_rapport(created_by=w.coordination).pk}


CASES = [
    Case("rapports:dashboard", expect={"coordination": 200}),
    Case("rapports:rapport_list", expect={"coordination": 200, "comite": 200}),
    Case(
        "rapports:rapport_create",
        method="post",
        data={
            "start": "2026-01-01",
            "end": "2026-03-31",
            "period_kind": "quarter",
            "language": "fr",
        },
        expect={"coordination": 302},
    ),
    Case(
        "rapports:rapport_detail",
        kwargs=_draft,
        expect={"coordination": 200, "comite": 404},
        label="get:rapport_detail:draft",
    ),
    Case(
        "rapports:rapport_detail",
        kwargs=_issued,
        expect={"coordination": 200, "comite": 200},
        label="get:rapport_detail:issued",
    ),
    Case("rapports:rapport_preview", kwargs=_draft, expect={"coordination": 200}),
    Case(
        "rapports:rapport_issue",
        kwargs=_draft,
        method="post",
        expect={"coordination": 302},
    ),
    Case(
        "rapports:rapport_pdf",
        kwargs=_issued,
        expect={"coordination": 200, "comite": 200},
    ),
    Case("rapports:export", expect={"coordination": 200, "direction": 200}),
]
