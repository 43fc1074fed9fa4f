"""The frozen kiosk's entry point (kiosk.spec): the same as `python -m kiosk`, window or selftest."""
import sys

from kiosk.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
