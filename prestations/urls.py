from django.urls import path

from prestations.fiche_urls import fiche_urlpatterns
from prestations.views import prestation as views

app_name = "prestations"

urlpatterns = [
    path("sortie/", views.prestation_quick, name="prestation_quick"),
    path("mes-sorties/", views.prestation_mine, name="prestation_mine"),
    path("sortie/<int:pk>/", views.prestation_detail, name="prestation_detail"),
    path("sortie/<int:pk>/modifier/", views.prestation_edit, name="prestation_edit"),
    path(
        "sortie/<int:pk>/supprimer/", views.prestation_delete, name="prestation_delete"
    ),
    path(
        "sortie/<int:pk>/justificatif/",
        views.prestation_receipt,
        name="prestation_receipt",
    ),
    path("sortie/<int:pk>/situation/", views.situation_add, name="situation_add"),
    path("situation/<int:pk>/", views.situation_edit, name="situation_edit"),
    path(
        "situation/<int:pk>/supprimer/",
        views.situation_delete,
        name="situation_delete",
    ),
    path(
        "situation/<int:pk>/orientations/",
        views.orientation_outcomes,
        name="orientation_outcomes",
    ),
    path("situations/", views.situation_list, name="situation_list"),
    path("liste/", views.prestation_list, name="prestation_list"),
    path("liste/export/", views.prestation_export, name="prestation_export"),
]
urlpatterns += fiche_urlpatterns
