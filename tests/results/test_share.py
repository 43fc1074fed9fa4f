"""Fault 1 of issue 17: the share is not mounted. The result folder lives on a tmpfs bound at a
mount point in a private mount namespace; unbinding it leaves the empty mount point, as when the
clinic's network share is down. The kiosk must queue, never write to the local disk under it."""
from __future__ import annotations

import os
from pathlib import Path

from kiosk.results.naming import RESULT_FILE_PATTERN
from tests.results.sinks import INSTITUTION, opened
from tests.results.mounts import (bind, mount_tmpfs, needs_mount_namespace,
                                  run_in_private_namespace, unmount)
from tests.results.outcomes import outcome_for


def _sink(base: Path, folder: Path, mount: Path | None):
    """The sink as the kiosk opens it at start (open_result_sink), its data under ``base/data``."""
    from kiosk.results import open_result_sink
    return opened(open_result_sink(folder, INSTITUTION, base=base / "data",
                                   **({"share_mount": mount} if mount else {})))


def _results(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if RESULT_FILE_PATTERN.match(p.name))


def share_comes_and_goes(base: str, subfolder: str) -> None:
    """The scenario, inside the namespace: the share (a tmpfs) bound at ``mount``; results go to
    ``mount/subfolder`` (or the mount point itself when ``subfolder`` is empty)."""
    base_path = Path(base)
    server, mount = base_path / "server", base_path / "mnt"
    server.mkdir()
    mount.mkdir()
    mount_tmpfs(str(server))
    folder = mount / subfolder if subfolder else mount
    bind(str(server), str(mount))
    folder.mkdir(exist_ok=True)
    sink = _sink(base_path, folder, None if subfolder else mount)   # a subfolder needs no hint
    first = sink.write(outcome_for("valid_adult"))
    assert first.written and _results(folder) == [first.file_name]

    unmount(str(mount))                      # the share is down; its empty mount point remains
    assert os.listdir(mount) == []
    sink = _sink(base_path, folder, None if subfolder else mount)   # the kiosk starts again
    second = sink.write(outcome_for("iphone"))
    assert not second.written, "written while the share was not mounted"
    assert os.listdir(mount) == [], "the kiosk wrote under the empty mount point"
    assert sink.status().alert and sink.status().queued == 1
    assert sink.deliver_pending().queued == 1 and os.listdir(mount) == []

    bind(str(server), str(mount))            # the share is back
    assert sink.deliver_pending().queued == 0
    assert _results(folder) == sorted([first.file_name, second.file_name])
    assert len(os.listdir(folder)) == 2      # no temporary left behind


@needs_mount_namespace
def test_a_folder_below_an_unmounted_share_is_never_created(tmp_path):
    run_in_private_namespace("tests.results.test_share:share_comes_and_goes", str(tmp_path), "face")


@needs_mount_namespace
def test_an_empty_mount_point_is_not_the_share(tmp_path):
    run_in_private_namespace("tests.results.test_share:share_comes_and_goes", str(tmp_path), "")


def test_a_missing_result_folder_is_not_created_but_waited_for(tmp_path):
    folder = tmp_path / "share" / "face"
    sink = _sink(tmp_path, folder, None)
    delivery = sink.write(outcome_for("valid_adult"))
    assert not delivery.written and not folder.exists()
    assert "unavailable" in sink.status().last_error
    folder.mkdir(parents=True)
    assert sink.deliver_pending().queued == 0 and _results(folder) == [delivery.file_name]


def test_retarget_creates_no_folder(tmp_path):
    sink = _sink(tmp_path, tmp_path, None)
    sink.retarget(tmp_path / "elsewhere" / "face", INSTITUTION, "utf-8")
    assert not (tmp_path / "elsewhere").exists()
