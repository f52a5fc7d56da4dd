# Two commands for a fresh machine: `make site` and `make test`. They install what is missing (system
# packages through scripts/system-deps, .venv, node_modules), then build or test. They work from any
# folder (`make -C ..`, `make -f ../Makefile`): every path below starts at this file's folder.
ROOT   := $(patsubst %/,%,$(dir $(abspath $(lastword $(MAKEFILE_LIST)))))
PYTHON ?= python3
VENV   := $(ROOT)/.venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
NODE_STAMP := $(ROOT)/node_modules/.installed-stamp
SYSTEM_DEPS := PYTHON=$(PYTHON) $(ROOT)/scripts/system-deps

# Reproducible builds: dates in the site come from the last commit, not from the day of the build,
# so rebuilding an unchanged checkout gives byte-identical files. Set SOURCE_DATE_EPOCH to override.
SOURCE_DATE_EPOCH ?= $(shell git -C $(ROOT) log -1 --format=%ct 2>/dev/null)
ifneq ($(SOURCE_DATE_EPOCH),)
export SOURCE_DATE_EPOCH
endif

# Material for MkDocs prints a large end-of-life notice on every build; editors cannot act on it, so it
# is silenced here (see docs/engines.md: the core does not depend on MkDocs).
export NO_MKDOCS_2_WARNING ?= 1

# pytest's workers: one per core (2 on a small CI machine). The slowest tests are listed at the end.
PYTEST_WORKERS ?= auto
PYTEST := cd $(ROOT) && $(BIN)/python -m pytest -q -n $(PYTEST_WORKERS) --durations=15

# System packages are checked before the venv is made (it needs python3-venv): in order, even with -j.
.NOTPARALLEL:
.PHONY: install venv site test test-fast serve check lint clean system-deps-site system-deps-test bytecode

system-deps-site:
	@$(SYSTEM_DEPS) site

system-deps-test:
	@$(SYSTEM_DEPS) test

$(STAMP): $(ROOT)/pyproject.toml $(ROOT)/constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -c $(ROOT)/constraints.txt -e '$(ROOT)[test]'
	@touch $@

# The package's compiled bytecode, as pip writes it for an installed package: the package is installed
# editable, and Python does not write bytecode where PYTHONDONTWRITEBYTECODE is set (some containers
# and CI images), so every build would compile its modules again (about a quarter of a second).
# Only changed modules are compiled.
bytecode: $(STAMP)
	@$(BIN)/python -m compileall -q $(ROOT)/plugins/charterkit

$(NODE_STAMP): $(ROOT)/package.json $(ROOT)/package-lock.json
	npm ci --prefix $(ROOT) --no-audit --no-fund --loglevel=error
	@touch $@

## Install the system packages, the package, the test tools and axe-core (used by .github/workflows)
install: system-deps-test $(STAMP) $(NODE_STAMP)

## Install only what building needs: the system packages for the PDFs, and .venv (used by .github/workflows)
venv: system-deps-site $(STAMP)

## Build the whole site, every format, into site/
site: system-deps-site $(STAMP) bytecode
	$(BIN)/mkdocs build --strict -f $(ROOT)/mkdocs.yml

## Install everything and run every test (unit, golden cases, full builds, PDFs, browser), in parallel
test: system-deps-test $(STAMP) $(NODE_STAMP) bytecode
	$(PYTEST)

## The quick layers only (unit tests, golden cases, the charterkit command): under a minute, no browser
test-fast: system-deps-site $(STAMP) bytecode
	$(PYTEST) tests/unit tests/golden tests/cli

## Preview while editing (PDFs are skipped unless CHARTERKIT_PDF=1)
serve: system-deps-site $(STAMP) bytecode
	$(BIN)/mkdocs serve --dirty -f $(ROOT)/mkdocs.yml

## Check charters without building the site
check: $(STAMP)
	cd $(ROOT) && $(BIN)/charterkit check

## Lint as CI does: ruff's checks and formatting, and mypy over the package and the tests
lint: $(STAMP)
	cd $(ROOT) && $(BIN)/ruff check plugins tests benchmarks
	cd $(ROOT) && $(BIN)/ruff format --check plugins tests benchmarks
	cd $(ROOT) && $(BIN)/mypy
	cd $(ROOT) && $(BIN)/mypy tests

clean:
	rm -rf $(ROOT)/site $(ROOT)/.cache
