"""Demo data of the coordination's tools: a few journal entries on relais files, and
two messages to every active relais, one of them already read by Fatima."""

from datetime import timedelta

from django.utils import timezone

from home.models import Message, MessageRecipient
from relais.models import JournalEntry, Relais

JOURNAL = [
    # relais, days ago, kind, text
    (
        "relais1",
        2,
        "call",
        "Appel : elle souhaite réduire à 2 sorties par mois "
        "jusqu'aux vacances, à cause de ses cours du soir.",
    ),
    (
        "relais1",
        40,
        "meeting",
        "Rencontre au local : contente de la permanence du "
        "mardi, aimerait essayer le triporteur.",
    ),
    (
        "relais2",
        5,
        "email",
        "Demande une attestation de volontariat pour son "
        "employeur ; envoyée le jour même.",
    ),
    (
        "relais5",
        12,
        "call",
        "Absent deux semaines (voyage familial) ; on le remet "
        "au planning à son retour.",
    ),
    (
        "relais6",
        1,
        "other",
        "Propose d'animer une séance d'intervision en néerlandais.",
    ),
]

MESSAGES = [
    # subject, text, days ago, read by
    (
        "Intervision de décembre",
        "Bonjour à toutes et à tous,\nla prochaine intervision aura lieu le "
        "premier jeudi de décembre à 14 h, au local. Un goûter est prévu.",
        6,
        ["relais1"],
    ),
    (
        "Nouvelle note d'organisation",
        "Une nouvelle version de la note d'organisation est en ligne. Merci de la "
        "lire et de la signer lors de votre prochain passage.",
        1,
        [],
    ),
]


def load(*, relais: dict[str, Relais], users: dict) -> None:
    coordination = users["coordination"]
    now = timezone.now()
    today = timezone.localdate()
    JournalEntry.objects.filter(relais__in=relais.values()).delete()
    for username, days, kind, text in JOURNAL:
        JournalEntry.objects.create(
            relais=relais[username],
            date=today - timedelta(days=days),
            kind=kind,
            text=text,
            author=coordination,
        )
    Message.objects.filter(subject__in=[m[0] for m in MESSAGES]).delete()
    active = list(Relais.objects.active().filter(anonymised_at__isnull=True))
    for subject, text, days, read_by in MESSAGES:
        message = Message.objects.create(
            subject=subject, text=text, sent_by=coordination
        )
        Message.objects.filter(pk=message.pk).update(sent_at=now - timedelta(days=days))
        MessageRecipient.objects.bulk_create(
            MessageRecipient(
                message=message,
                relais=r,
                emailed=bool(r.email),
                read_at=now - timedelta(days=days - 1)
                if r.user and r.user.username in read_by
                else None,
            )
            for r in active
        )
