"""One relais with a bit of everything, for the page-by-page browser checks."""

from datetime import timedelta

from django.utils import timezone

from home.models import Message, MessageRecipient
from prestations.models import DefraiementLine, Orientation, Situation
from tests.browser.conftest import PASSWORD
from tests.factories.activites import make_activite, make_affectation
from tests.factories.prestations import make_fiche, make_prestation
from tests.factories.relais import (
    make_document,
    make_formation,
    make_formation_attendance,
    make_relais,
)
from tests.factories.ressources import make_service


def relais_world():
    """Aïcha: an outing today with a situation oriented to a long-named service,
    an expense line in an open month, an activity tomorrow, an unread message from
    the coordination. Returns the relais,
    the outing, the situation and the line."""
    today = timezone.localdate()
    relais = make_relais(first_name="Aïcha", last_name="Benali")
    relais.user.set_password(PASSWORD)
    relais.user.save()
    service = make_service(
        name="Service d'accompagnement social et administratif des locataires"
    )
    prestation = make_prestation(relais=relais, date=today, people_met=4)
    situation = Situation.objects.create(
        prestation=prestation, language="ar", follow_up_needed=True, code="K7Q2"
    )
    Orientation.objects.create(situation=situation, service=service)
    Orientation.objects.create(
        situation=situation, other_text="Épicerie sociale de la rue Josaphat"
    )
    fiche = make_fiche(relais=relais, month=today)
    line = DefraiementLine.objects.create(
        fiche=fiche, kind="transport", date=today, amount="2.10"
    )
    activite = make_activite(start=None)
    make_affectation(activite, relais)
    make_activite(title="Permanence du jeudi", start=None, relais_needed=3)
    message = Message.objects.create(
        subject="Intervision de décembre : inscriptions",
        text="Rendez-vous au local, https://tisseurs.example/intervision-decembre-2026",
    )
    MessageRecipient.objects.create(message=message, relais=relais)
    # "Mes formations" with a presence and an excused absence; "Mes documents"
    # with a residence permit copy that expires within 30 days.
    make_formation_attendance(make_formation(title="Écoute active"), relais)
    make_formation_attendance(
        make_formation(title="Secret professionnel et RGPD"),
        relais,
        status="excused",
        hours=0,
    )
    make_document(
        relais,
        title="Titre de séjour (copie)",
        expires_on=today + timedelta(days=20),
    )
    return relais, prestation, situation, line
