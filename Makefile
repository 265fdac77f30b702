# Two commands set everything up: `make run` serves the seeded site, `make test` runs
# every test. Both create the virtual environment in .venv on first use.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# Local development and tests run with DEBUG on, so no SECRET_KEY is needed.
RUN_ENV := DEBUG=true

.PHONY: run seed serve test install install-test lint clean frontend screenshots backup restore bench load

$(BIN)/python:
	@$(PYTHON) -m venv $(VENV) || { \
		echo "Could not create a virtual environment. On Debian: sudo apt-get install python3-venv"; \
		rm -rf $(VENV); exit 1; }

# The site's own dependencies: what `make run` needs. pip shows its progress.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	@echo "Installing the site's dependencies into $(VENV) (a minute or two the first time)..."
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --progress-bar on -e .
	@touch $@

# The tests' tools too (pytest, Playwright, schemathesis, ruff): what `make test` needs.
$(VENV)/.installed-test: $(VENV)/.installed
	@echo "Installing the test tools into $(VENV)..."
	$(BIN)/python -m pip install --progress-bar on -e '.[test]'
	@touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

# The seed is loaded only into a database that holds no strategy yet, so starting the site
# again never overwrites what officers changed; `make seed` compares and loads deliberately.
run: install
	$(RUN_ENV) $(BIN)/python manage.py migrate --noinput
	$(RUN_ENV) $(BIN)/python manage.py seed --if-empty
	$(RUN_ENV) $(BIN)/python manage.py create_local_officer
	@echo "The site: http://127.0.0.1:$(PORT)/  Officers sign in at http://127.0.0.1:$(PORT)/admin/"
	$(RUN_ENV) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# Lists what loading the seed into this database would change, and changes nothing unless
# FORCE=1 (then each record it writes gets a history row).
seed: install
	$(RUN_ENV) $(BIN)/python manage.py migrate --noinput
	$(RUN_ENV) $(BIN)/python manage.py seed $(if $(FORCE),--force)

# Production (README, "Running in production"): DEBUG off, so SECRET_KEY and ALLOWED_HOSTS
# must come from the environment; DATABASE_URL picks PostgreSQL. gunicorn listens on
# loopback for the TLS-terminating proxy in front of it; the access log goes to stdout.
BIND ?= 127.0.0.1:$(PORT)
WEB_CONCURRENCY ?= 2
SERVE_ENV := DEBUG=false

serve: install
	@test -n "$$SECRET_KEY" || { echo "make serve needs SECRET_KEY in the environment: a long random \
	string, e.g. from: python3 -c 'import secrets; print(secrets.token_urlsafe(50))'"; exit 1; }
	@test -n "$$ALLOWED_HOSTS" || { echo "make serve needs ALLOWED_HOSTS in the environment: the \
	site's host names, comma-separated, e.g. ALLOWED_HOSTS=tracker.example.org"; exit 1; }
	$(SERVE_ENV) $(BIN)/python manage.py collectstatic --noinput -v0
	$(SERVE_ENV) $(BIN)/python manage.py migrate --noinput
	$(SERVE_ENV) exec $(BIN)/gunicorn strategy.wsgi --bind $(BIND) --workers $(WEB_CONCURRENCY) \
		--access-logfile - \
		$$($(BIN)/gunicorn --help | grep -q -- --no-control-socket && echo --no-control-socket)

test: install-test
	$(RUN_ENV) $(BIN)/pytest --numprocesses=auto

lint: install-test
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
screenshots: install-test
	rm -f $(SHOTS_DB)
	$(RUN_ENV) DATABASE_URL=sqlite:///$(SHOTS_DB) $(BIN)/python manage.py migrate --noinput -v0
	$(RUN_ENV) DATABASE_URL=sqlite:///$(SHOTS_DB) $(BIN)/python manage.py loaddata seed -v0
	$(RUN_ENV) DATABASE_URL=sqlite:///$(SHOTS_DB) $(BIN)/python manage.py runserver --noreload \
		127.0.0.1:$(SHOTS_PORT) > /dev/null 2>&1 & server=$$!; \
	trap 'kill $$server; rm -f $(SHOTS_DB)' EXIT; \
	for _ in $$(seq 1 50); do curl -s -o /dev/null http://127.0.0.1:$(SHOTS_PORT)/ && break; sleep 0.2; done; \
	$(RUN_ENV) DATABASE_URL=sqlite:///$(SHOTS_DB) $(BIN)/python manage.py take_screenshots \
		--base-url http://127.0.0.1:$(SHOTS_PORT)

# The portable backup (README, "Backups"): the four apps with their history, the staff's
# accounts, groups and authenticator devices, and the admin's log, as JSON that loads into
# any database the site runs on. Both targets use the environment they are given
# (production's DATABASE_URL and SECRET_KEY; DEBUG=true for the local database).
BACKUP_MODELS := strategy governance targets propositions auth.user auth.group otp_totp.totpdevice admin.logentry

backup: install
	@file="$(or $(FILE),backup-$(shell date +%Y-%m-%d-%H%M%S).json)"; \
	$(BIN)/python manage.py dumpdata $(BACKUP_MODELS) --natural-foreign --natural-primary \
		--output "$$file" && echo "Backed up to $$file"

restore: install
	@test -n "$(FILE)" || { echo "Name the backup to restore: make restore FILE=backup.json"; exit 1; }
	@test -f "$(FILE)" || { echo "There is no backup at $(FILE)."; exit 1; }
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py restore_backup "$(abspath $(FILE))"

# The benchmark (README, "Speed"): gunicorn with the production settings on a fresh
# PostgreSQL database holding the large estate, each page and API list timed against
# /healthz, then the load run; a Markdown report on stdout, for bench/RESULTS.md. It makes
# the database BENCH_DATABASE_URL (default: strategy_tracker_bench as tracker on
# 127.0.0.1) and drops it at the end. `make load` is the load run alone.
bench: install
	@$(BIN)/python -m bench.run $(BENCH_ARGS)

load: install
	@$(BIN)/python -m bench.run --load-only $(BENCH_ARGS)

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache .ruff_cache
