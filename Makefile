# Keukentafel: `make site` sets up what is missing and builds every gemeente; `make test` runs the tests.
# Works on a fresh Debian machine with Python 3.11+, Node 20+ and make.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
CHROMIUM ?= /usr/bin/chromium

.PHONY: setup site test validate schema clean

setup: $(VENV)/.installed node_modules/.installed $(CHROMIUM)

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

node_modules/.installed: package.json package-lock.json
	PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(CHROMIUM):
	@if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium; \
	else sudo apt-get update -qq && sudo apt-get install -y -qq chromium; fi

site: setup
	$(PY) build.py

validate: setup
	$(PY) build.py validate

test: setup
	$(PY) -m pytest

schema: $(VENV)/.installed
	$(PY) -m keukentafel.json_schema

clean:
	rm -rf .build site reports
