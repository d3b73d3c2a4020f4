"""The directory's URLs: relais and coordination read; only coordination edits,
reviews, imports and exports."""

from tests.permissions import Case

READERS = {"coordination": 200, "relais": 200}


def _service(w):
    from tests.factories.ressources import make_service

    return {"pk": make_service().pk}


def _suggestion(w):
    from ressources.models import Suggestion

    return {
        "pk": Suggestion.objects.create(
            kind="new", name="Café du coin", user=w.bruno.user
        ).pk
    }


CASES = [
    Case("ressources:search", expect=READERS),
    Case("ressources:service_list", expect={"coordination": 200}),
    Case("ressources:service_create", expect={"coordination": 200}),
    Case("ressources:service_detail", kwargs=_service, expect=READERS),
    Case("ressources:service_update", kwargs=_service, expect={"coordination": 200}),
    Case(
        "ressources:service_verify",
        kwargs=_service,
        method="post",
        expect={"coordination": 302},
    ),
    Case("ressources:to_verify", expect={"coordination": 200}),
    Case("ressources:picker_search", query="q=sante", expect=READERS),
    Case("ressources:selection", expect=READERS),
    Case("ressources:suggestion_create", expect={"relais": 200}),
    Case("ressources:suggestion_mine", expect={"relais": 200}),
    Case("ressources:suggestion_review", expect={"coordination": 200}),
    Case(
        "ressources:suggestion_accept",
        kwargs=_suggestion,
        method="post",
        expect={"coordination": 302},
    ),
    Case(
        "ressources:suggestion_reject",
        kwargs=_suggestion,
        method="post",
        data={"rejection_reason": "Doublon"},
        expect={"coordination": 302},
    ),
]

CASES += [
    Case("ressources:hsds_import", expect={"coordination": 200}),
    Case(
        "ressources:hsds_import_confirm",
        method="post",
        data={"token": "0" * 32},
        expect={"coordination": 302},
    ),
    Case("ressources:hsds_export", expect={"coordination": 200}),
    Case("ressources:carte_sociale", expect=READERS),
]
