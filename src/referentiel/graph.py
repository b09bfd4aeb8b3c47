"""The framework as a graph (networkx), and analyses that return plain data.

:func:`to_networkx` gives a :class:`networkx.MultiDiGraph`; every node has a ``kind``:

========== ================================== ==============================================
kind       node key                           attributes
========== ================================== ==============================================
tension    ``tension:<id>``                   ``tension_kind``, ``order`` and the tension's
                                              fields (``id``, ``number``, ``origin`` ...)
pole       ``pole:<tension id>:<side>``       ``tension``, ``side`` and the pole's fields
goal       ``goal:<id>``                      ``goal_kind``, ``order`` and the goal's fields
source     ``source:<id>``                    ``order`` and the source's fields
evidence   ``evidence:<tension id>:<index>``  ``tension``, ``order`` and the excerpt's fields
========== ================================== ==============================================

Edges carry a ``relation``: ``has-pole`` (tension → pole), ``prescribed-real`` (prescribed →
real pole of a contradiction), ``first-second`` (the two poles of a dilemma), ``supports``
(evidence → the pole it supports, or its tension when it supports both), ``cites`` (evidence →
source), and each link's relation (``reinforces`` ... ``requires``) from its source to its
target — a tension, one of its poles (``source_pole``, ``target_pole``) or a goal — with the
link's fields and its ``order``. Attribute values are the model's own (enums, dates, tuples); the
exports in :mod:`referentiel.io.exports` flatten them for each file format.

The analyses that return plain data are in :mod:`referentiel.analyses`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any, Final

import attrs
import networkx as nx

from referentiel._gc import paused_gc
from referentiel.errors import ValidationError
from referentiel.issues import Report
from referentiel.model import (
    TENSION_CLASSES,
    Evidence,
    Framework,
    Goal,
    Link,
    LinkKind,
    Pole,
    Side,
    Source,
    Tension,
    TensionKind,
)
from referentiel.validate import (
    check_link_ends,
    check_supported_poles,
    check_unique_ids,
    validate,
)

__all__ = [
    "framework_from",
    "from_networkx",
    "goal_node",
    "graph_attributes",
    "graph_items",
    "pole_node",
    "tension_node",
    "to_networkx",
]

_FRAMEWORK_FIELDS: Final = tuple(
    f.name
    for f in attrs.fields(Framework)
    if f.name not in ("sources", "tensions", "goals", "links")
)
_RELATIONS: Final = frozenset(k.value for k in LinkKind)


#: Each model class's field names, less those skipped: read once.
_NAMES: Final[dict[tuple[type, tuple[str, ...]], tuple[str, ...]]] = {}


def _fields(value: Any, skip: tuple[str, ...] = ()) -> dict[str, Any]:  # noqa: ANN401 - any model value
    cls = type(value)
    names = _NAMES.get((cls, skip))
    if names is None:
        names = _NAMES[cls, skip] = tuple(f.name for f in attrs.fields(cls) if f.name not in skip)
    return {name: getattr(value, name) for name in names}


def tension_node(tension_id: str) -> str:
    """Return the node key of a tension.

    >>> tension_node("c2")
    'tension:c2'
    """
    return f"tension:{tension_id}"


def pole_node(tension_id: str, side: Side) -> str:
    """Return the node key of a tension's pole.

    >>> pole_node("c2", Side.REAL)
    'pole:c2:real'
    """
    return f"pole:{tension_id}:{side.value}"


def goal_node(goal_id: str) -> str:
    """Return the node key of a goal.

    >>> goal_node("a")
    'goal:a'
    """
    return f"goal:{goal_id}"


def _end(framework_goals: set[str], element: str, side: Side | None) -> str:
    if side is not None:
        return pole_node(element, side)
    return goal_node(element) if element in framework_goals else tension_node(element)


def to_networkx(framework: Framework, *, evidence: bool = True) -> nx.MultiDiGraph[str]:
    """Return *framework* as a :class:`networkx.MultiDiGraph` (see the module docstring).

    With ``evidence=False`` the excerpts are left out (and :func:`from_networkx` cannot bring
    them back).

    >>> import referentiel as ref
    >>> g = ref.to_networkx(ref.load("examples/customer-relations.yaml"))
    >>> g.nodes["pole:c2:prescribed"]["label"]
    'Travail encadré par de multiples procédures'
    >>> sorted({d["kind"] for _, d in g.nodes(data=True)})
    ['evidence', 'pole', 'source', 'tension']

    Each tension and source is one node keyed by its id, and each link joins two of them: a
    framework where two tensions (or two sources) share an id, or a link names a tension that
    does not exist, has no graph, and :exc:`~referentiel.ValidationError` says why.
    """
    with paused_gc():  # a large acyclic build, as when a file is read: the collector finds nothing
        return _graph(framework, evidence=evidence)


#: A node: its key and attributes; an edge: its ends, key and attributes.
Node = tuple[str, dict[str, Any]]
Edge = tuple[str, str, str, dict[str, Any]]


def _graph(framework: Framework, *, evidence: bool) -> nx.MultiDiGraph[str]:
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph(**graph_attributes(framework))
    nodes, edges = graph_items(framework, evidence=evidence)
    graph.add_nodes_from(nodes)
    graph.add_edges_from(edges)  # type: ignore[arg-type]  # (u, v, key, data): networkx's own
    return graph


def graph_attributes(framework: Framework) -> dict[str, Any]:
    """Return the graph's own attributes: the framework's fields but its lists."""
    return {name: getattr(framework, name) for name in _FRAMEWORK_FIELDS}


def graph_items(framework: Framework, *, evidence: bool = True) -> tuple[list[Node], list[Edge]]:
    """Return the nodes and edges of *framework*'s graph, in the order the graph holds them.

    The one description of the graph: :func:`to_networkx` builds it from these, and the
    node-link export writes them without building it. Raises :exc:`ValidationError` for a
    framework that has no graph (see :func:`to_networkx`).
    """
    _refuse_what_has_no_graph(framework)
    nodes: list[Node] = [
        (f"source:{source.id}", {"kind": "source", "order": order, **_fields(source)})
        for order, source in enumerate(framework.sources)
    ]
    edges: list[Edge] = []
    for order, tension in enumerate(framework.tensions):
        _tension_items(nodes, edges, tension, order, with_evidence=evidence)
    nodes += [
        (
            goal_node(goal.id),
            {"kind": "goal", "goal_kind": goal.kind, "order": order, **_fields(goal, ("kind",))},
        )
        for order, goal in enumerate(framework.goals)
    ]
    goals = {g.id for g in framework.goals}
    edges += [
        (
            _end(goals, link.source, link.source_pole),
            _end(goals, link.target, link.target_pole),
            link.relation.value,
            {
                "relation": link.relation.value,
                "order": order,
                **_fields(link, ("source", "target", "relation")),
            },
        )
        for order, link in enumerate(framework.links)
    ]
    return nodes, edges


def _refuse_what_has_no_graph(framework: Framework) -> None:
    sides = {t.id: t.SIDES for t in framework.tensions}
    ends = {*sides, *(g.id for g in framework.goals)}
    sources = {s.id for s in framework.sources}

    def joins(element: str, side: Side | None) -> bool:
        return element in ends and (side is None or side in sides.get(element, ()))

    if (
        len(ends) == len(framework.tensions) + len(framework.goals)
        and len(sources) == len(framework.sources)
        and all(
            joins(k.source, k.source_pole) and joins(k.target, k.target_pole)
            for k in framework.links
        )
    ):
        return
    refused = (check_unique_ids.code.code, check_link_ends.code.code)
    issues = tuple(
        issue
        for issue in validate(framework).issues
        if (
            issue.code in refused
            and issue.path[0] in ("tensions", "sources", "goals", "links")
            and len(issue.path) == 3
        )
        or (issue.code == check_supported_poles.code.code and issue.path[0] == "links")
    )
    raise ValidationError(Report(issues=issues))


def _tension_items(
    nodes: list[Node], edges: list[Edge], tension: Tension, order: int, *, with_evidence: bool
) -> None:
    node = tension_node(tension.id)
    sides = tension.SIDES
    skip = ("evidence", *(s.value for s in sides))
    nodes.append(
        (
            node,
            {
                "kind": "tension",
                "tension_kind": tension.kind.value,
                "order": order,
                **_fields(tension, skip),
            },
        )
    )
    for side, pole in zip(sides, tension.poles, strict=True):
        key = pole_node(tension.id, side)
        nodes.append((key, {"kind": "pole", "tension": tension.id, "side": side, **_fields(pole)}))
        edges.append((node, key, "has-pole", {"relation": "has-pole", "side": side}))
    relation = f"{sides[0].value}-{sides[1].value}"  # prescribed-real, first-second
    edges.append(
        (
            pole_node(tension.id, sides[0]),
            pole_node(tension.id, sides[1]),
            relation,
            {"relation": relation},
        )
    )
    if not with_evidence:
        return
    for j, excerpt in enumerate(tension.evidence):
        key = f"evidence:{tension.id}:{j}"
        nodes.append(
            (key, {"kind": "evidence", "tension": tension.id, "order": j, **_fields(excerpt)})
        )
        supports = excerpt.supports
        if supports is Side.BOTH or supports in sides:  # else a side with no pole to support
            target = node if supports is Side.BOTH else pole_node(tension.id, supports)
            edges.append((key, target, "supports", {"relation": "supports"}))
        if excerpt.source is not None:
            edges.append((key, f"source:{excerpt.source}", "cites", {"relation": "cites"}))


def _build(cls: type[Any], data: dict[str, Any], drop: Iterable[str]) -> Any:  # noqa: ANN401
    names = {f.name for f in attrs.fields(cls)}
    return cls(**{k: v for k, v in data.items() if k in names and k not in set(drop)})


def from_networkx(graph: nx.MultiDiGraph[str]) -> Framework:
    """Rebuild the framework that :func:`to_networkx` turned into *graph*.

    >>> import referentiel as ref
    >>> fw = ref.load("examples/customer-relations.yaml")
    >>> ref.from_networkx(ref.to_networkx(fw)) == fw
    True
    """
    return framework_from(graph.graph, graph.nodes, graph.edges(data=True))


def framework_from(
    attributes: Mapping[str, Any],
    nodes: Mapping[str, dict[str, Any]],
    edges: Iterable[tuple[str, str, dict[str, Any]]],
) -> Framework:
    """Rebuild a framework from its graph's attributes, nodes (by key) and edges (see above)."""
    by_kind: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for data in nodes.values():
        by_kind[data.get("kind", "")].append(data)
    sources = tuple(_build(Source, d, ()) for d in sorted(by_kind["source"], key=_order))
    excerpts: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for data in by_kind["evidence"]:
        excerpts[data["tension"]].append(data)
    tensions = []
    for data in sorted(by_kind["tension"], key=_order):
        cls = TENSION_CLASSES[TensionKind(data["tension_kind"])]
        poles = {
            side.value: _build(Pole, nodes[pole_node(data["id"], side)], ()) for side in cls.SIDES
        }
        evidence = tuple(_build(Evidence, d, ()) for d in sorted(excerpts[data["id"]], key=_order))
        tensions.append(_build(cls, {**data, **poles, "evidence": evidence}, ()))
    goals = tuple(
        _build(Goal, {**d, "kind": d["goal_kind"]}, ()) for d in sorted(by_kind["goal"], key=_order)
    )
    links = []
    for tail, head, data in edges:
        if data.get("relation") in _RELATIONS and "order" in data:
            link = Link(
                source=_element(nodes[tail]),
                target=_element(nodes[head]),
                relation=LinkKind(data["relation"]),
                **{k: data[k] for k in _LINK_FIELDS if k in data},
            )
            links.append((data["order"], link))
    links.sort(key=lambda item: item[0])
    fields = {name: attributes[name] for name in _FRAMEWORK_FIELDS if name in attributes}
    return Framework(
        **fields,
        sources=sources,
        tensions=tuple(tensions),
        goals=goals,
        links=tuple(link for _, link in links),
    )


_LINK_FIELDS: Final = tuple(
    f.name for f in attrs.fields(Link) if f.name not in ("source", "target", "relation")
)


def _element(data: dict[str, Any]) -> str:
    """Return the id of the tension or goal a link's end node stands for."""
    element: str = data["tension"] if data.get("kind") == "pole" else data["id"]
    return element


def _order(data: dict[str, Any]) -> int:
    order: int = data["order"]
    return order
