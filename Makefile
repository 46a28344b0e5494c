# The two commands of the README: `make run` and `make test`. Both set everything up first.
.PHONY: run test test-pg soak bench bundle bundle-test lint clean

run:
	bash scripts/run.sh

test:
	bash scripts/test.sh

# Only the PostgreSQL pass of `make test` (club mode): store, CLI, window and export tests on a throw-away server.
test-pg:
	bash scripts/setup.sh && bash scripts/test-pg.sh

# The whole suite N times in a row; reports every run and any crash or hang with its trace (logs in build/soak).
N ?= 10
soak:
	bash scripts/soak.sh $(N)

lint:
	bash scripts/setup.sh && .venv/bin/ruff check . && .venv/bin/ruff format --check .

bench:
	bash scripts/setup.sh && .venv/bin/python bench/run.py --quick

clean:
	rm -rf .venv build dist demo .pytest_cache .ruff_cache

# Installable artifacts (see packaging/README.md).
.PHONY: wheel
wheel:
	bash scripts/setup.sh && .venv/bin/python -m build

bundle:
	bash scripts/setup.sh && bash packaging/build_bundle.sh

bundle-test:
	bash scripts/setup.sh && .venv/bin/python -m pytest tests/packaging --run-bundle -p no:cacheprovider
