"""Analyses of a framework that return plain data: groups, counts, shared sources, cycles.

Each takes the framework first, returns lists and dicts of ids, and mutates nothing (as
networkx's algorithms do). Only :func:`link_cycles` needs networkx.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any, Final

import attrs

from referentiel.model import Framework, Side

__all__ = [
    "ANALYSES",
    "Analysis",
    "by_dimension",
    "by_level",
    "by_origin",
    "by_provenance",
    "evidence_per_pole",
    "evidence_per_tension",
    "link_cycles",
    "most_linked",
    "poles_without_evidence",
    "run_analyses",
    "shared_sources",
    "sources_per_tension",
    "speakers_per_tension",
]


def _grouped(pairs: Iterable[tuple[Any, str]]) -> dict[Any, list[str]]:
    groups: dict[Any, list[str]] = {}
    for key, tension_id in pairs:
        groups.setdefault(key, []).append(tension_id)
    return groups


def by_origin(framework: Framework) -> dict[str | None, list[str]]:
    """Group the contradictions' ids by origin (None: not given), in file order.

    >>> import referentiel as ref
    >>> by_origin(ref.load("examples/customer-relations.yaml"))
    {'organisation': ['c1', 'c2', 'c4', 'c5'], 'situation': ['c3', 'c6']}
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
    {None: ['c1', 'c2', 'c3', 'c4', 'c5', 'c6']}
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
        for side, pole in zip(t.SIDES, t.poles, strict=True):
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
        for side in t.SIDES:
            counts[(t.id, side.value)] = sum(
                1 for e in t.evidence if e.supports in (side, Side.BOTH)
            )
    return counts


def poles_without_evidence(framework: Framework) -> list[tuple[str, str]]:
    """List the poles no excerpt supports, as ``(tension id, side)``.

    >>> import referentiel as ref
    >>> poles_without_evidence(ref.load("examples/customer-relations.yaml"))[:3]
    [('c1', 'prescribed'), ('c1', 'real'), ('c3', 'prescribed')]
    """
    return [pole for pole, count in evidence_per_pole(framework).items() if count == 0]


def speakers_per_tension(framework: Framework) -> dict[str, list[str]]:
    """List the distinct speakers behind each tension, in order of first appearance.

    >>> import referentiel as ref
    >>> speakers_per_tension(ref.load("examples/customer-relations.yaml"))["c5"]
    ['C.', 'S.', 'B.']
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
    {'balas-touzet': ['c2', 'c6']}
    """
    tensions: dict[str, list[str]] = {}
    for t in framework.tensions:
        for source in dict.fromkeys(e.source for e in t.evidence if e.source):
            tensions.setdefault(source, []).append(t.id)
    return {s: ids for s, ids in tensions.items() if len(ids) > 1}


def most_linked(framework: Framework, n: int | None = None) -> list[tuple[str, int]]:
    """Rank the tensions by number of links (in and out), most first; ties in file order.

    >>> import referentiel as ref
    >>> import attrs
    >>> fw = ref.load("examples/customer-relations.yaml")
    >>> link = ref.Link(source="c5", target="c2", relation=ref.LinkKind.DERIVES_FROM)
    >>> most_linked(attrs.evolve(fw, links=(link,)), 2)
    [('c2', 1), ('c5', 1)]
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
    >>> import attrs
    >>> loop = [ref.Link(source=a, target=b, relation=ref.LinkKind.REINFORCES)
    ...         for a, b in (("c2", "c6"), ("c6", "c2"))]
    >>> link_cycles(attrs.evolve(fw, links=(*fw.links, *loop)))
    [['c2', 'c6']]
    """
    import networkx as nx  # noqa: PLC0415 - the one analysis that needs it: the others stay light

    graph: nx.DiGraph[str] = nx.DiGraph()
    graph.add_nodes_from(t.id for t in framework.tensions)
    graph.add_edges_from((link.source, link.target) for link in framework.links)
    order = {t.id: i for i, t in enumerate(framework.tensions)}
    cycles = []
    for cycle in nx.simple_cycles(graph):
        start = min(range(len(cycle)), key=lambda i: order.get(cycle[i], len(order)))
        cycles.append(cycle[start:] + cycle[:start])
    return sorted(cycles, key=lambda c: [order.get(i, len(order)) for i in c])


@attrs.frozen
class Analysis:
    """One analysis the command line runs: its name, what it tells, how it is computed."""

    name: str
    summary: str
    compute: Callable[[Framework], Any]


#: The analyses ``referentiel analyses`` prints, in order; each returns JSON-ready data.
ANALYSES: Final[tuple[Analysis, ...]] = (
    Analysis("evidence-per-tension", "excerpts backing each tension", evidence_per_tension),
    Analysis(
        "evidence-per-pole",
        "excerpts backing each pole (an excerpt for both poles counts for each)",
        lambda fw: {f"{t}.{side}": n for (t, side), n in evidence_per_pole(fw).items()},
    ),
    Analysis(
        "poles-without-evidence",
        "poles no excerpt backs",
        lambda fw: [f"{t}.{side}" for t, side in poles_without_evidence(fw)],
    ),
    Analysis(
        "by-origin",
        "contradictions by origin",
        lambda fw: {str(k) if k else "none": v for k, v in by_origin(fw).items()},
    ),
    Analysis("by-provenance", "tensions by how they are known", by_provenance),
    Analysis("shared-sources", "sources that back more than one tension", shared_sources),
    Analysis(
        "most-linked",
        "tensions by number of links, most first",
        lambda fw: dict(most_linked(fw)),
    ),
    Analysis("link-cycles", "cycles of links between tensions", link_cycles),
)


def run_analyses(framework: Framework) -> dict[str, Any]:
    """Return every analysis of :data:`ANALYSES` by name, as JSON-ready data.

    >>> import referentiel as ref
    >>> run_analyses(ref.load("examples/mixed.yaml"))["link-cycles"]
    [['c1', 'c2', 'd1']]
    """
    return {analysis.name: analysis.compute(framework) for analysis in ANALYSES}
