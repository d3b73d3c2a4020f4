"""Demo data of the prestations app for `manage.py load_demo`.

- `load`: outings and anonymous situations (idempotent: a relais who already has
  prestations is left alone);
- `load_fiches`: five months of monthly fiches in every state, with their lines.
"""

import random
from datetime import date, time, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils import timezone

from prestations.models import (
    DefraiementLine,
    DefraiementSetting,
    FicheMensuelle,
    Kind,
    KmRate,
    Orientation,
    OtherOrganisationAmount,
    Place,
    Prestation,
    Situation,
    TravelMode,
    month_start,
)
from prestations.models.prestation import new_pseudonymous_code
from prestations.services import derived, payment
from prestations.services import fiche as fiche_services
from relais.models import Regime, Relais, RelaisRegime
from ressources.models import Service, Theme

# The languages each demo relais speaks with residents (docs/domain.md §4).
LANGUAGES = {
    "relais1": ["ar", "ary", "fr"],
    "relais2": ["tr", "fr"],
    "relais3": ["bg", "rom", "tr"],
    "relais4": ["ro", "fr"],
    "relais5": ["fr", "en"],
    "relais6": ["nl", "fr"],
    "relais7": ["rif", "ar", "fr"],
    "relais8": ["ln", "fr"],
}
OTHER_ORIENTATIONS = [
    "CPAS de Schaerbeek",
    "Maison médicale du quartier",
    "Épicerie sociale",
    "Permanence logement de la commune",
    "Pharmacie de la place",
]
NOTES = [
    "Cherche un médecin qui parle sa langue.",
    "Courrier du bailleur pas compris, expliqué ensemble.",
    "Se sent seule depuis l'hiver.",
    "",
    "",
]
SLOTS = [
    (Kind.PERMANENCE, Place.FIXED, time(9, 30), time(12, 30)),
    (Kind.OUTREACH_ROUND, Place.MOBILE, time(14, 0), time(17, 0)),
    (Kind.OUTREACH_ROUND, Place.OUTREACH, time(10, 0), time(12, 0)),
    (Kind.ACCOMPANIMENT, Place.PARTNER, time(9, 0), time(11, 0)),
    (Kind.ACTIVITY, Place.FIXED, time(13, 30), time(16, 30)),
    (Kind.OTHER, Place.HOME, None, None),
    (Kind.INTERVISION, Place.FIXED, time(18, 0), time(20, 0)),
    (Kind.NETWORK, Place.PARTNER, time(10, 0), time(12, 0)),
]


def load(*, relais: dict[str, Relais], today: date | None = None) -> int:
    """About three months of outings for each demo relais, on the days their
    legal file lets them work (never in the future); returns how many were
    created."""
    today = today or timezone.localdate()
    themes = list(Theme.objects.filter(is_active=True))
    services = list(Service.objects.filter(status=Service.Status.ACTIVE))
    start = month_start(month_start(today) - timedelta(days=62))
    created = 0
    for username, profile in sorted(relais.items()):
        if Prestation.objects.for_relais(profile).exists():
            continue
        rng = random.Random(username)  # nosec B311 # demo data, not a secret
        day = start + timedelta(days=rng.randrange(3))
        codes: list[str] = []
        while day <= today:
            if day.weekday() < 6 and profile.can_work_on(day).ok:
                created += 1
                _outing(profile, day, rng, themes, services, codes, username, today)
            day += timedelta(days=rng.choice([2, 3, 4]))
    return created


def _outing(profile, day, rng, themes, services, codes, username, today):
    kind, place, start, end = rng.choice(SLOTS)
    travel = rng.choice([TravelMode.NONE] * 4 + [TravelMode.PUBLIC_TRANSPORT])
    prestation = Prestation.objects.create(
        relais=profile,
        date=day,
        kind=kind,
        place=place,
        start_time=start,
        end_time=end,
        duration_minutes=None if start else 90,
        people_met=rng.randint(1, 15),
        travel_mode=travel,
        travel_ticket_amount="2.60" if travel == TravelMode.PUBLIC_TRANSPORT else None,
    )
    if kind in (Kind.INTERVISION, Kind.NETWORK, Kind.TRAINING):
        return
    for _ in range(rng.choice([0, 1, 1, 2, 3])):
        returning = bool(codes) and rng.random() < 0.25
        code = rng.choice(codes) if returning else ""
        if not returning and rng.random() < 0.2:
            code = new_pseudonymous_code()
            codes.append(code)
        situation = Situation.objects.create(
            prestation=prestation,
            age_band=rng.choice(["18-25", "26-64", "26-64", "65+", "unknown"]),
            gender=rng.choice(["f", "f", "m", "na"]),
            language=rng.choice(LANGUAGES.get(username, ["fr"])),
            is_first_contact=not returning,
            follow_up_needed=rng.random() < 0.3,
            code=code,
            note=rng.choice(NOTES),
            person_informed=True,
        )
        if themes:
            situation.themes.set(
                rng.sample(themes, k=min(len(themes), rng.randint(1, 2)))
            )
        if rng.random() < 0.6:
            old = (today - day).days > 14
            Orientation.objects.create(
                situation=situation,
                service=rng.choice(services) if services else None,
                other_text="" if services else rng.choice(OTHER_ORIENTATIONS),
                is_accompanied=rng.random() < 0.3,
                outcome=rng.choice(["reached", "reached", "not_reached", "unknown"])
                if old
                else "unknown",
            )


# --- Fiches ------------------------------------------------------------------------

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
            if mode == TravelMode.CAR and not _car_rate_known(day):
                # No car trip where no km rate is in force: the demo obeys it.
                mode, km = TravelMode.BIKE, Decimal("4.0")
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


def _car_rate_known(day: date) -> bool:
    setting = DefraiementSetting.objects.in_force_on(day)
    return bool(
        setting
        and KmRate.objects.filter(system=setting.km_rate_system).in_force_on(day)
    )


def _pay(months: list[date], direction) -> None:
    """Produce each month's SEPA file and mark it paid today, as direction does;
    a month whose file cannot be made (a bank detail missing) stays validated."""
    for month in months:
        try:
            payment_file = payment.payment_file_issue(month=month, by=direction)
            payment.payment_file_mark_paid(
                payment_file=payment_file, paid_on=timezone.localdate(), by=direction
            )
        except ValidationError:
            continue


def _real_cost(fiche: FicheMensuelle, user) -> None:
    day = fiche.month + timedelta(days=8)
    if day >= timezone.localdate() or not fiche.relais.can_work_on(day).ok:
        return
    derived.defraiement_claim_add(
        fiche=fiche,
        by=user,
        kind=DefraiementLine.Kind.REAL_COST,
        day=day,
        amount=Decimal("14.80"),
        purpose="Photocopies des dépliants",
        receipt=ContentFile(b"demo receipt", name="ticket-demo.txt"),
    )


def load_fiches(*, relais: dict[str, Relais], users: dict) -> None:
    """Five months of fiches of relais1…relais8, in every state (draft, submitted,
    returned, validated, reopened, paid). Idempotent: a fiche that already exists
    is left as it is."""
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
            fiche = fiche_services.fiche_for(relais=profile, month=month)
            derived.fiche_sync_lines(fiche=fiche, by=user)
            if profile.regime_for(month.year) == Regime.FRAIS_REELS:
                _real_cost(fiche, user)
            if offset == 0 or (offset == 1 and seed >= 5):
                continue  # draft
            fiche_services.fiche_submit(fiche=fiche, by=user)
            if offset == 1:
                if seed == 4:
                    fiche_services.fiche_return(
                        fiche=fiche,
                        by=coordination,
                        comment="Le trajet en voiture du 12 : d'où à où ?",
                    )
                continue
            fiche_services.fiche_validate(fiche=fiche, by=coordination)
            if offset == 2 and seed == 2:
                fiche_services.fiche_reopen(
                    fiche=fiche, by=coordination, reason="Une prestation manque."
                )
    # The two oldest months are paid, each through its SEPA file; the third
    # oldest stays validated, waiting for direction.
    _pay(sorted(months)[:2], direction)
