from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from activites.models import (
    Activite,
    Affectation,
    ContactPoint,
    Frequentation,
    Serie,
    Stop,
)


class StopInline(admin.TabularInline):
    model = Stop
    extra = 0


@admin.register(ContactPoint)
class ContactPointAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "address", "is_active"]
    inlines = [StopInline]


class AffectationInline(admin.TabularInline):
    """The roster, shown read-only: it changes only through activites/services.py
    (planning page, open places), which checks that the relais may work that day,
    that a place is left and that the activity is still planned, and warns about
    overlaps. An admin edit would skip all of that."""

    model = Affectation
    extra = 0
    fields = [
        "relais",
        "status",
        "offered_at",
        "confirmed_at",
        "confirmed_by",
        "withdrawn_at",
        "withdraw_reason",
    ]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Activite)
class ActiviteAdmin(TranslationAdmin):
    list_display = ["title", "kind", "start", "status", "relais_needed"]
    list_filter = ["kind", "status"]
    date_hierarchy = "start"
    inlines = [AffectationInline]
    raw_id_fields = ["serie"]
    # An activity is cancelled through Activite.cancel() (which records the reason and
    # frees the roster) and marked done when its fréquentation is saved; an admin edit
    # of these fields would skip both.
    readonly_fields = ["status", "cancel_reason"]


admin.site.register(Serie)
admin.site.register(Frequentation)
