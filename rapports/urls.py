from django.urls import path

from rapports import views

app_name = "rapports"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("comite/", views.rapport_list, name="rapport_list"),
    path("comite/nouveau/", views.rapport_create, name="rapport_create"),
    path("comite/<id:pk>/", views.rapport_detail, name="rapport_detail"),
    path("comite/<id:pk>/apercu.pdf", views.rapport_preview, name="rapport_preview"),
    path("comite/<id:pk>/emettre/", views.rapport_issue, name="rapport_issue"),
    path("comite/<id:pk>/rapport.pdf", views.rapport_pdf, name="rapport_pdf"),
    path("export-cocom/", views.export, name="export"),
]
