"""`python -m kiosk`: start the kiosk window (full screen; --windowed for development).
`python -m kiosk selftest [--demo] [--json]`: check every part the kiosk needs.
`python -m kiosk checkin ...`: one check-in without a screen (kiosk.checkin), also in the built folder.
`python -m kiosk cardcheck [--typed]`: the face-path reads on a real card, one line per step."""
from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from kiosk import logs, paths, settings


log = logging.getLogger("kiosk")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m kiosk", description=__doc__)
    parser.add_argument("--demo", action="store_true",
                        help="embedded defaults: virtual card, recorded camera, local simulator")
    parser.add_argument("--windowed", action="store_true", help="a normal window, for development")
    parser.add_argument("--settings", help="settings.toml to use instead of the config folder's")
    parser.add_argument("--quit-after", type=float, default=None, metavar="SECONDS",
                        help="close by itself after this long (screenshots, start-up checks)")
    parser.add_argument("--screenshot", metavar="PNG",
                        help="save the first screen as a picture (vendor documentation)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["selftest"]:
        from kiosk.selftest import main as selftest
        return selftest(argv[1:])
    if argv[:1] == ["cardcheck"]:
        from kiosk.cardcheck import main as cardcheck
        return cardcheck(argv[1:])
    if argv[:1] == ["checkin"]:
        from kiosk.checkin import main as checkin
        return checkin(argv[1:])
    args = parse_args(argv)
    log_path = logs.configure(paths.data_dir() / "logs")
    settings_path = Path(args.settings) if args.settings else None
    overrides = {}
    if args.demo and not args.settings and not settings.settings_file().exists():
        overrides = settings.demo_overrides()
        overrides["smartphone_enabled"] = True     # every persona, phones included, can be tried
    try:
        loaded = settings.load(settings_path, overrides=overrides)
    except settings.SettingsError as exc:
        log.error("the kiosk cannot start: %s", exc)
        message = f"設定ファイルに問題があるため起動できません / The kiosk cannot start:\n  {exc}"
        if sys.stderr is None:     # the windowed program on Windows: no console to print on
            from ui.app import show_start_problem
            show_start_problem(f"{message}\n\n{log_path}", close_after=args.quit_after)
        else:
            print(message, file=sys.stderr)
        return 2
    log.info("starting (demo=%s, windowed=%s), log file %s", args.demo, args.windowed, log_path)
    from ui.app import run   # the only place the core reaches into the UI: the entry point
    return run(loaded, demo=args.demo, windowed=args.windowed, quit_after=args.quit_after,
               screenshot=args.screenshot,
               settings_path=settings_path)


if __name__ == "__main__":
    sys.exit(main())
