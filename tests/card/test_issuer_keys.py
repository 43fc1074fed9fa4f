"""The shipped card-issuer key table: J-LIS's published keys and the project's own test keys,
each hierarchy under ids that can never meet the other's."""
from __future__ import annotations

import json

import pytest

from reader.issuer_keys import IssuerKey, IssuerKeyTable, load_issuer_keys
from reader.resources import resource_dir
from reader.virtual.issuing import load_key

TABLE = resource_dir() / "trust" / "card-issuer-keys.json"


@pytest.fixture(scope="module")
def entries():
    return json.loads(TABLE.read_text(encoding="utf-8"))["keys"]


def test_the_table_holds_the_published_jlis_keys_and_the_test_hierarchy(entries):
    names = {(e["name"], e["hierarchy"]) for e in entries}
    for number in ("5000020", "5000023", "5000033"):
        assert (f"{number}/001", "jlis-production") in names
        assert (f"6{number[1:]}/001", "jlis-test") in names
    assert {e["name"] for e in entries if e["hierarchy"] == "project-test"} == {
        "0000023/001", "0000033/001"}
    # first bytes of the moduli as published in soltia48/myna-card src/ca.rs (transcription check)
    starts = {e["name"][:7] + e["hierarchy"][5]: e["modulus"][:8] for e in entries}
    assert starts["5000023p"] == "b2f740f0" and starts["5000033p"] == "d24615f6"
    assert starts["5000020p"] == "b62d0811" and starts["6000023t"] == "e08ca1ca"


def test_every_key_is_rsa_2048_and_every_id_has_the_jlis_shape(entries):
    for e in entries:
        key_id = bytes.fromhex(e["key_id"])
        assert len(bytes.fromhex(e["modulus"])) == 256 and e["exponent"] == "010001", e["name"]
        assert key_id[:7].isdigit() and key_id[7:9] == b"\x08\x05" and key_id[9:12].isdigit()
        assert key_id[:7].decode() + "/" + key_id[9:12].decode() == e["name"]
        if e["hierarchy"].startswith("jlis"):
            assert key_id[12:15] == bytes(3)
        else:
            assert key_id[12:15] == b"OQS"


def test_the_project_entries_are_the_committed_test_keys(entries):
    files = {"0000023/001": "test-card-issuer.key.pem", "0000033/001": "test-text-issuer.key.pem"}
    for e in entries:
        if e["hierarchy"] == "project-test":
            numbers = load_key(resource_dir() / "trust" / files[e["name"]]).public_key().public_numbers()
            assert int(e["modulus"], 16) == numbers.n


def test_lookup_takes_the_whole_16_bytes():
    table = load_issuer_keys()
    production = next(k for k in table if k.name == "5000023/001")
    test = table.find(b"6" + production.key_id[1:])
    assert test is not None and test.hierarchy == "jlis-test"
    assert test.public_key.public_numbers() != production.public_key.public_numbers()
    assert table.find(production.key_id[:15] + b"\x01") is None
    assert table.find(b"9" + production.key_id[1:]) is None
    mf_level = next(k for k in table if k.name == "5000020/001")
    assert mf_level.key_id[15] == 0xA8  # the MF-level ids carry a value in their last byte


def test_a_table_that_mixes_the_hierarchies_is_refused():
    real = next(k for k in load_issuer_keys() if k.hierarchy == "jlis-production")
    with pytest.raises(ValueError, match="OQS"):
        IssuerKeyTable([IssuerKey(real.key_id, "project-test", real.public_key, "x")])
    with pytest.raises(ValueError, match="zero"):
        IssuerKeyTable([IssuerKey(real.key_id[:12] + b"OQS\x00", "jlis-test", real.public_key, "x")])
    with pytest.raises(ValueError, match="twice"):
        IssuerKeyTable([real, real])


def test_a_kiosk_can_load_only_some_hierarchies():
    assert {k.hierarchy for k in load_issuer_keys(hierarchies=("jlis-production",))} == {
        "jlis-production"}
