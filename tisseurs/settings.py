"""Django settings for Tisseurs.

Everything that differs between a laptop, CI and production comes from environment
variables, read through the three small typed helpers below. `.env.example` documents
every variable. With no variable set, the app runs with a SQLite file under `var/`.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from tisseurs.exports.formats import EXPORT_FORMATS as _EXPORT_FORMATS

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("TISSEURS_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


# Safe by default: development mode only when asked for (`make` sets DEBUG=true).
DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. With DEBUG off Tisseurs needs a long random "
            "secret in the SECRET_KEY environment variable; generate one with: "
            'python -c "import secrets; print(secrets.token_urlsafe(60))" '
            "(or set DEBUG=true for development on your own machine)."
        )
    SECRET_KEY = "dev-only-insecure-key-change-me-in-production"  # nosec B105 # DEBUG only
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    # before the admin, so the admin's forms see the translated fields
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "import_export",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "tisseurs.accounts",
    "tisseurs.audit",
    "tisseurs.freshness",
    "ressources",
    "relais",
    "activites",
    "prestations",
    "rapports",
    "home",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "tisseurs.middleware.UserLanguageMiddleware",
    "tisseurs.middleware.RequestBodyLimitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "tisseurs.middleware.PrivacyHeadersMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
    "tisseurs.sessions.SessionPolicyMiddleware",
    "tisseurs.twofactor.middleware.TwoFactorMiddleware",
]

ROOT_URLCONF = "tisseurs.urls"
WSGI_APPLICATION = "tisseurs.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "tisseurs.context_processors.roles",
            ],
            "libraries": {
                "fields": "tisseurs.fieldtags",
                "layout": "tisseurs.layouttags",
            },
        },
    },
]

# Database: SQLite under var/ unless DATABASE_URL says otherwise (postgres://…).
# In production a worker keeps its connection for 10 minutes (checked before reuse)
# instead of opening one per request; development closes it after each request.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'tisseurs.sqlite3'}",
        conn_max_age=int(env_str("DB_CONN_MAX_AGE", "0" if DEBUG else "600")),
        conn_health_checks=env_bool("DB_CONN_HEALTH_CHECKS", True),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers take the lock when their transaction begins and wait up to 20 s for
    # it, instead of failing at their first write with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    )
elif DATABASES["default"]["ENGINE"].startswith("django.db.backends.postgresql"):
    # A select of model choices reads its rows through `.iterator()`, which on
    # PostgreSQL opens a server-side cursor (DECLARE, FETCH, CLOSE: three round trips
    # for 47 themes). No query of the app reads more rows than fit in memory.
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "tisseurs.accounts.backends.UserBackend",  # ModelBackend, user and relais at once
]
_VALIDATORS = "django.contrib.auth.password_validation"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"{_VALIDATORS}.UserAttributeSimilarityValidator"},
    {
        "NAME": f"{_VALIDATORS}.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": f"{_VALIDATORS}.CommonPasswordValidator"},
    {"NAME": f"{_VALIDATORS}.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
# A reset link lasts one hour; invitations have their own, longer-lived token
# (tisseurs/accounts/tokens.py).
PASSWORD_RESET_TIMEOUT = 60 * 60

# Login throttling (django-axes): five failures lock one username *from one address*
# for 15 minutes, so an attacker elsewhere cannot lock the real user out. Axes has one
# failure limit for all its parameter sets, so the looser per-address limit on trying
# passwords across many accounts is ours (tisseurs/throttle.py, used by LoginForm).
AXES_FAILURE_LIMIT = int(env_str("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# The client's address, for axes as for the audit trail and the throttles.
AXES_CLIENT_IP_CALLABLE = "tisseurs.clientip.client_address"
# The reverse proxies in front of the app (their addresses, comma-separated): only a
# request from one of them has its X-Forwarded-For read (tisseurs/clientip.py).
TRUSTED_PROXY = env_list("TRUSTED_PROXY")

# The cache holds the throttles' counters (tisseurs/throttle.py): the database, so
# that every gunicorn worker and every server counts together. Its table is made by
# `manage.py createcachetable` (make run, the deployment steps; tests make it too).
# (CACHES is set below, with the report figures' cache.)

# Two-factor authentication (django-otp, tisseurs/twofactor): coordination, direction
# and Django staff must enrol an authenticator app before any page; relais may opt
# in. Anyone with an authenticator enters a code after their password, always. The
# obligation to enrol is on unless DEBUG is on (the demo), or as the variable says.
TWO_FACTOR_REQUIRED = env_bool("TWO_FACTOR_REQUIRED", not DEBUG)
OTP_TOTP_ISSUER = "Tisseurs"
# Wrong codes per user before the code form refuses for 15 minutes (on top of
# django-otp's own growing delay after each wrong code).
TWO_FACTOR_FAILURE_LIMIT = 5

# Who residents contact about their data (the privacy notice, prestations/notice/):
# the organisation's name, address and e-mail, on one line. Empty: "ask the relais".
PRIVACY_CONTACT = env_str("PRIVACY_CONTACT")

# Audit trail (tisseurs/audit): entries older than this many months are deleted by
# `manage.py purge_audit`, run daily (README, production section).
AUDIT_RETENTION_MONTHS = int(env_str("AUDIT_RETENTION_MONTHS", "12"))

# Internationalisation: French is the source language.
LANGUAGE_CODE = "fr"
# fr/nl/en for everybody, ar/tr/ro/bg for relais only (tisseurs/i18n.py); each
# named in its own script in the switcher.
LANGUAGES = [
    ("fr", "Français"),
    ("nl", "Nederlands"),
    ("en", "English"),
    ("ar", "العربية"),
    ("tr", "Türkçe"),
    ("ro", "Română"),
    ("bg", "Български"),
]
LANGUAGES_BIDI = ["ar"]
# Content typed by users (activity titles, the directory, trainings, the information
# note) in every interface language (each app's translation.py names the fields):
# French is the source and the only one required; a reader sees their language,
# else French (docs/conventions.md, "Bilingual content").
MODELTRANSLATION_LANGUAGES = tuple(code for code, _name in LANGUAGES)
MODELTRANSLATION_DEFAULT_LANGUAGE = "fr"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("fr",)
# `Model(title=…)` and `.create(title=…)` always fill the French field too, so the
# required one is never empty whatever the language of the code that wrote the row.
MODELTRANSLATION_AUTO_POPULATE = "required"
# Belgian dates, times and numbers in every language (docs/conventions.md).
FORMAT_MODULE_PATH = ["tisseurs.formats"]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "staticfiles")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# Uploaded documents are private: they live outside any public root and are served
# only through views that check who asks (see tisseurs/access.py).
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = "/media/"  # never routed: no public media
# Where `manage.py backup` writes its dated archives (outside MEDIA_ROOT).
BACKUP_DIR = Path(env_str("BACKUP_DIR", str(VAR_DIR / "backups")))
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# The apps whose every write changes the data version (tisseurs/freshness): what the
# cached figures and pages are computed from. Not the audit trail (pages write it).
DATA_VERSION_APPS = (
    "accounts",
    "ressources",
    "relais",
    "activites",
    "prestations",
    "rapports",
    "home",
)

# "default" (the database) holds the throttles' counters; "figures" holds the report
# figures and previews computed under a data version (tisseurs/freshness), in
# files shared by every gunicorn worker and kept when a worker is replaced.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "tisseurs_cache",
    },
    "figures": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(VAR_DIR / "cache" / "figures"),
        "TIMEOUT": 24 * 60 * 60,
        "OPTIONS": {"MAX_ENTRIES": 500},
    },
    # Whole pages per user under the data version (tisseurs/freshness/pages.py), in
    # each worker's own memory: at most 400 pages (about 20 MB) per worker.
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "tisseurs-pages",
        "OPTIONS": {"MAX_ENTRIES": 400},
    },
}
# How long a cached page may be served at most (seconds): what time alone changes
# (the next activity, the last days' reminders) is that late at most. 0: no page cache.
PAGE_CACHE_SECONDS = int(env_str("PAGE_CACHE_SECONDS", "60"))

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# django-import-export: explicit permissions (see docs/toolchain.md). Exports go
# through tisseurs/exports (typed cells, formulas defused, None left empty); the
# library's own escaping stays on for any format added without it.
EXPORT_FORMATS = _EXPORT_FORMATS
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT = True
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "change"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"
IMPORT_EXPORT_SKIP_ADMIN_ACTION_EXPORT_UI = False

# E-mail: console in development; SMTP when EMAIL_HOST is set.
EMAIL_HOST = env_str("EMAIL_HOST")
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_PORT = int(env_str("EMAIL_PORT", "587"))
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "tisseurs@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

CSRF_FAILURE_VIEW = "tisseurs.views.csrf_failure"
# Sessions (tisseurs/sessions.py): staff sessions end after 30 minutes idle and 12
# hours in all; relais sessions slide, ending after 30 days without use.
SESSION_COOKIE_AGE = 60 * 60 * 24 * 30

# Production flags switch on whenever DEBUG is off.
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    # The health check answers monitoring on the machine itself over plain HTTP.
    SECURE_REDIRECT_EXEMPT = [r"^sante/$"]
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(env_str("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_REFERRER_POLICY = "same-origin"

# Content-Security-Policy (django-csp): only our own scripts, styles and fonts; no
# inline script, style or event handler anywhere (tests/test_headers.py keeps the
# templates so). `data:` images are the QR codes and Bootstrap's SVG icons.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

TISSEURS_PAGE_SIZE = 50
