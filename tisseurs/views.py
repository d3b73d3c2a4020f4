"""Cross-cutting views: health, language switch, account, and the error pages."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views import i18n
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from tisseurs.accounts.forms import LanguageForm
from tisseurs.params import choice_param
from tisseurs.roles import ROLES, role_required


def public(view):
    """Mark one of Django's own views (login, password reset) as public."""
    return login_not_required(view)


def any_role(view):
    """Open a view to every signed-in user who holds a role."""
    return role_required(*ROLES)(view)


@login_not_required
@never_cache
def health(request):
    """Liveness and database check for monitoring: no data, no login."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # the database is down: say so, with a 503
        return JsonResponse({"status": "error", "database": "down"}, status=503)
    return JsonResponse({"status": "ok"})


@login_not_required
@require_POST
def set_language(request):
    """Django's language switch, which also remembers the choice on the user."""
    response = i18n.set_language(request)
    language = choice_param(request, "language", dict(settings.LANGUAGES), "")
    user = request.user
    if user.is_authenticated and language:
        user.language = language
        user.save(update_fields=["language"])
    return response


@role_required(*ROLES)
def account(request):
    form = LanguageForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        if request.user.language:
            translation.activate(request.user.language)  # answer in the new language
        messages.success(request, _("Vos préférences sont enregistrées."))
        response = redirect("account")
        if request.user.language:
            response.set_cookie(settings.LANGUAGE_COOKIE_NAME, request.user.language)
        return response
    return render(request, "registration/account.html", {"form": form})


@login_not_required
def csrf_failure(request, reason=""):
    return render(request, "403_csrf.html", status=403)


@login_not_required
def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


@login_not_required
def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


@login_not_required
def server_error(request):
    try:
        return render(request, "500.html", status=500)
    except Exception:  # the page itself failed: plain text, still translated
        return HttpResponse(
            _("Une erreur inattendue s'est produite. Réessayez dans un instant."),
            status=500,
            content_type="text/plain; charset=utf-8",
        )
