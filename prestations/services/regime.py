"""The défraiement regime of a relais for a year, locked once money is on record.

Forfait and real costs never mix in one year (loi du 3 juillet 2005, art. 10;
docs/domain.md §1.5). The regime is a fact of the relais file, but whether it may
still change depends on the défraiement lines, which live here: the relais file's
form posts to this service.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from prestations.models import DefraiementLine, FicheMensuelle
from prestations.services.derived import fiches_sync_for
from relais.models import Regime, Relais, RelaisRegime, RelaisRegimeChange


def regime_lock_error(*, year: int, regime: str, lines: int) -> ValidationError:
    return ValidationError(
        ngettext(
            "Le régime de %(year)s (%(regime)s) ne peut plus changer : %(count)d "
            "ligne de défraiement de %(year)s existe déjà. Forfait et frais réels "
            "ne se combinent pas dans une même année (loi du 3 juillet 2005, "
            "art. 10).",
            "Le régime de %(year)s (%(regime)s) ne peut plus changer : %(count)d "
            "lignes de défraiement de %(year)s existent déjà. Forfait et frais "
            "réels ne se combinent pas dans une même année (loi du 3 juillet "
            "2005, art. 10).",
            lines,
        )
        % {"year": year, "regime": Regime(regime).label, "count": lines},
        code="regime_locked",
    )


@transaction.atomic
def regime_set(
    *, relais: Relais, year: int, regime: str, by, reason: str = ""
) -> RelaisRegime:
    """Record the regime `relais` chose for `year`. A first choice needs no reason;
    a correction needs one and is refused once a line of the year exists. Each
    choice is logged (who, when, why); the open fiches of the year then derive
    their lines under the new regime."""
    Relais.objects.select_for_update().filter(pk=relais.pk).first()
    current = RelaisRegime.objects.filter(relais=relais, year=year).first()
    if current and current.regime == regime:
        return current
    if current:
        lines = DefraiementLine.objects.of_relais_year(relais, year).count()
        if lines:
            raise regime_lock_error(year=year, regime=current.regime, lines=lines)
        if not reason.strip():
            raise ValidationError(
                _("Dites pourquoi le régime de %(year)s est corrigé.") % {"year": year},
                code="reason",
            )
    choice, _created = RelaisRegime.objects.update_or_create(
        relais=relais, year=year, defaults={"regime": regime}
    )
    RelaisRegimeChange.objects.create(
        relais=relais,
        year=year,
        from_regime=current.regime if current else "",
        to_regime=regime,
        reason=reason.strip(),
        changed_by=by,
    )
    # `regime_for` must read the new choice, not a prefetched one.
    getattr(relais, "_prefetched_objects_cache", {}).pop("regimes", None)
    months = FicheMensuelle.objects.filter(relais=relais, month__year=year).values_list(
        "month", flat=True
    )
    fiches_sync_for(relais=relais, months=list(months), by=by)
    return choice
