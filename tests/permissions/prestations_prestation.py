"""Prestation URLs: outings, situations, orientations, coordination lists. Anna
reaches her own entries; Bruno's answer her 404."""

from django.core.files.uploadedfile import SimpleUploadedFile

from prestations.models import Orientation, Situation
from tests.factories.prestations import make_prestation
from tests.permissions import Case

OWN = {"relais": 200, "coordination": 200}
OWN_POST = {"relais": 302}


def prestation_of(relais, **fields):
    return make_prestation(relais=relais, **fields)


def situation_of(relais):
    situation = Situation.objects.create(prestation=prestation_of(relais))
    Orientation.objects.create(situation=situation, other_text="CPAS")
    return situation


def follow_up_situation_of(relais):
    situation = situation_of(relais)
    situation.follow_up_needed = True
    situation.save()
    return situation


def receipt_of(relais):
    return prestation_of(
        relais,
        travel_mode="public",
        travel_ticket_amount="2.10",
        travel_receipt=SimpleUploadedFile("ticket.pdf", b"%PDF-1.4"),
    )


SITUATION_POST = {
    "age_band": "unknown",
    "gender": "na",
    "language": "fr",
    "is_first_contact": "True",
    "note": "",
    "code": "",
    "other_orientation": "Épicerie sociale",
    "person_informed": "on",
}

CASES = [
    Case("prestations:prestation_quick", expect={"relais": 200}),
    Case(
        "prestations:prestation_quick",
        method="post",
        data={
            "date": "2026-03-10",
            "place": "fixed",
            "kind": "permanence",
            "people_met": "2",
            "travel_mode": "none",
        },
        expect=OWN_POST,
        label="post:prestations:prestation_quick",
    ),
    Case("prestations:prestation_mine", expect={"relais": 200}),
    # The outbox page: what waits on the phone (read from the phone, not the server).
    Case("prestations:outbox", expect={"relais": 200}),
    # The situation form of an outing still waiting on the phone (its outbox key).
    Case(
        "prestations:situation_add_pending",
        kwargs=lambda w: {"key": "00000000-0000-0000-0000-000000000000"},
        expect={"relais": 200},
    ),
    Case(
        "prestations:prestation_detail",
        kwargs=lambda w: {"pk": prestation_of(w.anna).pk},
        expect=OWN,
    ),
    Case(
        "prestations:prestation_detail",
        kwargs=lambda w: {"pk": prestation_of(w.bruno).pk},
        expect={"relais": 404, "coordination": 200},
        label="get:prestations:prestation_detail:other",
    ),
    Case(
        "prestations:prestation_edit",
        kwargs=lambda w: {"pk": prestation_of(w.anna).pk},
        expect={"relais": 200},
    ),
    Case(
        "prestations:prestation_edit",
        kwargs=lambda w: {"pk": prestation_of(w.bruno).pk},
        expect={"relais": 404},
        label="get:prestations:prestation_edit:other",
    ),
    Case(
        "prestations:prestation_delete",
        method="post",
        kwargs=lambda w: {"pk": prestation_of(w.anna).pk},
        expect=OWN_POST,
    ),
    Case(
        "prestations:prestation_delete",
        kwargs=lambda w: {"pk": prestation_of(w.anna).pk},
        expect={"relais": 200},
    ),
    Case(
        "prestations:prestation_delete",
        kwargs=lambda w: {"pk": prestation_of(w.bruno).pk},
        expect={"relais": 404},
        label="get:prestations:prestation_delete:other",
    ),
    Case(
        "prestations:prestation_delete",
        method="post",
        kwargs=lambda w: {"pk": prestation_of(w.bruno).pk},
        expect={"relais": 404},
        label="post:prestations:prestation_delete:other",
    ),
    Case(
        "prestations:prestation_receipt",
        kwargs=lambda w: {"pk": receipt_of(w.anna).pk},
        expect={"relais": 200, "coordination": 200, "direction": 200},
    ),
    Case(
        "prestations:prestation_receipt",
        kwargs=lambda w: {"pk": receipt_of(w.bruno).pk},
        expect={"relais": 404, "coordination": 200, "direction": 200},
        label="get:prestations:prestation_receipt:other",
    ),
    Case(
        "prestations:situation_add",
        kwargs=lambda w: {"pk": prestation_of(w.anna).pk},
        expect={"relais": 200},
    ),
    Case(
        "prestations:situation_add",
        method="post",
        kwargs=lambda w: {"pk": prestation_of(w.bruno).pk},
        data=SITUATION_POST,
        expect={"relais": 404},
        label="post:prestations:situation_add:other",
    ),
    Case(
        "prestations:situation_edit",
        kwargs=lambda w: {"pk": situation_of(w.anna).pk},
        expect={"relais": 200},
    ),
    Case(
        "prestations:situation_edit",
        method="post",
        kwargs=lambda w: {"pk": situation_of(w.bruno).pk},
        data=SITUATION_POST,
        expect={"relais": 404},
        label="post:prestations:situation_edit:other",
    ),
    Case(
        "prestations:situation_delete",
        method="post",
        kwargs=lambda w: {"pk": situation_of(w.anna).pk},
        expect=OWN_POST,
    ),
    Case(
        "prestations:situation_delete",
        kwargs=lambda w: {"pk": situation_of(w.anna).pk},
        expect={"relais": 200},
    ),
    Case(
        "prestations:situation_delete",
        kwargs=lambda w: {"pk": situation_of(w.bruno).pk},
        expect={"relais": 404},
        label="get:prestations:situation_delete:other",
    ),
    Case(
        "prestations:situation_delete",
        method="post",
        kwargs=lambda w: {"pk": situation_of(w.bruno).pk},
        expect={"relais": 404},
        label="post:prestations:situation_delete:other",
    ),
    Case(
        "prestations:orientation_outcomes",
        kwargs=lambda w: {"pk": situation_of(w.anna).pk},
        expect=OWN,
    ),
    Case(
        "prestations:orientation_outcomes",
        kwargs=lambda w: {"pk": situation_of(w.bruno).pk},
        expect={"relais": 404, "coordination": 200},
        label="get:prestations:orientation_outcomes:other",
    ),
    Case("prestations:situation_list", expect={"coordination": 200}),
    Case(
        "prestations:situation_list",
        query="month=2026-03&follow_up=open&outcome=reached&language=ar",
        expect={"coordination": 200},
        label="get:prestations:situation_list:filtered",
    ),
    Case(
        "prestations:situation_export",
        query="start=2026-03-01&end=2026-03-31&format=xlsx",
        expect={"coordination": 200},
    ),
    Case(
        "prestations:situation_detail",
        kwargs=lambda w: {"pk": situation_of(w.bruno).pk},
        expect={"coordination": 200},
    ),
    Case(
        "prestations:situation_follow_up_add",
        method="post",
        kwargs=lambda w: {"pk": situation_of(w.bruno).pk},
        data={"note": "Appel au CPAS"},
        expect={"coordination": 302},
    ),
    Case(
        "prestations:situation_follow_up_close",
        method="post",
        kwargs=lambda w: {"pk": follow_up_situation_of(w.bruno).pk},
        expect={"coordination": 302},
    ),
    Case("prestations:prestation_list", expect={"coordination": 200}),
    Case(
        "prestations:prestation_export",
        query="month=2026-03&format=xlsx",
        expect={"coordination": 200, "direction": 200},
    ),
]

# The residents' privacy notice, in every language, page and PDF.
CASES += [
    Case(
        "prestations:privacy_notice",
        expect={"relais": 200, "coordination": 200, "direction": 200},
    ),
    Case(
        "prestations:privacy_notice",
        query="lang=ar",
        expect={"relais": 200, "coordination": 200, "direction": 200},
        label="get:prestations:privacy_notice:ar",
    ),
    Case(
        "prestations:privacy_notice_pdf",
        query="lang=bg",
        expect={"relais": 200, "coordination": 200, "direction": 200},
    ),
]
