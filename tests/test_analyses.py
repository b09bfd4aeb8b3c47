"""The analyses of referentiel.analyses: plain data back, nothing mutated."""

from __future__ import annotations

from pathlib import Path

import attrs

import referentiel as ref

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
CUSTOMER = ref.load(EXAMPLES / "customer-relations.yaml")
KINE = ref.load(EXAMPLES / "kinesitherapy.yaml")


def test_analyses_on_the_customer_example() -> None:
    assert ref.by_origin(CUSTOMER) == {
        "organisation": ["c1", "c2", "c4", "c5"],
        "situation": ["c3", "c6"],
    }
    assert ref.by_provenance(CUSTOMER) == {
        "reconstructed": ["c1", "c3", "c4", "c6"],
        "attested": ["c2", "c5"],
    }
    assert ref.evidence_per_tension(CUSTOMER) == {
        "c1": 0,
        "c2": 2,
        "c3": 0,
        "c4": 1,
        "c5": 3,
        "c6": 1,
    }
    assert ref.poles_without_evidence(CUSTOMER) == [
        ("c1", "prescribed"),
        ("c1", "real"),
        ("c3", "prescribed"),
        ("c3", "real"),
        ("c4", "prescribed"),
        ("c6", "prescribed"),
    ]
    assert ref.speakers_per_tension(CUSTOMER) == {
        "c1": [],
        "c2": [],
        "c3": [],
        "c4": [],
        "c5": ["C.", "S.", "B."],
        "c6": [],
    }
    assert ref.sources_per_tension(CUSTOMER)["c5"] == ["balas-touzet", "is-c", "is-s", "is-b"]
    assert ref.shared_sources(CUSTOMER) == {"balas-touzet": ["c2", "c6"]}
    linked = attrs.evolve(
        CUSTOMER, links=(ref.Link(source="c5", target="c2", relation=ref.LinkKind.DERIVES_FROM),)
    )
    assert ref.most_linked(linked, 3) == [("c2", 1), ("c5", 1), ("c1", 0)]
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
