"""Demo activities for `manage.py load_demo` (idempotent): a month around today at
the two contact points, with rosters and the fréquentation of the past ones."""

from datetime import time, timedelta

from django.db import transaction
from django.utils import timezone

from activites.models import (
    Activite,
    Affectation,
    ContactPoint,
    Frequentation,
    Serie,
    Stop,
)
from activites.services import local_datetime, serie_days
from ressources.models import Organization, Theme

STOPS = [
    # name, latitude, longitude, usual times
    ("Place Liedts", "50.861000", "4.363900", "Le mercredi matin"),
    ("Parvis Saint-Servais", "50.860300", "4.377600", "Le vendredi après-midi"),
    ("Coin rue de Brabant / rue des Palais", "50.858800", "4.361600", "Le samedi"),
]


# The Dutch title and public text of each demo activity (the programme in Dutch);
# the comité keeps only its French title, so the fallback to French shows too.
DUTCH = {
    "Permanence au local": (
        "Permanentie in het lokaal",
        "Onthaal, een luisterend oor en doorverwijzing.",
    ),
    "Petit-déjeuner du quartier": (
        "Buurtontbijt",
        "Een ontbijt dat openstaat voor iedereen.",
    ),
    "Atelier : comprendre ses factures d'énergie": (
        "Workshop: je energiefacturen begrijpen",
        "Met een partner uit het netwerk, in het Frans en het Arabisch.",
    ),
}
DUTCH_ROUND = "De bakfiets komt langs met koffie en informatie."


@transaction.atomic
def load(*, relais: dict) -> None:
    """Create the contact points and a month of activities around today. Running it
    again replaces the demo month (the same titles on the same days)."""
    local, _created = ContactPoint.objects.update_or_create(
        kind=ContactPoint.Kind.FIXED,
        name="Local Tisseurs",
        defaults={
            "address": "Rue de Brabant 112, 1030 Schaerbeek",
            "opening_hours": "Mardi et jeudi de 14 h à 17 h",
        },
    )
    triporteur, _created = ContactPoint.objects.update_or_create(
        kind=ContactPoint.Kind.MOBILE,
        name="Triporteur",
        defaults={"opening_hours": "Trois tournées par semaine"},
    )
    stops = []
    for position, (name, lat, lon, usual) in enumerate(STOPS):
        stop, _created = Stop.objects.update_or_create(
            contact_point=triporteur,
            name=name,
            defaults={
                "latitude": lat,
                "longitude": lon,
                "usual_times": usual,
                "position": position,
            },
        )
        stops.append(stop)

    people = [relais[f"relais{n}"] for n in range(1, 9)]
    today = timezone.localdate()
    first = today - timedelta(days=today.weekday() + 14)
    last = first + timedelta(days=34)
    partner = (
        Organization.objects.filter(is_partner=True).first()
        or (
            Organization.objects.get_or_create(
                name="Maison médicale du Nord", defaults={"is_partner": True}
            )[0]
        )
    )
    themes = {t.code: t for t in Theme.objects.all()}

    plan = []  # (day, start, end, kind, title, where, relais_needed, public text)
    serie = Serie.objects.create(
        weekdays="1,3",
        first_day=first,
        last_day=last,
        start_time=time(14),
        end_time=time(17),
    )
    for day in serie_days(weekdays=[1, 3], first_day=first, last_day=last):
        plan.append(
            (
                day,
                time(14),
                time(17),
                "permanence",
                "Permanence au local",
                {"contact_point": local},
                2,
                "Accueil, écoute et orientation.",
                serie,
            )
        )
    rounds = {2: stops[0], 4: stops[1], 5: stops[2]}
    for weekday, stop in rounds.items():
        for day in serie_days(weekdays=[weekday], first_day=first, last_day=last):
            plan.append(
                (
                    day,
                    time(10),
                    time(12, 30),
                    "round",
                    f"Tournée : {stop.name}",
                    {"contact_point": triporteur, "stop": stop},
                    2,
                    "Le triporteur passe avec du café et des informations.",
                    None,
                )
            )
    plan.append(
        (
            first + timedelta(days=12),
            time(9),
            time(11),
            "breakfast",
            "Petit-déjeuner du quartier",
            {"contact_point": local},
            3,
            "Un petit-déjeuner ouvert à toutes et tous.",
            None,
        )
    )
    plan.append(
        (
            first + timedelta(days=22),
            time(18),
            time(20),
            "workshop",
            "Atelier : comprendre ses factures d'énergie",
            {"contact_point": local},
            2,
            "Avec une partenaire du réseau, en français et en arabe.",
            None,
        )
    )
    plan.append(
        (
            first + timedelta(days=24),
            time(17),
            time(19),
            "comite",
            "Comité de pilotage",
            {"place": "Maison des associations, salle 2"},
            1,
            "",
            None,
        )
    )

    # Reloading replaces the demo month: same titles, same days.
    Activite.objects.filter(
        title_fr__in={row[4] for row in plan},
        start__gte=local_datetime(first, time()),
        start__lt=local_datetime(last + timedelta(days=1), time()),
    ).delete()
    Serie.objects.filter(activites__isnull=True).exclude(pk=serie.pk).delete()
    now = timezone.now()
    for n, (day, start, end, kind, title, where, needed, text, in_serie) in enumerate(
        plan
    ):
        start_at, end_at = local_datetime(day, start), local_datetime(day, end)
        past = end_at < now
        title_nl, text_nl = DUTCH.get(title, ("", ""))
        if title.startswith("Tournée : "):
            title_nl = title.replace("Tournée : ", "Ronde: ")
            text_nl = DUTCH_ROUND
        activite = Activite.objects.create(
            kind=kind,
            title_fr=title,
            title_nl=title_nl,
            start=start_at,
            end=end_at,
            relais_needed=needed,
            description_fr=text,
            description_nl=text_nl,
            serie=in_serie,
            status=Activite.Status.DONE if past else Activite.Status.PLANNED,
            **where,
        )
        if kind == "workshop":
            activite.partners.set([partner])
        theme_code = {"workshop": "revenus-dettes", "breakfast": "isolement"}.get(kind)
        if theme_code in themes:
            activite.themes.set([themes[theme_code]])
        team = [people[(n + k) % 8] for k in range(needed)]
        # Leave some upcoming places open, and one withdrawal, so the gaps show.
        if not past and n % 3 == 0:
            team = team[:-1]
        for k, person in enumerate(team):
            status = Affectation.Status.CONFIRMED
            extra = {"confirmed_at": now}
            if not past and n % 5 == 1 and k == 0:
                status, extra = Affectation.Status.OFFERED, {"offered_at": now}
            if not past and n % 7 == 2 and k == 0:
                status = Affectation.Status.WITHDRAWN
                extra = {"withdraw_reason": "Rendez-vous chez le médecin"}
            Affectation.objects.create(
                activite=activite, relais=person, status=status, **extra
            )
        if past:
            total = 6 + (n * 7) % 19
            frequentation = Frequentation.objects.create(
                activite=activite,
                total=total,
                newcomers=total // 3,
                age_counts={
                    "18-25": total // 4,
                    "26-64": total // 2,
                    "65+": total // 5,
                },
                gender_counts={"f": total // 2, "m": total // 3},
                languages=["fr", "ary", "bg", "tr"][: 1 + n % 4],
                report="Beaucoup de questions sur le logement."
                if kind == "round"
                else "",
                follow_up="Recontacter le CPAS pour deux personnes."
                if n % 4 == 0
                else "",
            )
            if kind == "workshop":
                frequentation.partners_present.set([partner])
