"""The Django admin of the relais file. Writes the services own go through them
(`relais_save` with the languages, `note_version_create` for the number); what only
a service sets (the account link, the anonymisation date) is read-only here."""

from django import forms
from django.contrib import admin
from import_export.admin import ImportExportModelAdmin
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from relais.models import (
    BenefitGate,
    Convention,
    Document,
    Formation,
    FormationAttendance,
    InsurancePolicy,
    JournalEntry,
    NoteAcknowledgement,
    NoteVersion,
    Relais,
    RelaisRegime,
    ResidenceStatus,
)
from relais.resources import RelaisResource
from relais.services import note_version_create, relais_save
from tisseurs.forms import IbanField, LanguagesField


class RelaisAdminForm(forms.ModelForm):
    """Every field of `Relais` (the admin fills in the model), plus the languages
    that `relais_save` writes."""

    languages = LanguagesField()

    class Meta:
        field_classes = {"iban": IbanField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["languages"].initial = self.instance.language_codes


@admin.register(Relais)
class RelaisAdmin(ImportExportModelAdmin, SimpleHistoryAdmin):
    form = RelaisAdminForm
    resource_classes = [RelaisResource]
    list_display = ["last_name", "first_name", "preferred_name", "status", "zone"]
    list_filter = ["status"]
    search_fields = ["first_name", "last_name", "preferred_name", "email"]
    # `relais_invite` links the account, `relais_anonymise` dates the erasure.
    readonly_fields = ["user", "anonymised_at"]

    def save_model(self, request, obj, form, change):
        relais_save(form=form, languages=form.cleaned_data["languages"])


@admin.register(Convention)
class ConventionAdmin(SimpleHistoryAdmin):
    list_display = ["relais", "start_date", "end_date", "confidentiality_accepted_on"]
    list_select_related = ["relais"]


@admin.register(BenefitGate)
class BenefitGateAdmin(SimpleHistoryAdmin):
    list_display = [
        "relais",
        "kind",
        "filed_on",
        "approved_on",
        "answer",
        "confirmed_on",
    ]
    list_select_related = ["relais"]


@admin.register(ResidenceStatus)
class ResidenceStatusAdmin(SimpleHistoryAdmin):
    list_display = ["relais", "kind", "permit_until", "fedasil_answer"]
    list_select_related = ["relais"]


@admin.register(NoteVersion)
class NoteVersionAdmin(TranslationAdmin):
    list_display = ["number", "published_on"]
    # A new version takes the next number (`note_version_create`).
    readonly_fields = ["number"]

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
        else:
            note_version_create(form=form)


@admin.register(NoteAcknowledgement)
class NoteAcknowledgementAdmin(admin.ModelAdmin):
    list_display = [
        "relais",
        "version",
        "acknowledged_on",
        "channel",
        "acknowledged_at",
    ]
    list_filter = ["channel"]
    list_select_related = ["relais", "version"]
    # Only the relais' own "J'ai lu la note" records a phone acknowledgement and
    # its time; here it is always paper.
    readonly_fields = ["channel", "acknowledged_at"]


@admin.register(InsurancePolicy)
class InsurancePolicyAdmin(admin.ModelAdmin):
    list_display = ["kind", "insurer", "number", "valid_from", "valid_until"]


@admin.register(Formation)
class FormationAdmin(TranslationAdmin):
    list_display = ["date", "title", "kind", "duration_hours"]


@admin.register(FormationAttendance)
class FormationAttendanceAdmin(admin.ModelAdmin):
    list_display = ["formation", "relais", "status", "hours"]
    list_select_related = ["formation", "relais"]


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["relais", "kind", "title", "expires_on", "uploaded_at"]
    list_select_related = ["relais"]


@admin.register(RelaisRegime)
class RelaisRegimeAdmin(admin.ModelAdmin):
    """Read only: a regime is set on the relais file, where it is locked once a
    line of the year exists (art. 10) and every choice is logged."""

    list_display = ["relais", "year", "regime"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(JournalEntry)
class JournalEntryAdmin(admin.ModelAdmin):
    """Read-only: the relais file's journal is written on the relais file."""

    list_display = ["date", "relais", "kind", "author"]
    list_filter = ["kind"]
    list_select_related = ["relais", "author"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
