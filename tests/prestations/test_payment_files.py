"""Direction marks a produced SEPA file paid, on the date the bank paid it: only
the fiches that file holds become paid, all or none, and each shows its file."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from prestations.models import FicheMensuelle
from prestations.services import fiche as fiche_services
from prestations.services import payment
from tests.factories.prestations import make_fiche
from tests.prestations import test_fiche_views as fiche_views

Status = FicheMensuelle.Status
# The validated March of the fiche view tests: Anna and Bruno, with bank details.
march = fiche_views.march
validated_march = fiche_views.validated_march
_messages = fiche_views._messages


def _produce_file(client, month):
    from prestations.models import PaymentFile

    response = client.get(reverse("prestations:payments_sepa"), {"month": month})
    assert response.status_code == 200
    return PaymentFile.objects.get()


def _pay_url(payment_file):
    return reverse("prestations:payment_file_mark_paid", args=[payment_file.pk])


def test_direction_marks_a_payment_file_paid_on_a_date(
    direction_client, validated_march
):
    payment_file = _produce_file(direction_client, validated_march)
    paid_on = date.today().isoformat()
    response = direction_client.post(
        _pay_url(payment_file),
        {f"file{payment_file.pk}-paid_on": paid_on},
        follow=True,
    )
    assert "2 fiches marquées payées." in _messages(response)
    assert set(FicheMensuelle.objects.values_list("status", flat=True)) == {"paid"}
    payment_file.refresh_from_db()
    assert payment_file.paid_on == date.today()
    fiche = FicheMensuelle.objects.first()
    detail = direction_client.get(reverse("prestations:fiche_detail", args=[fiche.pk]))
    assert detail.context["paid_file"] == payment_file
    assert payment_file.msg_id in detail.content.decode()
    assert fiche.transitions.last().comment.startswith(f"Fichier {payment_file.msg_id}")


def test_only_the_fiches_of_the_file_are_paid(
    direction_client, validated_march, relais_bruno
):
    payment_file = _produce_file(direction_client, validated_march)
    # A fiche validated after the file was made is not in it: it stays validated.
    late = make_fiche(relais=relais_bruno, month=date(2026, 4, 1), status="validated")
    direction_client.post(
        _pay_url(payment_file),
        {f"file{payment_file.pk}-paid_on": date.today().isoformat()},
    )
    late.refresh_from_db()
    assert late.status == Status.VALIDATED
    assert payment_file.fiches.filter(status=Status.PAID).count() == 2


@pytest.mark.parametrize(
    ("typed", "error"),
    [
        ("2999-01-01", "est dans le futur"),
        ("2020-01-01", "précède la production du fichier"),
        ("pas une date", "Saisissez une date valide."),
        ("", "Ce champ est obligatoire."),
    ],
)
def test_a_bad_payment_date_is_refused_and_kept(
    direction_client, validated_march, typed, error
):
    payment_file = _produce_file(direction_client, validated_march)
    response = direction_client.post(
        _pay_url(payment_file), {f"file{payment_file.pk}-paid_on": typed}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert error in body
    assert f'value="{typed}"' in body or typed == ""
    assert set(FicheMensuelle.objects.values_list("status", flat=True)) == {"validated"}


def test_a_file_whose_batch_changed_cannot_be_marked_paid(
    direction_client, validated_march, coordination
):
    payment_file = _produce_file(direction_client, validated_march)
    fiche = payment_file.fiches.first()
    fiche_services.fiche_reopen(fiche=fiche, by=coordination, reason="Oubli.")
    response = direction_client.post(
        _pay_url(payment_file),
        {f"file{payment_file.pk}-paid_on": date.today().isoformat()},
    )
    assert response.status_code == 400
    assert "produisez le nouveau fichier SEPA" in response.content.decode()
    assert not FicheMensuelle.objects.filter(status=Status.PAID).exists()


def test_a_file_is_marked_paid_once(direction_client, validated_march):
    payment_file = _produce_file(direction_client, validated_march)
    data = {f"file{payment_file.pk}-paid_on": date.today().isoformat()}
    direction_client.post(_pay_url(payment_file), data)
    response = direction_client.post(_pay_url(payment_file), data)
    assert response.status_code == 400
    assert "déjà noté payé" in response.content.decode()


def test_a_fiche_is_never_paid_without_a_file(validated_march, direction):
    fiche = FicheMensuelle.objects.first()
    with pytest.raises(ValidationError, match="fichier de paiement"):
        fiche_services.fiche_mark_paid(
            fiche=fiche, by=direction, payment_file=None, paid_on=date.today()
        )
    fiche.refresh_from_db()
    assert fiche.status == Status.VALIDATED


def test_marking_a_file_paid_is_all_or_nothing(
    direction_client, validated_march, monkeypatch
):
    payment_file = _produce_file(direction_client, validated_march)
    real_mark_paid = fiche_services.fiche_mark_paid
    calls = []

    def fail_on_second(**kwargs):
        calls.append(kwargs["fiche"])
        if len(calls) == 2:
            raise ValidationError("Conflit simulé.")
        return real_mark_paid(**kwargs)

    monkeypatch.setattr(payment, "fiche_mark_paid", fail_on_second)
    response = direction_client.post(
        _pay_url(payment_file),
        {f"file{payment_file.pk}-paid_on": date.today().isoformat()},
    )
    assert "Conflit simulé." in response.content.decode()
    assert set(FicheMensuelle.objects.values_list("status", flat=True)) == {"validated"}
    payment_file.refresh_from_db()
    assert payment_file.paid_on is None


def test_the_payments_page_queries_do_not_grow_with_its_files(
    direction_client, validated_march, direction
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories.prestations import make_payment_file

    def queries():
        with CaptureQueriesContext(connection) as captured:
            response = direction_client.get(
                reverse("prestations:payments"), {"month": validated_march}
            )
        assert response.status_code == 200
        return len(captured)

    fiches = list(FicheMensuelle.objects.all())
    make_payment_file(*fiches, month=date(2026, 3, 1), paid_by=direction)
    one = queries()
    for _index in range(6):
        make_payment_file(
            *fiches, month=date(2026, 3, 1), paid_on=date(2026, 4, 2), paid_by=direction
        )
    assert queries() == one


def test_the_relais_sees_the_payment_date_of_their_month(
    direction_client, validated_march, relais_anna
):
    from django.test import Client

    payment_file = _produce_file(direction_client, validated_march)
    direction_client.post(
        _pay_url(payment_file),
        {f"file{payment_file.pk}-paid_on": date.today().isoformat()},
    )
    client = Client()
    client.force_login(relais_anna.user)
    page = client.get(reverse("prestations:fiche_mine"), {"month": "2026-03"})
    assert page.context["paid_file"] == payment_file
    assert 'data-testid="paid-on"' in page.text
