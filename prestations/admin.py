from prestations import fiche_admin  # noqa: F401
