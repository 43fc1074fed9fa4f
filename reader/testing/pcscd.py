"""A private pcscd whose only readers are the two vpcd slots, for tests in any package.

    from reader.testing.pcscd import shared_pcscd
    pcscd = shared_pcscd()                       # one per test process, stopped at exit
    pcscd.insert(open_card(folder, "valid_adult"))   # waits until pcscd sees it; slot 0
    transport = PcscTransport(pcscd.reader_names[0])
    ...
    transport.close(); pcscd.remove()            # leave the slot empty for the next test

Only one pcscd can serve a process (libpcsclite fixes its socket path once), so tests in every
package share `shared_pcscd()` (or the `private_pcscd` fixture of reader.testing.fixtures).

Isolation, so nothing meets a system pcscd and no port is reachable from any network:
pcscd runs under `unshare --net --mount` (root needed). In its mount namespace /run/pcscd is a
folder of ours, so its socket appears there and never collides with /run/pcscd/pcscd.comm; the
test process reaches it through PCSCLITE_CSOCK_NAME. In its network namespace only a loopback
exists, so vpcd may listen there; the card side enters that namespace (setns, one thread) to
connect. Only the process started here is ever stopped, by its PID.
"""
from __future__ import annotations

import atexit
import ctypes
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from smartcard import scard

from ..errors import ReaderUnavailable
from ..pcsc import establish_context, list_readers
from ..virtual.card import VirtualCard
from ..virtual.vpcd import VpcdCards

PCSCD = shutil.which("pcscd") or "/usr/sbin/pcscd"
VPCD_DRIVER = "/usr/lib/pcsc/drivers/serial/libifdvpcd.so"
VPCD_PORT = 35963  # inside the private network namespace, so any fixed port is free
FRIENDLY_NAME = "Virtual PCD"
READER_NAMES = (f"{FRIENDLY_NAME} 00 00", f"{FRIENDLY_NAME} 00 01")
CLONE_NEWNET = 0x40000000
PR_SET_PDEATHSIG = 1
# libpcsclite reads PCSCLITE_CSOCK_NAME once per process, so every PrivatePcscd of a process
# puts its socket in the same folder.
RUN_DIR = Path(tempfile.gettempdir()) / f"oqs-pcscd-{os.getpid()}"
SOCKET = RUN_DIR / "pcscd.comm"
# ip(8) brings the namespace's loopback up; mount binds our folder over /run/pcscd.
NAMESPACE_SCRIPT = 'ip link set lo up && mkdir -p /run/pcscd && mount --bind "$0" /run/pcscd && exec "$@"'


class PcscdUnavailable(RuntimeError):
    """A private pcscd cannot run here (not root, no unshare, or packages missing)."""


def _connect_in_namespace(pid: int, port: int) -> socket.socket:
    """A TCP socket connected to 127.0.0.1:port inside the network namespace of `pid`."""
    result: dict[str, Any] = {}

    def work() -> None:
        libc = ctypes.CDLL(None, use_errno=True)
        try:
            fd = os.open(f"/proc/{pid}/ns/net", os.O_RDONLY)
            try:
                if libc.setns(fd, CLONE_NEWNET) != 0:
                    raise OSError(ctypes.get_errno(), "setns into pcscd's network namespace")
            finally:
                os.close(fd)
            result["sock"] = socket.create_connection(("127.0.0.1", port), timeout=5)
            result["sock"].settimeout(None)
        except OSError as exc:
            result["error"] = exc

    thread = threading.Thread(target=work, name="netns connect")  # the thread dies in that netns
    thread.start()
    thread.join()
    if "error" in result:
        raise result["error"]
    connected: socket.socket = result["sock"]
    return connected


def _die_with_parent() -> None:
    """In the child: get SIGTERM if the test process dies without stopping us (no orphans)."""
    ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def check_possible() -> None:
    """Raise PcscdUnavailable with the reason if a private pcscd cannot run on this machine."""
    missing = [p for p in (PCSCD, VPCD_DRIVER) if not Path(p).exists()]
    if missing:
        raise PcscdUnavailable(f"missing {', '.join(missing)}: apt-get install pcscd vsmartcard-vpcd")
    if os.geteuid() != 0:
        raise PcscdUnavailable("a private pcscd needs root (unshare --net --mount)")
    for tool in ("unshare", "ip"):
        if not shutil.which(tool):
            raise PcscdUnavailable(f"{tool} not found (util-linux, iproute2)")


class PrivatePcscd:
    def __init__(self, workdir: Path | None = None, start_timeout: float = 10.0):
        self._own_workdir = workdir is None
        self.workdir = Path(workdir or tempfile.mkdtemp(prefix="oqs-pcscd-conf-"))
        self.start_timeout = start_timeout
        self.process: subprocess.Popen[bytes] | None = None
        self.cards = VpcdCards(self._connect_slot)
        self.reader_names = READER_NAMES

    def _connect_slot(self, slot: int) -> socket.socket:
        if self.process is None or self.process.poll() is not None:
            raise ConnectionRefusedError("pcscd is not running")
        return _connect_in_namespace(self.process.pid, VPCD_PORT + slot)

    @property
    def _conf(self) -> Path:
        return self.workdir / "reader.conf.d"

    def _write_conf(self) -> None:
        self._conf.mkdir(parents=True, exist_ok=True)
        # "/dev/null:PORT" is vpcd's listening mode; it listens inside the private namespace only.
        (self._conf / "vpcd").write_text(
            f'FRIENDLYNAME "{FRIENDLY_NAME}"\nDEVICENAME /dev/null:{VPCD_PORT}\n'
            f"LIBPATH {VPCD_DRIVER}\nCHANNELID {VPCD_PORT:#x}\n", encoding="utf-8")

    def start(self) -> PrivatePcscd:
        check_possible()
        self._write_conf()
        RUN_DIR.mkdir(parents=True, exist_ok=True)
        for stale in (SOCKET, RUN_DIR / "pcscd.pid"):
            stale.unlink(missing_ok=True)
        os.environ["PCSCLITE_CSOCK_NAME"] = str(SOCKET)
        command = ["unshare", "--net", "--mount", "--propagation", "private", "sh", "-c",
                   NAMESPACE_SCRIPT, str(RUN_DIR), PCSCD, "--foreground", "--config", str(self._conf)]
        with open(self.workdir / "pcscd.log", "ab") as log:
            self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT,
                                            stdin=subprocess.DEVNULL, preexec_fn=_die_with_parent)
        self._wait_ready()
        return self

    def _wait_ready(self) -> None:
        process = self.process
        if process is None:
            raise PcscdUnavailable("pcscd was not started")
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise PcscdUnavailable(f"pcscd exited with {process.returncode}; see "
                                       f"{self.workdir / 'pcscd.log'}")
            if SOCKET.exists():
                try:
                    context = establish_context()
                except ReaderUnavailable:
                    pass
                else:
                    try:
                        if set(READER_NAMES) <= set(list_readers(context)):
                            return
                    finally:
                        scard.SCardReleaseContext(context)
            time.sleep(0.05)
        self.stop()
        raise PcscdUnavailable(f"pcscd did not come up in {self.start_timeout} s")

    def stop(self) -> None:
        """Stop pcscd (readers and cards vanish with it), then the card side."""
        process, self.process = self.process, None
        if process is not None and process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)
        self.cards.close()
        try:
            RUN_DIR.rmdir()  # pcscd removed its socket and pid file on the way out
        except OSError:
            pass
        if self._own_workdir:
            shutil.rmtree(self.workdir, ignore_errors=True)

    def insert(self, card: VirtualCard, slot: int = 0, *, pull_after: int | None = None) -> None:
        """Insert a virtual card and wait until pcscd has seen it."""
        self.cards.insert(card, slot, pull_after=pull_after)
        self.wait_for_card(slot, present=True)

    def remove(self, slot: int = 0) -> None:
        """Remove the card and wait until pcscd has seen it go."""
        self.cards.remove(slot)
        self.wait_for_card(slot, present=False)

    def wait_for_card(self, slot: int, present: bool, timeout: float = 5.0) -> None:
        context = establish_context()
        try:
            state = scard.SCARD_STATE_UNAWARE
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline:
                hresult, states = scard.SCardGetStatusChange(
                    context, 200, [(self.reader_names[slot], state)])
                if hresult == scard.SCARD_S_SUCCESS:
                    state = states[0][1] & ~scard.SCARD_STATE_CHANGED
                    if bool(state & scard.SCARD_STATE_PRESENT) == present:
                        return
            raise TimeoutError(f"pcscd did not see the card {'arrive' if present else 'leave'}")
        finally:
            scard.SCardReleaseContext(context)

    def restart(self) -> None:
        self.stop()
        self.start()

    def __enter__(self) -> PrivatePcscd:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


_shared: PrivatePcscd | None = None


def shared_pcscd() -> PrivatePcscd:
    """The process's private pcscd, started on first use and stopped when the process exits."""
    global _shared
    if _shared is None:
        _shared = PrivatePcscd()
        atexit.register(_shared.stop)
    if _shared.process is None or _shared.process.poll() is not None:
        _shared.start()
    return _shared
