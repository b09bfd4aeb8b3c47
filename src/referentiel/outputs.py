"""``export``: a framework written in any format other tools read, figures' DOT included.

The file formats are :mod:`referentiel.io`'s registry; DOT is the figures' own format, so it is
drawn by :func:`referentiel.render` (the links figure). This module joins the two for the
top-level API and the command line, so that neither package needs the other.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Final

from referentiel._output import write_output
from referentiel.draw import to_dot
from referentiel.draw.engine import OUTPUTS
from referentiel.io.exports import export_text as export_file_text
from referentiel.io.exports import format_for
from referentiel.io.formats import exports
from referentiel.model import Framework

__all__ = ["EXPORT_FORMATS", "export", "export_text"]

#: The figure drawn when a framework is exported as DOT.
DOT_FIGURE: Final = "graph"

#: Every format :func:`export` writes: the file formats, then DOT.
EXPORT_FORMATS: Final = (*(f.name for f in exports()), "dot")


def export(
    framework: Framework,
    path: str | os.PathLike[str],
    *,
    to: str | None = None,
    language: str | None = None,
    table: str = "tensions",
    raw: bool = False,
    protect: Iterable[str | os.PathLike[str]] = (),
) -> str:
    """Write *framework* to *path* in format *to* (default: from the suffix; ``-``: stdout).

    The formats are :data:`EXPORT_FORMATS`: GraphML, GEXF, node-link JSON, Mermaid, the
    tableau de synthèse (Markdown, CSV, HTML, LaTeX), and DOT (the graph of tensions and links).
    Returns the format used. ``language`` picks the labels' language where the format shows
    labels; ``table`` ("tensions" or "evidence") picks the CSV table; ``raw`` keeps CSV cells
    that a spreadsheet would run as formulas as they are.

    The output never destroys anything (see :func:`referentiel.save`): a file in *protect*
    is refused.

    Raises :exc:`~referentiel.UnsupportedFormatError` for an unknown format or suffix,
    :exc:`~referentiel.OutputError` for a refused output.

    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> import referentiel as ref
    >>> fw = ref.load("examples/customer-relations.yaml")
    >>> export(fw, folder / "synthese.tex"), export(fw, folder / "links.gv")
    ('latex', 'dot')
    """
    dot = OUTPUTS["dot"]
    name = (
        dot.name
        if to == dot.name or (to is None and Path(path).suffix.lower() in dot.suffixes)
        else format_for(path, to).name
    )
    text = export_text(framework, name, language=language, table=table, raw=raw)
    write_output(path, text.encode("utf-8"), protect=protect)
    return name


def export_text(
    framework: Framework,
    to: str,
    *,
    language: str | None = None,
    table: str = "tensions",
    raw: bool = False,
) -> str:
    """Return *framework* as text in the export format *to*, one of :data:`EXPORT_FORMATS`.

    Raises :exc:`~referentiel.UnsupportedFormatError` for an unknown format.

    >>> import referentiel as ref
    >>> fw = ref.load("examples/customer-relations.yaml")
    >>> export_text(fw, "csv").splitlines()[0]
    'number,origin,first,second,provenance,evidence,number_status,origin_status,details'
    >>> export_text(fw, "dot").splitlines()[0]
    'digraph links {'
    """
    if to == OUTPUTS["dot"].name:
        return to_dot(framework, figure=DOT_FIGURE, language=language)
    return export_file_text(framework, to, language=language, table=table, raw=raw)
