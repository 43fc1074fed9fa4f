"""The `windows` fixture: Windows file behaviour reproduced on Linux, for the places that matter.

Written from Microsoft's documentation of the C runtime and Win32, not from the kiosk's code:
- the default text encoding is the ANSI code page, cp932 on Japanese Windows (open() without
  encoding=, Path.read_text/write_text without one);
- a descriptor from os.open without O_BINARY is in text mode: each 0x0A written becomes 0x0D 0x0A
  (os.O_BINARY exists, 0x8000);
- a file open in another handle (Python's open() shares read and write, not delete) cannot be
  renamed, replaced or deleted: PermissionError (WinError 32); `hold(path)` plays another process
  (antivirus, a log viewer, the receipt computer) holding it, `hold(path, times=n)` for n tries;
- chmod sets or clears only the read-only attribute: st_mode is 0o666 or 0o444 for a file, so the
  bits of group and others say nothing about who may read.
`as_platform()` also makes sys.platform "win32" (what kiosk.config.platform_calls asks) and answers for
the Windows tools the kiosk runs (whoami, icacls, PowerShell's Get-Acl) as a Windows 11 PC does:
`tool_calls` lists the commands, `acl` is the folder's access rules that Get-Acl prints.
"""
from __future__ import annotations

import builtins
import errno
import io
import os
import stat
import sys
import types
import weakref
from pathlib import Path

import pytest

O_BINARY = 0x8000          # the value in the Windows C runtime's fcntl.h
WINDOWS_ANSI_CODE_PAGE = "cp932"


def _byte_locks() -> types.ModuleType:
    """msvcrt.locking as the kiosk uses it (a non-blocking lock on one byte), over POSIX locks."""
    import fcntl
    module = types.ModuleType("msvcrt")
    module.LK_NBLCK, module.LK_UNLCK = 2, 0

    def locking(fd: int, mode: int, nbytes: int) -> None:
        operation = fcntl.LOCK_UN if mode == module.LK_UNLCK else fcntl.LOCK_EX | fcntl.LOCK_NB
        fcntl.lockf(fd, operation, nbytes, os.lseek(fd, 0, os.SEEK_CUR))
    module.locking = locking
    return module


class WindowsSemantics:
    def __init__(self, monkeypatch: pytest.MonkeyPatch):
        self._monkeypatch = monkeypatch
        self._open_handles: list[tuple[str, weakref.ref]] = []
        self._held: dict[str, int | None] = {}      # path -> tries left (None: until released)
        self._text_descriptors: set[int] = set()
        self.refused: list[tuple[str, str]] = []    # (call, path) of every refused rename/delete
        self._patch_open()
        self._patch_descriptors()
        self._patch_renames()
        self._patch_mode_bits()

    USER_SID = "S-1-5-21-3623811015-3361044348-30300820-1001"
    # A folder made on D:\ by an administrator: inherited from the drive's root, Users may read.
    INHERITED_FROM_A_SECOND_DISK = [("S-1-5-32-544", "Allow", 2032127), ("S-1-5-18", "Allow", 2032127),
                                    ("S-1-5-11", "Allow", -536805376), ("S-1-5-32-545", "Allow", 1179817)]

    def as_platform(self) -> None:
        from kiosk.config import platform_calls
        self._monkeypatch.setattr(sys, "platform", "win32")
        self.tool_calls: list[list[str]] = []
        self.acl = [(self.USER_SID, "Allow", 2032127), ("S-1-5-18", "Allow", 2032127),
                    ("S-1-5-32-544", "Allow", 2032127)]
        self._monkeypatch.setattr(platform_calls, "run_windows_tool", self._run_tool, raising=False)
        self._monkeypatch.setitem(sys.modules, "msvcrt", _byte_locks())

    def _run_tool(self, command: list[str]) -> str:
        self.tool_calls.append(command)
        if command[0] == "whoami":
            return f'"kiosk-pc\\受付","{self.USER_SID}"\r\n'
        if command[0] == "icacls":
            if "/inheritance:r" in command:
                self.acl = [(grant[1:].split(":")[0], "Allow", 2032127) for grant in command[4:]]
            return "processed file: " + command[1] + "\r\nSuccessfully processed 1 files\r\n"
        if command[0] == "powershell":
            return self.USER_SID + "\r\n" + "".join(f"{sid} {kind} {rights}\r\n" for sid, kind, rights in self.acl)
        raise FileNotFoundError(command[0])

    def hold(self, path: Path, times: int | None = None) -> None:
        """Another process holds `path` open (for the next `times` refused calls, or until
        `release`)."""
        self._held[os.path.abspath(path)] = times

    def release(self, path: Path) -> None:
        self._held.pop(os.path.abspath(path), None)

    # -- cp932 as the default encoding; every handle remembered ---------------------------------
    def _patch_open(self) -> None:
        real_open = io.open

        def windows_open(file, mode="r", buffering=-1, encoding=None, *args, **kwargs):
            if "b" not in mode and encoding in (None, "locale"):
                encoding = WINDOWS_ANSI_CODE_PAGE
            stream = real_open(file, mode, buffering, encoding, *args, **kwargs)
            if isinstance(file, (str, bytes, os.PathLike)):
                self._open_handles.append((os.path.abspath(os.fsdecode(file)), weakref.ref(stream)))
            return stream
        self._monkeypatch.setattr(io, "open", windows_open)
        self._monkeypatch.setattr(builtins, "open", windows_open)

    # -- text-mode descriptors --------------------------------------------------------------------
    def _patch_descriptors(self) -> None:
        real_open, real_write, real_close = os.open, os.write, os.close
        self._monkeypatch.setattr(os, "O_BINARY", O_BINARY, raising=False)

        def windows_os_open(path, flags, mode=0o777, *, dir_fd=None):
            text = not flags & O_BINARY
            created = flags & os.O_CREAT and not os.path.exists(path)
            fd = real_open(path, flags & ~O_BINARY, mode, dir_fd=dir_fd)
            if created:   # only the read-only attribute comes of the mode
                os.fchmod(fd, 0o666 if mode & stat.S_IWRITE else 0o444)
            if text:
                self._text_descriptors.add(fd)
            return fd

        def windows_write(fd, data):
            if fd in self._text_descriptors:
                real_write(fd, bytes(data).replace(b"\n", b"\r\n"))
                return len(data)
            return real_write(fd, data)

        def windows_close(fd):
            self._text_descriptors.discard(fd)
            real_close(fd)
        self._monkeypatch.setattr(os, "open", windows_os_open)
        self._monkeypatch.setattr(os, "write", windows_write)
        self._monkeypatch.setattr(os, "close", windows_close)

    # -- no rename, replace or delete of an open file --------------------------------------------
    def _in_use(self, path) -> bool:
        path = os.path.abspath(os.fsdecode(path))
        if path in self._held:
            left = self._held[path]
            if left is not None:
                if left <= 1:
                    del self._held[path]
                else:
                    self._held[path] = left - 1
            return True
        self._open_handles = [(p, ref) for p, ref in self._open_handles
                              if ref() is not None and not ref().closed]
        return any(p == path for p, _ in self._open_handles)

    def _refuse(self, call: str, *paths) -> None:
        for path in paths:
            if self._in_use(path):
                self.refused.append((call, os.fsdecode(path)))
                raise PermissionError(errno.EACCES, "[WinError 32] The process cannot access the file "
                                      "because it is being used by another process", os.fsdecode(path))

    def _patch_renames(self) -> None:
        for name in ("replace", "rename"):
            real = getattr(os, name)

            def refusing(source, target, *args, _real=real, _name=name, **kwargs):
                self._refuse(f"os.{_name}", source, target)
                return _real(source, target, *args, **kwargs)
            self._monkeypatch.setattr(os, name, refusing)
        for name in ("unlink", "remove"):
            real = getattr(os, name)

            def refusing_delete(path, *args, _real=real, _name=name, **kwargs):
                self._refuse(f"os.{_name}", path)
                return _real(path, *args, **kwargs)
            self._monkeypatch.setattr(os, name, refusing_delete)

    # -- mode bits mean only "read-only" ---------------------------------------------------------
    def _patch_mode_bits(self) -> None:
        real_chmod = os.chmod

        def windows_chmod(path, mode, *args, **kwargs):
            if os.path.isdir(path):
                return real_chmod(path, 0o777, *args, **kwargs)
            return real_chmod(path, 0o666 if mode & stat.S_IWRITE else 0o444, *args, **kwargs)
        self._monkeypatch.setattr(os, "chmod", windows_chmod)
        real_mkdir = os.mkdir

        def windows_mkdir(path, mode=0o777, *args, **kwargs):
            real_mkdir(path, 0o777, *args, **kwargs)   # the mode argument is ignored on Windows
            real_chmod(path, 0o777)
        self._monkeypatch.setattr(os, "mkdir", windows_mkdir)


@pytest.fixture
def windows(monkeypatch) -> WindowsSemantics:
    return WindowsSemantics(monkeypatch)
