from django.urls import path

from relais import views

app_name = "relais"

urlpatterns = [
    path("", views.relais_list, name="relais_list"),
    path("nouveau/", views.relais_create, name="relais_create"),
    path("<int:pk>/", views.relais_detail, name="relais_detail"),
    path("<int:pk>/modifier/", views.relais_edit, name="relais_edit"),
    path("<int:pk>/inviter/", views.relais_invite, name="relais_invite"),
    path("<int:pk>/convention/", views.convention_create, name="convention_create"),
    path("convention/<int:pk>/", views.convention_edit, name="convention_edit"),
    path("<int:pk>/regime/", views.regime_set, name="regime_set"),
    path("<int:pk>/note/", views.acknowledgement_create, name="acknowledgement_create"),
    path("<int:pk>/note.pdf", views.note_pdf, name="note_pdf"),
    path("<int:pk>/allocation/", views.gate_create, name="gate_create"),
    path("allocation/<int:pk>/", views.gate_edit, name="gate_edit"),
    path("allocation/<int:pk>/reconfirmer/", views.gate_confirm, name="gate_confirm"),
    path("<int:pk>/document/", views.document_upload, name="document_upload"),
    path("document/<int:pk>/", views.document_download, name="document_download"),
    path("<int:pk>/anonymiser/", views.relais_anonymise, name="relais_anonymise"),
    path("iban/", views.bank_details, name="bank_details"),
    path("notes/", views.note_list, name="note_list"),
    path("notes/nouvelle/", views.note_create, name="note_create"),
    path("assurances/", views.insurance_list, name="insurance_list"),
    path("assurances/nouvelle/", views.insurance_create, name="insurance_create"),
    path("assurances/<int:pk>/", views.insurance_edit, name="insurance_edit"),
    path("formations/", views.formation_list, name="formation_list"),
    path("formations/nouvelle/", views.formation_create, name="formation_create"),
    path("formations/<int:pk>/", views.formation_detail, name="formation_detail"),
    path("formations/<int:pk>/modifier/", views.formation_edit, name="formation_edit"),
    path("moi/", views.my_profile, name="my_profile"),
    path("moi/documents/", views.my_documents, name="my_documents"),
    path("moi/formations/", views.my_trainings, name="my_trainings"),
]
