"""The monthly fiche's state machine: who moves it, the lock, the stored PDF, the
reopen, and stale versions."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from prestations.models import DefraiementLine, FicheMensuelle
from prestations.services import defraiement, derived
from prestations.services import fiche as fiche_services
from relais.models import Regime
from tests.factories.prestations import make_fiche, make_prestation, mark_paid
from tests.factories.relais import make_regime
from tests.pdf import assert_accessible_pdf, pdf_text

Status = FicheMensuelle.Status


@pytest.fixture
def fiche(relais_anna):
    make_regime(relais_anna, 2026, Regime.FORFAIT)
    make_prestation(relais=relais_anna, date=date(2026, 3, 10))
    fiche = make_fiche(relais=relais_anna, month=date(2026, 3, 1))
    derived.fiche_sync_lines(fiche=fiche, by=relais_anna.user)
    return fiche


def test_full_cycle_records_who_and_when(fiche, coordination, direction):
    anna = fiche.relais.user
    fiche_services.fiche_submit(fiche=fiche, by=anna, version=fiche.version)
    fiche_services.fiche_return(
        fiche=fiche, by=coordination, comment="Il manque le 12."
    )
    fiche.refresh_from_db()
    assert (
        fiche.status == Status.RETURNED and fiche.return_comment == "Il manque le 12."
    )
    fiche_services.fiche_submit(fiche=fiche, by=anna)
    fiche_services.fiche_validate(fiche=fiche, by=coordination)
    mark_paid(fiche, direction)
    fiche.refresh_from_db()
    assert fiche.status == Status.PAID
    assert (fiche.submitted_by, fiche.validated_by, fiche.paid_by) == (
        anna,
        coordination,
        direction,
    )
    assert fiche.paid_at and fiche.validated_at
    log = list(fiche.transitions.values_list("from_status", "to_status", "comment"))
    assert log == [
        ("draft", "submitted", ""),
        ("submitted", "returned", "Il manque le 12."),
        ("returned", "submitted", ""),
        ("submitted", "validated", ""),
        ("validated", "paid", log[-1][2]),
    ]
    assert log[-1][2].startswith("Fichier TEST-")


def test_only_the_right_people_move_the_fiche(
    fiche, coordination, direction, relais_bruno
):
    with pytest.raises(PermissionDenied):
        fiche_services.fiche_submit(fiche=fiche, by=relais_bruno.user)
    with pytest.raises(PermissionDenied):
        fiche_services.fiche_submit(fiche=fiche, by=coordination)
    fiche_services.fiche_submit(fiche=fiche, by=fiche.relais.user)
    for user in (fiche.relais.user, direction):
        with pytest.raises(PermissionDenied):
            fiche_services.fiche_validate(fiche=fiche, by=user)
        with pytest.raises(PermissionDenied):
            fiche_services.fiche_return(fiche=fiche, by=user, comment="x")
    with pytest.raises(PermissionDenied):
        mark_paid(fiche, coordination)


def test_transitions_from_the_wrong_state_are_refused(fiche, coordination, direction):
    with pytest.raises(ValidationError):
        fiche_services.fiche_validate(fiche=fiche, by=coordination)
    with pytest.raises(ValidationError):
        mark_paid(fiche, direction)
    fiche_services.fiche_submit(fiche=fiche, by=fiche.relais.user)
    with pytest.raises(ValidationError, match="Expliquez"):
        fiche_services.fiche_return(fiche=fiche, by=coordination, comment="  ")
    with pytest.raises(ValidationError):
        fiche_services.fiche_submit(fiche=fiche, by=fiche.relais.user)


def _add_ticket(fiche):
    defraiement.defraiement_line_add(
        fiche=fiche,
        by=fiche.relais.user,
        kind=DefraiementLine.Kind.TRANSPORT,
        day=date(2026, 3, 10),
        transport_mode="public",
        amount=Decimal("2"),
    )


@pytest.mark.parametrize("status", [Status.SUBMITTED, Status.VALIDATED, Status.PAID])
def test_closed_fiches_refuse_new_and_deleted_lines(fiche, status):
    FicheMensuelle.objects.filter(pk=fiche.pk).update(status=status)
    fiche.refresh_from_db()
    with pytest.raises(ValidationError, match="ne peut plus changer"):
        _add_ticket(fiche)
    with pytest.raises(ValidationError, match="ne peut plus changer"):
        defraiement.defraiement_line_delete(line=fiche.lines.first(), by=None)
    with pytest.raises(ValidationError):
        derived.fiche_sync_lines(fiche=fiche, by=fiche.relais.user)
    assert fiche.lines.count() == 1


def test_stale_version_is_refused(fiche, coordination):
    stale = fiche.version
    defraiement.defraiement_line_add(
        fiche=fiche,
        by=fiche.relais.user,
        kind=DefraiementLine.Kind.TRANSPORT,
        day=date(2026, 3, 10),
        transport_mode="public",
        amount=Decimal("2"),
        version=stale,
    )
    with pytest.raises(ValidationError, match="modifiée entre-temps"):
        fiche_services.fiche_submit(fiche=fiche, by=fiche.relais.user, version=stale)
    with pytest.raises(ValidationError, match="modifiée entre-temps"):
        defraiement.defraiement_line_add(
            fiche=fiche,
            by=fiche.relais.user,
            kind=DefraiementLine.Kind.TRANSPORT,
            day=date(2026, 3, 10),
            transport_mode="public",
            amount=Decimal("2"),
            version=stale,
        )
    assert FicheMensuelle.objects.get(pk=fiche.pk).status == Status.DRAFT


def test_validation_stores_a_pdf_with_the_totals(fiche, coordination):
    fiche_services.fiche_submit(fiche=fiche, by=fiche.relais.user)
    fiche_services.fiche_validate(fiche=fiche, by=coordination)
    document = fiche.documents.get()
    assert_accessible_pdf(document.file.path, title="Fiche mensuelle", lang="fr")
    text = pdf_text(document.file.path)
    assert "Fiche mensuelle : mars 2026" in text
    assert "Anna Kowalska" in text
    assert "Total à payer" in text and "25,00" in text


def test_dutch_relais_gets_a_dutch_pdf(fiche, coordination):
    user = fiche.relais.user
    user.language = "nl"
    user.save()
    fiche_services.fiche_submit(fiche=fiche, by=user)
    fiche_services.fiche_validate(fiche=fiche, by=coordination)
    assert fiche.documents.get().language == "nl"
    assert_accessible_pdf(
        fiche.documents.get().file.path, title="Maandfiche", lang="nl"
    )


def test_reopen_keeps_the_stored_pdf_and_revalidation_adds_a_new_one(
    fiche, coordination
):
    """Definition: a validated fiche's PDF never changes. Reopening (with a kept
    reason) sends the fiche back to the relais; the first PDF stays byte for byte;
    validating again stores a second document beside it."""
    anna = fiche.relais.user
    fiche_services.fiche_submit(fiche=fiche, by=anna)
    fiche_services.fiche_validate(fiche=fiche, by=coordination)
    first = fiche.documents.get()
    original = first.file.read()
    with pytest.raises(ValidationError, match="raison"):
        fiche_services.fiche_reopen(fiche=fiche, by=coordination, reason="")
    fiche_services.fiche_reopen(fiche=fiche, by=coordination, reason="Erreur de date")
    fiche.refresh_from_db()
    assert fiche.status == Status.RETURNED and fiche.return_comment == "Erreur de date"
    assert fiche.transitions.last().comment == "Erreur de date"
    defraiement.defraiement_line_add(
        fiche=fiche,
        by=anna,
        kind=DefraiementLine.Kind.TRANSPORT,
        day=date(2026, 3, 10),
        transport_mode="public",
        amount=Decimal("2.10"),
    )
    fiche_services.fiche_submit(fiche=fiche, by=anna)
    fiche_services.fiche_validate(fiche=fiche, by=coordination)
    assert fiche.documents.count() == 2
    first.refresh_from_db()
    with first.file.open("rb") as handle:
        assert handle.read() == original
    assert "27,10" in pdf_text(fiche.documents.first().file.path)


def test_paid_fiche_cannot_be_reopened(fiche, coordination, direction):
    fiche_services.fiche_submit(fiche=fiche, by=fiche.relais.user)
    fiche_services.fiche_validate(fiche=fiche, by=coordination)
    mark_paid(fiche, direction)
    with pytest.raises(ValidationError):
        fiche_services.fiche_reopen(fiche=fiche, by=coordination, reason="oops")


def test_dutch_pdf_text_is_dutch(fiche, coordination):
    user = fiche.relais.user
    user.language = "nl"
    user.save()
    fiche_services.fiche_submit(fiche=fiche, by=user)
    fiche_services.fiche_validate(fiche=fiche, by=coordination)
    text = pdf_text(fiche.documents.get().file.path)
    assert "Maandfiche: maart 2026" in text
    assert "Totaal te betalen" in text and "25,00" in text
