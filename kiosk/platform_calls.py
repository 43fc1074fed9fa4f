"""The only place for calls that exist on one operating system only (POSIX or Windows).

Everything else in kiosk/, ui/, reader/ and faceauth/ stays neutral and asks here. Tests check that
no POSIX-only or Windows-only module or call appears anywhere else (reader/testing, the private
pcscd of the tests, excepted).

Windows notes the code relies on:
- smart cards go through WinSCard (pyscard's default there, the "Smart Card" service, SCardSvr);
  reader/pcsc.py uses the same pyscard calls on both systems;
- cameras open through Media Foundation first, DirectShow second (faceauth.camera.device_backends);
- a folder cannot be fsynced on Windows; NTFS journals the rename itself;
- mode bits mean little on NTFS: the per-user data folder's ACL protects the key files.
"""
from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

WINDOWS_RESULT_FOLDER = r"C:\OQS\face"   # where receipt computers usually look


def is_windows() -> bool:
    return sys.platform == "win32"


def sync_folder(folder: Path) -> None:
    """Make a rename inside ``folder`` durable (fsync of the folder itself; POSIX only)."""
    if is_windows():
        return
    descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def lock_exclusively(path: Path):
    """``path`` opened and locked for this process alone (released when the returned file is
    closed or the process ends, even killed), or None when another process holds the lock."""
    stream = open(path, "a+b")
    try:
        if is_windows():
            import msvcrt
            stream.seek(0)
            msvcrt.locking(stream.fileno(), msvcrt.LK_NBLCK, 1)
        else:
            import fcntl
            fcntl.flock(stream.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        stream.close()
        return None
    return stream


def others_may_read(path: Path) -> int | None:
    """The file's mode when its group or other users have any access to it, else None.
    Always None on Windows, where the data folder's ACL does this job."""
    if is_windows():
        return None
    mode = path.stat().st_mode
    return stat.S_IMODE(mode) if mode & (stat.S_IRWXG | stat.S_IRWXO) else None


def default_result_folder(data_dir: Path) -> Path:
    """Where results go when the settings name no folder: C:\\OQS\\face on Windows, face/ in the
    kiosk's data folder elsewhere."""
    return Path(WINDOWS_RESULT_FOLDER) if is_windows() else data_dir / "face"


def no_camera_device() -> bool:
    """True when the system certainly has no camera (Linux without /dev/video*), so the demo need
    not wait for one to answer; False when it cannot tell (Windows, macOS)."""
    return sys.platform.startswith("linux") and not list(Path("/dev").glob("video*"))
