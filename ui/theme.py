"""The style sheet's variants, all made from ui/style.qss: big text (every font 1.5×), high
contrast (each colour of the sheet swapped through one palette), and the seated layout's compact
PIN keys. One source, so a change to the sheet reaches every variant."""
from __future__ import annotations

import functools

import re
from dataclasses import dataclass

from ui.resources import style_sheet

BIG_TEXT = 1.5
# Japanese UI fonts, first found wins: Noto on Linux (the layouts are measured with it), then what
# Japanese Windows 10/11 ship (Yu Gothic UI, Meiryo UI). ui/style.qss names the same list.
JAPANESE_FONTS = ("Noto Sans CJK JP", "Yu Gothic UI", "Meiryo UI", "Noto Sans JP")
WIDTHS = ("min-width", "max-width")
COLOUR = re.compile(r"#[0-9a-fA-F]{3,6}\b|\b(?:white|black)\b")
NAMED = {"white": "#ffffff", "black": "#000000"}

# Normal colour -> high-contrast colour: black ground, white text, yellow for what acts or leads.
HIGH_CONTRAST = {
    "#fbfaf6": "#000000",   # ground
    "#111111": "#ffffff",   # text
    "#222222": "#ffffff",
    "#333333": "#ffffff",
    "#555555": "#ffffff",
    "#e8eef5": "#1a1a1a",   # header, secondary keys
    "#1d4f86": "#ffe14d",   # the accent: headlines, buttons, borders
    "#143a63": "#ffffff",   # pressed
    "#ffffff": "#000000",   # text on buttons, boxes
    "#dde3ea": "#2a2a2a",   # disabled key (dashed border too: not colour alone)
    "#44505c": "#d0d0d0",
    "#b3261e": "#ff9c94",   # warnings and problems
    "#8a1c1c": "#ff9c94",
    "#fdecea": "#000000",
    "#5a3b00": "#ffffff",   # notices
    "#fff1c2": "#000000",
    "#d9a400": "#ffe14d",
    "#e3e3e3": "#4d4d4d",   # progress bar
}


@dataclass(frozen=True)
class Look:
    big: bool = False
    contrast: bool = False
    seated: bool = False


def full_hex(colour: str) -> str:
    colour = NAMED.get(colour.lower(), colour.lower())
    if len(colour) == 4:
        colour = "#" + "".join(c * 2 for c in colour[1:])
    return colour


def rules(sheet: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """(selector list, [(property, value)]) for every rule of a sheet, comments dropped."""
    sheet = re.sub(r"/\*.*?\*/", "", sheet, flags=re.S)
    found = []
    for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", sheet):
        declarations = [tuple(part.strip() for part in d.split(":", 1)) for d in body.split(";") if ":" in d]
        found.append((" ".join(selector.split()), declarations))
    return found


def _scaled(value: str, factor: float) -> str:
    return re.sub(r"(\d+)px", lambda m: f"{round(int(m.group(1)) * factor)}px", value)


def _recoloured(value: str) -> str:
    return COLOUR.sub(lambda m: HIGH_CONTRAST.get(full_hex(m.group(0)), full_hex(m.group(0))), value)


def vary(sheet: str, look: Look) -> str:
    """The sheet in `look`. Big text scales every font and the width of fixed-size boxes (PIN
    boxes) that must hold it; buttons keep their size (already larger than their text), and so do
    the boxes' heights (a masked digit's dot is shorter than a line), so screens still fit."""
    out = []
    for selector, declarations in rules(sheet):
        fixed_box = any(name.startswith("max-") for name, _ in declarations)
        body = []
        for name, value in declarations:
            if look.big and (name == "font-size" or (fixed_box and name in WIDTHS)):
                value = _scaled(value, BIG_TEXT)
            if look.contrast:
                value = _recoloured(value)
            body.append(f"{name}: {value};")
        out.append(f"{selector} {{ {' '.join(body)} }}")
    if look.big:
        out.append(BIG)
    if look.seated:
        out.append(SEATED)
    return "\n".join(out)


# Big text: the PIN pad's word keys ("Clear", "Back") wide enough for their bigger words; the
# big buttons no taller than their bigger words need (still 84 px and more), so wordy screens
# keep their lines; the header's keys with less padding, so they keep their words at 1024 px.
BIG = ("QPushButton#digit_action { min-width: 148px; }\n"
       "QPushButton#language, QPushButton#cancel { padding: 8px 6px; }\n"
       "QPushButton#access { min-width: 56px; }\n"
       "QPushButton { min-height: 68px; padding-top: 2px; padding-bottom: 2px; }\n"
       "QPushButton#choice { min-height: 76px; padding: 8px 4px; }\n"
       "QLabel#title { padding-top: 0px; }\n"
       # The staff 目視 pad's word keys ("1字消す") stay as they are: staff read them, and the pad
       # keeps its size beside the photos.
       "QPushButton#small_digit_action { font-size: 18px; }")
# Seated: PIN keys shorter, so the whole pad sits in the lower half of the screen (its own
# arrangement: two rows of five, OK beside the pad).
SEATED = "QPushButton#digit, QPushButton#digit_action { min-height: 56px; min-width: 106px; }"


@functools.cache
def themed_sheet(look: Look) -> str:
    """Read and varied once per look: a toggle at the screen re-applies it at once."""
    return vary(style_sheet(), look)
