"""networkx's node-link JSON.

The verbs: ``read_node_link``, ``write_node_link``, ``loads_node_link``, ``dumps_node_link``.

The graph is :func:`referentiel.to_networkx`'s, with explicit key names: nodes under ``nodes``
(the node's key under ``key``, since ``id`` is the model's), edges under ``links`` (``source``,
``target``, ``key``). Attribute
values are plain JSON (nested values stay nested); ``None`` is left out. Reading a file this
module wrote gives the framework back.
"""

from __future__ import annotations

import json
import os
from typing import Any, Final

import networkx as nx

from referentiel._output import write_output
from referentiel.graph import from_networkx, to_networkx
from referentiel.io._graphdata import plain_graph, typed_graph
from referentiel.io._input import read_input
from referentiel.io._text import decode
from referentiel.model import Framework

__all__ = ["dumps_node_link", "loads_node_link", "read_node_link", "write_node_link"]

#: The key names, spelled out (networkx's defaults have changed across versions).
KEYS: Final = {
    "source": "source",
    "target": "target",
    "name": "key",
    "key": "key",
    "edges": "links",
}


def node_link_data(framework: Framework) -> dict[str, Any]:
    """Return *framework* as node-link data (plain JSON values)."""
    data: dict[str, Any] = nx.node_link_data(
        plain_graph(to_networkx(framework), encode=False), **KEYS
    )
    return data


def dumps_node_link(framework: Framework) -> str:
    """Return *framework* as node-link JSON text.

    >>> import json, referentiel as ref
    >>> data = json.loads(dumps_node_link(ref.load("examples/customer-relations.yaml")))
    >>> sorted(data), data["graph"]["id"]
    (['directed', 'graph', 'links', 'multigraph', 'nodes'], 'customer-relations')
    """
    return json.dumps(node_link_data(framework), ensure_ascii=False, indent=1) + "\n"


def write_node_link(framework: Framework, path: str | os.PathLike[str]) -> None:
    """Write *framework* to *path* as node-link JSON, atomically.

    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> import referentiel as ref
    >>> write_node_link(ref.load("examples/customer-relations.yaml"), folder / "f.json")
    >>> read_node_link(folder / "f.json") == ref.load("examples/customer-relations.yaml")
    True
    """
    write_output(path, dumps_node_link(framework).encode("utf-8"))


def loads_node_link(text: str) -> Framework:
    """Read back a framework from node-link JSON that :func:`dumps_node_link` wrote.

    >>> import referentiel as ref
    >>> fw = ref.load("examples/kinesitherapy.yaml")
    >>> loads_node_link(dumps_node_link(fw)) == fw
    True
    """
    graph = nx.node_link_graph(json.loads(text), directed=True, multigraph=True, **KEYS)
    return from_networkx(typed_graph(nx.MultiDiGraph(graph)))


def read_node_link(path: str | os.PathLike[str]) -> Framework:
    """Read back a framework from a node-link JSON file that :func:`write_node_link` wrote.

    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> import referentiel as ref
    >>> write_node_link(ref.load("examples/customer-relations.yaml"), folder / "f.json")
    >>> read_node_link(folder / "f.json").id
    'customer-relations'
    """
    return loads_node_link(decode(read_input(path), str(path)))
