"""Operations on the relais file that touch several rows, send mail or build files."""

import secrets
from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from relais.models import (
    BenefitGate,
    Convention,
    Document,
    Formation,
    FormationAttendance,
    NoteAcknowledgement,
    NoteVersion,
    Relais,
    RelaisLanguage,
)
from tisseurs.accounts.services import user_create
from tisseurs.accounts.tokens import invitation_token_generator
from tisseurs.pdf import render_pdf
from tisseurs.roles import RELAIS


@transaction.atomic
def relais_set_languages(*, relais: Relais, codes: list[str]) -> None:
    """Replace the languages a relais speaks by `codes`."""
    RelaisLanguage.objects.filter(relais=relais).exclude(code__in=codes).delete()
    existing = set(
        RelaisLanguage.objects.filter(relais=relais).values_list("code", flat=True)
    )
    RelaisLanguage.objects.bulk_create(
        [
            RelaisLanguage(relais=relais, code=code)
            for code in codes
            if code not in existing
        ]
    )


@transaction.atomic
def relais_save(*, form, languages: list[str]) -> Relais:
    """Save a relais form (create or edit) with its languages, all or nothing."""
    relais = form.save()
    relais_set_languages(relais=relais, codes=languages)
    return relais


def _store_document(
    *, relais: Relais, kind: str, title: str, file: UploadedFile | None, user
) -> Document | None:
    if not file:
        return None
    return Document.objects.create(
        relais=relais, kind=kind, title=title, file=file, uploaded_by=user
    )


@transaction.atomic
def document_save(*, form, relais: Relais, user) -> Document:
    """Store a private document of `relais` uploaded by `user`."""
    document = form.save(commit=False)
    document.relais = relais
    document.uploaded_by = user
    document.save()
    return document


@transaction.atomic
def document_update(*, form) -> Document:
    """Save a stored document's title, kind and expiry (the file is kept)."""
    return form.save()


@transaction.atomic
def convention_save(
    *, form, relais: Relais, signed_file: UploadedFile | None, user
) -> Convention:
    """Save an agreement and, if given, its signed copy as a private document."""
    convention = form.save(commit=False)
    convention.relais = relais
    document = _store_document(
        relais=relais,
        kind=Document.Kind.CONVENTION,
        title=gettext("Convention de volontariat signée"),
        file=signed_file,
        user=user,
    )
    if document:
        convention.document = document
    convention.save()
    return convention


@transaction.atomic
def acknowledgement_record(
    *,
    relais: Relais,
    version: NoteVersion,
    acknowledged_on: date,
    signed_file: UploadedFile | None,
    user,
) -> NoteAcknowledgement:
    """Record that `relais` signed `version` of the note on `acknowledged_on` (not
    in the future: ValidationError), replacing an earlier record of that version."""
    acknowledgement = NoteAcknowledgement.objects.filter(
        relais=relais, version=version
    ).first() or NoteAcknowledgement(relais=relais, version=version)
    acknowledgement.acknowledged_on = acknowledged_on
    acknowledgement.acknowledged_at = None
    acknowledgement.channel = NoteAcknowledgement.Channel.PAPER
    acknowledgement.recorded_by = user
    # Checked before the signed copy is stored: a refused date leaves no file.
    acknowledgement.full_clean(exclude=["document"])
    document = _store_document(
        relais=relais,
        kind=Document.Kind.NOTE,
        title=gettext("Note d'organisation signée (version %(number)s)")
        % {"number": version.number},
        file=signed_file,
        user=user,
    )
    if document:
        acknowledgement.document = document
    acknowledgement.save()
    return acknowledgement


@transaction.atomic
def note_acknowledge_on_phone(
    *, relais: Relais, version: NoteVersion, user
) -> tuple[NoteAcknowledgement, bool]:
    """The relais read `version` on their phone and pressed "J'ai lu la note":
    record the date and time. Idempotent: a version already acknowledged (on the
    phone or on paper) is kept as it is. Returns (acknowledgement, created)."""
    now = timezone.now()
    return NoteAcknowledgement.objects.get_or_create(
        relais=relais,
        version=version,
        defaults={
            "acknowledged_on": timezone.localdate(now),
            "acknowledged_at": now,
            "channel": NoteAcknowledgement.Channel.PHONE,
            "recorded_by": user,
        },
    )


@transaction.atomic
def convention_attach_signed(
    *, convention: Convention, signed_file: UploadedFile, user
) -> Convention:
    """Store the signed scan of `convention` as a private document of its relais
    (kind CONVENTION) and link it; a new scan replaces the link to the old one,
    which stays among the relais' documents."""
    convention.document = _store_document(
        relais=convention.relais,
        kind=Document.Kind.CONVENTION,
        title=gettext("Convention de volontariat signée (%(convention)s)")
        % {"convention": convention},
        file=signed_file,
        user=user,
    )
    convention.save(update_fields=["document"])
    return convention


def note_pdf(*, relais: Relais, version: NoteVersion, language: str) -> bytes:
    """The information note pre-filled for `relais`, to print and sign."""
    return render_pdf(
        "relais_note.html",
        {
            "relais": relais,
            "version": version,
            "items": version.items_in(language),
            "today": timezone.localdate(),
        },
        language=language,
    )


@transaction.atomic
def note_version_create(*, form) -> NoteVersion:
    """Publish a new version of the information note: it takes the next number,
    and every earlier acknowledgement becomes outdated."""
    version = form.save(commit=False)
    version.number = NoteVersion.next_number()
    version.save()
    return version


@transaction.atomic
def formation_attendances_save(
    *, formation: Formation, lines: list[tuple[Relais, str, Decimal | None]]
) -> int:
    """Record the attendance of a whole session at once: for each (relais, status,
    hours), a status creates or updates that relais' row, no status removes it
    ("not concerned"). Each row obeys `FormationAttendance.clean` (hours only for
    a presence), or nothing is saved (ValidationError). Returns the rows kept."""
    existing = {a.relais_id: a for a in formation.attendances.all()}
    removed = [r.pk for r, status, _hours in lines if not status and r.pk in existing]
    kept = 0
    for relais, status, hours in lines:
        if not status:
            continue
        row = existing.get(relais.pk) or FormationAttendance(
            formation=formation, relais=relais
        )
        row.status = status
        row.hours = hours if hours is not None else formation.duration_hours
        if status != FormationAttendance.Status.PRESENT:
            row.hours = Decimal(0)
        row.full_clean(exclude=["formation", "relais"], validate_unique=False)
        row.save()
        kept += 1
    FormationAttendance.objects.filter(
        formation=formation, relais_id__in=removed
    ).delete()
    return kept


def _unique_username(relais: Relais) -> str:
    User = get_user_model()
    base = slugify(f"{relais.first_name}-{relais.last_name}")[:30] or "relais"
    username, n = base, 1
    while User.objects.filter(username=username).exists():
        n += 1
        username = f"{base}-{n}"
    return username


@transaction.atomic
def relais_invite(*, relais: Relais, request, language: str = "") -> None:
    """Create the user account of `relais` if needed and e-mail a link to choose a
    password (an invitation token, valid seven days). `language`, when given, becomes
    the relais' interface language: the e-mail and the app then speak it."""
    if not relais.email:
        raise ValidationError(
            _("Ajoutez d'abord une adresse e-mail à la fiche de ce relais.")
        )
    user = relais.user
    if user is None:
        user = user_create(
            username=_unique_username(relais),
            role=RELAIS,
            email=relais.email,
            first_name=relais.first_name,
            last_name=relais.last_name,
        )
        relais.user = user
        relais.save(update_fields=["user", "updated_at"])
    elif user.email != relais.email:
        user.email = relais.email
        user.save(update_fields=["email"])
    if language and language != user.language:
        user.language = language
        user.save(update_fields=["language"])
    link = request.build_absolute_uri(
        reverse(
            "invitation_confirm",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": invitation_token_generator.make_token(user),
            },
        )
    )
    language = getattr(user, "language", "") or translation.get_language()
    with translation.override(language):
        subject = gettext("Votre compte Tisseurs de liens")
        body = render_to_string(
            "relais/email/invitation.txt",
            {"relais": relais, "user": user, "link": link},
        )
    send_mail(subject, body, None, [relais.email])


def relais_export_data(*, relais: Relais) -> dict:
    """Everything the app holds on one relais (GDPR art. 15 and 20)."""
    relais = Relais.objects.with_legal_file().get(pk=relais.pk)
    return {
        "relais": {
            "first_name": relais.first_name,
            "last_name": relais.last_name,
            "preferred_name": relais.preferred_name,
            "latin_name": relais.latin_name,
            "phone": relais.phone,
            "email": relais.email,
            "zone": relais.zone,
            "birth_year": relais.birth_year,
            "languages": relais.language_codes,
            "status": relais.status,
            "status_since": relais.status_since,
            "iban": relais.iban,
            "notes": relais.notes,
            "username": relais.user.username if relais.user else None,
            "created_at": relais.created_at,
        },
        "conventions": [
            {
                "start_date": c.start_date,
                "end_date": c.end_date,
                "confidentiality_accepted_on": c.confidentiality_accepted_on,
            }
            for c in relais.conventions.all()
        ],
        "regimes": [{"year": r.year, "regime": r.regime} for r in relais.regimes.all()],
        "regime_changes": [
            {
                "year": c.year,
                "from_regime": c.from_regime,
                "to_regime": c.to_regime,
                "reason": c.reason,
                "changed_at": c.changed_at,
            }
            for c in relais.regime_changes.all()
        ],
        "note_acknowledgements": [
            {
                "version": a.version.number,
                "acknowledged_on": a.acknowledged_on,
                "acknowledged_at": a.acknowledged_at,
                "channel": a.channel,
            }
            for a in relais.acknowledgements.select_related("version")
        ],
        "benefit_gates": [
            {
                "kind": g.kind,
                "benefit_since": g.benefit_since,
                "benefit_until": g.benefit_until,
                "filed_on": g.filed_on,
                "approved_on": g.approved_on,
                "answer": g.answer,
                "conditions": g.conditions,
                "approval_ends_on": g.approval_ends_on,
                "confirmed_on": g.confirmed_on,
            }
            for g in relais.gates.all()
        ],
        "residence_status": _residence_data(relais.residence_or_none),
        "trainings": [
            {
                "title": a.formation.title,
                "kind": a.formation.kind,
                "date": a.formation.date,
                "status": a.status,
                "hours": a.hours,
            }
            for a in relais.formation_attendances.select_related("formation")
        ],
        "documents": [
            {
                "kind": d.kind,
                "title": d.title,
                "uploaded_at": d.uploaded_at,
                "expires_on": d.expires_on,
            }
            for d in relais.documents.all()
        ],
        # The coordination's notes of its conversations with the relais.
        "journal": [
            {"date": e.date, "kind": e.kind, "text": e.text}
            for e in relais.journal_entries.order_by("date", "pk")
        ],
    }


def _residence_data(status) -> dict | None:
    if status is None:
        return None
    return {
        "kind": status.kind,
        "permit_until": status.permit_until,
        "fedasil_filed_on": status.fedasil_filed_on,
        "fedasil_answered_on": status.fedasil_answered_on,
        "fedasil_answer": status.fedasil_answer,
        "conditions": status.conditions,
    }


def relais_export_context(*, relais: Relais) -> dict:
    """What the readable GDPR export shows of the relais' own file."""
    relais = Relais.objects.with_legal_file().get(pk=relais.pk)
    return {
        "relais": relais,
        "conventions": relais.conventions.all(),
        "regimes": relais.regimes.all(),
        "acknowledgements": relais.acknowledgements.select_related("version"),
        "gates": relais.gates.all(),
        "formation_attendances": relais.formation_attendances.select_related(
            "formation"
        ),
        "documents": relais.documents.all(),
        "journal": relais.journal_entries.order_by("date", "pk"),
        "today": timezone.localdate(),
    }


@transaction.atomic
def relais_anonymise(*, relais: Relais) -> Relais:
    """Remove the personal data of a relais who left; keep the rows accounting
    needs (agreements, regimes, prestations…) under a pseudonym. The page calls it
    through home.gdpr.relais_anonymise_checked, which first refuses while validated
    money is unpaid (the payment needs the IBAN)."""
    if not relais.has_left:
        raise ValidationError(
            _("Seul un relais parti peut être anonymisé (changez d'abord le statut).")
        )
    if relais.anonymised_at:
        raise ValidationError(_("Ce relais est déjà anonymisé."))
    pseudonym = f"R-{secrets.token_hex(3).upper()}"
    for document in relais.documents.all():
        document.file.delete(save=False)
    relais.documents.all().delete()
    relais.spoken_languages.all().delete()
    relais.gates.all().delete()
    relais.journal_entries.all().delete()
    BenefitGate.history.filter(relais_id=relais.pk).delete()
    Convention.history.filter(relais_id=relais.pk).delete()
    if relais.user:
        # Other apps may point to the account (who recorded what): keep the row,
        # scrub it and lock it.
        user = relais.user
        user.username = pseudonym.lower()
        user.first_name = ""
        user.last_name = ""
        user.email = ""
        user.is_active = False
        user.set_unusable_password()
        user.save()
    relais.first_name = gettext("Relais")
    relais.last_name = pseudonym
    relais.preferred_name = ""
    relais.latin_name = ""
    relais.phone = ""
    relais.email = ""
    relais.zone = ""
    relais.birth_year = None
    relais.iban = ""
    relais.notes = ""
    relais.anonymised_at = timezone.now()
    relais.save()
    relais.history.all().delete()
    return relais
