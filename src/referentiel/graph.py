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
from collections.abc import Iterable
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

__all__ = ["from_networkx", "goal_node", "pole_node", "tension_node", "to_networkx"]

_FRAMEWORK_FIELDS: Final = tuple(
    f.name
    for f in attrs.fields(Framework)
    if f.name not in ("sources", "tensions", "goals", "links")
)
_RELATIONS: Final = frozenset(k.value for k in LinkKind)


def _fields(value: Any, skip: Iterable[str] = ()) -> dict[str, Any]:  # noqa: ANN401 - any model value
    skipped = set(skip)
    return {
        f.name: getattr(value, f.name) for f in attrs.fields(type(value)) if f.name not in skipped
    }


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
    _refuse_what_has_no_graph(framework)
    with paused_gc():  # a large acyclic build, as when a file is read: the collector finds nothing
        return _graph(framework, evidence=evidence)


def _graph(framework: Framework, *, evidence: bool) -> nx.MultiDiGraph[str]:
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph(
        **{name: getattr(framework, name) for name in _FRAMEWORK_FIELDS}
    )
    for order, source in enumerate(framework.sources):
        graph.add_node(f"source:{source.id}", kind="source", order=order, **_fields(source))
    for order, tension in enumerate(framework.tensions):
        _add_tension(graph, tension, order, with_evidence=evidence)
    for order, goal in enumerate(framework.goals):
        graph.add_node(
            goal_node(goal.id),
            kind="goal",
            goal_kind=goal.kind,
            order=order,
            **_fields(goal, ("kind",)),
        )
    goals = {g.id for g in framework.goals}
    for order, link in enumerate(framework.links):
        graph.add_edge(
            _end(goals, link.source, link.source_pole),
            _end(goals, link.target, link.target_pole),
            key=link.relation.value,
            relation=link.relation.value,
            order=order,
            **_fields(link, ("source", "target", "relation")),
        )
    return graph


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


def _add_tension(
    graph: nx.MultiDiGraph[str], tension: Tension, order: int, *, with_evidence: bool
) -> None:
    node = tension_node(tension.id)
    skip = ("evidence", *(s.value for s in tension.SIDES))
    graph.add_node(
        node, kind="tension", tension_kind=tension.kind.value, order=order, **_fields(tension, skip)
    )
    sides = tension.SIDES
    for side, pole in zip(sides, tension.poles, strict=True):
        key = pole_node(tension.id, side)
        graph.add_node(key, kind="pole", tension=tension.id, side=side, **_fields(pole))
        graph.add_edge(node, key, key="has-pole", relation="has-pole", side=side)
    relation = f"{sides[0].value}-{sides[1].value}"  # prescribed-real, first-second
    graph.add_edge(
        pole_node(tension.id, sides[0]),
        pole_node(tension.id, sides[1]),
        key=relation,
        relation=relation,
    )
    if not with_evidence:
        return
    for j, excerpt in enumerate(tension.evidence):
        key = f"evidence:{tension.id}:{j}"
        graph.add_node(key, kind="evidence", tension=tension.id, order=j, **_fields(excerpt))
        target = node if excerpt.supports is Side.BOTH else pole_node(tension.id, excerpt.supports)
        if target in graph:
            graph.add_edge(key, target, key="supports", relation="supports")
        if excerpt.source is not None:
            graph.add_edge(key, f"source:{excerpt.source}", key="cites", relation="cites")


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
    nodes: dict[str, dict[str, Any]] = {key: graph.nodes[key] for key in graph}
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
    for tail, head, data in graph.edges(data=True):
        if data.get("relation") in _RELATIONS and "order" in data:
            link = Link(
                source=_element(nodes[tail]),
                target=_element(nodes[head]),
                relation=LinkKind(data["relation"]),
                **{k: data[k] for k in _LINK_FIELDS if k in data},
            )
            links.append((data["order"], link))
    links.sort(key=lambda item: item[0])
    fields = {name: graph.graph[name] for name in _FRAMEWORK_FIELDS if name in graph.graph}
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
