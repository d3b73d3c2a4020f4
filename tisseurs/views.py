"""Cross-cutting views: health, language switch, account, and the error pages."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views import i18n
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from tisseurs.accounts.forms import LanguageForm, LoginForm
from tisseurs.accounts.services import (
    user_logout_everywhere,
    user_notify_password_changed,
)
from tisseurs.accounts.tokens import invitation_token_generator
from tisseurs.i18n import language_choices
from tisseurs.params import choice_param
from tisseurs.roles import ROLES, role_required
from tisseurs.throttle import (
    HOUR,
    PASSWORD_RESET_LIMIT,
    client_address,
    throttle_exceeded,
    throttle_hit,
)
from tisseurs.twofactor.services import two_factor_may_disable, two_factor_required


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
    if user.is_authenticated and language and language in dict(language_choices(user)):
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
    return render(
        request,
        "registration/account.html",
        {
            "form": form,
            "two_factor_required": two_factor_required(request.user),
            "two_factor_may_disable": two_factor_may_disable(request.user),
        },
    )


@role_required(*ROLES)
@require_POST
def logout_everywhere(request):
    """End every session of the user, this one included."""
    user_logout_everywhere(user=request.user)
    logout(request)
    messages.success(
        request, _("Toutes vos sessions sont fermées, celle-ci aussi. À bientôt !")
    )
    return redirect("login")


# Django's account views, with our additions.


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    redirect_authenticated_user = True


class PasswordChangeView(auth_views.PasswordChangeView):
    def form_valid(self, form):
        response = super().form_valid(form)
        user_notify_password_changed(user=form.user)
        return response


class PasswordResetView(auth_views.PasswordResetView):
    """Throttled per address and per e-mail; over the limit, the same "sent" page
    answers and no e-mail leaves, so nobody learns whether an address is known."""

    def form_valid(self, form):
        subjects = [
            ("reset-address", client_address(self.request)),
            ("reset-email", form.cleaned_data["email"]),
        ]
        throttled = any(
            throttle_exceeded(scope=scope, subject=subject, limit=PASSWORD_RESET_LIMIT)
            for scope, subject in subjects
        )
        for scope, subject in subjects:
            throttle_hit(scope=scope, subject=subject, window=HOUR)
        if throttled:
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    def form_valid(self, form):
        response = super().form_valid(form)
        user_notify_password_changed(user=form.user)
        return response


class InvitationConfirmView(auth_views.PasswordResetConfirmView):
    """A relais chooses their first password from the invitation link (seven days)."""

    token_generator = invitation_token_generator


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
