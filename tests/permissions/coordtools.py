"""Coordination's everyday tools: search, the relais' journal, messages to relais."""

from home.models import Message, MessageRecipient
from relais.models import JournalEntry
from tests.permissions import Case

COORD = {"coordination": 200}
REDIRECT = {"coordination": 302}


def _entry(world):
    entry = JournalEntry.objects.create(
        relais=world.bruno, kind="call", text="Appel", author=world.coordination
    )
    return {"pk": entry.pk}


def _message(world):
    message = Message.objects.create(
        subject="Réunion", text="Jeudi", sent_by=world.coordination
    )
    MessageRecipient.objects.create(message=message, relais=world.anna)
    return {"pk": message.pk}


def _recipient(relais):
    def kwargs(world):
        message = Message.objects.create(
            subject="Réunion", text="Jeudi", sent_by=world.coordination
        )
        recipient = MessageRecipient.objects.create(
            message=message, relais=getattr(world, relais)
        )
        return {"pk": recipient.pk}

    return kwargs


CASES = [
    Case("search", expect=COORD),
    Case("search", query="q=anna", expect=COORD, label="get:search?q"),
    Case(
        "relais:journal_create",
        kwargs=lambda w: {"pk": w.bruno.pk},
        method="post",
        data={"date": "2026-01-05", "kind": "call", "text": "Appel"},
        expect=REDIRECT,
    ),
    Case("relais:journal_edit", kwargs=_entry, expect=COORD),
    Case("relais:journal_delete", kwargs=_entry, expect=COORD),
    Case(
        "relais:journal_delete",
        kwargs=_entry,
        method="post",
        expect=REDIRECT,
        label="post:relais:journal_delete",
    ),
    Case("message_list", expect=COORD),
    Case("message_create", expect=COORD),
    Case("message_detail", kwargs=_message, expect=COORD),
    # Anna marks her own message read; Bruno's answers her 404.
    Case(
        "message_read",
        kwargs=_recipient("anna"),
        method="post",
        expect={"relais": 302},
        label="post:message_read:own",
    ),
    Case(
        "message_read",
        kwargs=_recipient("bruno"),
        method="post",
        expect={"relais": 404},
        label="post:message_read:other",
    ),
]
