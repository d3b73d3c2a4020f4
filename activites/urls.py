app_name = "activites"

urlpatterns = []
