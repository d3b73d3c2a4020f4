from django.contrib import admin
from import_export.admin import ImportExportModelAdmin
from simple_history.admin import SimpleHistoryAdmin

from relais.models import (
    Attendance,
    BenefitGate,
    Convention,
    Document,
    Formation,
    InsurancePolicy,
    NoteAcknowledgement,
    NoteVersion,
    Relais,
    RelaisLanguage,
    RelaisRegime,
)
from relais.resources import RelaisResource


class RelaisLanguageInline(admin.TabularInline):
    model = RelaisLanguage
    extra = 0


@admin.register(Relais)
class RelaisAdmin(ImportExportModelAdmin, SimpleHistoryAdmin):
    resource_classes = [RelaisResource]
    list_display = ["last_name", "first_name", "preferred_name", "status", "zone"]
    list_filter = ["status"]
    search_fields = ["first_name", "last_name", "preferred_name", "email"]
    inlines = [RelaisLanguageInline]


@admin.register(Convention)
class ConventionAdmin(SimpleHistoryAdmin):
    list_display = ["relais", "start_date", "end_date", "confidentiality_accepted_on"]
    list_select_related = ["relais"]


@admin.register(BenefitGate)
class BenefitGateAdmin(SimpleHistoryAdmin):
    list_display = ["relais", "kind", "filed_on", "approved_on", "confirmed_on"]
    list_select_related = ["relais"]


@admin.register(NoteVersion)
class NoteVersionAdmin(admin.ModelAdmin):
    list_display = ["number", "published_on"]


@admin.register(NoteAcknowledgement)
class NoteAcknowledgementAdmin(admin.ModelAdmin):
    list_display = ["relais", "version", "acknowledged_on"]
    list_select_related = ["relais", "version"]


@admin.register(InsurancePolicy)
class InsurancePolicyAdmin(admin.ModelAdmin):
    list_display = ["kind", "insurer", "number", "valid_from", "valid_until"]


@admin.register(Formation)
class FormationAdmin(admin.ModelAdmin):
    list_display = ["date", "title", "kind", "duration_hours"]


@admin.register(Attendance)
class AttendanceAdmin(admin.ModelAdmin):
    list_display = ["formation", "relais", "status", "hours"]
    list_select_related = ["formation", "relais"]


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["relais", "kind", "title", "uploaded_at"]
    list_select_related = ["relais"]


admin.site.register(RelaisRegime)
