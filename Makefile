# Two commands matter (see README): `make run` and `make test`. Both set everything up first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup browser-setup run test lint bench docs clean

NODE_STAMP := node_modules/.installed
CSS := site/static/css/site.css

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test,dev]'
	touch $(STAMP)

# Front-end packages (GOV.UK Frontend, Sass, and the checkers the tests use) from npm.
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

# GOV.UK Frontend's styles with our settings (no GOV.UK typeface) and our own components.
$(CSS): $(NODE_STAMP) site/scss/site.scss
	mkdir -p $(dir $(CSS))
	npx --no-install sass --pkg-importer=node --no-source-map --style=compressed site/scss/site.scss $(CSS)

# Byte-compile our own modules too (pip does it for installed packages, not for this editable
# one): with PYTHONDONTWRITEBYTECODE set, every command would otherwise compile them again at
# start, a quarter of a second each time. Quick when nothing changed.
setup: $(STAMP) $(CSS)
	$(BIN)/python -m compileall -q crosswalk

# What the browser tests need: Debian's chromium and a Java runtime for the Nu HTML checker.
browser-setup:
	@if ! command -v chromium >/dev/null || ! command -v java >/dev/null; then \
		apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium default-jre-headless; \
	fi

# The main job on the bundled data: check it, then build the website and its downloads.
run: setup
	$(BIN)/crosswalk validate --strict
	$(BIN)/crosswalk build

lint: setup
	$(BIN)/ruff check crosswalk tests benchmarks scripts
	$(BIN)/ruff format --check crosswalk tests benchmarks scripts
	$(BIN)/mypy

# The whole test suite: lint, types, then pytest.
test: lint browser-setup
	$(BIN)/pytest

# The benchmarks (README, docs/performance.md). mkdocs, a peer the build is compared with, comes
# with the bench extra. `make bench BENCH_K="1 10"` for a quicker scale run.
bench: BENCH_K ?= 1 10 100
bench: setup
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[bench]'
	$(BIN)/python benchmarks/validate.py
	$(BIN)/python benchmarks/coverage.py
	$(BIN)/python benchmarks/site.py
	$(BIN)/python benchmarks/scale.py --k $(BENCH_K)
	$(BIN)/python benchmarks/peers.py

# The reference pages generated from the code (docs/reference/) and the tables of
# docs/data-format.md made from it; a test checks they are current.
docs: setup
	$(BIN)/python scripts/reference.py

clean:
	rm -rf build .pytest_cache .mypy_cache .ruff_cache
