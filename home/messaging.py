"""Messages from coordination to relais: one, a chosen set, or every active relais.

Each recipient sees the message on their home page until they mark it read, and
gets it by e-mail when they have an address. Only the e-mail's frame (greeting,
link) is in the relais' language: the text is what the coordinator wrote."""

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import models, transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext

from home.models import Message, MessageRecipient
from relais.models import Relais
from tisseurs.i18n import user_language


def message_recipients_possible():
    """The relais a message may go to: not left, not anonymised."""
    return Relais.objects.not_left().filter(anonymised_at__isnull=True)


@transaction.atomic
def message_send(
    *,
    sent_by,
    subject: str,
    text: str,
    relais: list[Relais] | None,
    home_url: str = "",
) -> Message:
    """Store the message for each relais of `relais` (every active relais when
    None) and e-mail those who have an address. Relais who left are refused."""
    if relais is None:
        chosen = list(Relais.objects.active().filter(anonymised_at__isnull=True))
    else:
        chosen = list(relais)
        gone = [r for r in chosen if r.has_left or r.anonymised_at]
        if gone:
            raise ValidationError(
                gettext("Ces relais sont partis : %(names)s.")
                % {"names": ", ".join(str(r) for r in gone)},
                code="left",
            )
    if not chosen:
        raise ValidationError(
            gettext("Choisissez au moins un relais."), code="no_recipient"
        )
    message = Message(subject=subject.strip(), text=text.strip(), sent_by=sent_by)
    message.full_clean()
    message.save()
    MessageRecipient.objects.bulk_create(
        MessageRecipient(message=message, relais=r, emailed=bool(r.email))
        for r in chosen
    )
    emails = [(r, r.email) for r in chosen if r.email]
    transaction.on_commit(lambda: _send_emails(message, emails, home_url))
    return message


def _send_emails(message: Message, emails, home_url: str) -> None:
    for relais, address in emails:
        language = user_language(relais.user)
        with translation.override(language):
            subject = render_to_string(
                "relais/email/message_subject.txt", {"message": message}
            ).strip()
            body = render_to_string(
                "relais/email/message.txt",
                {"relais": relais, "message": message, "link": home_url},
            )
        send_mail(subject, body, None, [address])


def messages_with_counts():
    """Sent messages, newest first, with how many relais got and read each."""
    return (
        Message.objects.select_related("sent_by")
        .annotate(
            recipient_count=models.Count("recipients"),
            read_count=models.Count(
                "recipients", filter=models.Q(recipients__read_at__isnull=False)
            ),
        )
        .order_by("-sent_at", "-pk")
    )
