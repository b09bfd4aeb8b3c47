"""GEXF (Gephi): ``read_gexf``, ``write_gexf``, ``loads_gexf``, ``dumps_gexf``.

The graph is :func:`referentiel.to_networkx`'s, flattened as for GraphML (enums and dates as
text, nested values as JSON text, ``None`` left out). GEXF reserves a node's ``id`` and
``label``: the model's are written as ``element_id`` and ``element_label`` and come back on
reading. GEXF keeps no graph attributes, so the framework's own fields (id, title ...) are
written on an extra node, ``framework``, of kind ``framework``. Reading a file this module
wrote gives the framework back.
"""

from __future__ import annotations

import io
import os
from typing import TYPE_CHECKING, Final

import networkx as nx

from referentiel._gc import paused_gc
from referentiel._output import write_output
from referentiel.io._graphdata import framework_graph, framework_of
from referentiel.io._input import read_input
from referentiel.io._text import decode
from referentiel.model import Framework

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer

__all__ = ["dumps_gexf", "loads_gexf", "read_gexf", "write_gexf"]

#: The node that carries the framework's own fields.
FRAMEWORK_NODE: Final = "framework"


class _Chunks(io.BufferedIOBase):
    """A write-only sink that keeps what is written to it, in order.

    networkx writes GEXF through ElementTree, which wraps the stream in a text writer; over a
    readable stream (``io.BytesIO``) that writer also resets a decoder at each of its writes
    (about 1 200 a tension): a tenth of the export.
    """

    def __init__(self) -> None:
        super().__init__()
        self.chunks: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, data: ReadableBuffer, /) -> int:
        chunk = bytes(data)
        self.chunks.append(chunk)
        return len(chunk)


# networkx builds or reads the whole document: a large acyclic build, the collector paused
@paused_gc()
def _gexf(framework: Framework) -> bytes:
    graph = framework_graph(framework, encode=True, rename_nodes=True)
    graph.add_node(FRAMEWORK_NODE, kind="framework", **graph.graph)
    graph.graph.clear()
    sink = _Chunks()
    nx.write_gexf(graph, sink, encoding="utf-8", version="1.2draft")
    return b"".join(sink.chunks)


def dumps_gexf(framework: Framework) -> str:
    """Return *framework* as GEXF 1.2 text.

    >>> import referentiel as ref
    >>> 'id="pole:c2:real"' in dumps_gexf(ref.load("examples/customer-relations.yaml"))
    True
    """
    return _gexf(framework).decode("utf-8")


def write_gexf(framework: Framework, path: str | os.PathLike[str]) -> None:
    """Write *framework* to *path* as GEXF, atomically.

    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> import referentiel as ref
    >>> write_gexf(ref.load("examples/customer-relations.yaml"), folder / "f.gexf")
    >>> read_gexf(folder / "f.gexf") == ref.load("examples/customer-relations.yaml")
    True
    """
    write_output(path, _gexf(framework))


@paused_gc()  # see _gexf
def loads_gexf(text: str) -> Framework:
    """Read back a framework from GEXF text that :func:`dumps_gexf` wrote.

    >>> import referentiel as ref
    >>> fw = ref.load("examples/kinesitherapy.yaml")
    >>> loads_gexf(dumps_gexf(fw)) == fw
    True
    """
    # a directed graph, or a multigraph if it has parallel edges: framework_of reads either
    graph = nx.read_gexf(io.BytesIO(text.encode("utf-8")), version="1.2draft")
    if FRAMEWORK_NODE in graph:
        fields = graph.nodes[FRAMEWORK_NODE]
        graph.graph.update({k: v for k, v in fields.items() if k not in ("kind", "label")})
        graph.remove_node(FRAMEWORK_NODE)
    return framework_of(graph, renamed_nodes=True)


def read_gexf(path: str | os.PathLike[str]) -> Framework:
    """Read back a framework from a GEXF file that :func:`write_gexf` wrote.

    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> import referentiel as ref
    >>> write_gexf(ref.load("examples/customer-relations.yaml"), folder / "f.gexf")
    >>> read_gexf(folder / "f.gexf").title[:14]
    'Contradictions'
    """
    return loads_gexf(decode(read_input(path), str(path)))
