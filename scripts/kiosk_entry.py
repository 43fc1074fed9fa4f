"""The frozen kiosk's entry point (kiosk.spec), for both programs: the same as `python -m kiosk`.

The windowed oqs-kiosk.exe has no console (sys.stdout is None): a console command given to it
(`oqs-kiosk selftest`) would print nothing, so it runs in oqs-kiosk-cli beside it, in a console
window that stays open for reading."""
import subprocess
import sys
from pathlib import Path

from kiosk.__main__ import main

CONSOLE_COMMANDS = ("selftest", "checkin")


def run_in_console(arguments: list[str]) -> int:
    cli = Path(sys.executable).with_name("oqs-kiosk-cli.exe")
    return subprocess.call(["cmd", "/k", str(cli), *arguments],
                           creationflags=getattr(subprocess, "CREATE_NEW_CONSOLE", 0))


if __name__ == "__main__":
    if sys.stdout is None and sys.argv[1:2] and sys.argv[1] in CONSOLE_COMMANDS:
        sys.exit(run_in_console(sys.argv[1:]))
    sys.exit(main())
