"""Belgian formats for every interface language (settings.FORMAT_MODULE_PATH).

Django looks for `tisseurs.formats.<language>.formats` before its own modules, so each
language package below re-exports `belgium` with its own month-first wording when it
needs one. French, Dutch and English all read 26/11/2026, 14:30 and 1.234,56 €: the
English of a Brussels project follows the Belgian style (the one of the receipts and
bank statements its readers hold), not the US or UK one. The relais-only languages
(ar, tr, ro, bg) use the same figures, in Latin digits.
"""
