"""The privacy notice for residents ("Vos données"), in the quartier's languages.

GDPR articles 12 to 14: a person whose situation a relais notes is told what is
noted, why, on what basis, who sees it, for how long, and their rights, in plain
words and in a language they read. The relais shows it on the phone or hands over
the printed PDF (`prestations:privacy_notice`), and ticks `Situation.person_informed`.

The texts are not interface strings (the notice is shown in the resident's language,
whatever the relais' interface language), so they live here, one module and one `Notice`
per language, each written as a native speaker would say it. The retention period is not
written in them: it comes from the legal parameters in force (`{months}`).
"""

from prestations.notice import ar, bg, en, fr, nl, ro, tr
from prestations.notice.base import Notice

# In the order of the language picker: the app's languages, then the quartier's.
NOTICES: dict[str, Notice] = {
    module.NOTICE.language: module.NOTICE for module in (fr, nl, en, ar, tr, ro, bg)
}

__all__ = ["NOTICES", "Notice"]
