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

from referentiel._gc import paused_gc
from referentiel._output import write_output
from referentiel.graph import framework_from, graph_attributes, graph_items
from referentiel.io._graphdata import edge_class, node_class, plain_data, typed_data
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
    """Return *framework* as node-link data (plain JSON values).

    The same data as networkx's ``node_link_data`` of the plain graph, made from the graph's
    nodes and edges without building the graph (a third of the time of writing the file).
    """
    with paused_gc():
        nodes, edges = graph_items(framework)
        index = {key: i for i, (key, _) in enumerate(nodes)}
        for tail, head, _, _ in edges:  # an edge's unknown end is a node of its own, as in networkx
            for end in (tail, head):
                if end not in index:
                    index[end] = len(index)
                    nodes.append((end, {}))
        edges.sort(key=lambda edge: index[edge[0]])  # networkx lists edges by their tail's node
        return {
            "directed": True,
            "multigraph": True,
            "graph": plain_data(graph_attributes(framework), Framework, encode=False),
            "nodes": [
                {**plain_data(data, node_class(data), encode=False), KEYS["name"]: key}
                for key, data in nodes
            ],
            KEYS["edges"]: [
                {
                    **plain_data(data, edge_class(data), encode=False),
                    KEYS["source"]: tail,
                    KEYS["target"]: head,
                    KEYS["key"]: key,
                }
                for tail, head, key, data in edges
            ],
        }


@paused_gc()  # the whole text made at once: a large acyclic build
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
    name, source, target, key = KEYS["name"], KEYS["source"], KEYS["target"], KEYS["key"]
    with paused_gc():  # the parsed text as well: a large acyclic build
        data = json.loads(text)
        nodes = {}
        for node in data["nodes"]:
            attributes = {k: v for k, v in node.items() if k != name}
            nodes[node[name]] = typed_data(attributes, node_class(attributes))
        edges = []
        for link in data[KEYS["edges"]]:
            attributes = {k: v for k, v in link.items() if k not in (source, target, key)}
            edges.append(
                (link[source], link[target], typed_data(attributes, edge_class(attributes)))
            )
        for tail, head, _ in edges:  # an edge's unknown end is a node of its own
            nodes.setdefault(tail, {})
            nodes.setdefault(head, {})
        return framework_from(typed_data(data["graph"], Framework), nodes, edges)


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
