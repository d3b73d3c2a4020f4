"""Project-level URLs: homes, accounts, help, health, language switch."""

from tests.permissions import Case

ALL = {"coordination": 200, "direction": 200, "comite": 200, "relais": 200}

CASES = [
    Case(
        "home",
        expect={"coordination": 302, "direction": 302, "comite": 302, "relais": 302},
    ),
    Case("relais_home", expect={"relais": 200}),
    Case("coordination_home", expect={"coordination": 200}),
    Case("direction_home", expect={"direction": 200}),
    Case("comite_home", expect={"comite": 200}),
    Case("help", expect=ALL),
    Case("account", expect=ALL),
    Case(
        "account",
        method="post",
        data={"language": "nl"},
        expect={"coordination": 302, "direction": 302, "comite": 302, "relais": 302},
        label="post:account",
    ),
    Case("reminder_preferences", expect=ALL),
    Case(
        "reminder_preferences",
        method="post",
        data={"kinds": ["roster"]},
        # A kind of another role is refused (the form comes back), not an error.
        expect={"coordination": 200, "direction": 200, "comite": 200, "relais": 302},
        label="post:reminder_preferences",
    ),
    Case(
        "logout_everywhere",
        method="post",
        expect={"coordination": 302, "direction": 302, "comite": 302, "relais": 302},
    ),
    Case("health", public=True, expect=ALL),
    # The progressive web app: public, they hold no data (tisseurs/pwa.py).
    Case("service_worker", public=True, expect=ALL),
    Case("manifest", public=True, expect=ALL),
    Case(
        "set_language",
        method="post",
        data={"language": "nl", "next": "/"},
        public=True,
        expect={
            "anonymous": 302,
            "coordination": 302,
            "direction": 302,
            "comite": 302,
            "relais": 302,
        },
    ),
    Case(
        "login",
        public=True,
        expect={"coordination": 302, "direction": 302, "comite": 302, "relais": 302},
    ),
    Case(
        "logout",
        method="post",
        expect={
            "anonymous": 302,
            "coordination": 302,
            "direction": 302,
            "comite": 302,
            "relais": 302,
        },
    ),
    Case("password_change", expect=ALL),
    Case("password_change_done", expect=ALL),
    Case("password_reset", public=True, expect=ALL),
    Case("password_reset_done", public=True, expect=ALL),
    Case(
        "password_reset_confirm",
        kwargs=lambda w: {"uidb64": "MQ", "token": "expired-token"},
        public=True,
        expect=ALL,
    ),
    Case(
        "invitation_confirm",
        kwargs=lambda w: {"uidb64": "MQ", "token": "expired-token"},
        public=True,
        expect=ALL,
    ),
    Case("password_reset_complete", public=True, expect=ALL),
]
