.PHONY: setup demo test

setup:
	@scripts/setup.sh

demo: setup
	@scripts/demo.sh

test:
	@scripts/setup.sh test
	@scripts/test.sh
