"""Start to idle screen, as `python -m kiosk --demo` does it.

    .venv/bin/python -m bench.ui_startup [runs]

Each run is a fresh interpreter (so imports count) on a fresh data folder after the first (so the
demo cards are already issued, as on any day but the first): prints the time from the process
start to the idle screen's first paint. Target ≤ 2 s.
"""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time

CHILD = r"""
import time, sys
started = float(sys.argv[1])
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication
app = QApplication([])
from kiosk import settings as st
from kiosk.composition.demo import build_demo_kiosk
from ui.app import build_kiosk_window
settings = st.defaults().with_changes(institution_code="1399999999")
kiosk, tray = build_demo_kiosk(settings)
window, bridge = build_kiosk_window(kiosk, settings, demo=True)

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            print(f"{(time.time() - started) * 1000:.1f}", flush=True)
            window.release()   # the kiosk window refuses to close otherwise
            app.quit()
        return False

painted = FirstPaint()
window.screens[window.shown[0]].installEventFilter(painted)
kiosk.start()
window.resize(1280, 800)
window.show()
app.exec()
kiosk.stop()
"""


def main(runs: int = 5) -> None:
    folder = tempfile.mkdtemp(prefix="oqs-ui-start-")
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
           "OQS_KIOSK_DATA_DIR": os.path.join(folder, "data"),
           "OQS_KIOSK_CONFIG_DIR": os.path.join(folder, "config")}
    times = []
    for run in range(runs + 1):
        done = subprocess.run([sys.executable, "-c", CHILD, repr(time.time())], env=env,
                              capture_output=True, text=True, check=True, timeout=60, encoding="utf-8")
        figure = float(done.stdout.strip().splitlines()[-1])
        if run == 0:
            print(f"first start of the day (demo cards issued): {figure:7.1f} ms")
        else:
            times.append(figure)
    print(f"start to idle screen: median {statistics.median(times):7.1f} ms, max {max(times):7.1f} ms "
          f"over {runs} starts (target <= 2000 ms)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
