"""The networkx bridge and the analyses."""

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


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
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
    assert kinds == {"source": 6, "tension": 8, "pole": 16, "evidence": 8}
    assert g.graph["title"] == CUSTOMER.title
    c2 = g.nodes["tension:c2"]
    assert (c2["tension_kind"], c2["number"], c2["origin"]) == (
        "contradiction",
        2,
        ref.Origin.ORGANISATION,
    )
    assert g.has_edge("pole:c2:prescribed", "pole:c2:real", key="prescribed-real")
    assert g.has_edge("tension:c2", "pole:c2:real", key="has-pole")
    assert g.has_edge("evidence:c7:0", "pole:c7:real", key="supports")
    assert g.has_edge("evidence:c7:0", "source:is-b", key="cites")
    assert g.has_edge("evidence:c2:0", "tension:c2", key="supports")  # supports both poles
    assert g.has_edge("tension:c6", "tension:c2", key="derives-from")
    edge = g.edges["tension:c6", "tension:c2", "derives-from"]
    assert edge["provenance"].status is ref.Status.RECONSTRUCTED


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
    assert nx.descendants(g, "evidence:c5:0") == {"pole:c5:real", "source:is-c"}


def test_analyses_on_the_customer_example() -> None:
    assert ref.by_origin(CUSTOMER) == {
        "organisation": ["c1", "c2", "c4", "c5"],
        "situation": ["c3", "c6", "c7", "c8"],
    }
    assert ref.by_provenance(CUSTOMER) == {
        "reconstructed": ["c1", "c3", "c4", "c6", "c7", "c8"],
        "attested": ["c2", "c5"],
    }
    assert ref.evidence_per_tension(CUSTOMER) == {
        "c1": 1,
        "c2": 2,
        "c3": 0,
        "c4": 1,
        "c5": 1,
        "c6": 1,
        "c7": 1,
        "c8": 1,
    }
    assert ref.poles_without_evidence(CUSTOMER) == [
        ("c1", "prescribed"),
        ("c3", "prescribed"),
        ("c3", "real"),
        ("c4", "prescribed"),
        ("c5", "prescribed"),
        ("c6", "prescribed"),
        ("c7", "prescribed"),
        ("c8", "prescribed"),
    ]
    assert ref.speakers_per_tension(CUSTOMER) == {
        "c1": ["S."],
        "c2": [],
        "c3": [],
        "c4": [],
        "c5": ["C."],
        "c6": [],
        "c7": ["B."],
        "c8": [],
    }
    assert ref.sources_per_tension(CUSTOMER)["c1"] == ["balas-touzet", "is-s"]
    assert ref.shared_sources(CUSTOMER) == {"balas-touzet": ["c2", "c6", "c8"]}
    assert ref.most_linked(CUSTOMER, 3) == [("c1", 1), ("c2", 1), ("c6", 1)]
    assert ref.link_cycles(CUSTOMER) == []


def test_dimensions_on_the_kinesitherapy_example() -> None:
    assert ref.by_dimension(KINE) == {
        "impersonal": [("d1", "first"), ("d3", "first")],
        "personal": [("d1", "second"), ("d3", "second")],
        "transpersonal": [("d2", "first"), ("d4", "first")],
        "interpersonal": [("d2", "second"), ("d4", "second")],
    }


def test_cycles_start_at_their_first_tension() -> None:
    loop = (
        ref.Link(source="c5", target="c2", relation=ref.LinkKind.REINFORCES),
        ref.Link(source="c2", target="c5", relation=ref.LinkKind.CONFLICTS_WITH),
    )
    fw = attrs.evolve(CUSTOMER, links=loop)
    assert ref.link_cycles(fw) == [["c2", "c5"]]


def test_analyses_do_not_mutate() -> None:
    before = ref.dumps_json(CUSTOMER)
    for analysis in (
        ref.by_origin,
        ref.by_provenance,
        ref.evidence_per_pole,
        ref.shared_sources,
        ref.link_cycles,
        ref.to_networkx,
    ):
        analysis(CUSTOMER)
    assert ref.dumps_json(CUSTOMER) == before
