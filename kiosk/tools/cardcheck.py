"""`python -m kiosk cardcheck`: the face-path reads on whatever card lies on the reader, one line
per step, for a vendor with a real card in hand. It prints no personal data: no name, birth date,
photo, certificate dates or number, only what each step found (kinds, key ids, sizes, verdicts).

    python -m kiosk cardcheck               照合番号B from the card-tray camera
    python -m kiosk cardcheck --typed       照合番号B typed by staff (digits hidden)
    python -m kiosk cardcheck --demo valid_adult   a virtual persona behind a private pcscd

Exit status 0 when every step passed. Send the output back to the project with the first real card.
"""
from __future__ import annotations

import argparse
import getpass
import sys
import tempfile
import time
from contextlib import ExitStack
from datetime import datetime, timezone
from pathlib import Path
from types import SimpleNamespace
from typing import Callable

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import rsa

from faceauth import CameraSource
from faceauth.chip_photo import decode_chip_photo
from faceauth.surface import SurfaceReader
from kiosk.config import settings
from kiosk.composition.installed import camera_sources
from kiosk.core.ports import PortProblem
from kiosk.adapters.surface import MIN_NUMBER_B_TRIES, OpenTrayCamera, read_surface
from reader import JpkiToken, MyNumberCard, Transport, cardface, cvc, era, errors
from reader.issuer_keys import key_id_name
from reader.trust import TrustAnchors, load_test_anchors

SOON_DAYS = 90


class Steps:
    """Prints `[ ok ] step: finding` lines and remembers whether any failed."""

    def __init__(self) -> None:
        self.failed = False

    def line(self, verdict: str, step: str, finding: str) -> None:
        print(f"[{verdict:^4}] {step}: {finding}", file=sys.stdout, flush=True)

    def ok(self, step: str, finding: str) -> None:
        self.line("ok", step, finding)

    def info(self, step: str, finding: str) -> None:
        self.line("info", step, finding)

    def fail(self, step: str, finding: str) -> None:
        self.failed = True
        self.line("FAIL", step, finding)


def certificate_state(cert: x509.Certificate, now: datetime) -> str:
    """Valid, expiring or expired, never the date itself (it reveals the holder's birthday)."""
    days = (cert.not_valid_after_utc - now).days
    if now < cert.not_valid_before_utc or days < 0:
        return "not valid today"
    return f"valid, expires within {SOON_DAYS} days" if days < SOON_DAYS else "valid"


def check_certificates(card: MyNumberCard, trust: TrustAnchors, steps: Steps) -> None:
    der, ca_der = card.auth_certificate(), card.auth_ca_certificate()
    cert, ca = x509.load_der_x509_certificate(der), x509.load_der_x509_certificate(ca_der)
    key = cert.public_key()
    kind = f"RSA-{key.key_size}" if isinstance(key, rsa.RSAPublicKey) else type(key).__name__
    steps.ok("auth certificate", f"EF 000A {len(der)} bytes, {kind}, "
                                 f"{certificate_state(cert, datetime.now(timezone.utc))}")
    try:
        cert.verify_directly_issued_by(ca)
        steps.ok("certificate chain", f"EF 000A is signed by EF 000B ({ca.subject.rfc4514_string()})")
    except Exception as exc:
        steps.fail("certificate chain", f"EF 000A is not signed by EF 000B: {type(exc).__name__}")
    known = any(anchor.public_key() == ca.public_key() for anchor in trust.jpki_cas)
    (steps.ok if known else steps.info)(
        "JPKI anchor", "EF 000B is one of this kiosk's JPKI anchors" if known
        else "EF 000B is not among this kiosk's JPKI anchors (the gateway checks the chain)")


def number_b_from(args: argparse.Namespace, card_values_camera: OpenTrayCamera) -> str:
    if args.typed:
        return getpass.getpass("照合番号B (14 digits, not shown): ").strip()
    with ExitStack() as opened:
        camera = opened.enter_context(card_values_camera())
        reading = read_surface(camera, SurfaceReader(era.from_era))
    return era.number_b(reading.birth_date, reading.expiry, reading.security_code)


def check_card_face(card: MyNumberCard, number_b: str, trust: TrustAnchors, steps: Steps) -> None:
    """Each step of `card.card_face` and the chip challenge on its own line; stops at the first
    that fails."""
    found = SimpleNamespace()

    def unlock() -> str:
        found.raw, found.certificate = card.card_face_files(number_b)
        return "accepted by the card"

    def parse_face() -> str:
        found.items, _ = cardface.parse_items(found.raw)
        found.face = cardface.parse(found.raw)
        return (f"EF 0002 {len(found.raw)} bytes, FF20 with DF21 offsets matching its "
                f"{len(found.items) - 1} objects, DF24 a 90/91 RSA-{found.face.public_key.key_size} key")

    def parse_certificate() -> str:
        found.cert = cert = cvc.parse(found.certificate)
        return (f"7F21 {{5F4E {len(cert.body)} bytes, 5F37}}, issuer key id {cert.issuer_name}, "
                f"subject key id {key_id_name(cert.subject_key_id)}")

    def verify_certificate() -> str:
        issuer = cvc.verify(found.cert, trust.card_issuer_keys)
        return f"verified under {issuer.name} ({issuer.hierarchy})"

    def verify_face() -> str:
        cardface.check_signature(found.items, found.raw, found.cert.public_key, found.face.public_key)
        return "DF28 verified under the certified key (3 segments)"

    def challenge() -> str:
        return f"{len(card.chip_challenge(found.face).signature)}-byte answer verified under DF24"

    for step, action in (("照合番号B", unlock), ("card face", parse_face), ("EF 0004", parse_certificate),
                         ("EF 0004 signature", verify_certificate),
                         ("card-face signature", verify_face), ("chip challenge", challenge)):
        try:
            steps.ok(step, action())
        except errors.WrongPin as wrong:
            steps.fail(step, f"refused by the card ({wrong.tries_left} tries left)")
            return
        except errors.UnknownIssuerKey as exc:
            steps.fail(step, f"not checked: {exc}")
            return
        except errors.CardError as exc:
            steps.fail(step, f"{type(exc).__name__}: {exc}")
            return
    check_photo(found.face, steps)


def check_photo(face: cardface.CardFace, steps: Steps) -> None:
    if face.photo_jp2 is None:
        steps.info("photo", "DF27 is empty (no face photo on this card)")
        return
    try:
        image = decode_chip_photo(face.photo_jp2)
        steps.ok("photo", f"DF27 JPEG 2000, {len(face.photo_jp2)} bytes, decodes to "
                          f"{image.shape[1]}x{image.shape[0]}")
    except Exception as exc:
        steps.fail("photo", f"DF27 does not decode: {type(exc).__name__}")


def run_check(transport: Transport, trust: TrustAnchors, get_number_b: Callable[[], str],
              steps: Steps) -> None:
    started = time.monotonic()
    card = MyNumberCard(transport, trust)
    kind = card.token_kind()
    steps.ok("token", f"{kind.value} (JPKI EF 0006 label)")
    if kind is JpkiToken.ANDROID:
        steps.info("auth certificate", "an Android phone shows it only after its PIN: not read")
    else:
        check_certificates(card, trust, steps)
    if kind is not JpkiToken.CARD:
        steps.info("card face", "phones carry no card face: the face path does not exist for them")
        return
    tries = card.number_b_tries_left()
    if tries is not None and tries < MIN_NUMBER_B_TRIES:
        steps.fail("照合番号B", f"only {tries} tries left: not trying (the office needs them)")
        return
    steps.ok("照合番号B tries", "already verified" if tries is None else f"{tries} left")
    check_card_face(card, get_number_b(), trust, steps)
    traffic = card.traffic
    steps.info("traffic", f"{traffic.apdus} APDUs, {traffic.sent} bytes sent, "
                          f"{traffic.received} bytes received, {time.monotonic() - started:.2f} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kiosk cardcheck", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reader", help="PC/SC reader name (default: the first with a card)")
    parser.add_argument("--typed", action="store_true", help="type 照合番号B instead (hidden)")
    parser.add_argument("--demo", metavar="PERSONA", help="a virtual persona, private pcscd")
    args = parser.parse_args(argv)
    steps = Steps()
    try:
        with ExitStack() as stack:
            transport, camera = open_reader(args, stack, steps)
            run_check(transport, load_test_anchors(), lambda: number_b_from(args, camera), steps)
    except errors.CardError as exc:
        steps.fail("card", f"{type(exc).__name__}: {exc}")
    except PortProblem as exc:
        steps.fail("card surface", f"code {exc.problem.code}: {exc}")
    return 1 if steps.failed else 0


def open_reader(args: argparse.Namespace, stack: ExitStack,
                steps: Steps) -> tuple[Transport, OpenTrayCamera]:
    """(transport, card-tray camera factory) for a real reader or a demo persona."""
    from reader.pcsc import PcscTransport, current_readers

    if args.demo:
        camera = demo_card(args.demo, stack)
    else:
        _, tray = camera_sources(settings.load())
        camera = lambda: CameraSource(tray)  # noqa: E731
    readers = [args.reader] if args.reader else current_readers()
    if not readers:
        raise errors.ReaderUnavailable("no PC/SC reader")
    transport = stack.enter_context(PcscTransport(readers[0]))
    steps.ok("reader", readers[0])
    return transport, camera


def demo_card(persona: str, stack: ExitStack) -> OpenTrayCamera:
    """Put a virtual persona behind the private pcscd; its rendered front is the tray camera."""
    from datetime import date

    from kiosk.composition.demo import VirtualTray, tray_camera
    from reader.testing.pcscd import shared_pcscd
    from reader.virtual.personas import build_personas, open_card

    folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="cardcheck-")))
    build_personas(folder, date.today(), [persona])
    pcscd = shared_pcscd()
    pcscd.insert(open_card(folder, persona))
    stack.callback(pcscd.remove)
    tray = VirtualTray(folder)
    tray.current = persona
    return lambda: tray_camera(tray)
