"""Trust anchors: JPKI CA certificates and card-issuer keys. The test ones ship in
`resources/trust/` and are marked TEST ONLY; production anchors come from J-LIS."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import rsa

from .resources import resource_dir

TEST_JPKI_CA_CERT = "test-jpki-ca.crt.pem"
TEST_JPKI_CA_KEY = "test-jpki-ca.key.pem"
TEST_CARD_ISSUER_CERT = "test-card-issuer.crt.pem"
TEST_CARD_ISSUER_KEY = "test-card-issuer.key.pem"
TEST_CARD_ISSUER_REF = b"JPTESTISSUER0001"


@dataclass(frozen=True)
class TrustAnchors:
    jpki_cas: tuple[x509.Certificate, ...]
    card_issuer_keys: tuple[rsa.RSAPublicKey, ...]


def trust_dir() -> Path:
    return resource_dir() / "trust"


def load_test_anchors(folder: Path | None = None) -> TrustAnchors:
    folder = folder or trust_dir()
    ca = x509.load_pem_x509_certificate((folder / TEST_JPKI_CA_CERT).read_bytes())
    issuer = x509.load_pem_x509_certificate((folder / TEST_CARD_ISSUER_CERT).read_bytes())
    return TrustAnchors((ca,), (issuer.public_key(),))
