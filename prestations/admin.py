"""Admin of the prestations app. Prestations, lines and fiches change through the
services (the app's pages); the admin calls them or shows what they own read-only,
and exports for accounting."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from import_export import fields, widgets
from import_export.admin import ExportMixin
from simple_history.admin import SimpleHistoryAdmin

from prestations.models import (
    DefraiementLine,
    DefraiementSetting,
    FicheDocument,
    FicheMensuelle,
    FicheTransition,
    KmRate,
    LegalParameter,
    Orientation,
    OtherOrganisationAmount,
    PaymentFile,
    Prestation,
    Situation,
)
from prestations.resources import PrestationResource
from prestations.services import legal
from prestations.services import prestation as prestation_services
from tisseurs.exports.resources import TypedResource
from tisseurs.forms import BicField, IbanField


def _month_is_open(prestation: Prestation | None) -> bool:
    return prestation is None or prestation_services.month_is_open(
        relais=prestation.relais, day=prestation.date
    )


class PrestationAdminForm(forms.ModelForm):
    """Runs the service's rules (open month, may work that day, confirmed activity)
    so a refusal shows on the form; `save_model` then saves through the service."""

    class Meta:
        model = Prestation
        fields = [
            "relais",
            "date",
            "start_time",
            "end_time",
            "activite",
            "place",
            "kind",
            "duration_minutes",
            "people_met",
            "note",
            "travel_mode",
            "travel_km",
            "travel_ticket_amount",
            "travel_receipt",
        ]

    def _post_clean(self):
        super()._post_clean()
        if not self.errors:
            try:
                prestation_services.prestation_check(prestation=self.instance)
            except ValidationError as error:
                self.add_error(None, error)


@admin.register(Prestation)
class PrestationAdmin(ExportMixin, admin.ModelAdmin):
    form = PrestationAdminForm
    resource_classes = [PrestationResource]
    list_display = ["date", "relais", "kind", "place", "people_met", "travel_mode"]
    list_filter = ["kind", "place", "travel_mode", "date"]
    date_hierarchy = "date"
    list_select_related = ["relais"]
    search_fields = ["relais__first_name", "relais__last_name"]
    raw_id_fields = ["relais", "activite"]

    def save_model(self, request, obj, form, change):
        prestation_services.prestation_save(prestation=obj, by=request.user)

    def delete_model(self, request, obj):
        prestation_services.prestation_delete(prestation=obj, by=request.user)

    def has_delete_permission(self, request, obj=None):
        """Not in a sent or validated month (its fiche counts the prestation)."""
        return super().has_delete_permission(request, obj) and _month_is_open(obj)

    def get_actions(self, request):
        # The bulk delete would skip the service's month check.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions


class OrientationInline(admin.TabularInline):
    model = Orientation
    extra = 0
    raw_id_fields = ["service"]
    readonly_fields = ["outcome_updated_at", "outcome_updated_by"]


@admin.register(Situation)
class SituationAdmin(admin.ModelAdmin):
    """Situations of a sent or validated month stay as they are, as in the app
    (`situation_save`, `situation_delete`)."""

    list_display = ["prestation", "age_band", "language", "follow_up_needed", "code"]
    list_filter = ["language", "age_band", "follow_up_needed", "themes"]
    list_select_related = ["prestation__relais"]
    raw_id_fields = ["prestation"]
    # Closing the follow-up is coordination's, on the situation page (who and when).
    readonly_fields = [
        "code",
        "anonymised_at",
        "follow_up_closed_at",
        "follow_up_closed_by",
    ]
    filter_horizontal = ["themes"]
    inlines = [OrientationInline]

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and _month_is_open(
            obj and obj.prestation
        )

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and _month_is_open(
            obj and obj.prestation
        )

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions


# --- Fiches ------------------------------------------------------------------------


class DefraiementLineResource(TypedResource):
    """Export of défraiement lines for accounting: explicit fields, no IBAN."""

    relais = fields.Field(attribute="fiche__relais__display_name", column_name="relais")
    month = fields.Field(
        attribute="fiche__month", column_name="mois", widget=widgets.DateWidget()
    )
    status = fields.Field(attribute="fiche__status", column_name="statut")

    class Meta:
        model = DefraiementLine
        fields = (
            "id",
            "relais",
            "month",
            "status",
            "date",
            "kind",
            "amount",
            "transport_mode",
            "km",
            "rate",
            "purpose",
            "flagged",
        )
        export_order = fields

    def get_queryset(self):
        return super().get_queryset().select_related("fiche__relais")


class ReadOnlyMixin:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(DefraiementLine)
class DefraiementLineAdmin(ReadOnlyMixin, ExportMixin, admin.ModelAdmin):
    resource_classes = [DefraiementLineResource]
    list_display = ("fiche", "date", "kind", "amount", "flagged")
    list_filter = ("kind", "flagged", "fiche__status")
    list_select_related = ("fiche__relais",)
    date_hierarchy = "date"


class LineInline(ReadOnlyMixin, admin.TabularInline):
    model = DefraiementLine
    fields = ("date", "kind", "amount", "km", "rate", "purpose", "flagged")
    extra = 0


class TransitionInline(ReadOnlyMixin, admin.TabularInline):
    model = FicheTransition
    fields = ("at", "from_status", "to_status", "by", "comment")
    extra = 0


class DocumentInline(ReadOnlyMixin, admin.TabularInline):
    model = FicheDocument
    fields = ("created_at", "language", "created_by")
    extra = 0


@admin.register(FicheMensuelle)
class FicheMensuelleAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("relais", "month", "status", "version")
    list_filter = ("status", "month")
    list_select_related = ("relais",)
    inlines = [LineInline, TransitionInline, DocumentInline]

    def has_view_permission(self, request, obj=None):
        return True


@admin.register(PaymentFile)
class PaymentFileAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """The SEPA files as they were produced: made by the payments page only."""

    list_display = ("msg_id", "month", "count", "total", "created_at", "created_by")
    list_filter = ("month",)
    list_select_related = ("created_by",)
    fields = ("msg_id", "month", "count", "total", "created_at", "created_by", "xml")

    def has_view_permission(self, request, obj=None):
        return True


@admin.register(LegalParameter)
class LegalParameterAdmin(SimpleHistoryAdmin):
    list_display = ("valid_from", "daily_max", "annual_max", "km_cap", "bike_rate")


@admin.register(KmRate)
class KmRateAdmin(SimpleHistoryAdmin):
    list_display = ("system", "valid_from", "valid_until", "rate")
    list_filter = ("system",)


class DefraiementSettingAdminForm(forms.ModelForm):
    class Meta:
        model = DefraiementSetting
        fields = [
            "valid_from",
            "km_rate_system",
            "forfait_amount",
            "payer_name",
            "payer_iban",
            "payer_bic",
        ]
        field_classes = {"payer_iban": IbanField, "payer_bic": BicField}

    def clean(self):
        """The service's checks, so the 12-month rule applies here too."""
        data = super().clean()
        needed = ("valid_from", "km_rate_system", "forfait_amount")
        if all(data.get(name) is not None for name in needed):
            legal.defraiement_setting_check(**{name: data[name] for name in needed})
        return data


@admin.register(DefraiementSetting)
class DefraiementSettingAdmin(SimpleHistoryAdmin):
    form = DefraiementSettingAdminForm
    list_display = ("valid_from", "km_rate_system", "forfait_amount")
    readonly_fields = ("created_by",)

    def save_model(self, request, obj, form, change):
        obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(OtherOrganisationAmount)
class OtherOrganisationAmountAdmin(admin.ModelAdmin):
    list_display = ("relais", "year", "organisation", "amount")
    list_filter = ("year",)
