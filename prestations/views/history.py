"""The history tab of a monthly fiche: every change of its défraiement lines (old
→ new, deleted lines included) and of its status, who and when."""

from django.shortcuts import get_object_or_404, render
from django.utils import formats
from django.utils.translation import gettext as _

from prestations.models import DefraiementLine, FicheMensuelle
from tisseurs import history
from tisseurs.roles import COORDINATION, DIRECTION, role_required

Status = FicheMensuelle.Status


def _line_label(record) -> str:
    return _("Ligne %(kind)s du %(day)s") % {
        "kind": DefraiementLine.Kind(record.kind).label,
        "day": formats.date_format(record.date, "SHORT_DATE_FORMAT"),
    }


def _status_entries(fiche) -> list[history.Entry]:
    found = []
    for transition in fiche.transitions.select_related("by"):
        changes = [
            history.Change(
                _("statut"),
                Status(transition.from_status).label,
                Status(transition.to_status).label,
            )
        ]
        if transition.comment:
            changes.append(history.Change(_("commentaire"), "—", transition.comment))
        found.append(
            history.Entry(
                at=transition.at,
                by=transition.by,
                what=_("Fiche"),
                action=str(history.ACTIONS["~"]),
                changes=changes,
            )
        )
    return found


@role_required(COORDINATION, DIRECTION)
def fiche_history(request, pk):
    fiche = get_object_or_404(FicheMensuelle.objects.select_related("relais"), pk=pk)
    return render(
        request,
        "prestations/fiche_history.html",
        {
            "fiche": fiche,
            "history_entries": history.merged(
                history.entries(
                    DefraiementLine.history.filter(fiche_id=fiche.pk),
                    describe=_line_label,
                ),
                _status_entries(fiche),
            ),
        },
    )
