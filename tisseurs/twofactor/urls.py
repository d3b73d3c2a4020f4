from django.urls import path

from tisseurs.twofactor import views

urlpatterns = [
    path("verifier/", views.verify, name="two_factor_verify"),
    path("activer/", views.enroll, name="two_factor_enroll"),
    path("codes-de-secours/", views.recovery_codes, name="two_factor_recovery_codes"),
    path(
        "codes-de-secours/nouveaux/",
        views.recovery_codes_new,
        name="two_factor_recovery_codes_new",
    ),
    path("desactiver/", views.disable, name="two_factor_disable"),
    path("comptes/", views.user_list, name="two_factor_users"),
    path(
        "comptes/<id:pk>/reinitialiser/",
        views.user_reset,
        name="two_factor_user_reset",
    ),
]
