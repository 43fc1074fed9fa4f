"""Issue 17, fault 9: one kiosk per data folder, with a clear message for the second."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from kiosk.config.instance import AnotherKioskRunning, claim_data_folder


def test_a_second_claim_is_refused_naming_the_folder_and_the_holder(tmp_path):
    release = claim_data_folder(tmp_path)
    try:
        with pytest.raises(AnotherKioskRunning, match=str(tmp_path)) as refused:
            claim_data_folder(tmp_path)
        assert str(os.getpid()) in str(refused.value) and "別のキオスク" in str(refused.value)
    finally:
        release()
    claim_data_folder(tmp_path)()          # free again once released


def test_another_process_is_refused_while_the_folder_is_held(tmp_path):
    code = ("import sys; from pathlib import Path; from kiosk.config.instance import claim_data_folder, "
            "AnotherKioskRunning\ntry: claim_data_folder(Path(sys.argv[1]))\n"
            "except AnotherKioskRunning as exc: print(exc); sys.exit(7)")
    release = claim_data_folder(tmp_path)
    try:
        done = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True,
                              text=True, encoding="utf-8", timeout=60)
        assert done.returncode == 7 and "already running" in done.stdout
    finally:
        release()
    assert subprocess.run([sys.executable, "-c", code, str(tmp_path)], timeout=60).returncode == 0


def test_a_killed_kiosk_leaves_the_folder_free(tmp_path):
    holder = subprocess.Popen([sys.executable, "-c", "import sys, time; from pathlib import Path; "
                               "from kiosk.config.instance import claim_data_folder; "
                               "release = claim_data_folder(Path(sys.argv[1])); print('held', flush=True); "
                               "time.sleep(60)", str(tmp_path)], stdout=subprocess.PIPE, text=True,
                              encoding="utf-8")
    assert holder.stdout.readline().strip() == "held"
    with pytest.raises(AnotherKioskRunning):
        claim_data_folder(tmp_path)
    holder.kill()
    holder.wait()
    holder.stdout.close()
    claim_data_folder(tmp_path)()
