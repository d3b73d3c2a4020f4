"""The identifying-data filter on free text about residents (tisseurs/privacy.py):
phone numbers, e-mail addresses and national register numbers however they are
written, drawn by hypothesis; ordinary notes with numbers pass."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tisseurs.privacy import (
    EMAIL_MESSAGE,
    NATIONAL_NUMBER_MESSAGE,
    PHONE_MESSAGE,
    find_identifying_data,
)

SEPARATORS = st.sampled_from(["", " ", "  ", ".", "/", "-", " - ", " / ", ". "])
WORDS = st.sampled_from(["Appeler", "gsm :", "tél.", "numéro", "son fils", "(", "→"])


def spaced(digits: str, draw) -> str:
    """`digits` with a separator drawn between each two of them."""
    out = digits[0]
    for digit in digits[1:]:
        out += draw(SEPARATORS) + digit
    return out


@st.composite
def belgian_numbers(draw) -> str:
    """A Belgian mobile (04xx xx xx xx) or landline (0x xxx xx xx) number, without
    its leading 0."""
    if draw(st.booleans()):
        return (
            "4"
            + draw(st.sampled_from("5789"))
            + draw(st.text("0123456789", min_size=7, max_size=7))
        )
    return draw(st.sampled_from("23456789")) + draw(
        st.text("0123456789", min_size=7, max_size=7)
    )


@st.composite
def written_phones(draw) -> str:
    number = draw(belgian_numbers())
    prefix = draw(
        st.sampled_from(
            ["0", "+32 ", "+32", "0032 ", "0032", "+32 (0)", "+32 (0) ", "0032 (0)"]
        )
    )
    return f"{draw(WORDS)} {prefix}{spaced(number, draw)} demain"


@given(written_phones())
def test_phone_numbers_however_written_are_refused(text):
    assert find_identifying_data(text) == str(PHONE_MESSAGE), text


@pytest.mark.parametrize(
    "text",
    [
        "+32 (0)470 12 34 56",
        "0032 (0) 470/12.34.56",
        "tél 0470 - 12 - 34 - 56",
        "0 4 7 0 1 2 3 4 5 6",
        "+33 6 12 34 56 78",
        "appeler 02/218.45.67 ou 0471 22 33 44",
    ],
)
def test_phone_examples(text):
    assert find_identifying_data(text) == str(PHONE_MESSAGE)


NAME = st.text("abcdefghijklmnopqrstuvwxyz", min_size=2, max_size=10)


@st.composite
def written_emails(draw) -> str:
    at = draw(
        st.sampled_from(
            ["@", " @ ", " at ", " AT ", " [at] ", "(at)", " arobase ", " (arobase) "]
        )
    )
    dot = draw(st.sampled_from([".", " dot ", " [dot] ", "(dot)", " point ", " DOT "]))
    local = draw(NAME) + draw(st.sampled_from(["", ".", "_", "-"])) + draw(NAME)
    tld = draw(st.sampled_from(["be", "com", "org", "brussels"]))
    return f"écrire à {local}{at}{draw(NAME)}{dot}{tld} svp"


@given(written_emails())
def test_email_addresses_however_spelled_are_refused(text):
    assert find_identifying_data(text) == str(EMAIL_MESSAGE), text


def national_number_digits(yymmdd: str, serial: str, born_2000: bool) -> str:
    base = yymmdd + serial
    check = 97 - int(("2" if born_2000 else "") + base) % 97
    return f"{base}{check:02d}"


@st.composite
def written_national_numbers(draw) -> str:
    day = draw(st.dates())
    serial = f"{draw(st.integers(1, 998)):03d}"
    digits = national_number_digits(f"{day:%y%m%d}", serial, born_2000=day.year >= 2000)
    return f"NN {spaced(digits, draw)} ok"


@given(written_national_numbers())
def test_national_numbers_with_any_separators_are_refused(text):
    assert find_identifying_data(text) == str(NATIONAL_NUMBER_MESSAGE), text


@pytest.mark.parametrize(
    "text",
    [
        "3 personnes, 2 enfants de 4 et 7 ans, rdv le 05/03/2026 à 14h30",
        "Loyer de 850 € au 12 rue, 2e étage",
        "Orientée vers le CPAS de Schaerbeek, permanence de 9h à 12h",
        "85.07.31-001.00 n'est pas un numéro valide",
        "Rendez-vous at the office, point de contact du local",
        "Met her at school. Then we went to the CPAS",
        "Payé 12,50 € le 01/03/2026",
        "Entre 2020 et 2025, 3 déménagements",
        "",
    ],
)
def test_ordinary_notes_pass(text):
    assert find_identifying_data(text) is None
