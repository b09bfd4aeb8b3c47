"""The framework as a graph (networkx), and analyses that return plain data.

:func:`to_networkx` gives a :class:`networkx.MultiDiGraph`; every node has a ``kind``:

========== ================================== ==============================================
kind       node key                           attributes
========== ================================== ==============================================
tension    ``tension:<id>``                   ``tension_kind``, ``order`` and the tension's
                                              fields (``id``, ``number``, ``origin`` ...)
pole       ``pole:<tension id>:<side>``       ``tension``, ``side`` and the pole's fields
source     ``source:<id>``                    ``order`` and the source's fields
evidence   ``evidence:<tension id>:<index>``  ``tension``, ``order`` and the excerpt's fields
========== ================================== ==============================================

Edges carry a ``relation``: ``has-pole`` (tension → pole), ``prescribed-real`` (prescribed →
real pole of a contradiction), ``first-second`` (the two poles of a dilemma), ``supports``
(evidence → the pole it supports, or its tension when it supports both), ``cites`` (evidence →
source), and each link's relation (``reinforces`` ...) from tension to tension, with the link's
fields and its ``order``. Attribute values are the model's own (enums, dates, tuples); the
exports in :mod:`referentiel.io.exports` flatten them for each file format.

networkx is imported only when these functions are called.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Final

import attrs

from referentiel.model import (
    Contradiction,
    Dilemma,
    Evidence,
    Framework,
    Link,
    LinkKind,
    Pole,
    Side,
    Source,
    Tension,
)

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "by_dimension",
    "by_level",
    "by_origin",
    "by_provenance",
    "evidence_per_pole",
    "evidence_per_tension",
    "from_networkx",
    "link_cycles",
    "most_linked",
    "poles_without_evidence",
    "shared_sources",
    "sources_per_tension",
    "speakers_per_tension",
    "to_networkx",
]

_SIDES: Final = {Contradiction: (Side.PRESCRIBED, Side.REAL), Dilemma: (Side.FIRST, Side.SECOND)}
_POLE_EDGE: Final = {Contradiction: "prescribed-real", Dilemma: "first-second"}
_FRAMEWORK_FIELDS: Final = tuple(
    f.name for f in attrs.fields(Framework) if f.name not in ("sources", "tensions", "links")
)


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
    """
    import networkx as nx  # noqa: PLC0415 - networkx is imported only when needed

    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph(
        **{name: getattr(framework, name) for name in _FRAMEWORK_FIELDS}
    )
    for order, source in enumerate(framework.sources):
        graph.add_node(f"source:{source.id}", kind="source", order=order, **_fields(source))
    for order, tension in enumerate(framework.tensions):
        _add_tension(graph, tension, order, with_evidence=evidence)
    for order, link in enumerate(framework.links):
        graph.add_edge(
            tension_node(link.source),
            tension_node(link.target),
            key=link.relation.value,
            relation=link.relation.value,
            order=order,
            **_fields(link, ("source", "target", "relation")),
        )
    return graph


def _add_tension(
    graph: nx.MultiDiGraph[str], tension: Tension, order: int, *, with_evidence: bool
) -> None:
    node = tension_node(tension.id)
    skip = ("evidence", *(s.value for s in _SIDES[type(tension)]))
    graph.add_node(
        node, kind="tension", tension_kind=tension.kind.value, order=order, **_fields(tension, skip)
    )
    sides = _SIDES[type(tension)]
    for side, pole in zip(sides, tension.poles, strict=True):
        key = pole_node(tension.id, side)
        graph.add_node(key, kind="pole", tension=tension.id, side=side, **_fields(pole))
        graph.add_edge(node, key, key="has-pole", relation="has-pole", side=side)
    relation = _POLE_EDGE[type(tension)]
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
        cls = Contradiction if data["tension_kind"] == "contradiction" else Dilemma
        poles = {
            side.value: _build(Pole, nodes[pole_node(data["id"], side)], ()) for side in _SIDES[cls]
        }
        evidence = tuple(_build(Evidence, d, ()) for d in sorted(excerpts[data["id"]], key=_order))
        tensions.append(_build(cls, {**data, **poles, "evidence": evidence}, ()))
    links = []
    for tail, head, data in graph.edges(data=True):
        if nodes[tail].get("kind") == "tension" and nodes[head].get("kind") == "tension":
            link = Link(
                source=nodes[tail]["id"],
                target=nodes[head]["id"],
                relation=LinkKind(data["relation"]),
                **{k: data[k] for k in ("provenance", "note", "acknowledged") if k in data},
            )
            links.append((data["order"], link))
    links.sort(key=lambda item: item[0])
    fields = {name: graph.graph[name] for name in _FRAMEWORK_FIELDS if name in graph.graph}
    return Framework(
        **fields, sources=sources, tensions=tuple(tensions), links=tuple(link for _, link in links)
    )


def _order(data: dict[str, Any]) -> int:
    order: int = data["order"]
    return order


# Analyses: the framework first, plain data back, nothing mutated.


def _grouped(pairs: Iterable[tuple[Any, str]]) -> dict[Any, list[str]]:
    groups: dict[Any, list[str]] = {}
    for key, tension_id in pairs:
        groups.setdefault(key, []).append(tension_id)
    return groups


def by_origin(framework: Framework) -> dict[str | None, list[str]]:
    """Group the contradictions' ids by origin (None: not given), in file order.

    >>> import referentiel as ref
    >>> by_origin(ref.load("examples/customer-relations.yaml"))
    {'organisation': ['c1', 'c2', 'c4', 'c5'], 'situation': ['c3', 'c6', 'c7', 'c8']}
    """
    return _grouped((c.origin.value if c.origin else None, c.id) for c in framework.contradictions)


def by_provenance(framework: Framework) -> dict[str, list[str]]:
    """Group the tensions' ids by provenance status.

    >>> import referentiel as ref
    >>> by_provenance(ref.load("examples/customer-relations.yaml"))["attested"]
    ['c2', 'c5']
    """
    return _grouped((t.provenance.status.value, t.id) for t in framework.tensions)


def by_level(framework: Framework) -> dict[str | None, list[str]]:
    """Group the contradictions' ids by Engeström level (None: not given).

    >>> import referentiel as ref
    >>> by_level(ref.load("examples/customer-relations.yaml"))
    {None: ['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8']}
    """
    return _grouped((c.level.value if c.level else None, c.id) for c in framework.contradictions)


def by_dimension(framework: Framework) -> dict[str | None, list[tuple[str, str]]]:
    """Group the poles, as ``(tension id, side)``, by Clot dimension (None: not given).

    >>> import referentiel as ref
    >>> by_dimension(ref.load("examples/kinesitherapy.yaml"))["impersonal"]
    [('d1', 'first'), ('d3', 'first')]
    """
    groups: dict[str | None, list[tuple[str, str]]] = {}
    for t in framework.tensions:
        for side, pole in zip(_SIDES[type(t)], t.poles, strict=True):
            key = pole.dimension.value if pole.dimension else None
            groups.setdefault(key, []).append((t.id, side.value))
    return groups


def evidence_per_tension(framework: Framework) -> dict[str, int]:
    """Count the excerpts of each tension.

    >>> import referentiel as ref
    >>> evidence_per_tension(ref.load("examples/customer-relations.yaml"))["c2"]
    2
    """
    return {t.id: len(t.evidence) for t in framework.tensions}


def evidence_per_pole(framework: Framework) -> dict[tuple[str, str], int]:
    """Count the excerpts that support each pole (an excerpt for both counts for each).

    >>> import referentiel as ref
    >>> counts = evidence_per_pole(ref.load("examples/customer-relations.yaml"))
    >>> counts[("c2", "prescribed")], counts[("c2", "real")]
    (1, 2)
    """
    counts: dict[tuple[str, str], int] = {}
    for t in framework.tensions:
        for side in _SIDES[type(t)]:
            counts[(t.id, side.value)] = sum(
                1 for e in t.evidence if e.supports in (side, Side.BOTH)
            )
    return counts


def poles_without_evidence(framework: Framework) -> list[tuple[str, str]]:
    """List the poles no excerpt supports, as ``(tension id, side)``.

    >>> import referentiel as ref
    >>> poles_without_evidence(ref.load("examples/customer-relations.yaml"))[:3]
    [('c1', 'prescribed'), ('c3', 'prescribed'), ('c3', 'real')]
    """
    return [pole for pole, count in evidence_per_pole(framework).items() if count == 0]


def speakers_per_tension(framework: Framework) -> dict[str, list[str]]:
    """List the distinct speakers behind each tension, in order of first appearance.

    >>> import referentiel as ref
    >>> speakers_per_tension(ref.load("examples/customer-relations.yaml"))["c7"]
    ['B.']
    """
    return {
        t.id: list(dict.fromkeys(e.speaker for e in t.evidence if e.speaker))
        for t in framework.tensions
    }


def sources_per_tension(framework: Framework) -> dict[str, list[str]]:
    """List the distinct sources behind each tension's excerpts and provenance.

    >>> import referentiel as ref
    >>> sources_per_tension(ref.load("examples/customer-relations.yaml"))["c2"]
    ['balas-touzet', 'debriefings']
    """
    result = {}
    for t in framework.tensions:
        ids = [t.provenance.source] + [e.source for e in t.evidence]
        result[t.id] = list(dict.fromkeys(i for i in ids if i))
    return result


def shared_sources(framework: Framework) -> dict[str, list[str]]:
    """Map each source whose excerpts back several tensions to those tensions.

    >>> import referentiel as ref
    >>> shared_sources(ref.load("examples/customer-relations.yaml"))
    {'balas-touzet': ['c2', 'c6', 'c8']}
    """
    tensions: dict[str, list[str]] = {}
    for t in framework.tensions:
        for source in dict.fromkeys(e.source for e in t.evidence if e.source):
            tensions.setdefault(source, []).append(t.id)
    return {s: ids for s, ids in tensions.items() if len(ids) > 1}


def most_linked(framework: Framework, n: int | None = None) -> list[tuple[str, int]]:
    """Rank the tensions by number of links (in and out), most first; ties in file order.

    >>> import referentiel as ref
    >>> most_linked(ref.load("examples/customer-relations.yaml"), 2)
    [('c1', 1), ('c2', 1)]
    """
    degree = Counter({t.id: 0 for t in framework.tensions})
    for link in framework.links:
        degree[link.source] += 1
        degree[link.target] += 1
    ranked = sorted(degree.items(), key=lambda item: -item[1])  # stable: file order on ties
    return ranked[:n] if n is not None else ranked


def link_cycles(framework: Framework) -> list[list[str]]:
    """Return the cycles of links between tensions, each as a list of tension ids.

    >>> import referentiel as ref
    >>> fw = ref.load("examples/customer-relations.yaml")
    >>> link_cycles(fw)
    []
    >>> loop = Link(source="c2", target="c6", relation=LinkKind.REINFORCES)
    >>> link_cycles(attrs.evolve(fw, links=(*fw.links, loop)))
    [['c2', 'c6']]
    """
    import networkx as nx  # noqa: PLC0415

    graph: nx.DiGraph[str] = nx.DiGraph()
    graph.add_nodes_from(t.id for t in framework.tensions)
    graph.add_edges_from((link.source, link.target) for link in framework.links)
    order = {t.id: i for i, t in enumerate(framework.tensions)}
    cycles = []
    for cycle in nx.simple_cycles(graph):
        start = min(range(len(cycle)), key=lambda i: order.get(cycle[i], len(order)))
        cycles.append(cycle[start:] + cycle[:start])
    return sorted(cycles, key=lambda c: [order.get(i, len(order)) for i in c])
