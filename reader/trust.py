"""Trust anchors: JPKI CA certificates and the card-issuer key table. The test JPKI CA ships in
`resources/trust/` marked TEST ONLY; production JPKI anchors come from J-LIS. The card-issuer
table (`reader.issuer_keys`) holds J-LIS's published keys and the project's test keys, each under
its own ids."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cryptography import x509

from .issuer_keys import IssuerKeyTable, load_issuer_keys
from .resources import resource_dir

TEST_JPKI_CA_CERT = "test-jpki-ca.crt.pem"
TEST_JPKI_CA_KEY = "test-jpki-ca.key.pem"
TEST_JPKI_SIGN_CA_KEY = "test-jpki-sign-ca.key.pem"
TEST_CARD_ISSUER_KEY = "test-card-issuer.key.pem"  # project-test 0000023: signs EF 0004 (券面事項確認AP)
TEST_TEXT_ISSUER_KEY = "test-text-issuer.key.pem"  # project-test 0000033: signs EF 0004 (入力補助AP)
TEST_CARD_FACE_SIGNER_KEY = "test-card-face-signer.key.pem"  # certified by EF 0004, signs DF28
TEST_TEXT_SIGNER_KEY = "test-text-signer.key.pem"  # certified by the 入力補助AP's EF 0004


@dataclass(frozen=True)
class TrustAnchors:
    jpki_cas: tuple[x509.Certificate, ...]
    card_issuer_keys: IssuerKeyTable


def trust_dir() -> Path:
    return resource_dir() / "trust"


def load_test_anchors(folder: Path | None = None) -> TrustAnchors:
    """The test JPKI CA, and every card-issuer hierarchy (J-LIS production and test, and the
    project's own): a real card verifies under its J-LIS key, a virtual one under the project's."""
    folder = folder or trust_dir()
    ca = x509.load_pem_x509_certificate((folder / TEST_JPKI_CA_CERT).read_bytes())
    return TrustAnchors((ca,), load_issuer_keys())
