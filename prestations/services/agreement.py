"""The volunteer agreement (convention de volontariat) as a PDF to print and sign.

It lives here rather than in `relais/` because it prints the organisation's name
and forfait from `DefraiementSetting`, which `prestations/` owns; the agreement,
the regime, the insurance and the note are read from `relais/` below.
"""

from prestations.models import DefraiementSetting
from relais.models import Convention, InsurancePolicy, NoteVersion, Regime
from tisseurs.pdf import render_pdf

# The organisation's name when its settings do not give one (the project's name).
ORGANISATION_NAME = "Tisseurs de liens de quartier"


def convention_pdf_context(*, convention: Convention) -> dict:
    """What the agreement of `convention` prints: the organisation, the relais, the
    dates, the regime of the starting year, the insurance and the note in force."""
    relais = convention.relais
    start = convention.start_date
    setting = DefraiementSetting.objects.in_force_on(start)
    # The organisation's name is the latest one written (the payer of the SEPA
    # files), whatever the date the agreement starts.
    named = (
        DefraiementSetting.objects.exclude(payer_name="")
        .order_by("-valid_from")
        .first()
    )
    policy = next(
        (
            policy
            for policy in InsurancePolicy.objects.filter(
                kind=InsurancePolicy.Kind.CIVIL_LIABILITY
            )
            if policy.covers(start)
        ),
        None,
    )
    regime = relais.regime_for(start.year)
    return {
        "convention": convention,
        "relais": relais,
        "organisation": named.payer_name if named else ORGANISATION_NAME,
        "forfait_amount": setting.forfait_amount if setting else None,
        "forfait": regime == Regime.FORFAIT,
        "frais_reels": regime == Regime.FRAIS_REELS,
        "year": start.year,
        "policy": policy,
        "note": NoteVersion.objects.current(),
    }


def convention_pdf(*, convention: Convention, language: str) -> bytes:
    """The agreement of `convention` in `language` (the relais' own language)."""
    return render_pdf(
        "relais_convention.html",
        convention_pdf_context(convention=convention),
        language=language,
    )
