"""Models of the prestations app, one module per part (docs/conventions.md §1:
past 600 lines a module becomes a package).

- `prestation.py`: prestations and what relais note during them (situations…);
- `fiche.py`: monthly fiches, défraiement lines, legal parameters;
- `payment.py`: the SEPA payment files, one per batch of fiches paid.
"""

from prestations.models.fiche import (
    DefraiementLine,
    DefraiementSetting,
    FicheDocument,
    FicheMensuelle,
    FicheMensuelleQuerySet,
    FicheTransition,
    KmRate,
    KmRateSystem,
    LegalParameter,
    OtherOrganisationAmount,
    month_start,
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
