"""`python -m kiosk selftest [--demo] [--json]`: every part the kiosk needs, one line per check,
exit 0 only when all pass. Each check runs with its own time limit, so a hung camera or share
fails its line instead of hanging the self-test."""
from __future__ import annotations

import argparse
import json
import sys
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable

from kiosk.tools import selftest_checks as checks
from kiosk.tools.selftest_checks import CheckFailed, CheckSkipped, SelftestSetup

OK, FAILED, SKIPPED = "ok", "failed", "skipped"


@dataclass(frozen=True)
class Check:
    key: str
    ja: str
    en: str
    run: Callable[[SelftestSetup], str]
    timeout_s: float = 10.0


CHECKS = (
    Check("settings", "設定ファイル", "Settings file", checks.check_settings),
    Check("reader", "カードリーダー (PC/SC)", "Card reader (PC/SC)", checks.check_reader, 30.0),
    Check("card", "カードの応答", "Card answers", checks.check_card, 15.0),
    Check("camera", "カメラ映像", "Camera frames", checks.check_camera),
    Check("models", "顔認証モデル (sha256)", "Face models (sha256)", checks.check_models, 60.0),
    Check("gateway", "資格確認の接続", "Qualification gateway", checks.check_gateway, 15.0),
    Check("result_folder", "結果フォルダの書き込み", "Result folder writable", checks.check_result_folder),
    Check("outbox", "未送信の結果", "Result outbox empty", checks.check_outbox),
    Check("keys", "鍵フォルダの保護", "Keys folder private", checks.check_keys, 30.0),
    Check("clock", "時計", "Clock", checks.check_clock),
    Check("translations", "翻訳", "Translations", checks.check_translations),
)


@dataclass(frozen=True)
class CheckResult:
    key: str
    ja: str
    en: str
    status: str
    detail: str
    seconds: float


def run_check(check: Check, setup: SelftestSetup) -> CheckResult:
    """Runs ``check`` on a daemon thread; past its time limit it fails and is left behind."""
    outcome: list[tuple[str, str]] = []

    def work() -> None:
        try:
            outcome.append((OK, check.run(setup)))
        except CheckSkipped as exc:
            outcome.append((SKIPPED, str(exc)))
        except CheckFailed as exc:
            outcome.append((FAILED, str(exc)))
        except Exception as exc:   # whatever the part raised is what staff need to see
            outcome.append((FAILED, f"{type(exc).__name__}: {exc}"))

    started = time.monotonic()
    worker = threading.Thread(target=work, name=f"selftest {check.key}", daemon=True)
    worker.start()
    worker.join(check.timeout_s)
    status, detail = outcome[0] if outcome else (
        FAILED, f"no answer within {check.timeout_s:g} s")
    return CheckResult(check.key, check.ja, check.en, status, detail,
                       round(time.monotonic() - started, 3))


def line_of(result: CheckResult) -> str:
    mark = {OK: "[ OK ]", FAILED: "[NG  ]", SKIPPED: "[SKIP]"}[result.status]
    return f"{mark} {result.ja} / {result.en}: {result.detail}"


def passed(results: list[CheckResult]) -> bool:
    return all(r.status != FAILED for r in results)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m kiosk selftest", description=__doc__)
    parser.add_argument("--demo", action="store_true",
                        help="the demo set-up: virtual reader and card, recorded camera")
    parser.add_argument("--json", action="store_true", help="one JSON document instead of lines")
    parser.add_argument("--settings", type=Path, help="settings.toml instead of the config folder's")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    setup = SelftestSetup(args.demo, args.settings)
    results = []
    for check in CHECKS:
        results.append(run_check(check, setup))
        if not args.json:
            print(line_of(results[-1]), flush=True)
    if args.json:
        print(json.dumps({"passed": passed(results), "demo": args.demo,
                          "checks": [asdict(r) for r in results]}, ensure_ascii=False, indent=1))
    else:
        print("すべて正常です / All checks passed" if passed(results) else
              "異常があります / Some checks failed")
    return 0 if passed(results) else 1


if __name__ == "__main__":
    sys.exit(main())
