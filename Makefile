# The newsroom CMS. `make run` to try it, `make test` to check it.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
PY      = $(BIN)/python
HOST   ?= 127.0.0.1
PORT   ?= 8000
CONSTRAINTS = requirements/constraints.txt

.PHONY: chromium constraints help install install-dev run serve replica migrate demo worker test test-postgres fuzz frontend e2e lint format messages screenshots check ci bench loadtest backup restore clean

help:
	@echo "make run        install, migrate, load the demo newsroom and serve on http://$(HOST):$(PORT)"
	@echo "make test       install dev dependencies and run the whole test suite (needs Chromium at /usr/bin/chromium)"
	@echo "make serve      production settings under gunicorn on http://$(HOST):$(PORT) (see docs/deployment.md)"
	@echo "make worker     run the background worker (tasks and scheduled publishing)"
	@echo "make frontend   serve the example frontend (examples/frontend) on http://$(HOST):$(FRONTEND_PORT), reading CMS_API"
	@echo "make e2e        only the browser tests (tests/e2e), with Debian's chromium; screenshots in test-artifacts/e2e"
	@echo "make replica    start a local PostgreSQL primary and streaming replica (deploy/replica.sh)"
	@echo "make fuzz       fuzz both APIs from their OpenAPI documents at length; FUZZ_EXAMPLES=500 FUZZ_SEED=..."
	@echo "make lint       ruff, the import layers (lint-imports), Django system checks and the migrations check"
	@echo "make format     format the code with ruff"
	@echo "make screenshots refresh the README's screenshots (docs/screenshots) from the browser tests"
	@echo "make messages   compile the newsroom's wording of Wagtail's strings (locale/) after editing it"
	@echo "make bench      benchmark the delivery API (see bench/README.md); ARTICLES=100000 BENCH_DATABASE=sqlite|postgres|both BENCH_DURATION=10"
	@echo "make loadtest   the Delivery API under load with Redis, PostgreSQL and worker faults (loadtest/README.md)"
	@echo "make backup     back up the database and media: BACKUP_DIR=backups/<time>; make restore BACKUP_DIR=... [FORCE=1]"

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python 3.11 or newer is needed")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: $(PY) pyproject.toml $(CONSTRAINTS)
	$(BIN)/pip install --quiet -c $(CONSTRAINTS) -e .
	@touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(BIN)/pip install --quiet -c $(CONSTRAINTS) -e ".[dev]"
	@touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo

run: demo
	@echo "Serving on http://$(HOST):$(PORT)/ (admin: http://$(HOST):$(PORT)/admin/)"
	$(PY) manage.py runserver $(HOST):$(PORT)

# Production settings under gunicorn, on this machine. Real deployments set
# SECRET_KEY and ALLOWED_HOSTS; here a key is made once into .secret-key
# (git-ignored) and only loopback names are allowed. Plain HTTP on loopback,
# so no HTTPS redirect unless SECURE_SSL_REDIRECT says otherwise.
SECRET_KEY_FILE = .secret-key
SERVE_ENV = DJANGO_SETTINGS_MODULE=cms.settings.production \
	SECRET_KEY="$${SECRET_KEY:-$$(cat $(SECRET_KEY_FILE))}" \
	ALLOWED_HOSTS="$${ALLOWED_HOSTS:-127.0.0.1,localhost}" \
	SECURE_SSL_REDIRECT="$${SECURE_SSL_REDIRECT:-false}"

$(SECRET_KEY_FILE):
	@umask 077 && $(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(64))' > $@

serve: migrate $(SECRET_KEY_FILE)
	$(SERVE_ENV) $(PY) manage.py collectstatic --noinput --verbosity 0
	@echo "Serving with gunicorn on http://$(HOST):$(PORT)/ (run 'make worker' beside it)"
	$(SERVE_ENV) GUNICORN_BIND="$${GUNICORN_BIND:-$(HOST):$(PORT)}" \
		exec $(BIN)/gunicorn -c deploy/gunicorn.conf.py cms.wsgi

replica:
	deploy/replica.sh start

worker: migrate
	$(PY) manage.py run_worker

# The benchmark: its own data (bench/data/, the "bench" PostgreSQL database), never db.sqlite3.
ARTICLES       ?= 10000
BENCH_DATABASE ?= both
BENCH_DURATION ?= 10
bench: install
	$(PY) -m bench.run --articles $(ARTICLES) --database $(BENCH_DATABASE) --duration $(BENCH_DURATION)

# Its own throwaway PostgreSQL (:5499) and Redis (:6399), gunicorn, wrk and
# faults; setup plus about three minutes. LOADTEST_ARGS="--steps 16,64 --duration 10" etc.
loadtest: install
	$(PY) loadtest/run.py $(LOADTEST_ARGS)

# See docs/backup.md. A restore refuses a database that has tables unless FORCE=1.
BACKUP_DIR ?= backups/$(shell date -u +%Y%m%dT%H%M%SZ)
backup: install
	$(PY) manage.py backup $(BACKUP_DIR)

restore: install
	$(if $(filter command line environment,$(origin BACKUP_DIR)),,$(error Name the backup: make restore BACKUP_DIR=backups/...))
	$(PY) manage.py restore $(BACKUP_DIR) $(if $(FORCE),--force)

# The browser tests (tests/e2e) drive Debian's Chromium at /usr/bin/chromium.
# As root it is installed here (as .ci/run does); otherwise the target stops
# with the one command that installs it.
CHROMIUM = /usr/bin/chromium

chromium:
	@if [ ! -x $(CHROMIUM) ]; then \
		if [ "$$(id -u)" -eq 0 ]; then \
			echo "Installing chromium for the browser tests (apt-get install chromium)"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
		else \
			echo "make test needs Chromium at $(CHROMIUM) for the browser tests: run 'sudo apt-get install chromium' (Debian/Ubuntu), then make test again."; \
			exit 1; \
		fi; \
	fi

test: install-dev chromium
	$(BIN)/pytest

# The example external frontend: plain files and a standard-library server.
# The CMS must allow its origin: API_CORS_ALLOWED_ORIGINS=http://127.0.0.1:3000
FRONTEND_PORT ?= 3000
CMS_API ?= http://$(HOST):$(PORT)/api/v1/
frontend:
	$(PYTHON) examples/frontend/server.py --host $(HOST) --port $(FRONTEND_PORT) --api $(CMS_API)

e2e: install-dev chromium
	$(BIN)/pytest tests/e2e

# The README's screenshots (docs/screenshots/), taken by the browser tests.
screenshots: install-dev chromium
	$(BIN)/pytest tests/e2e/test_newsroom.py tests/e2e/test_api_docs.py
	$(PY) tests/e2e/readme_screenshots.py

# The same schemathesis tests `make test` runs with 10 requests per operation,
# with many more, schemathesis's boundary-value phase and the property tests
# at a higher example count.
FUZZ_EXAMPLES ?= 500
fuzz: install-dev
	FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) FUZZ_COVERAGE=1 PROPERTY_EXAMPLES=2000 \
		$(BIN)/pytest tests/fuzz tests/properties

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	DJANGO_SETTINGS_MODULE=cms.settings.test $(PY) manage.py check
	DJANGO_SETTINGS_MODULE=cms.settings.test $(PY) manage.py makemigrations --check --dry-run

format: install-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Compiles the newsroom's wording of Wagtail's strings (locale/) after an edit.
messages: install
	$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules

ci:
	bash .ci/run

clean:
	rm -rf $(VENV) staticfiles .coverage htmlcov test-artifacts

constraints: install-dev
	{ echo "# Exact versions known to work together; pyproject.toml holds the ranges."; \
	  echo "# Refresh after changing dependencies: make constraints"; \
	  $(BIN)/pip freeze --exclude-editable | grep -v '^-e'; } > $(CONSTRAINTS)
