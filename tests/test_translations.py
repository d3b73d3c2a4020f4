"""Strings reach the catalogues only through the names `makemessages` knows: a
translation function imported under another name (`gettext as gettext_now`) hides
every string passed to it, and those stay French in Dutch documents."""

import ast
import re
from pathlib import Path

import pytest
from django.utils import translation
from django.utils.translation import ngettext

from rapports.indicators import INDICATORS
from tisseurs import i18n

ROOT = Path(__file__).resolve().parent.parent
SKIP = {".venv", "var", "node_modules", ".git"}
# The names xgettext looks for (Django's makemessages keywords), and `_`.
KNOWN = {
    "_",
    "gettext",
    "gettext_lazy",
    "gettext_noop",
    "ngettext",
    "ngettext_lazy",
    "pgettext",
    "pgettext_lazy",
    "npgettext",
    "npgettext_lazy",
}
TRANSLATION_MODULES = {
    "django.utils.translation",
    "django.utils.translation.trans_real",
}


def python_files():
    for path in ROOT.rglob("*.py"):
        if not SKIP & set(path.relative_to(ROOT).parts):
            yield path


def hidden_aliases(path: Path) -> list[str]:
    """Translation functions reachable under a name makemessages does not know."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.ImportFrom) and node.module in TRANSLATION_MODULES:
            for alias in node.names:
                if alias.asname and alias.asname not in KNOWN:
                    found.append(
                        f"{path}:{node.lineno}: {alias.name} as {alias.asname}"
                    )
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name in TRANSLATION_MODULES and alias.asname:
                    found.append(f"{path}:{node.lineno}: import {alias.name} as …")
        elif isinstance(node, ast.Assign) and isinstance(node.value, ast.Name):
            names = [t.id for t in node.targets if isinstance(t, ast.Name)]
            if node.value.id in KNOWN - {"_"} and any(n not in KNOWN for n in names):
                found.append(f"{path}:{node.lineno}: {names} = {node.value.id}")
    return found


def test_no_translation_function_is_renamed():
    found = [line for path in python_files() for line in hidden_aliases(path)]
    assert found == []


def test_the_alias_check_catches_a_renamed_gettext(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text(
        "from django.utils.translation import gettext as gettext_now\n"
        "from django.utils.translation import gettext_lazy as _\n"
        "later = gettext_lazy\n"
    )
    assert len(hidden_aliases(bad)) == 2


def test_every_indicator_string_is_translated_in_the_catalogues():
    for language in ("nl", "en"):
        catalogue = translation.trans_real.translation(language)._catalog
        for indicator in INDICATORS:
            for text in (indicator.section, indicator.label, indicator.definition):
                with translation.override("fr"):
                    french = str(text)
                assert catalogue.get(french), (language, french)


# Relais pages in seven languages (tisseurs/i18n.py).


@pytest.mark.parametrize("language", i18n.ALL_LANGUAGES[1:])
def test_every_relais_message_is_translated_in_every_catalogue(language):
    assert i18n.missing_messages(language) == []


def test_relais_messages_are_those_of_relais_pages():
    messages = i18n.relais_messages()
    # the bottom navigation, a relais form, an e-mail, a refusal of a relais rule
    for text in (
        "Mon mois",
        "Noter une sortie",
        "Ce lien est valable sept jours et ne sert qu'une fois.",
        "Des frais réels (transport compris) demandent un justificatif "
        "(photo du ticket) : ligne du %(day)s.",
    ):
        assert text in messages
    # coordination-only pages are not relais pages
    assert "Rapport au comité de pilotage" not in messages


def test_the_relais_check_catches_an_untranslated_message(tmp_path):
    source = ROOT / "locale" / "tr" / "LC_MESSAGES" / "django.po"
    target = tmp_path / "tr" / "LC_MESSAGES" / "django.po"
    target.parent.mkdir(parents=True)
    target.write_text(
        source.read_text().replace('msgstr "Ayım"', 'msgstr ""'), encoding="utf-8"
    )
    assert i18n.missing_messages("tr", locale=tmp_path) == ["Mon mois"]


def test_french_plurals_follow_french_rules():
    """0 is singular in French: the French catalogue carries the plural rule."""
    with translation.override("fr"):
        text = ngettext(
            "%(count)d ligne ajoutée depuis vos prestations.",
            "%(count)d lignes ajoutées depuis vos prestations.",
            0,
        )
    assert text == "%(count)d ligne ajoutée depuis vos prestations."


# Messages of the shared modules that only coordination reads (roster decisions,
# a relais' status and birth year on the relais file).
STAFF_ONLY_DOTTED = {
    "%(name)s est confirmé·e.",
    "%(name)s est déjà inscrit·e au même moment : %(other)s (%(when)s).",
    "%(name)s est retiré·e du planning.",
    "%(name)s ne peut pas être affecté·e ce jour-là.",
    "Actif·ve",
    "Candidat·e",
    "Choisissez un·e relais.",
    "Parti·e",
    # two-factor reset, done by coordination or direction for someone else
    "Seul·e un·e administrateur·rice peut réinitialiser ce compte.",
    "Vous ne pouvez pas réinitialiser votre propre double authentification ici : "
    "utilisez un code de secours, ou demandez à un·e collègue.",
    "Suspendu·e",  # a suspended relais cannot sign in, so never reads it
    "Un·e volontaire doit avoir au moins %(age)s ans.",
}


def test_no_middle_dot_form_on_relais_pages():
    """Relais read both forms or a neutral word, never "inscrit·e"."""
    dotted = re.compile(r"\w·\w")
    found = [
        text
        for text in i18n.relais_messages()
        if dotted.search(text) and text not in STAFF_ONLY_DOTTED
    ]
    assert found == []
