"""`python -m kiosk`: start the kiosk window (full screen; --windowed for development).
`python -m kiosk selftest [--demo] [--json]`: check every part the kiosk needs.
`python -m kiosk checkin ...`: one check-in without a screen (kiosk.tools.checkin), also in the built folder.
`python -m kiosk cardcheck [--typed]`: the face-path reads on a real card, one line per step."""
from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from kiosk.config import logs, paths, settings
from kiosk.config.instance import AnotherKioskRunning
from kiosk.config.platform_calls import limit_allocator_growth
from kiosk.store.versioned import StoreTooNew


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


def refuse(reason: str, args: argparse.Namespace) -> int:
    """The kiosk will not start: why, in the log, on stderr and on the screen (exit status 2)."""
    log.error("the kiosk cannot start: %s", reason)
    print(f"起動できません / The kiosk cannot start:\n  {reason}", file=sys.stderr)
    from ui.refusal import show_refusal
    show_refusal(reason, windowed=args.windowed, quit_after=args.quit_after,
                 screenshot=args.screenshot)
    return 2


def main(argv: list[str] | None = None) -> int:
    limit_allocator_growth()
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["selftest"]:
        from kiosk.tools.selftest import main as selftest
        return selftest(argv[1:])
    if argv[:1] == ["cardcheck"]:
        from kiosk.tools.cardcheck import main as cardcheck
        return cardcheck(argv[1:])
    if argv[:1] == ["checkin"]:
        from kiosk.tools.checkin import main as checkin
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
        return refuse(f"設定ファイルに問題があります / The settings file has a problem:\n{exc}", args)
    log.info("starting (demo=%s, windowed=%s), log file %s", args.demo, args.windowed, log_path)
    from ui.app import run   # the only place the core reaches into the UI: the entry point
    try:
        return run(loaded, demo=args.demo, windowed=args.windowed, quit_after=args.quit_after,
                   screenshot=args.screenshot, settings_path=settings_path)
    except (AnotherKioskRunning, StoreTooNew) as exc:
        return refuse(str(exc), args)


if __name__ == "__main__":
    sys.exit(main())
