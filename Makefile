# Tisseurs: `make run` serves the app with demo data; `make test` runs every check.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test deps system-deps system-deps-test migrate demo serve lint format migrations-check \
        messages messages-check pytest ci clean

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet -r requirements-dev.txt
	touch $@

deps: $(VENV)/.installed

system-deps:
	@scripts/system-deps

system-deps-test:
	@scripts/system-deps test

run: deps system-deps
	$(PY) manage.py compilemessages --ignore=.venv -v0
	$(PY) manage.py migrate --no-input -v0
	$(PY) manage.py load_demo
	@echo "Tisseurs: http://$(HOST):$(PORT)/  (Ctrl+C to stop)"
	$(PY) manage.py runserver $(HOST):$(PORT)

test: deps system-deps-test lint migrations-check messages-check pytest

lint:
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djhtml --check templates

format:
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .
	$(VENV)/bin/djhtml templates

migrations-check:
	$(PY) manage.py makemigrations --check --dry-run

# Refresh the nl/en catalogues from the source (French) strings.
messages:
	$(PY) manage.py makemessages -l nl -l en --no-location --ignore=.venv --ignore=var
	$(PY) manage.py compilemessages --ignore=.venv -v0

# Fails when the catalogues are stale, or any nl/en message is untranslated or fuzzy.
messages-check:
	@scripts/check-messages $(PY)
	$(PY) manage.py compilemessages --ignore=.venv -v0

# pytest-xdist workers: each has its own test database, live server and Chromium.
# PYTEST_WORKERS=0 runs the suite in one process.
PYTEST_WORKERS ?= 2
pytest:
	TISSEURS_REQUIRE_BROWSER=1 $(VENV)/bin/pytest -rs -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

ci: test

clean:
	rm -rf $(VENV) var/staticfiles
