# Clearpath: `make run` serves the demo council, `make test` runs the whole suite.
SHELL := /bin/bash
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
export DJANGO_SETTINGS_MODULE := clearpath.settings

.PHONY: help run worker serve test check bench demo vendor lock bootstrap system-deps clean

help:  ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(BIN)/.installed: requirements.lock
	@test -d $(VENV) || $(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	@touch $@

# The demo, the benchmark, `make check` and `make test` read the settings in development mode
# (pytest-django still runs each test with DEBUG off); DEBUG is off unless set
# (docs/running.md). A target's exported variables reach its prerequisites: run -> demo -> bootstrap.
bootstrap demo run worker bench check test: export DEBUG := 1

bootstrap: $(BIN)/.installed  ## Make .venv from the lock file and migrate the database
	$(BIN)/python manage.py migrate --no-input -v 0

demo: bootstrap  ## Load the demo council (safe to run again)
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py load_demo_money

run: demo  ## Serve the demo council at http://127.0.0.1:8000, with a worker for the job queue
	@$(BIN)/python manage.py demo_signins
	@trap 'kill 0' EXIT; $(BIN)/python manage.py worker & $(BIN)/python manage.py runserver 127.0.0.1:8000

worker: bootstrap  ## Run the job queue's worker on its own (payment runs and other slow work)
	$(BIN)/python manage.py worker

# Production: the environment holds the settings (docs/running.md), DEBUG unset; .venv is already
# made from the lock at deploy time, so serving never installs anything.
serve:  ## Production: collectstatic, then gunicorn (WEB_CONCURRENCY workers, on BIND)
	$(BIN)/python manage.py collectstatic --no-input -v 0
	exec $(BIN)/gunicorn clearpath.wsgi --workers $${WEB_CONCURRENCY:-2} --bind $${BIND:-127.0.0.1:8000}

system-deps:  ## Install chromium and WeasyPrint's libraries (apt, Debian/Ubuntu as root)
	@bash scripts/system_deps.sh

# Then the staff and portal journeys again, against gunicorn and a worker with DEBUG off (needs
# DATABASE_URL on PostgreSQL, as CI sets; without it only the first line runs).
PRODUCTION_JOURNEYS := tests/e2e/test_journey.py tests/e2e/test_portal.py
# The tests read tests/settings.py (jobs run at once, plain http), not the exported clearpath.settings.
test: export DJANGO_SETTINGS_MODULE := tests.settings
test: $(BIN)/.installed system-deps  ## Run the whole suite: domain, services, views, API, browser journeys
	$(BIN)/python -m pytest $(PYTEST_ARGS)
	@if [[ "$${DATABASE_URL:-}" == postgres* ]]; then \
	  echo "The staff and portal journeys in production mode (gunicorn, DEBUG off, a worker):"; \
	  E2E_SERVER=gunicorn $(BIN)/python -m pytest -q $(PRODUCTION_JOURNEYS); fi

check: $(BIN)/.installed  ## ruff, manage.py check, makemigrations --check, then the tests
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(MAKE) test

bench: bootstrap  ## Generate a large council and measure (see benchmarks/README.md)
	$(BIN)/python benchmarks/run.py

vendor:  ## Refresh the vendored GOV.UK Frontend files (needs npm)
	bash scripts/vendor_govuk.sh

lock:  ## Re-pin requirements.lock from requirements*.in
	rm -rf /tmp/clearpath-lock && $(PY) -m venv /tmp/clearpath-lock
	/tmp/clearpath-lock/bin/pip install --quiet -r requirements.in -r requirements-dev.in
	(echo '# Pinned lock of requirements.in + requirements-dev.in (regenerate with `make lock`).'; /tmp/clearpath-lock/bin/pip freeze) > requirements.lock

clean:  ## Remove the virtualenv and the local database
	rm -rf $(VENV) db.sqlite3
