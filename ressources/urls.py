from django.urls import path

from ressources import views

app_name = "ressources"

urlpatterns = [
    path("", views.search, name="search"),
    path("liste/", views.service_list, name="service_list"),
    path("nouvelle/", views.service_create, name="service_create"),
    path("<id:pk>/", views.service_detail, name="service_detail"),
    path("<id:pk>/modifier/", views.service_update, name="service_update"),
    path("<id:pk>/verifiee/", views.service_verify, name="service_verify"),
    path("a-verifier/", views.to_verify, name="to_verify"),
    path("choisir/", views.picker_search, name="picker_search"),
    path("selection/", views.selection, name="selection"),
    path("proposer/", views.suggestion_create, name="suggestion_create"),
    path("mes-propositions/", views.suggestion_mine, name="suggestion_mine"),
    path("propositions/", views.suggestion_review, name="suggestion_review"),
    path(
        "propositions/<id:pk>/accepter/",
        views.suggestion_accept,
        name="suggestion_accept",
    ),
    path(
        "propositions/<id:pk>/refuser/",
        views.suggestion_reject,
        name="suggestion_reject",
    ),
    path("hsds/import/", views.hsds_import, name="hsds_import"),
    path(
        "hsds/import/confirmer/", views.hsds_import_confirm, name="hsds_import_confirm"
    ),
    path("hsds/export/", views.hsds_export, name="hsds_export"),
    path("carte-sociale.pdf", views.carte_sociale, name="carte_sociale"),
]
