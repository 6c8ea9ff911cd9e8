# The two commands that matter: `make run` (serve the hub with a demo) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test check lint format bench stop clean install

$(STAMP): pyproject.toml stewardship_ui/package.json
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev,bench]"
	cd stewardship_ui && (npm ci --no-audit --no-fund || npm install --no-audit --no-fund)
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/mdm demo load
	$(BIN)/mdm serve

test: $(STAMP)
	$(BIN)/pytest -n 2 --dist loadgroup tests

check: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/python -m mdm.api.openapi_compat openapi/release.json

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: $(STAMP)
	$(BIN)/python -m tests.bench.run

stop: $(STAMP)
	-$(BIN)/mdm db stop

clean: stop
	rm -rf $(VENV) .mdm .pytest_cache .mypy_cache .ruff_cache
