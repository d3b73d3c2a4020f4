from django.contrib import admin

from rapports.models import Rapport


@admin.register(Rapport)
class RapportAdmin(admin.ModelAdmin):
    list_display = ("start", "end", "language", "status", "issued_at")
    list_filter = ("status", "language")
    readonly_fields = ("figures", "pdf", "issued_by", "issued_at", "created_by")

    def has_change_permission(self, request, obj=None):
        # Issued reports never change (drafts are edited in the app).
        return obj is None or not obj.is_issued

    def has_delete_permission(self, request, obj=None):
        return obj is None or not obj.is_issued
