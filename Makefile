.PHONY: setup demo test check dist

setup:
	@scripts/setup.sh

demo: setup
	@scripts/demo.sh

test:
	@scripts/setup.sh test
	@scripts/build.sh --if-stale
	@scripts/test.sh

# The fast round while working: contracts, ruff, mypy and every test but the end-to-end and
# built-folder ones; no build.
check:
	@scripts/setup.sh test
	@scripts/test.sh -q -m "not e2e and not dist"

dist: setup
	@scripts/build.sh
