# The two commands that matter: `make run` (serve the hub with a demo) and `make test`.
# Each target installs only what it needs: run (the hub and its UI), test (+ test tools and
# Playwright), bench (+ Splink, DuckDB, recordlinkage); `make install` all of them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUN_STAMP := $(VENV)/.installed-run
TEST_STAMP := $(VENV)/.installed-test
BENCH_STAMP := $(VENV)/.installed-bench
TEST_HOME := .mdm-test
PREREQUISITES := PYTHON=$(PYTHON) sh tools/prerequisites.sh

.PHONY: run test check lint format bench stop stop-test clean install

$(RUN_STAMP): pyproject.toml stewardship_ui/package.json
	@$(PREREQUISITES) run
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	cd stewardship_ui && (npm ci --no-audit --no-fund || npm install --no-audit --no-fund)
	touch $(RUN_STAMP)

$(TEST_STAMP): $(RUN_STAMP)
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(TEST_STAMP)

$(BENCH_STAMP): $(TEST_STAMP)
	$(BIN)/python -m pip install --quiet -e ".[dev,bench]"
	touch $(BENCH_STAMP)

install: $(BENCH_STAMP)

run: $(RUN_STAMP)
	$(BIN)/mdm demo load
	$(BIN)/mdm serve

# without MDM_DATABASE_URL the tests start an embedded server under .mdm-test/: stopped
# afterwards, whether the tests passed or not; TESTS narrows the run (make test TESTS=tests/unit)
TESTS ?= tests
test: $(TEST_STAMP)
	@$(PREREQUISITES) test
	@status=0; $(BIN)/pytest -n 2 --dist loadgroup $(TESTS) || status=$$?; \
	if [ -z "$${MDM_DATABASE_URL:-}" ] && [ -f $(TEST_HOME)/pgdata/postmaster.pid ]; then \
		MDM_HOME=$(TEST_HOME) $(BIN)/mdm db stop; fi; \
	exit $$status

check: $(TEST_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/python -m mdm.api.openapi_compat openapi/release.json

format: $(TEST_STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: $(BENCH_STAMP)
	@$(PREREQUISITES) bench
	$(BIN)/python -m tests.bench.run

# the embedded servers of `make run` (.mdm/) and of `make test` (.mdm-test/)
stop: stop-test
	@if [ -x $(BIN)/mdm ] && [ -f .mdm/pgdata/postmaster.pid ]; then \
		env -u MDM_DATABASE_URL $(BIN)/mdm db stop; fi

stop-test:
	@if [ -x $(BIN)/mdm ] && [ -f $(TEST_HOME)/pgdata/postmaster.pid ]; then \
		env -u MDM_DATABASE_URL MDM_HOME=$(TEST_HOME) $(BIN)/mdm db stop; fi

clean: stop
	rm -rf $(VENV) .mdm $(TEST_HOME) .pytest_cache .mypy_cache .ruff_cache
