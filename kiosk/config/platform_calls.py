"""The only place for calls that exist on one operating system only (POSIX or Windows).

Everything else in kiosk/, ui/, reader/ and faceauth/ stays neutral and asks here. Tests check that
no POSIX-only or Windows-only module or call appears anywhere else (reader/testing, the private
pcscd of the tests, excepted).

Windows notes the code relies on:
- smart cards go through WinSCard (pyscard's default there, the "Smart Card" service, SCardSvr);
  reader/pcsc.py uses the same pyscard calls on both systems;
- cameras open through Media Foundation first, DirectShow second (faceauth.camera.device_backends);
- a folder cannot be fsynced on Windows; NTFS journals the rename itself;
- mode bits mean little on NTFS: the keys folder's ACL protects the key files (protect_private_folder
  sets it when the first key is made; readers_besides_owner lets the self-test check it);
- a descriptor from os.open is in text mode unless O_BINARY is given (each 0x0A written becomes
  0x0D 0x0A): binary_flag() for every os.open that writes bytes;
- a file another process holds (antivirus, a log viewer) cannot be renamed or replaced for a
  while: kiosk.config.atomic retries; the default text encoding is the ANSI code page (cp932), so every
  text read and write names its encoding.
"""
from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path
from typing import BinaryIO

WINDOWS_RESULT_FOLDER = r"C:\OQS\face"   # where receipt computers usually look
# Well-known SIDs that may hold the keys besides the kiosk's own user: LocalSystem, Administrators,
# and CREATOR OWNER (an inheritable entry that applies to whoever creates a file: the kiosk).
WINDOWS_TRUSTED_SIDS = {"S-1-5-18": "SYSTEM", "S-1-5-32-544": "Administrators", "S-1-3-0": "CREATOR OWNER"}
WINDOWS_GROUP_NAMES = {"S-1-1-0": "Everyone", "S-1-5-11": "Authenticated Users", "S-1-5-32-545": "Users",
                       "S-1-5-32-546": "Guests", "S-1-5-4": "INTERACTIVE"}
WINDOWS_READ_RIGHTS = 0x1 | 0x80000000 | 0x10000000   # ReadData, GENERIC_READ, GENERIC_ALL
# Prints one line per access rule of the folder: SID, Allow or Deny, rights as a number, and first
# the SID of the user running it (SIDs rather than names: names are translated on Japanese Windows).
ACL_SCRIPT = ("& {{ [Security.Principal.WindowsIdentity]::GetCurrent().User.Value; "
              "(Get-Acl -LiteralPath '{folder}').GetAccessRules($true, $true, "
              "[Security.Principal.SecurityIdentifier]) | ForEach-Object {{ "
              "'{{0}} {{1}} {{2}}' -f $_.IdentityReference.Value, $_.AccessControlType, "
              "[int64]$_.FileSystemRights }} }}")


# glibc's mallopt parameters (malloc.h) and the values the kiosk sets: see limit_allocator_growth.
M_MMAP_THRESHOLD, M_ARENA_MAX = -3, -8
MMAP_THRESHOLD_BYTES = 256 * 1024
ARENA_MAX = 2


def limit_allocator_growth() -> bool:
    """On Linux with glibc, keep the C allocator from holding on to freed memory: blocks from 256 KB
    up (camera frames, card renderings, model tensors) are mapped and unmapped on their own, where
    glibc would otherwise raise that threshold after the first free and serve them from its heaps,
    and at most 2 heaps (arenas) serve the kiosk's threads. Measured by bench/soak.py: RSS 511 ->
    362 MB, memory freed but kept by the allocator 142 -> 3 MB, and it no longer grows with the
    check-ins. Call it first thing in the process. True when set; elsewhere (Windows, musl) False."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes
    try:
        mallopt = ctypes.CDLL("libc.so.6").mallopt
    except (OSError, AttributeError):
        return False
    return bool(mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES) and mallopt(M_ARENA_MAX, ARENA_MAX))


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


def lock_exclusively(path: Path) -> BinaryIO | None:
    """``path`` opened and locked for this process alone (released when the returned file is
    closed or the process ends, even killed), or None when another process holds the lock."""
    stream = open(path, "a+b")
    try:
        if is_windows():
            import msvcrt
            stream.seek(0)
            msvcrt.locking(stream.fileno(), msvcrt.LK_NBLCK, 1)   # type: ignore[attr-defined,unused-ignore]
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


def binary_flag() -> int:
    """O_BINARY where it exists (Windows), else 0: add it to every os.open that writes bytes."""
    return getattr(os, "O_BINARY", 0)


def run_windows_tool(command: list[str]) -> str:
    """The output of a Windows system tool (icacls, PowerShell), in UTF-8 or the console's code
    page; raises OSError or CalledProcessError when it fails."""
    return subprocess.run(command, capture_output=True, check=True, timeout=30,
                          encoding="utf-8", errors="replace").stdout


def protect_private_folder(folder: Path) -> None:
    """Create ``folder`` so that only the kiosk's user can enter it: mode 0700 on POSIX; on Windows
    an ACL without inherited entries granting only this user, SYSTEM and Administrators (a
    folder on a second disk otherwise inherits "Users may read")."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    if not is_windows():
        return
    user = run_windows_tool(["whoami", "/user", "/fo", "csv", "/nh"]).strip().rsplit(",", 1)[-1].strip('"')
    grants = [f"*{sid}:(OI)(CI)F" for sid in (user, "S-1-5-18", "S-1-5-32-544")]
    run_windows_tool(["icacls", str(folder), "/inheritance:r", "/grant:r", *grants])


def readers_besides_owner(folder: Path) -> list[str]:
    """Who else may read the files in ``folder``: on POSIX "group"/"others" when the mode lets
    them; on Windows the SIDs of the ACL's allow entries with read rights other than the kiosk's
    user, SYSTEM and Administrators."""
    if not is_windows():
        mode = stat.S_IMODE(folder.stat().st_mode)
        return [who for who, bits in (("group", stat.S_IRWXG), ("others", stat.S_IRWXO)) if mode & bits]
    script = ACL_SCRIPT.format(folder=str(folder).replace("'", "''"))
    output = run_windows_tool(["powershell", "-NoProfile", "-NonInteractive", "-Command", script])
    return readers_in_acl(output)


def private_folder_command(folder: Path) -> str:
    """The command a vendor runs (as the kiosk's user) to make ``folder`` private again."""
    if is_windows():
        return (f'icacls "{folder}" /inheritance:r /grant:r "%USERNAME%:(OI)(CI)F" '
                '*S-1-5-18:(OI)(CI)F *S-1-5-32-544:(OI)(CI)F')
    return f"chmod -R go-rwx '{folder}'"


def readers_in_acl(output: str) -> list[str]:
    """The SIDs that ACL_SCRIPT's output lets read besides its first line's user and the trusted."""
    rows = [line.split() for line in output.splitlines() if line.strip()]
    if not rows:
        raise ValueError("PowerShell printed no access rules")
    owner, readers = rows[0][0], []
    for sid, kind, rights in (row[:3] for row in rows[1:]):
        if kind == "Allow" and int(rights) & 0xFFFFFFFF & WINDOWS_READ_RIGHTS and sid != owner \
                and sid not in WINDOWS_TRUSTED_SIDS and sid not in readers:
            readers.append(f"{WINDOWS_GROUP_NAMES[sid]} ({sid})" if sid in WINDOWS_GROUP_NAMES else sid)
    return readers
