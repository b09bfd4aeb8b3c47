"""The fonts the figures are laid out with and drawn in; words and colours are in vocabulary."""

from __future__ import annotations

from typing import Final

__all__ = ["FONT", "SVG_FONT_FAMILY"]

#: Laid out with Helvetica metrics (Arimo's, which the embedded engine bundles).
FONT: Final = "Helvetica"
#: What the SVG names instead of Graphviz's "Helvetica,sans-Serif": metric-compatible fallbacks,
#: so that a viewer without Helvetica still fits the text in its boxes.
SVG_FONT_FAMILY: Final = "Helvetica,Arial,Arimo,'Liberation Sans','Nimbus Sans',sans-serif"
