from django.shortcuts import render
from django.utils import translation
from django.utils.cache import patch_cache_control

from tisseurs.i18n import page_language
from tisseurs.sessions import is_staff_session
from tisseurs.uploads import REQUEST_BODY_MAX_BYTES

OFFLINE_HEADER = "X-Tisseurs-Offline"


class UserLanguageMiddleware:
    """Activate the signed-in user's chosen interface language, if they chose one.

    Runs after LocaleMiddleware (which reads the cookie and the browser's
    Accept-Language) and after authentication, so a user's own choice wins. Staff
    pages stay in French, Dutch or English: a coordinator whose cookie, browser or
    choice says Arabic gets French (`tisseurs.i18n.page_language`).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        language = getattr(user, "language", "") if user is not None else ""
        if not (language and getattr(user, "is_authenticated", False)):
            language = translation.get_language()
        language = page_language(user, language)
        if language != translation.get_language():
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


# Browser features no page of Tisseurs uses, switched off for every page and any
# frame. The relais' photo uploads use a plain file input, which needs no feature.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "bluetooth",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
)


class PrivacyHeadersMiddleware:
    """Permissions-Policy on every response, and Cache-Control: no-store on every
    response to a signed-in user: their pages show residents' situations, IBANs and
    money, which no browser or proxy cache may keep. Files go through
    tisseurs.downloads, which marks them too; static files never reach this point
    (WhiteNoise answers them first) and stay cacheable.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Asked before the view runs: a view that signs the user out (log out
        # everywhere) still answers a signed-in request.
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if signed_in:
            patch_cache_control(response, no_store=True, private=True)
            if not is_staff_session(user):
                # The service worker keeps a copy of a relais' own pages only
                # (templates/pwa/sw.js, docs/offline.md), never a staff page.
                response.headers[OFFLINE_HEADER] = "relais"
        return response
