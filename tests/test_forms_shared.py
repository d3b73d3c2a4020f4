"""Every form of the app: dates through the one ISO widget of the core, labels that
start with a capital, and no research marker shown to users."""

import importlib
import inspect
from pathlib import Path

import pytest
from django import forms
from django.conf import settings
from django.urls import reverse

from tisseurs.forms import DateInput, TimeInput

ROOT = Path(settings.BASE_DIR)


def all_form_classes():
    paths = [
        *ROOT.glob("*/forms.py"),
        *ROOT.glob("*/forms/*.py"),
        *ROOT.glob("tisseurs/*/forms.py"),
    ]
    found = []
    for path in sorted(paths):
        if ".venv" in path.parts:
            continue
        name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        module = importlib.import_module(name.removesuffix(".__init__"))
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                found.append(cls)
    return found


FORMS = all_form_classes()


def test_the_forms_are_found():
    names = {cls.__name__ for cls in FORMS}
    assert {"ActiviteForm", "ServiceForm", "PeriodForm", "RelaisForm"} <= names


@pytest.mark.parametrize("form_class", FORMS, ids=lambda cls: cls.__name__)
def test_dates_and_times_use_the_core_widgets(form_class):
    for name, field in form_class.base_fields.items():
        if isinstance(field.widget, forms.HiddenInput):
            continue
        if type(field) is forms.DateField:
            assert isinstance(field.widget, DateInput), name
        if type(field) is forms.TimeField:
            assert isinstance(field.widget, TimeInput), name


@pytest.mark.parametrize("form_class", FORMS, ids=lambda cls: cls.__name__)
def test_labels_start_with_a_capital(form_class):
    for name, field in form_class.base_fields.items():
        label = str(field.label or "")
        assert not label[:1].islower(), f"{name}: {label}"


def test_date_widget_renders_iso_whatever_the_language():
    from datetime import date

    from django.utils import translation

    for language in ("fr", "nl", "en"):
        with translation.override(language):
            html = DateInput().render("day", date(2027, 3, 16))
        assert 'type="date"' in html and 'value="2027-03-16"' in html


@pytest.mark.django_db
def test_legal_parameters_page_shows_no_research_marker(direction_client):
    from prestations.models import KmRate, LegalParameter

    page = direction_client.get(reverse("prestations:parameters")).content.decode()
    assert "[verify" not in page
    assert not LegalParameter.objects.filter(source__contains="[verify").exists()
    assert not KmRate.objects.filter(source__contains="[verify").exists()
    assert LegalParameter.objects.filter(source__contains="L'ONSS").exists()
