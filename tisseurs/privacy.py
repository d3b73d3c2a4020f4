"""The one check that free text about residents stays anonymous (docs/domain.md
§3.2, docs/dpia.md): no phone number, e-mail address or Belgian national register
number, however it is written.

Every free-text field about residents carries `validate_no_identifying_data`: the
note of an outing and of a situation, an orientation's text, an activity's
attendance report and follow-up. Forms, the admin and services all refuse the same
texts. It is a safety net, not a guarantee: names and addresses cannot be told from
ordinary words, so the forms also say "ni nom, ni adresse".
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Between two digits of a number: nothing, or spaces around at most one dot, slash
# or dash ("0470 12 34 56", "0470/12.34.56", "0470 - 12 - 34 - 56").
_GAP = r"(?:\s{0,2}[./-]?\s{0,2})"
# A phone number, not the tail of a longer number:
# - international: +32 or 0032 (any country code), an optional "(0)", then 7 to 12
#   digits: "+32 (0)470 12 34 56", "0032 2 123 45 67", "+32470123456";
# - national: 0, then 8 or 9 more digits: "0470 12 34 56", "02 123 45 67".
PHONE_RE = re.compile(
    rf"(?<![\w+])(?<!\d[./-])"
    rf"(?:(?:\+|00){_GAP}\d{{2,3}}(?:\s?\(\s?0\s?\)\s?|{_GAP})\d(?:{_GAP}\d){{6,11}}"
    rf"|\(?0\)?{_GAP}\d(?:{_GAP}\d){{7,8}})"
    rf"(?!\d)"
)
# An e-mail address, the "@" possibly spaced: "nom@domaine.be", "nom @ domaine . be".
EMAIL_RE = re.compile(r"[\w.+-]+\s*@\s*[\w-]+(?:\s*\.\s*[\w-]+)+")
# An e-mail address spelled out so that filters miss it: "nom at domaine dot be",
# "nom [at] domaine [dot] be", "nom (arobase) domaine (point) be", "nom arobase
# domaine point be". The top-level domain is letters only.
_AT = r"(?:\s*@\s*|\s*[\[({<]\s*(?:at|arobase|@)\s*[\])}>]\s*|\s+(?:at|arobase)\s+)"
_DOT = r"(?:\.|\s*[\[({<]\s*(?:dot|point|\.)\s*[\])}>]\s*|\s+(?:dot|point)\s+)"
SPELLED_EMAIL_RE = re.compile(
    rf"[\w.+-]+{_AT}[\w-]+(?:{_DOT}[\w-]+)*{_DOT}[a-z]{{2,24}}\b",
    re.IGNORECASE,
)
# A Belgian national register number: eleven digits (YYMMDD, a serial of three, a
# check of two), any separators between any of them ("85.07.30-033.28",
# "850730 033 28", "85-07-30-033-28"); the check digits confirm it.
NATIONAL_NUMBER_RE = re.compile(r"(?<!\d)\d(?:\s{0,2}[./-]?\s{0,2}\d){10}(?!\d)")

NATIONAL_NUMBER_MESSAGE = _(
    "Ce texte semble contenir un numéro de registre national. Les situations "
    "restent anonymes : n'écrivez rien qui permette de reconnaître la personne."
)
PHONE_MESSAGE = _(
    "Ce texte semble contenir un numéro de téléphone. Les situations restent "
    "anonymes : n'écrivez ni numéro, ni adresse, ni nom de la personne."
)
EMAIL_MESSAGE = _(
    "Ce texte semble contenir une adresse e-mail. Les situations restent "
    "anonymes : n'écrivez aucun moyen de contacter la personne."
)


def is_national_number(first_nine: str, check: str) -> bool:
    """The mod-97 check of a Belgian national register number (born before 2000,
    or from 2000 on with a 2 in front)."""
    number, control = int(first_nine), int(check)
    return control in (97 - number % 97, 97 - int("2" + first_nine) % 97)


def _national_numbers(text: str):
    for match in NATIONAL_NUMBER_RE.finditer(text):
        digits = re.sub(r"\D", "", match.group())
        if is_national_number(digits[:9], digits[9:]):
            yield match.group()


def find_identifying_data(text: str) -> str | None:
    """The reason `text` looks identifying, or None when it looks anonymous."""
    if not text:
        return None
    if any(_national_numbers(text)):
        return str(NATIONAL_NUMBER_MESSAGE)
    if EMAIL_RE.search(text) or SPELLED_EMAIL_RE.search(text):
        return str(EMAIL_MESSAGE)
    if PHONE_RE.search(text):
        return str(PHONE_MESSAGE)
    return None


def validate_no_identifying_data(text: str) -> None:
    """Refuse text that looks like a phone number, an e-mail address or a Belgian
    national register number: free text about residents stays anonymous."""
    reason = find_identifying_data(text)
    if reason:
        raise ValidationError(reason, code="identifying")
