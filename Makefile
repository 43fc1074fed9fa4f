.PHONY: setup demo test check dist

setup:
	@scripts/setup.sh

demo: setup
	@scripts/demo.sh

test:
	@scripts/setup.sh test
	@scripts/build.sh --if-stale
	@scripts/test.sh

# The fast round while working (under 2 minutes on 2 cores): contracts, ruff, mypy, and every test
# but the end-to-end (e2e) and built-folder (dist) ones, spread over every core (pytest-xdist); no
# build. `make test` runs everything in one process.
check:
	@scripts/setup.sh test
	@scripts/test.sh --parallel -q -m "not e2e and not dist"

dist: setup
	@scripts/build.sh
