"""The relais file: coordination pages, private documents, the relais' own pages."""

from tests.factories.relais import (
    make_document,
    make_formation,
    make_gate,
    make_insurance,
)
from tests.permissions import Case

COORD = {"coordination": 200}
REDIRECT = {"coordination": 302}


def bruno(w):
    return {"pk": w.bruno.pk}


def bruno_convention(w):
    return {"pk": w.bruno.conventions.get().pk}


CASES = [
    Case("relais:relais_list", expect=COORD),
    Case(
        "relais:relais_list",
        query="q=Bruno&language=fr&alerts=on&status=active",
        expect=COORD,
        label="get:relais_list:filtered",
    ),
    Case("relais:relais_create", expect=COORD),
    Case(
        "relais:relais_create",
        method="post",
        data={},
        expect=COORD,
        label="post:relais_create:invalid",
    ),
    Case("relais:relais_detail", kwargs=bruno, expect=COORD),
    Case("relais:relais_edit", kwargs=bruno, expect=COORD),
    Case("relais:relais_history", kwargs=bruno, expect=COORD),
    Case("relais:residence_edit", kwargs=bruno, expect=COORD),
    Case("relais:relais_invite", kwargs=bruno, method="post", expect=REDIRECT),
    Case("relais:convention_create", kwargs=bruno, expect=COORD),
    Case("relais:convention_edit", kwargs=bruno_convention, expect=COORD),
    Case("relais:convention_upload", kwargs=bruno_convention, expect=COORD),
    Case(
        "relais:convention_upload",
        kwargs=bruno_convention,
        method="post",
        data={},
        expect=COORD,
        label="post:convention_upload:invalid",
    ),
    Case("relais:acknowledgement_create", kwargs=bruno, expect=COORD),
    Case("relais:note_pdf", kwargs=bruno, expect=COORD),
    Case("relais:gate_create", kwargs=bruno, expect=COORD),
    Case(
        "relais:gate_edit", kwargs=lambda w: {"pk": make_gate(w.bruno).pk}, expect=COORD
    ),
    Case(
        "relais:gate_confirm",
        kwargs=lambda w: {"pk": make_gate(w.bruno).pk},
        method="post",
        expect=REDIRECT,
    ),
    Case("relais:document_upload", kwargs=bruno, expect=COORD),
    Case(
        "relais:document_download",
        kwargs=lambda w: {"pk": make_document(w.bruno).pk},
        expect={"coordination": 200, "relais": 404},
    ),
    Case(
        "relais:document_download",
        kwargs=lambda w: {"pk": make_document(w.anna).pk},
        expect={"coordination": 200, "relais": 200},
        label="get:document_download:own",
    ),
    Case(
        "relais:document_edit",
        kwargs=lambda w: {"pk": make_document(w.bruno).pk},
        expect=COORD,
    ),
    Case(
        "relais:document_edit",
        kwargs=lambda w: {"pk": make_document(w.anna).pk},
        expect=COORD,
        label="get:document_edit:own",
    ),
    Case(
        "relais:document_edit",
        kwargs=lambda w: {"pk": make_document(w.bruno).pk},
        method="post",
        data={"kind": "certificate", "title": "Attestation", "expires_on": ""},
        expect=REDIRECT,
    ),
    Case("relais_export", kwargs=bruno, expect=COORD),
    Case("relais_anonymise", kwargs=bruno, expect=COORD),
    Case("relais_anonymise", kwargs=bruno, method="post", expect=REDIRECT),
    Case("relais:bank_details", expect={"coordination": 200, "direction": 200}),
    Case("relais:note_list", expect=COORD),
    Case("relais:note_create", expect=COORD),
    Case("relais:insurance_list", expect=COORD),
    Case("relais:insurance_create", expect=COORD),
    Case(
        "relais:insurance_edit",
        kwargs=lambda w: {"pk": make_insurance().pk},
        expect=COORD,
    ),
    Case("relais:formation_list", expect=COORD),
    Case("relais:formation_create", expect=COORD),
    Case(
        "relais:formation_detail",
        kwargs=lambda w: {"pk": make_formation().pk},
        expect=COORD,
    ),
    Case(
        "relais:formation_detail",
        kwargs=lambda w: {"pk": make_formation().pk},
        method="post",
        data=lambda w: {f"r{w.bruno.pk}-status": "present", f"r{w.bruno.pk}-hours": ""},
        expect=REDIRECT,
    ),
    Case(
        "relais:formation_edit",
        kwargs=lambda w: {"pk": make_formation().pk},
        expect=COORD,
    ),
    Case("relais:my_profile", expect={"relais": 200}),
    Case(
        "relais:my_profile",
        method="post",
        data={"phone": "0470 12 34 56", "email": "", "languages": ["fr"]},
        expect={"relais": 302},
        label="post:my_profile",
    ),
    Case("relais:my_documents", expect={"relais": 200}),
    Case("relais:my_trainings", expect={"relais": 200}),
    Case("relais:my_note", expect={"relais": 200}),
    Case("relais:my_note", method="post", expect={"relais": 302}, label="post:my_note"),
]
