"""Roles (Django groups) and the view decorator every view carries.

Access is denied by default twice over: `LoginRequiredMiddleware` sends anonymous
visitors to the login page, and `role_required` answers 403 to any signed-in user
whose groups do not include one of the roles the view names.
"""

from collections.abc import Callable
from functools import wraps

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

COORDINATION = "coordination"
RELAIS = "relais"
DIRECTION = "direction"
COMITE = "comite"

ROLES = (COORDINATION, RELAIS, DIRECTION, COMITE)
ROLE_LABELS = {
    COORDINATION: _("Coordination"),
    RELAIS: _("Habitant·e-relais"),
    DIRECTION: _("Direction"),
    COMITE: _("Comité de pilotage"),
}


def user_roles(user) -> frozenset[str]:
    """The set of role names of `user`, cached on the user object for the request."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, "_tisseurs_roles", None)
    if cached is None:
        cached = remember_roles(user, user.groups.values_list("name", flat=True))
    return cached


def remember_roles(user, names) -> frozenset[str]:
    """Keep on `user`, for the request, the roles among the group `names` (the
    session's user comes with them: tisseurs/accounts/backends.py)."""
    user._tisseurs_roles = frozenset(name for name in names if name in ROLES)
    return user._tisseurs_roles


def has_role(user, *roles: str) -> bool:
    return bool(user_roles(user) & set(roles))


def role_required(*roles: str) -> Callable:
    """Allow the view only to users holding one of `roles`; everybody else gets 403."""
    unknown = set(roles) - set(ROLES)
    if not roles or unknown:
        raise ValueError(f"role_required needs known roles, got {roles!r}")

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not has_role(request.user, *roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapper.allowed_roles = frozenset(roles)
        return wrapper

    return decorator


def primary_role(user) -> str | None:
    """The role whose home page the user lands on (the first of ROLES they hold)."""
    held = user_roles(user)
    for role in ROLES:
        if role in held:
            return role
    return None
