"""Assembles a working kiosk core: machine, runner and the adapters behind its ports. The kiosk as
installed (kiosk.composition.installed) and the demo's (kiosk.composition.demo, also behind the headless `kiosk.tools.checkin`)
are both built here; the app, the tests and the benches take one of those two."""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from faceauth import CameraSource, FaceMatcher
from reader import ReaderService
from reader.trust import load_test_anchors

from kiosk.core import events as ev
from kiosk.config import paths
from kiosk.adapters.card import CardFaceUnlocker, ReaderCard
from kiosk.adapters.face import CameraFace, LazyMatcher
from kiosk.adapters.gateway import SignedGateway
from kiosk.adapters.results import OutboxResults
from kiosk.adapters.audit_trail import AuditTrail
from kiosk.core.clock import SYSTEM_CLOCK, Clock
from kiosk.gateway import QualificationGateway, TerminalKey, terminal_key_path
from kiosk.config.instance import claim_data_folder
from kiosk.results import OutboxRetrier, sink_from_settings
from kiosk.core.runner import CheckInRunner
from kiosk.core.session import CheckInMachine, Step
from kiosk.config.settings import Settings, plain_value
from kiosk.store import StaffAction, open_audit_store, utc_now

log = logging.getLogger("kiosk.composition.wiring")

RESULT_SETTINGS = ("result_folder", "result_share_mount", "result_encoding", "institution_code")   # what the sink holds
VISUAL_CHECK_FROM_PANEL = "visual_check_from_panel"   # the audit's name for a 目視 answered there


@dataclass
class Kiosk:
    settings: Settings
    machine: CheckInMachine
    runner: CheckInRunner
    card: ReaderCard
    face: CameraFace
    results: OutboxResults
    retrier: OutboxRetrier
    audit: AuditTrail
    on_stop: list[Callable[[], None]] = field(default_factory=list)
    base: Path | None = None

    def start(self) -> "Kiosk":
        """Nothing here touches the result share: the retrier's first round, at once and on its
        own thread, delivers whatever a crash or a dead share left queued."""
        self.retrier.start()
        self.audit.store.purge()
        self.card.start()
        self.face.warm()
        return self

    def apply_settings(self, new: Settings) -> None:
        """A settings change while running (subscribe it to the SettingsEditor): the machine uses
        `new` from its next decision; a new result folder, encoding or institution code retargets
        the result sink, so the next result goes to the new place."""
        old, self.settings = self.settings, new
        self.machine.settings = new
        if any(plain_value(old.values[name]) != plain_value(new.values[name])
               for name in RESULT_SETTINGS):
            self.results.sink.retarget(new.result_folder_path(), new.institution_code,
                                       new.result_encoding.value, new.result_share_mount_path())
            log.info("results now go to %s", self.results.sink.folder)

    def staff_check_from_panel(self, same_person: bool) -> bool:
        """Staff answer the 目視 check on the staff panel (no 目視 password typed in front of the
        patient; the panel's own password let them in). Audited; False when no check is waiting."""
        if self.machine.step is not Step.STAFF_CHECK:
            return False
        self.audit.store.record_staff_action(StaffAction(
            utc_now(), VISUAL_CHECK_FROM_PANEL, {"same_person": same_person, "who": "staff"}))
        self.runner.dispatch(ev.StaffConfirmed() if same_person else ev.StaffDeclined())
        return True

    def stop(self) -> None:
        self.face.settle()
        self.card.stop()
        self.retrier.stop()
        self.runner.shutdown()          # a result being written is committed before the sink closes
        self.results.sink.close()
        self.audit.close()
        for action in self.on_stop:
            action()


def build_kiosk(settings: Settings, *, service: ReaderService, unlocker: CardFaceUnlocker,
                gateway: QualificationGateway, open_camera: Callable[..., CameraSource],
                matcher: FaceMatcher | None = None, base: Path | None = None,
                clock: Clock = SYSTEM_CLOCK) -> Kiosk:
    """`base` holds the outbox, keys and stores (default: the kiosk's data folder); one kiosk at a
    time may use it (AnotherKioskRunning). `clock` gives the machine its time and the runner its
    timeouts."""
    base = base or paths.data_dir()
    release = claim_data_folder(base)
    try:
        kiosk = _assemble(settings, service=service, unlocker=unlocker, gateway=gateway,
                          open_camera=open_camera, matcher=matcher, base=base, clock=clock)
    except BaseException:
        release()
        raise
    kiosk.on_stop.append(release)
    return kiosk


def _assemble(settings: Settings, *, service: ReaderService, unlocker: CardFaceUnlocker,
              gateway: QualificationGateway, open_camera: Callable[..., CameraSource],
              matcher: FaceMatcher | None, base: Path, clock: Clock) -> Kiosk:
    machine = CheckInMachine(settings, now=clock.now)
    holder: dict[str, CheckInRunner] = {}

    def presence(present: bool) -> None:
        holder["runner"].dispatch(ev.CardPlaced() if present else ev.CardRemoved())

    # Virtual cards are issued by the test CA; a clinic's build ships the J-LIS anchors instead.
    card = ReaderCard(service, load_test_anchors(), unlocker, presence)
    face = CameraFace(LazyMatcher((lambda: matcher) if matcher else FaceMatcher.load), open_camera)
    sink = sink_from_settings(settings, base=base)
    results = OutboxResults(sink)
    terminal_key = TerminalKey.load_or_create(terminal_key_path(base))
    runner = CheckInRunner(machine, card, face, SignedGateway(gateway, terminal_key), results,
                           clock)
    holder["runner"] = runner
    audit = AuditTrail(open_audit_store(settings.audit_retention_days, base),
                       lambda: machine.settings.staff_mode.value)
    machine.subscribe(audit.on_change)
    return Kiosk(settings, machine, runner, card, face, results, OutboxRetrier(sink, 5.0), audit, base=base)
