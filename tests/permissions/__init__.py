"""The URL × role permission matrix.

Each module in this package declares `CASES`, a list of `Case`: one URL (by name),
how to build its arguments from the `World` (the personas and their objects), the
HTTP method, and the status every role gets. `tests/test_permissions.py` runs every
case for every role plus anonymous, and a guard test fails when a URL of the
resolver appears in no case. Add a module per app; no other file needs to change.

Defaults: anonymous visitors are redirected to the login page (302); any signed-in
role not named in `expect` gets 403. The relais persona is Anna: objects that belong
to Bruno must answer her 404.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.test import Client

from tests.personas import (
    make_anna,
    make_bruno,
    make_comite,
    make_coordination,
    make_direction,
)

ROLES = ("anonymous", "coordination", "direction", "comite", "relais")


@dataclass
class World:
    coordination: Any
    direction: Any
    comite: Any
    anna: Any  # Relais, the relais persona of the matrix
    bruno: Any  # Relais, another relais whose objects Anna must not reach
    sessions: dict[str, str] = field(default_factory=dict, repr=False)

    @classmethod
    def build(cls) -> "World":
        """The personas, each role signed in once (a login costs a few ms, and the
        matrix would otherwise sign in some 600 times)."""
        world = cls(
            coordination=make_coordination(),
            direction=make_direction(),
            comite=make_comite(),
            anna=make_anna(),
            bruno=make_bruno(),
        )
        for role in ROLES:
            user = world.user_for(role)
            if user is not None:
                client = Client()
                client.force_login(user)
                world.sessions[role] = client.session.session_key
        return world

    def user_for(self, role: str):
        if role == "anonymous":
            return None
        if role == "relais":
            return self.anna.user
        return getattr(self, role)

    def client_for(self, role: str) -> Client:
        """A new client, in the session of `role` (none for anonymous)."""
        client = Client()
        if role in self.sessions:
            client.cookies[settings.SESSION_COOKIE_NAME] = self.sessions[role]
        return client


@dataclass
class Case:
    name: str
    expect: dict[str, int] = field(default_factory=dict)
    kwargs: Callable[[World], dict] | None = None
    method: str = "get"
    data: Callable[[World], dict] | dict | None = None
    query: str = ""
    label: str = ""
    public: bool = False

    def status_for(self, role: str) -> int:
        if role in self.expect:
            return self.expect[role]
        if role == "anonymous":
            return 200 if self.public else 302
        return 403

    @property
    def id(self) -> str:
        return self.label or f"{self.method}:{self.name}"


def cases() -> list[Case]:
    """Every case of every module of this package."""
    import importlib
    import pkgutil

    found = []
    for module_info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        found.extend(getattr(module, "CASES", []))
    return found
