"""Contrast ratios (WCAG 2) of every text colour against the background it is drawn on, read from
a style sheet. A rule's text colour and background come from the rule itself, else from the same
widget's less specific rules (`QPushButton#digit:pressed` -> `QPushButton#digit` ->
`QPushButton:pressed` -> `QPushButton` -> `QWidget`); a transparent label takes the background of
the container it sits in (`SITS_ON`, checked against the real window by the tests)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ui.theme import COLOUR, full_hex, rules

BASE = "QWidget"
# Labels without a background of their own, and the container that shows through them.
SITS_ON = {"QLabel#stepper": "#header", "QLabel#what": "QFrame#problem", "QLabel#next": "QFrame#problem",
           "QLabel#code": "QFrame#problem", "QFrame#problem QLabel": "QFrame#problem"}
TEXT_WIDGETS = ("QLabel", "QPushButton", "QProgressBar")


@dataclass(frozen=True)
class Pair:
    selector: str
    text: str
    background: str

    @property
    def ratio(self) -> float:
        return contrast_ratio(self.text, self.background)


def luminance(colour: str) -> float:
    """WCAG 2 relative luminance of an sRGB colour."""
    colour = full_hex(colour)
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(a: str, b: str) -> float:
    lighter, darker = sorted((luminance(a), luminance(b)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _colour(value: str | None) -> str | None:
    match = COLOUR.search(value or "")
    return full_hex(match.group(0)) if match else None


def _properties(sheet: str) -> dict[str, dict[str, str]]:
    table: dict[str, dict[str, str]] = {}
    for selectors, declarations in rules(sheet):
        for selector in selectors.split(","):
            table.setdefault(selector.strip(), {}).update(dict(declarations))
    return table


def _fallbacks(selector: str) -> list[str]:
    """The selector, then the less specific selectors for the same widget (not the base)."""
    match = re.fullmatch(r"(\w*)(#\w+)?(:\w+)?", selector)
    if not match:
        return [selector]
    kind, name, state = (g or "" for g in match.groups())
    chain = [kind + name + state, kind + name, kind + state, kind]
    return [s for i, s in enumerate(chain) if s and s not in chain[:i] and s != BASE]


def _resolve(table: dict[str, dict[str, str]], selector: str, prop: str) -> str | None:
    for candidate in _fallbacks(selector):
        value = table.get(candidate, {}).get(prop)
        if value is not None:
            return value
    return None


def _background(table, selector: str) -> str:
    value = _resolve(table, selector, "background")
    if value is None or value.strip() == "transparent":
        container = SITS_ON.get(selector)
        if container:
            return _background(table, container)
    return _colour(value) or _base_colour(table, "background")


def _base_colour(table: dict[str, dict[str, str]], prop: str) -> str:
    colour = _colour(table[BASE].get(prop))
    if colour is None:
        raise ValueError(f"the style sheet's {BASE} rule has no {prop} colour")
    return colour


def pairs(sheet: str) -> list[Pair]:
    """Every (text, background) a text widget of the sheet is drawn in."""
    table = _properties(sheet)
    found = []
    for selector, properties in table.items():
        if "::" in selector or not (selector == BASE or selector.split()[-1].startswith(TEXT_WIDGETS)):
            continue
        if "color" not in properties and "background" not in properties:
            continue
        own_text = _resolve(table, selector.split()[-1], "color") or _resolve(table, selector, "color")
        text = _colour(own_text) or _base_colour(table, "color")
        found.append(Pair(selector, text, _background(table, selector)))
    return found
