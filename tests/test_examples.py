"""The shipped seed frameworks: content, counts, verbatim poles and quotes, provenance."""

from __future__ import annotations

from pathlib import Path

import pytest

import referentiel as ref

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.fixture(scope="module")
def customer() -> ref.Framework:
    return ref.load(EXAMPLES / "customer-relations.yaml")


@pytest.fixture(scope="module")
def kine() -> ref.Framework:
    return ref.load(EXAMPLES / "kinesitherapy.yaml")


@pytest.mark.parametrize("name", ["customer-relations.yaml", "kinesitherapy.yaml"])
def test_examples_have_no_issues(name: str) -> None:
    assert ref.check(EXAMPLES / name).issues == ()


@pytest.mark.parametrize("name", ["customer-relations.yaml", "kinesitherapy.yaml"])
def test_examples_carry_the_schema_line(name: str) -> None:
    first = (EXAMPLES / name).read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../src/referentiel/referentiel.schema.json"


def test_customer_relations_eight_contradictions(customer: ref.Framework) -> None:
    assert [c.number for c in customer.contradictions] == [1, 2, 3, 4, 5, 6, 7, 8]
    assert customer.dilemmas == ()
    by_origin = {
        o: [c.number for c in customer.contradictions if c.origin is o] for o in ref.Origin
    }
    assert by_origin == {ref.Origin.ORGANISATION: [1, 2, 4, 5], ref.Origin.SITUATION: [3, 6, 7, 8]}


def test_customer_relations_attested_poles_are_verbatim(customer: ref.Framework) -> None:
    attested = {
        c.number: (c.prescribed.label, c.real.label)
        for c in customer.contradictions
        if c.provenance.status is ref.Status.ATTESTED
    }
    assert attested == {
        2: ("Travail encadré par de multiples procédures", "Insécurité constante"),
        5: ("Respect des procédures", "Réalisation de son travail de conseiller"),
    }


def test_customer_relations_reconstructed_ones_quote_their_passage(customer: ref.Framework) -> None:
    for c in customer.contradictions:
        if c.number in (2, 5):
            continue
        assert c.provenance.status is ref.Status.RECONSTRUCTED
        assert c.provenance.source == "balas-touzet"
        assert (c.provenance.justification or "").startswith("«")


def test_customer_relations_every_pole_is_translated(customer: ref.Framework) -> None:
    for c in customer.contradictions:
        for pole in c.poles:
            assert pole.label_in("en") != pole.label


def test_customer_relations_the_three_is_excerpts(customer: ref.Framework) -> None:
    excerpts = {
        (e.speaker, e.date.isoformat() if e.date else None, t.number, e.supports.value): e.quote
        for t in customer.tensions
        for e in t.evidence
        if e.speaker
    }
    assert excerpts == {
        (
            "C.",
            "2021-11-30",
            5,
            "real",
        ): "Le but c'est de répondre à sa demande le plus rapidement possible et de faire en "
        "sorte qu'elle soit euh qu'elle soit... satisfaite ; C'est l'aider en fait",
        (
            "S.",
            "2022-01-25",
            1,
            "real",
        ): "C'est la frustration de ne pouvoir conduire une vraie relation avec un client. [...] "
        "Alors oui, je ressens une frustration {...} effectivement j'aurais pu être frustrée, "
        "enfin je pourrais être frustrée",
        (
            "B.",
            "2021-11-30",
            7,
            "real",
        ): "Il va y avoir des moments où tu vas avoir besoin de 3, 4, 5 minutes pour vérifier une "
        "information, ou valider ta GCC ou pour aller aux toilettes par exemple, donc ce sont "
        "des minutes que tu vas devoir rattraper, il faut tout le temps rattraper les minutes",
    }
    methods = {s.id: s.method for s in customer.sources}
    for t in customer.tensions:
        for e in t.evidence:
            if e.speaker:
                assert methods[e.source or ""] is ref.Method.INSTRUCTION_AU_SOSIE


def test_kinesitherapy_is_marked_illustrative_throughout(kine: ref.Framework) -> None:
    assert "ILLUSTRATIF" in (kine.description or "")
    assert "not found in any reachable source" in (kine.description or "")
    assert len(kine.dilemmas) == 4
    assert kine.contradictions == ()
    for d in kine.dilemmas:
        assert d.provenance.status is ref.Status.ILLUSTRATIVE
        assert all(p.dimension is not None for p in d.poles)
        for e in d.evidence:
            assert e.provenance is not None and e.provenance.status is ref.Status.ILLUSTRATIVE
            assert e.quote.startswith("[exemple illustratif]")
