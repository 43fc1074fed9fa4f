"""What the self-test checks, each a function of the kiosk's set-up that returns what it saw or
raises (CheckFailed, or whatever the part raised); CheckSkipped when there is nothing to test
(no card on the reader). The demo set-up is the window's: in-process virtual reader, recorded
camera, local simulator, the data folder's personas."""
from __future__ import annotations

import os
import shutil
import xml.etree.ElementTree as ElementTree
from datetime import datetime, timezone
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.config import paths, settings
from kiosk.config.platform_calls import private_folder_command, readers_besides_owner, sync_folder
from kiosk.results import RESULT_FILE_PATTERN, prepare_result_folder, sink_from_settings
from kiosk.results.share import ShareUnavailable, check_share
from kiosk.config.atomic import write_synced
from kiosk.store import open_audit_store

if TYPE_CHECKING:   # the checks import their parts when they run, so a missing part fails one check
    from kiosk.composition.demo import VirtualTray
    from kiosk.gateway import SimulatedGateway
    from reader import MyNumberCard

DEMO_PERSONA = "valid_adult"
MIN_FREE_BYTES = 100 * 1024 * 1024   # a result file is a few kB; this is months of them
PLAUSIBLE_YEARS = range(2025, 2100)
CLOCK_TOLERANCE_S = 2.0


class CheckFailed(Exception):
    """The check ran and found a problem; the message says what, for staff and vendors."""


class CheckSkipped(Exception):
    """Nothing to check right now (e.g. no card on the reader); does not fail the self-test."""


class SelftestSetup:
    """The kiosk's parts as `python -m kiosk [--demo]` would build them, opened on first use."""

    def __init__(self, demo: bool, settings_path: Path | None = None) -> None:
        self.demo = demo
        self.settings_path = settings_path
        self.base = paths.data_dir()

    @cached_property
    def settings(self) -> settings.Settings:
        overrides = settings.demo_overrides(self.settings_path) if self.demo else {}
        try:
            return settings.load(self.settings_path, overrides=overrides)
        except settings.SettingsError as exc:
            raise CheckFailed(f"the settings cannot be used: {exc}") from None

    @cached_property
    def simulator(self) -> SimulatedGateway:
        from kiosk.gateway import SimulatedGateway
        return SimulatedGateway.open()

    @cached_property
    def tray(self) -> VirtualTray:
        from kiosk.composition.demo import demo_tray
        return demo_tray(self.simulator, self.base)


# ---- the checks ----------------------------------------------------------------------------

def check_settings(setup: SelftestSetup) -> str:
    loaded = setup.settings
    return f"institution {loaded.institution_code}, mode {loaded.staff_mode.value}"


def check_reader(setup: SelftestSetup) -> str:
    if setup.demo:
        return f"demo: {', '.join(setup.tray.reader.readers())}"
    from reader.pcsc import current_readers   # ReaderUnavailable when the service is absent
    readers = current_readers()
    if not readers:
        raise CheckFailed("the PC/SC service runs but no card reader is connected")
    return "PC/SC service up; " + ", ".join(readers)


def check_card(setup: SelftestSetup) -> str:
    from reader import MyNumberCard
    from reader.errors import NoCard
    if setup.demo:
        setup.tray.place(DEMO_PERSONA)
        try:
            return f"demo {DEMO_PERSONA}: " + _describe_card(MyNumberCard(setup.tray.reader.connect()))
        finally:
            setup.tray.take()
    from reader.pcsc import PcscReaderService, current_readers
    for name in current_readers():
        try:
            transport = PcscReaderService().connect(name)
        except NoCard:
            continue
        try:
            return f"{name}: " + _describe_card(MyNumberCard(transport))
        finally:
            transport.close()
    raise CheckSkipped("no card on the reader; place a My Number card to test it")


def _describe_card(card: MyNumberCard) -> str:
    """The token kind and, from a card, its authentication certificate (a phone hands out its
    certificates only after the patient's PIN or unlock, so its answer is the token kind)."""
    from cryptography import x509
    from reader import JpkiToken
    kind = card.token_kind()
    if kind is not JpkiToken.CARD:
        return f"{kind.name.lower()} (a phone), answers"
    certificate = x509.load_der_x509_certificate(card.auth_certificate())
    return f"card, authentication certificate valid until {certificate.not_valid_after_utc:%Y-%m-%d}"


def check_camera(setup: SelftestSetup) -> str:
    """The demo's recording, or the face camera and (when it is another one) the tray camera."""
    from faceauth.sample_faces import DEMO_RECORDING
    if setup.demo:
        return f"demo recording {DEMO_RECORDING.name}: {_frame_size(DEMO_RECORDING, 'demo')}"
    from kiosk.composition.installed import camera_sources
    face, tray = camera_sources(setup.settings)
    seen = f"face camera {face!r}: {_frame_size(face, 'face_camera')}"
    if tray == face:
        return seen + " (also the card tray camera)"
    return f"{seen}; card tray camera {tray!r}: {_frame_size(tray, 'tray_camera')}"


def _frame_size(source: int | str | Path, setting: str) -> str:
    from faceauth import CameraError, CameraSource
    try:
        with CameraSource(source, loop=True) as camera:
            height, width = camera.latest(timeout=3.0).image.shape[:2]
    except CameraError as exc:
        if isinstance(source, int):
            from faceauth.camera import devices_that_open
            raise CheckFailed(f"{exc} (setting {setting}; camera numbers that open here: "
                              f"{devices_that_open() or 'none'})") from None
        raise CheckFailed(f"{exc} (setting {setting})") from None
    return f"{width}×{height} frames"


def check_models(setup: SelftestSetup) -> str:
    from faceauth import DEFAULT_PACK_DIR, FaceMatcher
    from faceauth.modelpack import read_manifest
    FaceMatcher.load()   # verifies every file's sha256 before loading (ModelPackError)
    recorded = read_manifest(DEFAULT_PACK_DIR)["sha256"]
    return f"{DEFAULT_PACK_DIR.name}: {len(recorded)} files match their recorded sha256, loaded"


def check_gateway(setup: SelftestSetup) -> str:
    from kiosk.gateway import open_simulator_gateway
    nonce = open_simulator_gateway(setup.simulator).issue_nonce()
    return f"local simulator answered with a {len(nonce)}-byte nonce"


def check_result_folder(setup: SelftestSetup) -> str:
    """Really writes, fsyncs and removes a file whose name the receipt computer never takes."""
    folder = prepare_result_folder(setup.settings)
    try:
        check_share(folder, setup.settings.result_share_mount_path())   # the kiosk's own rule
    except ShareUnavailable as exc:
        raise CheckFailed(exc.strerror) from None
    probe = folder / f".oqs-kiosk-selftest-{os.getpid()}-{os.urandom(4).hex()}.tmp"
    assert not RESULT_FILE_PATTERN.match(probe.name)
    content = b"oqs-kiosk self-test\n"
    try:
        write_synced(probe, content)
        if probe.read_bytes() != content:
            raise CheckFailed(f"{folder}: what was written did not read back")
    finally:
        probe.unlink(missing_ok=True)
    sync_folder(folder)
    free = shutil.disk_usage(folder).free
    if free < MIN_FREE_BYTES:
        raise CheckFailed(f"{folder}: only {free / 2**20:.0f} MB free")
    return f"{folder}: writable, {free / 2**30:.1f} GB free"


def check_outbox(setup: SelftestSetup) -> str:
    """Nothing waiting, nothing set aside, and every result the audit lists as queued is known to
    the outbox (an emptied or replaced outbox would have lost it)."""
    sink = sink_from_settings(setup.settings, base=setup.base)
    try:
        status = sink.status()
        problems = []
        if status.queued:
            since = f"{status.oldest_queued_at:%Y-%m-%d %H:%M}"
            problems.append(f"{status.queued} result(s) waiting since {since} UTC; last error: "
                            f"{status.last_error}")
        if status.set_aside:
            problems.append(f"{status.set_aside} result(s) could not be decrypted and were set aside")
        if status.damage:
            problems.append(status.damage)
        lost = sink.unknown(open_audit_store(setup.settings.audit_retention_days,
                                             setup.base).queued_result_files())
        if lost:
            problems.append(f"{len(lost)} result(s) the audit lists as queued are not in the outbox "
                            f"(first: {lost[0]})")
    finally:
        sink.close()
    if problems:
        raise CheckFailed("; ".join(problems))
    return "empty: every result has been written"


def check_keys(setup: SelftestSetup) -> str:
    """The keys folder (store and terminal keys) readable by the kiosk's user alone: its mode on
    Linux, its ACL on Windows (where a folder on a second disk inherits "Users may read")."""
    folder = setup.base / "keys"
    if not folder.is_dir():
        raise CheckSkipped(f"{folder} does not exist yet: the first start makes it, private")
    if readers := readers_besides_owner(folder):
        raise CheckFailed(f"{folder} is readable by {', '.join(readers)}; "
                          f"run: {private_folder_command(folder)}")
    return f"{folder}: this user only (and the system's administrators)"


def check_clock(setup: SelftestSetup) -> str:
    now = datetime.now(timezone.utc)
    if now.year not in PLAUSIBLE_YEARS:
        raise CheckFailed(f"the clock says {now:%Y-%m-%d %H:%M} UTC")
    newest = open_audit_store(setup.settings.audit_retention_days, setup.base).newest_entry_at()
    if newest is not None and (newest - now).total_seconds() > CLOCK_TOLERANCE_S:
        raise CheckFailed(f"the clock ({now:%Y-%m-%d %H:%M:%S} UTC) is behind the newest audit "
                          f"row ({newest:%Y-%m-%d %H:%M:%S} UTC): it went backwards")
    return f"{now.astimezone():%Y-%m-%d %H:%M:%S %Z}"


def check_translations(setup: SelftestSetup, folder: Path | None = None) -> str:
    folder = folder or paths.resource_path("i18n")
    if not folder.is_dir():
        raise CheckFailed(f"{folder} does not exist: the window's translations have not been "
                          "added to this build")
    sources = sorted(folder.glob("*.ts"))
    if not sources:
        raise CheckFailed(f"{folder} holds no .ts translation files")
    problems = [problem for ts in sources if (problem := _translation_problem(ts))]
    if problems:
        raise CheckFailed("; ".join(problems))
    return f"{', '.join(ts.stem for ts in sources)}: complete, built"


def _translation_problem(ts: Path) -> str | None:
    qm = ts.with_suffix(".qm")
    if not qm.exists():
        return f"{qm.name} has not been built (lrelease)"
    if qm.stat().st_mtime < ts.stat().st_mtime:
        return f"{qm.name} is older than {ts.name}: build it again"
    try:
        translations = ElementTree.parse(ts).getroot().iter("translation")
    except ElementTree.ParseError as exc:
        return f"{ts.name} is not valid: {exc}"
    unfinished = sum(1 for t in translations if t.get("type") == "unfinished"
                     or (t.get("type") is None and not (t.text or "").strip() and not len(t)))
    return f"{ts.name}: {unfinished} unfinished translation(s)" if unfinished else None
