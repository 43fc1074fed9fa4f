"""Reading result files back the way receipt computers do: with standard XML parsers."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from lxml import etree

_DECLARATION = re.compile(rb'^<\?xml version="1\.0" encoding="(UTF-8|Shift_JIS)" standalone="no"\?>\n')
CODECS = {"UTF-8": "utf-8", "Shift_JIS": "cp932"}
# glibc's iconv (under libxml2) decodes a few cp932 bytes with the JIS table, not Microsoft's:
# 0x817C is U+2212 there, U+FF0D on Windows and in Python. The same byte, read two ways.
_JIS_TO_MICROSOFT = str.maketrans("\u301c\u2016\u2212\u00a2\u00a3\u00ac\u2014",
                                  "\uff5e\u2225\uff0d\uffe0\uffe1\uffe2\u2015")


def _texts(root) -> list[tuple[str, str | None]]:
    return [(e.tag, e.text and e.text.translate(_JIS_TO_MICROSOFT)) for e in root.iter()]


def parse_result(content: bytes, with_libxml2: bool = True) -> ET.Element:
    """Parse with the standard library and (unless told not to) with libxml2 (lxml); both must
    agree."""
    declared = _DECLARATION.match(content)
    assert declared, content[:80]
    assert not content.startswith(b"\xef\xbb\xbf")
    codec = CODECS[declared.group(1).decode()]
    if codec == "utf-8":
        root = ET.fromstring(content)
    else:  # expat has no multi-byte codecs: decode as declared (Windows' Shift_JIS is cp932)
        root = ET.fromstring(content.decode(codec))
    if with_libxml2:
        twin = etree.fromstring(content, etree.XMLParser(encoding=codec))
        assert _texts(root) == _texts(twin)
    identifier = root.findtext("MessageHeader/CharacterCodeIdentifier")
    assert identifier == {"utf-8": "0", "cp932": "1"}[codec]
    return root
