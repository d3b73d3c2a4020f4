"""Session policy: how long a signed-in session lasts, and who is signed out.

- Staff (coordination, direction, comité, admin) sessions end after 30 minutes idle
  and 12 hours in all: they open residents' data and money files on shared desks.
- Relais sessions slide: each use renews them, and they end after SESSION_COOKIE_AGE
  (30 days) without use. Relais work on their own phones, between visits.
- A session opened before the user's `sessions_valid_after` ("log out everywhere")
  ends; so does every session of a relais whose access is closed (left or suspended).

The session remembers when it was opened and last used (epoch seconds), stamped at
login (`session_stamp`, on Django's `user_logged_in`); a session opened before this
policy is stamped at its first request.
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.utils.translation import gettext as _

from tisseurs.roles import COMITE, COORDINATION, DIRECTION, has_role

LOGIN_AT = "tisseurs_login_at"
SEEN_AT = "tisseurs_seen_at"
STAFF_IDLE_SECONDS = 30 * 60
STAFF_MAX_SECONDS = 12 * 60 * 60
# The last-use time is written at most once a minute, not on every request.
TOUCH_EVERY_SECONDS = 60


def is_staff_session(user) -> bool:
    return bool(
        user.is_staff
        or user.is_superuser
        or has_role(user, COORDINATION, DIRECTION, COMITE)
    )


def session_stamp(sender, request, user, **kwargs) -> None:
    now = time.time()
    request.session[LOGIN_AT] = now
    request.session[SEEN_AT] = now


def session_end_reason(*, user, session, now: float) -> str | None:
    """Why this session must end now (a translated sentence), or None."""
    if user.access_suspended:
        return _("Votre accès est suspendu. Contactez la coordination.")
    login_at = session.get(LOGIN_AT, now)
    seen_at = session.get(SEEN_AT, now)
    valid_after = user.sessions_valid_after
    if valid_after is not None and login_at < valid_after.timestamp():
        return _("Cette session a été fermée depuis votre compte. Reconnectez-vous.")
    if is_staff_session(user):
        expired = (
            now - seen_at > STAFF_IDLE_SECONDS or now - login_at > STAFF_MAX_SECONDS
        )
    else:
        expired = now - seen_at > settings.SESSION_COOKIE_AGE
    if expired:
        return _("Votre session a expiré. Reconnectez-vous pour continuer.")
    return None


class SessionPolicyMiddleware:
    """Ends sessions by the rules above and sends the user to the login page, with a
    message and `next=` back to the page they asked for."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated:
            now = time.time()
            reason = session_end_reason(user=user, session=request.session, now=now)
            if reason is not None:
                logout(request)
                messages.warning(request, reason)
                return redirect_to_login(request.get_full_path())
            session = request.session
            if LOGIN_AT not in session:
                session[LOGIN_AT] = now
            if now - session.get(SEEN_AT, 0) >= TOUCH_EVERY_SECONDS:
                session[SEEN_AT] = now  # saving the session also renews its expiry
        return self.get_response(request)
