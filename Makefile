# Two commands set everything up: `make run` serves the seeded site, `make test` runs
# every test. Both create the virtual environment in .venv on first use.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# Local development and tests run with DEBUG on, so no SECRET_KEY is needed.
RUN_ENV := DEBUG=true

.PHONY: run test install lint clean frontend screenshots

$(BIN)/python:
	@$(PYTHON) -m venv $(VENV) || { \
		echo "Could not create a virtual environment. On Debian: sudo apt-get install python3-venv"; \
		rm -rf $(VENV); exit 1; }

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

install: $(VENV)/.installed

run: install
	$(RUN_ENV) $(BIN)/python manage.py migrate --noinput
	$(RUN_ENV) $(BIN)/python manage.py loaddata seed
	$(RUN_ENV) $(BIN)/python manage.py create_local_officer
	$(RUN_ENV) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: install
	$(RUN_ENV) $(BIN)/pytest --numprocesses=auto

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(RUN_ENV) $(BIN)/python manage.py makemigrations --check --dry-run

# Rebuilds the committed stylesheet and script from GOV.UK Frontend (npm, pinned in
# package-lock.json). Only needed after changing strategy/frontend/ or the versions.
frontend:
	npm ci --no-audit --no-fund
	npx sass --pkg-importer=node --style=compressed --no-source-map \
		strategy/frontend/tracker.scss strategy/static/tracker/tracker.css
	cp node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js strategy/static/govuk/

# Screenshots of the real pages for the README (docs/screenshots/), from a freshly seeded
# database served on a spare port. Needs Debian's chromium.
SHOTS_PORT ?= 8765
SHOTS_DB := $(CURDIR)/.screenshots.sqlite3
screenshots: install
	rm -f $(SHOTS_DB)
	$(RUN_ENV) DATABASE_URL=sqlite:///$(SHOTS_DB) $(BIN)/python manage.py migrate --noinput -v0
	$(RUN_ENV) DATABASE_URL=sqlite:///$(SHOTS_DB) $(BIN)/python manage.py loaddata seed -v0
	$(RUN_ENV) DATABASE_URL=sqlite:///$(SHOTS_DB) $(BIN)/python manage.py runserver --noreload \
		127.0.0.1:$(SHOTS_PORT) > /dev/null 2>&1 & server=$$!; \
	trap 'kill $$server; rm -f $(SHOTS_DB)' EXIT; \
	for _ in $$(seq 1 50); do curl -s -o /dev/null http://127.0.0.1:$(SHOTS_PORT)/ && break; sleep 0.2; done; \
	$(RUN_ENV) DATABASE_URL=sqlite:///$(SHOTS_DB) $(BIN)/python manage.py take_screenshots \
		--base-url http://127.0.0.1:$(SHOTS_PORT)

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache .ruff_cache
