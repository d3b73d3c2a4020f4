"""The one PDF helper: tagged documents with their metadata, readable tables."""

from datetime import date
from decimal import Decimal

from django.utils import timezone

from tests.pdf import assert_accessible_pdf, pdf_info, pdf_text
from tisseurs.pdf import render_pdf


def _long_list(language: str) -> bytes:
    people = [
        {
            "name": f"Début{number:02d} {'mot ' * 14}Fin{number:02d}",
            "lines": [
                {"date": date(2026, 3, day), "amount": Decimal("25.00")}
                for day in range(1, 8)
            ],
            "total": Decimal("175.00"),
        }
        for number in range(12)
    ]
    return render_pdf(
        "fiche_nominative_list.html",
        {"people": people, "year": 2026, "issued_at": timezone.now()},
        language=language,
    )


def test_a_long_table_repeats_its_header_and_never_splits_a_row():
    pdf = _long_list("fr")
    pages = int(pdf_info(pdf)["Pages"])
    assert pages >= 2
    for page in range(1, pages + 1):
        text = pdf_text(pdf, page=page)
        lines = [line.strip() for line in text.splitlines()]
        assert {"Nom", "Date", "Montant", "(€)"} <= set(lines)
        # Every row is whole on its page: its long, wrapped name starts and ends there.
        for number in range(12):
            assert text.count(f"Début{number:02d}") == text.count(f"Fin{number:02d}")


def test_every_pdf_is_tagged_with_title_language_and_author():
    assert_accessible_pdf(
        _long_list("nl"), title="Naamlijst van de forfaits", lang="nl"
    )
    info = pdf_info(_long_list("fr"))
    assert info["Metadata Stream"] == "yes"  # PDF/UA identification (XMP)
    assert info["languages"] == {"fr"}
