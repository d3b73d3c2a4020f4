from urllib.parse import urlencode

from django.http import HttpResponseRedirect
from django.urls import Resolver404, resolve, reverse

from tisseurs.twofactor.services import two_factor_required

# The pages a signed-in user may reach before their second factor: the 2FA steps
# themselves, signing out, the language switch and the health check.
OPEN_BEFORE_SECOND_FACTOR = {
    "two_factor_verify",
    "two_factor_enroll",
    "two_factor_recovery_codes",
    "logout",
    "set_language",
    "health",
}


class TwoFactorMiddleware:
    """Sends a signed-in user who has not given their second factor yet to the code
    page (they have an authenticator) or to the enrolment page (they must have one):
    no other page, the admin included, answers before that. Runs after django-otp's
    OTPMiddleware, which sets `user.is_verified()`."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated:
            if user.two_factor_enabled:
                step = "two_factor_verify" if not user.is_verified() else None
            elif two_factor_required(user):
                step = "two_factor_enroll"
            else:
                step = None
            # The URL is resolved only when a step is due (not on every page).
            if step is not None and not self._open(request):
                query = urlencode({"next": request.get_full_path()})
                return HttpResponseRedirect(f"{reverse(step)}?{query}")
        return self.get_response(request)

    @staticmethod
    def _open(request) -> bool:
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return False
        return match.url_name in OPEN_BEFORE_SECOND_FACTOR
