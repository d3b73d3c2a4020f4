"""Coordination's everyday tools: the search box (home/search.py) and messages to
relais (home/messaging.py), with the relais' side of messages (marking one read)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from home.forms import MessageForm
from home.messaging import (
    message_recipients_possible,
    message_send,
    messages_with_counts,
)
from home.models import Message, MessageRecipient
from home.search import MIN_LENGTH, search_everything
from tisseurs.access import get_scoped_or_404
from tisseurs.audit.models import AuditKind
from tisseurs.audit.services import audit_log
from tisseurs.params import page_param, text_param
from tisseurs.roles import COORDINATION, RELAIS, role_required

MESSAGES_PER_PAGE = 25


@role_required(COORDINATION)
def search(request):
    query = text_param(request, "q", max_length=100)
    groups = None
    if len(query) >= MIN_LENGTH:
        groups = search_everything(query)
        if groups["situations"].rows:
            audit_log(
                request,
                AuditKind.SITUATIONS_LIST,
                search=query,
                count=groups["situations"].count,
            )
    return render(
        request,
        "home/search.html",
        {
            "query": query,
            "search_query": query,
            "groups": groups,
            "min_length": MIN_LENGTH,
        },
    )


@role_required(COORDINATION)
def message_list(request):
    page = Paginator(messages_with_counts(), MESSAGES_PER_PAGE).get_page(
        page_param(request)
    )
    return render(request, "home/message_list.html", {"page_obj": page})


@role_required(COORDINATION)
def message_create(request):
    form = MessageForm(
        request.POST or None, recipients_possible=message_recipients_possible()
    )
    if request.method == "POST" and form.is_valid():
        try:
            message = message_send(
                sent_by=request.user,
                subject=form.cleaned_data["subject"],
                text=form.cleaned_data["text"],
                relais=form.chosen_relais,
                home_url=request.build_absolute_uri(reverse("relais_home")),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            count = message.recipients.count()
            messages.success(
                request,
                ngettext(
                    "Le message est envoyé à %(count)d relais.",
                    "Le message est envoyé à %(count)d relais.",
                    count,
                )
                % {"count": count},
            )
            return redirect("message_detail", pk=message.pk)
    return render(request, "home/message_form.html", {"form": form})


@role_required(COORDINATION)
def message_detail(request, pk):
    message = get_object_or_404(Message.objects.select_related("sent_by"), pk=pk)
    recipients = list(message.recipients.select_related("relais"))
    return render(
        request,
        "home/message_detail.html",
        {
            "message": message,
            "recipients": recipients,
            "read_count": sum(1 for r in recipients if r.is_read),
        },
    )


@role_required(RELAIS)
@require_POST
def message_read(request, pk):
    """The relais marks a message read: it leaves their home page."""
    recipient = get_scoped_or_404(
        MessageRecipient.objects.all(), request.user, staff_roles=(), pk=pk
    )
    recipient.mark_read()
    return redirect("relais_home")
