app_name = "relais"

urlpatterns = []
