"""The Dutch COCOM export and comité PDF carry no French label."""

import io

import pytest
from django.utils import translation
from openpyxl import load_workbook

from rapports import indicators, services
from rapports.periods import Period
from tests.pdf import pdf_text

Q1 = Period.quarter(2026, 1)
# Rows that name things from the data (organisations, places), not labels.
DATA_ROWS = {"orientations_destination", "activites_par_lieu"}


def french_labels() -> set[str]:
    with translation.override("fr"):
        labels = set()
        for value in indicators.compute(Q1):
            indicator = value.indicator
            if indicator.internal:
                continue
            labels |= {str(indicator.label), str(indicator.section)}
            labels.add(str(indicator.definition))
            for label, _n in value.rows:
                if indicator.code not in DATA_ROWS:
                    labels.add(label)
        labels |= {"Hors répertoire", "Autre lieu"}
    return labels


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def dutch_dataset(known_data):
    known_data["memo"].conventions.all().delete()  # "Dossier incomplet" appears
    return known_data


def test_the_dataset_uses_the_labels_that_once_stayed_french(dutch_dataset):
    labels = french_labels()
    for label in ("Personne revenue", "Dossier incomplet", "Dossier en ordre"):
        assert label in labels


def test_dutch_cocom_export_has_no_french_label(dutch_dataset):
    labels = french_labels()
    workbook = load_workbook(io.BytesIO(services.export_xlsx(Q1, language="nl")))
    cells = {
        str(cell)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
        for cell in row
        if cell is not None
    }
    assert sorted(labels & cells) == []
    for sheet in ("indicateurs", "detail", "definitions"):
        text = services.export_csv(Q1, language="nl", sheet=sheet)
        assert [label for label in labels if label in text] == []
    # The Dutch labels are there instead.
    assert "Teruggekeerde persoon" in str(cells)
    assert "Dossier onvolledig" in str(cells)


def test_dutch_comite_pdf_has_no_french_label(dutch_dataset):
    labels = french_labels()
    pdf, _items = services.report_pdf(period=Q1, language="nl", qualitative="")
    text = flat(pdf_text(pdf, layout=True))
    assert [label for label in labels if flat(label) in text] == []
    assert "Buiten de gids" in text and "Andere plaats" in text
