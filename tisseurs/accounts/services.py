from django.contrib.auth.models import Group
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext

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


def user_logout_everywhere(*, user: User) -> None:
    """End every session of `user` (tisseurs/sessions.py compares each session's
    opening time with this moment)."""
    user.sessions_valid_after = timezone.now()
    user.save(update_fields=["sessions_valid_after"])


def user_notify_password_changed(*, user: User) -> None:
    """Tell `user` by e-mail, in their language, that their password was changed, so
    that a change they did not make does not go unnoticed."""
    if not user.email:
        return
    language = user.language or translation.get_language()
    with translation.override(language):
        subject = gettext("Votre mot de passe Tisseurs a été changé")
        body = render_to_string(
            "registration/password_changed_email.txt",
            {"user": user, "when": timezone.localtime()},
        )
    send_mail(subject, body, None, [user.email])
