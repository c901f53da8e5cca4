# Two commands matter (see README): `make run` and `make test`. Both set everything up first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup run test lint bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test,dev]'
	touch $(STAMP)

setup: $(STAMP)

# The main job on the bundled data: check it, then write the graph in every format.
run: setup
	$(BIN)/crosswalk validate --strict
	$(BIN)/crosswalk export --format turtle --out build/crosswalk.ttl
	$(BIN)/crosswalk export --format jsonld --out build/crosswalk.jsonld
	$(BIN)/crosswalk export --format ntriples --out build/crosswalk.nt
	@echo "The graph is in $(CURDIR)/build/ (crosswalk.ttl, crosswalk.jsonld, crosswalk.nt)"

lint: setup
	$(BIN)/ruff check crosswalk tests benchmarks
	$(BIN)/ruff format --check crosswalk tests benchmarks
	$(BIN)/mypy

# The whole test suite: lint, types, then pytest.
test: lint
	$(BIN)/pytest

bench: setup
	$(BIN)/python benchmarks/validate.py
	$(BIN)/python benchmarks/coverage.py

clean:
	rm -rf build .pytest_cache .mypy_cache .ruff_cache
