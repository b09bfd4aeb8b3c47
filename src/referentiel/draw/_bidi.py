"""Right-to-left text on a line: its directional runs, in the order they are drawn.

Hebrew and Arabic are stored in logical order (as they are typed and read) and drawn right to
left; a line may mix them with Latin text and numbers. :func:`visual_runs` splits a line into
runs of one direction and orders them left to right as the reader sees them, with the part of
the Unicode Bidirectional Algorithm (UAX #9) that a one-line label needs: the paragraph's
direction from its first strong character (P2, P3), numbers and marks resolved (W1, W2, W7),
neutrals taking the direction around them (N1, N2), levels (I1, I2) and their reversal (L2).
Explicit embeddings and isolates (LRE, RLI …) are read as neutrals. Each right-to-left run keeps
its logical order: the shaper (HarfBuzz) orders and joins its glyphs.
"""

from __future__ import annotations

import unicodedata
from typing import Final

__all__ = ["has_rtl", "visual_runs"]

_RTL: Final = frozenset({"R", "AL"})
_NUMBERS: Final = frozenset({"EN", "AN"})


def has_rtl(text: str) -> bool:
    """Return whether *text* has a right-to-left character (Hebrew, Arabic …).

    >>> has_rtl("Pôle 1"), has_rtl("Pôle עברית")
    (False, True)
    """
    return any(unicodedata.bidirectional(char) in _RTL for char in text)


def _classes(text: str) -> list[str]:
    """Each character's class: L, R (strong right-to-left), EN, AN (numbers) or N (neutral)."""
    found: list[str] = []
    strong = ""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind == "NSM":  # W1: a mark takes its base's class
            kind = found[-1] if found else "N"
        elif kind in ("L", "R", "AL"):
            strong = kind
        elif kind == "EN" and strong == "AL":  # W2: a number after Arabic is an Arabic number
            kind = "AN"
        found.append(kind if kind in ("L", "EN", "AN") else "R" if kind in _RTL else "N")
    return found


def visual_runs(text: str) -> list[tuple[str, bool]]:
    """Return the runs of one direction of the line *text*, left to right: (text, right-to-left).

    >>> visual_runs("abc")
    [('abc', False)]
    >>> visual_runs("אבג דהו")
    [('אבג דהו', True)]
    >>> visual_runs("Pôle 1 : אבג דהו.")
    [('Pôle 1 : ', False), ('אבג דהו', True), ('.', False)]
    >>> visual_runs("אבג 123 דהו")  # drawn: והד 123 גבא
    [(' דהו', True), ('123', False), ('אבג ', True)]
    """
    classes = _classes(text)
    base = next((1 if c == "R" else 0 for c in classes if c in ("L", "R")), 0)
    levels = [_level(kind, base) for kind in _resolved(classes, base)]  # I1, I2
    runs: list[tuple[str, int]] = []
    for char, level in zip(text, levels, strict=True):
        if runs and runs[-1][1] == level:
            runs[-1] = (runs[-1][0] + char, level)
        else:
            runs.append((char, level))
    return [(part, level % 2 == 1) for part, level in _reordered(runs)]


def _resolved(classes: list[str], base: int) -> list[str]:
    """Return every character as L or R, numbers kept (W7, N1, N2)."""
    # W7: a European number after left-to-right text (or at the start of such a line) is L
    resolved = list(classes)
    strong = _side_of(base)
    for i, kind in enumerate(classes):
        if kind in ("L", "R"):
            strong = kind
        elif kind == "EN" and strong == "L":
            resolved[i] = "L"
    # N1, N2: neutrals between two sides of one direction take it (numbers count as R), else
    # the line's direction
    i = 0
    while i < len(resolved):
        if resolved[i] != "N":
            i += 1
            continue
        end = i
        while end < len(resolved) and resolved[end] == "N":
            end += 1
        before = _side(resolved[i - 1]) if i > 0 else _side_of(base)
        after = _side(resolved[end]) if end < len(resolved) else _side_of(base)
        resolved[i:end] = [before if before == after else _side_of(base)] * (end - i)
        i = end
    return resolved


def _reordered(runs: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """L2: from the highest level down to 1, reverse every stretch of runs at least that high."""
    for floor in range(max((level for _, level in runs), default=0), 0, -1):
        ordered: list[tuple[str, int]] = []
        stretch: list[tuple[str, int]] = []
        for run in runs:
            if run[1] >= floor:
                stretch.append(run)
            else:
                ordered += reversed(stretch)
                stretch = []
                ordered.append(run)
        runs = ordered + list(reversed(stretch))
    return runs


def _side(kind: str) -> str:
    return "L" if kind == "L" else "R"


def _side_of(level: int) -> str:
    return "R" if level % 2 else "L"


def _level(kind: str, base: int) -> int:
    if base == 0:
        return {"L": 0, "R": 1}.get(kind, 2)
    return 1 if kind == "R" else 2
