"""The interface languages, who may use which, and which messages relais read.

Seven languages: French (the source), Dutch and English for everybody, and Arabic,
Turkish, Romanian and Bulgarian for relais only. Coordination, direction and the
comité work in French, Dutch or English: a staff user whose chosen language is a
relais-only one gets French (`UserLanguageMiddleware`), and the switcher offers them
only the three staff languages.

"Messages used on relais pages" is defined by `RELAIS_SOURCES`: the templates a relais
sees (their pages, the includes and PDFs they get, their e-mails) and the Python
modules of the forms and lists behind those pages. `relais_messages()` extracts their
messages the way `makemessages` does; `missing_messages(language)` lists those a
catalogue leaves untranslated. `scripts/check-messages` and
`tests/test_translations.py` fail on any.
"""

import gettext as gnu_gettext
import subprocess  # nosec B404  # the gettext tools, argument lists, no shell
import sys
import tempfile
from functools import cache
from pathlib import Path

from django.conf import settings
from django.utils.translation.template import templatize

from tisseurs import roles

STAFF_LANGUAGES = ("fr", "nl", "en")
RELAIS_LANGUAGES = ("ar", "tr", "ro", "bg")
ALL_LANGUAGES = STAFF_LANGUAGES + RELAIS_LANGUAGES

ROOT = Path(__file__).resolve().parent.parent
# Glob patterns, from the project root, of the files whose messages relais read.
RELAIS_SOURCES = (
    # the frame of every page, and the pages before signing in
    "templates/base.html",
    "templates/base_relais.html",
    "templates/40*.html",
    "templates/413.html",
    "templates/500.html",
    "templates/includes/*.html",
    "templates/registration/login.html",
    "templates/registration/locked_out.html",
    "templates/registration/account.html",
    "templates/registration/password_*",
    # the relais' own pages and what they include
    "templates/home/relais_home.html",
    "templates/activites/_home_relais.html",
    "templates/activites/_schedule_item.html",
    "templates/activites/_frequentation_fields.html",
    "templates/activites/frequentation_form.html",
    "templates/activites/withdraw_form.html",
    "templates/activites/open_slots.html",
    "templates/activites/my_schedule.html",
    "templates/activites/calendar_feeds.html",
    "templates/prestations/confirm_delete.html",
    "templates/prestations/fiche_submit_confirm.html",
    "templates/prestations/outbox.html",
    "templates/prestations/privacy_notice.html",
    "templates/prestations/_privacy_notice_body.html",
    "templates/home/_reminders.html",
    "templates/home/reminder_preferences.html",
    "templates/twofactor/enroll.html",
    "templates/twofactor/recovery_codes.html",
    "templates/twofactor/verify.html",
    "templates/twofactor/changed_email.txt",
    "templates/registration/password_changed_email.txt",
    "templates/prestations/_tiles.html",
    "templates/prestations/prestation_mine.html",
    "templates/prestations/prestation_form.html",
    "templates/prestations/situation_form.html",
    "templates/prestations/fiche_mine.html",
    "templates/prestations/fiche_summary.html",
    "templates/prestations/fiche_claim_form.html",
    "templates/prestations/fiche_other_amounts.html",
    "templates/relais/my_profile.html",
    "templates/relais/my_documents.html",
    "templates/relais/my_trainings.html",
    "templates/relais/my_note.html",
    "templates/relais/email/*.txt",
    "templates/ressources/search.html",
    "templates/ressources/_filters.html",
    "templates/ressources/_result.html",
    "templates/ressources/_opening.html",
    "templates/ressources/suggestion_form.html",
    "templates/ressources/suggestion_mine.html",
    "templates/ressources/service_detail.html",
    "templates/ressources/selection.html",
    "templates/ressources/widgets/service_picker.html",
    "templates/activites/calendar_feeds.html",
    "templates/prestations/prestation_detail.html",
    "templates/prestations/_situation_card.html",
    "templates/prestations/orientation_outcomes.html",
    "templates/home/help.html",
    "templates/help/for_relais.html",
    # the PDFs a relais gets
    "templates/pdf/carte_sociale.html",
    "templates/pdf/fiche_mensuelle.html",
    "templates/pdf/relais_note.html",
    "templates/pdf/relais_convention.html",
    # the Python behind those pages: forms, shared lists, account e-mails
    "tisseurs/vocab.py",
    "tisseurs/forms.py",
    "tisseurs/accounts/forms.py",
    "tisseurs/accounts/services.py",
    "prestations/forms/prestation.py",
    "prestations/forms/fiche.py",
    "prestations/models/prestation.py",
    "prestations/models/fiche.py",
    "activites/forms.py",
    "relais/forms.py",
    "ressources/forms.py",
    "ressources/models/suggestion.py",
    # and the flash messages and refusals those pages show
    "tisseurs/uploads.py",
    "tisseurs/views.py",
    "prestations/views/prestation.py",
    "prestations/views/fiche.py",
    "prestations/services/prestation.py",
    "prestations/services/fiche.py",
    "prestations/services/defraiement.py",
    "prestations/services/derived.py",
    "tisseurs/privacy.py",
    "tisseurs/twofactor/forms.py",
    "tisseurs/twofactor/views.py",
    "home/reminders.py",
    "relais/models/legal.py",
    "relais/models/formation.py",
    "activites/views/frequentation.py",
    "activites/views/schedule.py",
    "activites/views/planning.py",
    "activites/services/__init__.py",
    "activites/views/feeds.py",
    "relais/views/own.py",
    "relais/models/relais.py",
    "relais/models/legal.py",
    "ressources/views.py",
)

# makemessages' keywords (django/core/management/commands/makemessages.py).
XGETTEXT = [
    "xgettext",
    "--language=Python",
    "--from-code=UTF-8",
    "--add-comments=Translators",
    "--keyword=gettext_noop",
    "--keyword=gettext_lazy",
    "--keyword=ngettext_lazy:1,2",
    "--keyword=pgettext:1c,2",
    "--keyword=npgettext:1c,2,3",
    "--keyword=pgettext_lazy:1c,2",
    "--keyword=npgettext_lazy:1c,2,3",
    "--no-location",
    "--output=-",
]


def translation_names(*fields: str) -> list[str]:
    """The per-language model fields of the translated `fields` (`title_fr`,
    `title_nl`…, French first), as django-modeltranslation adds them (each app's
    translation.py)."""
    return [f"{field}_{code}" for field in fields for code in ALL_LANGUAGES]


def language_choices(user=None) -> list[tuple[str, str]]:
    """The languages `user` may pick, each named in its own script."""
    codes = ALL_LANGUAGES if may_use_relais_languages(user) else STAFF_LANGUAGES
    names = dict(settings.LANGUAGES)
    return [(code, names[code]) for code in codes]


def relais_language_choices() -> list[tuple[str, str]]:
    """Every language a relais may read, each named in its own script."""
    return language_choices(None)


def may_use_relais_languages(user) -> bool:
    """Anonymous visitors (the login page) and relais may; staff may not."""
    held = roles.user_roles(user)
    return not (held - {roles.RELAIS})


def page_language(user, language: str) -> str:
    """The language a page is shown in for `user` who asked for `language`."""
    if language in RELAIS_LANGUAGES and not may_use_relais_languages(user):
        return settings.LANGUAGE_CODE
    return language


def user_language(user, fallback: str = "") -> str:
    """The language of what is made *for* `user` (e-mails, PDFs, exports), whoever
    triggers it: their own choice, else `fallback`, else French."""
    chosen = getattr(user, "language", "") if user is not None else ""
    return chosen or fallback or settings.LANGUAGE_CODE


def relais_source_files() -> list[Path]:
    files = sorted({path for pattern in RELAIS_SOURCES for path in ROOT.glob(pattern)})
    return [path for path in files if path.is_file()]


@cache
def relais_messages() -> frozenset[str]:
    """The catalogue keys (`context\\x04msgid` or `msgid`) of every message of
    `RELAIS_SOURCES`, extracted with xgettext like `makemessages` does."""
    return frozenset(_catalogue(relais_pot(), fill=True))


@cache
def relais_pot() -> bytes:
    """The template of every message of `RELAIS_SOURCES`: the ar/tr/ro/bg catalogues
    hold exactly these (scripts/make-messages), so each of them is complete."""
    with tempfile.TemporaryDirectory() as tmp:
        inputs = []
        for number, path in enumerate(relais_source_files()):
            if path.suffix == ".py":
                inputs.append(str(path))
                continue
            copy = Path(tmp) / f"{number}-{path.name}.py"
            copy.write_text(templatize(path.read_text(), origin=str(path)))
            inputs.append(str(copy))
        pot = subprocess.run(  # nosec B603 B607  # xgettext on our own files
            [*XGETTEXT, *inputs], capture_output=True, check=True
        ).stdout
        # xgettext's header has placeholders msgfmt and gettext refuse.
        return pot.replace(b"charset=CHARSET", b"charset=UTF-8").replace(
            b"nplurals=INTEGER; plural=EXPRESSION;", b"nplurals=2; plural=(n != 1);"
        )


def _catalogue(po: bytes, *, fill: bool = False) -> dict:
    """The translated messages of a catalogue (fuzzy and empty ones left out), or with
    `fill` every message translated as itself."""
    with tempfile.TemporaryDirectory() as tmp:
        source, compiled = Path(tmp) / "in.po", Path(tmp) / "out.mo"
        source.write_bytes(po)
        if fill:
            filled = subprocess.run(  # nosec B603 B607  # msgen, argument list
                ["msgen", str(source)], capture_output=True, check=True
            ).stdout
            source.write_bytes(filled)
        subprocess.run(  # nosec B603 B607  # msgfmt, argument list
            ["msgfmt", "-o", str(compiled), str(source)], check=True
        )
        with compiled.open("rb") as handle:
            keys = gnu_gettext.GNUTranslations(handle)._catalog
    return {_key(key): value for key, value in keys.items() if key}


def _key(key) -> str:
    """A plural message is stored once per form; keep its msgid."""
    return key[0] if isinstance(key, tuple) else key


def missing_messages(language: str, *, locale: Path = ROOT / "locale") -> list[str]:
    """The relais messages `locale/<language>` leaves untranslated or fuzzy."""
    po = locale / language / "LC_MESSAGES" / "django.po"
    translated = _catalogue(po.read_bytes()) if po.exists() else {}
    return sorted(key for key in relais_messages() if not translated.get(key))


def main(args: list[str]) -> int:
    """`python -m tisseurs.i18n`: print the missing relais messages per language;
    `python -m tisseurs.i18n pot FILE`: write the template of the relais messages."""
    if args[:1] == ["pot"] and len(args) == 2:
        Path(args[1]).write_bytes(relais_pot())
        return 0
    status = 0
    for language in ALL_LANGUAGES[1:]:  # French is the source
        missing = missing_messages(language)
        if missing:
            status = 1
            sys.stderr.write(
                f"locale/{language}: {len(missing)} relais message(s) untranslated:\n"
            )
            for key in missing[:10]:
                sys.stderr.write(f"    {key.replace(chr(4), ' | ')}\n")
    return status


if __name__ == "__main__":
    import django

    django.setup()
    raise SystemExit(main(sys.argv[1:]))
