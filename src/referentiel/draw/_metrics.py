"""The fonts the figures are drawn and measured with, shipped in the package, and text widths.

Figures name Helvetica; the package ships metric-compatible fonts so that a fresh machine draws
and measures text as the layout expects: Liberation Sans (SIL OFL 1.1; Arial's and Helvetica's
metrics) for Latin, Greek, Cyrillic and Hebrew, DejaVu Sans (Bitstream Vera licence) for the
scripts Liberation lacks (Arabic, many symbols, some emoji). Text in a script neither covers —
Chinese, Japanese, Korean — is measured one em per wide character (East Asian width W or F),
as every CJK font draws it. Fonts are read with reportlab, on first use.
"""

from __future__ import annotations

import functools
import unicodedata
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from reportlab.pdfbase.ttfonts import TTFont

__all__ = ["FONTS", "Style", "font_for", "font_path", "split_runs", "text_width"]

#: A font style: (bold, italic).
Style = tuple[bool, bool]

#: The shipped font files: the Helvetica-compatible family by style, then its fallback.
FONTS: Final[dict[str, dict[Style, str]]] = {
    "LiberationSans": {
        (False, False): "LiberationSans-Regular.ttf",
        (True, False): "LiberationSans-Bold.ttf",
        (False, True): "LiberationSans-Italic.ttf",
        (True, True): "LiberationSans-BoldItalic.ttf",
    },
    "DejaVuSans": {
        (False, False): "DejaVuSans.ttf",
        (True, False): "DejaVuSans-Bold.ttf",
        (False, True): "DejaVuSans.ttf",
        (True, True): "DejaVuSans-Bold.ttf",
    },
}
#: The width of a character no shipped font has, in ems (a CJK ideograph is one em).
WIDE: Final = 1.0
NARROW: Final = 0.6


def font_path(file: str) -> Path:
    """Return the path of a shipped font file."""
    return Path(str(resources.files("referentiel.draw") / "fonts" / file))


def font_name(family: str, style: Style) -> str:
    """Return the name *family* in *style* is registered under: ``LiberationSans-1-0``."""
    return f"{family}-{int(style[0])}-{int(style[1])}"


@functools.cache
def _font(family: str, style: Style) -> TTFont:
    from reportlab.pdfbase import pdfmetrics  # noqa: PLC0415 - read on first use
    from reportlab.pdfbase.ttfonts import TTFont  # noqa: PLC0415

    font = TTFont(font_name(family, style), str(font_path(FONTS[family][style])))
    pdfmetrics.registerFont(font)
    return font


@functools.cache
def font_for(char: str, style: Style) -> str | None:
    """Return the registered name of the first shipped font that has *char*, else None."""
    for family in FONTS:
        font = _font(family, style)
        if ord(char) in font.face.charToGlyph:
            return font_name(family, style)
    return None


def split_runs(text: str, style: Style) -> list[tuple[str | None, str]]:
    """Split *text* into runs of one font each: (registered font name or None, text)."""
    if text.isascii() or max(text) <= "\u00ff":  # Latin-1: the Helvetica-compatible font has it
        family = next(iter(FONTS))
        _font(family, style)  # registered
        return [(font_name(family, style), text)]
    runs: list[tuple[str | None, str]] = []
    for char in text:
        name = font_for(char, style)
        if runs and runs[-1][0] == name:
            runs[-1] = (name, runs[-1][1] + char)
        else:
            runs.append((name, char))
    return runs


def _missing_width(char: str) -> float:
    """Return the width in ems of a character no shipped font has."""
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0.0
    return WIDE if unicodedata.east_asian_width(char) in ("W", "F") else NARROW


def text_width(text: str, size: float, *, bold: bool = False, italic: bool = False) -> float:
    """Return the width of *text* in points at *size*, in the shipped fonts.

    >>> round(text_width("Travail réel", 12), 2), round(text_width("中文", 12), 2)
    (59.35, 24.0)
    """
    style = (bold, italic)
    total = 0.0
    for char in text:
        for family in FONTS:
            face = _font(family, style).face
            glyph = face.charToGlyph.get(ord(char))
            if glyph is not None:
                total += face.charWidths.get(ord(char), face.defaultWidth) / 1000 * size
                break
        else:
            total += _missing_width(char) * size
    return total
