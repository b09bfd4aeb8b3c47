"""GraphML, for yEd, Cytoscape and Gephi.

The verbs: ``read_graphml``, ``write_graphml``, ``loads_graphml``, ``dumps_graphml``.

The graph is :func:`referentiel.to_networkx`'s. GraphML holds only scalar attributes: enums and
dates are written as text, lists and nested values (provenance, translations, locators) as JSON
text, and ``None`` is left out. Reading a file this module wrote gives the framework back, but for
characters XML 1.0 cannot hold: control characters other than tab and line feed are dropped,
and a carriage return comes back as a line feed.
"""

from __future__ import annotations

import io
import os

import networkx as nx

from referentiel._gc import paused_gc
from referentiel._output import write_output
from referentiel.io._graphdata import framework_graph, framework_of
from referentiel.io._input import read_input
from referentiel.io._text import decode
from referentiel.model import Framework

__all__ = ["dumps_graphml", "loads_graphml", "read_graphml", "write_graphml"]


# networkx builds or reads the whole document: a large acyclic build, the collector paused
@paused_gc()
def _graphml(framework: Framework) -> bytes:
    buffer = io.BytesIO()
    nx.write_graphml(framework_graph(framework, encode=True), buffer, encoding="utf-8")
    return buffer.getvalue()


def dumps_graphml(framework: Framework) -> str:
    """Return *framework* as GraphML text.

    >>> import referentiel as ref
    >>> text = dumps_graphml(ref.load("examples/customer-relations.yaml"))
    >>> '<node id="pole:c2:real">' in text
    True
    """
    return _graphml(framework).decode("utf-8")


def write_graphml(framework: Framework, path: str | os.PathLike[str]) -> None:
    """Write *framework* to *path* as GraphML, atomically.

    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> import referentiel as ref
    >>> write_graphml(ref.load("examples/customer-relations.yaml"), folder / "f.graphml")
    >>> read_graphml(folder / "f.graphml") == ref.load("examples/customer-relations.yaml")
    True
    """
    write_output(path, _graphml(framework))


@paused_gc()  # see _graphml
def loads_graphml(text: str) -> Framework:
    """Read back a framework from GraphML text that :func:`dumps_graphml` wrote.

    >>> import referentiel as ref
    >>> fw = ref.load("examples/kinesitherapy.yaml")
    >>> loads_graphml(dumps_graphml(fw)) == fw
    True
    """
    graph = nx.parse_graphml(text, force_multigraph=True)
    return framework_of(graph)


def read_graphml(path: str | os.PathLike[str]) -> Framework:
    """Read back a framework from a GraphML file that :func:`write_graphml` wrote.

    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> import referentiel as ref
    >>> write_graphml(ref.load("examples/customer-relations.yaml"), folder / "f.graphml")
    >>> len(read_graphml(folder / "f.graphml").tensions)
    6
    """
    return loads_graphml(decode(read_input(path), str(path)))
