"""Activities: agenda and planning (coordination), schedule and places (relais),
fréquentation, programme PDF, calendar feeds (public through a secret token)."""

from activites.models import Affectation, CalendarToken
from tests.factories.activites import (
    make_activite,
    make_affectation,
    make_contact_point,
    make_serie,
    make_stop,
)
from tests.permissions import Case

ALL = {"coordination": 200, "direction": 200, "comite": 200, "relais": 200}
STAFF = {"coordination": 200, "direction": 200, "comite": 200}
ALL_302 = {"coordination": 302, "direction": 302, "comite": 302, "relais": 302}
EVERYBODY_404 = {**dict.fromkeys(ALL, 404), "anonymous": 404}
EVERYBODY_200 = {**ALL, "anonymous": 200}


def _activite(w):
    return {"pk": make_activite().pk}


def _anna_affectation(w):
    return {"pk": make_affectation(make_activite(), w.anna).pk}


def _bruno_affectation(w):
    return {"pk": make_affectation(make_activite(), w.bruno).pk}


def _offer(w):
    return {
        "pk": make_affectation(
            make_activite(), w.bruno, status=Affectation.Status.OFFERED
        ).pk
    }


def _anna_activite(w):
    return {"pk": make_affectation(make_activite(), w.anna).activite_id}


def _bruno_activite(w):
    return {"pk": make_affectation(make_activite(), w.bruno).activite_id}


def _serie(w):
    return {"pk": make_activite(serie=make_serie()).serie_id}


def _token(user) -> str:
    return CalendarToken.objects.create(
        user=user, token=CalendarToken.new_secret()
    ).token


CASES = [
    Case("activites:agenda_month", expect=STAFF),
    Case("activites:agenda_week", expect=STAFF),
    Case("activites:activite_create", expect={"coordination": 200}),
    Case("activites:serie_create", expect={"coordination": 200}),
    Case("activites:activite_detail", kwargs=_activite, expect=STAFF),
    Case("activites:activite_edit", kwargs=_activite, expect={"coordination": 200}),
    Case(
        "activites:activite_cancel",
        kwargs=_activite,
        method="post",
        data={"reason": "Pluie"},
        expect={"coordination": 302},
    ),
    Case(
        "activites:affectation_assign",
        kwargs=_activite,
        method="post",
        data=lambda w: {"relais": w.bruno.pk},
        expect={"coordination": 302},
    ),
    Case(
        "activites:affectation_confirm",
        kwargs=_offer,
        method="post",
        expect={"coordination": 302},
    ),
    Case(
        "activites:affectation_remove",
        kwargs=_bruno_affectation,
        method="post",
        data={"reason": "Malade"},
        expect={"coordination": 302},
    ),
    Case("activites:serie_roster", kwargs=_serie, expect={"coordination": 200}),
    Case(
        "activites:serie_assign",
        kwargs=_serie,
        method="post",
        data=lambda w: {"relais": [w.bruno.pk], "scope": "all"},
        expect={"coordination": 302},
    ),
    Case(
        "activites:serie_unassign",
        kwargs=_serie,
        method="post",
        data=lambda w: {
            "remove-relais": [w.bruno.pk],
            "remove-scope": "all",
            "remove-reason": "Malade",
        },
        expect={"coordination": 200},
    ),
    Case("activites:contact_point_list", expect={"coordination": 200}),
    Case("activites:contact_point_create", expect={"coordination": 200}),
    Case(
        "activites:contact_point_edit",
        kwargs=lambda w: {"pk": make_contact_point().pk},
        expect={"coordination": 200},
    ),
    Case(
        "activites:stop_create",
        kwargs=lambda w: {"point_pk": make_stop().contact_point_id},
        expect={"coordination": 200},
    ),
    Case(
        "activites:stop_edit",
        kwargs=lambda w: {"pk": make_stop().pk},
        expect={"coordination": 200},
    ),
    Case("activites:my_schedule", expect={"relais": 200}),
    Case("activites:open_slots", expect={"relais": 200}),
    Case(
        "activites:affectation_offer",
        kwargs=_activite,
        method="post",
        expect={"relais": 302},
    ),
    Case(
        "activites:affectation_withdraw",
        kwargs=_anna_affectation,
        expect={"relais": 200},
    ),
    Case(
        "activites:affectation_withdraw",
        kwargs=_bruno_affectation,
        expect={"relais": 404},
        label="get:activites:affectation_withdraw:other-relais",
    ),
    Case(
        "activites:frequentation_edit",
        kwargs=_anna_activite,
        expect={"coordination": 200, "relais": 200},
    ),
    Case(
        "activites:frequentation_edit",
        kwargs=_bruno_activite,
        expect={"coordination": 200, "relais": 404},
        label="get:activites:frequentation_edit:other-relais",
    ),
    Case("activites:programme_pdf", expect={"coordination": 200}),
    Case("activites:calendar_feeds", expect=ALL),
    Case("activites:calendar_token_renew", method="post", expect=ALL_302),
    Case("activites:calendar_token_revoke", method="post", expect=ALL_302),
    Case(
        "activites:feed_personal",
        kwargs=lambda w: {"token": _token(w.anna.user)},
        public=True,
        expect=EVERYBODY_200,
    ),
    Case(
        "activites:feed_personal",
        kwargs=lambda w: {"token": "unknown-token"},
        public=True,
        expect=EVERYBODY_404,
        label="get:activites:feed_personal:unknown",
    ),
    Case(
        "activites:feed_all",
        kwargs=lambda w: {"token": _token(w.coordination)},
        public=True,
        expect=EVERYBODY_200,
    ),
    Case(
        "activites:feed_all",
        kwargs=lambda w: {"token": _token(w.anna.user)},
        public=True,
        expect=EVERYBODY_404,
        label="get:activites:feed_all:relais-token",
    ),
]
