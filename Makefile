# Two commands for a fresh machine: `make site` and `make test`. Both create .venv when it is missing.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

# Reproducible builds: dates in the site come from the last commit, not from the day of the build,
# so rebuilding an unchanged checkout gives byte-identical files. Set SOURCE_DATE_EPOCH to override.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null)
ifneq ($(SOURCE_DATE_EPOCH),)
export SOURCE_DATE_EPOCH
endif

# Material for MkDocs prints a large end-of-life notice on every build; editors cannot act on it, so it
# is silenced here (the maintainers track it: the core does not depend on MkDocs).
export NO_MKDOCS_2_WARNING ?= 1

.PHONY: install site test serve check lint clean

$(STAMP): pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	@touch $@

## Install the package, the test tools and axe-core, and nothing else (used by .github/workflows)
install: $(STAMP) node_modules/.installed-stamp

## Build the whole site, every format, into site/
site: $(STAMP)
	$(BIN)/mkdocs build --strict

## Install everything and run every test (unit, golden cases, full builds, PDFs, browser)
test: $(STAMP) node_modules/.installed-stamp
	$(BIN)/python -m pytest -q

node_modules/.installed-stamp: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

## Preview while editing (PDFs are skipped unless CHARTERKIT_PDF=1)
serve: $(STAMP)
	$(BIN)/mkdocs serve --dirty

## Check charters without building the site
check: $(STAMP)
	$(BIN)/charterkit check

lint: $(STAMP)
	$(BIN)/ruff check plugins tests
	$(BIN)/mypy

clean:
	rm -rf site .cache
