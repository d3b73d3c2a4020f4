"""The one phone check (`tisseurs.phones.validate_phone`) and the models that use
it: relais (stored in E.164, see tests/relais/test_rules.py) and the directory
(stored as typed)."""

import pytest
from django.core.exceptions import ValidationError

from ressources.models import Phone, Suggestion
from tisseurs.phones import format_phone, normalize_phone, validate_phone


def test_validate_phone_is_the_one_check_with_its_message_and_field():
    validate_phone("")  # blank: the field says whether a number is required
    validate_phone("0470 12 34 56")
    validate_phone("+33 6 12 34 56 78")
    with pytest.raises(ValidationError) as plain:
        validate_phone("12345")
    assert plain.value.messages == ["Ce numéro de téléphone n'est pas valide."]
    assert plain.value.code == "phone"
    with pytest.raises(ValidationError) as keyed:
        validate_phone("12345", field="number", message="Autre message.")
    assert keyed.value.message_dict == {"number": ["Autre message."]}


def test_normalize_and_format_round_trip():
    assert normalize_phone("0470 12 34 56") == "+32470123456"
    assert normalize_phone("12345") == "12345"
    assert format_phone("+32470123456") == "0470 12 34 56"
    assert format_phone("+33612345678") == "+33 6 12 34 56 78"


def test_directory_models_use_the_same_check():
    phone = Phone(number="12345")
    with pytest.raises(ValidationError) as error:
        phone.clean()
    assert error.value.message_dict == {
        "number": ["Ce numéro de téléphone n'est pas valide."]
    }
    Phone(number="02 210 10 11").clean()
    Phone(number="").clean()
    suggestion = Suggestion(phone="12345")
    with pytest.raises(ValidationError) as error:
        suggestion.clean()
    assert error.value.message_dict == {
        "phone": ["Ce numéro de téléphone n'est pas valide."]
    }
