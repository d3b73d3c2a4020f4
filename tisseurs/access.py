"""The only scoped getters: every view reaches a relais-owned object through here.

A relais reaches only their own objects; staff roles (named by each call) reach all;
anybody else reaches nothing. An object outside the caller's scope answers 404, never
403, so that its existence is not revealed (pretix). This module imports no app: it
works on any queryset whose rows lead to a relais through `relais_field`.
"""

from collections.abc import Iterable

from django.apps import apps
from django.db.models import Model, QuerySet
from django.http import Http404

from tisseurs.roles import COORDINATION, RELAIS, user_roles


def scope(
    queryset: QuerySet,
    user,
    *,
    relais_field: str = "relais",
    staff_roles: Iterable[str] = (COORDINATION,),
) -> QuerySet:
    """Rows of `queryset` that `user` may see (`relais_field=""` when the rows are
    Relais themselves)."""
    roles = user_roles(user)
    if roles & set(staff_roles):
        return queryset
    if RELAIS in roles:
        lookup = f"{relais_field}__user" if relais_field else "user"
        return queryset.filter(**{lookup: user})
    return queryset.none()


def get_scoped_or_404(
    queryset: QuerySet,
    user,
    *,
    relais_field: str = "relais",
    staff_roles: Iterable[str] = (COORDINATION,),
    **lookup,
) -> Model:
    """One row of `queryset` matching `lookup` within `user`'s scope, or 404."""
    scoped = scope(queryset, user, relais_field=relais_field, staff_roles=staff_roles)
    try:
        return scoped.get(**lookup)
    except (scoped.model.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def own_relais(user) -> Model | None:
    """The relais profile of `user`, or None. The user of a request already holds it
    (tisseurs/accounts/backends.py), so this costs no query then."""
    model = apps.get_model("relais", "Relais")
    reverse = model.user.field.remote_field
    if reverse.is_cached(user):
        return reverse.get_cached_value(user)
    return model.objects.filter(user=user).first()


def get_own_relais_or_404(user, queryset: QuerySet | None = None) -> Model:
    """The relais profile of `user` (from `queryset`, all Relais by default), or
    404. The model is looked up by name: this module imports no app."""
    if queryset is None:
        relais = own_relais(user)
        if relais is None:
            raise Http404
        return relais
    try:
        return queryset.get(user=user)
    except queryset.model.DoesNotExist as exc:
        raise Http404 from exc
