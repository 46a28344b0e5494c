# The two commands of the README: `make run` and `make test`. Both set everything up first.
.PHONY: run test bench bundle bundle-test lint clean

run:
	bash scripts/run.sh

test:
	bash scripts/test.sh

lint:
	bash scripts/setup.sh && .venv/bin/ruff check . && .venv/bin/ruff format --check .

bench:
	bash scripts/setup.sh && .venv/bin/python bench/run.py --quick

clean:
	rm -rf .venv build dist demo .pytest_cache .ruff_cache
