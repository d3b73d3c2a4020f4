"""The bare Django view the benchmark compares every page with: one view returning
"ok", no middleware, no database, no template (gunicorn home.bench.bare)."""

import os

from django.conf import settings

if not settings.configured:
    settings.configure(
        DEBUG=False,
        SECRET_KEY=os.environ.get("SECRET_KEY", "bench-bare-view"),
        ALLOWED_HOSTS=["*"],
        ROOT_URLCONF=__name__,
        MIDDLEWARE=[],
        INSTALLED_APPS=[],
    )

from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path


def ok(request, anything=""):
    return HttpResponse("ok")


urlpatterns = [path("", ok), path("<path:anything>", ok)]
application = get_wsgi_application()
