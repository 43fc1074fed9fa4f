"""`python -m ui.staff.screenshots OUT_DIR [--size 1280x800]`: pictures of the staff side over a
day of real check-ins. The headless check-in command (`python -m kiosk.tools.checkin`) runs once for
every demo persona into a fresh data folder (one more whose result folder is unusable, so a
result waits in the outbox); then the kiosk window opens on that folder (offscreen) and the
prompt, the panel's pages, a refused setting and the self-test are saved as PNGs."""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from kiosk.composition.demo import DEMO_PERSONAS, DemoPersona
from kiosk.core.events import TokenKind


def checkin_arguments(persona: DemoPersona) -> list[str]:
    if persona.kind is TokenKind.IPHONE:
        return []
    return ["--pin", persona.pin] if persona.pin else ["--method", "face"]


def run_checkins(data: Path, results: Path) -> None:
    """Every persona once (valid_adult by face as well), then one result with nowhere to go."""
    runs = [(p.id, checkin_arguments(p), results) for p in DEMO_PERSONAS]
    runs.append(("valid_adult", ["--method", "face"], results))
    blocked = data / "not-a-folder"
    blocked.parent.mkdir(parents=True, exist_ok=True)
    blocked.write_text("a file where the result folder should be", encoding="utf-8")
    runs.append(("valid_adult", ["--pin", "1234"], blocked))
    for persona, arguments, out in runs:
        command = [sys.executable, "-m", "kiosk.tools.checkin", "--inprocess", "--persona", persona,
                   "--out", str(out), "--data", str(data), *arguments]
        finished = subprocess.run(command, capture_output=True, text=True, encoding="utf-8")
        print(f"check-in {persona} {' '.join(arguments)}: exit {finished.returncode}, "
              f"{(finished.stdout.strip().splitlines() or ['?'])[-2:][0]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ui.staff.screenshots", description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--size", default="1280x800", help="window size, WIDTHxHEIGHT")
    parser.add_argument("--folder", type=Path,
                        help="data and config here; check-ins run only when it holds no data yet")
    args = parser.parse_args(argv)
    folder = args.folder or Path(tempfile.mkdtemp(prefix="oqs-staff-shots-"))
    os.environ["OQS_KIOSK_DATA_DIR"] = str(folder / "data")
    os.environ["OQS_KIOSK_CONFIG_DIR"] = str(folder / "config")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if not (folder / "data").exists():
        run_checkins(folder / "data", folder / "results")

    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication
    QApplication.instance() or QApplication([])
    from kiosk.config import settings as st
    from kiosk.staff.staff_access import DEMO_STAFF_PASSWORD
    from kiosk.composition.demo import build_demo_kiosk
    from ui.app import build_kiosk_window, route_qt_messages_to_logging
    from ui.staff.fields import NumberField, TextListField
    route_qt_messages_to_logging()
    settings = st.load(overrides={**st.demo_overrides(), "smartphone_enabled": True,
                                  "result_folder": str(folder / "results")})
    kiosk, _tray = build_demo_kiosk(settings)
    window, _bridge = build_kiosk_window(kiosk, settings, demo=True)
    window.resize(*(int(v) for v in args.size.split("x")))
    window.show()
    desk = window.staff
    assert desk is not None, "build_kiosk_window attaches the staff desk"
    args.out.mkdir(parents=True, exist_ok=True)

    # Waits, never busy loops: in PySide6 6.12 on Python 3.11 every processEvents()/qWait() call
    # takes one reference from None, and a few thousand calls crash the interpreter.
    def save(name: str) -> None:
        QTest.qWait(150)
        window.grab().save(str(args.out / f"staff-{name}.png"))

    def settle(condition) -> None:
        while not condition():
            QTest.qWait(50)

    desk.require_password()          # what a kiosk started without a staff password shows
    save("0-first-start")
    desk.close()
    desk.open_prompt()
    desk.prompt.field.setText("1111")
    desk.prompt.submit()
    settle(lambda: not desk.prompt.checking)
    save("1-prompt-wrong")
    desk.prompt.field.setText(DEMO_STAFF_PASSWORD)
    desk.prompt.submit()
    settle(desk.panel.isVisible)
    save("2-modes")
    tabs = desk.panel.tabs
    tabs.setCurrentWidget(desk.settings_form)
    save("3-settings")
    form = desk.settings_form
    languages, timeout = form.fields["languages"], form.fields["screen_timeout_seconds"]
    assert isinstance(languages, TextListField) and isinstance(timeout, NumberField)
    languages.text.setText("en, ja")
    timeout.number.setValue(0)
    form.save()
    save("4-settings-refused")
    form.scroll_area.verticalScrollBar().setValue(form.scroll_area.verticalScrollBar().maximum())
    save("5-settings-passwords")
    form.reload()
    tabs.setCurrentWidget(desk.dashboard)
    settle(lambda: desk.dashboard.board is not None)
    save("6-dashboard")
    bar = desk.dashboard.scroll_area.verticalScrollBar()
    bar.setValue(bar.maximum())
    save("6b-dashboard-steps-export")
    tabs.setCurrentWidget(desk.selftest)
    desk.selftest.run()
    settle(desk.selftest.run_button.isEnabled)
    save("7-selftest")
    tabs.setCurrentWidget(desk.exit_page)
    save("8-exit")
    desk.close()
    save("9-patient-with-badge")
    window.release()
    kiosk.stop()
    print(f"staff screenshots saved in {args.out} (data in {folder})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
