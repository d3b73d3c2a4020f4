"""Coordination sets a relais' défraiement regime of a year, from the relais file.

The page is the relais file; the rule (locked once a line of the year exists) is
in `prestations/services/regime.py`, which is why the form posts here.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from prestations.services.regime import regime_set as regime_set_service
from relais.forms import RegimeForm
from relais.models import Relais, RelaisRegime
from tisseurs.access import get_scoped_or_404
from tisseurs.flash import flash_errors
from tisseurs.roles import COORDINATION, role_required


@role_required(COORDINATION)
@require_POST
def regime_set(request, pk):
    relais = get_scoped_or_404(
        Relais.objects.all(), request.user, relais_field="", pk=pk
    )
    form = RegimeForm(request.POST, instance=RelaisRegime(relais=relais))
    try:
        if not form.is_valid():
            raise ValidationError(
                [e for field_errors in form.errors.values() for e in field_errors]
            )
        regime_set_service(relais=relais, by=request.user, **form.cleaned_data)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, _("Le régime de défraiement est enregistré."))
    return redirect(relais)
