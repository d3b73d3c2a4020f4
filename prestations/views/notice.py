"""The residents' privacy notice ("Vos données"): a page the relais shows on the
phone, and its PDF to print or hand over, in each language of prestations/notice/."""

from django.conf import settings
from django.shortcuts import render
from django.utils import timezone, translation

from prestations.models import LegalParameter
from prestations.notice import NOTICES
from tisseurs.downloads import download
from tisseurs.params import choice_param
from tisseurs.pdf import render_pdf
from tisseurs.roles import COORDINATION, DIRECTION, RELAIS, role_required

# Everyone who meets residents or answers their questions.
NOTICE_ROLES = (RELAIS, COORDINATION, DIRECTION)


def retention_months() -> int:
    """The situations' retention period in force today (the legal parameters), or
    the field's default when no parameter is in force yet."""
    parameter = LegalParameter.objects.in_force_on(timezone.localdate())
    if parameter is not None:
        return parameter.situation_retention_months
    return LegalParameter._meta.get_field("situation_retention_months").default


def _notice_context(request) -> dict:
    interface = translation.get_language() or "fr"
    default = interface if interface in NOTICES else "fr"
    notice = NOTICES[choice_param(request, "lang", NOTICES, default)]
    return {
        "notice": notice,
        "sections": notice.sections_for(months=retention_months()),
        "contact": settings.PRIVACY_CONTACT,
        "notices": NOTICES.values(),
    }


@role_required(*NOTICE_ROLES)
def privacy_notice(request):
    """The notice in the resident's language (`?lang=`), to read on the phone."""
    return render(request, "prestations/privacy_notice.html", _notice_context(request))


@role_required(*NOTICE_ROLES)
def privacy_notice_pdf(request):
    """The same notice as an A4 PDF, to print or send."""
    context = _notice_context(request)
    notice = context["notice"]
    pdf = render_pdf("privacy_notice.html", context, language=notice.language)
    return download(pdf, filename=f"vos-donnees-{notice.language}.pdf", inline=True)
