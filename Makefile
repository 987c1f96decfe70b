# The newsroom CMS. `make run` to try it, `make test` to check it.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
PY      = $(BIN)/python
HOST   ?= 127.0.0.1
PORT   ?= 8000
CONSTRAINTS = requirements/constraints.txt

.PHONY: constraints help install install-dev run serve migrate demo worker test test-postgres lint format check ci bench clean

help:
	@echo "make run        install, migrate, load the demo newsroom and serve on http://$(HOST):$(PORT)"
	@echo "make test       install dev dependencies and run the whole test suite"
	@echo "make worker     run the background worker (tasks and scheduled publishing)"
	@echo "make lint       ruff, Django system checks and the migrations check"
	@echo "make format     format the code with ruff"
	@echo "make bench      benchmark the delivery API (see bench/README.md)"

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

worker: migrate
	$(PY) manage.py run_worker

test: install-dev
	$(BIN)/pytest

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DJANGO_SETTINGS_MODULE=cms.settings.test $(PY) manage.py check
	DJANGO_SETTINGS_MODULE=cms.settings.test $(PY) manage.py makemigrations --check --dry-run

format: install-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

ci:
	bash .ci/run

clean:
	rm -rf $(VENV) staticfiles .coverage htmlcov test-artifacts

constraints: install-dev
	{ echo "# Exact versions known to work together; pyproject.toml holds the ranges."; \
	  echo "# Refresh after changing dependencies: make constraints"; \
	  $(BIN)/pip freeze --exclude-editable | grep -v '^-e'; } > $(CONSTRAINTS)
