"""Content typed in several languages (django-modeltranslation, each app's
translation.py): the reader's language else French, staff forms with French and
Dutch side by side, the Dutch programme, HSDS and import columns, search."""

from datetime import timedelta

import pytest
import tablib
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from activites.models import Activite
from relais.models import Formation
from relais.services import note_pdf
from ressources.admin import ServiceResource
from ressources.hsds import service_document
from ressources.models import Organization, Service
from ressources.services import service_refresh_search
from tests.factories.activites import make_activite
from tests.factories.relais import make_formation, make_note_version, make_relais
from tests.factories.ressources import make_service
from tests.pdf import pdf_text

pytestmark = pytest.mark.django_db


# The reader's language, else French ----------------------------------------------


def test_each_reader_sees_their_language_else_french():
    activite = make_activite(title="Petit-déjeuner", title_nl="Ontbijt")
    activite.refresh_from_db()
    with override("nl"):
        assert activite.title == "Ontbijt"
        assert str(activite) == "Ontbijt"
    for language in ("fr", "en", "ar", "tr", "ro", "bg"):
        with override(language):
            assert activite.title == "Petit-déjeuner", language


def test_an_empty_translation_falls_back_to_french():
    service = make_service(name="Épicerie sociale")
    service.name_nl = ""
    service.description_fr, service.description_nl = "Aide alimentaire", ""
    service.save()
    with override("nl"):
        assert service.name == "Épicerie sociale"
        assert service.description == "Aide alimentaire"


def test_only_french_is_required():
    formation = Formation(
        kind=Formation.Kind.TRAINING,
        title_nl="Alleen Nederlands",
        date=timezone.localdate(),
        duration_hours=2,
    )
    with pytest.raises(Exception) as refused:
        formation.full_clean()
    assert "title_fr" in refused.value.message_dict
    formation.title_fr = "Seulement le français"
    formation.title_nl = ""
    formation.full_clean()


def test_the_note_in_a_relais_language_falls_back_item_by_item():
    version = make_note_version(secrecy_ar="السر المهني", secrecy_nl="Beroepsgeheim")
    arabic = dict(version.items_in("ar"))
    french = dict(version.items_in("fr"))
    labels = list(arabic)
    assert arabic[labels[-1]] == "السر المهني"
    assert arabic[labels[0]] == french[labels[0]]  # not written in Arabic: French
    assert dict(version.items_in("nl"))[labels[-1]] == "Beroepsgeheim"
    assert dict(version.items_in("tr"))[labels[-1]] == french[labels[-1]]


def test_the_note_pdf_of_an_arabic_reading_relais_is_in_arabic():
    relais = make_relais(last_name="Haddad")
    version = make_note_version(secrecy_ar="السر المهني واجب")
    text = pdf_text(note_pdf(relais=relais, version=version, language="ar"))
    assert "Haddad" in text
    # pdftotext gives Arabic words in visual order; look for one word
    assert "المهني" in text or "ينهملا" in text


# Staff forms: French and Dutch side by side -----------------------------------------


def _activite_post(**values):
    day = timezone.localdate() + timedelta(days=3)
    return {
        "kind": "breakfast",
        "place": "Local",
        "day": day.isoformat(),
        "start_time": "09:00",
        "end_time": "11:00",
        "relais_needed": "1",
        **values,
    }


def test_the_activity_form_shows_french_and_dutch_side_by_side(coordination_client):
    page = coordination_client.get(reverse("activites:activite_create")).text
    row = page.index('class="row translated-field"')
    assert page.index('name="title_fr"') > row
    assert page.index('name="title_nl"') > page.index('name="title_fr"')
    details = page.index('<details class="other-languages')
    assert details > page.index('name="title_nl"')
    assert page.index('name="title_ar"') > details
    assert "Autres langues" in page
    assert 'lang="nl"' in page and 'dir="auto"' in page


def test_coordination_saves_french_and_dutch_and_reads_them_back(coordination_client):
    response = coordination_client.post(
        reverse("activites:activite_create"),
        _activite_post(
            title_fr="Petit-déjeuner du quartier",
            title_nl="Buurtontbijt",
            title_ar="فطور الحي",
            description_fr="Ouvert à toutes et tous.",
            description_nl="Open voor iedereen.",
        ),
    )
    assert response.status_code == 302
    activite = Activite.objects.get()
    assert (activite.title_fr, activite.title_nl, activite.title_ar) == (
        "Petit-déjeuner du quartier",
        "Buurtontbijt",
        "فطور الحي",
    )
    edit = coordination_client.get(
        reverse("activites:activite_edit", args=[activite.pk])
    ).text
    assert 'value="Buurtontbijt"' in edit
    assert "Open voor iedereen." in edit


def test_the_french_title_is_required_and_what_was_typed_stays(coordination_client):
    response = coordination_client.post(
        reverse("activites:activite_create"),
        _activite_post(title_fr="", title_nl="Buurtontbijt"),
    )
    assert response.status_code == 200
    assert 'value="Buurtontbijt"' in response.text
    assert "title_fr" in response.context["form"].errors
    assert not Activite.objects.exists()


def test_an_error_in_another_language_opens_its_details(coordination_client):
    response = coordination_client.post(
        reverse("activites:activite_create"),
        _activite_post(title_fr="Atelier", title_tr="x" * 300),
    )
    assert response.status_code == 200
    assert '<details class="other-languages mb-3" data-field="title" open>' in (
        response.text
    )


def test_the_note_form_takes_each_language(coordination_client):
    fields = {
        "purpose_and_status": "ASBL",
        "liability_insurance": "Ethias",
        "liability_regime": "Responsable",
        "defraiement": "Forfait",
        "secrecy": "Art. 458",
    }
    response = coordination_client.post(
        reverse("relais:note_create"),
        {
            "published_on": "2026-03-01",
            **{f"{name}_fr": text for name, text in fields.items()},
            "secrecy_nl": "Beroepsgeheim",
            "secrecy_ar": "السر المهني",
        },
    )
    assert response.status_code == 302
    from relais.models import NoteVersion

    version = NoteVersion.objects.current()
    assert (version.secrecy_fr, version.secrecy_nl, version.secrecy_ar) == (
        "Art. 458",
        "Beroepsgeheim",
        "السر المهني",
    )


def test_the_service_form_saves_the_dutch_name_and_search_finds_it(
    coordination_client, anna_client
):
    organization = Organization.objects.create(name="CPAS")
    response = coordination_client.post(
        reverse("ressources:service_create"),
        {
            "organization": organization.pk,
            "name_fr": "Épicerie sociale",
            "name_nl": "Sociale kruidenier",
            "description_fr": "Produits à petit prix",
            "description_nl": "Goedkope producten",
            "status": "active",
            "schedules-TOTAL_FORMS": "0",
            "schedules-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    service = Service.objects.get(name_fr="Épicerie sociale")
    assert service.name_nl == "Sociale kruidenier"
    # the directory's search finds it by its French or its Dutch words
    for words in ("epicerie", "kruidenier", "goedkope", "petit prix"):
        assert list(Service.objects.search(words)) == [service], words
    found = anna_client.get(reverse("ressources:search"), {"q": "kruidenier"})
    assert "Épicerie sociale" in found.text  # a French-reading relais: French name


# What is shown: agenda, programme PDF, trainings ------------------------------------


def test_the_dutch_programme_pdf_shows_dutch_titles(coordination_client):
    make_activite(title="Permanence au local", title_nl="Permanentie in het lokaal")
    make_activite(title="Comité du quartier", kind=Activite.Kind.WORKSHOP)
    month = timezone.localdate() + timedelta(days=1)
    url = reverse("activites:programme_pdf")
    params = {"month": f"{month:%Y-%m}"}
    dutch = pdf_text(coordination_client.get(url, {**params, "language": "nl"}).content)
    assert "Permanentie in het lokaal" in dutch
    assert "Comité du quartier" in dutch  # no Dutch title: French
    response = coordination_client.get(url, {**params, "language": "fr"})
    french = pdf_text(response.content)
    assert "Permanence au local" in french
    assert "Permanentie" not in french


def test_the_agenda_in_dutch_shows_the_dutch_title(coordination_client):
    activite = make_activite(title="Permanence", title_nl="Permanentie")
    coordination_client.post(reverse("set_language"), {"language": "nl"})
    day = activite.local_day
    page = coordination_client.get(
        reverse("activites:agenda_week"), {"day": day.isoformat()}
    )
    assert "Permanentie" in page.text


def test_trainings_in_dutch(coordination_client):
    make_formation(title="Écoute active", title_nl="Actief luisteren")
    coordination_client.post(reverse("set_language"), {"language": "nl"})
    page = coordination_client.get(reverse("relais:formation_list")).text
    assert "Actief luisteren" in page
    assert "Écoute active" not in page


# HSDS and the admin's import-export -----------------------------------------------


def test_hsds_keeps_french_names_and_the_dutch_alternate_name():
    service = make_service(name="Maison médicale")
    service.name_nl = "Wijkgezondheidscentrum"
    service.save()
    with override("nl"):  # whoever exports, the package is French + Dutch
        document = service_document(service)
    assert document["name"] == "Maison médicale"
    assert document["alternate_name"] == "Wijkgezondheidscentrum"


def test_an_import_file_with_dutch_columns_fills_both_languages():
    Organization.objects.create(name="CPAS")
    data = tablib.Dataset(
        headers=["hsds_id", "organization", "name", "name_nl", "description_nl"]
    )
    data.append(["", "CPAS", "Permanence", "Permanentie", "Elke dinsdag"])
    with override("nl"):
        result = ServiceResource().import_data(data, dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    service = Service.objects.get()
    assert (service.name_fr, service.name_nl) == ("Permanence", "Permanentie")
    assert service.description_nl == "Elke dinsdag"
    service_refresh_search(services=[service])
    assert Service.objects.search("permanentie").get() == service
    exported = ServiceResource().export()
    assert exported.dict[0]["name"] == "Permanence"
    assert exported.dict[0]["name_nl"] == "Permanentie"


def test_an_import_with_one_row_without_french_name_imports_nothing():
    Organization.objects.create(name="CPAS")
    data = tablib.Dataset(headers=["hsds_id", "organization", "name", "name_nl"])
    data.append(["", "CPAS", "Permanence", "Permanentie"])
    data.append(["", "CPAS", "", "Alleen Nederlands"])
    result = ServiceResource().import_data(data, dry_run=False)
    assert result.has_validation_errors()
    assert not Service.objects.exists()


def test_the_dutch_carte_sociale_names_and_sorts_in_dutch(anna_client):
    first = make_service(name="Zèbre asbl", themes=["logement"])
    first.name_nl = "Aardehuis vzw"
    first.save()
    make_service(name="Maison du logement", themes=["logement"])
    url = reverse("ressources:carte_sociale")
    dutch = pdf_text(anna_client.get(url, {"language": "nl"}).content)
    assert "Aardehuis vzw" in dutch and "Zèbre" not in dutch
    assert dutch.index("Aardehuis vzw") < dutch.index("Maison du logement")
    french = pdf_text(anna_client.get(url, {"language": "fr"}).content)
    assert french.index("Maison du logement") < french.index("Zèbre asbl")


def test_a_correction_accepted_in_dutch_changes_the_french_name(relais_anna):
    from ressources.models import Suggestion
    from ressources.services import suggestion_accept
    from tests.factories.accounts import make_user

    service = make_service(name="Cafe Le Lien")
    service.name_nl = "Café De Band"
    service.save()
    suggestion = Suggestion.objects.create(
        kind="correction", service=service, name="Café Le Lien", user=relais_anna.user
    )
    with override("nl"):
        suggestion_accept(suggestion=suggestion, by=make_user(role="coordination"))
    service.refresh_from_db()
    assert (service.name_fr, service.name_nl) == ("Café Le Lien", "Café De Band")
    assert service.organization.name_fr


def test_the_directory_keeps_one_order_in_every_language(anna_client):
    for name in ("Crèche", "Atelier", "Bibliothèque"):
        make_service(name=name)
    with override("ar"):  # no Arabic names: still alphabetical (French)
        names = [s.name for s in Service.objects.all()]
    assert names == ["Atelier", "Bibliothèque", "Crèche"]
