from django.utils import translation


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
