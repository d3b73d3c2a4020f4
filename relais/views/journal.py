"""The journal of a relais, on their file: coordination notes the conversations it
has with them (relais/models/journal.py). The relais never sees it here; it is in
their GDPR export."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from relais.forms import JournalEntryForm
from relais.models import JournalEntry
from relais.views.common import form_page, relais_or_404
from tisseurs.access import get_scoped_or_404
from tisseurs.roles import COORDINATION, role_required


def _journal_url(relais) -> str:
    return reverse("relais:relais_detail", args=[relais.pk]) + "#journal"


@role_required(COORDINATION)
@require_POST
def journal_create(request, pk):
    relais = relais_or_404(request, pk)
    form = JournalEntryForm(request.POST, instance=JournalEntry(relais=relais))
    if form.is_valid():
        entry = form.save(commit=False)
        entry.author = request.user
        entry.save()
        messages.success(request, _("L'entrée est ajoutée au journal."))
        return redirect(_journal_url(relais))
    return form_page(
        request,
        form,
        title=_("Nouvelle entrée du journal"),
        cancel_url=_journal_url(relais),
        relais=relais,
    )


def _entry_or_404(request, pk) -> JournalEntry:
    return get_scoped_or_404(
        JournalEntry.objects.select_related("relais"), request.user, pk=pk
    )


@role_required(COORDINATION)
def journal_edit(request, pk):
    entry = _entry_or_404(request, pk)
    if not entry.can_edit(request.user, today=timezone.localdate()):
        messages.error(
            request,
            _("Seule la personne qui l'a écrite peut la corriger, et le jour même."),
        )
        return redirect(_journal_url(entry.relais))
    form = JournalEntryForm(request.POST or None, instance=entry)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("L'entrée du journal est corrigée."))
        return redirect(_journal_url(entry.relais))
    return form_page(
        request,
        form,
        title=_("Corriger une entrée du journal"),
        cancel_url=_journal_url(entry.relais),
        relais=entry.relais,
    )


@role_required(COORDINATION)
def journal_delete(request, pk):
    entry = _entry_or_404(request, pk)
    if request.method != "POST":
        return render(
            request,
            "prestations/confirm_delete.html",
            {
                "title": _("Supprimer cette entrée du journal ?"),
                "what": _("%(kind)s du %(date)s")
                % {
                    "kind": entry.get_kind_display(),
                    "date": date_format(entry.date, "DATE_FORMAT"),
                },
                "cancel_url": _journal_url(entry.relais),
            },
        )
    entry.delete()
    messages.success(request, _("L'entrée du journal est supprimée."))
    return redirect(_journal_url(entry.relais))
