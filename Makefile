# Social Confidence: `make demo` to try it, `make test` to check it.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

# Django 6 needs Python 3.12 or newer: take the first such interpreter on PATH or under pyenv.
PYTHON_CANDIDATES := $(PYTHON) python3.14 python3.13 python3.12 $(wildcard $(HOME)/.pyenv/versions/3.1[2-9]*/bin/python3) python3
FIND_PYTHON := for p in $(PYTHON_CANDIDATES); do \
	  if command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then \
	    command -v $$p; exit 0; fi; done; exit 1

.PHONY: help install system-deps chromium demo serve seed migrate test test-pg lint check messages lock clean bench-quiz bench-hr bench-certificates bench-load bench bench-pages

help:
	@echo "make demo     install, migrate, load the demo organisation and serve on http://$(HOST):$(PORT)"
	@echo "make test     install and run the whole test suite (SQLite)"
	@echo "make test-pg  the whole suite on PostgreSQL (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/socialconfidence)"
	@echo "make lint     ruff, Django system checks and the migrations check"
	@echo "make bench    every benchmark in bench/ (PostgreSQL on 127.0.0.1; see docs/benchmarks.md)"
	@echo "make messages refresh the translation catalogs in locale/ after changing interface text"

$(STAMP): requirements.lock
	@py=$$($(FIND_PYTHON)) || { \
	  echo "error: Social Confidence needs Python 3.12 or newer (Django 6 refuses older ones)." >&2; \
	  echo "       None was found on PATH or under ~/.pyenv/versions. Install one, or run: make PYTHON=/path/to/python3.12 ..." >&2; \
	  exit 1; }; \
	echo "Using $$py ($$($$py --version))"; \
	if [ -x $(PY) ] && ! $(PY) -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then rm -rf $(VENV); fi; \
	[ -x $(PY) ] || $$py -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	@touch $(STAMP)

# Then the Korean and Traditional Chinese fonts certificates embed (var/fonts/); does nothing when up to date. And the
# interface's translations (locale/*/LC_MESSAGES/django.po) compiled into the .mo files Django reads.
install: $(STAMP) system-deps
	@$(PY) manage.py certificate_fonts
	@$(PY) manage.py compilemessages --ignore=.venv --ignore=var -v0

# WeasyPrint needs Pango, and HarfBuzz's subsetter to embed fonts quickly (without it a certificate with Korean or
# Chinese text takes seconds); certificates take their Korean and Chinese fonts from Noto Sans CJK; the browser tests
# need Debian's Chromium; translations are compiled (and checked) with GNU gettext. Installed with apt when missing.
system-deps:
	@missing=""; \
	ldconfig -p | grep -q libpango-1.0.so.0 || missing="$$missing libpango-1.0-0 libpangoft2-1.0-0"; \
	ldconfig -p | grep -q libharfbuzz-subset.so.0 || missing="$$missing libharfbuzz-subset0"; \
	fc-list 2>/dev/null | grep -qi dejavu || missing="$$missing fonts-dejavu-core"; \
	[ -f /usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc ] || missing="$$missing fonts-noto-cjk"; \
	command -v msgfmt >/dev/null 2>&1 || missing="$$missing gettext"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing system packages:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "error: run as root, or install with: sudo apt-get install$$missing" >&2; exit 1; fi; \
	fi

chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
	  echo "Installing Debian's chromium for the browser tests"; \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "error: the browser tests need /usr/bin/chromium: sudo apt-get install chromium" >&2; exit 1; fi; \
	fi

migrate: install
	@mkdir -p var
	$(PY) manage.py migrate --no-input

seed: migrate
	$(PY) manage.py seed_demo

demo: seed
	@$(PY) manage.py demo_logins
	@echo "Serving on http://$(HOST):$(PORT)  (Ctrl+C to stop)"
	$(PY) manage.py runserver $(HOST):$(PORT)

serve: install
	$(PY) manage.py runserver $(HOST):$(PORT)

lint: install
	$(VENV)/bin/ruff check .
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py makemigrations --check --dry-run

test: install chromium lint
	$(VENV)/bin/pytest $(PYTEST_ARGS)

test-pg: install chromium
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/socialconfidence} $(VENV)/bin/pytest $(PYTEST_ARGS)

# Quiz submissions under load on a throwaway PostgreSQL database (see docs/benchmarks.md). BENCH_ARGS="-n 400 ..."
bench-quiz: install
	$(PY) -m bench.quiz_submit $(BENCH_ARGS)

# The HR report at scale (1 M enrolments) on a throwaway PostgreSQL database. BENCH_ARGS="--employees 10000 --courses 3"
bench-hr: install
	$(PY) -m bench.hr_scale $(BENCH_ARGS)

# Certificate PDFs: ms per certificate by script against WeasyPrint's floor, then 1,000 with 2 workers (SQLite).
bench-certificates: install
	$(PY) -m bench.certificates $(BENCH_ARGS)

# 200 learners read, sign, autosave and submit at once for 60 s; then the database is checked. BENCH_ARGS="-n 50"
bench-load: install
	$(PY) -m bench.load $(BENCH_ARGS)

# A lesson page against a bare Wagtail page with the same body, in-process (SQLite; --postgres for PostgreSQL).
bench-pages: install
	$(PY) -m bench.pages $(BENCH_ARGS)

# Every bench in turn, sized to finish within a quarter of an hour on 2 cores: the HR report at 100,000 enrolments
# (10,000 employees x 10 courses) instead of 1,000,000, 200 certificate PDFs instead of 1,000 and 10 timed renders per
# script instead of 30; the others with their defaults. Each is overridable, e.g. BENCH_HR_ARGS="--employees 100000".
BENCH_QUIZ_ARGS ?=
BENCH_HR_ARGS ?= --employees 10000 --courses 10
BENCH_CERTIFICATES_ARGS ?= --runs 10 --certificates 200
BENCH_LOAD_ARGS ?=
BENCH_PAGES_ARGS ?=
bench:
	$(MAKE) --no-print-directory bench-quiz BENCH_ARGS="$(BENCH_QUIZ_ARGS)"
	$(MAKE) --no-print-directory bench-hr BENCH_ARGS="$(BENCH_HR_ARGS)"
	$(MAKE) --no-print-directory bench-certificates BENCH_ARGS="$(BENCH_CERTIFICATES_ARGS)"
	$(MAKE) --no-print-directory bench-load BENCH_ARGS="$(BENCH_LOAD_ARGS)"
	$(MAKE) --no-print-directory bench-pages BENCH_ARGS="$(BENCH_PAGES_ARGS)"

# Regenerate requirements.lock after changing pyproject.toml.
# After changing interface text: refresh the catalogs (then translate what is new, see docs/languages.md).
messages: install
	$(PY) manage.py makemessages -l ko -l zh_Hant -l de --no-obsolete --ignore=.venv --ignore=var --ignore=tests --ignore=bench
	$(PY) manage.py compilemessages --ignore=.venv --ignore=var -v0

lock: install
	$(PY) -m pip install --quiet uv
	$(VENV)/bin/uv pip compile pyproject.toml --extra test --python-version 3.12 -o requirements.lock

clean:
	rm -rf $(VENV) var/db.sqlite3 var/media .pytest_cache
