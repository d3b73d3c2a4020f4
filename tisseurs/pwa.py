"""The progressive web app: the service worker (at the root, so its scope covers the
relais pages) and the web app manifest. Both are public (the browser fetches them
without asking who is signed in) and hold no data. What is cached, and what never
is: docs/offline.md."""

import hashlib
import json
import uuid

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

# Kept for offline use from the first visit; every other static file is cached
# the first time a page asks for it.
PRECACHED_STATIC = [
    "vendor/bootstrap-5.3.9/css/bootstrap.min.css",
    "vendor/bootstrap-5.3.9/js/bootstrap.bundle.min.js",
    "css/app.css",
    "js/outbox.js",
    "js/stepper.js",
    "js/service_picker.js",
    "img/favicon.svg",
    "img/icon-192.png",
]
# Bump when templates/pwa/sw.js changes in a way the static names do not show.
WORKER_REVISION = "2"


def offline_page_prefixes() -> list[str]:
    """The relais pages the service worker keeps a copy of (path prefixes): their
    home, the outing, situation and expense forms, their outings and month, the
    outbox, the help. Named by URL name: the core imports no app."""
    situation = reverse("prestations:situation_edit", kwargs={"pk": 1})
    return [
        reverse("relais_home"),
        reverse("prestations:prestation_quick"),  # also the outings and situations
        reverse("prestations:prestation_mine"),
        reverse("prestations:fiche_mine"),  # also the expense form
        reverse("prestations:outbox"),
        situation[: situation.rstrip("/").rfind("/") + 1],
        reverse("help"),
    ]


@login_not_required
@require_GET
def service_worker(request):
    static_urls = [static(path) for path in PRECACHED_STATIC]
    version = hashlib.sha256(
        "\n".join([WORKER_REVISION, *static_urls]).encode()
    ).hexdigest()[:12]
    config = {
        "version": version,
        "static": static_urls,
        "staticUrl": settings.STATIC_URL,
        "pages": offline_page_prefixes(),
        "fallback": reverse("prestations:outbox"),
        # One kept copy of the situation form answers for every waiting outing.
        "pendingSituation": reverse(
            "prestations:situation_add_pending", kwargs={"key": uuid.UUID(int=0)}
        ),
    }
    response = render(
        request,
        "pwa/sw.js",
        {"config": json.dumps(config)},
        content_type="text/javascript; charset=utf-8",
    )
    response["Service-Worker-Allowed"] = "/"
    return response


@login_not_required
@require_GET
def manifest(request):
    return JsonResponse(
        {
            "name": _("Tisseurs de liens"),
            "short_name": _("Tisseurs"),
            "description": _("Noter ses sorties, même sans réseau."),
            "lang": request.LANGUAGE_CODE,
            "start_url": reverse("relais_home"),
            "scope": "/",
            "display": "standalone",
            "background_color": "#ffffff",
            "theme_color": "#0b5563",
            "icons": [
                {
                    "src": static(f"img/icon-{size}.png"),
                    "sizes": f"{size}x{size}",
                    "type": "image/png",
                    "purpose": "any maskable",
                }
                for size in (192, 512)
            ],
        },
        content_type="application/manifest+json",
        json_dumps_params={"ensure_ascii": False},
    )
