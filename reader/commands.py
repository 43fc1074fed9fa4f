"""Every APDU the kiosk sends, by name. Nothing else builds commands."""
from __future__ import annotations

from .apdu import Command

# Applications (SELECT by DF name)
AID_JPKI = bytes.fromhex("D392F000260100000001")
AID_CARD_FACE = bytes.fromhex("D3921000310001010402")  # 券面事項確認AP
AID_TEXT_INPUT = bytes.fromhex("D3921000310001010408")  # 券面事項入力補助AP

# JPKI AP files
EF_JPKI_TOKEN_INFO = 0x0006
EF_JPKI_AUTH_CERT = 0x000A
EF_JPKI_AUTH_CA_CERT = 0x000B
EF_JPKI_AUTH_KEY = 0x0017
EF_JPKI_AUTH_PIN = 0x0018

# 券面事項確認AP files
EF_CARD_FACE = 0x0002
EF_CARD_FACE_CVC = 0x0004
EF_CARD_FACE_NUMBER_B = 0x0012  # 照合番号B

# 券面事項入力補助AP: EF 0001 is the My Number and has deliberately no constant here.
EF_TEXT_FACTS = 0x0002
EF_TEXT_PIN = 0x0011

# SHA-256 DigestInfo prefix (PKCS#1 v1.5)
DIGEST_INFO_SHA256 = bytes.fromhex("3031300d060960864801650304020105000420")

READ_CHUNK = 256  # short APDU maximum; Le byte 00

INS_SELECT = 0xA4
INS_READ_BINARY = 0xB0
INS_VERIFY = 0x20
INS_COMPUTE_SIGNATURE = 0x2A
INS_GET_CHALLENGE = 0x84
INS_GET_RESPONSE = 0xC0


def SELECT_DF(aid: bytes) -> Command:
    return Command(0x00, INS_SELECT, 0x04, 0x0C, aid)


def SELECT_EF(fid: int) -> Command:
    return Command(0x00, INS_SELECT, 0x02, 0x0C, fid.to_bytes(2, "big"))


def READ_BINARY(offset: int, length: int) -> Command:
    if not 0 <= offset <= 0x7FFF:
        raise ValueError("READ BINARY offset is 15 bits")
    return Command(0x00, INS_READ_BINARY, offset >> 8, offset & 0xFF, le=length)


def VERIFY_STATUS() -> Command:
    """VERIFY without data: the remaining tries, spending none."""
    return Command(0x00, INS_VERIFY, 0x00, 0x80)


def VERIFY(secret: str) -> Command:
    return Command(0x00, INS_VERIFY, 0x00, 0x80, secret.encode("ascii"))


def SIGN_WITH_USER_KEY(digest_info: bytes) -> Command:
    """COMPUTE DIGITAL SIGNATURE with the selected JPKI key (needs the PIN)."""
    return Command(0x80, INS_COMPUTE_SIGNATURE, 0x00, 0x80, digest_info, le=256)


def SIGN_WITH_CARD_FACE_KEY(digest_info: bytes) -> Command:
    """The 券面事項確認AP signs with its own key (the chip-presence proof)."""
    return Command(0x80, INS_COMPUTE_SIGNATURE, 0x00, 0x00, digest_info, le=256)


def GET_CHALLENGE() -> Command:
    return Command(0x00, INS_GET_CHALLENGE, 0x00, 0x00, le=16)


def GET_RESPONSE(length: int) -> Command:
    return Command(0x00, INS_GET_RESPONSE, 0x00, 0x00, le=length)
