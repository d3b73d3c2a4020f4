from django.urls import path

from relais.views import formation, journal, legal, own, relais_file

app_name = "relais"

urlpatterns = [
    path("", relais_file.relais_list, name="relais_list"),
    path("nouveau/", relais_file.relais_create, name="relais_create"),
    path("<id:pk>/", relais_file.relais_detail, name="relais_detail"),
    path("<id:pk>/modifier/", relais_file.relais_edit, name="relais_edit"),
    path("<id:pk>/historique/", relais_file.relais_history, name="relais_history"),
    path("<id:pk>/inviter/", relais_file.relais_invite, name="relais_invite"),
    path("<id:pk>/convention/", legal.convention_create, name="convention_create"),
    path("convention/<id:pk>/", legal.convention_edit, name="convention_edit"),
    path(
        "convention/<id:pk>/signee/",
        legal.convention_upload,
        name="convention_upload",
    ),
    path("<id:pk>/note/", legal.acknowledgement_create, name="acknowledgement_create"),
    path("<id:pk>/note.pdf", legal.note_pdf, name="note_pdf"),
    path("<id:pk>/allocation/", legal.gate_create, name="gate_create"),
    path("<id:pk>/sejour/", legal.residence_edit, name="residence_edit"),
    path("allocation/<id:pk>/", legal.gate_edit, name="gate_edit"),
    path("allocation/<id:pk>/reconfirmer/", legal.gate_confirm, name="gate_confirm"),
    path("<id:pk>/journal/", journal.journal_create, name="journal_create"),
    path("journal/<id:pk>/", journal.journal_edit, name="journal_edit"),
    path("journal/<id:pk>/supprimer/", journal.journal_delete, name="journal_delete"),
    path("<id:pk>/document/", relais_file.document_upload, name="document_upload"),
    path("document/<id:pk>/", relais_file.document_download, name="document_download"),
    path("document/<id:pk>/modifier/", relais_file.document_edit, name="document_edit"),
    path("iban/", relais_file.bank_details, name="bank_details"),
    path("notes/", legal.note_list, name="note_list"),
    path("notes/nouvelle/", legal.note_create, name="note_create"),
    path("assurances/", legal.insurance_list, name="insurance_list"),
    path("assurances/nouvelle/", legal.insurance_create, name="insurance_create"),
    path("assurances/<id:pk>/", legal.insurance_edit, name="insurance_edit"),
    path("formations/", formation.formation_list, name="formation_list"),
    path("formations/nouvelle/", formation.formation_create, name="formation_create"),
    path("formations/<id:pk>/", formation.formation_detail, name="formation_detail"),
    path(
        "formations/<id:pk>/modifier/", formation.formation_edit, name="formation_edit"
    ),
    path("moi/", own.my_profile, name="my_profile"),
    path("moi/documents/", own.my_documents, name="my_documents"),
    path("moi/formations/", own.my_trainings, name="my_trainings"),
    path("moi/note/", own.my_note, name="my_note"),
]
