"""Load (or refresh) the demo data: accounts for every role and each app's demo set.

Idempotent: running it twice gives the same data. Refuses to run with DEBUG off
unless a password is given explicitly, so a production database never gets
accounts with the well-known demo password.
"""

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from activites import demo as activites_demo
from home import demo as home_demo
from prestations import demo as prestations_demo
from relais import demo as relais_demo
from relais.demo import DEMO_RELAIS
from ressources import demo as ressources_demo
from tisseurs.accounts.models import User
from tisseurs.roles import COMITE, COORDINATION, DIRECTION, RELAIS

ADMIN = "admin"
STAFF = [
    ("coordination", COORDINATION, "Camille", "Dubois"),
    ("direction", DIRECTION, "Luc", "Janssens"),
    ("comite", COMITE, "Comité", "de pilotage"),
]


class Command(BaseCommand):
    help = "Charge les données de démonstration (comptes, relais, ressources…)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--password",
            help="Mot de passe des comptes de démonstration (par défaut : demo, "
            "seulement avec DEBUG actif).",
        )

    def handle(self, *args, password=None, **options):
        if password is None:
            if not settings.DEBUG:
                raise CommandError(
                    "DEBUG est désactivé : donnez --password pour charger la démo."
                )
            password = "demo"  # nosec B105 # the documented demo password, DEBUG only
        with transaction.atomic():
            users = self._users(password)
            relais = relais_demo.load(users=users)
            ressources_demo.load(users=users)
            activites_demo.load(relais=relais)
            prestations_demo.load(relais=relais)
            prestations_demo.load_fiches(relais=relais, users=users)
            home_demo.load(relais=relais, users=users)
        self.stdout.write(self.style.SUCCESS("Données de démonstration chargées."))
        self.stdout.write(
            f"Comptes (mot de passe « {password} ») : "
            + ", ".join(sorted(users, key=_account_order))
        )

    def _users(self, password: str) -> dict[str, User]:
        accounts = list(STAFF) + [
            (username, RELAIS, first, last)
            for username, first, last, _preferred, _language in DEMO_RELAIS
        ]
        languages = {username: language for username, *_rest, language in DEMO_RELAIS}
        users = {}
        for username, role, first, last in accounts:
            user, _created = User.objects.get_or_create(username=username)
            user.first_name, user.last_name = first, last
            user.email = f"{username}@tisseurs.example"
            user.language = languages.get(username, "")
            user.set_password(password)
            user.save()
            user.groups.set([Group.objects.get(name=role)])
            users[username] = user
        users[ADMIN] = self._admin(password)
        return users

    def _admin(self, password: str) -> User:
        """`admin`: a staff account for the Django admin (/admin/), with no role in
        the app itself."""
        user, _created = User.objects.get_or_create(username=ADMIN)
        user.first_name, user.last_name = "Admin", "Démo"
        user.email = f"{ADMIN}@tisseurs.example"
        user.is_staff = user.is_superuser = True
        user.set_password(password)
        user.save()
        user.groups.clear()
        return user


def _account_order(username: str) -> tuple[int, str]:
    return (username.startswith("relais"), username)
