import itertools

from django.contrib.auth.models import Group

from tisseurs.accounts.models import User

_sequence = itertools.count(1)


def make_user(
    *, role: str | None = None, password: str = "secret-pass-123", **overrides
):
    n = next(_sequence)
    fields = {"username": f"user{n}", "email": f"user{n}@example.org", **overrides}
    user = User(**fields)
    user.set_password(password)
    user.save()
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user
