"""`python -m bench.contrast`: the contrast ratio (WCAG 2) of every text/background pair of the
style sheet, in the normal and the high-contrast theme, with the level each must reach."""
from __future__ import annotations

import sys

from ui.contrast import pairs
from ui.theme import Look, themed_sheet

THEMES = {"normal": (Look(), 4.5), "high contrast": (Look(contrast=True), 7.0)}


def main() -> int:
    failing = 0
    for theme, (look, needed) in THEMES.items():
        found = pairs(themed_sheet(look))
        print(f"\n{theme} theme: {len(found)} pairs, each needs >= {needed}:1")
        print(f"{'selector':58} {'text':8} {'ground':8} {'ratio':>6}")
        for pair in sorted(found, key=lambda p: p.ratio):
            ok = pair.ratio >= needed
            failing += not ok
            print(f"{pair.selector[:58]:58} {pair.text:8} {pair.background:8} {pair.ratio:6.2f}"
                  f"{'' if ok else '  FAILS'}")
        print(f"lowest: {min(p.ratio for p in found):.2f}:1")
    return 1 if failing else 0


if __name__ == "__main__":
    sys.exit(main())
