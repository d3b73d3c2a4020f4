"""Models of the prestations app, one module per part (docs/conventions.md §1:
past 600 lines a module becomes a package).

- `prestation.py`: prestations and what relais note during them (situations…);
- `fiche.py`: monthly fiches and their défraiement lines;
- `legal.py`: legal parameters, km rates and the organisation's settings, dated;
- `payment.py`: the SEPA payment files, one per batch of fiches paid.
"""

from prestations.models.fiche import (
    DefraiementLine,
    FicheDocument,
    FicheMensuelle,
    FicheMensuelleQuerySet,
    FicheTransition,
    OtherOrganisationAmount,
    month_start,
)
from prestations.models.legal import (
    DefraiementSetting,
    KmRate,
    KmRateSystem,
    LegalParameter,
)
from prestations.models.payment import PaymentFile, PaymentFileQuerySet
from prestations.models.prestation import (
    Kind,
    Orientation,
    Place,
    Prestation,
    PrestationQuerySet,
    Situation,
    SituationFollowUp,
    TravelMode,
    receipt_upload_to,
)

__all__ = [
    "DefraiementLine",
    "DefraiementSetting",
    "FicheDocument",
    "FicheTransition",
    "KmRate",
    "KmRateSystem",
    "LegalParameter",
    "OtherOrganisationAmount",
    "PaymentFile",
    "PaymentFileQuerySet",
    "FicheMensuelle",
    "FicheMensuelleQuerySet",
    "Kind",
    "Orientation",
    "Place",
    "Situation",
    "SituationFollowUp",
    "Prestation",
    "PrestationQuerySet",
    "TravelMode",
    "month_start",
    "receipt_upload_to",
]
