"""What the relais pages share: the scoped getter and the one form page."""

from django.shortcuts import render

from relais.models import Relais
from tisseurs.access import get_scoped_or_404

PAGE_SIZE = 50
FORM_TEMPLATE = "relais/form.html"


def relais_or_404(request, pk) -> Relais:
    return get_scoped_or_404(Relais.objects.all(), request.user, relais_field="", pk=pk)


def form_page(request, form, *, title, cancel_url, relais=None, multipart=False):
    return render(
        request,
        FORM_TEMPLATE,
        {
            "form": form,
            "title": title,
            "cancel_url": cancel_url,
            "relais": relais,
            "multipart": multipart,
        },
    )
