from django.contrib.auth.models import Group
from django.db import transaction

from tisseurs.accounts.models import User


@transaction.atomic
def user_create(
    *,
    username: str,
    role: str,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    password: str | None = None,
    language: str = "",
) -> User:
    """Create a user in one role. Without a password, the account cannot sign in until
    its owner sets one through the invitation (password reset) link."""
    user = User(
        username=username,
        first_name=first_name,
        last_name=last_name,
        email=email,
        language=language,
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    user.groups.add(Group.objects.get(name=role))
    return user
