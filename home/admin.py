"""The daily runs and the reminders sent, read-only: `manage.py daily` writes them;
and the messages to relais, read-only: home/messaging.py sends them."""

from django.contrib import admin

from home.models import DailyRun, Message, MessageRecipient, SentReminder


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(DailyRun)
class DailyRunAdmin(ReadOnlyAdmin):
    list_display = ["day", "started_at", "finished_at", "succeeded"]
    list_filter = ["succeeded"]


@admin.register(SentReminder)
class SentReminderAdmin(ReadOnlyAdmin):
    list_display = ["sent_at", "kind", "user", "text", "emailed"]
    list_filter = ["kind", "emailed"]
    list_select_related = ["user"]


class MessageRecipientInline(admin.TabularInline):
    model = MessageRecipient
    fields = ["relais", "emailed", "read_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(Message)
class MessageAdmin(ReadOnlyAdmin):
    list_display = ["sent_at", "subject", "sent_by"]
    list_select_related = ["sent_by"]
    inlines = [MessageRecipientInline]
