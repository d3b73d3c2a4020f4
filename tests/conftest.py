"""Personas and shared fixtures (docs/conventions.md §10).

`coordination`, `direction`, `comite` are users; `relais_anna` and `relais_bruno` are
Relais with their own accounts (two of them, to prove isolation).
"""

import os

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation
from hypothesis import settings as hypothesis_settings

from tests.personas import (
    make_anna,
    make_bruno,
    make_comite,
    make_coordination,
    make_direction,
)

# Property tests run the same examples on every run ("ci"), with no time limit per
# example: a loaded machine must not turn a slow example into a failure, and CI must
# not pass or fail by chance. `HYPOTHESIS_PROFILE=explore` draws new, more examples.
hypothesis_settings.register_profile(
    "ci", deadline=None, derandomize=True, database=None
)
hypothesis_settings.register_profile("explore", deadline=None, max_examples=1000)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def pytest_configure(config):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        },
    }


@pytest.fixture(autouse=True)
def _source_language():
    """Each test starts in French: a request in another language leaves that
    language active in the thread, which would leak into the next test."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _empty_cache():
    """The throttles count in the cache (tisseurs/throttle.py): each test starts at
    zero, whatever the tests before it posted."""
    from django.core.cache import cache, caches

    cache.clear()
    caches["pages"].clear()  # nor any page another test put in the page cache
    yield
    cache.clear()
    caches["pages"].clear()


@pytest.fixture(autouse=True)
def _isolated_media(settings, tmp_path):
    """Uploaded and generated files go to a temporary folder per test."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def coordination(db):
    return make_coordination()


@pytest.fixture
def direction(db):
    return make_direction()


@pytest.fixture
def comite(db):
    return make_comite()


@pytest.fixture
def relais_anna(db):
    return make_anna()


@pytest.fixture
def relais_bruno(db):
    return make_bruno()


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def anonymous_client():
    return Client()


@pytest.fixture
def coordination_client(coordination):
    return client_for(coordination)


@pytest.fixture
def direction_client(direction):
    return client_for(direction)


@pytest.fixture
def comite_client(comite):
    return client_for(comite)


@pytest.fixture
def anna_client(relais_anna):
    return client_for(relais_anna.user)


@pytest.fixture
def bruno_client(relais_bruno):
    return client_for(relais_bruno.user)
