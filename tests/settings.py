"""Settings for the test suite: the project's own, read in development mode as
`make run` does (plain static files, no HTTPS redirect), so that pytest needs no
environment. pytest-django then runs every test with DEBUG off, as Django's test
runner does. Production mode itself is checked by `make security` and by
tests/test_headers.py, which start the app in a subprocess.
"""

import os

os.environ.setdefault("DEBUG", "true")

from tisseurs.settings import *  # noqa: F403

# The suite counts throttles in local memory: tests that touch no database still
# clear the cache between tests (tests/conftest.py). Production uses the database
# cache (tisseurs/settings.py; tests/test_clientip.py checks it).
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "figures": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": CACHES["pages"],  # noqa: F405  (the same local memory as production)
}
