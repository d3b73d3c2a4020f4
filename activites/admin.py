from django.contrib import admin

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
    model = Affectation
    extra = 0
    raw_id_fields = ["relais"]


@admin.register(Activite)
class ActiviteAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "start", "status", "relais_needed"]
    list_filter = ["kind", "status"]
    date_hierarchy = "start"
    inlines = [AffectationInline]
    raw_id_fields = ["serie"]


admin.site.register(Serie)
admin.site.register(Frequentation)
