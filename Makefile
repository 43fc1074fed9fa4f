.PHONY: setup demo test check dist

setup:
	@scripts/setup.sh

demo: setup
	@scripts/demo.sh

test:
	@scripts/setup.sh test
	@scripts/build.sh --if-stale
	@scripts/test.sh

# The fast round while working (under 2 minutes on 2 cores): contracts, ruff, mypy, and the tests
# of the core, the card, the gateway, results, store, voice sentences and platform calls, without
# the end-to-end and built-folder ones; no build. `make test` runs everything.
CHECK_TESTS = tests/test_guards.py tests/core tests/voice tests/gateway tests/store tests/results tests/card tests/platform

check:
	@scripts/setup.sh test
	@scripts/test.sh -q -m "not e2e and not dist" $(CHECK_TESTS)

dist: setup
	@scripts/build.sh
