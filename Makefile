# Skattekisten: `make run` serves the app with the seed content, `make test` runs the suite.
PYTHON ?= python3.12
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
# Production pins in requirements.lock, the dev tools on top in requirements-dev.lock:
# a change to either file gives a new stamp, so make installs again.
LOCKS := requirements.lock requirements-dev.lock
STAMP := $(VENV)/.installed-$(shell cat $(LOCKS) | cksum | cut -d' ' -f1)
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help install setup run test test-fast test-e2e lint format bench bench-vekst last backup restore stop-db clean

help:
	@echo "make run    – installer, klargjør databasen og start på http://$(HOST):$(PORT)"
	@echo "make test   – kjør hele testsuiten (lint, sjekker, pytest)"
	@echo "make setup  – alt som make run gjør, uten å starte serveren"
	@echo "make bench  – mål ytelsen med syntetiske data"
	@echo "make last   – belast gunicorn over ekte HTTP med locust (syntetiske data)"
	@echo "make backup – sikkerhetskopi av databasen til en datert fil (pg_dump)"
	@echo "make restore FIL=… – gjenopprett en sikkerhetskopi i en tom database"

$(STAMP): $(LOCKS)
	@command -v $(PYTHON) >/dev/null 2>&1 || { \
		echo "Fant ikke $(PYTHON). Skattekisten trenger Python 3.12:"; \
		echo "  med pyenv: pyenv install 3.12 (filen .python-version velger den),"; \
		echo "  ellers: installer python3.12 fra pakkesystemet ditt."; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 12))' || { \
		echo "$(PYTHON) er ikke Python 3.12."; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check \
		--requirement requirements.lock --requirement requirements-dev.lock
	touch $(STAMP)

install: $(STAMP)

setup: install
	DEBUG=1 $(MANAGE) migrate --no-input
	DEBUG=1 $(MANAGE) last_innhold
	DEBUG=1 $(MANAGE) opprett_lokal_admin

run: setup
	DEBUG=1 $(MANAGE) runserver $(HOST):$(PORT)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

CHROMIUM ?= $(shell command -v chromium 2>/dev/null || echo /usr/bin/chromium)

test: install lint
	DJANGO_SETTINGS_MODULE=skattekiste.test_settings $(MANAGE) check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=skattekiste.test_settings $(MANAGE) makemigrations --check --dry-run
	@test -x $(CHROMIUM) || echo "Chromium finnes ikke ($(CHROMIUM)): nettlesertestene hoppes over. Installer med: apt-get install chromium"
	CHROMIUM_PATH=$(CHROMIUM) $(PY) -m pytest

# Only the fast tests (no browser), or only the browser tests.
test-fast: install
	$(PY) -m pytest -m "not e2e"

test-e2e: install
	CHROMIUM_PATH=$(CHROMIUM) $(PY) -m pytest -m e2e

# The benchmark has a database of its own on the embedded server: the synthetic data
# (20 000 examples, 200 000 insights) never touches the developer's database.
# DATABASE_URL is cleared so a configured server is never filled by mistake; the commands
# themselves refuse any database whose name does not end in _bench, and DEBUG off.
BENCH := DEBUG=1 DATABASE_URL= DATABASE_NAME=skattekiste_bench $(MANAGE)

bench: install
	$(BENCH) migrate --no-input
	$(BENCH) last_innhold
	$(BENCH) lag_testdata
	$(BENCH) bench

# Real HTTP under load: gunicorn with production settings on 127.0.0.1, driven by locust
# (see skattekiste/ytelse/last.py). The same database as `make bench`, filled the same way;
# the command stops gunicorn itself, also on Ctrl-C, and `timeout` bounds the whole run.
LAST_BRUKERE ?= 20
LAST_SEKUNDER ?= 60

last: install
	$(BENCH) migrate --no-input
	$(BENCH) last_innhold
	$(BENCH) lag_testdata
	timeout --foreground --signal=INT --kill-after=30 $$(( $(LAST_SEKUNDER) + 600 )) \
		env $(BENCH) last --brukere $(LAST_BRUKERE) --sekunder $(LAST_SEKUNDER)

# The same pages at 2 000 and 20 000 examples (10 insights each), and the ratio between them.
bench-vekst: install
	$(BENCH) migrate --no-input
	$(BENCH) last_innhold
	$(BENCH) bench --vekst 2000,20000

# Backup and restore of the configured database (DATABASE_URL, or the embedded server).
# DEBUG follows the environment: production exports DEBUG=0 and its own settings, a developer
# gets the local defaults. The dump goes to BACKUP_DIR (default sikkerhetskopier/).
DEBUG ?= 1

backup: install
	DEBUG=$(DEBUG) $(MANAGE) backup

# make restore FIL=sikkerhetskopier/skattekiste-….dump; a database with tables is refused
# unless OVERSKRIV=1, which drops everything in it first.
restore: install
	@test -n "$(FIL)" || { echo "Si hvilken fil: make restore FIL=sikkerhetskopier/….dump"; exit 1; }
	DEBUG=$(DEBUG) $(MANAGE) restore "$(FIL)" $(if $(filter 1,$(OVERSKRIV)),--overskriv)

stop-db: install
	$(PY) -c 'from pathlib import Path; from skattekiste.oppsett import embedded_db; embedded_db.stop(Path(".pgdata").resolve())'

clean: stop-db
	rm -rf $(VENV) .pgdata staticfiles .pytest_cache .ruff_cache
