from prestations.fiche_urls import fiche_urlpatterns

app_name = "prestations"

urlpatterns = []
urlpatterns += fiche_urlpatterns
