# Tisseurs: `make run` serves the app with demo data; `make test` runs every check.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000
# make is the developer's tool: its commands run in development mode (the app alone
# defaults to DEBUG off and then refuses to start without a SECRET_KEY).
export DEBUG ?= true
# `make security` checks the production settings with these stand-ins.
DEPLOY_CHECK_ENV := DEBUG=false ALLOWED_HOSTS=tisseurs.example \
	SECRET_KEY=deploy-check-only-not-a-real-secret-0123456789-abcdefghijklmnopqrstuvwxyz

.PHONY: run test deps system-deps system-deps-test migrate demo serve lint format migrations-check \
        messages messages-check security pytest ci clean bench

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
	$(PY) manage.py createcachetable
	$(PY) manage.py load_demo
	@echo "Tisseurs: http://$(HOST):$(PORT)/  (Ctrl+C to stop)"
	@mkdir -p var
	@# The daily jobs (reminders, retention) now and every hour, stopped with the server.
	$(PY) manage.py daily --every 3600 >> var/daily.log 2>&1 & \
		daily=$$!; trap 'kill $$daily 2>/dev/null' EXIT INT TERM; \
		$(PY) manage.py runserver $(HOST):$(PORT)

# The production-like stack on this machine (scripts/serve): DEBUG off, gunicorn,
# compressed static files. README, "Production".
serve: deps system-deps
	DEBUG=false HOST=$(HOST) PORT=$(PORT) scripts/serve

# The HTTP benchmark (README, "Speed"): BENCH_YEARS, BENCH_RELAIS, BENCH_DURATION,
# BENCH_CONNECTIONS, BENCH_WORKERS, BENCH_ONLY choose what it measures.
bench: deps
	@scripts/system-deps bench
	$(PY) manage.py bench

test: deps system-deps-test lint migrations-check messages-check security pytest

lint:
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djhtml --check templates

format:
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .
	$(VENV)/bin/djhtml templates

# bandit over the app code (config in pyproject.toml), and Django's deployment
# checklist with production settings: any warning fails.
security:
	$(VENV)/bin/bandit -q -c pyproject.toml -r .
	$(DEPLOY_CHECK_ENV) $(PY) manage.py check --deploy --fail-level WARNING

migrations-check:
	$(PY) manage.py makemigrations --check --dry-run

# Refresh the catalogues from the source (French) strings: nl and en for everything,
# ar/tr/ro/bg (relais pages: tisseurs/i18n.py), and fr, which translates every message
# as itself so French plurals follow French rules ("0 ligne ajoutée").
messages:
	scripts/make-messages $(PY)
	$(PY) manage.py compilemessages --ignore=.venv -v0

# Fails when the catalogues are stale, any nl/en message is untranslated or fuzzy, or
# any message of a relais page is untranslated in ar, tr, ro or bg.
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
