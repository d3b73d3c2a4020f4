from django.urls import path

from tisseurs.audit import views

app_name = "audit"

urlpatterns = [
    path("", views.audit_list, name="audit_list"),
]
