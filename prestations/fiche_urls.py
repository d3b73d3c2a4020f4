"""URLs of the money side (monthly sheets, payments, legal parameters)."""

from django.urls import path

from prestations.views import fiche as views

fiche_urlpatterns = [
    path("mon-mois/", views.fiche_mine, name="fiche_mine"),
    path("mon-mois/generer/", views.fiche_generate, name="fiche_generate"),
    path("mon-mois/depense/", views.fiche_claim_add, name="fiche_claim_add"),
    path("mon-mois/envoyer/", views.fiche_submit, name="fiche_submit"),
    path(
        "lignes/<int:pk>/supprimer/", views.fiche_line_delete, name="fiche_line_delete"
    ),
    path(
        "lignes/<int:pk>/justificatif/",
        views.fiche_line_receipt,
        name="fiche_line_receipt",
    ),
    path(
        "autres-organisations/",
        views.fiche_other_amounts,
        name="fiche_other_amounts",
    ),
    path("fiches/", views.fiche_overview, name="fiche_overview"),
    path("fiches/lot/", views.fiche_bulk, name="fiche_bulk"),
    path("fiches/<int:pk>/", views.fiche_detail, name="fiche_detail"),
    path("fiches/<int:pk>/valider/", views.fiche_validate, name="fiche_validate"),
    path("fiches/<int:pk>/renvoyer/", views.fiche_return, name="fiche_return"),
    path("fiches/<int:pk>/rouvrir/", views.fiche_reopen, name="fiche_reopen"),
    path("fiches/<int:pk>/pdf/", views.fiche_pdf, name="fiche_pdf"),
    path("paiements/", views.payments, name="payments"),
    path("paiements/csv/", views.payments_csv, name="payments_csv"),
    path("paiements/xlsx/", views.payments_xlsx, name="payments_xlsx"),
    path("paiements/sepa/", views.payments_sepa, name="payments_sepa"),
    path("paiements/payer/", views.payments_mark_paid, name="payments_mark_paid"),
    path("liste-nominative/", views.nominative_list, name="nominative_list"),
    path("parametres/", views.parameters, name="parameters"),
]
