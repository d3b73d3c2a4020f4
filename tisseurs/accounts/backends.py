"""The user of each request, read with their relais profile and their roles in the
same query."""

from functools import cache

from django.contrib.auth.backends import ModelBackend
from django.db import connection
from django.db.models.expressions import RawSQL

from tisseurs.roles import ROLES, remember_roles

# One bit per role: the roles of a user come back as one number.
ROLE_BITS = {role: 1 << index for index, role in enumerate(ROLES)}


@cache
def role_bits_sql(user_model) -> RawSQL:
    """A subquery giving, for each user row, the sum of the bits of their roles;
    built once per process (expressions are copied when a query uses them).

    Written in SQL rather than as an ORM subquery: it runs on every request, and
    building a `Subquery(Sum(Case(...)))` costs about as much Python as the query it
    saves. Table and column names come from the models' metadata."""
    quote = connection.ops.quote_name
    through = user_model.groups.through._meta
    group = user_model.groups.field.related_model._meta
    user_column = through.get_field(user_model._meta.model_name).column
    group_column = through.get_field(group.model_name).column
    cases = " ".join(f"WHEN %s THEN {bit}" for bit in ROLE_BITS.values())
    # Names from the models' metadata, quoted; the role names are parameters.
    sql = (
        f"SELECT COALESCE(SUM(CASE g.{quote('name')} {cases} ELSE 0 END), 0) "  # nosec B608
        f"FROM {quote(through.db_table)} ug INNER JOIN {quote(group.db_table)} g "
        f"ON g.{quote(group.pk.column)} = ug.{quote(group_column)} "
        f"WHERE ug.{quote(user_column)} = "
        f"{quote(user_model._meta.db_table)}.{quote(user_model._meta.pk.column)}"
    )
    return RawSQL(sql, tuple(ROLE_BITS))  # nosec B611


class UserBackend(ModelBackend):
    """Django's ModelBackend, except that the user of a session comes with their
    relais profile (a LEFT JOIN: staff have none) and their roles (a subquery).
    Every request asks for both: the session policy (`User.access_suspended`),
    `role_required`, the header of the pages and `get_own_relais_or_404`; two
    queries less per page. The relais app is named, not imported: the core imports
    no app."""

    def get_user(self, user_id):
        model = self._user_model()
        try:
            user = (
                model._default_manager.select_related("relais")
                .annotate(tisseurs_role_bits=role_bits_sql(model))
                .get(pk=user_id)
            )
        except model.DoesNotExist:
            return None
        remember_roles(
            user,
            (role for role, bit in ROLE_BITS.items() if user.tisseurs_role_bits & bit),
        )
        return user if self.user_can_authenticate(user) else None

    @staticmethod
    def _user_model():
        from django.contrib.auth import get_user_model

        return get_user_model()
