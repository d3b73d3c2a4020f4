"""Strings reach the catalogues only through the names `makemessages` knows: a
translation function imported under another name (`gettext as gettext_now`) hides
every string passed to it, and those stay French in Dutch documents."""

import ast
from pathlib import Path

from django.utils import translation

from rapports.indicators import INDICATORS

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
