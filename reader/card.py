"""The My Number card (and phones carrying it) over any transport.

Every method sends only the APDUs its name says. In particular nothing here sends a VERIFY the
caller did not ask for, and there is no way to reach the My Number file or the JPKI signature side
(signature certificate EF 0001, its CA EF 0002, key EF 001A, signature password EF 001B): files are
selected only from the `READABLE` allow-list, which leaves them and the 券面事項入力補助AP out
altogether, so no VERIFY can ever reach the signature password.
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding

from . import cardface, commands, tlv
from .apdu import Command, Response, raise_for_status
from .cardface import CardFace
from .commands import AID_CARD_FACE, AID_JPKI
from .errors import (CardError, ChipSignatureInvalid, FileNotFound, ForbiddenFile,
                     MalformedResponse, NotAMyNumberCard, StatusWordError, WrongPin)
from .transport import Channel, JpkiToken, Traffic, Transport
from .trust import TrustAnchors

READABLE = {
    AID_JPKI: {commands.EF_JPKI_TOKEN_INFO, commands.EF_JPKI_AUTH_CERT,
               commands.EF_JPKI_AUTH_CA_CERT, commands.EF_JPKI_AUTH_KEY, commands.EF_JPKI_AUTH_PIN},
    AID_CARD_FACE: {commands.EF_CARD_FACE, commands.EF_CARD_FACE_CVC,
                    commands.EF_CARD_FACE_NUMBER_B},
}
TOKEN_LABELS = {
    "JPKIAPICCTOKEN2": JpkiToken.CARD,
    "JPKIAPGPSETOKEN": JpkiToken.ANDROID,
    "JPKIAPIOSTOKEN": JpkiToken.IPHONE,
}
OLD_JUKI_CARD_LABEL = "JPKIAPICCTOKEN"  # the 住基カード's JPKI AP: not a My Number card
LABEL_LENGTH = 32
HEADER_PROBE = 8  # enough for a 3-byte tag and a 4-byte length
SW_END_OF_FILE = 0x6282  # READ BINARY: fewer bytes than Le remained; the data is good
SIGNATURE_LENGTH = 256


@dataclass(frozen=True)
class ChipProof:
    """The card-face application signed SHA-256(challenge ‖ nonce) with its certified key."""

    challenge: bytes
    nonce: bytes
    signature: bytes


class MyNumberCard:
    """One card on one connection. `trust` (the J-LIS anchors; `reader.trust.load_test_anchors()`
    for virtual cards) is needed only by `card_face`; there is deliberately no default."""

    def __init__(self, transport: Transport, trust: TrustAnchors | None = None):
        self._channel = Channel(transport)
        self._trust = trust
        self._ap: bytes | None = None
        self._ef: int | None = None

    @property
    def traffic(self) -> Traffic:
        return self._channel.traffic


    # -- low level ---------------------------------------------------------------------------

    def _call(self, command: Command, *, verify_value: bool = False) -> Response:
        try:
            response = self._channel.transceive(command)
            if not (command.ins == commands.INS_READ_BINARY and response.sw == SW_END_OF_FILE):
                raise_for_status(response, verify_sent_value=verify_value)
            return response
        except StatusWordError:
            raise  # a refused command leaves the selection as it was
        except CardError:
            self._ap = self._ef = None  # the card's selection state is unknown now
            raise

    def _select_ap(self, aid: bytes) -> None:
        if aid not in READABLE:
            raise ForbiddenFile("application not used by the kiosk")
        if self._ap != aid:
            self._call(commands.SELECT_DF(aid))
            self._ap, self._ef = aid, None

    def _select_ef(self, aid: bytes, fid: int) -> None:
        if fid not in READABLE.get(aid, ()):
            raise ForbiddenFile(f"EF {fid:04X} is not one the kiosk may use")
        self._select_ap(aid)
        if self._ef != fid:
            self._call(commands.SELECT_EF(fid))
            self._ef = fid

    def _read(self, offset: int, length: int) -> bytes:
        data = self._call(commands.READ_BINARY(offset, length)).data
        if not data or len(data) > length:
            raise MalformedResponse(f"READ BINARY asked {length} bytes, got {len(data)}")
        return data

    def _read_exact(self, offset: int, length: int) -> bytes:
        out = b""
        while len(out) < length:
            out += self._read(offset + len(out), min(commands.READ_CHUNK, length - len(out)))
        return out[:length]

    def _read_tlv_file(self, aid: bytes, fid: int) -> bytes:
        """A file holding one TLV object (DER certificate, card face, CVC): header, then the rest."""
        self._select_ef(aid, fid)
        head = self._read(0, HEADER_PROBE)
        total = tlv.total_length(head)
        if total > 0x7FFF:
            raise MalformedResponse(f"object of {total} bytes exceeds a 15-bit offset")
        if total <= len(head):
            return head[:total]
        return head + self._read_exact(len(head), total - len(head))

    # -- JPKI AP -----------------------------------------------------------------------------

    def token_kind(self) -> JpkiToken:
        """Card, Android or iPhone, from the JPKI token label (EF 0006)."""
        try:
            self._select_ef(AID_JPKI, commands.EF_JPKI_TOKEN_INFO)
        except FileNotFound:
            raise NotAMyNumberCard("no JPKI application") from None
        label = self._read_exact(0, LABEL_LENGTH).rstrip(b" \x00").decode("ascii", "replace")
        if label == OLD_JUKI_CARD_LABEL:
            raise NotAMyNumberCard("JPKIAPICCTOKEN: a 住基カード, not a My Number card")
        if label not in TOKEN_LABELS:
            raise NotAMyNumberCard(f"unknown JPKI token label {label!r}")
        return TOKEN_LABELS[label]

    def auth_certificate(self) -> bytes:
        """User-authentication certificate (DER). Needs a verified PIN on Android phones."""
        return self._read_tlv_file(AID_JPKI, commands.EF_JPKI_AUTH_CERT)

    def auth_ca_certificate(self) -> bytes:
        """The CA certificate (DER) that issued the user-authentication certificate."""
        return self._read_tlv_file(AID_JPKI, commands.EF_JPKI_AUTH_CA_CERT)

    def pin_tries_left(self) -> int | None:
        """Remaining authentication-PIN tries without spending one; None if already verified.

        Raises `PinBlockedError`, or `PinNotSet` on a face-only card.
        """
        return self._tries(AID_JPKI, commands.EF_JPKI_AUTH_PIN)

    def verify_pin(self, pin: str) -> None:
        """VERIFY the 4-digit authentication PIN the patient typed. Raises `WrongPin`
        (with `tries_left`), `PinBlockedError` (`by_this_attempt` when this try locked it), `PinNotSet`."""
        _check_digits(pin, 4, "the PIN")
        self._select_ef(AID_JPKI, commands.EF_JPKI_AUTH_PIN)
        self._call(commands.VERIFY(pin), verify_value=True)

    def sign(self, digest: bytes) -> bytes:
        """RSA PKCS#1 v1.5 signature of a SHA-256 digest with the authentication key (needs the
        PIN on cards and Android; an iPhone has authenticated its user itself)."""
        if len(digest) != 32:
            raise ValueError("sign() takes a 32-byte SHA-256 digest")
        self._select_ef(AID_JPKI, commands.EF_JPKI_AUTH_KEY)
        signature = self._call(commands.SIGN_WITH_USER_KEY(commands.DIGEST_INFO_SHA256 + digest)).data
        if len(signature) != SIGNATURE_LENGTH:
            raise MalformedResponse(f"signature of {len(signature)} bytes")
        return signature

    # -- 券面事項確認AP ------------------------------------------------------------------------

    def number_b_tries_left(self) -> int | None:
        """Remaining 照合番号B tries (10 when fresh) without spending one; None if verified."""
        return self._tries(AID_CARD_FACE, commands.EF_CARD_FACE_NUMBER_B)

    def card_face(self, number_b: str) -> CardFace:
        """VERIFY 照合番号B (14 digits read from the card surface), read the signed card face and
        check it against the card-issuer key table. Raises `WrongPin` for a wrong 照合番号B,
        `UntrustedCardFace` (a subclass per link) for a forged or altered record,
        `UnknownIssuerKey` when EF 0004 names a key the kiosk does not ship, `FileNotFound` on phones."""
        if self._trust is None:
            raise ValueError("MyNumberCard needs trust anchors to read the card face")
        raw, certificate = self.card_face_files(number_b)
        return cardface.verify(raw, certificate, self._trust.card_issuer_keys)

    def card_face_files(self, number_b: str) -> tuple[bytes, bytes]:
        """VERIFY 照合番号B, then the card face (EF 0002) and its certificate (EF 0004) as read,
        unchecked (`card_face` checks them; the vendors' card check reports each step)."""
        _check_digits(number_b, 14, "照合番号B")
        self._select_ef(AID_CARD_FACE, commands.EF_CARD_FACE_NUMBER_B)
        self._call(commands.VERIFY(number_b), verify_value=True)
        raw = self._read_tlv_file(AID_CARD_FACE, commands.EF_CARD_FACE)
        certificate = self._read_tlv_file(AID_CARD_FACE, commands.EF_CARD_FACE_CVC)
        return raw, certificate

    def chip_challenge(self, face: CardFace, nonce: bytes | None = None) -> ChipProof:
        """Prove the chip itself is here: GET CHALLENGE, then the card-face application signs
        SHA-256(challenge ‖ nonce) with the chip's own key, DF24 of `face` (verified with the record).
        Raises `ChipSignatureInvalid`."""
        nonce = os.urandom(16) if nonce is None else nonce
        self._select_ap(AID_CARD_FACE)
        challenge = self._call(commands.GET_CHALLENGE()).data
        if len(challenge) != 16:
            raise MalformedResponse(f"challenge of {len(challenge)} bytes")
        digest = hashlib.sha256(challenge + nonce).digest()
        signature = self._call(
            commands.SIGN_WITH_CARD_FACE_KEY(commands.DIGEST_INFO_SHA256 + digest)).data
        if not verify_chip_signature(face, challenge, nonce, signature):
            raise ChipSignatureInvalid("the chip's answer does not verify with its certified key")
        return ChipProof(challenge, nonce, signature)

    # -- shared ------------------------------------------------------------------------------

    def _tries(self, aid: bytes, pin_fid: int) -> int | None:
        self._select_ef(aid, pin_fid)
        try:
            self._call(commands.VERIFY_STATUS())  # 9000: already verified in this session
        except WrongPin as exc:  # 63Cx: x tries left, none spent
            return exc.tries_left
        return None


def verify_chip_signature(face: CardFace, challenge: bytes, nonce: bytes, signature: bytes) -> bool:
    try:
        face.public_key.verify(signature, challenge + nonce, padding.PKCS1v15(), hashes.SHA256())
    except (InvalidSignature, ValueError):
        return False
    return True


def _check_digits(value: str, count: int, what: str) -> None:
    if len(value) != count or not value.isascii() or not value.isdigit():
        raise ValueError(f"{what} is {count} digits")
