from django.shortcuts import render
from django.utils import translation

from tisseurs.uploads import REQUEST_BODY_MAX_BYTES


class UserLanguageMiddleware:
    """Activate the signed-in user's chosen interface language, if they chose one.

    Runs after LocaleMiddleware (which reads the cookie and the browser's
    Accept-Language) and after authentication, so a user's own choice wins.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        language = getattr(user, "language", "") if user is not None else ""
        if language and getattr(user, "is_authenticated", False):
            translation.activate(language)
            request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", translation.get_language())
        return response


class RequestBodyLimitMiddleware:
    """Refuse, with a translated 413 page, a request whose announced body is larger
    than the largest upload the app accepts (plus a margin), before anything reads
    it: anonymous requests included, so nobody can have 300 MB spooled to disk.

    The proxy in front of the app should refuse them even earlier (see the README,
    nginx `client_max_body_size`)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > REQUEST_BODY_MAX_BYTES:
            return render(
                request,
                "413.html",
                {"max_mb": REQUEST_BODY_MAX_BYTES // (1024 * 1024)},
                status=413,
            )
        return self.get_response(request)
