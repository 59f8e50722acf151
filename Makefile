# Keukentafel: `make site` sets up what is missing and builds every gemeente; `make test` runs the tests.
# Works on a fresh Debian machine with Python 3.11+, Node 20+ and make.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
CHROMIUM ?= /usr/bin/chromium
# Only for the tests: LibreOffice converts the downloadable plans to PDF; pdfinfo/pdftotext
# (poppler-utils) count and read the pages of the printed plan. Installed only when missing.
SOFFICE ?= /usr/bin/soffice
PDFTOTEXT ?= /usr/bin/pdftotext

# Install Debian packages as root, or with sudo for a normal user.
APT = DEBIAN_FRONTEND=noninteractive apt-get
APT_INSTALL = if [ "$$(id -u)" = 0 ]; then $(APT) update -qq && $(APT) install -y -qq $(1); \
	else sudo $(APT) update -qq && sudo $(APT) install -y -qq $(1); fi

.PHONY: setup test-tools site test validate schema clean

setup: $(VENV)/.installed node_modules/.installed $(CHROMIUM)

test-tools: $(SOFFICE) $(PDFTOTEXT)

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

node_modules/.installed: package.json package-lock.json
	PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(CHROMIUM):
	@$(call APT_INSTALL,chromium)

$(SOFFICE):
	@$(call APT_INSTALL,libreoffice-writer-nogui)

$(PDFTOTEXT):
	@$(call APT_INSTALL,poppler-utils)

site: setup
	$(PY) build.py

validate: setup
	$(PY) build.py validate

test: setup test-tools
	$(PY) -m pytest

schema: $(VENV)/.installed
	$(PY) -m keukentafel.config.json_schema

clean:
	rm -rf .build site .site-vorige reports .bouw-*
