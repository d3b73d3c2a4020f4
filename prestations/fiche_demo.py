"""Demo monthly sheets for `manage.py load_demo`: five months of relais1…relais8, in
every state (draft, submitted, returned, validated, reopened, paid). Idempotent: a
sheet that already exists is left as it is."""

from datetime import date, time, timedelta
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from prestations.models import (
    DefraiementLine,
    DefraiementSetting,
    FicheMensuelle,
    OtherOrganisationAmount,
    Prestation,
    TravelMode,
    month_start,
)
from prestations.services import fiche as services
from relais.models import Regime, Relais, RelaisRegime

TRAVEL = [
    (TravelMode.NONE, None, None),
    (TravelMode.BIKE, Decimal("4.0"), None),
    (TravelMode.PUBLIC_TRANSPORT, None, Decimal("2.60")),
    (TravelMode.NONE, None, None),
    (TravelMode.CAR, Decimal("12.0"), None),
]


def _months(today: date, count: int = 5) -> list[date]:
    months = [month_start(today)]
    for _index in range(count - 1):
        months.append(month_start(months[-1] - timedelta(days=1)))
    return months  # newest first


def _demo_prestations(relais: Relais, month: date, seed: int) -> None:
    """A few prestations of our own when the month has none, on days the relais
    can work (two weekdays a week, before today)."""
    if Prestation.objects.for_relais(relais).in_month(month).exists():
        return
    today = timezone.localdate()
    day, made = month, 0
    while day.month == month.month and day < today and made < 6:
        if day.weekday() in ((seed % 3), (seed % 3) + 2) and relais.can_work_on(day).ok:
            mode, km, ticket = TRAVEL[(seed + made) % len(TRAVEL)]
            Prestation.objects.get_or_create(
                relais=relais,
                date=day,
                start_time=time(14, 0),
                defaults={
                    "end_time": time(17, 0),
                    "travel_mode": mode,
                    "travel_km": km,
                    "travel_ticket_amount": ticket,
                },
            )
            made += 1
        day += timedelta(days=1)


def _real_cost(fiche: FicheMensuelle, user) -> None:
    day = fiche.month + timedelta(days=8)
    if day >= timezone.localdate():
        return
    services.defraiement_line_add(
        fiche=fiche,
        by=user,
        kind=DefraiementLine.Kind.REAL_COST,
        day=day,
        amount=Decimal("14.80"),
        purpose="Photocopies des dépliants",
        receipt=ContentFile(b"demo receipt", name="ticket-demo.txt"),
    )


def load(*, relais: dict[str, Relais], users: dict) -> None:
    coordination, direction = users["coordination"], users["direction"]
    today = timezone.localdate()
    months = _months(today)
    DefraiementSetting.objects.filter(payer_iban="").update(
        payer_name="Tisseurs de liens ASBL", payer_iban="BE62510007547061"
    )
    # The relais demo chooses each relais' regime; any year it left open is forfait.
    for year in {m.year for m in months}:
        for profile in relais.values():
            RelaisRegime.objects.get_or_create(
                relais=profile, year=year, defaults={"regime": Regime.FORFAIT}
            )
    OtherOrganisationAmount.objects.get_or_create(
        relais=relais["relais2"],
        year=today.year,
        organisation="Club de football du quartier",
        defaults={"amount": Decimal("1200.00")},
    )
    for seed, (_username, profile) in enumerate(sorted(relais.items())):
        user = profile.user
        for offset, month in enumerate(months):
            if FicheMensuelle.objects.filter(relais=profile, month=month).exists():
                continue
            _demo_prestations(profile, month, seed)
            fiche = services.fiche_for(relais=profile, month=month)
            services.fiche_generate_lines(fiche=fiche, by=user)
            if profile.regime_for(month.year) == Regime.FRAIS_REELS:
                _real_cost(fiche, user)
            if offset == 0 or (offset == 1 and seed >= 5):
                continue  # draft
            services.fiche_submit(fiche=fiche, by=user)
            if offset == 1:
                if seed == 4:
                    services.fiche_return(
                        fiche=fiche,
                        by=coordination,
                        comment="Le trajet en voiture du 12 : d'où à où ?",
                    )
                continue
            services.fiche_validate(fiche=fiche, by=coordination)
            if offset == 2 and seed == 2:
                services.fiche_reopen(
                    fiche=fiche, by=coordination, reason="Une prestation manque."
                )
            elif offset == 4 or (offset == 3 and seed % 2 == 0):
                services.fiche_mark_paid(fiche=fiche, by=direction)
