"""Paper sizes for figures split into pages: A4, A3, letter, each also landscape.

Kept apart from :mod:`referentiel.draw.pages` so that the command line lists them without
importing what pagination needs.
"""

from __future__ import annotations

from typing import Final

from referentiel.errors import UnsupportedFormatError

__all__ = ["LARGE_FIGURE", "PAGE_SIZES", "page_size"]

#: Paper sizes in points, portrait; ``-landscape`` turns them.
PAGE_SIZES: Final[dict[str, tuple[float, float]]] = {
    "A4": (595.28, 841.89),
    "A3": (841.89, 1190.55),
    "letter": (612.0, 792.0),
}


#: Above this many tensions, one figure is slow to lay out: a single layout of them all grows
#: faster than their number (contradictions: 0.9 s for 1 000, 2.4 s for 3 000, 13.8 s for
#: 10 000 on a shared two-core machine, 2026), where pages are laid out one at a time.
LARGE_FIGURE: Final = 2000


def page_size(name: str) -> tuple[float, float]:
    """Return the size in points of a page named ``A4``, ``A3``, ``letter``, ``+ -landscape``.

    >>> page_size("A4"), page_size("letter-landscape")
    ((595.28, 841.89), (792.0, 612.0))
    >>> page_size("A5")
    Traceback (most recent call last):
    ...
    referentiel.errors.UnsupportedFormatError: unknown page size: 'A5' (expected one of 'A4', 'A3', 'letter', each also -landscape)
    """  # noqa: E501 - doctest output lines cannot be wrapped
    base, _, orientation = name.partition("-")
    sizes = {k.lower(): v for k, v in PAGE_SIZES.items()}
    if base.lower() not in sizes or orientation not in ("", "portrait", "landscape"):
        expected = ", ".join(repr(k) for k in PAGE_SIZES)
        raise UnsupportedFormatError(
            f"unknown page size: {name!r} (expected one of {expected}, each also -landscape)"
        )
    width, height = sizes[base.lower()]
    return (height, width) if orientation == "landscape" else (width, height)
