"""URLs of the prestations app: the prestation side, then the fiche side."""

from django.urls import path

from prestations.views import (
    agreement,
    fiche,
    history,
    notice,
    payment,
    prestation,
    regime,
    situations,
)

app_name = "prestations"

urlpatterns = [
    path("sortie/", prestation.prestation_quick, name="prestation_quick"),
    path("mes-sorties/", prestation.prestation_mine, name="prestation_mine"),
    path("hors-ligne/", prestation.outbox_page, name="outbox"),
    path("sortie/<id:pk>/", prestation.prestation_detail, name="prestation_detail"),
    path(
        "sortie/<id:pk>/modifier/", prestation.prestation_edit, name="prestation_edit"
    ),
    path(
        "sortie/<id:pk>/supprimer/",
        prestation.prestation_delete,
        name="prestation_delete",
    ),
    path(
        "sortie/<id:pk>/justificatif/",
        prestation.prestation_receipt,
        name="prestation_receipt",
    ),
    path("sortie/<id:pk>/situation/", prestation.situation_add, name="situation_add"),
    path(
        "sortie/cle/<uuid:key>/situation/",
        prestation.situation_add_pending,
        name="situation_add_pending",
    ),
    path("situation/<id:pk>/", prestation.situation_edit, name="situation_edit"),
    path(
        "situation/<id:pk>/supprimer/",
        prestation.situation_delete,
        name="situation_delete",
    ),
    path(
        "situation/<id:pk>/orientations/",
        prestation.orientation_outcomes,
        name="orientation_outcomes",
    ),
    path("situations/", situations.situation_list, name="situation_list"),
    path("situations/export/", situations.situation_export, name="situation_export"),
    path("situations/<id:pk>/", situations.situation_detail, name="situation_detail"),
    path(
        "situations/<id:pk>/suivi/",
        situations.situation_follow_up_add,
        name="situation_follow_up_add",
    ),
    path(
        "situations/<id:pk>/cloturer/",
        situations.situation_follow_up_close,
        name="situation_follow_up_close",
    ),
    path("vos-donnees/", notice.privacy_notice, name="privacy_notice"),
    path("vos-donnees/pdf/", notice.privacy_notice_pdf, name="privacy_notice_pdf"),
    path("liste/", prestation.prestation_list, name="prestation_list"),
    path("liste/export/", prestation.prestation_export, name="prestation_export"),
    # The fiche side: monthly fiches, payments, legal parameters.
    path("mon-mois/", fiche.fiche_mine, name="fiche_mine"),
    path("mon-mois/depense/", fiche.fiche_claim_add, name="fiche_claim_add"),
    path("mon-mois/envoyer/", fiche.fiche_submit, name="fiche_submit"),
    path(
        "lignes/<id:pk>/supprimer/", fiche.fiche_line_delete, name="fiche_line_delete"
    ),
    path(
        "lignes/<id:pk>/justificatif/",
        fiche.fiche_line_receipt,
        name="fiche_line_receipt",
    ),
    path(
        "autres-organisations/",
        fiche.fiche_other_amounts,
        name="fiche_other_amounts",
    ),
    path("fiches/", fiche.fiche_overview, name="fiche_overview"),
    path("fiches/lot/", fiche.fiche_bulk, name="fiche_bulk"),
    path("fiches/<id:pk>/", fiche.fiche_detail, name="fiche_detail"),
    path("fiches/<id:pk>/valider/", fiche.fiche_validate, name="fiche_validate"),
    path("fiches/<id:pk>/renvoyer/", fiche.fiche_return, name="fiche_return"),
    path("fiches/<id:pk>/rouvrir/", fiche.fiche_reopen, name="fiche_reopen"),
    path("fiches/<id:pk>/pdf/", fiche.fiche_pdf, name="fiche_pdf"),
    path("fiches/<id:pk>/historique/", history.fiche_history, name="fiche_history"),
    path("paiements/", payment.payments, name="payments"),
    path("paiements/csv/", payment.payments_csv, name="payments_csv"),
    path("paiements/xlsx/", payment.payments_xlsx, name="payments_xlsx"),
    path("paiements/sepa/", payment.payments_sepa, name="payments_sepa"),
    path(
        "paiements/fichiers/<id:pk>/payer/",
        payment.payment_file_mark_paid,
        name="payment_file_mark_paid",
    ),
    path("liste-nominative/", fiche.nominative_list, name="nominative_list"),
    path("parametres/", fiche.parameters, name="parameters"),
    path("relais/<id:pk>/regime/", regime.regime_set, name="regime_set"),
    path(
        "convention/<id:pk>/convention.pdf",
        agreement.convention_pdf,
        name="convention_pdf",
    ),
]
