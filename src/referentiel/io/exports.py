"""``export(framework, path, to=...)``: write a framework in any format other tools read.

=========== ============= ============================================== ============
format      suffix        for                                            reads back
=========== ============= ============================================== ============
graphml     .graphml      yEd, Cytoscape, Gephi                          yes
gexf        .gexf         Gephi                                          yes
node-link   .json         networkx, D3                                   yes
mermaid     .mmd          GitHub and Markdown documentation              no
dot         .dot, .gv     Graphviz (the graph of tensions and links)     no
markdown    .md           the tableau de synthèse, both tables           no
csv         .csv          spreadsheets (one table: ``table=``)            no
html        .html         web pages, both tables                         no
latex       .tex          papers (booktabs), both tables                 no
=========== ============= ============================================== ============
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final

from referentiel._atomic import write_atomic
from referentiel.errors import UnsupportedFormatError
from referentiel.io import gexf, graphml, mermaid, nodelink, tables
from referentiel.model import Framework

__all__ = ["EXPORTS", "export", "export_text"]


def _dot(framework: Framework, *, language: str | None = None) -> str:
    from referentiel.draw import to_dot  # noqa: PLC0415 - graphviz is imported when needed

    return to_dot(framework, figure="graph", language=language)


#: Each format's writer of text, and the suffixes that select it.
EXPORTS: Final[dict[str, tuple[Callable[..., str], tuple[str, ...]]]] = {
    "graphml": (graphml.dumps_graphml, (".graphml",)),
    "gexf": (gexf.dumps_gexf, (".gexf",)),
    "node-link": (nodelink.dumps_node_link, (".json",)),
    "mermaid": (mermaid.dumps_mermaid, (".mmd", ".mermaid")),
    "dot": (_dot, (".dot", ".gv")),
    "markdown": (tables.dumps_markdown, (".md",)),
    "csv": (tables.dumps_csv, (".csv",)),
    "html": (tables.dumps_html, (".html", ".htm")),
    "latex": (tables.dumps_latex, (".tex",)),
}
_TAKES_LANGUAGE: Final = frozenset({"mermaid", "dot", "markdown", "csv", "html", "latex"})


def _format_for(path: str | os.PathLike[str] | None, to: str | None) -> str:
    if to is not None:
        if to not in EXPORTS:
            expected = ", ".join(repr(name) for name in EXPORTS)
            raise UnsupportedFormatError(
                f"unknown export format: {to!r} (expected one of {expected})"
            )
        return to
    suffix = Path(path).suffix.lower() if path is not None else ""
    for name, (_, suffixes) in EXPORTS.items():
        if suffix in suffixes:
            return name
    raise UnsupportedFormatError(
        f"cannot tell the export format from the suffix {suffix!r}: give it (to=...)"
    )


def export_text(
    framework: Framework, to: str, *, language: str | None = None, table: str = "tensions"
) -> str:
    """Return *framework* as text in the export format *to*.

    >>> import referentiel as ref
    >>> fw = ref.load("examples/customer-relations.yaml")
    >>> export_text(fw, "csv").splitlines()[0]
    'number,origin,first,second,provenance,evidence'
    """
    name = _format_for(None, to)
    dumps = EXPORTS[name][0]
    options: dict[str, Any] = {}
    if name in _TAKES_LANGUAGE:
        options["language"] = language
    if name == "csv":
        options["table"] = table
    return dumps(framework, **options)


def export(
    framework: Framework,
    path: str | os.PathLike[str],
    *,
    to: str | None = None,
    language: str | None = None,
    table: str = "tensions",
) -> str:
    """Write *framework* to *path* atomically in format *to* (default: from the suffix).

    Returns the format used. ``language`` picks the labels' language where the format shows
    labels; ``table`` ("tensions" or "evidence") picks the CSV table.

    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> import referentiel as ref
    >>> export(ref.load("examples/customer-relations.yaml"), folder / "synthese.tex")
    'latex'
    """
    name = _format_for(path, to)
    write_atomic(path, export_text(framework, name, language=language, table=table).encode("utf-8"))
    return name
