from django.contrib import admin
from import_export.admin import ExportMixin

from prestations.models import Orientation, Prestation, Situation
from prestations.resources import PrestationResource


@admin.register(Prestation)
class PrestationAdmin(ExportMixin, admin.ModelAdmin):
    resource_classes = [PrestationResource]
    list_display = ["date", "relais", "kind", "place", "people_met", "travel_mode"]
    list_filter = ["kind", "place", "travel_mode", "date"]
    date_hierarchy = "date"
    list_select_related = ["relais"]
    search_fields = ["relais__first_name", "relais__last_name"]
    raw_id_fields = ["relais", "activite"]


class OrientationInline(admin.TabularInline):
    model = Orientation
    extra = 0
    raw_id_fields = ["service"]
    readonly_fields = ["outcome_updated_at", "outcome_updated_by"]


@admin.register(Situation)
class SituationAdmin(admin.ModelAdmin):
    list_display = ["prestation", "age_band", "language", "follow_up_needed", "code"]
    list_filter = ["language", "age_band", "follow_up_needed", "themes"]
    list_select_related = ["prestation__relais"]
    raw_id_fields = ["prestation"]
    readonly_fields = ["code", "anonymised_at"]
    filter_horizontal = ["themes"]
    inlines = [OrientationInline]
