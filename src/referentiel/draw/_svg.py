"""What the engine's SVG lacks: an accessible name and description, and a size that scales.

Screen readers name an image by its first ``<title>`` and describe it by its ``<desc>``; the
engine's SVG has only the graph's internal name. :func:`accessible` gives the root the
framework's title and a description, and ``role="img"`` with ``aria-labelledby``.
:func:`scalable` lets a notebook cell shrink a wide figure to its width instead of clipping it.
"""

from __future__ import annotations

from typing import Final

from referentiel.draw._labels import markup

__all__ = ["accessible", "scalable"]

_OPEN: Final = b"<svg "


def _root_end(svg: bytes) -> int:
    """Return the index just past the ``>`` that closes the root ``<svg`` start tag."""
    start = svg.index(_OPEN)
    return svg.index(b">", start) + 1


def accessible(svg: bytes, *, title: str, description: str, key: str) -> bytes:
    r"""Return *svg* with a ``<title>`` and ``<desc>`` first in its root, named by ``aria``.

    *key* makes the ids unique where several figures share a page (``contradictions-fr``).

    >>> svg = b'<?xml version="1.0"?>\n<svg width="10pt" height="10pt">\n<g/></svg>'
    >>> print(accessible(svg, title="A & B", description="Deux.", key="k").decode())
    <?xml version="1.0"?>
    <svg role="img" aria-labelledby="title-k desc-k" width="10pt" height="10pt">
    <title id="title-k">A &amp; B</title>
    <desc id="desc-k">Deux.</desc>
    <g/></svg>
    """
    end = _root_end(svg)
    start = svg.index(_OPEN)
    # xml.sax.saxutils would import urllib and http.client: 40 ms of a command's start
    labelled = f'"{markup(f"title-{key} desc-{key}")}"'.encode()
    head = svg[:start] + b'<svg role="img" aria-labelledby=' + labelled + b" "
    root = svg[start + len(_OPEN) : end]
    inserted = (
        f'\n<title id="title-{key}">{markup(title, quote=False)}</title>'
        f'\n<desc id="desc-{key}">{markup(description, quote=False)}</desc>'
    ).encode()
    return head + root + inserted + svg[end:]


def scalable(svg: str) -> str:
    """Return *svg* drawn at most as wide as its container, keeping its proportions.

    >>> scalable('<svg width="900pt" height="300pt" viewBox="0 0 900 300"><g/></svg>')
    '<svg style="max-width:100%;height:auto" width="900pt" height="300pt" viewBox="0 0 900 300"><g/></svg>'
    """  # noqa: E501 - a doctest output line cannot be wrapped
    return svg.replace("<svg ", '<svg style="max-width:100%;height:auto" ', 1)
