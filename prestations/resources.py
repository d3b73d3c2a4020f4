"""django-import-export resources (export for accounting). Fields are listed
explicitly: notes and situations never leave through an export."""

from import_export.fields import Field
from import_export.widgets import IntegerWidget

from prestations.models import Prestation
from tisseurs.exports.resources import TypedResource


class PrestationResource(TypedResource):
    relais = Field(column_name="relais")
    minutes = Field(attribute="minutes", column_name="minutes", widget=IntegerWidget())

    class Meta:
        model = Prestation
        fields = (
            "id",
            "relais",
            "date",
            "start_time",
            "end_time",
            "minutes",
            "place",
            "kind",
            "people_met",
            "travel_mode",
            "travel_km",
            "travel_ticket_amount",
        )

    def get_queryset(self):
        return super().get_queryset().select_related("relais")

    def dehydrate_relais(self, prestation: Prestation) -> str:
        return prestation.relais.display_name
