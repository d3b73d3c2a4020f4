"""Coordination generates a relais' volunteer agreement as a PDF, from the relais
file. The view is here because the PDF prints the organisation's settings, which
`prestations/` owns (`prestations/services/agreement.py`)."""

from prestations.services.agreement import convention_pdf as convention_pdf_service
from relais.models import Convention
from tisseurs.access import get_scoped_or_404
from tisseurs.downloads import download
from tisseurs.i18n import user_language
from tisseurs.roles import COORDINATION, role_required


@role_required(COORDINATION)
def convention_pdf(request, pk):
    """The agreement in the relais' language (French when they have none), whoever
    clicks."""
    convention = get_scoped_or_404(
        Convention.objects.select_related("relais__user").prefetch_related(
            "relais__regimes"
        ),
        request.user,
        pk=pk,
    )
    language = user_language(convention.relais.user)
    pdf = convention_pdf_service(convention=convention, language=language)
    return download(
        pdf,
        filename=f"convention-{convention.relais_id}-{convention.pk}-{language}.pdf",
        inline=True,
    )
