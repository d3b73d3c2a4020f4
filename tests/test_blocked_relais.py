"""When a relais' legal file blocks them, coordination's home lists their rosters
to come and unpaid fiches on the blocked days, and the relais is offered no new
slot on those days."""

from datetime import date, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from home.blocked import blocked_relais
from prestations.models import DefraiementLine, Situation
from relais.models import Regime
from tests.factories.activites import at, make_activite, make_affectation
from tests.factories.prestations import make_fiche, make_prestation
from tests.factories.relais import make_regime, make_relais


def _agreement_ends(relais, on: date):
    relais.conventions.update(end_date=on)


def test_an_ended_agreement_lists_rosters_and_unpaid_fiches(
    coordination_client, relais_anna, relais_bruno
):
    today = timezone.localdate()
    later = make_activite(title="Tournée du jeudi", start=at(today + timedelta(7), 14))
    make_affectation(later, relais_anna)
    make_affectation(later, relais_bruno)
    make_regime(relais_anna, 2026, Regime.FORFAIT)
    make_prestation(relais=relais_anna, date=date(2026, 3, 10))
    fiche = make_fiche(relais=relais_anna, month=date(2026, 3, 1))
    DefraiementLine.objects.create(
        fiche=fiche, kind="forfait", date=date(2026, 3, 10), amount=25
    )
    assert blocked_relais() == []
    _agreement_ends(relais_anna, date(2026, 3, 1))
    [row] = blocked_relais()
    assert row.relais == relais_anna
    assert row.activites == [later] and row.fiches == [fiche]
    assert any("convention" in reason for reason in row.reasons)
    page = coordination_client.get(reverse("coordination_home")).text
    assert "Relais bloqués par leur dossier" in page and "Tournée du jeudi" in page


def test_a_blocked_relais_is_not_offered_new_slots(anna_client, relais_anna):
    today = timezone.localdate()
    make_activite(title="Avant la fin", start=at(today + timedelta(2), 10))
    make_activite(title="Après la fin", start=at(today + timedelta(9), 10))
    _agreement_ends(relais_anna, today + timedelta(5))
    page = anna_client.get(reverse("activites:open_slots")).text
    assert "Avant la fin" in page and "Après la fin" not in page
    assert "pas en ordre pour certains jours" in page


def _blocked_relais_with_work(count: int) -> None:
    """`count` relais whose agreement ended, each with a roster to come, an
    unpaid fiche and a situation to follow up."""
    today = timezone.localdate()
    for n in range(count):
        relais = make_relais()
        _agreement_ends(relais, date(2026, 3, 1))
        make_affectation(make_activite(start=at(today + timedelta(n + 2), 14)), relais)
        prestation = make_prestation(relais=relais, date=date(2026, 3, 10))
        Situation.objects.create(prestation=prestation, follow_up_needed=True)
        fiche = make_fiche(relais=relais, month=date(2026, 3, 1))
        DefraiementLine.objects.create(
            fiche=fiche, kind="forfait", date=date(2026, 3, 10), amount=25
        )


def test_the_home_panels_cost_the_same_queries_at_two_sizes(coordination_client):
    counts = []
    for count in (2, 10):
        _blocked_relais_with_work(count)
        with CaptureQueriesContext(connection) as queries:
            page = coordination_client.get(reverse("coordination_home"))
        assert "Relais bloqués par leur dossier" in page.text
        assert len(page.context["blocked_relais"]) == sum((2, 10)[: len(counts) + 1])
        counts.append(len(queries))
    # 24: the alerts also read the relais' documents (expiry), one prefetch.
    assert counts[0] == counts[1] <= 24
