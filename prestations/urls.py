app_name = "prestations"

urlpatterns = []
