from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, register_converter

from home import tool_views
from home import views as home_views
from tisseurs import pwa, views
from tisseurs.params import IdConverter

# `<id:pk>`: ids the database can hold; registered before the apps' URLs load.
register_converter(IdConverter, "id")

urlpatterns = [
    path("", home_views.home, name="home"),
    path("aujourdhui/", home_views.relais_home, name="relais_home"),
    path("coordination/", home_views.coordination_home, name="coordination_home"),
    path("direction/", home_views.direction_home, name="direction_home"),
    path("comite/", home_views.comite_home, name="comite_home"),
    path("aide/", home_views.help_page, name="help"),
    path("recherche/", tool_views.search, name="search"),
    path("messages/", tool_views.message_list, name="message_list"),
    path("messages/nouveau/", tool_views.message_create, name="message_create"),
    path("messages/<id:pk>/", tool_views.message_detail, name="message_detail"),
    path("messages/recu/<id:pk>/lu/", tool_views.message_read, name="message_read"),
    path("sante/", views.health, name="health"),
    path("sw.js", pwa.service_worker, name="service_worker"),
    path("manifest.webmanifest", pwa.manifest, name="manifest"),
    path("langue/", views.set_language, name="set_language"),
    path("compte/", views.account, name="account"),
    path(
        "compte/rappels/",
        home_views.reminder_preferences,
        name="reminder_preferences",
    ),
    path(
        "compte/deconnexion-partout/",
        views.logout_everywhere,
        name="logout_everywhere",
    ),
    path("compte/2fa/", include("tisseurs.twofactor.urls")),
    # Accounts: Django's views with our templates. Public ones are marked in views.py.
    path(
        "connexion/",
        views.public(views.LoginView.as_view()),
        name="login",
    ),
    path("deconnexion/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "compte/mot-de-passe/",
        views.any_role(views.PasswordChangeView.as_view()),
        name="password_change",
    ),
    path(
        "compte/mot-de-passe/fait/",
        views.any_role(auth_views.PasswordChangeDoneView.as_view()),
        name="password_change_done",
    ),
    path(
        "mot-de-passe-oublie/",
        views.public(views.PasswordResetView.as_view()),
        name="password_reset",
    ),
    path(
        "mot-de-passe-oublie/envoye/",
        views.public(auth_views.PasswordResetDoneView.as_view()),
        name="password_reset_done",
    ),
    path(
        "mot-de-passe/<uidb64>/<token>/",
        views.public(views.PasswordResetConfirmView.as_view()),
        name="password_reset_confirm",
    ),
    path(
        "invitation/<uidb64>/<token>/",
        views.public(views.InvitationConfirmView.as_view()),
        name="invitation_confirm",
    ),
    path(
        "mot-de-passe/change/",
        views.public(auth_views.PasswordResetCompleteView.as_view()),
        name="password_reset_complete",
    ),
    # The GDPR export and the anonymisation read every app, so they live at the top
    # (home/gdpr.py).
    path("relais/<id:pk>/export/", home_views.relais_export, name="relais_export"),
    path(
        "relais/<id:pk>/anonymiser/",
        home_views.relais_anonymise,
        name="relais_anonymise",
    ),
    path("relais/", include("relais.urls")),
    path("ressources/", include("ressources.urls")),
    path("activites/", include("activites.urls")),
    path("prestations/", include("prestations.urls")),
    path("rapports/", include("rapports.urls")),
    path("journal/", include("tisseurs.audit.urls")),
    path("admin/", admin.site.urls),
]

handler403 = "tisseurs.views.permission_denied"
handler404 = "tisseurs.views.page_not_found"
handler500 = "tisseurs.views.server_error"
