"""`{{ item.value|figure }}`: a published figure in the reader's number format.

`indicators.display` keeps one canonical text per figure ("1528,02", "<5", "–"), which
issued reports freeze and the COCOM export types; pages and PDFs show it through this
filter, grouped and with the active language's separators (tisseurs/formats):
"1.528,02". Anything that is not a number ("<5", "x", "–") is shown as it is.
"""

from django import template
from django.utils.formats import number_format

from rapports.document import number

register = template.Library()


@register.filter
def figure(text):
    value = number(text)
    if value is None or not str(text).strip():
        return text
    places = len(str(text).partition(",")[2])
    return number_format(value, places or None, use_l10n=True, force_grouping=True)
