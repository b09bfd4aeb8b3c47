"""Graph attributes as plain data (strings, numbers, lists, dicts) and back, for the graph formats.

:func:`referentiel.to_networkx` keeps the model's own values (enums, dates, attrs objects);
files hold plain data. Each node's kind says which model class its fields belong to, so the
same converter as the framework files maps them both ways. ``None`` and empty values are
left out (their defaults come back on reading). XML formats cannot hold most control
characters: :func:`xml_text` drops them and turns carriage returns into line feeds.
"""

from __future__ import annotations

import enum
import functools
import json
from collections.abc import Iterable
from typing import Any, Final, cast

import networkx as nx

from referentiel._fields import field_types
from referentiel._gc import paused_gc
from referentiel.graph import framework_from, graph_attributes, graph_items
from referentiel.io._xml import xml_text
from referentiel.io.plain import converter
from referentiel.model import (
    TENSION_CLASSES,
    Evidence,
    Framework,
    Goal,
    GoalKind,
    Link,
    LinkKind,
    Pole,
    Side,
    Source,
    TensionKind,
)

__all__ = [
    "edge_class",
    "framework_graph",
    "framework_of",
    "node_class",
    "plain_data",
    "plain_graph",
    "typed_data",
]

_BY_KIND: Final[dict[str, type]] = {
    "pole": Pole,
    "source": Source,
    "evidence": Evidence,
    "goal": Goal,
}
_RELATIONS: Final = frozenset(k.value for k in LinkKind)
#: Attributes the graph adds beside a model class's fields, and the enum of their values.
_ENUMS: Final[dict[str, type[Side] | type[GoalKind]]] = {"side": Side, "goal_kind": GoalKind}


def node_class(data: dict[str, Any]) -> type | None:
    if data.get("kind") == "tension":
        kind = TensionKind._value2member_map_.get(data.get("tension_kind", ""))
        return TENSION_CLASSES.get(kind) if isinstance(kind, TensionKind) else None
    return _BY_KIND.get(data.get("kind", ""))


def edge_class(data: dict[str, Any]) -> type | None:
    """Return Link for a link's edge (its relation is a link's, and it has an order)."""
    return Link if data.get("relation") in _RELATIONS and "order" in data else None


@functools.cache
def _hints(cls: type | None) -> dict[str, Any]:
    if cls is None:
        return {}
    hints = dict(field_types(cls))
    if cls is Link:  # on an edge, the relation is the plain string that also keys the edge
        del hints["relation"]
    if cls is Goal:  # on a node, kind is the node's ("goal"); the goal's own is goal_kind
        del hints["kind"]
    return hints


#: Values that are their own plain form: the converter is not asked (it costs most of a write).
_SCALARS: Final = frozenset({str, int, float, bool})


def plain_data(data: dict[str, Any], cls: type | None, *, encode: bool) -> dict[str, Any]:
    hints = _hints(cls)
    out: dict[str, Any] = {}
    for name, value in data.items():
        if value is None or value == ():
            continue
        kind = type(value)
        if kind in _SCALARS:
            plain = value
        elif isinstance(value, enum.Enum):
            plain = value.value
        elif name in hints:
            plain = converter.unstructure(value, hints[name])
        else:
            plain = value
        if encode:
            plain = _xml_clean(plain)
            if isinstance(plain, dict | list):
                plain = json.dumps(plain, ensure_ascii=False)
        out[name] = plain
    return out


def _xml_clean(value: Any) -> Any:  # noqa: ANN401 - any plain value
    if isinstance(value, str):
        return xml_text(value)
    if isinstance(value, list):
        return [_xml_clean(item) for item in value]
    if isinstance(value, dict):
        return {xml_text(k): _xml_clean(v) for k, v in value.items()}
    return value


#: Field types whose plain values of these exact types are the field's values as they are (the
#: converter's hooks return such values unchanged; integers it checks for range, so not those).
_SELF_TYPED: Final[dict[Any, tuple[type, ...]]] = {
    str: (str,),
    bool: (bool,),
    str | None: (str,),
}


def typed_data(data: dict[str, Any], cls: type | None) -> dict[str, Any]:
    hints = _hints(cls)
    fields = set(hints)
    out: dict[str, Any] = {}
    for name, value in data.items():
        if name in fields:
            hint = hints[name]
            if type(value) in _SELF_TYPED.get(hint, ()):
                out[name] = value  # already what the field holds: the converter is not asked
                continue
            plain = json.loads(value) if isinstance(value, str) and _is_structured(hint) else value
            out[name] = converter.structure(plain, hint)
        elif name in _ENUMS:
            out[name] = _ENUMS[name](value)
        else:
            out[name] = value
    return out


def _is_structured(hint: object) -> bool:
    """Whether a field's values are lists or mappings in plain form (JSON text in GraphML)."""
    text = str(hint)
    return "tuple" in text or any(
        name in text for name in ("Provenance", "Locator", "Pole", "Resource", "Point")
    )


#: Attribute names some formats reserve (GraphML's graph id, GEXF's node id and label): renamed
#: on writing and back on reading.
RESERVED: Final = {"id": "element_id", "label": "element_label"}


def _renamed(data: dict[str, Any], names: dict[str, str]) -> dict[str, Any]:
    return {names.get(key, key): value for key, value in data.items()}


def plain_graph(
    graph: nx.MultiDiGraph[str], *, encode: bool, rename_nodes: bool = False
) -> nx.MultiDiGraph[str]:
    """Return a copy of *graph* with plain attribute values.

    With *encode*, lists and mappings become JSON text (for GraphML and GEXF, which hold only
    scalars); with *rename_nodes*, node attributes ``id`` and ``label`` are renamed (GEXF).
    """
    nodes = cast("Iterable[tuple[str, dict[str, Any]]]", graph.nodes(data=True))  # a view
    return _plain(
        graph.graph,
        nodes,
        graph.edges(keys=True, data=True),
        encode=encode,
        rename_nodes=rename_nodes,
    )


def framework_graph(
    framework: Framework, *, encode: bool, rename_nodes: bool = False
) -> nx.MultiDiGraph[str]:
    """Return :func:`plain_graph` of *framework*'s graph, made without building the typed graph.

    The writers' way: the graph's items (:func:`referentiel.graph.graph_items`) made plain as
    they come, the collector paused (a large acyclic build).
    """
    with paused_gc():
        nodes, edges = graph_items(framework)
        return _plain(
            graph_attributes(framework), nodes, edges, encode=encode, rename_nodes=rename_nodes
        )


def _plain(
    attributes: dict[str, Any],
    nodes: Iterable[tuple[str, dict[str, Any]]],
    edges: Iterable[tuple[str, str, str, dict[str, Any]]],
    *,
    encode: bool,
    rename_nodes: bool,
) -> nx.MultiDiGraph[str]:
    plain: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    framework = plain_data(attributes, Framework, encode=encode)
    plain.graph.update(_renamed(framework, RESERVED) if encode else framework)
    # XML cannot hold every character of an id: node keys are cleaned as their ids are
    key_of = xml_text if encode else str
    for node, data in nodes:
        attributes = plain_data(data, node_class(data), encode=encode)
        renamed = _renamed(attributes, RESERVED) if rename_nodes else attributes
        plain.add_node(key_of(node), **renamed)
    for tail, head, key, data in edges:
        cls = edge_class(data)
        plain.add_edge(key_of(tail), key_of(head), key=key, **plain_data(data, cls, encode=encode))
    return plain


def framework_of(plain: nx.Graph[Any], *, renamed_nodes: bool = False) -> Framework:
    """Invert :func:`plain_graph` and :func:`referentiel.to_networkx`: the framework back.

    Each node's and edge's plain data is typed and the framework rebuilt from them
    (:func:`referentiel.graph.framework_from`), without building a typed copy of the graph.
    """
    back = {new: old for old, new in RESERVED.items()}
    nodes = {}
    for node, data in plain.nodes(data=True):
        attributes = dict(data)
        if renamed_nodes:
            # the format's own id and label go; ours come back under their names
            attributes = _renamed({k: v for k, v in attributes.items() if k not in RESERVED}, back)
        nodes[node] = typed_data(attributes, node_class(attributes))
    edges = [
        (tail, head, typed_data(dict(data), edge_class(data)))
        for tail, head, data in plain.edges(data=True)
    ]
    attributes = typed_data(_renamed(dict(plain.graph), back), Framework)
    return framework_from(attributes, nodes, edges)
