.PHONY: setup demo test dist

setup:
	@scripts/setup.sh

demo: setup
	@scripts/demo.sh

test:
	@scripts/setup.sh test
	@scripts/build.sh --if-stale
	@scripts/test.sh

dist: setup
	@scripts/build.sh
