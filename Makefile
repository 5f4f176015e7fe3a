# Two commands for a fresh machine: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PG_URL ?= postgres://postgres@127.0.0.1:5432/test
PYTEST_ARGS ?=
PYTEST_WORKERS ?= 2
export PYTHONDONTWRITEBYTECODE = 1
# Browser tests use Debian's Chromium; never download Playwright's browsers.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD = 1
export PG_URL PYTEST_ARGS PYTEST_WORKERS

.PHONY: run test test-sqlite test-postgres install system system-test services \
	messages migrate demo lint docs production typecheck

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e ".[test]"
	touch $@

# axe-core for the accessibility tests (package-lock.json); skipped without npm.
node_modules/.package-lock.json: package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund; \
	else echo "npm not found: the accessibility tests need axe-core (npm ci)."; fi

install: $(VENV)/.installed node_modules/.package-lock.json

system:
	@PYTHON=$(PYTHON) bin/system-check

system-test:
	@PYTHON=$(PYTHON) bin/system-check --test

services:
	@bin/services-up

# Compiles locale/*/LC_MESSAGES/*.po; nothing to do before the first translation.
messages: install
	@if find locale -name '*.po' 2>/dev/null | grep -q .; then \
		$(PY) manage.py compilemessages --ignore=.venv --ignore=var --verbosity 0; \
	else \
		echo "No translations to compile yet (locale/*/LC_MESSAGES/*.po)."; \
	fi

migrate: install
	@mkdir -p var
	$(PY) manage.py migrate --no-input

demo: migrate
	$(PY) manage.py seed_demo

run: system install messages demo
	@echo "Open http://127.0.0.1:8000/ and sign in with one of the logins above."
	$(PY) manage.py runserver 127.0.0.1:8000

# The whole stack as production runs it: gunicorn, a worker and one beat.
production: system install services
	@bin/run-production

test: system-test install messages services typecheck
	$(VENV)/bin/lint-imports
	@bin/run-tests sqlite postgres

test-sqlite: install messages
	@bin/run-tests sqlite

test-postgres: install messages services
	@bin/run-tests postgres

lint: install typecheck
	$(VENV)/bin/lint-imports
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# mypy with django-stubs over services, selectors and the action layer
# ([tool.mypy] in pyproject.toml); runs before the suite in `make test`.
typecheck: install
	$(VENV)/bin/mypy

docs: install
	$(PY) manage.py workflow_diagram --output docs/workflow.md
