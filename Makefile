# Aksi Konvergensi portal — developer entry points. `make` alone lists the targets.

.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3 2>/dev/null)
VENV := .venv
VENV_PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

WILAYAH ?= 17
PYTEST_ARGS ?=
# pytest-xdist workers for `make test` (each gets its own test database and Redis databases);
# XDIST= runs in one process.
XDIST ?= -n auto
HOST ?= 127.0.0.1:8000
DEBUG ?= 0

# HOST as runserver takes it ("127.0.0.1:8000", "0.0.0.0:8000", "[::1]:8000" or a port):
# the URL to print and the host names Django must accept. 0.0.0.0 / [::] serve every
# interface, so any Host header is accepted there (a demo shown on the local network).
RUN_ADDR := $(if $(findstring :,$(HOST)),$(HOST),127.0.0.1:$(HOST))
RUN_NAME := $(patsubst %:$(lastword $(subst :, ,$(RUN_ADDR))),%,$(RUN_ADDR))
RUN_URL := http://$(patsubst 0.0.0.0:%,127.0.0.1:%,$(patsubst [::]:%,[::1]:%,$(RUN_ADDR)))/
RUN_HOSTS := $(if $(filter 0.0.0.0 [::],$(RUN_NAME)),*,$(RUN_NAME),127.0.0.1,localhost,[::1])
RUN_DEBUG := $(if $(filter 1,$(DEBUG)),1,0)

# The embedded demo must never be redirected to a real database or broker by a stray
# variable in the caller's environment: SQLite under var/, Celery eager. It serves plain
# HTTP with DEBUG off (WhiteNoise serves the static files from their source folders; the
# secret key is generated into var/secret_key) unless `make run DEBUG=1`.
EMBEDDED_ENV := env -u DATABASE_URL -u REDIS_URL -u CELERY_TASK_ALWAYS_EAGER -u DJANGO_HTTPS \
	AKSI_EMBEDDED=1 DJANGO_DEBUG=$(RUN_DEBUG) DJANGO_SECURE_COOKIES=0 DJANGO_ALLOWED_HOSTS='$(RUN_HOSTS)'

.PHONY: help venv install run test bench clean

help: ## Show this list
	@echo "Targets:"
	@grep -E '^[a-z][a-zA-Z_-]*:.*## ' $(MAKEFILE_LIST) | \
		awk 'BEGIN {FS = ":.*## "}; {printf "  make %-8s %s\n", $$1, $$2}'
	@echo
	@echo "Variables: WILAYAH=$(WILAYAH) (run; 'all' = whole country), HOST=$(HOST) (run), DEBUG=1 (run with Django's debug pages), PYTEST_ARGS=..., XDIST=$(XDIST) (test; XDIST= for one process)"

venv: $(STAMP) ## Create .venv and install the project with test extras (reused when up to date)

install: venv ## Alias for venv

$(STAMP): pyproject.toml
	@if [ ! -x $(VENV_PY) ]; then \
		if [ -z "$(PYTHON)" ]; then echo "python3.11 / python3 not found" >&2; exit 1; fi; \
		echo "Creating $(VENV) with $(PYTHON)"; \
		$(PYTHON) -m venv $(VENV); \
	fi
	$(VENV_PY) -m pip install -e '.[test]'
	@touch $@

run: venv ## Embedded demo: migrate, load WILAYAH (default 17) + demo users, serve on HOST (127.0.0.1:8000), DEBUG off
	@mkdir -p var
	$(EMBEDDED_ENV) $(VENV_PY) manage.py migrate --noinput
	$(EMBEDDED_ENV) $(VENV_PY) manage.py siapkan_demo --wilayah $(WILAYAH) --url '$(RUN_URL)'
	@echo "E-mail (notifications) is written to files under var/mail/ (set EMAIL_URL to send it)."
	$(EMBEDDED_ENV) $(VENV_PY) manage.py runserver $(HOST)

test: venv ## Run the test suite against throw-away PostgreSQL 15 + Redis
	$(VENV)/bin/lint-imports
	bash scripts/with-services.sh $(VENV)/bin/pytest $(XDIST) $(PYTEST_ARGS)

bench: venv ## Run benchmarks/bench_*.py against throw-away PostgreSQL 15 + Redis
	@command -v wrk >/dev/null 2>&1 || { [ "$$(id -u)" -eq 0 ] && { apt-get update -qq && apt-get install -y -qq wrk; } >/dev/null 2>&1; } || true
	bash scripts/with-services.sh $(VENV_PY) -m benchmarks

clean: ## Remove var/ (SQLite, media, static) and .venv
	rm -rf var $(VENV)
