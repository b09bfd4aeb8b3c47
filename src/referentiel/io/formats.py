"""The registry of file formats: every format the library reads or writes, in one place.

Each :class:`Format` names its module and the suffixes that select it; its functions follow one
naming rule (``dumps_<stem>``, ``write_<stem>``, and ``loads_<stem>``, ``read_<stem>`` for the
formats that read back). From this table come ``load``/``save`` and ``export``'s choice of
format, the command line's choices and help, the lazily imported public names, the docs' table
of formats and the tests' lists. To add a format: write its module, add one entry here.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any, Final

import attrs

__all__ = ["FORMATS", "Format", "by_function", "exports", "framework_files"]


@attrs.frozen(kw_only=True)
class Format:
    """One file format: its name, suffixes, module, and what it is for.

    >>> FORMATS["graphml"].functions
    ('dumps_graphml', 'write_graphml', 'loads_graphml', 'read_graphml')
    """

    #: The name users give (``--to graphml``).
    name: str
    #: The suffixes that select it, the first being the one to suggest.
    suffixes: tuple[str, ...]
    #: The module that holds its functions.
    module: str
    #: Who reads it, in a few words (for help texts and the docs).
    summary: str
    #: The functions' suffix: ``dumps_<stem>``.
    stem: str
    #: A framework file (``load``/``save``): YAML or JSON, the whole model.
    framework_file: bool = False
    #: Its reader gives the framework back (``loads_<stem>``, ``read_<stem>``).
    reads_back: bool = False
    #: The keyword options of its ``dumps`` that :func:`referentiel.export` passes on.
    options: tuple[str, ...] = ()
    #: What it keeps, and what it cannot hold.
    keeps: str = ""

    @property
    def functions(self) -> tuple[str, ...]:
        """The public functions of the format, by the naming rule."""
        verbs = ("dumps", "write", "loads", "read") if self.reads_back else ("dumps", "write")
        return tuple(f"{verb}_{self.stem}" for verb in verbs)

    def function(self, verb: str) -> Callable[..., Any]:
        """Return the format's function *verb* (``dumps``, ``parse_located`` ...), importing it."""
        name = verb if verb == "parse_located" else f"{verb}_{self.stem}"
        function: Callable[..., Any] = getattr(importlib.import_module(self.module), name)
        return function


_TABLES: Final = "the tableau de synthèse: tensions and excerpts; cannot be read back"

#: Every format, by name, in the order the docs list them.
FORMATS: Final[dict[str, Format]] = {
    f.name: f
    for f in (
        Format(
            name="yaml",
            suffixes=(".yaml", ".yml"),
            module="referentiel.io.yaml",
            stem="yaml",
            summary="framework files, written by hand",
            framework_file=True,
            reads_back=True,
            keeps="the whole framework",
        ),
        Format(
            name="json",
            suffixes=(".json",),
            module="referentiel.io.json",
            stem="json",
            summary="framework files, for programs",
            framework_file=True,
            reads_back=True,
            keeps="the whole framework",
        ),
        Format(
            name="graphml",
            suffixes=(".graphml",),
            module="referentiel.io.graphml",
            stem="graphml",
            summary="yEd, Cytoscape, Gephi",
            reads_back=True,
            keeps="the whole framework, but for control characters XML 1.0 cannot hold",
        ),
        Format(
            name="gexf",
            suffixes=(".gexf",),
            module="referentiel.io.gexf",
            stem="gexf",
            summary="Gephi",
            reads_back=True,
            keeps="the whole framework, but for control characters XML 1.0 cannot hold",
        ),
        Format(
            name="node-link",
            suffixes=(".json",),
            module="referentiel.io.nodelink",
            stem="node_link",
            summary="networkx, D3",
            reads_back=True,
            keeps="the whole framework",
        ),
        Format(
            name="mermaid",
            suffixes=(".mmd", ".mermaid"),
            module="referentiel.io.mermaid",
            stem="mermaid",
            summary="GitHub and Markdown documentation",
            options=("language",),
            keeps="tensions, poles, origins, links; for reading only",
        ),
        Format(
            name="jsonl",
            suffixes=(".jsonl",),
            module="referentiel.io.jsonl",
            stem="jsonl",
            summary="pandas, DuckDB, jq: the excerpts, one JSON object a line",
            keeps="every excerpt, verbatim, with its tension, pole and provenance; "
            "for reading only",
        ),
        Format(
            name="markdown",
            suffixes=(".md",),
            module="referentiel.io.tables",
            stem="markdown",
            summary="the tableau de synthèse, both tables",
            options=("language",),
            keeps=_TABLES,
        ),
        Format(
            name="csv",
            suffixes=(".csv",),
            module="referentiel.io.tables",
            stem="csv",
            summary="spreadsheets (one table: table=)",
            options=("language", "table", "raw"),
            keeps=_TABLES,
        ),
        Format(
            name="html",
            suffixes=(".html", ".htm"),
            module="referentiel.io.tables",
            stem="html",
            summary="web pages, both tables",
            options=("language",),
            keeps=_TABLES,
        ),
        Format(
            name="latex",
            suffixes=(".tex",),
            module="referentiel.io.tables",
            stem="latex",
            summary="papers (booktabs), both tables",
            options=("language",),
            keeps=_TABLES,
        ),
    )
}


def framework_files() -> tuple[Format, ...]:
    """Return the formats of framework files (``load``, ``save``).

    >>> [f.name for f in framework_files()]
    ['yaml', 'json']
    """
    return tuple(f for f in FORMATS.values() if f.framework_file)


def exports() -> tuple[Format, ...]:
    """Return the formats :func:`referentiel.export` writes: those other tools read.

    >>> [f.name for f in exports()][:3]
    ['graphml', 'gexf', 'node-link']
    """
    return tuple(f for f in FORMATS.values() if not f.framework_file)


def by_function(name: str) -> Format | None:
    """Return the format whose public function is *name*, or None.

    >>> by_function("dumps_node_link").name
    'node-link'
    >>> by_function("load") is None
    True
    """
    return next((f for f in FORMATS.values() if name in f.functions), None)
