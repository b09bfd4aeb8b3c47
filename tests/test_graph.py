"""The networkx bridge of referentiel.graph: to_networkx and from_networkx."""

from __future__ import annotations

from pathlib import Path

import attrs
import networkx as nx
from hypothesis import HealthCheck, given, settings

import referentiel as ref
from referentiel.strategies import valid_frameworks

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
CUSTOMER = ref.load(EXAMPLES / "customer-relations.yaml")
KINE = ref.load(EXAMPLES / "kinesitherapy.yaml")


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(valid_frameworks())
def test_networkx_round_trip(framework: ref.Framework) -> None:
    assert ref.from_networkx(ref.to_networkx(framework)) == framework


def test_examples_round_trip() -> None:
    assert ref.from_networkx(ref.to_networkx(CUSTOMER)) == CUSTOMER
    assert ref.from_networkx(ref.to_networkx(KINE)) == KINE


def test_nodes_and_edges_of_the_customer_example() -> None:
    g = ref.to_networkx(CUSTOMER)
    kinds: dict[str, int] = {}
    for _, data in g.nodes(data=True):
        kinds[data["kind"]] = kinds.get(data["kind"], 0) + 1
    assert kinds == {"source": 6, "tension": 6, "pole": 12, "evidence": 7}
    assert g.graph["title"] == CUSTOMER.title
    c2 = g.nodes["tension:c2"]
    assert (c2["tension_kind"], c2["number"], c2["origin"]) == (
        "contradiction",
        2,
        ref.Origin.ORGANISATION,
    )
    assert g.has_edge("pole:c2:prescribed", "pole:c2:real", key="prescribed-real")
    assert g.has_edge("tension:c2", "pole:c2:real", key="has-pole")
    assert g.has_edge("evidence:c4:0", "pole:c4:real", key="supports")
    assert g.has_edge("evidence:c5:2", "source:is-b", key="cites")
    assert g.has_edge("evidence:c5:2", "tension:c5", key="supports")  # supports both poles
    assert g.nodes["evidence:c4:0"]["provenance"].status is ref.Status.RECONSTRUCTED
    assert g.nodes["tension:c3"]["origin_provenance"].status is ref.Status.RECONSTRUCTED
    linked = attrs.evolve(
        CUSTOMER, links=(ref.Link(source="c5", target="c2", relation=ref.LinkKind.DERIVES_FROM),)
    )
    assert ref.to_networkx(linked).has_edge("tension:c5", "tension:c2", key="derives-from")


def test_without_evidence() -> None:
    g = ref.to_networkx(CUSTOMER, evidence=False)
    assert not [n for n, d in g.nodes(data=True) if d["kind"] == "evidence"]
    back = ref.from_networkx(g)
    assert back == attrs.evolve(
        CUSTOMER, tensions=tuple(attrs.evolve(t, evidence=()) for t in CUSTOMER.tensions)
    )


def test_dilemma_poles_are_linked_first_to_second() -> None:
    g = ref.to_networkx(KINE)
    assert g.has_edge("pole:d1:first", "pole:d1:second", key="first-second")
    assert g.nodes["pole:d1:first"]["dimension"] is ref.Dimension.IMPERSONAL


def test_the_graph_is_usable_with_networkx_algorithms() -> None:
    g = ref.to_networkx(CUSTOMER)
    # the excerpt reaches the pole it supports and the source it cites, nothing else
    assert nx.descendants(g, "evidence:c4:0") == {"pole:c4:real", "source:double-tour"}
