"""Coordination's follow-up of situations: the page, outcomes, follow-up notes,
closing the follow-up with who and when, the export with the small-cell rule, and
the "to follow up" list of the dashboard."""

import csv
import io
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from prestations.models import Orientation, Situation, SituationFollowUp
from prestations.services.prestation import situation_anonymise_expired
from tests.factories.prestations import make_prestation
from tisseurs.audit.models import AuditEntry, AuditKind
from tisseurs.disclosure import SMALL_COUNT, mask_rare

pytestmark = pytest.mark.django_db


def make_situation(relais, *, day=date(2026, 3, 10), **fields):
    prestation = make_prestation(relais=relais, date=day)
    return Situation.objects.create(prestation=prestation, **fields)


def test_coordination_reads_a_situation_and_the_read_is_audited(
    coordination_client, relais_anna
):
    situation = make_situation(relais_anna, language="tr", note="Cherche un CPAS")
    Orientation.objects.create(situation=situation, other_text="CPAS de Schaerbeek")
    url = reverse("prestations:situation_detail", args=[situation.pk])
    page = coordination_client.get(url).content.decode()
    assert "CPAS de Schaerbeek" in page and "Cherche un CPAS" in page
    assert AuditEntry.objects.filter(
        kind=AuditKind.SITUATION_VIEW, detail__situation=situation.pk
    ).exists()


def test_coordination_updates_an_outcome_and_comes_back_to_the_situation(
    coordination_client, coordination, relais_anna
):
    situation = make_situation(relais_anna)
    orientation = Orientation.objects.create(situation=situation, other_text="CPAS")
    response = coordination_client.post(
        reverse("prestations:orientation_outcomes", args=[situation.pk]),
        {
            "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "1",
            "form-0-id": str(orientation.pk),
            "form-0-outcome": "reached",
        },
    )
    assert response.url == reverse("prestations:situation_detail", args=[situation.pk])
    orientation.refresh_from_db()
    assert orientation.outcome == "reached"
    assert orientation.outcome_updated_by == coordination


def test_closing_the_follow_up_records_who_and_when(
    coordination_client, coordination, relais_anna
):
    situation = make_situation(relais_anna, follow_up_needed=True)
    assert list(Situation.objects.to_follow_up()) == [situation]
    url = reverse("prestations:situation_follow_up_close", args=[situation.pk])
    coordination_client.post(url)
    situation.refresh_from_db()
    assert situation.follow_up_closed_by == coordination
    assert situation.follow_up_closed_at is not None
    assert not situation.is_to_follow_up
    assert list(Situation.objects.to_follow_up()) == []
    response = coordination_client.post(url, follow=True)
    assert "pas de suivi en cours" in response.content.decode()


def test_a_situation_without_follow_up_cannot_be_closed(relais_anna, coordination):
    situation = make_situation(relais_anna)
    with pytest.raises(ValidationError):
        situation.close_follow_up(by=coordination)


def test_follow_up_note_is_added_and_identifying_data_refused(
    coordination_client, coordination, relais_anna
):
    situation = make_situation(relais_anna, follow_up_needed=True)
    url = reverse("prestations:situation_follow_up_add", args=[situation.pk])
    coordination_client.post(url, {"note": "Rendez-vous pris au CPAS"})
    note = SituationFollowUp.objects.get()
    assert (note.situation, note.created_by) == (situation, coordination)
    response = coordination_client.post(
        url, {"note": "Appeler au 0470 12 34 56"}, follow=True
    )
    assert SituationFollowUp.objects.count() == 1
    assert response.status_code == 200
    detail = reverse("prestations:situation_detail", args=[situation.pk])
    assert (
        "Rendez-vous pris au CPAS" in coordination_client.get(detail).content.decode()
    )


def test_follow_up_notes_are_purged_with_the_situation(relais_anna, coordination):
    old = make_situation(relais_anna, day=date(2020, 1, 10), note="ancienne")
    recent = make_situation(relais_anna, day=date(2026, 3, 10))
    SituationFollowUp.objects.create(situation=old, note="vieux", created_by=None)
    SituationFollowUp.objects.create(situation=recent, note="neuf", created_by=None)
    situation_anonymise_expired(today=date(2026, 4, 1), months=24)
    assert list(SituationFollowUp.objects.values_list("note", flat=True)) == ["neuf"]


def test_dashboard_lists_the_situations_to_follow_up(
    coordination_client, relais_anna, coordination
):
    waiting = make_situation(relais_anna, follow_up_needed=True)
    closed = make_situation(relais_anna, follow_up_needed=True)
    closed.close_follow_up(by=coordination)
    page = coordination_client.get(reverse("coordination_home"))
    assert [s.pk for s in page.context["to_follow_up"]["first"]] == [waiting.pk]
    assert reverse("prestations:situation_detail", args=[waiting.pk]) in (
        page.content.decode()
    )


def _export_rows(client, query):
    response = client.get(reverse("prestations:situation_export") + "?" + query)
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def test_export_masks_values_shared_by_fewer_than_five_and_leaves_out_notes(
    coordination_client, relais_anna
):
    for _n in range(6):
        make_situation(relais_anna, language="fr", age_band="26-64")
    make_situation(relais_anna, language="ti", age_band="26-64", code="ABC234")
    make_situation(relais_anna, note="note secrète", language="fr", age_band="26-64")
    rows = _export_rows(coordination_client, "month=2026-03&format=csv")
    header, body = rows[0], rows[1:]
    assert len(body) == 8
    language = header.index("Langue")
    assert sorted({row[language] for row in body}) == ["<5", "Français"]
    text = "\n".join(";".join(row) for row in rows)
    assert "ABC234" not in text and "note secrète" not in text
    assert "Tigrigna" not in text
    entry = AuditEntry.objects.get(kind=AuditKind.SITUATIONS_EXPORT)
    assert entry.detail["count"] == 8


def test_export_follows_the_list_filters(
    coordination_client, relais_anna, relais_bruno
):
    make_situation(relais_anna)
    make_situation(relais_bruno)
    rows = _export_rows(
        coordination_client, f"month=2026-03&relais={relais_bruno.pk}&format=csv"
    )
    assert len(rows) == 2
    assert relais_bruno.display_name in rows[1]


@given(
    st.lists(
        st.tuples(st.sampled_from("abcdef"), st.sampled_from("xyz")),
        max_size=40,
    )
)
def test_mask_rare_never_leaves_a_group_under_five(values):
    rows = [[n, a, b] for n, (a, b) in enumerate(values)]
    masked = mask_rare(rows, (1, 2), mark="<5")
    assert [row[0] for row in masked] == [row[0] for row in rows]
    combos = [tuple(row[1:]) for row in masked]
    for combo in set(combos):
        if "<5" not in combo:
            assert combos.count(combo) >= SMALL_COUNT
