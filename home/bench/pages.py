"""The pages the benchmark drives, each as the user who uses it, and the target ratio
to the bare view (README, "Speed")."""

from dataclasses import dataclass

RELAIS_TARGET = 15
STAFF_TARGET = 30
REPORT_TARGET = 100


@dataclass(frozen=True)
class Page:
    username: str
    path: str  # "{rapport}" stands for the bench report's id
    target: int  # the page must reach at least 1/target of the bare view's req/s

    def url(self, rapport_id: int) -> str:
        return self.path.format(rapport=rapport_id)


PAGES = [
    Page("relais1", "/aujourdhui/", RELAIS_TARGET),
    Page("relais1", "/prestations/sortie/", RELAIS_TARGET),
    Page("relais1", "/prestations/mes-sorties/", RELAIS_TARGET),
    Page("relais1", "/ressources/?q=logement", RELAIS_TARGET),
    Page("relais1", "/activites/mon-planning/", RELAIS_TARGET),
    Page("relais1", "/prestations/mon-mois/", RELAIS_TARGET),
    Page("relais1", "/activites/places-libres/", RELAIS_TARGET),
    Page("relais1", "/relais/moi/", RELAIS_TARGET),
    Page("coordination", "/coordination/", STAFF_TARGET),
    Page("coordination", "/prestations/fiches/", STAFF_TARGET),
    Page("coordination", "/prestations/situations/", STAFF_TARGET),
    Page("coordination", "/prestations/liste/", STAFF_TARGET),
    Page("coordination", "/relais/", STAFF_TARGET),
    Page("coordination", "/activites/agenda/", STAFF_TARGET),
    Page("coordination", "/activites/agenda/semaine/", STAFF_TARGET),
    Page("direction", "/direction/", STAFF_TARGET),
    Page("direction", "/prestations/paiements/", STAFF_TARGET),
    Page("coordination", "/rapports/", REPORT_TARGET),
    Page("coordination", "/rapports/comite/{rapport}/apercu.pdf", REPORT_TARGET),
    Page("comite", "/comite/", STAFF_TARGET),
]
