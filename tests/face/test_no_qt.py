"""faceauth stays Qt-free at run time too: lint-imports sees our imports, not insightface's."""

import subprocess
import sys


def test_importing_faceauth_loads_no_qt_and_no_kiosk_module():
    code = ("import sys, faceauth, faceauth.sample_faces; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'kiosk', 'ui', 'reader')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, encoding="utf-8")
    assert result.stdout.strip() == "[]"
