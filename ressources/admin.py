"""Admin for the directory. CSV/XLSX import goes through django-import-export,
all or nothing (`rollback_on_validation_errors`, docs/toolchain.md), and every
saved service gets its search text refreshed (the same service as the pages).

Themes have no admin page on purpose: they are the seeded list every app shares
(migration 0002); an admin page would also make other apps' admin forms that link
to Theme check the Theme permissions."""

from django.contrib import admin
from django.db import models
from django.utils.translation import override
from import_export import fields
from import_export.admin import ImportExportModelAdmin
from import_export.widgets import ForeignKeyWidget, ManyToManyWidget
from modeltranslation.admin import TranslationAdmin

from ressources.hsds.package import HSDS_LANGUAGE
from ressources.models import (
    Location,
    Organization,
    Schedule,
    Service,
    Suggestion,
    TaxonomyTerm,
    Theme,
)
from ressources.services import service_refresh_search, taxonomy_term_map
from tisseurs.exports.resources import TypedResource


class SourceLanguageResource(TypedResource):
    """Columns `name`, `description`… hold the French text (the required one),
    `name_nl`… the Dutch one, whatever the language of the admin page
    (ressources/translation.py); the import is all or nothing."""

    def import_data(self, *args, **kwargs):
        # All or nothing: one invalid row and nothing is written.
        kwargs["rollback_on_validation_errors"] = True
        kwargs["use_transactions"] = True
        with override(HSDS_LANGUAGE):
            return super().import_data(*args, **kwargs)

    def export(self, queryset=None, **kwargs):
        with override(HSDS_LANGUAGE):
            rows = super().export(queryset, **kwargs)
        rows.title = str(self._meta.model._meta.verbose_name_plural).capitalize()
        return rows


class ServiceResource(SourceLanguageResource):
    organization = fields.Field(
        column_name="organization",
        attribute="organization",
        widget=ForeignKeyWidget(Organization, field="name_fr"),
    )
    themes = fields.Field(
        column_name="themes",
        attribute="themes",
        widget=ManyToManyWidget(Theme, field="code", separator="|"),
    )

    class Meta:
        model = Service
        import_id_fields = ["hsds_id"]
        fields = [
            "hsds_id",
            "organization",
            "name",
            "name_nl",
            "description",
            "description_nl",
            "status",
            "is_formal",
            "is_bas_seuil",
            "cost",
            "eligibility",
            "eligibility_nl",
            "accessibility",
            "hours_note",
            "url",
            "email",
            "social_brussels_id",
            "verified_on",
            "themes",
        ]
        export_order = fields
        skip_unchanged = True
        clean_model_instances = True

    def after_save_instance(self, instance, row, **kwargs):
        super().after_save_instance(instance, row, **kwargs)
        if not kwargs.get("dry_run"):
            self._saved = getattr(self, "_saved", []) + [instance]

    def after_import(self, dataset, result, **kwargs):
        super().after_import(dataset, result, **kwargs)
        saved = getattr(self, "_saved", [])
        if saved and not result.has_errors() and not result.has_validation_errors():
            service_refresh_search(services=saved)


class ScheduleInline(admin.TabularInline):
    model = Schedule
    extra = 0


@admin.register(Service)
class ServiceAdmin(ImportExportModelAdmin, TranslationAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    resource_classes = [ServiceResource]
    list_display = ["name", "organization", "status", "is_formal", "verified_on"]
    list_filter = ["status", "is_formal", "is_bas_seuil", "themes"]
    search_fields = ["name_fr", "name_nl", "search_text"]
    filter_horizontal = ["themes", "taxonomy_terms"]
    inlines = [ScheduleInline]
    readonly_fields = ["hsds_id", "search_text"]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        service_refresh_search(services=[form.instance])


class OrganizationResource(SourceLanguageResource):
    class Meta:
        model = Organization
        import_id_fields = ["hsds_id"]
        fields = [
            "hsds_id",
            "name",
            "name_nl",
            "description",
            "description_nl",
            "website",
            "email",
            "is_partner",
        ]
        clean_model_instances = True


@admin.register(Organization)
class OrganizationAdmin(ImportExportModelAdmin, TranslationAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    resource_classes = [OrganizationResource]
    list_display = ["name", "is_partner"]
    search_fields = ["name_fr", "name_nl"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # Its services are found by the organisation's names too.
        service_refresh_search(services=obj.services.all())


@admin.register(TaxonomyTerm)
class TaxonomyTermAdmin(admin.ModelAdmin):
    list_display = ["name", "taxonomy", "code", "theme"]
    list_editable = ["theme"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)  # every edited field
        if "theme" in form.changed_data:
            taxonomy_term_map(term=obj, theme=obj.theme)


@admin.register(Location)
class LocationAdmin(TranslationAdmin):
    list_display = ["address_1", "postal_code", "city"]
    search_fields = ["address_1", "name"]


@admin.register(Suggestion)
class SuggestionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "status", "user", "created_at"]
    list_filter = ["status", "kind"]
